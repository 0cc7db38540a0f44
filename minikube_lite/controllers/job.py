"""Job controller: run a Job's pods until enough succeed, or fail it.

Port of ``pkg/controller/job/job_controller.go`` (syncJob, manageJob, deleteActivePods,
trackJobStatusAndRemoveFinalizers, canRemoveFinalizer, enactJobFinished, recordJobFinished) for
NonIndexed Jobs, with the JobPodReplacementPolicy and JobManagedBy gates on as in 1.3x: a Job
first gets ``SuccessCriteriaMet`` or ``FailureTarget``, and ``Complete`` or ``Failed`` once none of
its pods is terminating.  Its pods carry the ``batch.kubernetes.io/job-tracking`` finalizer until
the controller has counted them.  The TTL-after-finished controller's deletion
(``pkg/controller/ttlafterfinished/ttlafterfinished_controller.go``) runs here too.

[SIM] One sync both records finished pods and counts them (upstream's two steps through
``status.uncountedTerminatedPods`` leave the same state, so that list stays empty); there are no
informer expectations (a sync sees its own writes); orphan pods are not adopted; removing a
pod's finalizer never delays its removal (the kubelet removes a pod when it is done).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import batch
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.controllers import job_util as u
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver, events, fieldmanager
from minikube_lite.store.cluster import Cluster

COMPONENT = "job-controller"
QUEUE = "job"
BACKOFF_STATE = "jobBackoff"
MAX_POD_CREATE_DELETE_PER_SYNC = 500
TERMINATING_MARK = "because it is being terminated"
BACKOFF_MESSAGE = "Job has reached the specified backoff limit"
DEADLINE_MESSAGE = "Job was active longer than specified deadline"
COMPLETIONS_REACHED = "CompletionsReached"
COMPLETIONS_MESSAGE = "Reached expected number of succeeded pods"


@dataclass(slots=True)
class SyncCtx:
    """syncJobCtx: what one sync has learnt about the Job's pods."""

    job: Obj
    pods: list[Obj]
    active: list[Obj]
    succeeded: int
    failed: int
    ready: int
    terminating: int
    counted: set[int]  # id() of the finished pods counted in succeeded/failed
    finished: Obj | None = None  # the finishedCondition


def sync(cluster: Cluster, key: str) -> None:
    """Port of syncJob."""
    job = cluster.get_key("Job", key)
    backoffs = cluster.state.setdefault(BACKOFF_STATE, {})
    if job is None:
        backoffs.pop(key, None)
        return
    if batch.is_finished(job):
        backoffs.pop(key, None)
        _ttl_after_finished(cluster, key, job)
        return
    if (job.get("spec") or {}).get("completionMode", "NonIndexed") != "NonIndexed":
        return  # [SIM] Indexed Jobs are not simulated
    old_status = o.deepcopy(job.get("status") or {})
    ctx, new_succeeded, new_failed = _context(cluster, job)
    status = job.setdefault("status", {})
    if not status.get("startTime") and not u.suspended(job):
        status["startTime"] = common.rfc(cluster.now)
    record = u.new_backoff_record(backoffs.get(key) or {}, new_succeeded, new_failed)
    ctx.finished = _finished_condition(cluster, key, ctx)
    if ctx.finished is not None:
        deleted, deleted_ready = _delete_active(cluster, ctx.active)
        active = len(ctx.active) - deleted
        ctx.terminating += deleted
        ctx.ready -= deleted_ready
    else:
        active = _manage_and_check(cluster, key, ctx, record)
    if record.get("failures") or record.get("last") is not None:
        backoffs[key] = record
    else:
        backoffs.pop(key, None)
    _write_status(cluster, key, ctx, active, old_status)


def _context(cluster: Cluster, job: Obj) -> tuple[SyncCtx, list[Obj], list[Obj]]:
    """getPodsForJob (owned pods), FilterActivePods and getNewFinishedPods."""
    pods = cluster.owned("Pod", o.uid(job), o.namespace(job))
    active = [p for p in pods if common.is_pod_active(p)]
    tracked = [p for p in pods if batch.TRACKING_FINALIZER in (o.meta(p).get("finalizers") or ())]
    new_succeeded = [p for p in tracked if (p.get("status") or {}).get("phase") == "Succeeded"]
    new_failed = [p for p in tracked if u.is_pod_failed(p, job)]
    status = job.get("status") or {}
    ctx = SyncCtx(
        job,
        pods,
        active,
        int(status.get("succeeded") or 0) + len(new_succeeded),
        int(status.get("failed") or 0) + len(new_failed),
        sum(1 for p in active if common.is_pod_ready(p)),
        sum(1 for p in pods if u.is_terminating(p)),
        {id(p) for p in (*new_succeeded, *new_failed)},
    )
    return ctx, new_succeeded, new_failed


