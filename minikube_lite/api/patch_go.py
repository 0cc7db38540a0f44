"""Go value semantics the patch engine needs: equality, ``%v`` / ``%q`` formatting, type names.

Decoded JSON maps onto Go's ``interface{}`` values one to one: str=string, int=int64,
float=float64, bool=bool, None=nil, dict=map[string]interface{}, list=[]interface{}.
Python's ``1 == 1.0 == True`` must not leak into comparisons Go makes with ``==``.
"""

from __future__ import annotations

from typing import Any

from minikube_lite.errors import MklError

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


class PatchError(MklError):
    """A patch could not be applied; the message is the Go error text kubectl prints."""

    def __init__(self, message: str) -> None:
        super().__init__(message.rstrip("\n"))


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


def go_float(f: float) -> str:
    """strconv.FormatFloat(f, 'g', -1, 64), which is what ``%v`` prints for a float64."""
    if f != f:
        return "NaN"
    if f in (float("inf"), float("-inf")):
        return "+Inf" if f > 0 else "-Inf"
    if f == 0:
        return "-0" if str(f).startswith("-") else "0"
    neg = "-" if f < 0 else ""
    mant, _, exp = repr(abs(f)).partition("e")
    whole, _, frac = mant.partition(".")
    digits = whole + frac
    lead = len(digits) - len(digits.lstrip("0"))
    ds = digits.strip("0")
    x = len(whole) - 1 - lead + (int(exp) if exp else 0)  # decimal exponent of the first digit
    if x < -4 or x >= 6:
        return _go_exp(neg, ds, x)
    if x < 0:
        return f"{neg}0.{'0' * (-x - 1)}{ds}"
    if x + 1 >= len(ds):
        return neg + ds + "0" * (x + 1 - len(ds))
    return f"{neg}{ds[: x + 1]}.{ds[x + 1 :]}"


def _go_exp(neg: str, ds: str, x: int) -> str:
    """Go's %e layout with the shortest digits: ``1.5e+06``."""
    mant = ds[0] + ("." + ds[1:] if len(ds) > 1 else "")
    return f"{neg}{mant}e{'-' if x < 0 else '+'}{abs(x):02d}"


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


def err_bad_arg_type(expected: str, actual: Any) -> PatchError:
    """mergepatch.ErrBadArgType."""
    return PatchError(f"expected a {expected}, but received a {go_type(actual)}")


def err_no_merge_key(m: dict[str, Any], key: str) -> PatchError:
    """mergepatch.ErrNoMergeKey."""
    return PatchError(f"map: {go_fmt(m)} does not contain declared merge key: {key}")


def err_bad_patch_type(t: Any, m: dict[str, Any]) -> PatchError:
    """mergepatch.ErrBadPatchType."""
    return PatchError(f"unknown patch type: {go_fmt_s(t)} in map: {go_fmt(m)}")
