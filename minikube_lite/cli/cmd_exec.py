"""``exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`` over the simulated shell."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session

TTY_WARNING = "Unable to use a TTY - input is not a terminal or the right kind of file\n"


def _command(inv: Invocation) -> tuple[str, list[str]]:
    """kubectl exec's Complete/Validate (1.34): POD then ``--`` then the command."""
    args, dash = inv.args, inv.parsed.dash_at
    resource = args[0] if args and dash != 0 else ""
    if dash > -1:
        command = args[dash:]
    elif len(args) > 1:
        raise inv.usage_error(
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead"
        )
    else:
        command = []
    if not resource:
        raise errors.MklError("pod, type/name or --filename must be specified")
    if not command:
        raise errors.MklError("you must specify at least one command for the container")
    return resource, command


def _stdin_is_tty(inv: Invocation) -> bool:
    try:
        return bool(inv.io.stdin.isatty())
    except (AttributeError, ValueError):
        return False


def exec_(inv: Invocation) -> None:
    from minikube_lite.sandbox import process, shell_io

    resource, command = _command(inv)
    want_stdin, want_tty = bool(inv.flag("stdin")), bool(inv.flag("tty"))
    tty = want_stdin and want_tty and _stdin_is_tty(inv)
    if want_stdin and want_tty and not tty and not inv.flag("quiet"):
        inv.io.err(TTY_WARNING)
    interactive = tty and process.is_interactive_shell(command)
    if interactive:
        _interactive(inv, resource, command)
        return
    stdin_text = (
        inv.io.stdin.read(shell_io.MAX_VALUE + 1) if want_stdin else ""
    )  # more: out of memory
    ctx, notice = _prepare(inv, resource, tty)
    if ctx.executable(command[0]) is None:
        raise process.not_found_error(ctx, command)
    inv.io.err(notice)
    try:
        result = process.run_command(ctx, command, stdin_text, emit=_emitter(inv))
    except KeyboardInterrupt:
        raise errors.Interrupted() from None
    if result.code:
        raise errors.ExecExitError(result.code)


def _prepare(inv: Invocation, resource: str, tty: bool) -> tuple[Any, str]:
    """Under one short lock: the pod and container, and the process's view of them.

    The process then runs without the lock: its world opens the profile for each request and
    waits on the wall clock (``time.sleep``) when a real clock's ``sleep`` takes time.
    """
    from minikube_lite.ops import resources
    from minikube_lite.ops.sandbox import execute, podenv

    with session.open_cluster(inv.profile) as cluster:
        ns = resources.current_namespace(cluster, inv.flag("namespace"))
        target = execute.prepare(
            cluster, ns, resource, inv.flag("container"), bool(inv.flag("quiet"))
        )
        world = execute.live_world(
            inv.profile,
            podenv.ref_of(target.pod, target.container["name"]),
            time.sleep,
            cluster.now,
        )
        return podenv.context(
            cluster, target.pod, target.container, tty, world=world
        ), target.notice


def _emitter(inv: Invocation) -> Callable[[int, str], None]:
    """Each piece of output goes to the terminal as the shell writes it."""

    def emit(fd: int, text: str) -> None:
        if fd == 1:
            inv.io.out(text)
            inv.io.flush()
        else:
            inv.io.err(text)

    return emit


def _interactive(inv: Invocation, resource: str, command: list[str]) -> None:
    """``exec -it POD -- sh``: a prompt, one short cluster lock per request, never while reading."""
    from minikube_lite.ops.sandbox import execute, podenv
    from minikube_lite.sandbox import process, shell

    ctx, notice = _prepare(inv, resource, True)
    if ctx.executable(command[0]) is None:
        raise process.not_found_error(ctx, command)
    ref = podenv.ref_of(ctx.pod, ctx.container["name"])
    sess = execute.Session(
        ref.namespace,
        ref.name,
        ref.uid,
        ref.container,
        command[0],
        shell.shell_dialect(ctx, command[0]),
    )
    inv.io.err(notice)
    code = _repl(inv, sess, ref)
    if code:
        raise errors.ExecExitError(code)


def _repl(inv: Invocation, sess: Any, ref: Any) -> int:
    from minikube_lite.ops.sandbox import execute

    emit = _emitter(inv)
    while True:
        inv.io.out(sess.prompt())
        inv.io.flush()
        try:
            line = inv.io.stdin.readline()
        except KeyboardInterrupt:
            inv.io.out("^C\n")
            continue
        if not line:
            inv.io.out("\n")
            return int(sess.status)
        world = execute.live_world(
            inv.profile, ref, time.sleep
        )  # a fresh bound on sleeping per line
        try:
            result, done = sess.run_line(world, line, True, emit)
        except KeyboardInterrupt:  # Ctrl-C stops the running line, not the shell
            inv.io.out("^C\n")
            sess.status = 130
            continue
        if done:
            return int(result.code)
