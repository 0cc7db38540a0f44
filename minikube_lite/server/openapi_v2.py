"""``/openapi/v2``: the Swagger 2.0 form of the OpenAPI v3 documents of ``server/openapi.py``
(which caches it).

The same schemas and operations, rewritten as Swagger 2.0 has them: schemas under
``definitions`` (``$ref: #/definitions/...``, a single-``allOf`` reference collapsed into a plain
``$ref``), parameters with their type inline, a request body as an ``in: body`` parameter, a
response's schema without its content types.
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
