"""``$(( ))`` of the simulated exec shell: 64-bit signed arithmetic as in dash and busybox.

Pure and bounded: numbers wrap like C's ``intmax_t``, literals past the range saturate as
``strtoimax`` does, and parentheses nest at most ``MAX_PARENS`` deep.
"""

from __future__ import annotations

import re

INT_MIN, INT_MAX = -(1 << 63), (1 << 63) - 1
MAX_PARENS = 32  # ( ) nesting inside one $(( ))

_ARITH_TOKEN = re.compile(
    r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|&&|\|\||[-+*/%()<>!]))"
)
_BINARY = [("||",), ("&&",), ("==", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%")]


def wrap(v: int) -> int:
    """Two's complement 64-bit overflow, as C's intmax_t in dash and busybox."""
    return ((v - INT_MIN) & 0xFFFFFFFFFFFFFFFF) + INT_MIN


def _saturate(digits: str) -> int:
    """strtoimax: a number past the 64-bit range reads as the largest one."""
    digits = digits.lstrip("0") or "0"
    return INT_MAX if len(digits) > 19 else min(int(digits), INT_MAX)


def arith(expr: str, variables: dict[str, str]) -> int:
    """``$(( ))``: integer arithmetic: variables, + - * / % comparisons && || ! parentheses."""
    tokens: list[str] = []
    pos, end = 0, len(expr.rstrip())
    while pos < end:
        m = _ARITH_TOKEN.match(expr, pos)
        if m is None or m.end() == pos:
            raise ValueError("syntax error")
        num, name, op = m.groups()
        tokens.append(
            str(_saturate(num)) if num else str(_int(variables.get(name, "0"))) if name else op
        )
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
            value = wrap(-value) if sign == "-" else int(not value) if sign == "!" else value
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
        return wrap(q) if op == "/" else wrap(a - b * q)
    table = {
        "+": lambda: a + b,
        "-": lambda: a - b,
        "*": lambda: a * b,
        "<": lambda: int(a < b),
        "<=": lambda: int(a <= b),
        ">": lambda: int(a > b),
        ">=": lambda: int(a >= b),
        "==": lambda: int(a == b),
        "!=": lambda: int(a != b),
        "&&": lambda: int(bool(a) and bool(b)),
        "||": lambda: int(bool(a) or bool(b)),
    }
    return wrap(table[op]())
