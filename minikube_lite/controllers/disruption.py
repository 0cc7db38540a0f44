"""The disruption controller: each PodDisruptionBudget's status from the pods it selects.

Port of ``pkg/controller/disruption/disruption.go`` (``trySync``, ``getPodsForPdb``,
``getExpectedPodCount``, ``getExpectedScale``, ``buildDisruptedPodMap``, ``countHealthyPods``,
``updatePdbStatus``, ``failSafe``) and its finders (``getPodReplicaSet``, ``getPodDeployment``,
``getPodReplicationController``, ``getPodStatefulSet``, ``getScaleController``).  A key is a
PDB (``ns/name``: its own change, events and all) or a namespace (``ns``: a pod or workload
there changed; every PDB of it is recomputed, as each of upstream's pod handlers would).
Evictions the API server approved (``status.disruptedPods``) count as gone for DELETION_TIMEOUT;
a recheck is scheduled for the earliest expiry.
"""

from __future__ import annotations

from minikube_lite.api import labels, policy
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.controllers.deployment.util import get_scaled_value_from_int_or_percent
from minikube_lite.store import events, fieldmanager
from minikube_lite.store.cluster import Cluster, key_of

QUEUE = "disruption"
COMPONENT = "controllermanager"
DELETION_TIMEOUT = 120.0  # DeletionTimeout: 2 minutes
# the workload kinds whose replicas a finder reads: kind -> (apiVersion group(s))
_SCALED = {"ReplicaSet": "apps", "ReplicationController": "", "StatefulSet": "apps"}


class SyncError(Exception):
    """What trySync returns as an error (failSafe writes it into the condition)."""


def sync(cluster: Cluster, key: str) -> None:
    """A PDB's key syncs it (with its events); a namespace's key syncs all of its PDBs."""
    if "/" in key:
        pdb = cluster.get_key("PodDisruptionBudget", key)
        if pdb is not None:
            _sync_one(cluster, pdb, True)
        return
    for pdb in cluster.list("PodDisruptionBudget", key):
        _sync_one(cluster, pdb, False)


def _sync_one(cluster: Cluster, pdb: Obj, own: bool) -> None:
    """sync: trySync, or failSafe on its error."""
    if o.meta(pdb).get("deletionTimestamp"):
        return
    try:
        _try_sync(cluster, pdb, own)
    except SyncError as e:
        _fail_safe(cluster, pdb, str(e))


def _event(cluster: Cluster, pdb: Obj, etype: str, reason: str, message: str) -> None:
    rec = events.EventRecord(pdb, "PodDisruptionBudget", etype, reason, message, COMPONENT)
    events.record(cluster, rec)


def _try_sync(cluster: Cluster, pdb: Obj, own: bool) -> None:
    now = cluster.now
    pods = pods_for_pdb(cluster, pdb)
    if not pods and own:
        _event(cluster, pdb, "Normal", "NoPods", "No matching pods found")
    try:
        expected, desired, unmanaged = expected_pod_count(cluster, pdb, pods)
    except SyncError as e:
        _event(
            cluster,
            pdb,
            "Warning",
            "CalculateExpectedPodCountFailed",
            f"Failed to calculate the number of expected pods: {e}",
        )
        raise
    if unmanaged and own:
        sel = labels.format_label_selector((pdb.get("spec") or {}).get("selector"))
        _event(
            cluster,
            pdb,
            "Warning",
            "UnmanagedPods",
            f"Pods selected by this PodDisruptionBudget (selector: {sel}) were found to be "
            "unmanaged. As a result, the status of the PDB cannot be calculated correctly, which "
            'may result in undefined behavior. To account for these pods please set ".spec.'
            'minAvailable" field of the PDB to an integer value.',
        )
    disrupted, recheck = _disrupted_pod_map(cluster, pods, pdb, now)
    healthy = count_healthy_pods(pods, disrupted, now)
    _update_status(cluster, pdb, healthy, desired, expected, disrupted)
    if recheck is not None:
        cluster.schedule(recheck, QUEUE, key_of(o.namespace(pdb), o.name(pdb)))


