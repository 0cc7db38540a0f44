"""``logs``: what a container instance has written, at cluster.now [SIM].

A container's log is its image plan's lines (start-up messages, ``echo`` output of its command),
placed at the instance's start time plus their offsets, merged with the access-log lines the HTTP
model recorded for requests that instance answered.  Errors follow the kubelet's
``validateContainerLogStatus`` (waiting containers, no previous instance).
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import labels
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import options, resources
from minikube_lite.ops.sandbox import attach, runtime, traffic
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

USAGE = "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]"
USAGE_ERR = f"expected '{USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command"


@dataclass(frozen=True, slots=True)
class Options:
    """What ``render`` applies to one stream's lines."""

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
    """The instance ``logs`` reads, or a BadRequest like the kubelet's (None: no logs yet)."""
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


@dataclass(frozen=True, slots=True)
class LogsResult:
    """What the command prints first: the log text, the notices (stderr), the error to raise."""

    streams: tuple[Stream, ...]  # -f follows them
    text: str
    notices: str
    failure: errors.MklError | None


@dataclass(frozen=True, slots=True)
class LogsOptions:
    """Port of LogsOptions after Complete (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go)."""

    resource: str
    container: str
    container_given: bool  # -c given
    inline_container: bool  # a second positional word
    selector: str | None
    namespace: str | None
    all_containers: bool
    all_pods: bool
    follow: bool
    max_log_requests: int
    ignore_errors: bool
    tail: int | None  # None: not given
    since: float | None
    since_time: float | None
    limit_bytes: int
    render: Options

    @classmethod
    def complete(cls, flags: options.Flags, command_path: str) -> LogsOptions:
        """Positional words (a usage error when they do not fit), then --since/--since-time."""
        args, sel = flags.args, flags.flag("selector")
        if not args and not sel:
            raise errors.UsageError(USAGE_ERR, command_path)
        if len(args) == 1 and sel:
            raise errors.UsageError("only a selector (-l) or a POD name is allowed", command_path)
        if len(args) > 2:
            raise errors.UsageError(USAGE_ERR, command_path)
        tail = flags.flag("tail")
        if sel and not flags.given("tail"):
            tail = 10
        since = _since(flags.flag("since"), command_path)
        since_time = _since_time(flags.flag("since-time"))
        limit_bytes = flags.flag("limit-bytes") or 0
        all_pods = bool(flags.flag("all-pods"))
        return cls(
            resource=args[0] if args else "",
            container=args[1] if len(args) == 2 else flags.flag("container") or "",
            container_given=flags.given("container"),
            inline_container=len(args) == 2,
            selector=sel,
            namespace=flags.flag("namespace"),
            all_containers=bool(flags.flag("all-containers")),
            all_pods=all_pods,
            follow=bool(flags.flag("follow")),
            max_log_requests=flags.flag("max-log-requests"),
            ignore_errors=bool(flags.flag("ignore-errors")),
            tail=tail,
            since=since,
            since_time=since_time,
            limit_bytes=limit_bytes,
            render=Options(
                bool(flags.flag("previous")),
                -1 if tail is None else tail,
                since,
                since_time,
                bool(flags.flag("timestamps")),
                limit_bytes,
                bool(flags.flag("prefix") or all_pods),
            ),
        )

    def validate(self) -> list[errors.MklError]:
        """Port of LogsOptions.Validate: every problem, in this command's order."""
        errs: list[errors.MklError] = []
        if self.inline_container and self.container_given:
            errs.append(errors.MklError("only one of -c or an inline [CONTAINER] arg is allowed"))
        if self.all_containers and self.container:
            errs.append(
                errors.MklError(
                    "--all-containers=true should not be specified with container name "
                    f"{self.container}"
                )
            )
        if self.tail is not None and self.tail < -1:
            errs.append(errors.MklError("--tail must be greater than or equal to -1"))
        if self.since is not None and self.since_time is not None:
            errs.append(
                errors.MklError("at most one of `sinceTime` or `sinceSeconds` may be specified")
            )
        if self.since is not None and self.since < 0:
            errs.append(errors.MklError("--since must be greater than 0"))
        if self.limit_bytes < 0:
            errs.append(errors.MklError("--limit-bytes must be greater than 0"))
        return errs

    @property
    def follow_render(self) -> Options:
        """What -f applies to the lines that come later: no --tail, --since or --limit-bytes."""
        return Options(timestamps=self.render.timestamps, prefix=self.render.prefix)

    def run(self, cluster: Cluster) -> LogsResult:
        """Port of RunLogs: the streams, the --max-log-requests check, then each stream in turn."""
        streams, notices = self._streams(cluster)
        limit = self.max_log_requests
        if self.follow and len(streams) > 1 and len(streams) > limit:
            raise errors.MklError(
                f"you are attempting to follow {len(streams)} log streams, but maximum allowed "
                f"concurrency is {limit}, "
                "use --max-log-requests to increase the limit"
            )
        text, failure = self._read_all(cluster, streams)
        return LogsResult(tuple(streams), text, notices, failure)

    def _pods(self, cluster: Cluster, ns: str) -> tuple[list[Obj], str]:
        """The pods a selector or a TYPE/NAME names, with the notice of the one picked."""
        if self.selector:
            sel = labels.parse_selector(self.selector)
            pods = [p for p in cluster.list("Pod", ns) if sel.matches(o.labels(p))]
            return pods, ("" if pods else f"No resources found in {ns} namespace.\n")
        try:
            k, obj = attach.lookup(cluster, ns, self.resource)
        except errors.NotFoundError as e:
            raise errors.MklError(
                f'error from server (NotFound): {e.message} in namespace "{ns}"'
            ) from None
        pods = [obj] if k.kind == "Pod" else attach.pods_for(cluster, k, obj, True)
        if not pods:
            raise errors.WaitTimeoutError()
        if len(pods) > 1 and not self.all_pods:
            return pods[:1], f"Found {len(pods)} pods, using pod/{o.name(pods[0])}\n"
        return pods, ""

    def _streams(self, cluster: Cluster) -> tuple[list[Stream], str]:
        ns = resources.current_namespace(cluster, self.namespace)
        pods, notices = self._pods(cluster, ns)
        out: list[Stream] = []
        for pod in pods:
            for c in self._containers(pod):
                if isinstance(c, str):
                    notices += c
                    continue
                tag = f"[pod/{o.name(pod)}/{c['name']}] " if self.render.prefix else ""
                out.append(Stream(o.namespace(pod), o.name(pod), o.uid(pod), c["name"], tag))
        return out, notices

    def _containers(self, pod: Obj) -> list[Obj | str]:
        """The containers of one pod to read (a str: the notice of the default one picked)."""
        if self.all_containers:
            spec = pod.get("spec", {})
            return [
                *(spec.get("initContainers") or ()),
                *(spec.get("containers") or ()),
                *(spec.get("ephemeralContainers") or ()),
            ]
        if self.container:
            c = attach.find_container(pod, self.container)
            if c is None:
                raise errors.MklError(
                    f"container {self.container} is not valid for pod {o.name(pod)}"
                )
            return [c]
        c, notice = attach.default_container(pod)
        return [notice, c] if notice and not self.all_pods else [c]

    def _read_all(
        self, cluster: Cluster, streams: list[Stream]
    ) -> tuple[str, errors.MklError | None]:
        """Each stream in turn; the first error stops the rest (--ignore-errors: print, go on)."""
        parts: list[str] = []
        for s in streams:
            try:
                parts.append(read(cluster, s, self.render))
            except errors.MklError as e:
                s.done = True
                if not self.ignore_errors:
                    return "".join(parts), e
                parts.append(f"error: {e.message}\n")
        return "".join(parts), None


