"""The HorizontalPodAutoscaler controller: port of ``pkg/controller/podautoscaler/horizontal.go``
(reconcileKey, reconcileAutoscaler, computeReplicasForMetrics, computeReplicasForMetric,
getUnableComputeReplicaCountCondition, setCondition, setStatus, updateStatusIfNeeded) for the
cluster mkl simulates: one without a metrics API, as minikube without metrics-server.

Every HPA is synced once per resync period (15 s, the queue's fixed-interval rate limiter:
a change while a sync is waiting adds none), the first one 15 s after it is created.  The scale
target's replica count is read from its scale subresource: 0 disables scaling; above
``maxReplicas`` or below ``minReplicas`` it is scaled to the bound through the scale subresource
(``SuccessfulRescale``); in between, every metric fails to be fetched (``FailedGetResourceMetric``
and ``FailedComputeMetricsReplicas`` events, ``ScalingActive`` False), so the replica count stays.
The stabilization window and scaling policies only act on metric recommendations, so they never
act here.
"""

from __future__ import annotations

from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.errors import MklError
from minikube_lite.store import apiserver, events, fieldmanager
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

COMPONENT = "horizontal-pod-autoscaler"
RESYNC = 15.0  # --horizontal-pod-autoscaler-sync-period
DUE_KEY = "horizontal"  # cluster.state: HPA key -> the instant of its next sync
SCALABLE = frozenset({"Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"})
_NO_RESOURCE_METRICS = (
    "unable to fetch metrics from resource metrics API: the server could not find the requested "
    "resource (get pods.metrics.k8s.io)"
)
_NO_CUSTOM_METRICS = (
    "unable to fetch metrics from custom metrics API: no custom metrics API "
    "(custom.metrics.k8s.io) registered"
)
_NO_EXTERNAL_METRICS = (
    "unable to fetch metrics from external metrics API: no external metrics API "
    "(external.metrics.k8s.io) registered"
)

_NO_SCALE = "the HPA controller was unable to get the target's current scale: "
_GOT_SCALE = "the HPA controller was able to get the target's current scale"
_DISABLED = "scaling is disabled since the replica count of the target is zero"


class _Failed(Exception):
    """The sync stopped early (upstream returns an error; the key is requeued)."""


def sync(cluster: Cluster, key: str) -> None:
    """Port of processNextWorkItem + reconcileKey on the rate-limited queue."""
    due: dict[str, float] = cluster.state.setdefault(DUE_KEY, {})
    hpa = cluster.get_key("HorizontalPodAutoscaler", key)
    if hpa is None:
        due.pop(key, None)
        if not due:
            cluster.state.pop(DUE_KEY, None)
        return
    at = due.get(key)
    if at is None or at > cluster.now:  # AddRateLimited: the first sync one period later
        at = due.setdefault(key, cluster.now + RESYNC)
        cluster.schedule(at, "horizontal", key)
        return
    due[key] = cluster.now + RESYNC
    cluster.schedule(due[key], "horizontal", key)
    reconcile_autoscaler(cluster, hpa)


def _event(hpa: Obj, etype: str, reason: str, message: str) -> events.EventRecord:
    return events.EventRecord(hpa, "HorizontalPodAutoscaler", etype, reason, message, COMPONENT)


def _record(cluster: Cluster, hpa: Obj, etype: str, reason: str, message: str) -> None:
    events.record(cluster, _event(hpa, etype, reason, message))


def set_condition(
    status: dict[str, Any], ctype: str, cstatus: str, reason: str, message: str, now: float
) -> None:
    """Port of setCondition / setConditionInList: the transition time moves with the status."""
    conds: list[dict[str, Any]] = status.setdefault("conditions", None) or []
    status["conditions"] = conds
    cond = next((c for c in conds if c.get("type") == ctype), None)
    if cond is None:
        cond = {"type": ctype}
        conds.append(cond)
    if cond.get("status") != cstatus:
        cond["lastTransitionTime"] = common.rfc(now)
    cond.update(status=cstatus, reason=reason, message=message)
    for k in ("type", "status", "lastTransitionTime", "reason", "message"):  # Go's field order
        cond[k] = cond.pop(k, "")


