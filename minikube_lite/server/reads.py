"""GET of one object and of lists: plain JSON, or a Table for kubectl's human output.

Lists take ``labelSelector`` and ``fieldSelector`` as the API server does (``ops.resources``
applies them with the server's checks and errors), ``limit``/``continue`` pagination (an
opaque token: the list's resourceVersion and the last key served; later pages show the current
state after that key, under the first page's resourceVersion), and ``resourceVersion`` /
``resourceVersionMatch``: unset, ``0`` and ``NotOlderThan`` a version not newer than the
cluster's serve the current state; a newer one is a 504 as upstream's "Too large resource
version"; ``Exact`` serves only the current version (mkl keeps no history: 410 Gone).  A list
carries the resourceVersion it was taken at.  ``watch=true`` goes to ``watch.serve``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from minikube_lite import errors
from minikube_lite.ops import resources
from minikube_lite.server import status, tables
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target

GONE_CONTINUE = (
    "The provided continue parameter is too old to display a consistent list result. You can "
    "start a new list without the continue parameter."
)


def list_document(t: Target, items: list[Any], meta: dict[str, Any]) -> dict[str, Any]:
    assert t.kind is not None
    return {
        "kind": f"{t.kind.kind}List",
        "apiVersion": t.kind.api_version,
        "metadata": meta,
        "items": items,
    }


def encode_continue(rv: str, key: str) -> str:
    doc = json.dumps({"v": "mkl/1", "rv": int(rv), "start": key}, separators=(",", ":"))
    return base64.urlsafe_b64encode(doc.encode()).decode().rstrip("=")


def decode_continue(token: str) -> tuple[int, str]:
    """(resourceVersion, last key served) of a continue token; BadRequest when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        doc = json.loads(raw)
        if doc.get("v") != "mkl/1":
            raise ValueError(doc)
        return int(doc["rv"]), str(doc["start"])
    except (ValueError, TypeError, KeyError, AttributeError):
        raise errors.BadRequestError("continue key is not valid: incorrect encoded start") from None


def _int_param(req: Request, name: str) -> int | None:
    raw = req.param(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise errors.BadRequestError(f'invalid value "{raw}" for {name}') from None


def check_resource_version(req: Request, current: int) -> None:
    """A list's ``resourceVersion``/``resourceVersionMatch`` against the cluster's version."""
    raw = req.param("resourceVersion") or ""
    match = req.param("resourceVersionMatch") or ""
    if match and not raw:
        raise errors.BadRequestError(
            "resourceVersionMatch is forbidden unless resourceVersion is provided"
        )
    if match not in ("", "NotOlderThan", "Exact"):
        raise errors.BadRequestError(
            f'Unsupported value: "{match}": supported values: "Exact", "NotOlderThan"'
        )
    if not raw:
        return
    try:
        rv = int(raw)
    except ValueError:
        raise errors.ServerError("invalid resource version", "BadRequest") from None
    if match == "Exact" and rv == 0:
        raise errors.BadRequestError(
            'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'
        )
    if rv > current:
        raise errors.ServerError(f"Too large resource version: {rv}, current: {current}", "Timeout")
    if match == "Exact" and rv != current:
        raise errors.ServerError(f"too old resource version: {rv} ({current})", "Gone")


def page(
    req: Request, api: ApiServer, items: list[Any], rv: str
) -> tuple[list[Any], dict[str, Any]]:
    """The page ``limit``/``continue`` ask for, and the list metadata to answer with."""
    from minikube_lite.store.cluster import obj_key

    limit = _int_param(req, "limit") or 0
    token = req.param("continue")
    meta: dict[str, Any] = {"resourceVersion": rv}
    if token:
        if req.param("resourceVersion"):
            raise errors.BadRequestError(
                "specifying resource version is not allowed when using continue"
            )
        first_rv, start = decode_continue(token)
        if api.hub is not None and first_rv < api.hub.oldest:
            raise errors.ServerError(GONE_CONTINUE, "Gone")
        items = [x for x in items if obj_key(x) > start]
        meta["resourceVersion"] = str(first_rv)
    if 0 < limit < len(items):
        rest = len(items) - limit
        items = items[:limit]
        meta["continue"] = encode_continue(meta["resourceVersion"], obj_key(items[-1]))
        meta["remainingItemCount"] = rest
    return items, meta


def get(api: ApiServer, req: Request, t: Target) -> Response:
    """A GET of a collection or of one object (no subresource)."""
    k = t.kind
    if k is None or (t.namespace is not None and not k.namespaced):
        return Response.status(status.not_found_path())
    if t.name is not None and k.namespaced and t.namespace is None:
        return Response.status(status.not_found_path())
    if req.flag("watch"):
        from minikube_lite.server import watch

        return watch.serve(api, req, t)
    table = tables.wants_table(req.accept)
    include = tables.include_object(req.param("includeObject")) if table else "Metadata"

    def look(cluster: Any) -> Response:
        rv = str(cluster.resource_version)
        if t.name is not None:
            obj = resources.get_one(cluster, k, t.namespace or "", t.name)
            if table:
                doc = tables.table([obj], rv, kind=k.kind, now=cluster.now, include=include)
                return Response.json(doc, tables.CONTENT_TYPE)
            return Response.json(obj)
        check_resource_version(req, cluster.resource_version)
        if k.kind != "Event":  # a watch may follow from this list's resourceVersion
            from minikube_lite.server import watch

            watch.ensure_hub(api, cluster).track(cluster, k.kind)
        items = resources.list_kind(
            cluster, k, t.namespace, req.param("labelSelector"), req.param("fieldSelector")
        )
        items, meta = page(req, api, items, rv)
        if table:
            doc = tables.table(items, rv, kind=k.kind, now=cluster.now, include=include)
            doc["metadata"] = meta
            return Response.json(doc, tables.CONTENT_TYPE)
        return Response.json(list_document(t, items, meta))

    return api.look(look)
