"""Go value semantics of decoded JSON: equality, ``%v`` / ``%q`` / FormatFloat / encoding/json
formatting, type names (used by the patch engine, validation, labels and the printers).

Decoded JSON maps onto Go's ``interface{}`` values one to one: str=string, int=int64,
float=float64, bool=bool, None=nil, dict=map[string]interface{}, list=[]interface{}.
Python's ``1 == 1.0 == True`` must not leak into comparisons Go makes with ``==``.
"""

from __future__ import annotations

import json
import math

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_GO_TYPES = {
    str: "string",
    int: "int64",
    float: "float64",
    bool: "bool",
    dict: "map[string]interface {}",
    list: "[]interface {}",
}
_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}


def clone(v: Any) -> Any:
    """Deep copy of a JSON tree (much faster than copy.deepcopy)."""
    if isinstance(v, dict):
        return {k: clone(x) for k, x in v.items()}
    if isinstance(v, list):
        return [clone(x) for x in v]
    return v


def go_eq(a: Any, b: Any) -> bool:
    """Go ``==`` on two interface{} scalars (maps/slices never compare equal; Go would panic)."""
    if type(a) is not type(b) or isinstance(a, dict | list):
        return False
    return bool(a == b)


def deep_equal(a: Any, b: Any) -> bool:
    """reflect.DeepEqual on decoded JSON."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(deep_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(deep_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def hkey(v: Any) -> Any:
    """A hashable key with Go map-key identity (type and value); None for unhashable values."""
    if isinstance(v, dict | list):
        return None
    return (type(v), v)


def go_type(v: Any) -> str:
    """reflect.TypeOf(v).String()."""
    if v is None:
        return "<nil>"
    return _GO_TYPES.get(type(v), type(v).__name__)


def _digits(f: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of |f| and the decimal-point position (strconv's d.dp)."""
    mant, _, exp = repr(abs(f)).partition("e")
    whole, _, frac = mant.partition(".")
    digits = (whole + frac).lstrip("0")
    dp = len(whole) + (int(exp) if exp else 0)
    if not digits:
        return "0", 1
    dp -= len(whole + frac) - len((whole + frac).lstrip("0"))
    digits = digits.rstrip("0") or "0"
    return digits, dp


def _fmt_e(neg: bool, digits: str, dp: int) -> str:
    exp = dp - 1
    mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    sign = "-" if exp < 0 else "+"
    return ("-" if neg else "") + f"{mant}e{sign}{abs(exp):02d}"


def _fmt_f(neg: bool, digits: str, dp: int) -> str:
    if dp <= 0:
        text = "0." + "0" * -dp + digits
    elif dp >= len(digits):
        text = digits + "0" * (dp - len(digits))
    else:
        text = digits[:dp] + "." + digits[dp:]
    return ("-" if neg else "") + text


def go_float(f: float, verb: str = "g") -> str:
    """strconv.FormatFloat(f, verb, -1, 64), verb ``g``, ``e`` or ``f`` (``g`` is fmt's ``%v``)."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    neg = math.copysign(1.0, f) < 0
    digits, dp = _digits(f)
    if digits == "0":
        dp = 1
    if verb == "e" or (verb == "g" and (dp - 1 < -4 or dp - 1 >= 6)):
        return _fmt_e(neg, digits, dp)
    return _fmt_f(neg, digits, dp)


def go_fmt(v: Any) -> str:
    """fmt's ``%v`` of a decoded JSON value (maps print with sorted keys)."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return go_float(v)
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{go_fmt(v[k])}" for k in sorted(v)) + "]"
    if isinstance(v, list):
        return "[" + " ".join(go_fmt(x) for x in v) + "]"
    return str(v)


def go_fmt_s(v: Any) -> str:
    """fmt's ``%s`` of a decoded JSON value (non-strings print as ``%!s(type=value)``)."""
    if isinstance(v, str):
        return v
    if v is None:
        return "%!s(<nil>)"
    if isinstance(v, dict | list):
        return go_fmt(v)
    return f"%!s({go_type(v)}={go_fmt(v)})"


def go_quote(s: str) -> str:
    """strconv.Quote (what ``%q`` prints)."""
    out = ['"']
    for ch in s:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def go_json(v: Any) -> str:
    """encoding/json.Marshal: compact, sorted keys, HTML-safe escapes (integral floats as ints)."""
    text = json.dumps(_int_floats(v), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def _int_floats(v: Any) -> Any:
    """Integral floats print as integers in Go's encoding."""
    if isinstance(v, dict):
        return {k: _int_floats(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_int_floats(x) for x in v]
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e21:
        return int(v)
    return v