def _target(cluster: Cluster, hpa: Obj) -> tuple[kinds.Kind, Obj]:
    """The scale target (scaleForResourceMappings); raises the error its event carries."""
    ref = (hpa.get("spec") or {}).get("scaleTargetRef") or {}
    api_version, kind_name = str(ref.get("apiVersion") or ""), str(ref.get("kind") or "")
    k = kinds.for_object(api_version, kind_name)
    if k is None or k.kind not in SCALABLE:
        group = api_version.rpartition("/")[0] if "/" in api_version else ""
        raise MklError(f'no matches for kind "{kind_name}" in group "{group}"')
    target = cluster.get(k.kind, o.namespace(hpa), str(ref.get("name") or ""))
    if target is None:
        raise MklError(f'{k.resource} "{ref.get("name") or ""}" not found')
    return k, target


def reconcile_autoscaler(cluster: Cluster, hpa: Obj) -> None:
    """Port of reconcileAutoscaler."""
    status: dict[str, Any] = o.deepcopy(hpa.get("status") or {})
    original = o.deepcopy(status)
    now = cluster.now
    try:
        k, target = _target(cluster, hpa)
    except MklError as e:
        _record(cluster, hpa, "Warning", "FailedGetScale", e.message)
        set_condition(status, "AbleToScale", "False", "FailedGetScale", _NO_SCALE + e.message, now)
        _update_status_if_needed(cluster, hpa, original, status)
        return
    set_condition(status, "AbleToScale", "True", "SucceededGetScale", _GOT_SCALE, now)
    spec = hpa.get("spec") or {}
    current = o.spec_replicas(target)
    low, high = int(spec.get("minReplicas") or 1), int(spec.get("maxReplicas") or 0)
    desired, reason, rescale = 0, "", True
    if current == 0 and low != 0:
        rescale = False
        set_condition(status, "ScalingActive", "False", "ScalingDisabled", _DISABLED, now)
    elif current > high:
        reason, desired = "Current number of replicas above Spec.MaxReplicas", high
    elif current < low:
        reason, desired = "Current number of replicas below Spec.MinReplicas", low
    else:
        failed = compute_replicas_for_metrics(cluster, hpa, status, spec.get("metrics") or [])
        _set_status(status, current, int(status.get("desiredReplicas") or 0), failed[0], None)
        _update_status_if_needed(cluster, hpa, original, status)
        _record(cluster, hpa, "Warning", "FailedComputeMetricsReplicas", failed[1])
        return
    if not rescale:  # "Decided not to scale": desired is the current count
        _set_status(status, current, current, None, None)
    elif _rescaled(cluster, hpa, status, k, target, desired, reason):
        _set_status(status, current, desired, None, now)
    else:  # setCurrentReplicasInStatus
        _set_status(status, current, int(status.get("desiredReplicas") or 0), None, None)
    _update_status_if_needed(cluster, hpa, original, status)


def _rescaled(
    cluster: Cluster,
    hpa: Obj,
    status: dict[str, Any],
    k: kinds.Kind,
    target: Obj,
    desired: int,
    reason: str,
) -> bool:
    """reconcileAutoscaler's rescale: the scale update, its condition and event."""
    try:
        _rescale(cluster, k, target, desired)
    except MklError as e:
        message = f"New size: {desired}; reason: {reason}; error: {e.message}"
        _record(cluster, hpa, "Warning", "FailedRescale", message)
        message = f"the HPA controller was unable to update the target scale: {e.message}"
        set_condition(status, "AbleToScale", "False", "FailedUpdateScale", message, cluster.now)
        return False
    message = f"the HPA controller was able to update the target scale to {desired}"
    set_condition(status, "AbleToScale", "True", "SucceededRescale", message, cluster.now)
    message = f"New size: {desired}; reason: {reason}"
    _record(cluster, hpa, "Normal", "SuccessfulRescale", message)
    return True