def _finished_condition(cluster: Cluster, key: str, ctx: SyncCtx) -> Obj | None:
    """syncJob's finishedCondition: a SuccessCriteriaMet or FailureTarget already recorded, the
    backoff limit, or the active deadline (whose expiry is scheduled)."""
    job, now = ctx.job, cluster.now
    met = u.find_condition(job, "SuccessCriteriaMet")
    if met is not None and met.get("status") == "True":
        return met
    target = u.find_condition(job, "FailureTarget")
    if target is not None and target.get("status") == "True":
        return u.new_condition("Failed", target.get("reason", ""), target.get("message", ""), now)
    limit = int((job.get("spec") or {}).get("backoffLimit") or 0)
    if ctx.failed > limit or u.past_backoff_limit_on_failure(job, ctx.pods):
        return u.new_condition("FailureTarget", "BackoffLimitExceeded", BACKOFF_MESSAGE, now)
    until = u.deadline(job)
    if until is not None:
        if now >= until:
            return u.new_condition("FailureTarget", "DeadlineExceeded", DEADLINE_MESSAGE, now)
        cluster.schedule(until, QUEUE, key)
    return None


def _delete_active(cluster: Cluster, pods: list[Obj]) -> tuple[int, int]:
    """Port of deleteActivePods (finalizers kept): how many pods and ready pods were deleted."""
    ready = 0
    for pod in pods:
        ready += common.is_pod_ready(pod)
        apiserver.delete_pod(cluster, pod)
    return len(pods), ready


def _manage_and_check(cluster: Cluster, key: str, ctx: SyncCtx, record: Obj) -> int:
    """syncJob's branch for a Job not finishing: manageJob (unless it is being deleted), then
    whether it is complete, then the Suspended condition."""
    job = ctx.job
    active = len(ctx.active)
    managed = not o.is_deleting(job)
    if managed:
        active = manage_job(cluster, key, ctx, record)
    completions = (job.get("spec") or {}).get("completions")
    if completions is None:
        complete = ctx.succeeded > 0 and active == 0
    else:
        complete = ctx.succeeded >= int(completions) and active == 0
    if complete:
        ctx.finished = u.new_condition(
            "SuccessCriteriaMet", COMPLETIONS_REACHED, COMPLETIONS_MESSAGE, cluster.now
        )
    elif managed:
        _suspend_condition(cluster, job)
    return active


def _suspend_condition(cluster: Cluster, job: Obj) -> None:
    """The Suspended condition and its events; resuming restarts the active deadline."""
    conds = job.setdefault("status", {}).setdefault("conditions", [])
    now = cluster.now
    if u.suspended(job):
        if u.ensure_condition(conds, "Suspended", "True", "JobSuspended", "Job suspended", now):
            _event(cluster, job, "Normal", "Suspended", "Job suspended")
    elif u.ensure_condition(conds, "Suspended", "False", "JobResumed", "Job resumed", now):
        _event(cluster, job, "Normal", "Resumed", "Job resumed")
        job["status"]["startTime"] = common.rfc(cluster.now)
    if not conds:
        del job["status"]["conditions"]


def manage_job(cluster: Cluster, key: str, ctx: SyncCtx, record: Obj) -> int:
    """Port of manageJob: delete the pods of a suspended Job or beyond what is wanted, else
    create pods up to parallelism (and the completions left) once the back-off allows."""
    job, spec = ctx.job, ctx.job.get("spec") or {}
    active = len(ctx.active)
    if u.suspended(job):
        removed, removed_ready = _delete_job_pods(cluster, u.removal_order(ctx.active))
        ctx.terminating += removed
        ctx.ready -= removed_ready
        return active - removed
    want = _want_active(spec, ctx.succeeded, active)
    if active > want:
        doomed = u.removal_order(ctx.active)[: min(active - want, MAX_POD_CREATE_DELETE_PER_SYNC)]
        removed, removed_ready = _delete_job_pods(cluster, doomed)
        ctx.terminating += removed
        ctx.ready -= removed_ready
        return active - removed
    terminating = ctx.terminating if spec.get("podReplacementPolicy") == "Failed" else 0
    diff = want - terminating - active
    if diff <= 0:
        return active
    wait = u.remaining_backoff(record, cluster.now)
    if wait > 0:
        cluster.schedule(cluster.now + wait, QUEUE, key)
        return 0  # as upstream: the sync that waits reports no active pods
    return active + _create_pods(cluster, job, min(diff, MAX_POD_CREATE_DELETE_PER_SYNC))


