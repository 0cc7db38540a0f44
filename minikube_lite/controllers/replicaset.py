"""ReplicaSet controller: create/delete pods towards ``spec.replicas`` and report status.

Port of ``pkg/controller/replicaset/replica_set.go`` (syncReplicaSet, manageReplicas,
slowStartBatch, getPodsToDelete), ``replica_set_utils.go`` (calculateStatus) and the pod ranking of
``pkg/controller/controller_utils.go`` (ActivePodsWithRanks).

[SIM] Failed pod creations are retried on the default controller rate limiter's schedule
(5 ms x 2^(n-1), capped at 1000 s) with timers in simulated time; while a retry is pending, syncs
caused only by pod changes or by our own status write do not retry early
(docs/architecture.md (Simulation decisions)).
"""

from __future__ import annotations

import functools
import math

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver, events, fieldmanager
from minikube_lite.store.cluster import Cluster

COMPONENT = "replicaset-controller"
BURST_REPLICAS = 500
SLOW_START_INITIAL_BATCH_SIZE = 1
RETRY_BASE = 0.005
RETRY_MAX = 1000.0
TERMINATING_MARK = "because it is being terminated"


@dataclass(frozen=True, slots=True)
class Flavor:
    """The kind one instance of this controller manages (NewBaseController's parameters).

    Upstream's replication manager is this controller built for the v1 ReplicationController kind
    behind adapters that convert RCs to ReplicaSets (controllers/replication.py);
    here the adapter is this record: the kind, its work queue and timer name, its retry state, its
    event source, and whether ``spec.selector`` is a plain label map (an RC's).
    """

    kind: str
    api_version: str
    queue: str
    retry_state: str
    component: str
    map_selector: bool = False

    def selector(self, obj: Obj) -> Obj | None:
        """``spec.selector`` as a LabelSelector (an RC's map becomes ``matchLabels``)."""
        sel = obj.get("spec", {}).get("selector")
        if self.map_selector:
            return {"matchLabels": dict(sel)} if isinstance(sel, dict) and sel else None
        return sel  # type: ignore[no-any-return]


REPLICA_SET = Flavor("ReplicaSet", "apps/v1", "replicaset", "rsRetry", COMPONENT)
REPLICATION_CONTROLLER = Flavor(
    "ReplicationController", "v1", "replication", "rcRetry", "replication-controller", True
)


def sync(cluster: Cluster, key: str) -> None:
    """Port of ReplicaSetController.syncReplicaSet (for ReplicaSets)."""
    sync_controller(cluster, key, REPLICA_SET)


def sync_controller(cluster: Cluster, key: str, flavor: Flavor) -> None:
    """Port of ReplicaSetController.syncReplicaSet for the kind ``flavor`` names."""
    rs = cluster.get_key(flavor.kind, key)
    retries = cluster.state.setdefault(flavor.retry_state, {})
    if rs is None:
        retries.pop(key, None)
        return
    pods = claim_pods(cluster, rs, flavor)
    want = o.spec_replicas(rs)
    diff = len(pods) - want
    err: str | None = None
    if not o.is_deleting(rs):
        entry = retries.get(key)
        if entry and cluster.now < entry["at"] and entry["rv"] == o.meta(rs).get("resourceVersion"):
            err = entry["err"]
        else:
            pods, err = manage_replicas(cluster, rs, pods, flavor)
            _record_outcome(cluster, key, err, flavor)
    status, wake = calculate_status(rs, pods, err, diff, cluster.now)
    if status != rs.get("status"):
        old_status, rs["status"] = rs.get("status"), status
        fieldmanager.status_update(cluster, rs, old_status, fieldmanager.CONTROLLER_MANAGER)
        cluster.touch(flavor.kind, rs)
    entry = retries.get(key)
    if entry is not None:
        entry["rv"] = o.meta(rs).get("resourceVersion")
    if wake is not None:
        cluster.schedule(wake, flavor.queue, key)


