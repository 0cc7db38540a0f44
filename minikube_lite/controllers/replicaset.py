"""ReplicaSet controller: create/delete pods towards ``spec.replicas`` and report status.

Port of ``pkg/controller/replicaset/replica_set.go`` (syncReplicaSet, manageReplicas,
slowStartBatch, getPodsToDelete), ``replica_set_utils.go`` (calculateStatus) and the pod ranking of
``pkg/controller/controller_utils.go`` (ActivePodsWithRanks; with the per-pod facts every sync
reads, cached between syncs, in controllers/replicaset_pods.py).

[SIM] Failed pod creations are retried on the default controller rate limiter's schedule
(5 ms x 2^(n-1), capped at 1000 s) with timers in simulated time; while a retry is pending, syncs
caused only by pod changes or by our own status write do not retry early
(docs/architecture.md (Simulation decisions)).
"""

from __future__ import annotations

import itertools
import operator
from itertools import compress

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.controllers import replicaset_pods as rp
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver, createbatch, events, fieldmanager
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
    cache = rp.facts_for(cluster, rs, flavor.selector(rs), flavor.kind)
    pods, facts = _claim(cluster, rs, flavor, cache)
    want = o.spec_replicas(rs)
    diff = len(pods) - want
    err: str | None = None
    if not o.is_deleting(rs):
        entry = retries.get(key)
        if entry and cluster.now < entry["at"] and entry["rv"] == o.meta(rs).get("resourceVersion"):
            err = entry["err"]
        else:
            pods, facts, err = _manage(cluster, rs, pods, facts, flavor, cache)
            _record_outcome(cluster, key, err, flavor)
    status, wake = _status(rs, facts, err, diff, cluster.now)
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
    cache = rp.facts_for(cluster, rs, flavor.selector(rs), flavor.kind)
    return _claim(cluster, rs, flavor, cache)[0]


def _claim(
    cluster: Cluster, rs: Obj, flavor: Flavor, cache: rp.ReplicaSetFacts
) -> tuple[list[Obj], list[rp.PodFacts]]:
    """``claim_pods`` and the claimed pods' facts (same order)."""
    owned = cluster.owned("Pod", o.uid(rs), o.namespace(rs))
    claimed, every = cache.claimed(owned)
    if every & rp.ACTIVE and every & rp.MATCHES:  # the common case: all of them stay
        pods, facts = owned, claimed
    elif every & rp.MATCHES:  # none to release: the active ones stay, in order (C loops)
        keep = list(map(operator.and_, map(rp.BITS, claimed), itertools.repeat(rp.ACTIVE)))
        pods, facts = list(compress(owned, keep)), list(compress(claimed, keep))
    else:
        pods, facts = [], []
        for pod, f in zip(owned, claimed, strict=True):
            if not f[1] & rp.ACTIVE:
                continue
            if f[1] & rp.MATCHES:
                pods.append(pod)
                facts.append(f)
            else:
                common.release_controller_ref(cluster, "Pod", pod)
    sel = flavor.selector(rs)
    if o.is_deleting(rs) or common.is_empty_selector(sel):
        return pods, facts
    matches = cache.matches
    for pod in common.orphans(cluster, "Pod", o.namespace(rs)):
        if common.is_pod_active(pod) and matches(o.labels(pod)):
            common.set_controller_ref(cluster, "Pod", pod, rs, flavor.kind, flavor.api_version)
            pods.append(pod)
            facts.append(cache.compute(pod))
    return pods, facts


def manage_replicas(
    cluster: Cluster, rs: Obj, pods: list[Obj], flavor: Flavor = REPLICA_SET
) -> tuple[list[Obj], str | None]:
    """Port of manageReplicas: returns the active pods afterwards and the first error (if any)."""
    cache = rp.facts_for(cluster, rs, flavor.selector(rs), flavor.kind)
    pods, _, err = _manage(cluster, rs, pods, cache.claimed(pods)[0], flavor, cache)
    return pods, err


