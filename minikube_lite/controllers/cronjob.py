"""CronJob controller: create a Job at each scheduled time, keep the last few finished ones.

Port of ``pkg/controller/cronjob/cronjob_controllerv2.go`` (sync, syncCronJob,
cleanupFinishedJobs, removeOldestJobs, deleteJob) and ``pkg/controller/cronjob/utils.go``
(mostRecentScheduleTime, nextScheduleTime, nextScheduleTimeDuration, getJobFromTemplate2,
getTimeHashInMinutes, inActiveList, deleteFromActiveList, byJobStartTime).  The schedule is
robfig/cron's (api/cron.py).  The controller asks to run again 100 ms after the next scheduled
time, as upstream's queue.AddAfter does; a clock advanced by hand fires every such timer in
order, so each missed time is seen as a running controller sees it.
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import batch, cron
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.store import apiserver, events, fieldmanager
from minikube_lite.store.cluster import Cluster

COMPONENT = "cronjob-controller"
QUEUE = "cronjob"
NEXT_SCHEDULE_DELTA = 0.1
SCHEDULED_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp"
MANY_MISSED = 100


def sync(cluster: Cluster, key: str) -> None:
    """Port of ControllerV2.sync: syncCronJob, cleanupFinishedJobs, the status update and the
    requeue."""
    cj = cluster.get_key("CronJob", key)
    if cj is None:
        return
    old_status = o.deepcopy(cj.get("status") or {})
    jobs = cluster.owned("Job", o.uid(cj), o.namespace(cj))
    requeue = sync_cronjob(cluster, cj, jobs)
    cleanup_finished_jobs(cluster, cj, cluster.owned("Job", o.uid(cj), o.namespace(cj)))
    status = cj.setdefault("status", {})
    if not status.get("active"):
        status.pop("active", None)
    if status != old_status:
        cj["status"] = _ordered(status)
        fieldmanager.status_update(cluster, cj, old_status, fieldmanager.CONTROLLER_MANAGER)
        cluster.touch("CronJob", cj)
    if requeue is not None:
        cluster.schedule(cluster.now + requeue, QUEUE, key)


def _ordered(status: Obj) -> Obj:
    """batch/v1 CronJobStatus field order."""
    return {
        k: status[k] for k in ("active", "lastScheduleTime", "lastSuccessfulTime") if k in status
    }


def sync_cronjob(cluster: Cluster, cj: Obj, jobs: list[Obj]) -> float | None:
    """Port of syncCronJob: reconcile the active list with the Jobs, then create the Job of the
    most recent unmet schedule; returns when to sync again (seconds from now)."""
    _reconcile_active(cluster, cj, jobs)
    spec = cj.get("spec") or {}
    if o.is_deleting(cj) or spec.get("suspend"):
        return None
    try:
        sched = cron.parse(str(spec.get("schedule") or ""))
    except cron.CronError as e:
        quoted = _go_quote(spec.get("schedule"))
        _event(
            cluster, cj, "Warning", "UnparseableSchedule", f"unparseable schedule: {quoted} : {e}"
        )
        return None
    now = cluster.now
    scheduled = next_schedule_time(cluster, cj, now, sched)
    if scheduled is not None and _may_start(cluster, cj, scheduled):
        job = _create_job(cluster, cj, scheduled)
        if job is None:
            return None
        status = cj.setdefault("status", {})
        status.setdefault("active", []).append(_ref(job))
        status["lastScheduleTime"] = common.rfc(scheduled)
    return next_schedule_duration(cj, now, sched)


def _may_start(cluster: Cluster, cj: Obj, scheduled: float) -> bool:
    """syncCronJob's checks before it creates: the starting deadline (MissSchedule), a time
    already processed, Forbid with an active Job (JobAlreadyActive); Replace deletes the active
    Jobs."""
    spec, status = cj.get("spec") or {}, cj.setdefault("status", {})
    deadline = spec.get("startingDeadlineSeconds")
    if deadline is not None and scheduled + float(deadline) < cluster.now:
        when = _rfc1123z(scheduled)
        _event(
            cluster, cj, "Warning", "MissSchedule", f"Missed scheduled time to start a job: {when}"
        )
        return False
    active = status.get("active") or []
    name = job_name(cj, scheduled)
    if any(r.get("name") == name for r in active):
        return False
    if common.ts(status.get("lastScheduleTime")) == scheduled:
        return False
    policy = spec.get("concurrencyPolicy")
    if policy == "Forbid" and active:
        _event(
            cluster,
            cj,
            "Normal",
            "JobAlreadyActive",
            "Not starting job because prior execution is running and concurrency policy is Forbid",
        )
        return False
    if policy == "Replace":
        for ref in list(active):
            job = cluster.get("Job", o.namespace(cj), str(ref.get("name")))
            if job is not None:
                delete_job(cluster, cj, job)
    return True


def _reconcile_active(cluster: Cluster, cj: Obj, jobs: list[Obj]) -> None:
    """syncCronJob's first loops: finished Jobs leave the active list (SawCompletedJob), a
    succeeded one moves lastSuccessfulTime on, a Job that went away is MissingJob."""
    status = cj.setdefault("status", {})
    active = status.get("active") or []
    uids = {str(r.get("uid")) for r in active}
    children = set()
    for job in jobs:
        uid = o.uid(job)
        children.add(uid)
        finished = batch.is_finished(job)
        if uid not in uids and not finished:
            _event(
                cluster,
                cj,
                "Warning",
                "UnexpectedJob",
                f"Saw a job that the controller did not create or forgot: {o.name(job)}",
            )
        elif uid in uids and finished:
            active = [r for r in active if r.get("uid") != uid]
            _event(
                cluster,
                cj,
                "Normal",
                "SawCompletedJob",
                f"Saw completed job: {o.name(job)}, condition: {finished}",
            )
        elif finished == "Complete":
            done = (job.get("status") or {}).get("completionTime")
            last = common.ts(status.get("lastSuccessfulTime"))
            if done and (last is None or (common.ts(done) or 0) > last):
                status["lastSuccessfulTime"] = done
    for ref in list(active):
        if ref.get("uid") not in children:
            _event(
                cluster, cj, "Normal", "MissingJob", f"Active job went missing: {ref.get('name')}"
            )
            active = [r for r in active if r is not ref]
    status["active"] = active


def most_recent_schedule_time(
    cj: Obj, now: float, sched: cron.Schedule, with_deadline: bool
) -> tuple[float, float | None, int]:
    """Port of mostRecentScheduleTime: the earliest time considered, the most recent scheduled
    time at or before ``now`` (None if none), and how many were missed (0, 1 few, 2 many)."""
    spec, status = cj.get("spec") or {}, cj.get("status") or {}
    tz = spec.get("timeZone")
    earliest = common.ts(status.get("lastScheduleTime")) or common.ts(
        o.meta(cj).get("creationTimestamp")
    )
    earliest = earliest or 0.0
    deadline = spec.get("startingDeadlineSeconds")
    if with_deadline and deadline is not None:
        earliest = max(earliest, now - float(deadline))
    t1 = cron.next_after(sched, earliest, tz)
    if t1 is None or now < t1:
        return earliest, None, 0
    t2 = cron.next_after(sched, t1, tz)
    if t2 is None or now < t2:
        return earliest, t1, 0
    between = round(t2 - t1)
    if between < 1:
        raise errors.MklError("time difference between two schedules is less than 1 second")
    missed = int((now - t1) // between) + 1
    recent = t1 + (missed - 1) * between
    # the approximation assumes even spacing: walk to the true most recent time
    nxt = cron.next_after(sched, recent - 1, tz)
    recent = nxt if nxt is not None and nxt <= now else recent
    while True:
        nxt = cron.next_after(sched, recent, tz)
        if nxt is None or nxt > now:
            break
        recent = nxt
    while recent > now:
        recent -= between
    return earliest, recent, 2 if missed > MANY_MISSED else 1


def next_schedule_time(cluster: Cluster, cj: Obj, now: float, sched: cron.Schedule) -> float | None:
    """Port of nextScheduleTime: the time to create a Job for now, with the TooManyMissedTimes
    warning when more than 100 were missed."""
    try:
        _, recent, missed = most_recent_schedule_time(cj, now, sched, True)
    except errors.MklError as e:
        spec = cj.get("spec") or {}
        _event(
            cluster,
            cj,
            "Warning",
            "InvalidSchedule",
            f"invalid schedule: {spec.get('schedule')} : {e}",
        )
        return None
    if recent is None or recent > now:
        return None
    if missed == 2:
        _event(
            cluster,
            cj,
            "Warning",
            "TooManyMissedTimes",
            "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check "
            "clock skew",
        )
    return recent


def next_schedule_duration(cj: Obj, now: float, sched: cron.Schedule) -> float | None:
    """Port of nextScheduleTimeDuration: 100 ms after the schedule following the most recent."""
    tz = (cj.get("spec") or {}).get("timeZone")
    try:
        earliest, recent, _ = most_recent_schedule_time(cj, now, sched, False)
    except errors.MklError:
        return None
    nxt = cron.next_after(sched, recent if recent is not None else earliest, tz)
    return None if nxt is None else max(0.0, nxt + NEXT_SCHEDULE_DELTA - now)


def job_name(cj: Obj, scheduled: float) -> str:
    """getJobName: ``<cronjob>-<scheduled time in Unix minutes>``."""
    return f"{o.name(cj)}-{int(scheduled) // 60}"


def job_from_template(cj: Obj, scheduled: float, name: str | None = None) -> Obj:
    """Port of getJobFromTemplate2: the template's labels and annotations, the scheduled-time
    annotation, the CronJob as controller, the template's spec."""
    jt = (cj.get("spec") or {}).get("jobTemplate") or {}
    jmeta = jt.get("metadata") or {}
    annotations = dict(jmeta.get("annotations") or {})
    annotations[SCHEDULED_ANNOTATION] = _rfc3339_in(
        scheduled, (cj.get("spec") or {}).get("timeZone")
    )
    meta: Obj = {"name": name or job_name(cj, scheduled), "namespace": o.namespace(cj)}
    if jmeta.get("labels"):
        meta["labels"] = dict(jmeta["labels"])
    meta["annotations"] = annotations
    meta["ownerReferences"] = [o.owner_reference(cj, "CronJob", "batch/v1")]
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta,
        "spec": o.deepcopy(jt.get("spec") or {}),
    }


