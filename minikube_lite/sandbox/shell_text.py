"""Text utilities of the simulated exec shell: printf, seq, grep, head, tail, wc, sort, uniq, test.

Pure functions over strings and the SimFS; no host process, no host file.  What they produce is
bounded: ``printf`` refuses a width or precision past ``MAX_VALUE`` (out of memory) and ``seq``
stops past ``MAX_SEQ`` numbers.
"""

from __future__ import annotations

import re

from minikube_lite.sandbox.shell import Shell
from minikube_lite.sandbox.shell_arith import wrap
from minikube_lite.sandbox.shell_io import LoopLimit, Streams, check_size

MAX_SEQ = 10_000


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
                num = wrap(int(val or 0))
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
    first, inc, last = (
        (1, 1, nums[0])
        if len(nums) == 1
        else (nums[0], 1, nums[1])
        if len(nums) == 2
        else tuple(nums)
    )
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
        io.err.write(
            "grep: no pattern given\n"
            if sh.ctx.busybox
            else "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
        )
        return 2
    try:
        rx = re.compile(
            re.escape(args[0]) if "F" in flags else args[0], re.IGNORECASE if "i" in flags else 0
        )
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
    text = (
        "".join(sh.fs.read(p) for p in files if p != "-f")
        if [p for p in files if p != "-f"]
        else io.stdin
    )
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


def _numeric_prefix(line: str) -> float:
    """sort -n's key: the leading number after blanks, 0 when there is none."""
    m = re.match(r"\s*(-?\d+(\.\d+)?)?", line)
    return float(m.group(1) or 0) if m else 0.0


def sort(sh: Shell, argv: list[str], io: Streams) -> int:
    flags = "".join(a[1:] for a in argv[1:] if a.startswith("-"))
    lines = io.stdin.splitlines()
    key = _numeric_prefix if "n" in flags else None
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
        checks = {
            "-z": lambda: x == "",
            "-n": lambda: x != "",
            "-e": lambda: sh.fs.exists(x),
            "-f": lambda: sh.fs.exists(x) and not sh.fs.is_dir(x),
            "-d": lambda: sh.fs.is_dir(x),
            "-s": lambda: sh.fs.exists(x) and not sh.fs.is_dir(x) and sh.fs.read(x) != "",
        }
        return checks.get(op, lambda: False)()
    x, op, y = a[0], a[1], a[2]
    if op in ("=", "=="):
        return x == y
    if op == "!=":
        return x != y
    nums = {
        "-eq": lambda p, q: p == q,
        "-ne": lambda p, q: p != q,
        "-lt": lambda p, q: p < q,
        "-le": lambda p, q: p <= q,
        "-gt": lambda p, q: p > q,
        "-ge": lambda p, q: p >= q,
    }
    try:
        return nums[op](int(x), int(y)) if op in nums else False
    except ValueError:
        return False