def _record_outcome(cluster: Cluster, key: str, err: str | None, flavor: Flavor) -> None:
    """The rate limiter: AddRateLimited on error (5 ms x 2^(n-1) ≤ 1000 s), Forget on success."""
    retries = cluster.state[flavor.retry_state]
    if err is None:
        retries.pop(key, None)
        return
    n = int(retries.get(key, {}).get("n", 0)) + 1
    at = cluster.now + min(RETRY_BASE * 2 ** (n - 1), RETRY_MAX)
    retries[key] = {"n": n, "at": at, "rv": None, "err": err}
    cluster.schedule(at, flavor.queue, key)


def claim_pods(cluster: Cluster, rs: Obj, flavor: Flavor = REPLICA_SET) -> list[Obj]:
    """Active pods of ``rs`` after adoption/release (PodControllerRefManager.ClaimPods)."""
    sel = flavor.selector(rs)
    matches = common.selector_matcher(sel)
    terminal = common.TERMINAL_PHASES
    out = []
    for pod in cluster.owned("Pod", o.uid(rs), o.namespace(rs)):
        # common.is_pod_active and o.labels, inlined: this runs for every pod on every sync
        meta = pod["metadata"]
        if pod.get("status", {}).get("phase") in terminal or meta.get("deletionTimestamp"):
            continue
        if matches(meta.get("labels") or {}):
            out.append(pod)
        else:
            common.release_controller_ref(cluster, "Pod", pod)
    if o.is_deleting(rs) or common.is_empty_selector(sel):
        return out
    for pod in common.orphans(cluster, "Pod", o.namespace(rs)):
        if common.is_pod_active(pod) and matches(o.labels(pod)):
            common.set_controller_ref(cluster, "Pod", pod, rs, flavor.kind, flavor.api_version)
            out.append(pod)
    return out


def manage_replicas(
    cluster: Cluster, rs: Obj, pods: list[Obj], flavor: Flavor = REPLICA_SET
) -> tuple[list[Obj], str | None]:
    """Port of manageReplicas: returns the active pods afterwards and the first error (if any)."""
    diff = len(pods) - o.spec_replicas(rs)
    if diff < 0:
        created, err = slow_start_batch(cluster, rs, min(-diff, BURST_REPLICAS), flavor)
        return pods + created, err
    if diff > 0:
        victims = get_pods_to_delete(pods, min(diff, BURST_REPLICAS), cluster.now)
        gone = {id(p) for p in victims}
        for pod in victims:
            apiserver.delete_pod(cluster, pod)
            events.record(
                cluster,
                events.EventRecord(
                    rs,
                    flavor.kind,
                    "Normal",
                    "SuccessfulDelete",
                    f"Deleted pod: {o.name(pod)}",
                    flavor.component,
                ),
            )
        return [p for p in pods if id(p) not in gone], None
    return pods, None


def slow_start_batch(
    cluster: Cluster, rs: Obj, count: int, flavor: Flavor = REPLICA_SET
) -> tuple[list[Obj], str | None]:
    """Port of slowStartBatch: batches of 1, 2, 4 …; a batch with a failure stops the rest."""
    created: list[Obj] = []
    remaining = count
    batch = min(remaining, SLOW_START_INITIAL_BATCH_SIZE)
    while batch > 0:
        first_err: str | None = None
        for _ in range(batch):
            pod, err = create_pod(cluster, rs, flavor, checked=bool(created))
            if pod is not None:
                created.append(pod)
            elif err is not None and first_err is None:
                first_err = err
        if first_err is not None:
            return created, first_err
        remaining -= batch
        batch = min(2 * batch, remaining)
    return created, None


def pod_prefix(rs_name: str) -> str:
    """getPodsPrefix: ``<rs>-`` unless that is not a valid generateName prefix."""
    prefix = rs_name + "-"
    return prefix if len(prefix) <= 253 else rs_name


