"""ResourceQuota status (``pkg/controller/resourcequota``, ``pkg/quota/v1/evaluator/core``).

Keyed by namespace: recomputes ``status.hard``/``status.used`` of every quota in the namespace
from the objects there.  Pods count while non-terminal and not past ``deletionTimestamp +
deletionGracePeriodSeconds`` (QuotaV1Pod); compute resources sum container requests/limits
(max with init containers).  Object counts cover the core kinds mkl serves.  Admission itself
(refusing pods) lives in store/admission.py.
"""

from __future__ import annotations

from minikube_lite.api import kinds, quantity
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.store.cluster import Cluster

_COUNTED = {
    "services": "Service",
    "configmaps": "ConfigMap",
    "secrets": "Secret",
    "resourcequotas": "ResourceQuota",
}
_COMPUTE = {
    "cpu": ("requests", "cpu"),
    "memory": ("requests", "memory"),
    "requests.cpu": ("requests", "cpu"),
    "requests.memory": ("requests", "memory"),
    "limits.cpu": ("limits", "cpu"),
    "limits.memory": ("limits", "memory"),
}


def sync(cluster: Cluster, ns: str) -> None:
    """Write each quota's used amounts when they changed."""
    quotas = cluster.list("ResourceQuota", ns)
    if not quotas:
        return
    pods = [p for p in cluster.list("Pod", ns) if counts_for_quota(p, cluster.now)]
    for q in quotas:
        hard = dict((q.get("spec") or {}).get("hard") or {})
        used = {name: usage(cluster, ns, name, pods) for name in sorted(hard)}
        status = {"hard": hard, "used": used}
        if q.get("status") != status:
            q["status"] = status
            cluster.touch("ResourceQuota", q)


def counts_for_quota(pod: Obj, now: float) -> bool:
    """QuotaV1Pod."""
    if pod.get("status", {}).get("phase") in common.TERMINAL_PHASES:
        return False
    meta = o.meta(pod)
    deleted = common.ts(meta.get("deletionTimestamp"))
    grace = meta.get("deletionGracePeriodSeconds")
    return not (deleted is not None and grace is not None and now > deleted + float(grace))


def pod_amount(pod: Obj, section: str, resource: str) -> quantity.Quantity:
    """Σ containers (max with any init container) of resources.<section>.<resource>."""

    def of(c: Obj) -> quantity.Quantity:
        v = ((c.get("resources") or {}).get(section) or {}).get(resource)
        return quantity.parse_quantity(v) if v is not None else quantity.Quantity(0)

    spec = pod.get("spec", {})
    total = quantity.quantity_sum([of(c) for c in spec.get("containers") or ()])
    for c in spec.get("initContainers") or ():
        init = of(c)
        if total < init:
            total = init
    return total


def usage(cluster: Cluster, ns: str, name: str, pods: list[Obj]) -> str:
    """The used amount of one quota resource, as the API prints it."""
    if name in ("pods", "count/pods"):
        return str(len(pods))
    if name in _COMPUTE:
        section, resource = _COMPUTE[name]
        return str(quantity.quantity_sum([pod_amount(p, section, resource) for p in pods]))
    kind = _COUNTED.get(name)
    if kind is None and name.startswith("count/"):
        resource = name[len("count/") :]
        kind = next(
            (k.kind for k in kinds.KINDS.values() if k.namespaced and k.resource == resource), None
        )
    if kind is None:
        return "0"
    return str(len(cluster.list(kind, ns)))
