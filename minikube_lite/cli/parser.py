"""kubectl's flag grammar (spf13/pflag semantics), fast and dependency-free.

Flags may appear anywhere; ``--name=value`` and ``--name value``; ``-n value`` and ``-nvalue``;
bundled short booleans (``-it``); ``--`` ends flag parsing.  The order in which flags were typed is
kept, because ``--record`` writes them back in that order (record_flags.go).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli.spec import Command, Flag
from minikube_lite.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
            attached = not tok.startswith("--") and len(tok) > 2  # -ndev: cobra's stripFlags
            idx += 1 if ("=" in tok or attached or not _takes_value(tok, fm)) else 2
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
    if not name or name.startswith("-"):
        raise errors.UsageError(f"bad flag syntax: {tok}", cmd_path, flag_error=True)
    f = fmap.get(name)
    if f is None:
        raise errors.UsageError(f"unknown flag: --{name}", cmd_path, flag_error=True)
    if not eq:
        if f.no_opt is not None:
            val = f.no_opt
        elif i < len(argv):
            val, i = argv[i], i + 1
        else:
            raise errors.UsageError(f"flag needs an argument: --{name}", cmd_path, flag_error=True)
    _set(f, val, p, cmd_path)
    return i


def _short(
    tok: str, argv: list[str], i: int, fmap: dict[str, Flag], p: Parsed, cmd_path: str
) -> int:
    """pflag's parseShortArg / parseSingleShortArg over a bundle of shorthands."""
    chars = tok[1:]
    j = 0
    while j < len(chars):
        c, shorthands = chars[j], chars[j:]
        f = fmap.get("-" + c)
        if f is None:
            raise errors.UsageError(
                f"unknown shorthand flag: '{c}' in -{shorthands}", cmd_path, flag_error=True
            )
        if len(shorthands) > 2 and shorthands[1] == "=":  # -f=arg
            _set(f, shorthands[2:], p, cmd_path)
            return i
        if f.no_opt is not None:  # -f (the value is optional)
            _set(f, f.no_opt, p, cmd_path)
            j += 1
            continue
        if len(shorthands) > 1:  # -farg
            _set(f, shorthands[1:], p, cmd_path)
        elif i < len(argv):  # -f arg
            _set(f, argv[i], p, cmd_path)
            i += 1
        else:
            raise errors.UsageError(
                f"flag needs an argument: '{c}' in -{shorthands}", cmd_path, flag_error=True
            )
        return i
    return i


# strconv.ParseBool's spellings, and nothing else.
_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


def flag_display_name(f: Flag) -> str:
    """How pflag names a flag in its errors: ``-r, --replicas`` when it has a shorthand."""
    return f"-{f.short}, --{f.name}" if f.short else f"--{f.name}"


def _set(f: Flag, raw: str, p: Parsed, cmd_path: str) -> None:
    p.typed.append((f.name, raw))
    shown = flag_display_name(f)
    if f.kind == "bool":
        if raw in _TRUE:
            p.flags[f.name] = True
        elif raw in _FALSE:
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
            p.flags[f.name] = parse_int(raw)
        except ValueError as e:
            raise errors.UsageError(
                f'invalid argument "{raw}" for "{shown}" flag: '
                f'strconv.ParseInt: parsing "{raw}": {e}',
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


_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}


def parse_int(raw: str) -> int:
    """strconv.ParseInt(raw, 0, 64), as pflag reads int flags: an optional sign, a 0x / 0o / 0b
    / 0 base prefix, underscores between digits, ASCII only; ValueError("invalid syntax") or
    ValueError("value out of range")."""
    body = raw[1:] if raw[:1] in ("+", "-") else raw
    base, digits = 10, body
    if len(body) >= 2 and body[0] == "0" and body[1] in "xXoObB":
        base, digits = {"x": 16, "o": 8, "b": 2}[body[1].lower()], body[2:]
    elif len(body) >= 2 and body[0] == "0":
        base, digits = 8, body[1:]
    if "_" in body and not _underscore_ok(body):
        raise ValueError("invalid syntax")
    digits = digits.replace("_", "")
    if not digits or any(c not in _DIGITS[base] for c in digits):
        raise ValueError("invalid syntax")
    value = int(digits, base) * (-1 if raw.startswith("-") else 1)
    if not -(2**63) <= value < 2**63:
        raise ValueError("value out of range")
    return value


def _underscore_ok(s: str) -> bool:
    """strconv's underscoreOK: each underscore sits between digits (a base prefix counts)."""
    saw, i, hexa = "^", 0, False
    if len(s) >= 2 and s[0] == "0" and s[1].lower() in "box":
        i, saw, hexa = 2, "0", s[1].lower() == "x"
    for ch in s[i:]:
        if (ch.isdigit() and ch.isascii()) or (hexa and ch.lower() in "abcdef"):
            saw = "0"
        elif ch == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def _csv_record(raw: str) -> list[str]:
    """pflag's readAsCSV: one CSV record (``a,b`` is two values, ``"a,b"`` one); empty is none."""
    if not raw:
        return []
    if '"' not in raw:
        return raw.split(",")
    import csv

    return next(csv.reader([raw]), [])
