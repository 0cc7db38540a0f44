"""describe.go: ``describe deployment``, ``describe replicaset``, ``describe rc`` and
``describe job``."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.clock import human_duration, parse_time
from minikube_lite.printers.columns import format_label_selector, format_labels, selector_string
from minikube_lite.printers.describe.pod import describe_pod_template
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    describe_conditions,
    maybe_events,
    meta,
    print_annotations,
    print_controller,
    print_labels,
    rfc1123z,
    tabbed,
)

HASH_LABEL = "pod-template-hash"


def _int_or_string(v: object) -> str:
    """intstr.IntOrString.String() (``<nil>`` for a missing pointer)."""
    return "<nil>" if v is None else str(v)


def _owned_by(o: Obj, owner: Obj) -> bool:
    """True when ``o``'s controller reference points at ``owner`` (by uid, else by name)."""
    for ref in meta(o).get("ownerReferences") or []:
        if ref.get("controller"):
            uid = meta(owner).get("uid")
            owned: bool = (
                ref.get("uid") == uid if uid else ref.get("name") == meta(owner).get("name")
            )
            return owned
    return False


def _without_hash(template: Obj) -> Obj:
    md = dict(template.get("metadata") or {})
    labels = {k: v for k, v in (md.get("labels") or {}).items() if k != HASH_LABEL}
    md["labels"] = labels
    return {**template, "metadata": md}


def split_replicasets(d: Obj, rses: list[Obj], new_name: str | None) -> tuple[list[Obj], list[Obj]]:
    """(old, new) as GetAllReplicaSets/FindNewReplicaSet/FindOldReplicaSets compute them."""
    from minikube_lite.api.objects import semantic_equal

    owned = [rs for rs in rses if not meta(rs).get("ownerReferences") or _owned_by(rs, d)]
    owned.sort(key=lambda rs: meta(rs).get("name", ""))
    if new_name is not None:
        new = [rs for rs in owned if meta(rs).get("name") == new_name]
    else:
        template = _without_hash((d.get("spec") or {}).get("template") or {})
        by_age = sorted(
            owned,
            key=lambda rs: (
                parse_time(meta(rs).get("creationTimestamp")) or 0.0,
                meta(rs).get("name", ""),
            ),
        )
        new = [
            rs
            for rs in by_age
            if semantic_equal(_without_hash((rs.get("spec") or {}).get("template") or {}), template)
        ][:1]
    old = [rs for rs in owned if not new or rs is not new[0]]
    return old, new


def _rs_list(rses: list[Obj]) -> str:
    """Mirrors printReplicaSetsByLabels."""
    items = [
        f"{meta(rs).get('name', '')} ({int((rs.get('status') or {}).get('replicas') or 0)}/"
        f"{int((rs.get('spec') or {}).get('replicas', 1) or 0)} replicas created)"
        for rs in rses
    ]
    return ", ".join(items) or "<none>"