def pods_for_pdb(cluster: Cluster, pdb: Obj) -> list[Obj]:
    """getPodsForPdb: the namespace's pods its selector matches (an invalid one matches none)."""
    try:
        sel = labels.from_label_selector((pdb.get("spec") or {}).get("selector"))
    except labels.SelectorError:
        return []
    return [p for p in cluster.list("Pod", o.namespace(pdb)) if sel.matches(o.labels(p))]


def expected_pod_count(cluster: Cluster, pdb: Obj, pods: list[Obj]) -> tuple[int, int, list[str]]:
    """getExpectedPodCount: (expectedCount, desiredHealthy, the unmanaged pods' names).  An
    integer minAvailable counts the pods; a percent or maxUnavailable the controllers' scale."""
    spec = pdb.get("spec") or {}
    hi, lo = spec.get("maxUnavailable"), spec.get("minAvailable")
    if hi is not None:
        expected, unmanaged = _expected_scale(cluster, pods)
        max_unavailable = _scaled(hi, expected)
        return expected, max(0, expected - max_unavailable), unmanaged
    if lo is None:
        return 0, 0, []
    if isinstance(lo, int) and not isinstance(lo, bool):
        return len(pods), lo, []
    expected, unmanaged = _expected_scale(cluster, pods)
    return expected, _scaled(lo, expected), unmanaged


def _scaled(value: object, total: int) -> int:
    try:
        return get_scaled_value_from_int_or_percent(value, total, True)
    except ValueError as e:
        raise SyncError(str(e)) from None


def _expected_scale(cluster: Cluster, pods: list[Obj]) -> tuple[int, list[str]]:
    """getExpectedScale: the sum of the scales of the pods' controllers (each counted once)."""
    scales: dict[str, int] = {}
    unmanaged: list[str] = []
    for pod in pods:
        ref = o.controller_ref(pod)
        if ref is None:
            unmanaged.append(o.name(pod))
            continue
        if ref.get("uid") in scales:
            continue
        found = _find_controller(cluster, ref, o.namespace(pod))
        if found is None:
            raise SyncError(f'found no controllers for pod "{o.name(pod)}"')
        uid, scale = found
        scales[uid] = scale  # (a Deployment's pods of two ReplicaSets count it once)
    return sum(scales.values()), unmanaged


def _find_controller(cluster: Cluster, ref: Obj, ns: str) -> tuple[str, int] | None:
    """The finders in order: the ReplicaSet (unless a Deployment controls it), its Deployment,
    the ReplicationController, the StatefulSet, else the scale subresource's answer."""
    kind, name, uid = ref.get("kind"), str(ref.get("name") or ""), ref.get("uid")
    if kind == "ReplicaSet":
        rs = cluster.get("ReplicaSet", ns, name)
        if rs is None or o.uid(rs) != uid:
            return None
        dref = o.controller_ref(rs)
        if dref is not None and dref.get("kind") == "Deployment":
            d = cluster.get("Deployment", ns, str(dref.get("name") or ""))
            if d is None or o.uid(d) != dref.get("uid"):
                return (o.uid(rs), _replicas(rs))  # getScaleController: the ReplicaSet's scale
            return (o.uid(d), _replicas(d))
        return (o.uid(rs), _replicas(rs))
    if kind in _SCALED:
        owner = cluster.get(str(kind), ns, name)
        if owner is None or o.uid(owner) != uid:
            return None
        return (o.uid(owner), _replicas(owner))
    from minikube_lite.api import kinds

    k = kinds.KINDS.get(str(kind or ""))
    if k is not None and k.kind != "Deployment":
        raise SyncError(f"{k.resource} does not implement the scale subresource")
    return None


def _replicas(obj: Obj) -> int:
    value = (obj.get("spec") or {}).get("replicas")
    return 1 if value is None else int(value)