def _metric_error(metric: dict[str, Any], namespace: str) -> tuple[str, str, str]:
    """(condition reason, the error its event shows, the error computeReplicasForMetric returns)
    of one metric when no metrics API answers."""
    typ = str(metric.get("type") or "")
    if typ in ("Resource", "ContainerResource"):
        src = metric.get("resource" if typ == "Resource" else "containerResource") or {}
        name = str(src.get("name") or "")
        err = (
            f"failed to get {name} utilization: unable to get metrics for resource {name}: "
            + _NO_RESOURCE_METRICS
        )
        if typ == "Resource":
            return (
                "FailedGetResourceMetric",
                err,
                f"failed to get {name} resource metric value: {err}",
            )
        container = str(src.get("container") or "")
        return (
            "FailedGetContainerResourceMetric",
            err,
            f"failed to get {container} container metric value: {err}",
        )
    if typ == "Pods":
        name = str(((metric.get("pods") or {}).get("metric") or {}).get("name") or "")
        err = f"unable to get metric {name}: {_NO_CUSTOM_METRICS}"
        return "FailedGetPodsMetric", err, f"failed to get pods metric value: {err}"
    if typ == "Object":
        name = str(((metric.get("object") or {}).get("metric") or {}).get("name") or "")
        err = f"unable to get metric {name}: {_NO_CUSTOM_METRICS}"
        return "FailedGetObjectMetric", err, f"failed to get object metric value: {err}"
    name = str(((metric.get("external") or {}).get("metric") or {}).get("name") or "")
    err = f"unable to get external metric {namespace}/{name}/nil: {_NO_EXTERNAL_METRICS}"
    return "FailedGetExternalMetric", err, f"failed to get {name} external metric value: {err}"


def compute_replicas_for_metrics(
    cluster: Cluster, hpa: Obj, status: dict[str, Any], metrics: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], str]:
    """Port of computeReplicasForMetrics when every metric fails: each failure's event, the
    first failure's condition; returns the (empty) metric statuses and the error."""
    failures, err = _metrics_failed(hpa, status, metrics, cluster.now)
    for reason, shown in failures:
        _record(cluster, hpa, "Warning", reason, shown)  # getUnableComputeReplicaCountCondition
    return [{"type": ""} for _ in metrics], err


def _metrics_failed(
    hpa: Obj, status: dict[str, Any], metrics: list[dict[str, Any]], now: float
) -> tuple[list[tuple[str, str]], str]:
    """computeReplicasForMetrics without its events: sets the first failure's condition;
    returns each failure's (event reason, message) and the error."""
    failures: list[tuple[str, str]] = []
    first: tuple[str, str, str] | None = None
    for metric in metrics:
        reason, shown, returned = _metric_error(metric, o.namespace(hpa))
        failures.append((reason, shown))
        if first is None:
            first = (reason, shown, returned)
    if first is None:  # no metric at all: the API server defaults one, so only a stored oddity
        first = ("", "", "")
    message = f"the HPA was unable to compute the replica count: {first[1]}"
    set_condition(status, "ScalingActive", "False", first[0], message, now)
    err = f"invalid metrics ({len(metrics)} invalid out of {len(metrics)}), first error is: "
    return failures, err + first[2]


def _rescale(cluster: Cluster, k: kinds.Kind, target: Obj, replicas: int) -> None:
    """Scales(namespace).Update(targetGR, scale): spec.replicas through the scale subresource,
    as ``mkl scale`` writes it."""
    new = o.deepcopy(target)
    new.setdefault("spec", {})["replicas"] = replicas
    apiserver.update(
        cluster, k.kind, new, subresource="scale", manager=fieldmanager.CONTROLLER_MANAGER
    )


