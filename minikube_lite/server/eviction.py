"""``POST .../pods/NAME/eviction``: a policy/v1 Eviction, what ``kubectl drain`` sends per pod.

The API server's eviction REST (store/eviction.py, shared with ``mkl drain``) checks the pod's
PodDisruptionBudget and then deletes the pod gracefully with the Eviction's DeleteOptions (the
grace period sent, else the pod's ``terminationGracePeriodSeconds``); the answer is the Status
``Success`` with code 201, or 429 TooManyRequests while the budget allows no disruption.
``dryRun`` (in the query or ``deleteOptions``) checks and stores nothing;
``deleteOptions.preconditions`` must match the pod (409).
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.server import status, writes
from minikube_lite.server.core import ApiServer, Request, Response

SUCCESS = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": 201}


def evict(api: ApiServer, req: Request, ns: str, name: str) -> Response:
    if req.method != "POST":
        return writes.method_not_allowed()
    doc = req.document()
    if not isinstance(doc, dict) or doc.get("kind", "Eviction") != "Eviction":
        return Response.status(status.status(400, "BadRequest", "the body must be an Eviction"))
    opts = doc.get("deleteOptions") or {}
    body_name = (doc.get("metadata") or {}).get("name")
    if body_name not in (None, "", name):
        msg = f"name in URL does not match name in Eviction object: {name} != {body_name}"
        return Response.status(status.status(400, "BadRequest", msg))
    dry = "All" in (opts.get("dryRun") or []) or "All" in req.query.get("dryRun", [])
    grace = opts.get("gracePeriodSeconds")

    def look(cluster: Any) -> Response:
        pod_kind = kinds.KINDS["Pod"]
        if getattr(cluster, "user", None) is not None:
            from minikube_lite.store.rbac import rbac

            rbac.check(cluster, "create", pod_kind, ns, name, "eviction")
        pod = cluster.get("Pod", ns, name)
        if pod is None:
            raise errors.NotFoundError(f'pods "{name}" not found')
        _preconditions(pod, opts.get("preconditions") or {})
        from minikube_lite.store import eviction

        eviction.evict(cluster, pod, grace if isinstance(grace, int) else None, dry)
        return Response.json(SUCCESS, code=201)

    return api.look(look)


def _preconditions(pod: Any, pre: dict[str, Any]) -> None:
    """The store's precondition check: ``Precondition failed: UID in precondition: ...``."""
    uid, rv = pre.get("uid"), pre.get("resourceVersion")
    if uid and uid != o.uid(pod):
        got = f"UID in precondition: {uid}, UID in object meta: {o.uid(pod)}"
    elif rv and rv != o.meta(pod).get("resourceVersion"):
        have = o.meta(pod).get("resourceVersion")
        got = f"ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {have}"
    else:
        return
    raise errors.ConflictError(f"Precondition failed: {got}")