def describe_deployment(d: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeDeployment."""
    from minikube_lite.errors import MklError

    spec, st, md = d.get("spec") or {}, d.get("status") or {}, meta(d)
    try:
        selector = selector_string(spec.get("selector"))
    except ValueError as e:
        raise MklError(str(e)) from None
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    w.write(0, f"CreationTimestamp:\t{rfc1123z(md.get('creationTimestamp'))}\n")
    print_labels(w, "Labels", md.get("labels"))
    print_annotations(w, "Annotations", md.get("annotations"))
    w.write(0, f"Selector:\t{selector}\n")
    counts = [
        int(st.get(k) or 0)
        for k in ("updatedReplicas", "replicas", "availableReplicas", "unavailableReplicas")
    ]
    w.write(
        0,
        f"Replicas:\t{int(spec.get('replicas', 1) or 0)} desired | {counts[0]} updated | "
        f"{counts[1]} total | "
        f"{counts[2]} available | {counts[3]} unavailable\n",
    )
    strategy = spec.get("strategy") or {}
    w.write(0, f"StrategyType:\t{strategy.get('type', '')}\n")
    w.write(0, f"MinReadySeconds:\t{int(spec.get('minReadySeconds') or 0)}\n")
    ru = strategy.get("rollingUpdate")
    if ru is not None:
        w.write(
            0,
            f"RollingUpdateStrategy:\t{_int_or_string(ru.get('maxUnavailable'))} max unavailable, "
            f"{_int_or_string(ru.get('maxSurge'))} max surge\n",
        )
    describe_pod_template(spec.get("template") or {}, w)
    describe_conditions(w, st.get("conditions"))
    old, new = split_replicasets(d, ctx.replicasets, ctx.new_rs_name)
    if old or new:
        w.write(0, f"OldReplicaSets:\t{_rs_list(old)}\n")
        w.write(0, f"NewReplicaSet:\t{_rs_list(new)}\n")
    maybe_events(w, ctx, now)
    return tabbed(w)


def pod_phase_counts(rs: Obj, pods: list[Obj]) -> tuple[int, int, int, int]:
    """Mirrors getPodStatusForController: Running / Pending / Succeeded / Failed of owned pods."""
    counts = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    for p in pods:
        if _owned_by(p, rs):
            phase = (p.get("status") or {}).get("phase")
            if phase in counts:
                counts[phase] += 1
    return counts["Running"], counts["Pending"], counts["Succeeded"], counts["Failed"]


def describe_replicaset(rs: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeReplicaSet."""
    selector = format_label_selector((rs.get("spec") or {}).get("selector"))
    return _describe_replicas(rs, ctx, now, selector, print_controller(rs))


def describe_replication_controller(rc: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeReplicationController: a ReplicaSet's text with a label-map selector and
    no ``Controlled By`` line."""
    selector = format_labels((rc.get("spec") or {}).get("selector"))
    return _describe_replicas(rc, ctx, now, selector, "")


def _describe_replicas(
    rs: Obj, ctx: DescribeContext, now: float, selector: str, controlled: str
) -> str:
    spec, st, md = rs.get("spec") or {}, rs.get("status") or {}, meta(rs)
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    w.write(0, f"Selector:\t{selector}\n")
    print_labels(w, "Labels", md.get("labels"))
    print_annotations(w, "Annotations", md.get("annotations"))
    if controlled:
        w.write(0, f"Controlled By:\t{controlled}\n")
    w.write(
        0,
        f"Replicas:\t{int(st.get('replicas') or 0)} current / "
        f"{int(spec.get('replicas', 1) or 0)} desired\n",
    )
    running, waiting, succeeded, failed = pod_phase_counts(rs, ctx.pods)
    w.write(
        0,
        f"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / "
        f"{failed} Failed\n",
    )
    describe_pod_template(spec.get("template") or {}, w)
    describe_conditions(w, st.get("conditions"))
    maybe_events(w, ctx, now)
    return tabbed(w)


def describe_job(job: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeJob: the spec's counts, the start and completion times, the pods'
    statuses from the Job's status, the pod template and the events."""
    spec, st, md = job.get("spec") or {}, job.get("status") or {}, meta(job)
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    w.write(0, f"Selector:\t{selector_string(spec.get('selector'))}\n")
    print_labels(w, "Labels", md.get("labels"))
    print_annotations(w, "Annotations", md.get("annotations"))
    controlled = print_controller(job)
    if controlled:
        w.write(0, f"Controlled By:\t{controlled}\n")
    _job_spec_lines(w, spec)
    start, end = st.get("startTime"), st.get("completionTime")
    if start:
        w.write(0, f"Start Time:\t{rfc1123z(start)}\n")
    if end:
        w.write(0, f"Completed At:\t{rfc1123z(end)}\n")
    t0, t1 = parse_time(start), parse_time(end)
    if t0 is not None and t1 is not None:
        w.write(0, f"Duration:\t{human_duration(t1 - t0)}\n")
    if spec.get("activeDeadlineSeconds") is not None:
        w.write(0, f"Active Deadline Seconds:\t{int(spec['activeDeadlineSeconds'])}s\n")
    counts = [int(st.get(k) or 0) for k in ("active", "succeeded", "failed")]
    if st.get("ready") is None:
        w.write(0, "Pods Statuses:\t{} Active / {} Succeeded / {} Failed\n".format(*counts))
    else:
        w.write(
            0,
            f"Pods Statuses:\t{counts[0]} Active ({int(st['ready'])} Ready) / {counts[1]} "
            f"Succeeded / {counts[2]} Failed\n",
        )
    describe_pod_template(spec.get("template") or {}, w)
    maybe_events(w, ctx, now)
    return tabbed(w)


def _job_spec_lines(w: PrefixWriter, spec: Obj) -> None:
    """describeJob's Parallelism ... TTL Seconds After Finished lines (Go's %v of a bool)."""
    if spec.get("parallelism") is not None:
        w.write(0, f"Parallelism:\t{int(spec['parallelism'])}\n")
    completions = spec.get("completions")
    w.write(0, f"Completions:\t{'<unset>' if completions is None else int(completions)}\n")
    if spec.get("completionMode") is not None:
        w.write(0, f"Completion Mode:\t{spec['completionMode']}\n")
    if spec.get("suspend") is not None:
        w.write(0, f"Suspend:\t{'true' if spec['suspend'] else 'false'}\n")
    if spec.get("backoffLimit") is not None:
        w.write(0, f"Backoff Limit:\t{int(spec['backoffLimit'])}\n")
    if spec.get("ttlSecondsAfterFinished") is not None:
        w.write(0, f"TTL Seconds After Finished:\t{int(spec['ttlSecondsAfterFinished'])}\n")


def describe_cronjob(cj: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeCronJob: the schedule and policies, the job template, the last schedule
    time and the active Jobs."""
    spec, st, md = cj.get("spec") or {}, cj.get("status") or {}, meta(cj)
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    print_labels(w, "Labels", md.get("labels"))
    print_annotations(w, "Annotations", md.get("annotations"))
    w.write(0, f"Schedule:\t{spec.get('schedule', '')}\n")
    w.write(0, f"Concurrency Policy:\t{spec.get('concurrencyPolicy', '')}\n")
    suspend = spec.get("suspend")
    w.write(0, f"Suspend:\t{'<unset>' if suspend is None else ('True' if suspend else 'False')}\n")
    for title, field in (
        ("Successful Job History Limit", "successfulJobsHistoryLimit"),
        ("Failed Job History Limit", "failedJobsHistoryLimit"),
    ):
        value = spec.get(field)
        w.write(0, f"{title}:\t{'<unset>' if value is None else int(value)}\n")
    deadline = spec.get("startingDeadlineSeconds")
    w.write(0, f"Starting Deadline Seconds:\t{'<unset>' if deadline is None else f'{deadline}s'}\n")
    _job_template_lines(w, spec.get("jobTemplate") or {})
    last = st.get("lastScheduleTime")
    w.write(0, f"Last Schedule Time:\t{rfc1123z(last) if last else '<unset>'}\n")
    names = [str(r.get("name", "")) for r in st.get("active") or []]
    w.write(0, f"Active Jobs:\t{', '.join(names) if names else '<none>'}\n")
    maybe_events(w, ctx, now)
    return tabbed(w)


def _job_template_lines(w: PrefixWriter, jt: Obj) -> None:
    """Mirrors describeJobTemplate: selector, parallelism, completions, the pod template."""
    spec = jt.get("spec") or {}
    sel = spec.get("selector")
    w.write(0, f"Selector:\t{'<unset>' if sel is None else selector_string(sel)}\n")
    for title, field in (("Parallelism", "parallelism"), ("Completions", "completions")):
        value = spec.get(field)
        w.write(0, f"{title}:\t{'<unset>' if value is None else int(value)}\n")
    if spec.get("activeDeadlineSeconds") is not None:
        w.write(0, f"Active Deadline Seconds:\t{int(spec['activeDeadlineSeconds'])}s\n")
    describe_pod_template(spec.get("template") or {}, w)
