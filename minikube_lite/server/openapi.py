"""The OpenAPI documents: ``/openapi/v3``, ``/openapi/v3/{api/v1,apis/G/V}`` and ``/openapi/v2``.

Each group-version document has the schemas of ``server/openapi_schemas.py`` (mkl's own type
tables, so what ``mkl explain`` prints is what the real ``kubectl explain`` renders) and every
resource's operations with the ``x-kubernetes-group-version-kind`` kubectl looks for: explain takes
the GVK of a path's operation; a ``patch`` that lists ``fieldValidation`` makes kubectl send
``fieldValidation=Strict`` and leave validation to the server (kubectl's
``query_param_verifier_v3.go``); a ``patch`` whose request body takes
``application/strategic-merge-patch+json`` makes ``apply`` compute its patch from the schemas'
patch metadata (``patcher.go``).

Documents are built once per process and served as bytes with an ``ETag`` (their hash) and, when
asked under the current hash, ``Cache-Control: public, immutable``; a stale hash is redirected.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from minikube_lite.api import kinds
from minikube_lite.server import discovery, status
from minikube_lite.server.core import JSON, Request, Response
from minikube_lite.server.openapi_schemas import (
    REF,
    SCALE,
    SCALE_GVK,
    VERSION,
    Doc,
    gvk,
    ref,
    schemas,
)

# --------------------------------------------------------------------------------------------
# operations


def _param(name: str, where: str = "query", typ: str = "string", **extra: Any) -> Doc:
    schema: Doc = {"type": typ, "uniqueItems": True} if typ == "string" else {"type": typ}
    return {"name": name, "in": where, "schema": schema, **extra}


_WRITE = [
    _param("dryRun", description="All: validate and admit the request without persisting it."),
    _param("fieldManager", description="The name of the actor making the change."),
    _param(
        "fieldValidation",
        description="Ignore, Warn or Strict: what the server does with unknown or duplicate "
        "fields in the body (Strict rejects them).",
    ),
]
_LIST = [
    *(_param(n) for n in ["continue", "fieldSelector", "labelSelector", "resourceVersion"]),
    _param("resourceVersionMatch"),
    _param("allowWatchBookmarks", typ="boolean"),
    _param("limit", typ="integer"),
    _param("sendInitialEvents", typ="boolean"),
    _param("timeoutSeconds", typ="integer"),
    _param("watch", typ="boolean"),
]
_PATCH_TYPES = (
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
)
_RESPONSE_TYPES = ("application/json", "application/yaml", "application/vnd.kubernetes.protobuf")


def _content(ref: Doc, types: tuple[str, ...] = _RESPONSE_TYPES) -> Doc:
    return {t: {"schema": ref} for t in types}


def _op(
    action: str,
    op_id: str,
    k: kinds.Kind,
    answer: Doc,
    of: dict[str, str] | None = None,
    **extra: Any,
) -> Doc:
    """One operation on ``k`` (or on the kind ``of``, for /scale) answering ``answer``."""
    doc: Doc = {
        "tags": [_tag(k)],
        "operationId": op_id,
        "responses": {"200": {"description": "OK", "content": _content(answer)}},
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": of or gvk(k),
    }
    doc.update(extra)
    return doc


def _tag(k: kinds.Kind) -> str:
    return _camel_gv(k).replace("V1", "_v1").lower()


def _camel_gv(k: kinds.Kind) -> str:
    """The operationId's group-version part: ``CoreV1``, ``AppsV1``, ``RbacAuthorizationV1``."""
    parts = (k.group or "core").removesuffix(".k8s.io").split(".")
    return "".join(p[:1].upper() + p[1:] for p in parts) + k.version.capitalize()


def _operations(k: kinds.Kind) -> Doc:
    """The paths of one resource and their operations."""
    gv, obj, lst = _camel_gv(k), ref(k.kind), ref(k.kind + "List")
    scope = "Namespaced" if k.namespaced else ""
    prefix = f"/apis/{k.api_version}" if k.group else "/api/v1"
    base = (
        f"{prefix}/namespaces/{{namespace}}/{k.plural}"
        if k.namespaced
        else (f"{prefix}/{k.plural}")
    )
    ns = [_param("namespace", "path", required=True)] if k.namespaced else []
    body = {"content": _content(obj, ("*/*",)), "required": True}
    patch_body = {"content": _content({"type": "object"}, _PATCH_TYPES), "required": True}
    name = f"{scope}{k.kind}"
    paths: Doc = {
        base: {
            "get": _op("list", f"list{gv}{name}", k, lst, parameters=_LIST),
            "post": _op("post", f"create{gv}{name}", k, obj, parameters=_WRITE, requestBody=body),
            "delete": _op("deletecollection", f"deleteCollection{gv}{name}", k, obj),
            "parameters": ns,
        },
        base + "/{name}": {
            "get": _op("get", f"read{gv}{name}", k, obj),
            "put": _op("put", f"replace{gv}{name}", k, obj, parameters=_WRITE, requestBody=body),
            "patch": _op(
                "patch",
                f"patch{gv}{name}",
                k,
                obj,
                parameters=[*_WRITE, _param("force", typ="boolean")],
                requestBody=patch_body,
            ),
            "delete": _op("delete", f"delete{gv}{name}", k, obj, parameters=_WRITE[:1]),
            "parameters": [_param("name", "path", required=True), *ns],
        },
    }
    if k.namespaced:
        every = f"{prefix}/{k.plural}"
        paths[every] = {"get": _op("list", f"list{gv}{k.kind}ForAllNamespaces", k, lst)}
    for sub in ("status", "scale"):
        if sub in {s[0] for s in discovery.SUBRESOURCES.get(k.kind, ())}:
            item = _subresource(k, sub, f"{gv}{name}{sub.capitalize()}", patch_body)
            paths[f"{base}/{{name}}/{sub}"] = {
                **item,
                "parameters": paths[base + "/{name}"]["parameters"],
            }
    return paths