def _want_active(spec: Obj, succeeded: int, active: int) -> int:
    """manageJob's wantActive: parallelism, bounded by the completions left."""
    parallelism = int(spec.get("parallelism") or 0)
    completions = spec.get("completions")
    if completions is None:
        return active if succeeded > 0 else parallelism
    return max(0, min(int(completions) - succeeded, parallelism))


def _delete_job_pods(cluster: Cluster, pods: list[Obj]) -> tuple[int, int]:
    """Port of deleteJobPods: remove the tracking finalizer, then delete."""
    ready = 0
    for pod in pods:
        _remove_finalizer(cluster, pod)
        ready += common.is_pod_ready(pod)
        apiserver.delete_pod(cluster, pod)
    return len(pods), ready


def new_pod(job: Obj) -> Obj:
    """The pod manageJob creates: the template with the tracking finalizer, a generated name and
    the Job as its controller."""
    tmpl = (job.get("spec") or {}).get("template") or {}
    tmeta = tmpl.get("metadata") or {}
    meta: Obj = {
        "generateName": f"{o.name(job)}-",
        "namespace": o.namespace(job),
        "ownerReferences": [o.owner_reference(job, "Job", "batch/v1")],
        "finalizers": [*(tmeta.get("finalizers") or ()), batch.TRACKING_FINALIZER],
    }
    if batch.TRACKING_FINALIZER in (tmeta.get("finalizers") or ()):
        meta["finalizers"] = list(tmeta["finalizers"])
    if tmeta.get("labels"):
        meta["labels"] = dict(tmeta["labels"])
    if tmeta.get("annotations"):
        meta["annotations"] = dict(tmeta["annotations"])
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": o.deepcopy(tmpl["spec"])}


def _create_pods(cluster: Cluster, job: Obj, diff: int) -> int:
    """manageJob's slow start: batches of 1, 2, 4 ...; a batch with a failure stops the rest."""
    created, batch_size = 0, min(diff, 1)
    while diff > 0:
        failed = False
        for _ in range(batch_size):
            try:
                pod = apiserver.create(
                    cluster,
                    "Pod",
                    new_pod(job),
                    checked=created > 0,
                    manager=fieldmanager.CONTROLLER_MANAGER,
                )
            except errors.MklError as e:
                msg = getattr(e, "message", str(e))
                if TERMINATING_MARK not in msg:
                    _event(cluster, job, "Warning", "FailedCreate", f"Error creating: {msg}")
                failed = True
                continue
            created += 1
            _event(cluster, job, "Normal", "SuccessfulCreate", f"Created pod: {o.name(pod)}")
        if failed:
            break
        diff -= batch_size
        batch_size = min(2 * batch_size, diff)
    return created


def _remove_finalizer(cluster: Cluster, pod: Obj) -> bool:
    """removeTrackingFinalizerPatch applied: whether the pod had the finalizer."""
    meta = o.meta(pod)
    fins = meta.get("finalizers") or []
    if batch.TRACKING_FINALIZER not in fins:
        return False
    rest = [f for f in fins if f != batch.TRACKING_FINALIZER]
    if rest:
        meta["finalizers"] = rest
    else:
        meta.pop("finalizers", None)
    if cluster.get("Pod", o.namespace(pod), o.name(pod)) is pod:
        cluster.touch("Pod", pod)
    return True


def _event(cluster: Cluster, job: Obj, etype: str, reason: str, message: str) -> None:
    events.record(cluster, events.EventRecord(job, "Job", etype, reason, message, COMPONENT))


