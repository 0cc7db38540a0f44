"""StatefulSet controller: pods ``<set>-0 .. <set>-N-1`` with stable names, in order.

Port of ``pkg/controller/statefulset/stateful_set.go`` (sync, getPodsForStatefulSet) and
``stateful_set_control.go`` (UpdateStatefulSet, performUpdate, getStatefulSetRevisions,
updateStatefulSet, processReplica, processCondemned, runForAll, updateStatefulSetStatus,
truncateHistory, computeReplicaStatus, updateStatus), with ``stateful_pod_control.go``'s
recordPodEvent texts.  Under OrderedReady one pod is created at a time and each waits for its
predecessors to be Running and Ready (and available after minReadySeconds); scale-down removes
the highest ordinal first; a RollingUpdate deletes the highest ordinal whose revision is old,
down to the partition, one at a time.

[SIM] There are no informer expectations (a sync sees its own writes); the MaxUnavailable-
StatefulSet gate is off as in 1.34 (``rollingUpdate.maxUnavailable`` is stored and validated,
updates go one pod at a time); no PersistentVolumeClaims are made (statefulset_util.py); a failed
create is retried when something the set watches changes, not on the work queue's back-off.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common, history
from minikube_lite.controllers import statefulset_util as u
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver, events, fieldmanager
from minikube_lite.store.cluster import Cluster

COMPONENT = "statefulset-controller"
QUEUE = "statefulset"


@dataclass(slots=True)
class Update:
    """What one updateStatefulSet works with: the set, its two revisions and the status."""

    sts: Obj
    current: Obj
    update: Obj
    status: Obj
    monotonic: bool


def sync(cluster: Cluster, key: str) -> None:
    """Port of StatefulSetController.sync + UpdateStatefulSet."""
    sts = cluster.get_key("StatefulSet", key)
    if sts is None:
        return
    pods = _pods_for(cluster, sts)
    revisions = history.sort_revisions(history.list_revisions(cluster, sts))
    current, update, collision = _revisions(cluster, sts, revisions)
    up = Update(sts, current, update, {}, _monotonic(sts))
    try:
        _update_stateful_set(cluster, up, collision, pods)
    finally:
        _write_status(cluster, sts, up.status)
        _truncate_history(cluster, sts, pods, revisions, current, update)
        _requeue_available(cluster, key, sts, pods)


def _monotonic(sts: Obj) -> bool:
    """!allowsBurst: OrderedReady pod management."""
    return (sts.get("spec") or {}).get("podManagementPolicy") != "Parallel"


def _pods_for(cluster: Cluster, sts: Obj) -> list[Obj]:
    """getPodsForStatefulSet: the pods it controls that are its members, after adopting the
    orphans its selector matches whose names make them members."""
    ns = o.namespace(sts)
    owned = [p for p in cluster.owned("Pod", o.uid(sts), ns) if u.is_member_of(sts, p)]
    if o.is_deleting(sts):
        return owned
    selector = (sts.get("spec") or {}).get("selector")
    for pod in common.orphans(cluster, "Pod", ns):
        if o.is_deleting(pod) or not u.is_member_of(sts, pod):
            continue
        if common.is_empty_selector(selector) or not common.selector_matches(
            selector, o.labels(pod)
        ):
            continue
        common.set_controller_ref(cluster, "Pod", pod, sts, "StatefulSet", "apps/v1")
        owned.append(pod)
    return owned


def _revisions(cluster: Cluster, sts: Obj, revisions: list[Obj]) -> tuple[Obj, Obj, int]:
    """getStatefulSetRevisions: (current, update, collision count); the update revision is
    the latest one when its template is unchanged, an older equal one renumbered (a rollback),
    or a new one."""
    collision = int((sts.get("status") or {}).get("collisionCount") or 0)
    update = u.new_revision(sts, history.next_revision(revisions), collision)
    equal = history.find_equal_revisions(revisions, update)
    if equal and history.equal_revision(revisions[-1], equal[-1]):
        update = revisions[-1]
    elif equal:
        update = history.update_revision(cluster, equal[-1], history.revision_number(update))
    else:
        update, collision = history.create_revision(cluster, sts, update, collision)
    wanted = (sts.get("status") or {}).get("currentRevision")
    current = next((r for r in revisions if o.name(r) == wanted), update)
    return current, update, collision


def _update_stateful_set(cluster: Cluster, up: Update, collision: int, pods: list[Obj]) -> None:
    """Port of updateStatefulSet: replicas in range kept or made, condemned ones removed from
    the top, then the rolling update."""
    sts = up.sts
    up.status.update(
        observedGeneration=o.generation(sts),
        currentRevision=o.name(up.current),
        updateRevision=o.name(up.update),
        collisionCount=collision,
    )
    _count(cluster, up, pods)
    start = u.start_ordinal(sts)
    replicas: list[Obj | None] = [None] * o.spec_replicas(sts)
    condemned: list[Obj] = []
    for pod in pods:
        if u.in_ordinal_range(sts, pod):
            replicas[u.ordinal(pod) - start] = pod
        elif u.ordinal(pod) >= 0:
            condemned.append(pod)
    current_replicas = int((sts.get("status") or {}).get("currentReplicas") or 0)
    full: list[Obj] = [
        pod or u.new_versioned_pod(sts, up.current, up.update, start + i, current_replicas)
        for i, pod in enumerate(replicas)
    ]
    condemned.sort(key=u.ordinal, reverse=True)
    first_unhealthy = next((p for p in full if not u.is_healthy(p)), None)
    if first_unhealthy is None:
        first_unhealthy = next((p for p in reversed(condemned) if not u.is_healthy(p)), None)
    if o.is_deleting(sts):
        return
    for i in range(len(full)):
        if _process_replica(cluster, up, full, i, current_replicas) and up.monotonic:
            _count(cluster, up, full, condemned)
            return
    for pod in condemned:
        if _process_condemned(cluster, up, pod, first_unhealthy) and up.monotonic:
            _count(cluster, up, full, condemned)
            return
    _count(cluster, up, full, condemned)
    strategy = (sts.get("spec") or {}).get("updateStrategy") or {}
    if strategy.get("type") == "OnDelete":
        return
    _rolling_update(
        cluster, up, full, int((strategy.get("rollingUpdate") or {}).get("partition") or 0)
    )


def _rolling_update(cluster: Cluster, up: Update, replicas: list[Obj], partition: int) -> None:
    """The RollingUpdate tail of updateStatefulSet: from the highest ordinal down to the
    partition, delete the first pod of an old revision, or wait for an unhealthy one."""
    for target in range(len(replicas) - 1, partition - 1, -1):
        pod = replicas[target]
        if u.pod_revision(pod) != o.name(up.update) and not u.is_terminating(pod):
            _delete_pod(cluster, up.sts, pod)
            up.status["currentReplicas"] = up.status.get("currentReplicas", 0) - 1
            return
        if not u.is_healthy(pod):
            return


def _process_replica(
    cluster: Cluster, up: Update, replicas: list[Obj], i: int, current_replicas: int
) -> bool:
    """Port of processReplica: whether a monotonic sync stops here (a pod created, or one not
    yet Running, Ready and available)."""
    sts, pod = up.sts, replicas[i]
    if u.phase(pod) in ("Failed", "Succeeded"):
        failed = u.phase(pod) == "Failed"
        what = "failed" if failed else "terminated"
        _event(
            cluster,
            sts,
            "Warning" if failed else "Normal",
            "RecreatingFailedPod" if failed else "RecreatingTerminatedPod",
            f"StatefulSet {o.namespace(sts)}/{o.name(sts)} is recreating {what} Pod {o.name(pod)}",
        )
        if not _delete_pod(cluster, sts, pod):
            return True
        n = i + u.start_ordinal(sts)
        pod = replicas[i] = u.new_versioned_pod(sts, up.current, up.update, n, current_replicas)
    if not u.is_created(pod):
        if not _create_pod(cluster, sts, pod):
            return True
        return up.monotonic
    if up.monotonic and not _running_available(pod, sts, cluster.now):
        return True
    if u.identity_matches(sts, pod) and u.storage_matches(sts, pod):
        return False
    _update_pod(cluster, sts, pod)
    return False


def _running_available(pod: Obj, sts: Obj, now: float) -> bool:
    """Not terminating, Running and Ready, and available after minReadySeconds."""
    return (
        not u.is_terminating(pod)
        and u.is_running_and_ready(pod)
        and u.is_running_and_available(pod, u.min_ready_seconds(sts), now)
    )


def _process_condemned(cluster: Cluster, up: Update, pod: Obj, first_unhealthy: Obj | None) -> bool:
    """Port of processCondemned: a monotonic scale-down waits for a terminating pod and removes
    an unhealthy one only when it is the first unhealthy pod."""
    if u.is_terminating(pod):
        return up.monotonic
    if up.monotonic and pod is not first_unhealthy:
        if not u.is_running_and_ready(pod):
            return True
        if not u.is_running_and_available(pod, u.min_ready_seconds(up.sts), cluster.now):
            return True
    _delete_pod(cluster, up.sts, pod)
    return True


def _count(cluster: Cluster, up: Update, *lists: list[Obj]) -> None:
    """updateStatus / computeReplicaStatus over the pods as this sync last saw them."""
    counts = dict.fromkeys(
        ("replicas", "readyReplicas", "availableReplicas", "currentReplicas", "updatedReplicas"),
        0,
    )
    min_ready, now = u.min_ready_seconds(up.sts), cluster.now
    for pods in lists:
        for pod in pods:
            created = u.is_created(pod)
            counts["replicas"] += created
            if u.is_running_and_ready(pod):
                counts["readyReplicas"] += 1
                counts["availableReplicas"] += u.is_running_and_available(pod, min_ready, now)
            if created and not u.is_terminating(pod):
                revision = u.pod_revision(pod)
                counts["currentReplicas"] += revision == o.name(up.current)
                counts["updatedReplicas"] += revision == o.name(up.update)
    up.status.update(counts)


# ----- writes -------------------------------------------------------------------------------


def _event(cluster: Cluster, sts: Obj, etype: str, reason: str, message: str) -> None:
    events.record(
        cluster, events.EventRecord(sts, "StatefulSet", etype, reason, message, COMPONENT)
    )


def _record_pod_event(cluster: Cluster, verb: str, sts: Obj, pod: Obj, err: str | None) -> None:
    """recordPodEvent: ``create Pod web-0 in StatefulSet web successful``."""
    what = f"{verb} Pod {o.name(pod)} in StatefulSet {o.name(sts)}"
    if err is None:
        _event(cluster, sts, "Normal", f"Successful{verb.title()}", f"{what} successful")
    else:
        _event(cluster, sts, "Warning", f"Failed{verb.title()}", f"{what} failed error: {err}")


def _create_pod(cluster: Cluster, sts: Obj, pod: Obj) -> bool:
    """CreateStatefulPod (no claims are made: volumes are not simulated)."""
    try:
        apiserver.create(cluster, "Pod", o.deepcopy(pod), manager=fieldmanager.CONTROLLER_MANAGER)
    except errors.MklError as e:
        msg = getattr(e, "message", str(e))
        if isinstance(e, errors.AlreadyExistsError) or "because it is being terminated" in msg:
            return False
        _record_pod_event(cluster, "create", sts, pod, msg)
        return False
    _record_pod_event(cluster, "create", sts, pod, None)
    return True


def _delete_pod(cluster: Cluster, sts: Obj, pod: Obj) -> bool:
    """DeleteStatefulPod: a graceful delete and its event."""
    try:
        apiserver.delete_pod(cluster, pod)
    except errors.MklError as e:
        _record_pod_event(cluster, "delete", sts, pod, getattr(e, "message", str(e)))
        return False
    _record_pod_event(cluster, "delete", sts, pod, None)
    return True


def _update_pod(cluster: Cluster, sts: Obj, pod: Obj) -> None:
    """UpdateStatefulPod: restore the identity labels and claim volumes of a member."""
    new = o.deepcopy(pod)
    u.update_identity(sts, new)
    if not u.storage_matches(sts, new):
        u.update_storage(sts, new)
    try:
        apiserver.update(cluster, "Pod", new, manager=fieldmanager.CONTROLLER_MANAGER)
    except errors.MklError as e:
        _record_pod_event(cluster, "update", sts, pod, getattr(e, "message", str(e)))
        return
    _record_pod_event(cluster, "update", sts, pod, None)


def _write_status(cluster: Cluster, sts: Obj, status: Obj) -> None:
    """updateStatefulSetStatus: completeRollingUpdate, then write only when it changed."""
    if not status:
        return
    u.complete_rolling_update(sts, status)
    old = sts.get("status") or {}
    new = u.status_json(status, old.get("conditions"))
    if new == old:
        return
    old = o.deepcopy(old)
    sts["status"] = new
    fieldmanager.status_update(cluster, sts, old, fieldmanager.CONTROLLER_MANAGER)
    cluster.touch("StatefulSet", sts)


def _truncate_history(
    cluster: Cluster, sts: Obj, pods: list[Obj], revisions: list[Obj], current: Obj, update: Obj
) -> None:
    """Port of truncateHistory: delete the oldest revisions no pod and neither the current nor
    the update revision uses, beyond revisionHistoryLimit."""
    live = {o.name(current), o.name(update), *(u.pod_revision(p) for p in pods)}
    old = [r for r in revisions if o.name(r) not in live]
    limit = int((sts.get("spec") or {}).get("revisionHistoryLimit") or 0)
    for revision in old[: max(0, len(old) - limit)]:
        stored = cluster.get("ControllerRevision", o.namespace(revision), o.name(revision))
        if stored is not None:
            apiserver.delete(cluster, "ControllerRevision", stored)


def _requeue_available(cluster: Cluster, key: str, sts: Obj, pods: list[Obj]) -> None:
    """syncStatefulSet's requeue after minReadySeconds, at the instant the next ready pod
    becomes available."""
    min_ready = u.min_ready_seconds(sts)
    if min_ready <= 0:
        return
    due = [
        at
        for p in pods
        if u.is_running_and_ready(p)
        and (at := common.available_at(p, min_ready)) is not None
        and at > cluster.now
    ]
    if due:
        cluster.schedule(min(due), QUEUE, key)
