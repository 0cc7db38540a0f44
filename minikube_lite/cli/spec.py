"""Declarative command and flag definitions (data only; no imports of handlers)."""

from __future__ import annotations

from minikube_lite.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, ItemsView, Iterator, KeysView, ValuesView
    from typing import Any


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
    # A group typed without a subcommand: "" prints its help (exit 0); "out" or "err" prints it
    # on that stream and exits 1, as kubectl's groups do (cmdutil.DefaultSubCommandRun).
    bare_help: str = ""

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


class LazyChildren(dict[str, Command]):
    """A command's children, some of them built on first use by ``load()`` (a command line
    that never looks at them, ``mkl get pods``, does not pay to import and build their rows)."""

    __slots__ = ("_load",)

    def __init__(self, rows: dict[str, Command], load: Callable[[], dict[str, Command]]) -> None:
        super().__init__(rows)
        self._load: Callable[[], dict[str, Command]] | None = load

    def _full(self) -> LazyChildren:
        if self._load is not None:
            load, self._load = self._load, None
            super().update(load())
        return self

    def __getitem__(self, key: str) -> Command:
        return super(LazyChildren, self._full()).__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        return super(LazyChildren, self._full()).get(key, default)

    def __contains__(self, key: object) -> bool:
        return super(LazyChildren, self._full()).__contains__(key)

    def __iter__(self) -> Iterator[str]:
        return super(LazyChildren, self._full()).__iter__()

    def __len__(self) -> int:
        return super(LazyChildren, self._full()).__len__()

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        return super(LazyChildren, self._full()).keys()

    def values(self) -> ValuesView[Command]:  # type: ignore[override]
        return super(LazyChildren, self._full()).values()

    def items(self) -> ItemsView[str, Command]:  # type: ignore[override]
        return super(LazyChildren, self._full()).items()
