"""Protobuf request bodies (``application/vnd.kubernetes.protobuf``), decoded into the JSON
document a JSON body gives.

kubectl's typed clients (``create namespace|deployment|service|configmap|secret|serviceaccount``,
``expose``, ``auth can-i``, ``auth whoami``) POST protobuf: the prefix ``k8s\\0`` then a
``runtime.Unknown`` (TypeMeta, the object's own protobuf in ``raw``, content encoding and type).
A small wire-format reader walks the message with the field tables of ``server/protobuf_types.py``
(built once per process from that compact declaration): each field becomes its JSON key, scalars
their JSON values (Time an RFC 3339 string, IntOrString a number or a string, bytes base64),
maps objects, repeated fields lists.  Unknown field numbers are skipped as protobuf does; a
malformed message (truncated, a bad wire type, too deep, not UTF-8) is a 400 Status.
"""

from __future__ import annotations

import base64
import json
import struct
from datetime import UTC, datetime
from functools import cache
from typing import Any

from minikube_lite import errors
from minikube_lite.server import protobuf_types

CONTENT_TYPE = "application/vnd.kubernetes.protobuf"
MAGIC = b"k8s\x00"
MAX_DEPTH = 64  # nested messages (the deepest served type is ~15 levels)
VARINT, FIXED64, BYTES, FIXED32 = 0, 1, 2, 5

Field = tuple[str, str]  # (JSON name, type)
Table = dict[int, Field]


class ProtobufError(errors.BadRequestError):
    """A body that is not a well-formed message of its kind."""


def _parse(decl: str, out: dict[str, Table]) -> None:
    name = ""
    for line in decl.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            name, _, line = line.partition(":")
            out[name] = {}
        for item in line.split():
            key, _, rest = item.partition("=")
            num, _, typ = rest.partition(":")
            out[name][int(num)] = (key, typ or "s")


@cache
def tables() -> dict[str, Table]:
    """Message name -> field number -> (JSON name, type), parsed on first use."""
    out: dict[str, Table] = {}
    _parse(protobuf_types.ENVELOPE, out)
    _parse(protobuf_types.TYPES, out)
    return out


# --------------------------------------------------------------------------------------------
# the wire format


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    for n in range(10):
        if i >= len(data):
            raise ProtobufError("unexpected EOF")
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            if n == 9 and b > 1:
                break
            return value, i
    raise ProtobufError("proto: integer overflow")


def fields(data: bytes) -> list[tuple[int, int, Any]]:
    """A message's (field number, wire type, value): an int for varints and fixed-width
    values, bytes for length-delimited ones."""
    out: list[tuple[int, int, Any]] = []
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        num, wire = key >> 3, key & 7
        if num <= 0 or num > 0x1FFFFFFF:
            raise ProtobufError(f"proto: illegal field number {num}")
        value: Any
        if wire == VARINT:
            value, i = _varint(data, i)
        elif wire in (FIXED64, FIXED32):
            width = 8 if wire == FIXED64 else 4
            if i + width > len(data):
                raise ProtobufError("unexpected EOF")
            value, i = int.from_bytes(data[i : i + width], "little"), i + width
        elif wire == BYTES:
            length, i = _varint(data, i)
            if length > len(data) - i:
                raise ProtobufError("unexpected EOF")
            value, i = data[i : i + length], i + length
        else:
            raise ProtobufError(f"proto: illegal wireType {wire}")
        out.append((num, wire, value))
    return out


def _signed(v: int, bits: int) -> int:
    v = v - (1 << 64) if v >= 1 << 63 else v
    if bits == 32:
        v = (v + (1 << 31)) % (1 << 32) - (1 << 31)  # Go's int32 conversion truncates
    return v


# --------------------------------------------------------------------------------------------
# values


def _text(raw: bytes) -> str:
    try:
        return raw.decode()
    except UnicodeDecodeError:
        raise ProtobufError("proto: string field contains invalid UTF-8") from None


def _need(wire: int, want: int, typ: str) -> None:
    if wire != want:
        raise ProtobufError(f"proto: wrong wireType = {wire} for a field of type {typ}")


def _time(raw: bytes) -> str | None:
    """metav1.Time: {seconds=1, nanos=2}; an empty message is the zero time (JSON null)."""
    seconds = 0
    for num, wire, value in fields(raw):
        if num == 1:
            _need(wire, VARINT, "Time")
            seconds = _signed(value, 64)
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        raise ProtobufError(f"proto: Time seconds out of range: {seconds}") from None


def _int_or_string(raw: bytes) -> int | str:
    """IntOrString: {type=1 (0 int, 1 string), intVal=2, strVal=3}."""
    got: dict[int, Any] = {1: 0, 2: 0, 3: ""}
    for num, wire, value in fields(raw):
        if num in (1, 2):
            got[num] = _scalar("i32", wire, value)
        elif num == 3:
            got[num] = _scalar("s", wire, value)
    out: int | str = got[3] if got[1] == 1 else got[2]
    return out


def _one_string(raw: bytes, typ: str) -> str:
    """Quantity {string=1}."""
    out = ""
    for num, wire, value in fields(raw):
        if num == 1:
            _need(wire, BYTES, typ)
            out = _text(value)
    return out


def _raw_json(raw: bytes) -> Any:
    """RawExtension / FieldsV1: {raw=1 bytes} holding JSON."""
    data = b""
    for num, wire, value in fields(raw):
        if num == 1:
            _need(wire, BYTES, "RawExtension")
            data = value
    try:
        value = json.loads(data) if data else None
    except (ValueError, RecursionError):
        raise ProtobufError("proto: RawExtension does not hold JSON") from None
    if _nesting(value) > MAX_DEPTH:
        raise ProtobufError("proto: RawExtension nested too deeply")
    return value


