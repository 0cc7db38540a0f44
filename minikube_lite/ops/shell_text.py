"""Text utilities of the simulated exec shell: printf, seq, grep, head, tail, wc, sort, uniq, test.

Pure functions over strings and the SimFS; no host process, no host file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from minikube_lite.ops.shell import LoopLimit, Streams

if TYPE_CHECKING:
    from minikube_lite.ops.shell import Shell


def unescape(text: str) -> tuple[str, bool]:
    """echo -e escapes; the bool is False after ``\\c`` (stop output)."""
    esc = {"n": "\n", "t": "\t", "\\": "\\", "a": "\a", "r": "\r", "0": "\0", "e": "\x1b"}
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "c":
                return "".join(out), False
            if nxt in esc:
                out.append(esc[nxt])
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out), True


def printf(sh: Shell, argv: list[str], io: Streams) -> int:
    if len(argv) < 2:
        io.err.write("printf: usage: printf format [arguments]\n")
        return 2
    fmt, args = unescape(argv[1])[0], argv[2:]
    specs = re.findall(r"%[-0-9.]*[sdbx%]", fmt)
    consumers = [s for s in specs if s != "%%"]
    while True:
        chunk, args = _format(fmt, args), args[len(consumers) :]
        io.out.write(chunk)
        if not args or not consumers:
            return 0


def _format(fmt: str, args: list[str]) -> str:
    it = iter(args)

    def sub(m: re.Match[str]) -> str:
        spec = m.group(0)
        if spec == "%%":
            return "%"
        val = next(it, "")
        if spec.endswith("d"):
            try:
                return (spec[:-1] + "d") % int(val or 0)
            except ValueError:
                return "0"
        if spec.endswith("b"):
            return unescape(val)[0]
        return (spec[:-1] + "s") % val

    return re.sub(r"%[-0-9.]*[sdbx%]", sub, fmt)


def seq(sh: Shell, argv: list[str], io: Streams) -> int:
    try:
        nums = [int(a) for a in argv[1:]]
    except ValueError:
        io.err.write(f"seq: invalid number '{next(a for a in argv[1:] if not a.lstrip('-').isdigit())}'\n")
        return 1
    if not 1 <= len(nums) <= 3:
        io.err.write("seq: missing operand\n")
        return 1
    first, inc, last = (1, 1, nums[0]) if len(nums) == 1 else (nums[0], 1, nums[1]) if len(nums) == 2 else tuple(nums)
    if inc == 0:
        return 1
    values = range(first, last + (1 if inc > 0 else -1), inc)
    if len(values) > 10_000:
        raise LoopLimit("seq produced more than 10000 numbers")
    io.out.write("".join(f"{n}\n" for n in values))
    return 0


def grep(sh: Shell, argv: list[str], io: Streams) -> int:
    flags, args = "", list[str]()
    for a in argv[1:]:
        if a.startswith("-") and len(a) > 1 and not args:
            flags += a[1:]
        else:
            args.append(a)
    if not args:
        io.err.write("grep: no pattern given\n" if sh.ctx.busybox else "Usage: grep [OPTION]... PATTERNS [FILE]...\n")
        return 2
    try:
        rx = re.compile(re.escape(args[0]) if "F" in flags else args[0], re.IGNORECASE if "i" in flags else 0)
    except re.error:
        io.err.write("grep: bad regex\n")
        return 2
    text = io.stdin if len(args) == 1 else "".join(sh.fs.read(p) for p in args[1:])
    lines = [ln for ln in text.splitlines() if bool(rx.search(ln)) != ("v" in flags)]
    if "q" in flags:
        return 0 if lines else 1
    if "c" in flags:
        io.out.write(f"{len(lines)}\n")
    elif "o" in flags and "v" not in flags:
        io.out.write("".join(m.group(0) + "\n" for ln in lines for m in rx.finditer(ln)))
    else:
        io.out.write("".join(ln + "\n" for ln in lines))
    return 0 if lines else 1


def _count(argv: list[str], default: int) -> tuple[int, list[str]]:
    n, rest, args = default, [], argv[1:]
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-n" and i + 1 < len(args):
            n, i = int(args[i + 1].lstrip("+") or 0), i + 2
            continue
        if re.fullmatch(r"-n?\d+", a):
            n = int(a.lstrip("-n"))
        else:
            rest.append(a)
        i += 1
    return n, rest


def head(sh: Shell, argv: list[str], io: Streams) -> int:
    n, files = _count(argv, 10)
    text = "".join(sh.fs.read(p) for p in files) if files else io.stdin
    io.out.write("".join(ln + "\n" for ln in text.splitlines()[:n]))
    return 0


def tail(sh: Shell, argv: list[str], io: Streams) -> int:
    n, files = _count(argv, 10)
    text = "".join(sh.fs.read(p) for p in files if p != "-f") if [p for p in files if p != "-f"] else io.stdin
    lines = text.splitlines()
    io.out.write("".join(ln + "\n" for ln in (lines[-n:] if n else [])))
    return 0


def wc(sh: Shell, argv: list[str], io: Streams) -> int:
    flags = "".join(a[1:] for a in argv[1:] if a.startswith("-")) or "lwc"
    files = [a for a in argv[1:] if not a.startswith("-")]
    text = "".join(sh.fs.read(p) for p in files) if files else io.stdin
    counts = {"l": text.count("\n"), "w": len(text.split()), "c": len(text.encode())}
    cells = [str(counts[f]) for f in "lwc" if f in flags]
    io.out.write((" ".join(f"{c:>7}" for c in cells) if len(cells) > 1 else cells[0]) + "\n")
    return 0


def sort(sh: Shell, argv: list[str], io: Streams) -> int:
    flags = "".join(a[1:] for a in argv[1:] if a.startswith("-"))
    lines = io.stdin.splitlines()
    key = (lambda s: float(re.match(r"\s*(-?\d+(\.\d+)?)?", s).group(1) or 0)) if "n" in flags else None  # type: ignore[union-attr]
    lines = sorted(lines, key=key, reverse="r" in flags)
    if "u" in flags:
        lines = list(dict.fromkeys(lines))
    io.out.write("".join(ln + "\n" for ln in lines))
    return 0


def uniq(sh: Shell, argv: list[str], io: Streams) -> int:
    groups: list[list[str]] = []
    for ln in io.stdin.splitlines():
        if groups and groups[-1][0] == ln:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    counted = "-c" in argv[1:]
    io.out.write("".join((f"{len(g):>7} {g[0]}\n" if counted else g[0] + "\n") for g in groups))
    return 0


def test(sh: Shell, argv: list[str], io: Streams) -> int:
    args = argv[1:]
    if argv[0] == "[":
        if not args or args[-1] != "]":
            io.err.write(f"{sh.prefix()}[: missing ]\n")
            return 2
        args = args[:-1]
    negate = bool(args) and args[0] == "!"
    if negate:
        args = args[1:]
    result = _test(sh, args)
    return 0 if result != negate else 1


def _test(sh: Shell, a: list[str]) -> bool:
    if not a:
        return False
    if len(a) == 1:
        return a[0] != ""
    if len(a) == 2:
        op, x = a
        checks = {"-z": lambda: x == "", "-n": lambda: x != "", "-e": lambda: sh.fs.exists(x), "-f": lambda: sh.fs.exists(x) and not sh.fs.is_dir(x), "-d": lambda: sh.fs.is_dir(x), "-s": lambda: sh.fs.exists(x) and not sh.fs.is_dir(x) and sh.fs.read(x) != ""}
        return checks.get(op, lambda: False)()
    x, op, y = a[0], a[1], a[2]
    if op in ("=", "=="):
        return x == y
    if op == "!=":
        return x != y
    nums = {"-eq": lambda p, q: p == q, "-ne": lambda p, q: p != q, "-lt": lambda p, q: p < q, "-le": lambda p, q: p <= q, "-gt": lambda p, q: p > q, "-ge": lambda p, q: p >= q}
    try:
        return nums[op](int(x), int(y)) if op in nums else False
    except ValueError:
        return False


_ARITH_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|&&|\|\||[-+*/%()<>!]))")
_BINARY = [("||",), ("&&",), ("==", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%")]


def arith(expr: str, variables: dict[str, str]) -> int:
    """``$(( ))``: integer arithmetic with variables, + - * / % comparisons && || ! and parentheses."""
    tokens: list[str] = []
    pos = 0
    while pos < len(expr.rstrip()):
        m = _ARITH_TOKEN.match(expr, pos)
        if m is None or m.end() == pos:
            raise ValueError("syntax error")
        num, name, op = m.groups()
        tokens.append(num or (str(_int(variables.get(name, "0"))) if name else op))
        pos = m.end()
    value, rest = _binary(tokens, 0)
    if rest:
        raise ValueError("syntax error")
    return value


def _int(text: str) -> int:
    try:
        return int(text or 0)
    except ValueError:
        raise ValueError("Illegal number") from None


def _binary(toks: list[str], level: int) -> tuple[int, list[str]]:
    if level == len(_BINARY):
        return _unary(toks)
    left, toks = _binary(toks, level + 1)
    while toks and toks[0] in _BINARY[level]:
        op = toks[0]
        right, toks = _binary(toks[1:], level + 1)
        left = _apply(op, left, right)
    return left, toks


def _apply(op: str, a: int, b: int) -> int:
    if op in ("/", "%") and b == 0:
        raise ValueError("division by zero")
    table = {
        "+": a + b, "-": a - b, "*": a * b,
        "/": int(a / b) if b else 0,
        "%": a - b * int(a / b) if b else 0,
        "<": int(a < b), "<=": int(a <= b), ">": int(a > b), ">=": int(a >= b), "==": int(a == b), "!=": int(a != b),
        "&&": int(bool(a) and bool(b)), "||": int(bool(a) or bool(b)),
    }
    return table[op]


def _unary(toks: list[str]) -> tuple[int, list[str]]:
    if not toks:
        raise ValueError("syntax error")
    head, rest = toks[0], toks[1:]
    if head in ("-", "+", "!"):
        value, rest = _unary(rest)
        return (-value if head == "-" else int(not value) if head == "!" else value), rest
    if head == "(":
        value, rest = _binary(rest, 0)
        if not rest or rest[0] != ")":
            raise ValueError("missing ')'")
        return value, rest[1:]
    if head.lstrip("-").isdigit():
        return int(head), rest
    raise ValueError("syntax error")