def _disrupted_pod_map(
    cluster: Cluster, pods: list[Obj], pdb: Obj, now: float
) -> tuple[dict[str, str], float | None]:
    """buildDisruptedPodMap: the approved evictions still expected (a NotDeleted event for
    those that expired), and the earliest expiry."""
    disrupted = (pdb.get("status") or {}).get("disruptedPods") or {}
    out: dict[str, str] = {}
    recheck: float | None = None
    for pod in pods:
        if o.meta(pod).get("deletionTimestamp"):
            continue
        at = disrupted.get(o.name(pod))
        if at is None:
            continue
        expected = (common.ts(at) or 0.0) + DELETION_TIMEOUT
        if expected < now:
            msg = (
                f"Pod was expected by PDB {o.namespace(pdb)}/{o.name(pdb)} to be deleted but it "
                "wasn't"
            )
            events.record(
                cluster, events.EventRecord(pod, "Pod", "Warning", "NotDeleted", msg, COMPONENT)
            )
        else:
            recheck = expected if recheck is None else min(recheck, expected)
            out[o.name(pod)] = at
    return out, recheck


def count_healthy_pods(pods: list[Obj], disrupted: dict[str, str], now: float) -> int:
    """countHealthyPods: ready pods neither deleting nor expected to go."""
    healthy = 0
    for pod in pods:
        if o.meta(pod).get("deletionTimestamp"):
            continue
        at = disrupted.get(o.name(pod))
        if at is not None and (common.ts(at) or 0.0) + DELETION_TIMEOUT > now:
            continue
        if common.is_pod_ready(pod):
            healthy += 1
    return healthy


def _update_status(
    cluster: Cluster,
    pdb: Obj,
    healthy: int,
    desired: int,
    expected: int,
    disrupted: dict[str, str],
) -> None:
    """updatePdbStatus: disruptionsAllowed = currentHealthy - desiredHealthy (0 while no pod
    is expected), written only when something changed."""
    allowed = healthy - desired
    if expected <= 0 or allowed <= 0:
        allowed = 0
    old = pdb.get("status") or {}
    generation = o.meta(pdb).get("generation") or 0
    if (
        old.get("currentHealthy") == healthy
        and old.get("desiredHealthy") == desired
        and old.get("expectedPods") == expected
        and old.get("disruptionsAllowed") == allowed
        and (old.get("disruptedPods") or {}) == disrupted
        and old.get("observedGeneration") == generation
        and policy.conditions_up_to_date(pdb)
    ):
        return
    status: Obj = {
        "observedGeneration": generation,
        "disruptedPods": disrupted,
        "disruptionsAllowed": allowed,
        "currentHealthy": healthy,
        "desiredHealthy": desired,
        "expectedPods": expected,
        "conditions": [dict(c) for c in old.get("conditions") or ()],
    }
    policy.update_disruption_allowed_condition(status, cluster.now)
    _write(cluster, pdb, old, policy.ordered_status(status))


def _fail_safe(cluster: Cluster, pdb: Obj, message: str) -> None:
    """failSafe: no disruptions allowed, the condition False with reason SyncFailed."""
    old = pdb.get("status") or {}
    status = o.deepcopy(old)
    status["disruptionsAllowed"] = 0
    conds = status.setdefault("conditions", [])
    cond = {
        "type": policy.DISRUPTION_ALLOWED,
        "status": "False",
        "reason": policy.SYNC_FAILED,
        "message": message,
        "observedGeneration": int(status.get("observedGeneration") or 0),
    }
    policy.set_status_condition(conds, cond, cluster.now)
    _write(cluster, pdb, old, policy.ordered_status(status))


def _write(cluster: Cluster, pdb: Obj, old: Obj, status: Obj) -> None:
    if status == old:
        return
    old_copy = o.deepcopy(old)
    pdb["status"] = status
    fieldmanager.status_update(cluster, pdb, old_copy, fieldmanager.CONTROLLER_MANAGER)
    cluster.touch("PodDisruptionBudget", pdb)
