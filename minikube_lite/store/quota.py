"""ResourceQuota admission (``apiserver/pkg/admission/plugin/resourcequota/controller.go``).

Usage of an object is what the evaluators of ``pkg/quota/v1/evaluator/core`` charge: the pod
evaluator (``PodUsageFunc``: ``pods``, ``count/pods``, ``cpu``/``requests.cpu``, ``limits.cpu``,
the same for memory and ephemeral-storage) and the object-count evaluators (``count/<resource>``
plus the legacy names ``services``, ``configmaps``, ``secrets``, ``resourcequotas``,
``services.nodeports``, ``services.loadbalancers``).  [SIM] ``used`` is recomputed from the stored
objects at every admission (docs/architecture.md (Simulation decisions)) and the limits are read
from ``spec.hard``, so a quota counts from the instant it is created.  Scopes are not modelled.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.api.quantity import Quantity, parse_quantity
from minikube_lite.store import limitranger
from minikube_lite.store.cluster import Cluster

Usage = dict[str, Quantity]

# The resources a pod quota makes every container declare (pods.go validationSet).
VALIDATION_SET = frozenset(
    {"cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"}
)
_LEGACY_COUNT = {
    "Service": "services",
    "ConfigMap": "configmaps",
    "Secret": "secrets",
    "ResourceQuota": "resourcequotas",
}
_ONE = Quantity(1)


def count_name(k: kinds.Kind) -> str:
    """ObjectCountQuotaResourceNameFor: ``count/pods``, ``count/deployments.apps``."""
    return f"count/{k.resource}"


def compute_usage(requests: Usage, limits: Usage) -> Usage:
    """Port of podComputeUsageHelper."""
    out: Usage = {"pods": _ONE}
    for r in ("cpu", "memory", "ephemeral-storage"):
        if r in requests:
            out[r] = requests[r]
            out[f"requests.{r}"] = requests[r]
        if r in limits:
            out[f"limits.{r}"] = limits[r]
    return out


def pod_charged(pod: Obj, now: float) -> bool:
    """Port of QuotaV1Pod: not terminal, not stuck terminating past its grace period."""
    if (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
        return False
    meta = o.meta(pod)
    deleted = clock.parse_time(meta.get("deletionTimestamp"))
    grace = meta.get("deletionGracePeriodSeconds")
    return not (deleted is not None and grace is not None and now > deleted + float(grace))


def pod_usage(pod: Obj, now: float) -> Usage:
    """Port of PodUsageFunc."""
    out: Usage = {"count/pods": _ONE}
    if not pod_charged(pod, now):
        return out
    spec = pod.get("spec") or {}
    out.update(
        compute_usage(
            limitranger.pod_totals(spec, "requests"), limitranger.pod_totals(spec, "limits")
        )
    )
    return out


def object_usage(kind: str, obj: Obj, now: float) -> Usage:
    """What creating ``obj`` charges (pods: PodUsageFunc; others: the object-count evaluators)."""
    if kind == "Pod":
        return pod_usage(obj, now)
    out: Usage = {count_name(kinds.KINDS[kind]): _ONE}
    legacy = _LEGACY_COUNT.get(kind)
    if legacy:
        out[legacy] = _ONE
    if kind == "Service":
        spec = obj.get("spec") or {}
        ports = Quantity(len(spec.get("ports") or []))
        if spec.get("type") == "NodePort":
            out["services.nodeports"] = ports
        elif spec.get("type") == "LoadBalancer":
            out["services.loadbalancers"] = _ONE
            out["services.nodeports"] = ports
    return out


def used(cluster: Cluster, kind: str, ns: str, names: set[str]) -> Usage:
    """[SIM] ``status.used`` restricted to ``names``, recomputed from the stored objects of
    ``kind``."""
    total: Usage = {k: Quantity(0) for k in names}
    for obj in cluster.list(kind, ns):
        for k, v in object_usage(kind, obj, cluster.now).items():
            if k in names:
                total[k] = total[k] + v
    return total


def pretty(usage: Usage) -> str:
    """Port of prettyPrint: ``k=v`` sorted by key, joined by ``,``."""
    return ",".join(f"{k}={usage[k]}" for k in sorted(usage))


def hard_of(q: Obj) -> Usage:
    return {
        k: parse_quantity(v if isinstance(v, (str, int, float)) else str(v))
        for k, v in ((q.get("spec") or {}).get("hard") or {}).items()
    }


def constraints(q: Obj, hard: Usage, pod: Obj) -> str | None:
    """Port of podEvaluator.Constraints: every container must declare the quota'd cpu/memory."""
    required = VALIDATION_SET.intersection(hard)
    if not required:
        return None
    missing: dict[str, set[str]] = {}
    spec = pod.get("spec") or {}
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        res = c.get("resources") or {}
        declared = compute_usage(
            dict.fromkeys(res.get("requests") or {}, _ONE),
            dict.fromkeys(res.get("limits") or {}, _ONE),
        )
        for r in required.difference(declared):
            missing.setdefault(r, set()).add(str(c.get("name", "")))
    if not missing:
        return None
    parts = [f"{r} for: {','.join(sorted(missing[r]))}" for r in sorted(missing)]
    return f"failed quota: {o.name(q)}: must specify {'; '.join(parts)}"


def check(cluster: Cluster, kind: str, obj: Obj) -> str | None:
    """Port of CheckRequest for a create; returns the forbidden reason or None."""
    if kind not in kinds.KINDS or not kinds.KINDS[kind].namespaced:
        return None
    ns = o.namespace(obj)
    quotas = cluster.list("ResourceQuota", ns)
    if not quotas:
        return None
    delta = object_usage(kind, obj, cluster.now)
    interesting = []
    for q in quotas:
        hard = hard_of(q)
        if not set(hard).intersection(_tracked(kind, hard)):
            continue
        if kind == "Pod":
            err = constraints(q, hard, obj)
            if err:
                return err
        interesting.append((q, hard))
    for q, hard in interesting:
        requested = {k: v for k, v in delta.items() if k in hard}
        if not requested:
            continue
        current = used(cluster, kind, ns, set(requested))
        exceeded = sorted(k for k, v in requested.items() if current[k] + v > hard[k])
        if exceeded:
            return (
                f"exceeded quota: {o.name(q)}, "
                f"requested: {pretty({k: requested[k] for k in exceeded})}, "
                f"used: {pretty({k: current[k] for k in exceeded})}, "
                f"limited: {pretty({k: hard[k] for k in exceeded})}"
            )
    return None


def _tracked(kind: str, hard: Usage) -> set[str]:
    """MatchingResources: the hard names this kind's evaluator charges."""
    k = kinds.KINDS[kind]
    if kind == "Pod":
        names = {"pods", "count/pods"} | VALIDATION_SET
        names |= {"ephemeral-storage", "requests.ephemeral-storage", "limits.ephemeral-storage"}
        return names
    names = {count_name(k)}
    if kind in _LEGACY_COUNT:
        names.add(_LEGACY_COUNT[kind])
    if kind == "Service":
        names |= {"services.nodeports", "services.loadbalancers"}
    return names
