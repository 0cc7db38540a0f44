"""GET of one object and of lists: plain JSON, or a Table for kubectl's human output.

Lists take ``labelSelector`` and ``fieldSelector`` as the API server does (``ops.resources``
applies them with the server's checks and errors), and carry the resourceVersion they were
taken at.
"""

from __future__ import annotations

from typing import Any

from minikube_lite.ops import resources
from minikube_lite.server import status, tables
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target


def list_document(t: Target, items: list[Any], resource_version: str) -> dict[str, Any]:
    assert t.kind is not None
    return {
        "kind": f"{t.kind.kind}List",
        "apiVersion": t.kind.api_version,
        "metadata": {"resourceVersion": resource_version},
        "items": items,
    }


def get(api: ApiServer, req: Request, t: Target) -> Response:
    """A GET of a collection or of one object (no subresource)."""
    k = t.kind
    if k is None or (t.namespace is not None and not k.namespaced):
        return Response.status(status.not_found_path())
    if t.name is not None and k.namespaced and t.namespace is None:
        return Response.status(status.not_found_path())
    table = tables.wants_table(req.accept)

    def look(cluster: Any) -> Response:
        rv = str(cluster.resource_version)
        if t.name is not None:
            obj = resources.get_one(cluster, k, t.namespace or "", t.name)
            if table:
                return Response.json(tables.table([obj], rv), tables.CONTENT_TYPE)
            return Response.json(obj)
        items = resources.list_kind(
            cluster, k, t.namespace, req.param("labelSelector"), req.param("fieldSelector")
        )
        if table:
            return Response.json(tables.table(items, rv), tables.CONTENT_TYPE)
        return Response.json(list_document(t, items, rv))

    return api.look(look)