def new_pod(rs: Obj, flavor: Flavor = REPLICA_SET) -> Obj:
    """GetPodFromTemplate: labels/annotations/spec of the template, controller ownerReference."""
    tmpl = rs.get("spec", {}).get("template") or {}
    tmeta = tmpl.get("metadata") or {}
    meta: Obj = {
        "generateName": pod_prefix(o.name(rs)),
        "namespace": o.namespace(rs),
        "ownerReferences": [o.owner_reference(rs, flavor.kind, flavor.api_version)],
    }
    if tmeta.get("labels"):
        meta["labels"] = dict(tmeta["labels"])
    if tmeta.get("annotations"):
        meta["annotations"] = dict(tmeta["annotations"])
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": o.deepcopy(tmpl.get("spec") or {}),
    }


def create_pod(
    cluster: Cluster, rs: Obj, flavor: Flavor = REPLICA_SET, checked: bool = False
) -> tuple[Obj | None, str | None]:
    """CreatePodsWithControllerRef + the events of RealPodControl.createPods.

    ``checked``: a pod of this template was created in this sync (the API server need not decode
    and validate the same template again: a pod differs from it only by its generated name)."""
    try:
        pod = apiserver.create(
            cluster,
            "Pod",
            new_pod(rs, flavor),
            checked=checked,
            manager=fieldmanager.CONTROLLER_MANAGER,
        )
    except errors.MklError as e:
        msg = getattr(e, "message", str(e))
        if TERMINATING_MARK in msg:
            return None, None  # namespace terminating: give up silently
        events.record(
            cluster,
            events.EventRecord(
                rs,
                flavor.kind,
                "Warning",
                "FailedCreate",
                f"Error creating: {msg}",
                flavor.component,
            ),
        )
        return None, msg
    events.record(
        cluster,
        events.EventRecord(
            rs,
            flavor.kind,
            "Normal",
            "SuccessfulCreate",
            f"Created pod: {o.name(pod)}",
            flavor.component,
        ),
    )
    return pod, None


def calculate_status(
    rs: Obj, pods: list[Obj], err: str | None, diff: int, now: float
) -> tuple[Obj, float | None]:
    """Port of calculateStatus; also returns when the next pod becomes available
    (minReadySeconds)."""
    min_ready = int(rs.get("spec", {}).get("minReadySeconds") or 0)
    tmpl_labels = (rs.get("spec", {}).get("template") or {}).get("metadata", {}).get("labels") or {}
    fully = ready = available = 0
    wake: float | None = None
    wanted = list(tmpl_labels.items())
    for pod in pods:
        plabels = o.labels(pod)
        for k, v in wanted:
            if plabels.get(k) != v:
                break
        else:
            fully += 1
        if not common.is_pod_ready(pod):
            continue
        ready += 1
        at = common.available_at(pod, min_ready) if min_ready else 0.0
        if at is not None and at <= now:
            available += 1
        elif at is not None and (wake is None or at < wake):
            wake = at
    status: Obj = {"replicas": len(pods)}
    for field, n in (
        ("fullyLabeledReplicas", fully),
        ("readyReplicas", ready),
        ("availableReplicas", available),
        ("observedGeneration", o.generation(rs)),
    ):
        if n:
            status[field] = n
    conds = [dict(c) for c in rs.get("status", {}).get("conditions") or []]
    has_failure = any(c.get("type") == "ReplicaFailure" for c in conds)
    if err is not None and not has_failure:
        reason = "FailedCreate" if diff < 0 else "FailedDelete" if diff > 0 else ""
        conds.append(
            {
                "lastTransitionTime": common.rfc(now),
                "message": err,
                "reason": reason,
                "status": "True",
                "type": "ReplicaFailure",
            }
        )
    elif err is None and has_failure:
        conds = [c for c in conds if c.get("type") != "ReplicaFailure"]
    if conds:
        status["conditions"] = conds
    return status, wake


# ----- which pods go first (ActivePodsWithRanks.Less, LogarithmicScaleDown on) -----------------

