"""``/openapi/v2``: the Swagger 2.0 form of the OpenAPI v3 documents of ``server/openapi.py``
(which caches it).

The same schemas and operations, rewritten as Swagger 2.0 has them: schemas under
``definitions`` (``$ref: #/definitions/...``, a single-``allOf`` reference collapsed into a plain
``$ref``), parameters with their type inline, a request body as an ``in: body`` parameter, a
response's schema without its content types.  kubectl asks for the protobuf form (gnostic's
``openapi_v2.Document``, ``protobuf_document``): the definitions, written with a small protobuf
wire writer, extensions and enums as YAML (JSON text) in ``Any.yaml`` as kubectl parses them.
"""

from __future__ import annotations

import json
from typing import Any

from minikube_lite.server.openapi_schemas import VERSION

Doc = dict[str, Any]
_V3_REF = "#/components/schemas/"
_V2_REF = "#/definitions/"


def _schema(node: Any) -> Any:
    """A v3 schema as a v2 one (references re-pointed, ``allOf: [ref]`` collapsed)."""
    if isinstance(node, list):
        return [_schema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _schema(v) for k, v in node.items() if k not in ("allOf", "oneOf")}
    ref = out.get("$ref")
    if isinstance(ref, str):
        out["$ref"] = _V2_REF + ref.removeprefix(_V3_REF)
    all_of = node.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1:
        out.update(_schema(all_of[0]))
    if "oneOf" in node:  # IntOrString, Quantity: v2 knows them as strings with a format
        out.setdefault("type", "string")
    return out


def _parameter(p: Doc) -> Doc:
    out = {k: v for k, v in p.items() if k != "schema"}
    out.update(p.get("schema", {}))
    return out


def _operation(op: Doc) -> Doc:
    out = {k: v for k, v in op.items() if k not in ("requestBody", "responses", "parameters")}
    params = [_parameter(p) for p in op.get("parameters", [])]
    body = op.get("requestBody")
    if body is not None:
        content = body["content"]
        out["consumes"] = sorted(content)
        schema = next(iter(content.values()))["schema"]
        params.append({"name": "body", "in": "body", "required": True, "schema": _schema(schema)})
    if params:
        out["parameters"] = params
    responses = {}
    for code, answer in op.get("responses", {}).items():
        content = answer.get("content", {})
        responses[code] = {"description": answer.get("description", "")}
        if content:
            out["produces"] = sorted(content)
            responses[code]["schema"] = _schema(next(iter(content.values()))["schema"])
    out["responses"] = responses
    return out


def _path(item: Doc) -> Doc:
    return {
        k: [_parameter(p) for p in v] if k == "parameters" else _operation(v)
        for k, v in item.items()
    }


def document(v3_documents: list[bytes]) -> bytes:
    """The group-versions' v3 documents as one Swagger 2.0 document (JSON bytes)."""
    paths: Doc = {}
    definitions: Doc = {}
    for data in v3_documents:
        v3 = json.loads(data)
        for path, item in v3["paths"].items():
            paths[path] = _path(item)
        for name, schema in v3["components"]["schemas"].items():
            definitions[name] = _schema(schema)
    doc = {
        "swagger": "2.0",
        "info": {"title": "Kubernetes", "version": VERSION},
        "paths": dict(sorted(paths.items())),
        "definitions": dict(sorted(definitions.items())),
    }
    return json.dumps(doc, separators=(",", ":")).encode()


# --------------------------------------------------------------------------------------------
# the protobuf form (gnostic's openapi_v2.Document), which kubectl asks for


def _varint(v: int) -> bytes:
    out = bytearray()
    while v > 0x7F:
        out.append(v & 0x7F | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def _field(num: int, data: bytes) -> bytes:
    """A length-delimited field (strings, bytes, messages)."""
    return _varint(num << 3 | 2) + _varint(len(data)) + data


def _text(num: int, s: str) -> bytes:
    return _field(num, s.encode())


def _any(value: Any) -> bytes:
    """openapi_v2.Any {yaml=2}: JSON is YAML, and kubectl parses extensions and enums as YAML."""
    return _text(2, json.dumps(value, separators=(",", ":")))


def _schema_pb(s: Doc) -> bytes:
    """openapi_v2.Schema: $ref=1 format=2 description=4 required=19 enum=20
    additionalProperties=21 type=22 items=23 properties=25 vendor_extension=31."""
    out = bytearray()
    for num, key in ((1, "$ref"), (2, "format"), (4, "description")):
        if isinstance(s.get(key), str):
            out += _text(num, s[key])
    for name in s.get("required", []):
        out += _text(19, name)
    for value in s.get("enum", []):
        out += _field(20, _any(value))
    extra = s.get("additionalProperties")
    if isinstance(extra, dict):
        out += _field(21, _field(1, _schema_pb(extra)))
    if isinstance(s.get("type"), str):
        out += _field(22, _text(1, s["type"]))
    if isinstance(s.get("items"), dict):
        out += _field(23, _field(1, _schema_pb(s["items"])))
    props = s.get("properties")
    if isinstance(props, dict):
        named = b"".join(
            _field(1, _text(1, name) + _field(2, _schema_pb(sub))) for name, sub in props.items()
        )
        out += _field(25, named)
    for key, value in s.items():
        if key.startswith("x-"):
            out += _field(31, _text(1, key) + _field(2, _any(value)))
    return bytes(out)


def protobuf_document(v2: bytes) -> bytes:
    """The Swagger 2.0 document's definitions as an openapi_v2.Document (swagger=1, info=2,
    definitions=9): what kubectl's ``explain --output=plaintext-openapiv2`` and its client-side
    validation read.  Paths are left out (kubectl reads only the definitions)."""
    doc = json.loads(v2)
    info = _text(1, doc["info"]["title"]) + _text(2, doc["info"]["version"])
    named = b"".join(
        _field(1, _text(1, name) + _field(2, _schema_pb(schema)))
        for name, schema in doc["definitions"].items()
    )
    return _text(1, doc["swagger"]) + _field(2, info) + _field(9, named)
