"""A tiny API server for the real kubectl: discovery, mkl's explain data as OpenAPI v3, and the
objects a test serves (not a test module).

``kubectl explain`` needs discovery (``/api``, ``/apis``, ``/api/v1``, ``/apis/<group>/<v>``) and
the OpenAPI v3 documents (``/openapi/v3`` and one per group-version): those of ``mkl serve``
(minikube_lite/server/openapi.py, built from api/schema.py and api/field_docs.py), so kubectl's
rendering of them is compared with mkl's.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from minikube_lite.api import kinds
from minikube_lite.server import openapi

Obj = dict[str, Any]


def openapi_document(group_version: str) -> Obj:
    """The OpenAPI v3 document of one group-version, as ``mkl serve`` publishes it."""
    group, _, version = group_version.rpartition("/")
    data = openapi.document(group, version)
    assert data is not None
    doc: Obj = json.loads(data)
    return doc


def _resource_list(group_version: str) -> Obj:
    res = [
        {
            "name": k.plural,
            "singularName": k.singular,
            "namespaced": k.namespaced,
            "kind": k.kind,
            "verbs": ["get", "list"],
            "shortNames": list(k.short_names),
        }
        for k in kinds.KINDS.values()
        if k.api_version == group_version
    ]
    return {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": group_version,
        "resources": res,
    }


def _routes() -> dict[str, Obj]:
    gvs = sorted({k.api_version for k in kinds.KINDS.values()})
    groups = [
        {
            "name": gv.split("/")[0],
            "versions": [{"groupVersion": gv, "version": gv.split("/")[1]}],
            "preferredVersion": {"groupVersion": gv, "version": gv.split("/")[1]},
        }
        for gv in gvs
        if "/" in gv
    ]
    routes: dict[str, Obj] = {
        "/api": {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []},
        "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups},
        "/openapi/v3": {"paths": {}},
    }
    for gv in gvs:
        base = "api/v1" if gv == "v1" else f"apis/{gv}"
        routes["/" + base] = _resource_list(gv)
        routes["/openapi/v3/" + base] = openapi_document(gv)
        routes["/openapi/v3"]["paths"][base] = {"serverRelativeURL": f"/openapi/v3/{base}?hash=1"}
    return routes


@contextmanager
def serving(
    tmp: Path, extra: dict[str, Obj] | None = None, patched: list[Obj] | None = None
) -> Iterator[Path]:
    """Serve the documents (and ``extra``: path -> JSON body, e.g. an EventList) on 127.0.0.1;
    yields a kubeconfig file that points kubectl there.  A PATCH of an ``extra`` object applies
    the strategic merge patch to it, answers the result and appends the patch to ``patched``."""
    from minikube_lite.api.patch.patch import apply_patch

    objects = dict(extra or {})
    routes = {p: json.dumps(body).encode() for p, body in {**_routes(), **objects}.items()}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PATCH(self) -> None:
            path = self.path.split("?")[0]
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if patched is not None:
                patched.append(body)
            obj = apply_patch(objects[path], body, "strategic", objects[path]["kind"])
            routes[path] = json.dumps(obj).encode()
            self.path = path
            self.do_GET()

        def do_GET(self) -> None:
            body = routes.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            data = body if body is not None else b'{"kind":"Status","code":404}'
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    config = tmp / "kubeconfig"
    config.write_text(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
        f"    server: http://127.0.0.1:{server.server_address[1]}\n"
        "contexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\n"
        "users:\n- name: u\n  user: {}\n"
    )
    try:
        yield config
    finally:
        server.shutdown()
        server.server_close()
