"""kubectl's flag grammar (spf13/pflag semantics), fast and dependency-free.

Flags may appear anywhere; ``--name=value`` and ``--name value``; ``-n value`` and ``-nvalue``;
bundled short booleans (``-it``); ``--`` ends flag parsing.  The order in which flags were typed is
kept, because ``--record`` writes them back in that order (record_flags.go).
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.cli.spec import Command, Flag
from minikube_lite.records import dataclass, field


@dataclass(slots=True)
class Parsed:
    command: Command
    path: list[str]  # command words, e.g. ["rollout", "undo"]
    args: list[str]
    flags: dict[str, Any]
    typed: list[tuple[str, str]] = field(default_factory=list)  # (long name, value as typed)
    dash_at: int = -1  # index in args where "--" was seen


def find_command(
    root: Command, argv: list[str], global_flags: dict[str, Flag]
) -> tuple[Command, list[str]]:
    """Walk command words (skipping flags and their values) to the deepest matching command."""
    cmd, path, idx = root, [], 0
    while idx < len(argv):
        tok = argv[idx]
        if tok == "--":
            break
        if tok.startswith("-") and tok != "-":
            fm = {**global_flags, **_flagmap(cmd)}
            idx += 1 if ("=" in tok or not _takes_value(tok, fm)) else 2
            continue
        nxt = cmd.child(tok)
        if nxt is None:
            break
        cmd = nxt
        path.append(tok)
        idx += 1
    return cmd, path


def _takes_value(tok: str, flags: dict[str, Flag]) -> bool:
    f = _lookup(tok, flags)
    return f is not None and f.kind != "bool"


def _lookup(tok: str, flags: dict[str, Flag]) -> Flag | None:
    if tok.startswith("--"):
        return flags.get(tok[2:].split("=", 1)[0])
    if len(tok) >= 2:
        return flags.get("-" + tok[1])
    return None


def _flagmap(cmd: Command) -> dict[str, Flag]:
    out: dict[str, Flag] = {}
    for f in cmd.flags:
        out[f.name] = f
        if f.short:
            out["-" + f.short] = f
    return out


def parse(
    cmd: Command, path: list[str], argv: list[str], global_flags: tuple[Flag, ...], prog: str
) -> Parsed:
    """Parse argv (command words included) against the command's and the global flags."""
    fmap = _flagmap(cmd)
    for f in global_flags:
        fmap.setdefault(f.name, f)
        if f.short:
            fmap.setdefault("-" + f.short, f)
    words = list(path)
    p = Parsed(cmd, path, [], {})
    cmd_path = " ".join([prog, *path])
    i = 0
    while i < len(argv):
        tok = argv[i]
        i += 1
        if tok == "--":
            p.dash_at = len(p.args)
            p.args.extend(argv[i:])
            break
        if words and tok == words[0]:
            words.pop(0)
            continue
        if tok.startswith("--"):
            i = _long(tok, argv, i, fmap, p, cmd_path)
        elif tok.startswith("-") and tok != "-":
            i = _short(tok, argv, i, fmap, p, cmd_path)
        else:
            p.args.append(tok)
    for f in list(fmap.values()):
        p.flags.setdefault(f.name, f.default)
    return p


def _long(
    tok: str, argv: list[str], i: int, fmap: dict[str, Flag], p: Parsed, cmd_path: str
) -> int:
    name, eq, val = tok[2:].partition("=")
    f = fmap.get(name)
    if f is None or name.startswith("-"):
        raise errors.UsageError(f"unknown flag: --{name}", cmd_path, flag_error=True)
    if not eq:
        if f.no_opt is not None:
            val = f.no_opt
        elif i < len(argv):
            val, i = argv[i], i + 1
        else:
            raise errors.UsageError(f"flag needs an argument: --{name}", cmd_path, flag_error=True)
    _set(f, val, p, cmd_path, f"--{name}")
    return i


def _short(
    tok: str, argv: list[str], i: int, fmap: dict[str, Flag], p: Parsed, cmd_path: str
) -> int:
    chars = tok[1:]
    j = 0
    while j < len(chars):
        c = chars[j]
        f = fmap.get("-" + c)
        if f is None:
            raise errors.UsageError(
                f"unknown shorthand flag: '{c}' in {tok}", cmd_path, flag_error=True
            )
        rest = chars[j + 1 :]
        if f.kind == "bool":
            if rest.startswith("="):
                _set(f, rest[1:], p, cmd_path, f"-{c}")
                return i
            _set(f, "true", p, cmd_path, f"-{c}")
            j += 1
            continue
        if rest:
            _set(f, rest[1:] if rest.startswith("=") else rest, p, cmd_path, f"-{c}")
        elif i < len(argv):
            _set(f, argv[i], p, cmd_path, f"-{c}")
            i += 1
        else:
            raise errors.UsageError(
                f"flag needs an argument: '{c}' in -{c}", cmd_path, flag_error=True
            )
        return i
    return i


def _set(f: Flag, raw: str, p: Parsed, cmd_path: str, shown: str) -> None:
    p.typed.append((f.name, raw))
    if f.kind == "bool":
        low = raw.lower()
        if low in ("true", "t", "1"):
            p.flags[f.name] = True
        elif low in ("false", "f", "0"):
            p.flags[f.name] = False
        else:
            raise errors.UsageError(
                f'invalid argument "{raw}" for "{shown}" flag: '
                f'strconv.ParseBool: parsing "{raw}": invalid syntax',
                cmd_path,
                flag_error=True,
            )
    elif f.kind == "int":
        try:
            p.flags[f.name] = int(raw)
        except ValueError:
            raise errors.UsageError(
                f'invalid argument "{raw}" for "{shown}" flag: '
                f'strconv.ParseInt: parsing "{raw}": invalid syntax',
                cmd_path,
                flag_error=True,
            ) from None
    elif f.kind == "list":
        cur = p.flags.get(f.name) or []
        p.flags[f.name] = [*cur, raw]
    elif f.kind == "slice":  # pflag StringSlice: each value is a CSV record
        cur = p.flags.get(f.name) or []
        p.flags[f.name] = [*cur, *_csv_record(raw)]
    else:
        p.flags[f.name] = raw


def _csv_record(raw: str) -> list[str]:
    """pflag's readAsCSV: one CSV record (``a,b`` is two values, ``"a,b"`` one); empty is none."""
    if not raw:
        return []
    if '"' not in raw:
        return raw.split(",")
    import csv

    return next(csv.reader([raw]), [])
