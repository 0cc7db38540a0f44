"""A tiny API server for the real kubectl: discovery, mkl's explain data as OpenAPI v3, and the
objects a test serves (not a test module).

``kubectl explain`` needs discovery (``/api``, ``/apis``, ``/api/v1``, ``/apis/<group>/<v>``) and
the OpenAPI v3 documents (``/openapi/v3`` and one per group-version).  The documents are built
from api/schema.py and api/field_docs.py the way the Kubernetes API server publishes its types:
a property is ``{"allOf": [{"$ref": ...}]}`` for a struct, ``{"type": "array", "items": ...}`` for a
list, ``additionalProperties`` for a map, IntOrString and Quantity are ``oneOf`` schemas (no
``type``), Time is a string.  kubectl's rendering of them is then compared with mkl's.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from minikube_lite.api import field_docs, field_types, kinds, schema
from minikube_lite.ops import explain_api

Obj = dict[str, Any]
REF = "#/components/schemas/"
_SCALAR = {
    "s": {"type": "string"},
    "i32": {"type": "integer", "format": "int32"},
    "i64": {"type": "integer", "format": "int64"},
    "b": {"type": "boolean"},
    "by": {"type": "string", "format": "byte"},
    "any": {"type": "object"},
}
_SHARED = {
    "mkl.Time": {"type": "string", "format": "date-time"},
    "mkl.IntOrString": {
        "format": "int-or-string",
        "oneOf": [{"type": "integer"}, {"type": "string"}],
    },
    "mkl.Quantity": {"oneOf": [{"type": "string"}, {"type": "number"}]},
}


def _ref(name: str) -> Obj:
    return {"$ref": REF + "mkl." + name}


def _value(typ: str) -> Obj:
    """The schema of a value of ``typ`` (a list item, a map value, a property before its
    description)."""
    if typ.startswith("[]"):
        return {"type": "array", "items": _value(typ[2:])}
    if typ.startswith("@"):
        return {"type": "string"}
    if typ in _SCALAR:
        return dict(_SCALAR[typ])
    if typ == "map":
        return {"type": "object", "additionalProperties": {"type": "string"}}
    if typ == "bymap":
        return {"type": "object", "additionalProperties": {"type": "string", "format": "byte"}}
    if typ == "qmap":
        return {"type": "object", "additionalProperties": _ref("Quantity")}
    named = {"t": "Time", "io": "IntOrString", "q": "Quantity"}.get(typ, typ)
    return {"allOf": [_ref(named)]}


def _struct(name: str, description: str) -> Obj:
    props: Obj = {}
    for field, typ in explain_api.fields(name).items():
        prop = _value(typ)
        text = field_docs.field(name, field)
        if text:
            prop["description"] = text
        enum = field_types.ENUMS.get(f"{name}.{field}")
        if enum:
            prop["enum"] = list(enum)
        props[field] = prop
    out: Obj = {"type": "object", "properties": props}
    if description:
        out["description"] = description
    required = sorted(f for f in props if f"{name}.{f}" in field_types.REQUIRED)
    if required:
        out["required"] = required
    return out


def openapi_document(group_version: str) -> Obj:
    """The OpenAPI v3 document of one group-version: every struct, the kinds with their GVK."""
    schemas: Obj = {k: dict(v) for k, v in _SHARED.items()}
    for name in [*schema._RAW, *field_types.STRUCTS]:
        schemas["mkl." + name] = _struct(name, field_docs.TYPES.get(name, ""))
    paths: Obj = {}
    for k in kinds.KINDS.values():
        if k.api_version != group_version:
            continue
        gvk = {"group": k.group, "kind": k.kind, "version": k.version}
        root = _struct(k.kind, field_docs.KINDS.get(k.kind, ""))
        root["x-kubernetes-group-version-kind"] = [gvk]
        schemas["mkl." + k.kind] = root
        prefix = f"/apis/{k.api_version}" if k.group else "/api/v1"
        path = (
            f"{prefix}/namespaces/{{namespace}}/{k.plural}"
            if k.namespaced
            else (f"{prefix}/{k.plural}")
        )
        paths[path] = {"get": {"x-kubernetes-group-version-kind": gvk, "responses": {}}}
    return {
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "v1.37.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


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
            "versions": [{"groupVersion": gv, "version": "v1"}],
            "preferredVersion": {"groupVersion": gv, "version": "v1"},
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