def _set_status(
    status: dict[str, Any],
    current: int,
    desired: int,
    metrics: list[dict[str, Any]] | None,
    scaled_at: float | None,
) -> None:
    """Port of setStatus, the fields in Go's order (currentReplicas omitted when 0)."""
    last = common.rfc(scaled_at) if scaled_at is not None else status.get("lastScaleTime")
    conditions = status.get("conditions")
    status.clear()
    if last is not None:
        status["lastScaleTime"] = last
    if current:
        status["currentReplicas"] = current
    status["desiredReplicas"] = desired
    status["currentMetrics"] = metrics
    if conditions:
        status["conditions"] = conditions


def _update_status_if_needed(
    cluster: Cluster, hpa: Obj, original: dict[str, Any], status: dict[str, Any]
) -> None:
    """Port of updateStatusIfNeeded: UpdateStatus only when the status changed."""
    if status == original:
        return
    hpa["status"] = status
    manager = fieldmanager.CONTROLLER_MANAGER
    fieldmanager.status_owned(cluster, "HorizontalPodAutoscaler", hpa, manager)
    cluster.touch("HorizontalPodAutoscaler", hpa)


# ----- the closed-form catch-up (controllers/kubelet/catchup.py) ---------------------------------


def steady(cluster: Cluster, key: str, at: float) -> list[tuple[str, str, Obj]] | None:
    """The Events a sync of HPA ``key`` at ``at`` (its timer) only bumps, in the order it
    records them (events.repeat_target), when that is all it writes: the status stays, no scale
    is written, nothing is scheduled but its next sync a period later.  None otherwise.

    Such a sync's inputs (the HPA, its scale target's replica count, the event caches) are
    only changed by other timers and commands, so every sync until then does the same."""
    hpa = cluster.get_key("HorizontalPodAutoscaler", key)
    if hpa is None or (cluster.state.get(DUE_KEY) or {}).get(key) != at:
        return None
    planned = _planned(cluster, hpa, at)
    if planned is None or planned[0] != (hpa.get("status") or {}):
        return None
    targets = []
    for rec in planned[1]:
        target = events.repeat_target(cluster, rec, at)
        if target is None:
            return None
        targets.append(target)
    return targets


def _planned(
    cluster: Cluster, hpa: Obj, now: float
) -> tuple[dict[str, Any], list[events.EventRecord]] | None:
    """What reconcile_autoscaler would leave in the status and record, without writing; None
    when it would rescale (that sync writes the target: the loop runs it)."""
    status: dict[str, Any] = o.deepcopy(hpa.get("status") or {})
    try:
        _k, target = _target(cluster, hpa)
    except MklError as e:
        set_condition(status, "AbleToScale", "False", "FailedGetScale", _NO_SCALE + e.message, now)
        return status, [_event(hpa, "Warning", "FailedGetScale", e.message)]
    set_condition(status, "AbleToScale", "True", "SucceededGetScale", _GOT_SCALE, now)
    spec = hpa.get("spec") or {}
    current = o.spec_replicas(target)
    low, high = int(spec.get("minReplicas") or 1), int(spec.get("maxReplicas") or 0)
    if current == 0 and low != 0:
        set_condition(status, "ScalingActive", "False", "ScalingDisabled", _DISABLED, now)
        _set_status(status, current, current, None, None)
        return status, []
    if current > high or current < low:
        return None
    metrics = spec.get("metrics") or []
    failures, err = _metrics_failed(hpa, status, metrics, now)
    shown = [{"type": ""} for _ in metrics]
    _set_status(status, current, int(status.get("desiredReplicas") or 0), shown, None)
    recs = [_event(hpa, "Warning", reason, shown) for reason, shown in failures]
    return status, [*recs, _event(hpa, "Warning", "FailedComputeMetricsReplicas", err)]