def _subresource(k: kinds.Kind, sub: str, op_name: str, patch_body: Doc) -> Doc:
    """``/status`` (the kind itself) or ``/scale`` (an autoscaling/v1 Scale): get, put, patch."""
    of = SCALE_GVK if sub == "scale" else None
    answer = {"$ref": REF + SCALE} if sub == "scale" else ref(k.kind)
    body = {"content": _content(answer, ("*/*",)), "required": True}
    patch = [*_WRITE, _param("force", typ="boolean")]
    return {
        "get": _op("get", f"read{op_name}", k, answer, of),
        "put": _op("put", f"replace{op_name}", k, answer, of, parameters=_WRITE, requestBody=body),
        "patch": _op(
            "patch", f"patch{op_name}", k, answer, of, parameters=patch, requestBody=patch_body
        ),
    }


@cache
def document(group: str, version: str) -> bytes | None:
    """The OpenAPI v3 document of one group-version (JSON bytes); None when it is not served."""
    served = [k for k in kinds.KINDS.values() if (k.group, k.version) == (group, version)]
    if not served:
        return None
    paths: Doc = {}
    for k in served:
        paths.update(_operations(k))
    doc = {
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": VERSION},
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": schemas(group, version)},
    }
    return json.dumps(doc, separators=(",", ":")).encode()


def _digest(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest().upper()


def served() -> list[tuple[str, str]]:
    out: dict[tuple[str, str], None] = {}
    for k in kinds.KINDS.values():
        out[(k.group, k.version)] = None
    return list(out)


def _base(group: str, version: str) -> str:
    return f"apis/{group}/{version}" if group else f"api/{version}"


@cache
def root() -> bytes:
    """``/openapi/v3``: every group-version's document URL, with its content hash."""
    paths: Doc = {}
    for group, version in served():
        data = document(group, version)
        assert data is not None
        base = _base(group, version)
        paths[base] = {"serverRelativeURL": f"/openapi/v3/{base}?hash={_digest(data)}"}
    return json.dumps({"paths": paths}, separators=(",", ":")).encode()


# --------------------------------------------------------------------------------------------
# serving

# kubectl's Accept, and the answer's Content-Type ('@' is no media-type character: Go's mime
# parser refuses it, so the API server answers with the dotted form)
PROTOBUF_V2 = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
PROTOBUF_V2_ANSWER = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"


def _answer(req: Request, data: bytes, digest: str, immutable: bool) -> Response:
    etag = f'"{digest}"'
    headers = {"ETag": etag, "Vary": "Accept"}
    headers["Cache-Control"] = "public, immutable" if immutable else "no-cache, private"
    if str(req.headers.get("If-None-Match") or "") == etag:
        return Response(304, JSON, b"", headers)
    return Response(200, JSON, data, headers)


def _accepts_json(accept: str) -> bool:
    types = [t.split(";")[0].strip() for t in accept.split(",")]
    return not accept.strip() or any(t in (JSON, "application/*", "*/*") for t in types)


def _group_version(path: str) -> tuple[str, str] | None:
    """``/openapi/v3/api/v1`` -> ("", "v1"); ``/openapi/v3/apis/apps/v1`` -> ("apps", "v1")."""
    if not path.startswith("/openapi/v3/"):
        return None
    parts = path.removeprefix("/openapi/v3/").split("/")
    if len(parts) == 2 and parts[0] == "api":
        return "", parts[1]
    if len(parts) == 3 and parts[0] == "apis":
        return parts[1], parts[2]
    return None


def serve(req: Request) -> Response:
    """Answer a GET under ``/openapi/``."""
    if req.method not in ("GET", "HEAD"):
        return Response.status(
            status.status(405, "MethodNotAllowed", "the server does not allow this method")
        )
    path = req.path.rstrip("/")
    if path == "/openapi/v3":
        top = root()
        return _answer(req, top, _digest(top), False)
    if path == "/openapi/v2":
        return _serve_v2(req)
    gv = _group_version(path)
    data = document(*gv) if gv is not None else None
    if gv is None or data is None:
        return Response.status(status.not_found_path())
    digest = _digest(data)
    asked = req.param("hash")
    if asked and asked != digest:
        location = f"/openapi/v3/{_base(*gv)}?hash={digest}"
        return Response(301, JSON, b"", {"Location": location})
    return _answer(req, data, digest, bool(asked))


def _serve_v2(req: Request) -> Response:
    """``/openapi/v2``: JSON, or the protobuf form kubectl asks for."""
    if PROTOBUF_V2 in req.accept or PROTOBUF_V2_ANSWER in req.accept:
        data = document_v2_protobuf()
        answer = _answer(req, data, _digest(data), False)
        answer.content_type = PROTOBUF_V2_ANSWER
        return answer
    if not _accepts_json(req.accept):
        return Response.status(
            status.status(406, "NotAcceptable", f"only {JSON} is served for /openapi/v2")
        )
    data = document_v2()
    return _answer(req, data, _digest(data), False)


@cache
def document_v2_protobuf() -> bytes:
    """``/openapi/v2`` as a gnostic openapi_v2.Document."""
    from minikube_lite.server import openapi_v2

    return openapi_v2.protobuf_document(document_v2())


@cache
def document_v2() -> bytes:
    """``/openapi/v2``: every group-version in one Swagger 2.0 document (JSON bytes)."""
    from minikube_lite.server import openapi_v2

    return openapi_v2.document([d for gv in served() if (d := document(*gv)) is not None])
