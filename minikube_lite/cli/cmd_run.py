"""``run NAME --image=I [-- ARGS]`` (cmd/run/run.go, cmd/attach/attach.go): ops.run.RunOptions
(complete, validate, run), then print, or attach (``-i``, ``-t``, ``--attach``): wait for the
pod, attach the simulated shell or show what the container printed, remove the pod with
``--rm``, and exit with the container's code."""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite import clock, errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.cli import output
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import run as ops
from minikube_lite.ops import session, targets

FORMATS = ("", "name", "json", "yaml")
POLL = 0.25  # wall seconds between looks at a real clock's cluster while waiting for the pod
RECORDED = (
    "All commands and output from this session will be recorded in container logs, including "
    "credentials and sensitive information passed through the command prompt.\n"
    "If you don't see a command prompt, try pressing enter.\n"
)


class PodExitError(errors.MklError):
    """``pod NS/NAME terminated (Error)``: the exit code of the container (uexec.CodeExitError)."""

    def __init__(self, ns: str, name: str, reason: str, code: int) -> None:
        super().__init__(f"pod {ns}/{name} terminated ({reason})")
        self.exit_code = code

    def render(self) -> str:
        return self.message


def run(inv: Invocation) -> None:
    opts = ops.RunOptions.complete(inv, inv.parsed.dash_at, inv.change_cause())
    targets.raise_first(opts.validate())
    fmt = inv.flag("output") or ""
    if fmt not in FORMATS and not fmt.startswith(("go-template", "template")):
        raise errors.MklError(
            f'unable to match a printer suitable for the output format "{fmt}", allowed '
            "formats are: json,name,yaml"
        )
    with session.open_cluster(inv.profile) as cluster:
        created = opts.run(cluster)
    if not opts.attach:
        _print(inv, created, fmt, opts.dry_run)
        return
    if opts.expose:
        _print(inv, created[1:], fmt, opts.dry_run)
    _attached(inv, opts, created)


def _print(inv: Invocation, objs: list[Obj], fmt: str, dry_run: str) -> None:
    """kubectl's printer per object (output.emit puts ``---`` between YAML documents); a client
    dry run's JSON in the generator's (Go struct) field order."""
    for obj in objs:
        output.emit(inv, obj, "created", dry_run, typed=fmt == "json" and dry_run == "client")


def _attached(inv: Invocation, opts: ops.RunOptions, created: list[Obj]) -> None:
    """Attach, then (``--rm``) delete what run created, then the container's exit code."""
    pod = created[0]
    ns, name = o.namespace(pod), o.name(pod)
    try:
        code = _attach(inv, opts, ns, name)
    except KeyboardInterrupt:
        raise  # kubectl dies with the signal: --rm's deferred delete never runs
    except errors.MklError:
        if opts.remove:
            _remove(inv, opts, created)
        raise
    if opts.remove:
        _remove(inv, opts, created)
    if code:
        raise PodExitError(ns, name, "Error", code)


def _attach(inv: Invocation, opts: ops.RunOptions, ns: str, name: str) -> int:
    """handleAttachPod: wait until the pod runs (or has ended), then attach or read its logs."""
    pod = wait_for_pod(inv, ns, name, _running_or_done, opts)
    argv = _main_process(inv, pod)
    if _done(pod) or not opts.stdin or not argv or _is_server(argv):
        return _logs(inv, opts, ns, name, pod)
    from minikube_lite.cli import cmd_exec
    from minikube_lite.ops.sandbox.execute import ExecOptions

    exec_opts = ExecOptions(
        resource=name,
        command=tuple(argv),
        container=name,
        namespace=ns,
        stdin=True,
        tty=opts.tty,
        quiet=opts.quiet,
    )
    raw = opts.tty and cmd_exec._stdin_is_tty(inv)
    code = cmd_exec.attach_process(inv, exec_opts, "" if opts.quiet else RECORDED)
    if raw and not opts.quiet:
        inv.io.out(
            f"Session ended, resume using '{inv.prog} attach {name} -c {name} -n {ns} -i -t' "
            "command\n"
        )
    if not opts.waits_for_exit_code:
        return 0
    # OnFailure restarts a failed shell, whose stdin is then closed (stdinOnce): it exits 0
    return code if opts.restart_policy == "Never" else 0


