"""Kubernetes resource quantities (apimachinery ``pkg/api/resource``): parse, compare, add, format.

A ``Quantity`` holds an exact amount (integer nano units; ``.value`` gives a ``Fraction``) plus
the upstream *format* (DecimalSI, BinarySI or DecimalExponent) that decides how ``str()``
renders it: ``500m``, ``1``, ``1500m``, ``384Mi``, ``1Gi``, ``1e3``.  Parsing rounds up to nano
units like upstream; a string upstream would keep verbatim (its fast path caches e.g. ``100Ki``)
is kept verbatim until arithmetic changes the value.
"""

from __future__ import annotations

from functools import total_ordering

TYPE_CHECKING = False
if TYPE_CHECKING:
    from fractions import Fraction
    from typing import Any

DECIMAL_SI = "DecimalSI"
BINARY_SI = "BinarySI"
DECIMAL_EXPONENT = "DecimalExponent"

FORMAT_WRONG = (
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)
NUMERIC_WRONG = "unable to parse numeric part of quantity"
SUFFIX_WRONG = "unable to parse quantity's suffix"

_DEC_SUFFIXES = {
    "n": -9,
    "u": -6,
    "m": -3,
    "": 0,
    "k": 3,
    "M": 6,
    "G": 9,
    "T": 12,
    "P": 15,
    "E": 18,
}
_DEC_NAMES = {e: s for s, e in _DEC_SUFFIXES.items()}
_BIN_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_BIN_NAMES = {e // 10: s for s, e in _BIN_SUFFIXES.items()}
_SUFFIX_CHARS = frozenset("eEinumkKMGTP")


class QuantityError(ValueError):
    """A quantity string upstream's ParseQuantity rejects; ``str()`` is upstream's message."""


def _split(text: str) -> tuple[bool, str, str, str]:
    """Mirror of parseQuantityString: (positive, integer digits, fraction digits, suffix)."""
    positive, pos, end = True, 0, len(text)
    if pos < end and text[0] in "+-":
        positive = text[0] == "+"
        pos += 1
    while pos < end and text[pos] == "0":
        pos += 1
    if pos >= end:
        return positive, "0", "", ""
    start = pos
    while pos < end and text[pos].isdigit() and text[pos].isascii():
        pos += 1
    num = text[start:pos] or "0"
    denom = ""
    if pos < end and text[pos] == ".":
        pos += 1
        start = pos
        while pos < end and text[pos].isdigit() and text[pos].isascii():
            pos += 1
        denom = text[start:pos]
    suffix_start = pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos < end and text[pos] in "+-":
        pos += 1
    while pos < end and text[pos].isdigit() and text[pos].isascii():
        pos += 1
    if pos < end:
        raise QuantityError(FORMAT_WRONG)
    return positive, num, denom, text[suffix_start:end]


def _interpret(suffix: str) -> tuple[int, int, str]:
    """Mirror of suffixer.interpret: (base, exponent, format)."""
    if suffix in _DEC_SUFFIXES:
        return 10, _DEC_SUFFIXES[suffix], DECIMAL_SI
    if suffix in _BIN_SUFFIXES:
        return 2, _BIN_SUFFIXES[suffix], BINARY_SI
    if len(suffix) > 1 and suffix[0] in "eE":
        digits = suffix[1:]
        body = digits[1:] if digits[:1] in ("+", "-") else digits
        if body.isdigit() and body.isascii():
            return 10, int(digits), DECIMAL_EXPONENT
    raise QuantityError(SUFFIX_WRONG)


def _cached(text: str, num: str, denom: str, exp: int, fmt: str) -> str | None:
    """The verbatim string ParseQuantity's int64 fast path keeps, else None."""
    shifted = num + denom
    if fmt == BINARY_SI:
        if denom or exp < 0 or 15 - len(num) - (exp * 3) // 10 - 1 < 0:
            return None
        return text if exp % 10 == 0 and int(shifted) & 7 != 0 else None
    if 18 - len(shifted) < 0:
        return None
    scale = exp - len(denom)
    if scale < -9 or abs(int(shifted)) >= 2**63:
        return None
    if scale % 3 == 0 and not shifted.endswith("000") and shifted[0] != "0":
        return text
    return None


_GIGA = 10**9


def _div_up(num: int, den: int) -> int:
    """num/den rounded away from zero (inf.RoundUp)."""
    mag = -(-abs(num) // den)
    return mag if num >= 0 else -mag


def _to_nanos(value: Any) -> int:
    """An int/Fraction/Decimal/float amount in nano units, rounded up like ParseQuantity."""
    num, den = value.as_integer_ratio()
    return _div_up(num * _GIGA, den)


@total_ordering
class Quantity:
    """resource.Quantity: an exact amount (integer nano units) and the format used to print it."""

    __slots__ = ("_s", "fmt", "nanos")

    def __init__(
        self,
        value: Any = 0,
        fmt: str = DECIMAL_SI,
        s: str | None = None,
        *,
        nanos: int | None = None,
    ) -> None:
        self.nanos = _to_nanos(value) if nanos is None else nanos
        self.fmt = fmt
        self._s = s

    @property
    def value(self) -> Fraction:
        """The exact amount as a Fraction."""
        from fractions import Fraction

        return Fraction(self.nanos, _GIGA)

    def __str__(self) -> str:
        """Quantity.String(): the cached input or CanonicalizeBytes()."""
        return self._s if self._s is not None else canonical_nanos(self.nanos, self.fmt)

    def __repr__(self) -> str:
        return f"Quantity({str(self)!r})"

    def canonical(self) -> str:
        """Quantity.CanonicalizeBytes() as text (ignores the cached input string)."""
        return canonical_nanos(self.nanos, self.fmt)

    def _other(self, other: object) -> int | None:
        if isinstance(other, Quantity):
            return other.nanos
        if isinstance(other, int):
            return other * _GIGA
        return None

    def __eq__(self, other: object) -> bool:
        n = self._other(other)
        return NotImplemented if n is None else self.nanos == n

    def __lt__(self, other: Quantity | int) -> bool:
        n = self._other(other)
        return NotImplemented if n is None else self.nanos < n

    def __hash__(self) -> int:
        return hash(self.nanos)

    def __add__(self, other: Quantity) -> Quantity:
        """Quantity.Add: keeps the left format unless the left side is zero."""
        fmt = self.fmt if self.nanos else other.fmt
        return Quantity(fmt=fmt, nanos=self.nanos + other.nanos)

    def __sub__(self, other: Quantity) -> Quantity:
        """Quantity.Sub: keeps the left format unless the left side is zero."""
        fmt = self.fmt if self.nanos else other.fmt
        return Quantity(fmt=fmt, nanos=self.nanos - other.nanos)

    def __neg__(self) -> Quantity:
        return Quantity(fmt=self.fmt, nanos=-self.nanos)

    def sign(self) -> int:
        """Quantity.Sign()."""
        return (self.nanos > 0) - (self.nanos < 0)

    def is_zero(self) -> bool:
        """Quantity.IsZero()."""
        return self.nanos == 0

    def is_integer(self) -> bool:
        """True when the amount has no fractional part."""
        return self.nanos % _GIGA == 0

    def milli_value(self) -> int:
        """Quantity.MilliValue(): value*1000 rounded up (away from zero)."""
        return _div_up(self.nanos, 10**6)

    def int_value(self) -> int:
        """Quantity.Value(): value rounded up (away from zero)."""
        return _div_up(self.nanos, _GIGA)

    def as_float(self) -> float:
        """Quantity.AsApproximateFloat64()."""
        return self.nanos / _GIGA


def parse_quantity(text: str | int | float) -> Quantity:
    """resource.ParseQuantity; JSON numbers are accepted as their Go JSON text."""
    if not isinstance(text, str):
        text = number_text(text)
    if not text:
        raise QuantityError(FORMAT_WRONG)
    if text == "0":
        return Quantity(0, DECIMAL_SI, "0")
    positive, num, denom, suffix = _split(text)
    base, exp, fmt = _interpret(suffix)
    cached = _cached(text, num, denom, exp, fmt)
    top, bottom = int(num + denom) * _GIGA, 10 ** len(denom)
    if exp >= 0:
        top *= base**exp
    else:
        bottom *= base**-exp
    nanos = _div_up(top, bottom)
    if fmt == BINARY_SI:
        nanos = min(nanos, (2**63 - 1) * _GIGA)
        if 0 < nanos < _GIGA:
            fmt = DECIMAL_SI
    return Quantity(fmt=fmt, s=cached, nanos=nanos if positive else -nanos)


def number_text(n: int | float) -> str:
    """How Go's encoding/json writes a number kubectl sends (``3.0`` becomes ``3``)."""
    if isinstance(n, bool):
        return "true" if n else "false"
    if isinstance(n, int):
        return str(n)
    if n == int(n) and abs(n) < 1e21:
        return str(int(n))
    if 1e-6 <= abs(n) < 1e21:
        from decimal import Decimal

        return format(Decimal(repr(n)), "f")
    mant, _, exp = repr(n).partition("e")
    sign = exp[0] if exp[0] in "+-" else "+"
    digits = exp.lstrip("+-").lstrip("0") or "0"
    return f"{mant}e{'-' if sign == '-' else '+'}{digits}"


def canonical(value: Any, fmt: str) -> str:
    """Quantity.CanonicalizeBytes() for an amount given in units (int/Fraction/Decimal)."""
    return canonical_nanos(_to_nanos(value), fmt)


def canonical_nanos(nanos: int, fmt: str) -> str:
    """Quantity.CanonicalizeBytes(): the string the API server stores and kubectl prints."""
    if nanos == 0:
        return "0"
    if fmt == BINARY_SI and (-1024 * _GIGA < nanos < 1024 * _GIGA or nanos % _GIGA):
        fmt = DECIMAL_SI
    if fmt == BINARY_SI:
        amount, times = nanos // _GIGA, 0
        while amount % 1024 == 0 and abs(amount) >= 1024:
            amount //= 1024
            times += 1
        return f"{amount}{_BIN_NAMES.get(times, '')}"
    amount, exp = _decimal_parts(nanos)
    if fmt == DECIMAL_EXPONENT:
        return f"{amount}e{exp}" if exp else str(amount)
    return f"{amount}{_DEC_NAMES.get(exp, '')}"


def _decimal_parts(nanos: int) -> tuple[int, int]:
    """Mantissa and exponent (a multiple of 3) with all other factors of ten removed."""
    amount, exp = nanos, -9
    while amount % 10 == 0 and abs(amount) >= 10:
        amount //= 10
        exp += 1
    while exp % 3:
        amount *= 10
        exp -= 1
    return amount, exp


def canonicalize(text: str | int | float) -> str:
    """The stored form of a quantity field (``0.5`` becomes ``500m``); raises QuantityError."""
    return str(parse_quantity(text))


def quantity_sum(items: list[Quantity]) -> Quantity:
    """Sum with Quantity.Add semantics starting from a zero value."""
    total = Quantity(0)
    for q in items:
        total = total + q
    return total


def parse_field(value: object) -> Quantity | None:
    """A quantity field of a decoded object (spaces trimmed like UnmarshalJSON); None when the
    value is missing or does not parse."""
    if isinstance(value, str):
        value = value.strip()
    elif not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        return parse_quantity(value)
    except QuantityError:
        return None


def field_text(value: object) -> str:
    """A quantity field in canonical form, as the describe/get printers show it; text that does
    not parse is returned as is."""
    q = parse_field(value)
    return str(value) if q is None else q.canonical()
