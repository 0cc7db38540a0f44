"""``logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]`` (kubectl logs.go, 1.34)."""

from __future__ import annotations

import time
from typing import Any

from minikube_lite import clock, errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session
from minikube_lite.records import dataclass

USAGE = "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]"
USAGE_ERR = f"expected '{USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command"
FOLLOW_POLL = 0.5  # wall seconds between looks at the state while following a real clock
VERSION_POLL = 0.15  # wall seconds between looks at the state file's stamp (manual clock)


@dataclass
class Stream:
    """One (pod, container) whose log is printed; ``seen`` remembers what -f already showed.

    ``instance`` is the run of the container that is printed (its index); -f follows that run
    to its end, as the kubelet's stream ends with the container, even if it restarted since.
    """

    namespace: str
    pod: str
    uid: str
    container: str
    prefix: str
    seen: tuple[float, int] = (float("-inf"), 0)
    done: bool = False
    instance: int | None = None


def _options(inv: Invocation) -> Any:
    from minikube_lite.ops import logs

    tail = inv.flag("tail")
    if inv.flag("selector") and not inv.given("tail"):
        tail = 10
    if tail is not None and tail < -1:
        raise errors.MklError("--tail must be greater than or equal to -1")
    since = since_time = None
    if inv.flag("since"):
        try:
            since = clock.parse_duration(inv.flag("since"))
        except ValueError as e:
            raise errors.UsageError(
                f'invalid argument "{inv.flag("since")}" for "--since" flag: {e}',
                inv.command_path,
                flag_error=True,
            ) from None
    if inv.flag("since-time"):
        since_time = clock.parse_time(inv.flag("since-time"))
        if since_time is None:
            raise errors.MklError(
                f'parsing time "{inv.flag("since-time")}" as "2006-01-02T15:04:05Z07:00": cannot '
                "parse"
            )
    if since is not None and since_time is not None:
        raise errors.MklError("at most one of `sinceTime` or `sinceSeconds` may be specified")
    if since is not None and since < 0:
        raise errors.MklError("--since must be greater than 0")
    if (inv.flag("limit-bytes") or 0) < 0:
        raise errors.MklError("--limit-bytes must be greater than 0")
    prefix = bool(inv.flag("prefix") or inv.flag("all-pods"))
    return logs.Options(
        bool(inv.flag("previous")),
        -1 if tail is None else tail,
        since,
        since_time,
        bool(inv.flag("timestamps")),
        inv.flag("limit-bytes") or 0,
        prefix,
    )


def _arguments(inv: Invocation) -> tuple[str, str]:
    """(resource, container) per logs.go Complete/Validate."""
    args, sel = inv.args, inv.flag("selector")
    if not args and not sel:
        raise inv.usage_error(USAGE_ERR)
    if len(args) == 1 and sel:
        raise inv.usage_error("only a selector (-l) or a POD name is allowed")
    if len(args) > 2:
        raise inv.usage_error(USAGE_ERR)
    container = inv.flag("container") or ""
    if len(args) == 2:
        if inv.given("container"):
            raise errors.MklError("only one of -c or an inline [CONTAINER] arg is allowed")
        container = args[1]
    if inv.flag("all-containers") and container:
        raise errors.MklError(
            f"--all-containers=true should not be specified with container name {container}"
        )
    return (args[0] if args else ""), container


def logs(inv: Invocation) -> None:
    resource, container = _arguments(inv)
    opts = _options(inv)
    with session.open_cluster(inv.profile) as cluster:
        streams, notices = _streams(inv, cluster, resource, container, opts.prefix)
        limit = inv.flag("max-log-requests")
        if inv.flag("follow") and len(streams) > 1 and len(streams) > limit:
            raise errors.MklError(
                f"you are attempting to follow {len(streams)} log streams, but maximum allowed "
                f"concurrency is {limit}, "
                "use --max-log-requests to increase the limit"
            )
        text, failure = _read_all(inv, cluster, streams, opts)
        seen = _stamp(inv, cluster)
    inv.io.err(notices)
    inv.io.out(text)
    if failure is not None:
        raise failure
    if inv.flag("follow") and streams:
        _follow(inv, streams, opts, seen)


def _streams(
    inv: Invocation, cluster: Any, resource: str, container: str, prefix: bool
) -> tuple[list[Stream], str]:
    from minikube_lite.api import labels
    from minikube_lite.api import objects as o
    from minikube_lite.ops import resources
    from minikube_lite.ops.sandbox import attach

    ns = resources.current_namespace(cluster, inv.flag("namespace"))
    notices = ""
    if inv.flag("selector"):
        sel = labels.parse_selector(inv.flag("selector"))
        pods = [p for p in cluster.list("Pod", ns) if sel.matches(o.labels(p))]
        if not pods:
            return [], f"No resources found in {ns} namespace.\n"
    else:
        try:
            k, obj = attach.lookup(cluster, ns, resource)
        except errors.NotFoundError as e:
            raise errors.MklError(
                f'error from server (NotFound): {e.message} in namespace "{ns}"'
            ) from None
        pods = [obj] if k.kind == "Pod" else attach.pods_for(cluster, k, obj, True)
        if not pods:
            raise errors.WaitTimeoutError()
        if len(pods) > 1 and not inv.flag("all-pods"):
            notices += f"Found {len(pods)} pods, using pod/{o.name(pods[0])}\n"
            pods = pods[:1]
    out: list[Stream] = []
    for pod in pods:
        for c in _containers(inv, pod, container, bool(inv.flag("all-pods"))):
            if isinstance(c, str):
                notices += c
                continue
            tag = f"[pod/{o.name(pod)}/{c['name']}] " if prefix else ""
            out.append(Stream(o.namespace(pod), o.name(pod), o.uid(pod), c["name"], tag))
    return out, notices


