"""Deployment conditions and rollout predicates (``deployment_util.go``: NewDeploymentCondition,
SetDeploymentCondition, DeploymentComplete, DeploymentProgressing, DeploymentTimedOut).
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.controllers.deployment import util

AVAILABLE = "Available"
PROGRESSING = "Progressing"
REPLICA_FAILURE = "ReplicaFailure"

# Reasons (deployment_util.go constants).
REPLICA_SET_UPDATED = "ReplicaSetUpdated"
FAILED_RS_CREATE = "ReplicaSetCreateError"
NEW_REPLICA_SET_CREATED = "NewReplicaSetCreated"
FOUND_NEW_REPLICA_SET = "FoundNewReplicaSet"
NEW_RS_AVAILABLE = "NewReplicaSetAvailable"
TIMED_OUT = "ProgressDeadlineExceeded"
PAUSED = "DeploymentPaused"
RESUMED = "DeploymentResumed"
MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable"
MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable"


def new_condition(ctype: str, status: str, reason: str, message: str, now: float) -> Obj:
    """NewDeploymentCondition: both times set to now."""
    ts = clock.rfc3339(now)
    return {
        "lastTransitionTime": ts,
        "lastUpdateTime": ts,
        "message": message,
        "reason": reason,
        "status": status,
        "type": ctype,
    }


def get_condition(status: Obj | None, ctype: str) -> Obj | None:
    for c in (status or {}).get("conditions") or ():
        if c.get("type") == ctype:
            found: Obj = c
            return found
    return None


def set_condition(status: Obj, cond: Obj) -> None:
    """SetDeploymentCondition: no-op when status and reason are unchanged; a changed condition
    moves to the end."""
    cur = get_condition(status, cond["type"])
    if (
        cur is not None
        and cur.get("status") == cond["status"]
        and cur.get("reason") == cond["reason"]
    ):
        return
    if cur is not None and cur.get("status") == cond["status"]:
        cond["lastTransitionTime"] = cur.get("lastTransitionTime")
    remove_condition(status, cond["type"])
    status.setdefault("conditions", []).append(cond)


def remove_condition(status: Obj, ctype: str) -> None:
    conds = [c for c in status.get("conditions") or () if c.get("type") != ctype]
    if conds:
        status["conditions"] = conds
    else:
        status.pop("conditions", None)


def _st(status: Obj | None, field: str) -> int:
    return int((status or {}).get(field, 0) or 0)


def deployment_complete(d: Obj, new_status: Obj) -> bool:
    """DeploymentComplete."""
    n = util.replicas(d)
    return (
        _st(new_status, "updatedReplicas") == n
        and _st(new_status, "replicas") == n
        and _st(new_status, "availableReplicas") == n
        and _st(new_status, "observedGeneration") >= o.generation(d)
    )


def deployment_progressing(d: Obj, new_status: Obj) -> bool:
    """DeploymentProgressing: compared with the stored status."""
    old = d.get("status") or {}
    old_old = _st(old, "replicas") - _st(old, "updatedReplicas")
    new_old = _st(new_status, "replicas") - _st(new_status, "updatedReplicas")
    return (
        _st(new_status, "updatedReplicas") > _st(old, "updatedReplicas")
        or new_old < old_old
        or _st(new_status, "readyReplicas") > _st(old, "readyReplicas")
        or _st(new_status, "availableReplicas") > _st(old, "availableReplicas")
    )


def deployment_timed_out(d: Obj, new_status: Obj, now: float) -> bool:
    """DeploymentTimedOut: strictly after lastUpdateTime + progressDeadlineSeconds."""
    if not util.has_progress_deadline(d):
        return False
    cond = get_condition(new_status, PROGRESSING)
    if cond is None:
        return False
    if cond.get("reason") == NEW_RS_AVAILABLE:
        return False
    if cond.get("reason") == TIMED_OUT:
        return True
    last = common.ts(cond.get("lastUpdateTime"))
    return last is not None and last + util.progress_deadline(d) < now