def _nesting(value: Any) -> int:
    """How deeply a JSON value nests (iteratively: the value may be deeper than the stack)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        v, depth = todo.pop()
        if isinstance(v, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                break
            items = v.values() if isinstance(v, dict) else v
            todo.extend((item, depth + 1) for item in items)
    return deepest


_SCALARS = {"s", "b", "i32", "i64", "f64", "by"}
_MAP_VALUES = {"map": "s", "bymap": "by", "qmap": "q", "xmap": "ExtraValue"}


def _scalar(typ: str, wire: int, value: Any) -> Any:
    if typ in ("s", "by"):
        _need(wire, BYTES, typ)
        return _text(value) if typ == "s" else base64.b64encode(value).decode()
    if typ == "f64":
        _need(wire, FIXED64, typ)
        return struct.unpack("<d", value.to_bytes(8, "little"))[0]
    _need(wire, VARINT, typ)
    if typ == "b":
        return value != 0
    return _signed(value, 32 if typ == "i32" else 64)


def _value(typ: str, wire: int, value: Any, depth: int) -> Any:
    """One non-repeated value of a field of type ``typ``."""
    if typ in _SCALARS:
        return _scalar(typ, wire, value)
    _need(wire, BYTES, typ)
    if typ == "t":
        return _time(value)
    if typ == "io":
        return _int_or_string(value)
    if typ == "q":
        return _one_string(value, "Quantity")
    if typ == "raw":
        return _raw_json(value)
    if typ == "ExtraValue":
        return [_value("s", w, v, depth) for n, w, v in fields(value) if n == 1]
    return message(typ, value, depth + 1)


def _map_entry(elem: str, raw: bytes, depth: int) -> tuple[str, Any]:
    key, val = "", _value(elem, BYTES, b"", depth) if elem != "s" else ""
    for num, wire, value in fields(raw):
        if num == 1:
            key = _scalar("s", wire, value)
        elif num == 2:
            val = _value(elem, wire, value, depth)
    return key, val


def _repeated(elem: str, wire: int, value: Any, depth: int) -> list[Any]:
    """The values of one occurrence of a repeated field (a packed run or a single value)."""
    if wire == BYTES and elem in ("b", "i32", "i64", "f64"):
        if elem == "f64":
            if len(value) % 8:
                raise ProtobufError("proto: packed double run of a bad length")
            return [struct.unpack("<d", value[i : i + 8])[0] for i in range(0, len(value), 8)]
        out, i = [], 0
        while i < len(value):
            v, i = _varint(value, i)
            out.append(_scalar(elem, VARINT, v))
        return out
    return [_value(elem, wire, value, depth)]


def _is_zero(typ: str, v: Any) -> bool:
    return v is None or (typ in _SCALARS and v in ("", 0, False))


def message(name: str, raw: bytes, depth: int = 0) -> dict[str, Any]:
    """Decode the message ``name`` into its JSON object."""
    if depth > MAX_DEPTH:
        raise ProtobufError("proto: message nested too deeply")
    table = tables().get(name)
    if table is None:
        return {}
    out: dict[str, Any] = {}
    for num, wire, value in fields(raw):
        spec = table.get(num)
        if spec is None:
            continue
        key, typ = spec
        _put(out, key, typ, wire, value, depth)
    return out


def _put(out: dict[str, Any], key: str, typ: str, wire: int, value: Any, depth: int) -> None:
    pointer = typ.endswith("?")
    typ = typ.rstrip("?")
    if typ in _MAP_VALUES:
        _need(wire, BYTES, typ)
        k, v = _map_entry(_MAP_VALUES[typ], value, depth)
        out.setdefault(key, {})[k] = v
    elif typ.startswith("[]"):
        out.setdefault(key, []).extend(_repeated(typ[2:], wire, value, depth))
    elif key == "_":
        _need(wire, BYTES, typ)
        out.update(message(typ, value, depth + 1))
    else:
        v = _value(typ, wire, value, depth)
        if pointer or not _is_zero(typ, v):
            out[key] = v
        else:
            out.pop(key, None)


# --------------------------------------------------------------------------------------------
# the envelope


def decode(body: bytes) -> dict[str, Any]:
    """A protobuf request body as the JSON object a JSON body would be."""
    if not body.startswith(MAGIC):
        raise ProtobufError(
            "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"
        )
    meta: dict[str, Any] = {}
    raw, encoding = b"", ""
    for num, wire, value in fields(body[len(MAGIC) :]):
        if num == 1:
            _need(wire, BYTES, "TypeMeta")
            meta = message("RuntimeTypeMeta", value)
        elif num == 2:
            _need(wire, BYTES, "bytes")
            raw = value
        elif num == 3:
            encoding = _scalar("s", wire, value)
    kind = str(meta.get("kind", ""))
    if encoding:
        raise errors.ServerError(
            f"unsupported content encoding {encoding!r}", "UnsupportedMediaType"
        )
    if kind not in protobuf_types.ROOTS:
        raise errors.ServerError(
            f"the body of the request was in an unknown format - {kind or 'no kind'} cannot "
            f"be decoded from {CONTENT_TYPE}; accepted media types include: "
            "application/json, application/yaml",
            "UnsupportedMediaType",
        )
    return {"apiVersion": str(meta.get("apiVersion", "")), "kind": kind, **message(kind, raw)}
