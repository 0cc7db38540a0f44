"""Declarative command and flag definitions (data only; no imports of handlers)."""

from __future__ import annotations

from minikube_lite.records import dataclass, field


@dataclass(frozen=True, slots=True)
class Flag:
    name: str
    short: str = ""
    kind: str = "str"  # str | bool | int | list | slice (comma-separated list) | tristate
    default: object = None
    help: str = ""
    no_opt: str | None = None  # value when given bare (bools: "true")
    hidden: bool = False
    metavar: str = ""


@dataclass(slots=True, kw_only=True)
class Command:
    """One command of the tree (a row of cli/commands.py): its words, flags, help, handler."""

    name: str
    short: str
    handler: str = ""  # "module:function" under minikube_lite.cli
    usage: str = ""
    flags: tuple[Flag, ...] = ()
    examples: str = ""
    long: str = ""
    aliases: tuple[str, ...] = ()
    children: dict[str, Command] = field(default_factory=dict)
    group: str = ""
    record: bool = False  # accepts --record

    def child(self, word: str) -> Command | None:
        c = self.children.get(word)
        if c is not None:
            return c
        for ch in self.children.values():
            if word in ch.aliases:
                return ch
        return None


def bool_flag(
    name: str, short: str = "", help: str = "", default: bool = False, hidden: bool = False
) -> Flag:
    """A boolean flag (bare ``--name`` means true)."""
    return Flag(name, short, "bool", default, help, "true", hidden)


def str_flag(
    name: str,
    short: str = "",
    help: str = "",
    default: str | None = None,
    metavar: str = "",
    hidden: bool = False,
) -> Flag:
    """A string flag."""
    return Flag(name, short, "str", default, help, None, hidden, metavar)


def int_flag(name: str, short: str = "", help: str = "", default: int | None = None) -> Flag:
    """An integer flag."""
    return Flag(name, short, "int", default, help)


def list_flag(name: str, short: str = "", help: str = "") -> Flag:
    """A repeatable (string slice) flag."""
    return Flag(name, short, "list", None, help)


def slice_flag(name: str, short: str = "", help: str = "") -> Flag:
    """A repeatable flag whose every value is also split at commas (pflag's StringSlice)."""
    return Flag(name, short, "slice", None, help)
