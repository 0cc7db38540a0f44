"""DELETE of one object and of collections (deletecollection), through ``ops.delete``.

``metav1.DeleteOptions`` come in the body or the query: ``propagationPolicy`` (or the deprecated
``orphanDependents``), ``gracePeriodSeconds``, ``preconditions``, ``dryRun``.  The answer is the
object while it is still there (terminating, waiting for its dependents) and for the kinds whose
registries return it; otherwise a Status ``Success`` naming what was deleted.
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.ops import resources
from minikube_lite.records import dataclass
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target

# Kinds whose DELETE answers the deleted object, not a Status (their registries set
# ReturnDeletedObject).
RETURNS_DELETED = frozenset({"Pod", "Service", "Namespace", "ServiceAccount"})
PROPAGATIONS = ("Foreground", "Background", "Orphan")


def named(t: Target) -> tuple[kinds.Kind, str | None, str]:
    """(kind, namespace or None for cluster-scoped kinds, name) of a request for one object."""
    k = t.kind
    assert k is not None and t.name is not None
    return k, t.namespace if k.namespaced else None, t.name


@dataclass(frozen=True, slots=True)
class DeleteOptions:
    """metav1.DeleteOptions from the body, else the query."""

    grace: int | None
    propagation: str | None
    dry_run: bool
    uid: str | None
    resource_version: str | None

    @classmethod
    def of(cls, req: Request) -> DeleteOptions:
        doc: Any = req.document() if req.body.strip() else {}
        if not isinstance(doc, dict):
            raise errors.BadRequestError(
                "json: cannot unmarshal non-object into Go value of type v1.DeleteOptions"
            )
        q = req.param
        grace = doc.get("gracePeriodSeconds", q("gracePeriodSeconds"))
        policy = doc.get("propagationPolicy", q("propagationPolicy"))
        orphan = doc.get("orphanDependents", q("orphanDependents"))
        if policy is None and orphan is not None:
            policy = "Orphan" if str(orphan).lower() == "true" else "Background"
        dry = doc.get("dryRun") or [v for vs in req.query.get("dryRun", []) for v in vs.split(",")]
        pre = doc.get("preconditions") or {}
        causes: list[errors.FieldError] = []
        if policy is not None and policy not in PROPAGATIONS:
            causes.append(
                errors.FieldError(
                    "propagationPolicy",
                    f'Unsupported value: "{policy}": supported values: '
                    + ", ".join(f'"{p}"' for p in PROPAGATIONS),
                )
            )
        if any(v != "All" for v in dry):
            causes.append(errors.FieldError("dryRun", 'Unsupported value: supported values: "All"'))
        try:
            grace_s = None if grace is None else int(grace)
        except (TypeError, ValueError):
            raise errors.BadRequestError(f'invalid gracePeriodSeconds "{grace}"') from None
        if grace_s is not None and grace_s < 0:
            causes.append(
                errors.FieldError("gracePeriodSeconds", f"Invalid value: {grace_s}: must be >= 0")
            )
        if causes:
            raise errors.InvalidError("DeleteOptions.meta.k8s.io", "", causes)
        return cls(grace_s, policy, bool(dry), pre.get("uid"), pre.get("resourceVersion"))

    def cascade(self, k: kinds.Kind) -> str:
        """The policy sent, else the kind's default (ReplicationControllers orphan: their
        strategy's DefaultGarbageCollectionPolicy)."""
        if self.propagation is not None:
            return self.propagation
        return "Orphan" if k.kind == "ReplicationController" else "Background"


def _check_preconditions(k: kinds.Kind, obj: Obj, opts: DeleteOptions) -> None:
    meta = obj.get("metadata", {})
    for what, given, have in (
        ("UID", opts.uid, meta.get("uid")),
        ("ResourceVersion", opts.resource_version, meta.get("resourceVersion")),
    ):
        if given and given != have:
            raise errors.ConflictError(
                f'Operation cannot be fulfilled on {k.resource} "{meta.get("name")}": '
                f"Precondition failed: {what} in precondition: {given}, {what} in object meta: "
                f"{have}"
            )


def deleted_status(k: kinds.Kind, obj: Obj) -> dict[str, Any]:
    """What finalizeDelete answers for a kind without ReturnDeletedObject."""
    meta = obj.get("metadata", {})
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": {
            "name": meta.get("name", ""),
            "group": k.group,
            "kind": k.plural,
            "uid": meta.get("uid", ""),
        },
    }


def _delete_in(cluster: Any, k: kinds.Kind, ns: str | None, name: str, opts: DeleteOptions) -> Any:
    """One object's DELETE through ops.delete; returns the answer document."""
    from minikube_lite.ops import delete as delete_ops

    resources.authorize(cluster, "delete", k, ns, name)
    live = cluster.get(k.kind, ns, name)
    if live is None:
        raise resources.not_found(k, name)
    _check_preconditions(k, live, opts)
    obj = delete_ops.delete_one(
        cluster,
        (k, ns, name),
        grace=opts.grace,
        force=opts.grace == 0,
        dry_run=opts.dry_run,
        cascade=opts.cascade(k),
    )
    assert obj is not None
    still = None if opts.dry_run else cluster.get(k.kind, ns, name)
    if still is not None or k.kind in RETURNS_DELETED:
        return still if still is not None else obj
    return deleted_status(k, obj)


def delete(api: ApiServer, req: Request, t: Target) -> Response:
    """DELETE of one object: the object (still there while it terminates or waits for its
    dependents, or for kinds that answer it), else a Status ``Success``."""
    k, ns, name = named(t)
    opts = DeleteOptions.of(req)
    return api.look(lambda cluster: Response.json(_delete_in(cluster, k, ns, name, opts)))


def delete_collection(api: ApiServer, req: Request, t: Target) -> Response:
    """deletecollection: every object the label and field selectors match; the list of them.

    Authorized once, as ``deletecollection`` (the items are not authorized one by one)."""
    k = t.kind
    assert k is not None
    opts = DeleteOptions.of(req)
    ns = t.namespace if k.namespaced else None

    def look(cluster: Any) -> Response:
        user = getattr(cluster, "user", None)
        if user is not None:
            from minikube_lite.store.rbac import rbac

            rbac.check(cluster, "deletecollection", k, ns, None)
        cluster.user = None
        try:
            found = resources.list_kind(
                cluster, k, ns, req.param("labelSelector"), req.param("fieldSelector")
            )
            items = []
            for obj in list(found):
                meta = obj["metadata"]
                doc = _delete_in(cluster, k, meta.get("namespace"), meta["name"], opts)
                items.append(obj if doc.get("kind") == "Status" else doc)
        finally:
            cluster.user = user
        rv = str(cluster.resource_version)
        return Response.json(
            {
                "kind": f"{k.kind}List",
                "apiVersion": k.api_version,
                "metadata": {"resourceVersion": rv},
                "items": items,
            }
        )

    return api.look(look)
