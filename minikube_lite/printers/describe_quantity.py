"""Just enough of apimachinery ``resource.Quantity`` for the printers: parse, canonical ``String()``,
``Value()``/``MilliValue()`` and ``NewQuantity`` (quantity.go, amount.go)."""

from __future__ import annotations

import math
import re
from fractions import Fraction

_RE = re.compile(r"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")
_DEC = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_BIN = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DEC_SUFFIX = {v: k for k, v in _DEC.items()}
_BIN_SUFFIX = {v: k for k, v in _BIN.items()}

DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT = "DecimalSI", "BinarySI", "DecimalExponent"


class Quantity:
    """An exact value plus the format it was written in."""

    __slots__ = ("fmt", "value")

    def __init__(self, value: Fraction, fmt: str = DECIMAL_SI) -> None:
        self.value = value
        self.fmt = fmt

    def __str__(self) -> str:
        return canonical(self)

    def milli_value(self) -> int:
        """Mirrors Quantity.MilliValue (rounds up)."""
        return math.ceil(self.value * 1000)

    def int_value(self) -> int:
        """Mirrors Quantity.Value (rounds up)."""
        return math.ceil(self.value)


def parse(text: object) -> Quantity | None:
    """Mirrors resource.ParseQuantity (values rounded up to nano); None when malformed."""
    s = str(text).strip() if text is not None else ""
    m = _RE.match(s)
    if not m or s in ("", "+", "-"):
        return None
    try:
        number = Fraction(m.group(1))
    except (ValueError, ZeroDivisionError):
        return None
    suffix = m.group(2)
    if suffix in _DEC:
        q = Quantity(number * Fraction(10) ** _DEC[suffix], DECIMAL_SI)
    elif suffix in _BIN:
        q = Quantity(number * 2 ** _BIN[suffix], BINARY_SI)
    elif re.fullmatch(r"[eE][-+]?[0-9]+", suffix):
        q = Quantity(number * Fraction(10) ** int(suffix[1:]), DECIMAL_EXPONENT)
    else:
        return None
    nanos = q.value * 10**9
    if nanos.denominator != 1:
        q.value = Fraction(math.ceil(nanos), 10**9)
    return q


def _decimal_parts(v: Fraction) -> tuple[int, int]:
    """AsCanonicalBytes: an integer mantissa and a multiple-of-3 exponent."""
    exp = 0
    while v.denominator != 1:
        v *= 10
        exp -= 1
    n = int(v)
    while n != 0 and n % 10 == 0:
        n //= 10
        exp += 1
    while exp % 3 != 0:
        n *= 10
        exp -= 1
    return n, exp


def canonical(q: Quantity) -> str:
    """Mirrors Quantity.String() (CanonicalizeBytes)."""
    v = q.value
    if v == 0:
        return "0"
    if (q.fmt == BINARY_SI and -1024 < v < 1024) or (q.fmt == BINARY_SI and v.denominator != 1):
        return canonical(Quantity(v, DECIMAL_SI))
    if q.fmt == BINARY_SI:
        n, exp = int(v), 0
        while n % 1024 == 0 and exp < 60:
            n //= 1024
            exp += 10
        return f"{n}{_BIN_SUFFIX.get(exp, '')}"
    n, exp = _decimal_parts(v)
    if q.fmt == DECIMAL_SI and exp in _DEC_SUFFIX:
        return f"{n}{_DEC_SUFFIX[exp]}"
    return f"{n}e{exp}" if exp else str(n)


def canonicalize(text: object) -> str:
    """The canonical form of a quantity string (unparseable text is returned as is)."""
    q = parse(text)
    return str(text) if q is None else canonical(q)


def new_quantity(value: int, fmt: str) -> Quantity:
    """Mirrors resource.NewQuantity."""
    return Quantity(Fraction(value), fmt)


def zero() -> Quantity:
    """The zero Quantity (prints ``0``)."""
    return Quantity(Fraction(0), DECIMAL_SI)


def add(a: Quantity | None, b: Quantity | None) -> Quantity:
    """a + b, keeping a's format (Quantity.Add)."""
    if a is None:
        return Quantity(b.value, b.fmt) if b is not None else zero()
    if b is None:
        return a
    return Quantity(a.value + b.value, a.fmt)