def _rfc3339_in(t: float, tz: str | None) -> str:
    """time.Format(time.RFC3339) in the CronJob's zone (``Z`` for UTC)."""
    if not tz:
        return clock.rfc3339(t)
    import datetime as dt
    import zoneinfo

    return dt.datetime.fromtimestamp(int(t), zoneinfo.ZoneInfo(tz)).isoformat()


def _rfc1123z(t: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(int(t), dt.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")


def _create_job(cluster: Cluster, cj: Obj, scheduled: float) -> Obj | None:
    """CreateJob and its outcomes: SuccessfulCreate, an existing Job of ours, FailedCreate."""
    req = job_from_template(cj, scheduled)
    try:
        job = apiserver.create(cluster, "Job", req, manager=fieldmanager.CONTROLLER_MANAGER)
    except errors.AlreadyExistsError:
        found = cluster.get("Job", o.namespace(cj), req["metadata"]["name"])
        if found is None or o.controller_uid(found) != o.uid(cj):
            return None
        active = (cj.get("status") or {}).get("active") or []
        return None if any(r.get("uid") == o.uid(found) for r in active) else found
    except errors.MklError as e:
        msg = getattr(e, "message", str(e))
        if "because it is being terminated" not in msg:
            _event(cluster, cj, "Warning", "FailedCreate", f"Error creating job: {msg}")
        return None
    _event(cluster, cj, "Normal", "SuccessfulCreate", f"Created job {o.name(job)}")
    return job


def _ref(job: Obj) -> Obj:
    """getRef: an ObjectReference to the Job."""
    meta = o.meta(job)
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "name": meta["name"],
        "namespace": meta["namespace"],
        "resourceVersion": meta["resourceVersion"],
        "uid": meta["uid"],
    }


def delete_job(cluster: Cluster, cj: Obj, job: Obj) -> None:
    """Port of deleteJob: delete it (its pods in the background), drop it from the active list,
    SuccessfulDelete."""
    apiserver.delete(cluster, "Job", job)
    status = cj.setdefault("status", {})
    status["active"] = [r for r in status.get("active") or [] if r.get("uid") != o.uid(job)]
    _event(cluster, cj, "Normal", "SuccessfulDelete", f"Deleted job {o.name(job)}")


def cleanup_finished_jobs(cluster: Cluster, cj: Obj, jobs: list[Obj]) -> None:
    """Port of cleanupFinishedJobs / removeOldestJobs: beyond the history limits, the finished
    Jobs that started first go (byJobStartTime: start time, then name)."""
    spec = cj.get("spec") or {}
    for kind, field in (
        ("Complete", "successfulJobsHistoryLimit"),
        ("Failed", "failedJobsHistoryLimit"),
    ):
        limit = spec.get(field)
        if limit is None:
            continue
        finished = [j for j in jobs if batch.is_finished(j) == kind and not o.is_deleting(j)]
        extra = len(finished) - int(limit)
        if extra <= 0:
            continue
        finished.sort(key=_start_key)
        for job in finished[:extra]:
            delete_job(cluster, cj, job)


def _start_key(job: Obj) -> tuple[int, float, str]:
    start = common.ts((job.get("status") or {}).get("startTime"))
    return (1, 0.0, o.name(job)) if start is None else (0, start, o.name(job))


def _go_quote(v: object) -> str:
    import json

    return json.dumps(str(v or ""))


def _event(cluster: Cluster, cj: Obj, etype: str, reason: str, message: str) -> None:
    events.record(cluster, events.EventRecord(cj, "CronJob", etype, reason, message, COMPONENT))