def _manage(
    cluster: Cluster,
    rs: Obj,
    pods: list[Obj],
    facts: list[rp.PodFacts],
    flavor: Flavor,
    cache: rp.ReplicaSetFacts,
) -> tuple[list[Obj], list[rp.PodFacts], str | None]:
    """``manage_replicas`` that keeps the pods' facts alongside them: a created pod's are
    computed; the others' are the claim's (this writes no other pod than those it creates and
    deletes)."""
    diff = len(pods) - o.spec_replicas(rs)
    if diff < 0:
        created, err = slow_start_batch(cluster, rs, min(-diff, BURST_REPLICAS), flavor)
        return pods + created, facts + [cache.compute(p) for p in created], err
    if diff > 0:
        gone = rp.victims(pods, facts, min(diff, BURST_REPLICAS), cluster.now, cache)
        for pod in gone:
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
        # the survivors, in order (C loops: a scale-down keeps thousands of pods)
        ids = set(map(id, gone))
        kept = list(map(operator.not_, map(ids.__contains__, map(id, pods))))
        return list(compress(pods, kept)), list(compress(facts, kept)), None
    return pods, facts, None


def slow_start_batch(
    cluster: Cluster, rs: Obj, count: int, flavor: Flavor = REPLICA_SET
) -> tuple[list[Obj], str | None]:
    """Port of slowStartBatch: batches of 1, 2, 4 …; a batch with a failure stops the rest."""
    created: list[Obj] = []
    remaining = count
    batch = min(remaining, SLOW_START_INITIAL_BATCH_SIZE)
    # new_pod(rs) once per call, read-only: it is the request of every pod after the first
    # (create_pod; the API server only reads it).  Nothing writes ``rs`` while its pods are
    # created (only Pods and Events are written here), so it is what new_pod would build for
    # each of them.
    # The creates from it are one createbatch.Run: what the API server looked up for the first
    # serves the next (only this loop writes, Pods and their Events, until it returns).
    proto: Obj | None = None
    run = createbatch.Run()
    while batch > 0:
        first_err: str | None = None
        for _ in range(batch):
            if created and proto is None:
                proto = new_pod(rs, flavor)
            pod, err = create_pod(
                cluster, rs, flavor, checked=bool(created), template=proto, run=run
            )
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
    cluster: Cluster,
    rs: Obj,
    flavor: Flavor = REPLICA_SET,
    checked: bool = False,
    template: Obj | None = None,
    run: createbatch.Run | None = None,
) -> tuple[Obj | None, str | None]:
    """CreatePodsWithControllerRef + the events of RealPodControl.createPods.

    ``checked``: a pod of this template was created in this sync (the API server need not decode
    and validate the same template again: a pod differs from it only by its generated name).
    ``template`` (with ``checked``): ``new_pod(rs, flavor)`` as built earlier in this sync, never
    changed: it is the request when the API server creates it as a copy of the batch's first
    pod (``create_repeat`` only compares it); otherwise a request of its own is built and takes
    the full path.  ``run``: the sync's
    creates from ``template`` (store/createbatch.py), when they are back to back."""
    manager = fieldmanager.CONTROLLER_MANAGER
    try:
        pod = None
        if checked and template is not None:
            pod = apiserver.create_repeat(cluster, "Pod", template, manager, run)
        if pod is None:
            if run is not None:
                run.found = None  # the full path remembers a new batch
            pod = apiserver.create(
                cluster, "Pod", new_pod(rs, flavor), checked=checked, manager=manager
            )
    except errors.MklError as e:
        if run is not None:
            run.found = None  # (a failed create may have written: look up again)
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
    tmpl = rs.get("spec", {}).get("template") or {}
    cache = rp.ReplicaSetFacts(None, (tmpl.get("metadata") or {}).get("labels") or {})
    return _status(rs, [cache.compute(p) for p in pods], err, diff, now)


def _status(
    rs: Obj, facts: list[rp.PodFacts], err: str | None, diff: int, now: float
) -> tuple[Obj, float | None]:
    """``calculate_status`` from the pods' facts."""
    min_ready = int(rs.get("spec", {}).get("minReadySeconds") or 0)
    fully, ready, available, wake = rp.status_counts(facts, min_ready, now)
    status: Obj = {"replicas": len(facts)}
    for field, n in (
        ("fullyLabeledReplicas", fully),
        ("readyReplicas", ready),
        ("availableReplicas", available),
        ("observedGeneration", o.generation(rs)),
    ):
        if n:
            status[field] = n
    conds = _conditions(rs, err, diff, now)
    if conds:
        status["conditions"] = conds
    return status, wake


def _conditions(rs: Obj, err: str | None, diff: int, now: float) -> list[Obj]:
    """calculateStatus' ReplicaFailure condition: set on a failed create/delete, dropped after
    a sync without one."""
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
    return conds


# the ranking lives with the pods' facts (controllers/replicaset_pods.py)
rank_pods = rp.rank_pods
get_pods_to_delete = rp.get_pods_to_delete
