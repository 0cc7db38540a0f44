"""Progress estimation: port of ``pkg/controller/deployment/progress.go``.

[SIM] Where upstream requeues a stuck deployment ``lastUpdateTime + progressDeadlineSeconds - now
+ 1 s`` later, a timer fires at exactly ``lastUpdateTime + progressDeadlineSeconds + 1 s``.
"""

from __future__ import annotations

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common, timeline
from minikube_lite.controllers.deployment import conditions as cond
from minikube_lite.controllers.deployment import sync, util
from minikube_lite.store.cluster import Cluster, obj_key


def _who(d: Obj, new_rs: Obj | None) -> str:
    return f'ReplicaSet "{o.name(new_rs)}"' if new_rs is not None else f'Deployment "{o.name(d)}"'


def sync_rollout_status(
    cluster: Cluster, all_rss: list[Obj | None], new_rs: Obj | None, d: Obj
) -> None:
    """Port of syncRolloutStatus: Available/Progressing/ReplicaFailure, written only on change."""
    new_status = sync.calculate_status(all_rss, new_rs, d, cluster.now)
    if not util.has_progress_deadline(d):
        cond.remove_condition(new_status, cond.PROGRESSING)
    current = cond.get_condition(d.get("status"), cond.PROGRESSING)
    complete_before = (
        int(new_status.get("replicas", 0)) == int(new_status.get("updatedReplicas", 0))
        and current is not None
        and current.get("reason") == cond.NEW_RS_AVAILABLE
    )
    if util.has_progress_deadline(d) and not complete_before:
        _estimate_progress(cluster, d, new_rs, new_status, current)
    failures = get_replica_failures(all_rss, new_rs)
    if failures:
        cond.set_condition(new_status, failures[0])
    else:
        cond.remove_condition(new_status, cond.REPLICA_FAILURE)
    if new_status == (d.get("status") or {}):
        requeue_stuck_deployment(cluster, d, new_status)
        return
    d["status"] = new_status
    sync.write_deployment_status(cluster, d)


def _estimate_progress(
    cluster: Cluster, d: Obj, new_rs: Obj | None, new_status: Obj, current: Obj | None
) -> None:
    now = cluster.now
    if cond.deployment_complete(d, new_status):
        msg = f"{_who(d, new_rs)} has successfully progressed."
        cond.set_condition(
            new_status,
            cond.new_condition(cond.PROGRESSING, "True", cond.NEW_RS_AVAILABLE, msg, now),
        )
    elif cond.deployment_progressing(d, new_status):
        msg = f"{_who(d, new_rs)} is progressing."
        c = cond.new_condition(cond.PROGRESSING, "True", cond.REPLICA_SET_UPDATED, msg, now)
        if current is not None:
            if current.get("status") == "True":
                c["lastTransitionTime"] = current.get("lastTransitionTime")
            cond.remove_condition(new_status, cond.PROGRESSING)
        cond.set_condition(new_status, c)
    elif cond.deployment_timed_out(d, new_status, now):
        msg = f"{_who(d, new_rs)} has timed out progressing."
        if current is None or current.get("reason") != cond.TIMED_OUT:
            timeline.note_timeout(cluster, d, o.name(new_rs) if new_rs is not None else None)
        cond.set_condition(
            new_status, cond.new_condition(cond.PROGRESSING, "False", cond.TIMED_OUT, msg, now)
        )


def get_replica_failures(all_rss: list[Obj | None], new_rs: Obj | None) -> list[Obj]:
    """Port of getReplicaFailures: the new RS's ReplicaFailure first, else any RS's."""

    def from_rs(rs: Obj) -> list[Obj]:
        out = []
        for c in rs.get("status", {}).get("conditions") or ():
            if c.get("type") == cond.REPLICA_FAILURE:
                t = c.get("lastTransitionTime")
                out.append(
                    {
                        "lastTransitionTime": t,
                        "lastUpdateTime": t,
                        "message": c.get("message", ""),
                        "reason": c.get("reason", ""),
                        "status": c.get("status", ""),
                        "type": cond.REPLICA_FAILURE,
                    }
                )
        return out

    if new_rs is not None:
        found = from_rs(new_rs)
        if found:
            return found
    return [c for rs in all_rss if rs is not None for c in from_rs(rs)]


def requeue_stuck_deployment(cluster: Cluster, d: Obj, new_status: Obj) -> float | None:
    """Port of requeueStuckDeployment: a timer at lastUpdateTime + deadline + 1 s; returns its
    time."""
    current = cond.get_condition(d.get("status"), cond.PROGRESSING)
    if not util.has_progress_deadline(d) or current is None:
        return None
    if cond.deployment_complete(d, new_status) or current.get("reason") in (
        cond.TIMED_OUT,
        cond.NEW_RS_AVAILABLE,
    ):
        return (
            None  # [SIM] a completed rollout never times out (upstream's requeue would be a no-op)
        )
    last = common.ts(current.get("lastUpdateTime"))
    if last is None:
        return None
    at = last + util.progress_deadline(d) + 1
    if at <= cluster.now:
        return None  # this sync already saw the deadline pass
    cluster.schedule(at, "deployment", obj_key(d))
    return at
