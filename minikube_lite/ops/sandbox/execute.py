"""``exec``: the checks kubectl, the API server and the kubelet make, and the live world.

``prepare()`` picks pod and container and raises the errors a real cluster gives (completed pod,
unknown container, container not running); the process itself runs in the sandbox
(``sandbox/process.py run_command``); :class:`Session` keeps one interactive shell (``exec -it POD
-- sh``) alive across lines.

The process runs outside the profile lock.  :class:`LiveWorld` is how it reaches the cluster:
every request (curl, wget, nslookup) is one short ``open_cluster`` (lock, load, advance to now,
answer, save if changed), and ``sleep`` takes simulated time: on a real clock it waits in wall
time (simulated seconds / speed, looking at the cluster every ``WAIT_SLICE``), on a manual clock
it moves the clock on as ``mkl clock advance`` does, under one short lock, at most
``MANUAL_SLEEP_LIMIT`` per exec.  When the container stops (pod deleted, container restarted) the
process dies with it: exit code 137.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from minikube_lite import clock, errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import options, resources
from minikube_lite.ops.sandbox import attach, podenv, runtime
from minikube_lite.ops.sandbox.world import Here, World
from minikube_lite.records import dataclass, field
from minikube_lite.sandbox import simfs
from minikube_lite.sandbox.context import ContainerGone, ExecContext
from minikube_lite.sandbox.process import GONE_EXIT, ExecResult, guarded
from minikube_lite.sandbox.shell import Shell, ShellExit, shell_dialect
from minikube_lite.sandbox.shell_io import Chunks, Emit, LoopLimit, Streams, collector
from minikube_lite.store.cluster import Cluster

MANUAL_SLEEP_LIMIT = 86_400.0  # simulated seconds one exec may sleep on a manual clock
WAIT_SLICE = 0.5  # wall seconds between looks at the cluster while a real clock sleeps


NOT_SUPPORTED = "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead"


@dataclass(frozen=True, slots=True)
class ExecOptions:
    """Port of ExecOptions after Complete (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go)."""

    resource: str
    command: tuple[str, ...]
    container: str | None
    namespace: str | None
    stdin: bool
    tty: bool
    quiet: bool

    @classmethod
    def complete(cls, flags: options.Flags, dash_at: int, command_path: str) -> ExecOptions:
        """POD then ``--`` then the command (``dash_at``: where ``--`` was, -1 if nowhere)."""
        args = flags.args
        if dash_at > -1:
            command = args[dash_at:]
        elif len(args) > 1:
            raise errors.UsageError(NOT_SUPPORTED, command_path)
        else:
            command = []
        return cls(
            resource=args[0] if args and dash_at != 0 else "",
            command=tuple(command),
            container=flags.flag("container"),
            namespace=flags.flag("namespace"),
            stdin=bool(flags.flag("stdin")),
            tty=bool(flags.flag("tty")),
            quiet=bool(flags.flag("quiet")),
        )

    def validate(self) -> list[errors.MklError]:
        """Port of ExecOptions.Validate."""
        errs: list[errors.MklError] = []
        if not self.resource:
            errs.append(errors.MklError("pod, type/name or --filename must be specified"))
        if not self.command:
            errs.append(errors.MklError("you must specify at least one command for the container"))
        return errs

    def run(
        self,
        cluster: Cluster,
        profile: str | None,
        tty: bool,
        wall_sleep: Callable[[float], None],
    ) -> tuple[ExecContext, str]:
        """Under the cli's one short lock: the process's view of its pod and container, and the
        "Defaulted container" notice.  The process then runs without the lock, in ``profile``."""
        ns = resources.current_namespace(cluster, self.namespace)
        target = prepare(cluster, ns, self.resource, self.container, self.quiet)
        ref = podenv.ref_of(target.pod, target.container["name"])
        world = live_world(profile, ref, wall_sleep, cluster.now)
        ctx = podenv.context(cluster, target.pod, target.container, tty, world=world)
        return ctx, target.notice


@dataclass
class Target:
    pod: Obj
    container: Obj
    notice: str  # "Defaulted container ..." for stderr, or ""


def prepare(
    cluster: Cluster, ns: str, arg: str, container: str | None, quiet: bool = False
) -> Target:
    """Pod and container for ``exec`` with the errors of kubectl, the API server and the kubelet."""
    pod, _ = attach.pod_for(cluster, ns, arg)
    phase = pod.get("status", {}).get("phase")
    if phase in ("Succeeded", "Failed"):
        raise errors.MklError(
            f"cannot exec into a container in a completed pod; current phase is {phase}"
        )
    notice = ""
    if container:
        c = attach.find_container(pod, container)
        if c is None:
            raise errors.BadRequestError(
                f"container {container} is not valid for pod {o.name(pod)}"
            )
    else:
        c, notice = attach.default_container(pod)
        notice = "" if quiet else notice
    if not pod.get("spec", {}).get("nodeName"):
        raise errors.BadRequestError(f"pod {o.name(pod)} does not have a host assigned")
    check_running(pod, c["name"])
    return Target(pod, c, notice)


def check_running(pod: Obj, name: str) -> None:
    """The kubelet's answer when the container has no running process."""
    state = runtime.container_status(pod, name).get("state") or {}
    if "running" in state:
        return
    if "terminated" in state or runtime.container_status(pod, name).get("lastState", {}).get(
        "terminated"
    ):
        raise errors.MklError(
            "Internal error occurred: error executing command in container: "
            "failed to exec in container: "
            "container is in CONTAINER_EXITED state"
        )
    raise errors.MklError(f'unable to upgrade connection: container not found ("{name}")')


