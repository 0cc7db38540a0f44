"""Text utilities of the simulated exec shell: printf, seq, grep, head, tail, wc, sort, uniq, test.

Pure functions over strings and the SimFS; no host process, no host file.  What they produce is
bounded: ``printf`` refuses a width or precision past ``MAX_VALUE`` (out of memory), ``seq`` stops
past ``MAX_SEQ`` numbers, and ``$(( ))`` is 64-bit signed arithmetic as in dash and busybox.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from minikube_lite.ops.shell import LoopLimit, Streams
from minikube_lite.sandbox.shell_io import check_size

if TYPE_CHECKING:
    from minikube_lite.ops.shell import Shell

MAX_SEQ = 10_000
INT_MIN, INT_MAX = -(1 << 63), (1 << 63) - 1
MAX_PARENS = 32  # ( ) nesting inside one $(( ))


_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "a": "\a", "r": "\r", "0": "\0", "e": "\x1b"}
_ESCAPE_RE = re.compile(r"\\(.)", re.S)


def unescape(text: str) -> tuple[str, bool]:
    """echo -e escapes; the bool is False after ``\\c`` (stop output)."""
    if "\\" not in text:
        return text, True
    out: list[str] = []
    pos = 0
    for m in _ESCAPE_RE.finditer(text):
        out.append(text[pos : m.start()])
        if m.group(1) == "c":
            return "".join(out), False
        out.append(_ESCAPES.get(m.group(1), m.group(0)))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), True


FORMAT_RE = re.compile(r"%(-?)(0?)(\d*)(?:\.(\d*))?([sdbx%])")


def printf(sh: Shell, argv: list[str], io: Streams) -> int:
    if len(argv) < 2:
        io.err.write("printf: usage: printf format [arguments]\n")
        return 2
    fmt, args = unescape(argv[1])[0], argv[2:]
    consumers = [m for m in FORMAT_RE.finditer(fmt) if m.group(5) != "%"]
    for m in consumers:  # a width or precision is memory the real printf would have to allocate
        check_size(max(int(m.group(3) or 0), int(m.group(4) or 0)))
    while True:
        chunk, args = _format(fmt, args), args[len(consumers) :]
        io.out.write(chunk)
        if not args or not consumers:
            return 0


def _format(fmt: str, args: list[str]) -> str:
    it = iter(args)

    def sub(m: re.Match[str]) -> str:
        left, zero, width, prec, conv = m.groups()
        if conv == "%":
            return "%"
        val = next(it, "")
        if conv in "dx":
            try:
                num = _wrap(int(val or 0))
            except ValueError:
                num = 0
            text = format(num & 0xFFFFFFFFFFFFFFFF, "x") if conv == "x" else str(num)
            if prec:
                sign = "-" if text.startswith("-") else ""
                text = sign + text.lstrip("-").rjust(int(prec), "0")
            pad = "0" if zero and not left and prec is None else " "
        else:
            text = unescape(val)[0] if conv == "b" else val
            text = text[: int(prec or 0)] if prec is not None else text
            pad = " "
        w = int(width or 0)
        if left:
            return text.ljust(w)
        if pad == "0" and text.startswith("-"):
            return "-" + text[1:].rjust(w - 1, "0")
        return text.rjust(w, pad)

    return FORMAT_RE.sub(sub, fmt)


def seq(sh: Shell, argv: list[str], io: Streams) -> int:
    try:
        nums = [int(a) for a in argv[1:] if len(a) < 40]
    except ValueError:
        nums = []
    if len(nums) != len(argv) - 1:
        bad = next((a for a in argv[1:] if len(a) >= 40 or not a.lstrip("-").isdigit()), argv[-1])
        io.err.write(f"seq: invalid number '{bad}'\n")
        return 1
    if not 1 <= len(nums) <= 3:
        io.err.write("seq: missing operand\n")
        return 1
    first, inc, last = (1, 1, nums[0]) if len(nums) == 1 else (nums[0], 1, nums[1]) if len(nums) == 2 else tuple(nums)
    if inc == 0:
        return 1
    count = max(0, (last - first) // inc + 1)  # floor division works for both directions
    if count > MAX_SEQ:
        raise LoopLimit(f"seq produced more than {MAX_SEQ} numbers")
    io.out.write("".join(f"{first + i * inc}\n" for i in range(count)))
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


def _wrap(v: int) -> int:
    """Two's complement 64-bit overflow, as C's intmax_t in dash and busybox."""
    return ((v - INT_MIN) & 0xFFFFFFFFFFFFFFFF) + INT_MIN


def _saturate(digits: str) -> int:
    """strtoimax: a number past the 64-bit range reads as the largest one."""
    digits = digits.lstrip("0") or "0"
    return INT_MAX if len(digits) > 19 else min(int(digits), INT_MAX)


def arith(expr: str, variables: dict[str, str]) -> int:
    """``$(( ))``: integer arithmetic with variables, + - * / % comparisons && || ! and parentheses."""
    tokens: list[str] = []
    pos, end = 0, len(expr.rstrip())
    while pos < end:
        m = _ARITH_TOKEN.match(expr, pos)
        if m is None or m.end() == pos:
            raise ValueError("syntax error")
        num, name, op = m.groups()
        tokens.append(str(_saturate(num)) if num else str(_int(variables.get(name, "0"))) if name else op)
        pos = m.end()
    parser = _Arith(tokens)
    value = parser.binary(0)
    if parser.i != len(tokens):
        raise ValueError("syntax error")
    return value


def _int(text: str) -> int:
    m = re.fullmatch(r"\s*([-+]?)(\d+)\s*", text or "0")
    if m is None:
        raise ValueError("Illegal number")
    value = _saturate(m.group(2))
    return -value if m.group(1) == "-" else value


class _Arith:
    """Precedence climbing over the token list by index (no copies: linear in the expression)."""

    def __init__(self, toks: list[str]) -> None:
        self.toks, self.i, self.parens = toks, 0, 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def binary(self, level: int) -> int:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _BINARY[level]:
            op = self.toks[self.i]
            self.i += 1
            left = _apply(op, left, self.binary(level + 1))
        return left

    def unary(self) -> int:
        signs: list[str] = []
        while self.peek() in ("-", "+", "!"):
            signs.append(self.toks[self.i])
            self.i += 1
        value = self.primary()
        for sign in reversed(signs):
            value = _wrap(-value) if sign == "-" else int(not value) if sign == "!" else value
        return value

    def primary(self) -> int:
        head = self.peek()
        if head is None:
            raise ValueError("syntax error")
        self.i += 1
        if head == "(":
            self.parens += 1
            if self.parens > MAX_PARENS:
                raise ValueError("expression nested too deeply")
            value = self.binary(0)
            if self.peek() != ")":
                raise ValueError("missing ')'")
            self.i += 1
            self.parens -= 1
            return value
        if head.lstrip("-").isdigit():
            return int(head)
        raise ValueError("syntax error")


def _apply(op: str, a: int, b: int) -> int:
    if op in ("/", "%"):
        if b == 0:
            raise ValueError("division by zero")
        q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)  # C truncates toward zero
        return _wrap(q) if op == "/" else _wrap(a - b * q)
    table = {
        "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
        "<": lambda: int(a < b), "<=": lambda: int(a <= b), ">": lambda: int(a > b), ">=": lambda: int(a >= b),
        "==": lambda: int(a == b), "!=": lambda: int(a != b),
        "&&": lambda: int(bool(a) and bool(b)), "||": lambda: int(bool(a) or bool(b)),
    }
    return _wrap(table[op]())
