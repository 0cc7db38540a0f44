"""The job controller's arithmetic that reads no store: pod failure back-off, conditions, and
which pods count as finished.

Port of ``pkg/controller/job/backoff_utils.go`` (newBackoffRecord, getFinishedTime,
getRemainingTimeForFailuresCount) and of the helpers of ``pkg/controller/job/job_controller.go``
(isPodFailed, pastBackoffLimitOnFailure, pastActiveDeadline, newCondition,
ensureJobConditionStatus, activePodsForRemoval).  The back-off record upstream keeps in memory
is ``cluster.state["jobBackoff"][key]``: ``{"failures": n, "last": t}`` [SIM].
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common

DEFAULT_BACKOFF = 10.0  # DefaultJobPodFailureBackOff
MAX_BACKOFF = 360.0  # MaxJobPodFailureBackOff (6 min)
TERMINAL = common.TERMINAL_PHASES


def is_pod_failed(pod: Obj, job: Obj) -> bool:
    """Port of isPodFailed: phase Failed, or (unless only failed pods are replaced) being deleted
    before it succeeded."""
    phase = (pod.get("status") or {}).get("phase")
    if phase == "Failed":
        return True
    if (job.get("spec") or {}).get("podReplacementPolicy") == "Failed":
        return False
    return bool(pod["metadata"].get("deletionTimestamp")) and phase != "Succeeded"


def is_terminating(pod: Obj) -> bool:
    """controller.CountTerminatingPods' test: being deleted and not yet terminal."""
    phase = (pod.get("status") or {}).get("phase")
    return bool(pod["metadata"].get("deletionTimestamp")) and phase not in TERMINAL


def finished_time(pod: Obj) -> float:
    """Port of getFinishedTime: the last container's finish, else the Ready=False transition,
    else deletionTimestamp - grace, else the creation time."""
    status = pod.get("status") or {}
    latest: float | None = None
    statuses = status.get("containerStatuses") or []
    for cs in statuses:
        t = common.ts(((cs.get("state") or {}).get("terminated") or {}).get("finishedAt"))
        if t is None:
            latest = None
            break
        latest = t if latest is None else max(latest, t)
    if latest is not None:
        return latest
    cond = common.ready_condition(pod)
    if cond is not None and cond.get("status") == "False":
        t = common.ts(cond.get("lastTransitionTime"))
        if t is not None:
            return t
    meta = pod["metadata"]
    deleted = common.ts(meta.get("deletionTimestamp"))
    if deleted is not None:
        return deleted - float(meta.get("deletionGracePeriodSeconds") or 0)
    return common.ts(meta.get("creationTimestamp")) or 0.0


def new_backoff_record(record: Obj, succeeded: list[Obj], failed: list[Obj]) -> Obj:
    """Port of newBackoffRecord: failures since the last success and when the last one was."""
    failures, last = int(record.get("failures", 0)), record.get("last")
    fails = sorted(finished_time(p) for p in failed)
    if not succeeded:
        if fails:
            failures, last = failures + len(fails), fails[-1]
        return {"failures": failures, "last": last}
    failures, last = 0, None
    last_success = max(finished_time(p) for p in succeeded)
    for t in reversed(fails):
        if t <= last_success:
            break
        if last is None:
            last = t
        failures += 1
    return {"failures": failures, "last": last}


def remaining_backoff(record: Obj, now: float) -> float:
    """Port of getRemainingTimeForFailuresCount: 10 s doubling per failure, capped at 6 min,
    counted from the last failure."""
    n = int(record.get("failures", 0))
    if n == 0 or record.get("last") is None:
        return 0.0
    backoff = DEFAULT_BACKOFF
    for _ in range(1, n):
        backoff *= 2
        if backoff >= MAX_BACKOFF:
            backoff = MAX_BACKOFF
            break
    elapsed = now - float(record["last"])
    return 0.0 if backoff < elapsed else backoff - elapsed


def past_backoff_limit_on_failure(job: Obj, pods: list[Obj]) -> bool:
    """Port of pastBackoffLimitOnFailure: for restartPolicy OnFailure, the running and pending
    pods' container restarts reach backoffLimit (any restart when it is 0)."""
    spec = job.get("spec") or {}
    tspec = (spec.get("template") or {}).get("spec") or {}
    if tspec.get("restartPolicy") != "OnFailure":
        return False
    total = 0
    for pod in pods:
        status = pod.get("status") or {}
        if status.get("phase") in ("Running", "Pending"):
            for key in ("initContainerStatuses", "containerStatuses"):
                total += sum(int(cs.get("restartCount") or 0) for cs in status.get(key) or ())
    limit = int(spec.get("backoffLimit") or 0)
    return total > 0 if limit == 0 else total >= limit


def suspended(job: Obj) -> bool:
    return bool((job.get("spec") or {}).get("suspend"))


def deadline(job: Obj) -> float | None:
    """When activeDeadlineSeconds runs out (None without one, suspended, or before the start)."""
    ads = (job.get("spec") or {}).get("activeDeadlineSeconds")
    start = common.ts((job.get("status") or {}).get("startTime"))
    if ads is None or start is None or suspended(job):
        return None
    return start + float(ads)


def new_condition(ctype: str, reason: str, message: str, now: float, status: str = "True") -> Obj:
    """Port of newCondition (the JSON field order of batch/v1 JobCondition)."""
    t = common.rfc(now)
    cond: Obj = {"type": ctype, "status": status, "lastProbeTime": t, "lastTransitionTime": t}
    if reason:
        cond["reason"] = reason
    if message:
        cond["message"] = message
    return cond


def find_condition(job: Obj, ctype: str) -> Obj | None:
    for c in (job.get("status") or {}).get("conditions") or ():
        if c.get("type") == ctype:
            found: Obj = c
            return found
    return None


def ensure_condition(
    conds: list[Obj], ctype: str, status: str, reason: str, message: str, now: float
) -> bool:
    """Port of ensureJobConditionStatus: update the condition of ``ctype`` in place, or append
    it unless it would be False; returns whether the list changed."""
    for i, c in enumerate(conds):
        if c.get("type") == ctype:
            if (c.get("status"), c.get("reason", ""), c.get("message", "")) == (
                status,
                reason,
                message,
            ):
                return False
            conds[i] = new_condition(ctype, reason, message, now, status)
            return True
    if status == "False":
        return False
    conds.append(new_condition(ctype, reason, message, now, status))
    return True


def removal_order(pods: list[Obj]) -> list[Obj]:
    """activePodsForRemoval's sort (controller.ActivePods): unscheduled before scheduled,
    pending before running, not ready before ready, newer before older."""

    def rank(p: Obj) -> tuple[int, int, int, float]:
        phase = (p.get("status") or {}).get("phase")
        created = common.ts(p["metadata"].get("creationTimestamp")) or 0.0
        return (
            1 if (p.get("spec") or {}).get("nodeName") else 0,
            {"Pending": 0, "Unknown": 1, "Running": 2}.get(str(phase), 0),
            1 if common.is_pod_ready(p) else 0,
            -created,
        )

    return sorted(pods, key=rank)