_PHASE_ORDINAL = {"Pending": 0, "Unknown": 1, "Running": 2}

# What the ranking compares, computed once per pod (a tuple: the sort compares n log n pairs):
# (pod, assigned, phase ordinal, ready, deletion cost, ready time, its log rank, restarts,
# created, its log rank, uid).  A log rank is floor(log2(ns since t)), -1 for <= 0.
_Ranked = tuple[Obj, bool, int, bool, int, "float | None", int, int, float, int, str]


def _log_rank(t: float, now: float) -> int:
    d = (now - t) * 1e9
    return int(math.log2(d)) if d > 0 else -1


def _ranked(pod: Obj, now: float) -> _Ranked:
    # the accessors of common/objects inlined: this runs for every pod of a scale-down
    meta = pod["metadata"]
    ann = meta.get("annotations")
    cost = 0
    if ann and _COST in ann:
        try:
            cost = int(ann[_COST])
        except ValueError:
            cost = 0
    status = pod.get("status", {})
    ready = False
    ready_time = None
    for c in status.get("conditions") or ():
        if c.get("type") == "Ready":
            if c.get("status") == "True":
                ready = True
                ready_time = _ts(c.get("lastTransitionTime"))
            break
    restarts = 0
    for cs in status.get("containerStatuses") or ():
        n = int(cs.get("restartCount", 0))
        if n > restarts:
            restarts = n
    created = _ts(meta.get("creationTimestamp")) or 0.0
    return (
        pod,
        bool(pod.get("spec", {}).get("nodeName")),
        _PHASE_ORDINAL.get(status.get("phase", ""), 0),
        ready,
        cost,
        ready_time,
        -1 if ready_time is None else _log_rank(ready_time, now),
        restarts,
        created,
        _log_rank(created, now),
        str(meta.get("uid", "")),
    )


_COST = o.POD_DELETION_COST_ANNOTATION
_ts = common.ts


def _uid_order(a: str, b: str) -> int:
    return -1 if a < b else 1 if b < a else 0


def _compare(a: _Ranked, b: _Ranked) -> int:
    """ActivePodsWithRanks.Less as a three-way comparison: -1 when ``a`` goes first, 1 when
    ``b`` does, 0 when neither is less (each criterion decides both directions alike)."""
    _, a_assigned, a_phase, a_ready, a_cost, a_rt, a_rr, a_restarts, a_ct, a_cr, a_uid = a
    _, b_assigned, b_phase, b_ready, b_cost, b_rt, b_rr, b_restarts, b_ct, b_cr, b_uid = b
    if a_assigned != b_assigned:
        return 1 if a_assigned else -1
    if a_phase != b_phase:
        return -1 if a_phase < b_phase else 1
    if a_ready != b_ready:
        return 1 if a_ready else -1
    if a_cost != b_cost:
        return -1 if a_cost < b_cost else 1
    # 5. rank (pods of the same owner on the same node) is equal on a single-node cluster.
    if a_ready and b_ready and a_rt != b_rt:
        if a_rt is None or b_rt is None:
            return -1 if a_rt is None else 1
        if a_rr == b_rr:
            return _uid_order(a_uid, b_uid)
        return -1 if a_rr < b_rr else 1
    if a_restarts != b_restarts:
        return -1 if a_restarts > b_restarts else 1
    if a_ct != b_ct:
        if a_cr == b_cr:
            return _uid_order(a_uid, b_uid)
        return -1 if a_cr < b_cr else 1
    return 0


def rank_pods(pods: list[Obj], now: float) -> list[Obj]:
    """Pods in deletion order (first = deleted first)."""
    ranked = sorted((_ranked(p, now) for p in pods), key=functools.cmp_to_key(_compare))
    return [r[0] for r in ranked]


def get_pods_to_delete(pods: list[Obj], n: int, now: float) -> list[Obj]:
    """Port of getPodsToDelete: rank only when some pods survive."""
    if n < len(pods):
        return rank_pods(pods, now)[:n]
    return list(pods[:n])