def _write_status(cluster: Cluster, key: str, ctx: SyncCtx, active: int, old: Obj) -> None:
    """trackJobStatusAndRemoveFinalizers and the status update: count and release the finished
    pods, record the interim condition, and the final one once no pod is terminating."""
    job, now = ctx.job, cluster.now
    status = job["status"]
    failed_extra = _release_finished(cluster, ctx)
    conds = list(status.get("conditions") or [])
    final = ctx.finished
    if final is not None and final["type"] == "FailureTarget":
        conds.append(final)
        final = u.new_condition("Failed", final["reason"], final["message"], now)
    elif final is not None and final["type"] == "SuccessCriteriaMet":
        if u.find_condition(job, "SuccessCriteriaMet") is None:
            conds.append(final)
        final = u.new_condition("Complete", final.get("reason", ""), final.get("message", ""), now)
    done = final is not None and ctx.terminating == 0
    completion = None
    if done and final is not None:
        reason, message = final.get("reason", ""), final.get("message", "")
        u.ensure_condition(conds, final["type"], "True", reason, message, now)
        if final["type"] == "Complete":
            completion = final["lastTransitionTime"]
    new = _status_fields(status, conds, active, ctx, failed_extra, completion)
    job["status"] = new
    if new != old:
        fieldmanager.status_update(cluster, job, old, fieldmanager.CONTROLLER_MANAGER)
        cluster.touch("Job", job)
    if done and final is not None:
        _record_finished(cluster, job, final)
        _ttl_after_finished(cluster, key, job)


def _release_finished(cluster: Cluster, ctx: SyncCtx) -> int:
    """The finalizer loop: remove the finalizer of every pod that may go (canRemoveFinalizer);
    returns how many pods the finishing Job counts as failed beyond those already counted."""
    job, extra = ctx.job, 0
    failing = ctx.finished is not None and ctx.finished["type"] != "SuccessCriteriaMet"
    for pod in ctx.pods:
        if batch.TRACKING_FINALIZER not in (o.meta(pod).get("finalizers") or ()):
            continue
        phase = (pod.get("status") or {}).get("phase")
        failed = u.is_pod_failed(pod, job)
        if not (o.is_deleting(job) or ctx.finished is not None or phase == "Succeeded" or failed):
            continue
        _remove_finalizer(cluster, pod)
        if id(pod) not in ctx.counted and phase != "Succeeded" and (failed or failing):
            extra += 1
    return extra


def _status_fields(
    status: Obj, conds: list[Obj], active: int, ctx: SyncCtx, extra: int, completion: str | None
) -> Obj:
    """batch/v1 JobStatus in its JSON field order (omitempty counters; ready, terminating and
    uncountedTerminatedPods always)."""
    new: Obj = {}
    if conds:
        new["conditions"] = conds
    if status.get("startTime"):
        new["startTime"] = status["startTime"]
    if completion or status.get("completionTime"):
        new["completionTime"] = completion or status["completionTime"]
    for field, n in (
        ("active", active),
        ("succeeded", ctx.succeeded),
        ("failed", ctx.failed + extra),
    ):
        if n:
            new[field] = n
    new["terminating"] = ctx.terminating
    new["uncountedTerminatedPods"] = {}
    new["ready"] = ctx.ready
    return new


def _record_finished(cluster: Cluster, job: Obj, final: Obj) -> None:
    """Port of recordJobFinished: the Completed event, or a warning with the failure reason."""
    if final["type"] == "Complete":
        completions = (job.get("spec") or {}).get("completions")
        if completions is not None and int(job["status"].get("succeeded") or 0) > completions:
            _event(
                cluster,
                job,
                "Warning",
                "TooManySucceededPods",
                "Too many succeeded pods running after completion count reached",
            )
        _event(cluster, job, "Normal", "Completed", "Job completed")
    else:
        _event(cluster, job, "Warning", final.get("reason", ""), final.get("message", ""))


def _ttl_after_finished(cluster: Cluster, key: str, job: Obj) -> None:
    """The TTL-after-finished controller: delete a finished Job (its pods in the foreground)
    ``ttlSecondsAfterFinished`` after its Complete or Failed condition."""
    ttl = (job.get("spec") or {}).get("ttlSecondsAfterFinished")
    kind = batch.is_finished(job)
    if ttl is None or not kind or o.is_deleting(job):
        return
    cond = u.find_condition(job, kind) or {}
    finished = common.ts(cond.get("lastTransitionTime"))
    if finished is None:
        return
    expire = finished + float(ttl)
    if cluster.now < expire:
        cluster.schedule(expire, QUEUE, key)
        return
    apiserver.delete(cluster, "Job", job, propagation="Foreground")
