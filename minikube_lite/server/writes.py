"""Writes: POST, PUT, PATCH and DELETE of objects and collections, through mkl's own write path.

Every request goes through what mkl's verbs use (``store/apiserver.py`` create/update/delete,
``ops.patch.patch_one``, ``ops.delete.delete_one``), so defaulting, validation, admission, RBAC
and the 409 on a stale ``metadata.resourceVersion`` are one implementation with two front ends.
Query parameters as the API server reads them: ``dryRun=All`` (nothing stored, the would-be
object answered), ``fieldValidation`` (``Strict``: unknown fields are a 400; ``Warn``, the
default: a ``Warning`` header per field, which kubectl prints, and the fields dropped;
``Ignore``: dropped), ``fieldManager`` (the manager ``metadata.managedFields`` records).  DELETE is
``deletes.py``'s, the ``scale`` and ``status`` subresources ``subresources.py``'s.
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api.objects import Obj
from minikube_lite.api.patch.errors import PatchError
from minikube_lite.ops import resources
from minikube_lite.records import dataclass
from minikube_lite.server import deletes, status
from minikube_lite.server.core import ApiServer, Request, Response, unsupported_media_type
from minikube_lite.server.paths import Target
from minikube_lite.store import apiserver

# Content-Type -> ops.patch's patch type
PATCH_TYPES = {
    "application/json-patch+json": "json",
    "application/merge-patch+json": "merge",
    "application/strategic-merge-patch+json": "strategic",
}
APPLY_PATCH = "application/apply-patch+yaml"
SERVER_SIDE_APPLY = (
    "server-side apply (application/apply-patch+yaml) is not served by mkl: use client-side "
    "apply (kubectl apply without --server-side)"
)
VALIDATIONS = ("Ignore", "Strict", "Warn")
# A JSON patch that does not apply: NewGenericServerResponse(422) without the library's text.
NOT_APPLIED = {
    "kind": "Status",
    "apiVersion": "v1",
    "metadata": {},
    "status": "Failure",
    "message": "the server rejected our request due to an error in our request",
    "reason": "Invalid",
    "details": {},
    "code": 422,
}


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """CreateOptions / UpdateOptions / PatchOptions as query parameters."""

    dry_run: bool
    validation: str  # Strict | Warn | Ignore
    field_manager: str  # managedFields' manager: fieldManager, else the User-Agent's product

    @classmethod
    def of(cls, req: Request, options_kind: str) -> WriteOptions:
        """Validate*Options: ``dryRun`` only ``All``, ``fieldValidation`` one of three."""
        causes: list[errors.FieldError] = []
        dry = [v for vs in req.query.get("dryRun", []) for v in vs.split(",") if v]
        if any(v != "All" for v in dry):
            listed = ", ".join(f'"{v}"' for v in dry)
            causes.append(
                errors.FieldError(
                    "dryRun", f'Unsupported value: []string{{{listed}}}: supported values: "All"'
                )
            )
        validation = req.param("fieldValidation") or "Warn"
        if validation not in VALIDATIONS:
            causes.append(
                errors.FieldError(
                    "fieldValidation",
                    f'Unsupported value: "{validation}": supported values: '
                    + ", ".join(f'"{v}"' for v in VALIDATIONS),
                )
            )
        if causes:
            raise errors.InvalidError(f"{options_kind}.meta.k8s.io", "", causes)
        return cls(bool(dry), validation, field_manager(req))


def field_manager(req: Request) -> str:
    """The API server's manager name: ``fieldManager``, else the User-Agent up to its first
    ``/`` (``kubectl`` for ``kubectl/v1.37.1 (linux/amd64) ...``), else ``unknown``."""
    given = req.param("fieldManager")
    if given:
        return given
    agent = str(req.headers.get("User-Agent") or "").split("/")[0].strip()
    return agent[:128] or "unknown"


def unknown_field_check(obj: Obj, validation: str, *, patch_value: str | None = None) -> list[str]:
    """Field validation of a decoded object: raise (Strict), or drop the unknown fields and
    return the warnings (Warn) or nothing (Ignore).

    A create or update reports as its decoder does (``Deployment in version "v1" cannot be
    handled as a Deployment: strict decoding error: ...``, type errors first); a patch as the
    patcher does, a 422 on field ``patch`` whose value is ``patch_value`` (the patch as Go's
    ``%+v`` prints it for a strategic merge, the patched object's JSON for the others)."""
    from minikube_lite.api import schema

    if validation == "Strict":
        if patch_value is None:
            schema.check_decode(obj, strict=True)
            return []
        unknown = schema.unknown_fields(obj)
        if unknown:
            from minikube_lite.api.patch import govalue

            listed = ", ".join(f'unknown field "{p}"' for p in unknown)
            body = (
                f"Invalid value: {govalue.go_quote(patch_value)}: strict decoding error: {listed}"
            )
            raise errors.InvalidError("", "", [errors.FieldError("patch", body)])
        return []
    unknown = [] if validation == "Ignore" else schema.unknown_fields(obj)
    schema.drop_unknown_fields(obj)
    return [f'unknown field "{p}"' for p in unknown]


def warning_header(warnings: list[str]) -> dict[str, str]:
    """RFC 7234 ``Warning: 299 - "<text>"`` values, comma-joined (client-go reads them all)."""
    if not warnings:
        return {}
    quoted = ['299 - "' + w.replace("\\", "\\\\").replace('"', '\\"') + '"' for w in warnings]
    return {"Warning": ", ".join(quoted)}


def answer(doc: Any, warnings: list[str] | None = None, code: int = 200) -> Response:
    resp = Response.json(doc, code=code)
    resp.headers.update(warning_header(warnings or []))
    return resp


def method_not_allowed() -> Response:
    return Response.status(
        status.status(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
        )
    )


def object_body(req: Request, t: Target) -> Obj:
    """The object a POST or PUT sends: kind and apiVersion default to the URL's, and must agree
    with it; its namespace must be the URL's."""
    k = t.kind
    assert k is not None
    doc = req.document()
    if not isinstance(doc, dict):
        raise errors.BadRequestError(
            f'{k.kind} in version "{k.version}" cannot be handled as a {k.kind}: '
            "json: cannot unmarshal non-object into Go value of type struct"
        )
    doc.setdefault("apiVersion", k.api_version)
    doc.setdefault("kind", k.kind)
    if doc["apiVersion"] != k.api_version:
        raise errors.BadRequestError(
            f"the API version in the data ({doc['apiVersion']}) does not match the expected API "
            f"version ({k.api_version})"
        )
    if doc["kind"] != k.kind:
        raise errors.BadRequestError(
            f'{doc["kind"]} in version "{k.version}" cannot be handled as a {k.kind}: '
            f'no kind "{doc["kind"]}" is registered for version "{k.api_version}"'
        )
    meta = doc.get("metadata")
    if meta is None or not isinstance(meta, dict):
        meta = doc["metadata"] = {}
    if k.namespaced and t.namespace is not None:
        given = meta.get("namespace")
        if given and given != t.namespace:
            raise errors.BadRequestError(
                "the namespace of the provided object does not match the namespace sent on the "
                "request"
            )
        meta["namespace"] = t.namespace
    return doc


def _scoped(t: Target) -> bool:
    """The URL fits the kind: a namespace for namespaced kinds, none for cluster-scoped ones."""
    k = t.kind
    return k is not None and (t.namespace is not None) == k.namespaced


def handle(api: ApiServer, req: Request, t: Target) -> Response | None:
    """The answer to a write on an object or collection; None when ``t`` is not one."""
    if t.subresource is not None:
        return None
    if t.kind is None:
        return Response.status(status.not_found_path())
    method = req.method
    if method == "POST" and t.name is None:
        return create(api, req, t) if _scoped(t) else method_not_allowed()
    if t.name is None:
        if method == "DELETE" and (t.namespace is not None or not t.kind.namespaced):
            return deletes.delete_collection(api, req, t)
        return method_not_allowed() if method in ("PUT", "PATCH", "DELETE", "POST") else None
    if not _scoped(t):
        return Response.status(status.not_found_path())
    if method == "PUT":
        return replace(api, req, t)
    if method == "PATCH":
        return patch(api, req, t)
    if method == "DELETE":
        return deletes.delete(api, req, t)
    return method_not_allowed() if method == "POST" else None


def create(api: ApiServer, req: Request, t: Target) -> Response:
    """POST: 201 and the created object (a name from ``generateName`` if asked)."""
    k = t.kind
    assert k is not None
    opts = WriteOptions.of(req, "CreateOptions")
    body = object_body(req, t)

    def look(cluster: Any) -> Response:
        warnings = unknown_field_check(body, opts.validation)
        created = apiserver.create(
            cluster, k.kind, body, dry_run=opts.dry_run, manager=opts.field_manager
        )
        return answer(created, warnings, 201)

    return api.look(look)


def replace(api: ApiServer, req: Request, t: Target) -> Response:
    """PUT: the object replaced; a stale ``metadata.resourceVersion`` is a 409 Conflict."""
    k = t.kind
    assert k is not None and t.name is not None
    opts = WriteOptions.of(req, "UpdateOptions")
    body = object_body(req, t)
    given = str(body["metadata"].get("name") or "")
    if given != t.name:
        raise errors.BadRequestError(
            f"the name of the object ({given}) does not match the name on the URL ({t.name})"
        )

    def look(cluster: Any) -> Response:
        warnings = unknown_field_check(body, opts.validation)
        stored, _ = apiserver.update(
            cluster, k.kind, body, dry_run=opts.dry_run, verb="update", manager=opts.field_manager
        )
        return answer(stored, warnings)

    return api.look(look)


def patch_request(req: Request, scale: bool = False) -> Any:
    """The patch document of a PATCH (ops.patch.Request) by its Content-Type; 415 for server-side
    apply and for types that are no patch."""
    from minikube_lite.ops import patch as patch_ops

    ctype = req.content_type.lower()
    if ctype == APPLY_PATCH:
        raise errors.ServerError(SERVER_SIDE_APPLY, "UnsupportedMediaType")
    ptype = PATCH_TYPES.get(ctype)
    if ptype is None:
        raise unsupported_media_type((*PATCH_TYPES, APPLY_PATCH))
    return patch_ops.parse(req.body.decode("utf-8", "replace"), ptype)


def patch(api: ApiServer, req: Request, t: Target) -> Response:
    """PATCH: strategic merge, JSON merge or JSON patch of the stored object."""
    from minikube_lite.ops import patch as patch_ops

    k, ns, name = deletes.named(t)
    opts = WriteOptions.of(req, "PatchOptions")
    preq = patch_request(req)

    def look(cluster: Any) -> Response:
        resources.authorize(cluster, "patch", k, ns, name)  # before the lookup, as the server
        obj = cluster.get(k.kind, ns, name)
        if obj is None:
            raise resources.not_found(k, name)
        warnings: list[str] = []

        def check(new: Obj) -> None:
            warnings.extend(unknown_field_check(new, opts.validation, patch_value=shown(new)))

        def shown(new: Obj) -> str:
            from minikube_lite.api.patch import govalue

            if preq.patch_type == "strategic":
                return govalue.go_fmt(preq.patch)
            return govalue.go_json(new)

        try:
            stored, _ = patch_ops.patch_one(
                cluster,
                k,
                obj,
                preq,
                None,
                "server" if opts.dry_run else "none",
                opts.field_manager,
                check=check,
            )
        except PatchError as e:
            if preq.patch_type != "json" or e.message.startswith("json: cannot unmarshal"):
                raise
            return Response.status(NOT_APPLIED)  # the JSON patch's own error is not sent
        return answer(stored, warnings)

    return api.look(look)