def _since(value: str | None, command_path: str) -> float | None:
    """``--since``: a Go duration in seconds (a flag error when it does not parse)."""
    if not value:
        return None
    try:
        return clock.parse_duration(value)
    except ValueError as e:
        raise errors.UsageError(
            f'invalid argument "{value}" for "--since" flag: {e}',
            command_path,
            flag_error=True,
        ) from None


def _since_time(value: str | None) -> float | None:
    """``--since-time``: an RFC3339 time."""
    if not value:
        return None
    t = clock.parse_time(value)
    if t is None:
        raise errors.MklError(
            f'parsing time "{value}" as "2006-01-02T15:04:05Z07:00": cannot parse'
        )
    return t


def read(cluster: Cluster, s: Stream, opts: Options) -> str:
    """The log text of one stream (and remember what was shown, for -f)."""
    pod = cluster.get("Pod", s.namespace, s.pod)
    if pod is None or pod["metadata"].get("uid") != s.uid:
        s.done = True
        return ""
    inst = instance(pod, s.container, opts.previous)
    if inst is None:
        return ""
    if s.instance is None:
        s.instance = inst.index
    elif inst.index != s.instance:  # it ended and restarted between two looks: finish that one
        inst = _followed(pod, s)
        if inst is None:
            s.done = True
            return ""
    container = attach.find_container(pod, s.container) or {"name": s.container}
    entries = lines(cluster, pod, container, inst)
    s.done = inst.end is not None
    t0, n0 = s.seen
    new = [
        e for i, e in enumerate(entries) if e[0] > t0 or (e[0] == t0 and _rank(entries, i) >= n0)
    ]
    if entries:
        s.seen = (entries[-1][0], _rank(entries, len(entries) - 1) + 1)
    return render(new, opts, cluster.now, s.prefix)


def _followed(pod: Obj, s: Stream) -> Instance | None:
    """The instance a stream follows, once the container restarted (None: no longer listed)."""
    try:
        prev = instance(pod, s.container, True)
    except errors.MklError:
        return None
    return prev if prev is not None and prev.index == s.instance else None


def _rank(entries: list[tuple[float, str]], i: int) -> int:
    """How many entries before index i share its timestamp."""
    t = entries[i][0]
    return sum(1 for e in entries[:i] if e[0] == t)
