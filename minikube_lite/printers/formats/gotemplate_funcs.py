"""text/template's builtin functions (text/template/funcs.go) and kubectl's ``exists`` and
``base64decode`` (cli-runtime printers/template.go), over decoded JSON values.

``MISSING`` is Go's invalid reflect.Value (a missing map key); ``None`` is a nil interface.
A function raises ``FuncError`` with the text Go puts after ``error calling NAME: ``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable

from minikube_lite.printers.formats.gotemplate_fmt import GoByte, _Spec, sprint, type_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<no value>"


MISSING: Any = _Missing()


class FuncError(Exception):
    pass


def _kind(v: Any) -> str:
    """basicKind: bool | int | uint | float | string | invalid."""
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, GoByte):
        return "uint"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    return "invalid"


def _valid(v: Any) -> bool:
    return v is not MISSING and v is not None


def truth(v: Any) -> bool:
    """isTrue on a concrete value (invalid is false)."""
    if not _valid(v):
        return False
    if isinstance(v, dict | list | str):
        return len(v) > 0
    return bool(v)


def eq(a: Any, *rest: Any) -> bool:
    if not rest:
        raise FuncError("missing argument for comparison")
    a = MISSING if a is None else a
    k1 = _kind(a)
    for b in rest:
        b = MISSING if b is None else b
        k2 = _kind(b)
        if k1 != k2:
            if {k1, k2} == {"int", "uint"}:
                if int(a) == int(b):
                    return True
                continue
            if _valid(a) and _valid(b):
                raise FuncError(
                    f"incompatible types for comparison: {type_name(a)} and {type_name(b)}"
                )
            continue
        if k1 != "invalid":
            if a == b:
                return True
            continue
        if not _valid(a) or not _valid(b):
            if not _valid(a) and not _valid(b):
                return True
            continue
        if type(a) is not type(b):
            s = _Spec("s")
            raise FuncError(
                f"non-comparable types {s.format(a)}: {type_name(a)}, {type_name(b)}: {s.format(b)}"
            )
        raise FuncError(f"non-comparable type {_Spec('s').format(b)}: {type_name(b)}")
    return False


def lt(a: Any, b: Any) -> bool:
    a = MISSING if a is None else a
    b = MISSING if b is None else b
    k1, k2 = _kind(a), _kind(b)
    if k1 == "invalid" or k2 == "invalid":
        raise FuncError("invalid type for comparison")
    if k1 != k2:
        if {k1, k2} == {"int", "uint"}:
            return bool(int(a) < int(b))
        raise FuncError(f"incompatible types for comparison: {type_name(a)} and {type_name(b)}")
    if k1 == "bool":
        raise FuncError("invalid type for comparison")
    return bool(a < b)


def le(a: Any, b: Any) -> bool:
    return lt(a, b) or eq(a, b)


def length(v: Any) -> int:
    if v is MISSING:
        raise FuncError("reflect: call of reflect.Value.Type on zero Value")
    if v is None:
        raise FuncError("len of nil pointer")
    if isinstance(v, str):
        return len(v.encode())
    if isinstance(v, dict | list):
        return len(v)
    raise FuncError(f"len of type {type_name(v)}")


def _index_arg(i: Any, cap: int) -> int:
    if not _valid(i):
        raise FuncError("cannot index slice/array with nil")
    if isinstance(i, bool) or not isinstance(i, int):
        raise FuncError(f"cannot index slice/array with type {type_name(i)}")
    if i < 0 or i > cap:
        raise FuncError(f"index out of range: {i}")
    return int(i)


def index(item: Any, *keys: Any) -> Any:
    if not _valid(item):
        raise FuncError("index of untyped nil")
    for k in keys:
        k = MISSING if k is None else k
        if item is None:
            raise FuncError("index of nil pointer")
        if isinstance(item, list | str):
            seq = item.encode() if isinstance(item, str) else item
            x = _index_arg(k, len(seq))
            if x == len(seq):
                raise FuncError(f"index out of range: {x}")
            item = GoByte(seq[x]) if isinstance(item, str) else seq[x]
        elif isinstance(item, dict):
            if k is MISSING:
                raise FuncError("value is nil; should be of type string")
            if not isinstance(k, str):
                raise FuncError(f"value has type {type_name(k)}; should be string")
            item = item.get(k)
        else:
            raise FuncError(f"can't index item of type {type_name(item)}")
    return item


def slice_(item: Any, *idx: Any) -> Any:
    if not _valid(item):
        raise FuncError("slice of untyped nil")
    if len(idx) > 3:
        raise FuncError(f"too many slice indexes: {len(idx)}")
    if isinstance(item, str):
        if len(idx) == 3:
            raise FuncError("cannot 3-index slice a string")
        seq: Any = item.encode()
    elif isinstance(item, list):
        seq = item
    else:
        raise FuncError(f"can't slice item of type {type_name(item)}")
    bounds = [0, len(seq)]
    for n, i in enumerate(idx):
        x = _index_arg(MISSING if i is None else i, len(seq))
        if n < 2:
            bounds[n] = x
        elif x < bounds[1]:
            raise FuncError(f"invalid slice index: {bounds[1]} > {x}")
    if bounds[0] > bounds[1]:
        raise FuncError(f"invalid slice index: {bounds[0]} > {bounds[1]}")
    part = seq[bounds[0] : bounds[1]]
    return part.decode(errors="replace") if isinstance(item, str) else part


def _eval_args(args: tuple[Any, ...]) -> str:
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return sprint(*(MISSING if a is None else a for a in args))


def html(*args: Any) -> str:
    s = _eval_args(args)
    for a, b in (("&", "&amp;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&#34;")):
        s = s.replace(a, b)
    return s.replace("\0", "\ufffd")


_JS = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E", "&": "\\u0026"}
_JS["="] = "\\u003D"


def js(*args: Any) -> str:
    out = []
    for ch in _eval_args(args):
        if ch in _JS:
            out.append(_JS[ch])
        elif ord(ch) < 0x20 or (not ch.isascii() and not ch.isprintable()):
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def urlquery(*args: Any) -> str:
    from urllib.parse import quote_plus

    return quote_plus(_eval_args(args), safe="-_.~")


def exists(item: Any, *keys: Any) -> bool:
    v = None if item is MISSING else item
    for k in keys:
        if v is None:
            return False
        if isinstance(v, list | str):
            if isinstance(k, bool) or not isinstance(k, int):
                return False
            if k < 0 or k >= len(v):
                return False
            v = v[k]
        elif isinstance(v, dict):
            if not isinstance(k, str) or k not in v:
                return False
            v = v[k]
        else:
            return False
    return True


def base64decode(s: str) -> str:
    try:
        data = base64.b64decode(s.encode(), validate=True)
    except (binascii.Error, ValueError) as e:
        raise FuncError(f"base64 decode failed: {_b64_error(s, e)}") from None
    return data.decode(errors="replace")


def _b64_error(s: str, e: Exception) -> str:
    """Go's base64.CorruptInputError text: the offset of the first bad byte."""
    alphabet = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    for i, ch in enumerate(s):
        if ch not in alphabet and ch != "=":
            return f"illegal base64 data at input byte {i}"
    return f"illegal base64 data at input byte {len(s.rstrip('='))}"


# name -> (argument kinds, variadic kind or None, function); kinds: value | any | string
Spec = tuple[tuple[str, ...], str | None, Callable[..., Any]]
BUILTINS: dict[str, Spec] = {
    "not": (("value",), None, lambda v: not truth(v)),
    "eq": (("value",), "value", eq),
    "ne": (("value", "value"), None, lambda a, b: not eq(a, b)),
    "lt": (("value", "value"), None, lt),
    "le": (("value", "value"), None, le),
    "gt": (("value", "value"), None, lambda a, b: not le(a, b)),
    "ge": (("value", "value"), None, lambda a, b: not lt(a, b)),
    "len": (("value",), None, length),
    "index": (("value",), "value", index),
    "slice": (("value",), "value", slice_),
    "html": ((), "any", html),
    "js": ((), "any", js),
    "urlquery": ((), "any", urlquery),
    "exists": (("any",), "any", exists),
    "base64decode": (("string",), None, base64decode),
}