def _logs(inv: Invocation, opts: ops.RunOptions, ns: str, name: str, pod: Obj) -> int:
    """The container's output (kubectl falls back to its logs once the pod has ended), then
    its exit code once it ends, as run waits for it (Never: any end, OnFailure: success)."""
    if not opts.quiet:
        inv.io.err(RECORDED)
    if opts.waits_for_exit_code:
        want = _done if opts.restart_policy == "Never" else _succeeded
        pod = wait_for_pod(inv, ns, name, want, opts)
    inv.io.out(_log_text(inv, ns, name))
    if not opts.waits_for_exit_code or pod.get("status", {}).get("phase") == "Succeeded":
        return 0
    term = _terminated(pod)
    code = int(term.get("exitCode", 0) or 0)
    if not code:
        raise errors.MklError(f"pod {ns}/{name} failed with unknown exit code")
    return code


def _log_text(inv: Invocation, ns: str, name: str) -> str:
    from minikube_lite.ops import logs

    with session.open_cluster(inv.profile, create=False) as cluster:
        pod = cluster.get("Pod", ns, name)
        if pod is None:
            return ""
        container = pod["spec"]["containers"][0]
        inst = logs.instance(pod, container["name"], False)
        entries = logs.lines(cluster, pod, container, inst) if inst else []
    return "".join(text + "\n" for _, text in entries)


def _remove(inv: Invocation, opts: ops.RunOptions, created: list[Obj]) -> None:
    with session.open_cluster(inv.profile, create=False) as cluster:
        lines = ops.remove(cluster, created)
    if not opts.quiet:
        inv.io.out("".join(lines))


# ----- waiting for the pod --------------------------------------------------------------------


def _phase(pod: Obj) -> str:
    return str(pod.get("status", {}).get("phase", ""))


def _done(pod: Obj) -> bool:
    return _phase(pod) in ("Succeeded", "Failed")


def _succeeded(pod: Obj) -> bool:
    return _phase(pod) == "Succeeded"


def _running_or_done(pod: Obj) -> bool:
    """podRunningAndReady, with a pod that already ended as its ErrPodCompleted."""
    if _done(pod):
        return True
    conds = pod.get("status", {}).get("conditions") or []
    ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in conds)
    return _phase(pod) == "Running" and ready


def _terminated(pod: Obj) -> Obj:
    statuses = pod.get("status", {}).get("containerStatuses") or [{}]
    term: Obj = (statuses[0].get("state") or {}).get("terminated") or {}
    return term


def wait_for_pod(
    inv: Invocation, ns: str, name: str, cond: Callable[[Obj], bool], opts: ops.RunOptions
) -> Obj:
    """waitForPod: look until ``cond(pod)``; a manual clock jumps from timer to timer, a real
    one is waited for.  ``--pod-running-timeout`` (simulated on a manual clock, wall time on a
    real one) ends it with kubectl's ``timed out waiting for the condition``."""
    from minikube_lite.controllers import loop

    timeout = opts.pod_running_timeout
    deadline = clock.monotonic() + timeout
    limit: float | None = None
    while True:
        with session.open_cluster(inv.profile, create=False) as cluster:
            pod = cluster.get("Pod", ns, name)
            if pod is None:
                raise errors.NotFoundError(f'pods "{name}" not found')
            if cond(pod):
                return o.deepcopy(pod)
            manual, speed = cluster.clock_state.manual, cluster.clock_state.speed or 1.0
            limit = cluster.now + timeout if limit is None else limit
            nxt = cluster.next_timer_at()
            if manual and (nxt is None or nxt > limit):
                raise errors.WaitTimeoutError()
            if manual and nxt is not None:
                loop.step(cluster, nxt)
                continue
            wait = POLL if nxt is None else min(POLL, max(0.0, (nxt - cluster.now) / speed))
        if clock.monotonic() >= deadline:
            raise errors.WaitTimeoutError()
        clock.sleep(wait)


def _main_process(inv: Invocation, pod: Obj) -> list[str]:
    """argv of the container's main process: command + args, else the image's own."""
    from minikube_lite.ops.sandbox import runtime

    c = pod["spec"]["containers"][0]
    command, args = list(c.get("command") or ()), list(c.get("args") or ())
    if command:
        return command + args
    with session.open_cluster(inv.profile, create=False) as cluster:
        prof = runtime.profile_of(cluster, str(c.get("image", "")))
    if prof is None:
        return args
    return list(prof.entrypoint) + (args or list(prof.command or ()))


def _is_server(argv: list[str]) -> bool:
    from minikube_lite.sandbox import runplan

    return runplan.is_server_command(argv)
