"""``exec``: parse, then ops.sandbox.execute.ExecOptions (complete, validate, run), then the
process, outside the lock (``exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session
from minikube_lite.ops.sandbox.execute import ExecOptions

TTY_WARNING = "Unable to use a TTY - input is not a terminal or the right kind of file\n"


def _stdin_is_tty(inv: Invocation) -> bool:
    try:
        return bool(inv.io.stdin.isatty())
    except (AttributeError, ValueError):
        return False


def exec_(inv: Invocation) -> None:
    from minikube_lite.sandbox import process, shell_io

    opts = ExecOptions.complete(inv, inv.parsed.dash_at, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    command = list(opts.command)
    tty = opts.stdin and opts.tty and _stdin_is_tty(inv)
    if opts.stdin and opts.tty and not tty and not opts.quiet:
        inv.io.err(TTY_WARNING)
    interactive = tty and process.is_interactive_shell(command)
    if interactive:
        _interactive(inv, opts)
        return
    # more than MAX_VALUE: out of memory
    stdin_text = inv.io.stdin.read(shell_io.MAX_VALUE + 1) if opts.stdin else ""
    ctx, notice = _prepare(inv, opts, tty)
    if ctx.executable(command[0]) is None:
        raise process.not_found_error(ctx, command)
    inv.io.err(notice)
    try:
        with session.warm():  # each request re-reads only the segments that changed
            result = process.run_command(ctx, command, stdin_text, emit=_emitter(inv))
    except KeyboardInterrupt:
        raise errors.Interrupted() from None
    if result.code:
        raise errors.ExecExitError(result.code)


def _prepare(inv: Invocation, opts: ExecOptions, tty: bool) -> tuple[Any, str]:
    """Under one short lock: the pod and container, and the process's view of them.

    The process then runs without the lock: its world opens the profile for each request and
    waits on the wall clock (``time.sleep``) when a real clock's ``sleep`` takes time.
    """
    with session.open_cluster(inv.profile) as cluster:
        return opts.run(cluster, inv.profile, tty, time.sleep)


def _emitter(inv: Invocation) -> Callable[[int, str], None]:
    """Each piece of output goes to the terminal as the shell writes it."""

    def emit(fd: int, text: str) -> None:
        if fd == 1:
            inv.io.out(text)
            inv.io.flush()
        else:
            inv.io.err(text)

    return emit


def _interactive(inv: Invocation, opts: ExecOptions) -> None:
    """``exec -it POD -- sh``: a prompt, one short cluster lock per request, never while reading."""
    from minikube_lite.ops.sandbox import execute, podenv
    from minikube_lite.sandbox import process, shell

    command = list(opts.command)
    ctx, notice = _prepare(inv, opts, True)
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
