"""``exec``: checks kubectl, the API server and the kubelet make, then the simulated process.

``prepare()`` picks pod and container and raises the errors a real cluster gives (completed pod,
unknown container, container not running); ``run_command()`` runs ``argv`` as the container
runtime would exec it (no shell unless argv[0] is one); :class:`Session` keeps one interactive
shell (``exec -it POD -- sh``) alive across lines, each line under its own short cluster lock.
"""

from __future__ import annotations

import hashlib
import posixpath
from typing import Any

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.ops import attach, podenv, simfs
from minikube_lite.ops.shell import SHELLS, Chunks, LoopLimit, Shell, ShellExit, Streams
from minikube_lite.records import dataclass, field
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]
LOOP_EXIT = 124


@dataclass
class ExecResult:
    code: int
    chunks: list[tuple[int, str]]


@dataclass
class Target:
    pod: Obj
    container: Obj
    notice: str  # "Defaulted container ..." for stderr, or ""


def prepare(cluster: Cluster, ns: str, arg: str, container: str | None, quiet: bool = False) -> Target:
    """Pod and container for ``exec`` with the errors of kubectl, the API server and the kubelet."""
    pod, _ = attach.pod_for(cluster, ns, arg)
    phase = pod.get("status", {}).get("phase")
    if phase in ("Succeeded", "Failed"):
        raise errors.MklError(f"cannot exec into a container in a completed pod; current phase is {phase}")
    notice = ""
    if container:
        c = attach.find_container(pod, container)
        if c is None:
            raise errors.BadRequestError(f"container {container} is not valid for pod {o.name(pod)}")
    else:
        c, notice = attach.default_container(pod)
        notice = "" if quiet else notice
    if not pod.get("spec", {}).get("nodeName"):
        raise errors.BadRequestError(f"pod {o.name(pod)} does not have a host assigned")
    check_running(pod, c["name"])
    return Target(pod, c, notice)


def check_running(pod: Obj, name: str) -> None:
    """The kubelet's answer when the container has no running process."""
    state = podenv.container_status(pod, name).get("state") or {}
    if "running" in state:
        return
    if "terminated" in state or podenv.container_status(pod, name).get("lastState", {}).get("terminated"):
        raise errors.MklError(
            "Internal error occurred: error executing command in container: failed to exec in container: "
            "container is in CONTAINER_EXITED state"
        )
    raise errors.MklError(f'unable to upgrade connection: container not found ("{name}")')


def exec_id(pod: Obj, now: float, argv: list[str]) -> str:
    return hashlib.sha256(f"{o.uid(pod)}|{now}|{argv}".encode()).hexdigest()


def not_found_error(ctx: podenv.ExecContext, argv: list[str]) -> errors.MklError:
    """containerd's answer for a missing executable; kubectl prints it and exits 1."""
    arg0 = argv[0]
    if "/" in arg0:
        why = f'exec: "{arg0}": stat {arg0}: no such file or directory: unknown'
    else:
        why = f'exec: "{arg0}": executable file not found in $PATH: unknown'
    return errors.MklError(
        "Internal error occurred: error executing command in container: failed to exec in container: "
        f'failed to start exec "{exec_id(ctx.pod, ctx.now, argv)}": OCI runtime exec failed: exec failed: '
        f"unable to start container process: {why}"
    )


def run_command(ctx: podenv.ExecContext, argv: list[str], stdin: str = "") -> ExecResult:
    """Run ``argv`` as the runtime execs it: argv[0] must be an executable of the image."""
    fn = ctx.executable(argv[0])
    if fn is None:
        raise not_found_error(ctx, argv)
    chunks: list[tuple[int, str]] = []
    io = Streams(Chunks(chunks, 1), Chunks(chunks, 1 if ctx.tty else 2), stdin)
    sh = Shell(ctx, argv[0], podenv.shell_dialect(ctx, argv[0]), dict(ctx.env))
    try:
        code = fn(sh, list(argv), io)
    except ShellExit as e:
        code = e.code
    except LoopLimit as e:
        io.err.write(f"minikube-lite: the simulated shell stopped this command ({e}); it never runs forever\n")
        code = LOOP_EXIT
    return ExecResult(code, chunks)


def run_shell(sh: Shell, argv: list[str], io: Streams) -> int:
    """``sh``/``bash`` as a program: ``-c SCRIPT [NAME [ARGS]]``, ``sh FILE``, or a script on stdin."""
    name = argv[0]
    args = argv[1:]
    child = sh.child(name, podenv.shell_dialect(sh.ctx, name))
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] not in ("-", "--"):
        opt = args[i]
        i += 1
        if "c" in opt[1:]:
            if i >= len(args):
                io.err.write(_needs_arg(child))
                return 2
            rest = args[i + 1 :]
            child.name = rest[0] if rest else name
            child.positional = rest[1:]
            return child.run_script(args[i], io)
    if i < len(args) and args[i] == "--":
        i += 1
    if i < len(args):
        return _run_file(child, args[i], args[i + 1 :], io)
    return child.run_script(io.stdin, io)


def _needs_arg(sh: Shell) -> str:
    if sh.dialect == "bash":
        return f"{sh.name}: -c: option requires an argument\n"
    if sh.dialect == "dash":
        return f"{sh.name}: 0: -c requires an argument\n"
    return f"{sh.name}: -c requires an argument\n"


def _run_file(sh: Shell, path: str, args: list[str], io: Streams) -> int:
    try:
        text = sh.fs.read(path)
    except simfs.FsError as e:
        if sh.dialect == "bash":
            io.err.write(f"{sh.name}: {path}: {e.reason}\n")
            return 127
        io.err.write(f"{sh.name}: 0: cannot open {path}: No such file\n" if sh.dialect == "dash" else f"{sh.name}: can't open '{path}': {e.reason}\n")
        return 2
    sh.positional = args
    return sh.run_script(text, io)


def is_interactive_shell(argv: list[str]) -> bool:
    """``sh``, ``bash -il``, ``/bin/sh``: a shell that would read commands from stdin."""
    if not argv or posixpath.basename(argv[0]) not in SHELLS:
        return False
    rest = argv[1:]
    return all(a.startswith("-") and "c" not in a[1:] for a in rest)


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

    def run_line(self, cluster: Cluster, line: str, tty: bool) -> tuple[ExecResult, bool]:
        """Run one line; returns (output, shell exited)."""
        pod = cluster.get("Pod", self.namespace, self.pod)
        if pod is None or o.uid(pod) != self.uid or "running" not in (podenv.container_status(pod, self.container).get("state") or {}):
            return ExecResult(137, []), True
        container = attach.find_container(pod, self.container) or {"name": self.container}
        ctx = podenv.context(cluster, pod, container, tty, fs=self.fs)
        if not self.started:
            self.fs, self.vars, self.started = ctx.fs, dict(ctx.env), True
            self.dialect = podenv.shell_dialect(ctx, self.argv0)
        chunks: list[tuple[int, str]] = []
        io = Streams(Chunks(chunks, 1), Chunks(chunks, 1 if tty else 2), "")
        sh = Shell(ctx, self.argv0, self.dialect, self.vars, status=self.status, interactive=True)
        try:
            self.status = sh.run_script(line, io)
        except ShellExit as e:
            return ExecResult(e.code, chunks), True
        except LoopLimit as e:
            io.err.write(f"minikube-lite: the simulated shell stopped this command ({e}); it never runs forever\n")
            self.status = LOOP_EXIT
        self.vars = sh.vars
        return ExecResult(self.status, chunks), False