class LiveWorld:
    """A profile's cluster as it is now, for one exec'd process (world.World).

    ``opener()`` opens the profile for one short load-advance-act-save cycle (``open_cluster``);
    ``wall_sleep(seconds)`` waits on the wall clock (the CLI passes ``time.sleep``, tests a fake).
    """

    def __init__(
        self,
        opener: Callable[[], AbstractContextManager[Cluster]],
        ref: podenv.PodRef,
        wall_sleep: Callable[[float], None],
        now: float = 0.0,
    ) -> None:
        self.opener, self.ref, self.wall_sleep, self.now = opener, ref, wall_sleep, now
        self.manual_slept = 0.0

    @contextlib.contextmanager
    def look(self) -> Iterator[Here]:
        with self.opener() as cluster:
            pod = podenv.alive(cluster, self.ref)
            if pod is None:
                raise ContainerGone()
            self.now = cluster.now
            yield Here(cluster, pod)

    def sleep(self, seconds: float) -> bool:
        """A manual clock moves on now (False); a real one is waited for (True)."""
        if not seconds > 0:
            return False
        with self.look() as here:
            c = here.cluster.clock_state
            manual = c.manual
            speed = c.speed or 1.0
            died = manual and self._advance(here.cluster, seconds)
        if died:
            raise ContainerGone()
        if manual:
            return False
        deadline = self.now + seconds
        while self.now < deadline:
            self.wall_sleep(min((deadline - self.now) / speed, WAIT_SLICE))
            with self.look():  # the cluster moves on (and the container may stop) meanwhile
                pass
        return True

    def _advance(self, cluster: Cluster, seconds: float) -> bool:
        """Move a manual clock by ``seconds`` timer by timer; True: the container died meanwhile."""
        from minikube_lite.controllers import loop

        if self.manual_slept + seconds > MANUAL_SLEEP_LIMIT:
            raise LoopLimit(
                f"it would sleep more than {clock.go_duration(MANUAL_SLEEP_LIMIT)} "
                "on a manual clock"
            )
        self.manual_slept += seconds
        target = cluster.now + seconds
        cluster.dirty = True
        died = False
        while not died and loop.step(cluster, target):
            died = podenv.alive(cluster, self.ref) is None
        if not died:
            loop.advance_to(cluster, target)
        self.now = cluster.now
        return died


def live_world(
    profile: str | None, ref: podenv.PodRef, wall_sleep: Callable[[float], None], now: float = 0.0
) -> LiveWorld:
    """The world of an exec'd process in ``profile``: each look is its own ``open_cluster``."""
    from minikube_lite.ops import session

    return LiveWorld(lambda: session.open_cluster(profile, create=False), ref, wall_sleep, now)


@dataclass
class Session:
    """An interactive shell kept across lines (vars, cwd and /tmp files survive between lines)."""

    namespace: str
    pod: str
    uid: str
    container: str
    argv0: str
    dialect: str = "ash"
    vars: dict[str, str] = field(default_factory=dict)
    fs: simfs.SimFS | None = None
    status: int = 0
    started: bool = False

    def prompt(self) -> str:
        cwd = self.fs.cwd if self.fs else "/"
        if self.dialect == "bash":
            return f"root@{self.pod[:63]}:{'~' if cwd == '/root' else cwd}# "
        return f"{cwd} # " if self.dialect == "ash" else "# "

    def run_line(
        self, world: World, line: str, tty: bool, emit: Emit | None = None
    ) -> tuple[ExecResult, bool]:
        """Run one line; returns (exit status, shell exited).  Output goes to ``emit`` at once."""
        try:
            with world.look() as here:
                container = attach.find_container(here.pod, self.container) or {
                    "name": self.container
                }
                ctx = podenv.context(
                    here.cluster, here.pod, container, tty, fs=self.fs, world=world
                )
        except ContainerGone:
            return ExecResult(GONE_EXIT, []), True
        if not self.started:
            self.fs, self.vars, self.started = ctx.fs, dict(ctx.env), True
            self.dialect = shell_dialect(ctx, self.argv0)
        chunks: list[tuple[int, str]] = []
        emit = emit or collector(chunks)
        io = Streams(Chunks(emit, 1, ctx.budget), Chunks(emit, 1 if tty else 2, ctx.budget), "")
        sh = Shell(ctx, self.argv0, self.dialect, self.vars, status=self.status, interactive=True)
        exited: list[int] = []

        def body() -> int:
            try:
                return sh.run_script(line, io)
            except ShellExit as e:
                exited.append(e.code)
            except ContainerGone:
                exited.append(GONE_EXIT)
            return exited[0]

        status = guarded(sh, body, lambda text: emit(1 if tty else 2, text))
        if exited:
            return ExecResult(status, chunks), True
        self.status = status
        self.vars = sh.vars
        return ExecResult(self.status, chunks), False
