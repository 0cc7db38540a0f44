"""``logs``: what a container instance has written, at cluster.now [SIM].

A container's log is its image plan's lines (start-up messages, ``echo`` output of its command),
placed at the instance's start time plus their offsets, merged with the access-log lines the HTTP
model recorded for requests that instance answered.  Errors follow the kubelet's
``validateContainerLogStatus`` (waiting containers, no previous instance).
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops.sandbox import runtime, traffic
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster


@dataclass(frozen=True, slots=True)
class Options:
    previous: bool = False
    tail: int = -1
    since: float | None = None  # seconds
    since_time: float | None = None
    timestamps: bool = False
    limit_bytes: int = 0
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Instance:
    start: float
    end: float | None  # None: still running
    index: int  # which run of the container (0 = first); access logs are keyed by it


def instance(pod: Obj, name: str, previous: bool) -> Instance | None:
    """The container instance ``logs`` reads, or a BadRequest like the kubelet's (None: no logs yet)."""
    st = runtime.container_status(pod, name)
    state, last = st.get("state") or {}, (st.get("lastState") or {}).get("terminated")
    restarts = int(st.get("restartCount", 0) or 0)
    pod_name = o.name(pod)
    if previous:
        if not last:
            raise errors.BadRequestError(
                f'previous terminated container "{name}" in pod "{pod_name}" not found'
            )
        current = "running" in state or "terminated" in state
        return _span(last, restarts - 1 if current else restarts)
    if "running" in state:
        return Instance(clock.parse_time(state["running"].get("startedAt")) or 0.0, None, restarts)
    if "terminated" in state:
        return _span(state["terminated"], restarts)
    if last:
        return _span(last, restarts)
    waiting = state.get("waiting")
    if waiting:
        reason = waiting.get("reason", "")
        text = {
            "ErrImagePull": "image can't be pulled",
            "ImagePullBackOff": "trying and failing to pull image",
        }.get(reason, reason)
        raise errors.BadRequestError(
            f'container "{name}" in pod "{pod_name}" is waiting to start: {text}'
        )
    if not pod.get("spec", {}).get("nodeName"):
        return None
    raise errors.BadRequestError(
        f'container "{name}" in pod "{pod_name}" is waiting to start: ContainerCreating'
    )


def _span(term: Obj, index: int) -> Instance:
    start = clock.parse_time(term.get("startedAt")) or 0.0
    return Instance(start, clock.parse_time(term.get("finishedAt")) or start, max(index, 0))


def lines(cluster: Cluster, pod: Obj, container: Obj, inst: Instance) -> list[tuple[float, str]]:
    """(time, line) of one instance, oldest first, up to cluster.now."""
    end = cluster.now if inst.end is None else min(inst.end, cluster.now)
    plan = runtime.plan_of(cluster, pod, container)
    out = [
        (inst.start + off, text)
        for off, text in (plan.logs if plan else ())
        if inst.start + off <= end
    ]
    out += [
        (t, text)
        for t, text in traffic.access_lines(
            cluster, pod, str(container.get("name", "")), inst.index
        )
        if inst.start <= t <= end
    ]
    return sorted(out, key=lambda x: x[0])


def render(entries: list[tuple[float, str]], opts: Options, now: float, prefix: str = "") -> str:
    """Apply --since/--since-time, --tail, --timestamps, --prefix and --limit-bytes."""
    if opts.since is not None:
        entries = [e for e in entries if e[0] >= now - opts.since]
    if opts.since_time is not None:
        entries = [e for e in entries if e[0] >= opts.since_time]
    if opts.tail >= 0:
        entries = entries[len(entries) - opts.tail :] if opts.tail else []
    text = "".join(
        f"{prefix}{stamp(t) + ' ' if opts.timestamps else ''}{line}\n" for t, line in entries
    )
    if opts.limit_bytes > 0:
        text = text.encode()[: opts.limit_bytes].decode("utf-8", "ignore")
    return text


def stamp(t: float) -> str:
    """The kubelet's RFC3339NanoFixed timestamp."""
    whole = int(t // 1)
    nanos = round((t - whole) * 1e9)
    return clock.rfc3339(whole).rstrip("Z") + f".{nanos:09d}Z"
