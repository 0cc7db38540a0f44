"""The ``scale`` and ``status`` subresources: GET, PUT and PATCH.

``/scale`` answers an ``autoscaling/v1`` Scale (Deployments, ReplicaSets, ReplicationControllers,
as their registries' ScaleREST): its ``spec.replicas`` is the object's, ``status.replicas`` and
``status.selector`` the object's status and selector; a write goes through ``ops.scale.scale``,
as ``mkl scale`` does.  ``/status`` answers the object; a write changes only its status (the
status strategies' PrepareForUpdate: spec and metadata stay as stored).
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.api.patch import govalue
from minikube_lite.server import status, writes
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target
from minikube_lite.store import apiserver


def handle(api: ApiServer, req: Request, t: Target) -> Response | None:
    """None for subresources served elsewhere (a pod's exec, log, ...)."""
    k = t.kind
    if t.subresource == "eviction" and k is not None and k.kind == "Pod" and t.name and t.namespace:
        from minikube_lite.server import eviction

        return eviction.evict(api, req, t.namespace, t.name)
    if t.subresource not in ("scale", "status"):
        return None
    if k is None or t.name is None or (t.namespace is None and k.namespaced):
        return Response.status(status.not_found_path())
    if t.subresource == "scale":
        from minikube_lite.ops import scale as scale_ops

        if k.kind not in scale_ops.SCALABLE:
            return Response.status(status.not_found_path())
    elif k.kind not in apiserver.STATUS_KINDS:
        return Response.status(status.not_found_path())
    if req.method not in ("GET", "HEAD", "PUT", "PATCH"):
        return writes.method_not_allowed()
    fn = _scale if t.subresource == "scale" else _status
    return fn(api, req, k, t.namespace if k.namespaced else None, t.name)


def _authorize(cluster: Any, verb: str, k: kinds.Kind, ns: str | None, name: str, sub: str) -> None:
    if getattr(cluster, "user", None) is not None:
        from minikube_lite.store.rbac import rbac

        rbac.check(cluster, verb, k, ns, name, sub)


def _stored(cluster: Any, k: kinds.Kind, ns: str | None, name: str) -> Obj:
    obj: Obj | None = cluster.get(k.kind, ns, name)
    if obj is None:
        raise errors.NotFoundError(f'{k.resource} "{name}" not found')
    return obj


def _precondition(k: kinds.Kind, obj: Obj, given: Any) -> None:
    """A resourceVersion sent must be the stored one."""
    if given not in (None, "") and str(given) != o.meta(obj).get("resourceVersion"):
        raise apiserver.conflict(k, o.name(obj))


# ----- scale -------------------------------------------------------------------------------------


def scale_of(k: kinds.Kind, obj: Obj) -> dict[str, Any]:
    """scaleFromDeployment / scaleFromReplicaSet / scaleFromRC: the object as a Scale."""
    from minikube_lite.api import labels

    meta = o.meta(obj)
    selector = obj.get("spec", {}).get("selector")
    if k.kind == "ReplicationController":
        text = ",".join(f"{key}={v}" for key, v in sorted((selector or {}).items()))
    else:
        try:
            text = str(labels.from_label_selector(selector))
        except errors.MklError as e:
            raise errors.BadRequestError(e.message) from None
    spec: dict[str, Any] = {}
    if o.spec_replicas(obj):
        spec["replicas"] = o.spec_replicas(obj)
    scale_status: dict[str, Any] = {"replicas": int(obj.get("status", {}).get("replicas", 0))}
    if text:
        scale_status["selector"] = text
    return {
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": {
            f: meta[f]
            for f in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp")
            if f in meta
        },
        "spec": spec,
        "status": scale_status,
    }


def _replicas(k: kinds.Kind, name: str, doc: Any) -> int:
    spec = doc.get("spec") if isinstance(doc, dict) else None
    replicas = (spec or {}).get("replicas", 0) if isinstance(spec, dict) else 0
    if isinstance(replicas, bool) or not isinstance(replicas, int):
        raise errors.BadRequestError(
            'Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal '
            f"{type(replicas).__name__} into Go struct field ScaleSpec.spec.replicas of type int32"
        )
    if replicas < 0:
        raise errors.InvalidError(
            "Scale.autoscaling",
            name,
            [
                errors.FieldError(
                    "spec.replicas",
                    f"Invalid value: {replicas}: must be greater than or equal to 0",
                )
            ],
        )
    return replicas


def _scale(api: ApiServer, req: Request, k: kinds.Kind, ns: str | None, name: str) -> Response:
    method = req.method
    opts = writes.WriteOptions.of(req, "UpdateOptions") if method in ("PUT", "PATCH") else None
    body = req.document() if method == "PUT" else None
    preq = writes.patch_request(req) if method == "PATCH" else None

    def look(cluster: Any) -> Response:
        verb = {"PUT": "update", "PATCH": "patch"}.get(method, "get")
        _authorize(cluster, verb, k, ns, name, "scale")
        obj = _stored(cluster, k, ns, name)
        current = scale_of(k, obj)
        if opts is None:
            return Response.json(current)
        if preq is not None:
            from minikube_lite.ops import patch as patch_ops

            wanted: Any = patch_ops.patched(k, current, preq)
        else:
            wanted = body
        meta = wanted.get("metadata") if isinstance(wanted, dict) else None
        _precondition(k, obj, (meta or {}).get("resourceVersion"))
        replicas = _replicas(k, name, wanted)
        from minikube_lite.ops import scale as scale_ops

        stored = scale_ops.scale(
            cluster, k, obj, replicas, dry_run="server" if opts.dry_run else "none", verb=verb
        )
        return Response.json(scale_of(k, stored))

    return api.look(look)


# ----- status ------------------------------------------------------------------------------------


def write_status(cluster: Any, k: kinds.Kind, old: Obj, new: Any, dry_run: bool) -> Obj:
    """The status strategy: the stored object with ``new``'s status; nothing else changes."""
    _precondition(k, old, (new.get("metadata") or {}).get("resourceVersion"))
    obj = o.deepcopy(old)
    if isinstance(new.get("status"), dict):
        obj["status"] = o.deepcopy(new["status"])
    else:
        obj.pop("status", None)
    if obj == old or dry_run:
        return obj
    cluster.replace(k.kind, obj)
    return obj


def _status(api: ApiServer, req: Request, k: kinds.Kind, ns: str | None, name: str) -> Response:
    method = req.method
    opts = writes.WriteOptions.of(req, "UpdateOptions") if method in ("PUT", "PATCH") else None
    body = req.document() if method == "PUT" else None
    preq = writes.patch_request(req) if method == "PATCH" else None
    if body is not None and not isinstance(body, dict):
        raise errors.BadRequestError(
            f'{k.kind} in version "{k.version}" cannot be handled as a {k.kind}: '
            "json: cannot unmarshal non-object into Go value of type struct"
        )

    def look(cluster: Any) -> Response:
        verb = {"PUT": "update", "PATCH": "patch"}.get(method, "get")
        _authorize(cluster, verb, k, ns, name, "status")
        obj = _stored(cluster, k, ns, name)
        if opts is None:
            return Response.json(obj)
        if preq is not None:
            from minikube_lite.ops import patch as patch_ops

            new: Obj = patch_ops.patched(k, obj, preq)
        else:
            assert isinstance(body, dict)
            new = body
        shown = None if preq is None else govalue.go_json(new)
        warnings = writes.unknown_field_check(new, opts.validation, patch_value=shown)
        return writes.answer(write_status(cluster, k, obj, new, opts.dry_run), warnings)

    return api.look(look)