def _containers(inv: Invocation, pod: Any, name: str, all_pods: bool) -> list[Any]:
    from minikube_lite.api import objects as o
    from minikube_lite.ops.sandbox import attach

    if inv.flag("all-containers"):
        spec = pod.get("spec", {})
        return [
            *(spec.get("initContainers") or ()),
            *(spec.get("containers") or ()),
            *(spec.get("ephemeralContainers") or ()),
        ]
    if name:
        c = attach.find_container(pod, name)
        if c is None:
            raise errors.MklError(f"container {name} is not valid for pod {o.name(pod)}")
        return [c]
    c, notice = attach.default_container(pod)
    return [notice, c] if notice and not all_pods else [c]


def _read_all(
    inv: Invocation, cluster: Any, streams: list[Stream], opts: Any
) -> tuple[str, errors.MklError | None]:
    """Each stream in turn; the first error stops the rest (--ignore-errors: print it and go on)."""
    parts: list[str] = []
    for s in streams:
        try:
            parts.append(_read(cluster, s, opts))
        except errors.MklError as e:
            s.done = True
            if not inv.flag("ignore-errors"):
                return "".join(parts), e
            parts.append(f"error: {e.message}\n")
    return "".join(parts), None


def _read(cluster: Any, s: Stream, opts: Any) -> str:
    """The log text of one stream (and remember what was shown, for -f)."""
    from minikube_lite.ops import logs as ops_logs
    from minikube_lite.ops.sandbox import attach

    pod = cluster.get("Pod", s.namespace, s.pod)
    if pod is None or pod["metadata"].get("uid") != s.uid:
        s.done = True
        return ""
    inst = ops_logs.instance(pod, s.container, opts.previous)
    if inst is None:
        return ""
    if s.instance is None:
        s.instance = inst.index
    elif (
        inst.index != s.instance
    ):  # it ended and restarted between two looks: finish the one followed
        inst = _followed(pod, s)
        if inst is None:
            s.done = True
            return ""
    container = attach.find_container(pod, s.container) or {"name": s.container}
    entries = ops_logs.lines(cluster, pod, container, inst)
    s.done = inst.end is not None
    t0, n0 = s.seen
    new = [
        e for i, e in enumerate(entries) if e[0] > t0 or (e[0] == t0 and _rank(entries, i) >= n0)
    ]
    if entries:
        s.seen = (entries[-1][0], _rank(entries, len(entries) - 1) + 1)
    return ops_logs.render(new, opts, cluster.now, s.prefix)


def _followed(pod: Any, s: Stream) -> Any:
    """The instance a stream follows, once the container restarted (None: no longer in the status)."""
    from minikube_lite.ops import logs as ops_logs

    try:
        prev = ops_logs.instance(pod, s.container, True)
    except errors.MklError:
        return None
    return prev if prev is not None and prev.index == s.instance else None


def _rank(entries: list[tuple[float, str]], i: int) -> int:
    """How many entries before index i share its timestamp."""
    t = entries[i][0]
    return sum(1 for e in entries[:i] if e[0] == t)


def _stamp(inv: Invocation, cluster: Any) -> tuple[Any, bool]:
    """(the stamp of the state just read, is the clock manual?); call it under the lock."""
    from minikube_lite.store import persist

    return persist.version(persist.profile_name(inv.profile)), cluster.clock_state.manual


def _follow(inv: Invocation, streams: list[Stream], opts: Any, seen: tuple[Any, bool]) -> None:
    """-f: print new lines as they appear, whoever makes them; end with the containers.

    A follower only observes a manual clock: it reads the state (without advancing) only when
    the saved state changed (``persist.version``), e.g. after ``clock advance`` in another
    terminal.  A real clock is read every FOLLOW_POLL wall seconds, at now (the cluster running).
    """
    from minikube_lite.ops import logs as ops_logs
    from minikube_lite.store import persist

    follow_opts = ops_logs.Options(timestamps=opts.timestamps, prefix=opts.prefix)
    name = persist.profile_name(inv.profile)
    stamp, manual = seen
    while not all(s.done for s in streams):
        inv.io.flush()
        time.sleep(VERSION_POLL if manual else FOLLOW_POLL)
        if manual and persist.version(name) == stamp:
            continue
        with session.open_cluster(inv.profile, create=False, advance=False) as cluster:
            stamp, manual = _stamp(inv, cluster)
            if not manual:
                from minikube_lite.controllers import loop

                loop.advance_to(cluster, session.sim_now(cluster.doc))
            text = "".join(_read(cluster, s, follow_opts) for s in streams if not s.done)
        inv.io.out(text)
    inv.io.flush()
