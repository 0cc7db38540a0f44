"""``exec``: parse, then ops.sandbox.execute.ExecOptions (complete, validate, run), then the
process, outside the lock (``exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session
from minikube_lite.ops.sandbox.execute import ExecOptions

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TTY_WARNING = "Unable to use a TTY - input is not a terminal or the right kind of file\n"


def _stdin_is_tty(inv: Invocation) -> bool:
    try:
        return bool(inv.io.stdin.isatty())
    except (AttributeError, ValueError):
        return False


def exec_(inv: Invocation) -> None:
    opts = ExecOptions.complete(inv, inv.parsed.dash_at, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    code = attach_process(inv, opts)
    if code:
        raise errors.ExecExitError(code)


def attach_process(inv: Invocation, opts: ExecOptions, notices: str = "") -> int:
    """Run ``opts.command`` in its container with this terminal's streams; its exit code.

    ``-it`` on a terminal with a shell: an interactive session (:func:`_interactive`); else
    the command once, stdin read first with ``-i``.  ``notices`` go to stderr once the
    container is found (``run``'s attach messages).
    """
    from minikube_lite.sandbox import process, shell_io

    command = list(opts.command)
    tty = opts.stdin and opts.tty and _stdin_is_tty(inv)
    if opts.stdin and opts.tty and not tty and not opts.quiet:
        inv.io.err(TTY_WARNING)
    if tty and process.is_interactive_shell(command):
        return _interactive(inv, opts, notices)
    # more than MAX_VALUE: out of memory
    stdin_text = inv.io.stdin.read(shell_io.MAX_VALUE + 1) if opts.stdin else ""
    ctx, notice = _prepare(inv, opts, tty)
    if ctx.executable(command[0]) is None:
        raise process.not_found_error(ctx, command)
    inv.io.err(notice + notices)
    try:
        with session.warm():  # each request re-reads only the segments that changed
            result = process.run_command(ctx, command, stdin_text, emit=_emitter(inv))
    except KeyboardInterrupt:
        raise errors.Interrupted() from None
    return int(result.code)


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


def _interactive(inv: Invocation, opts: ExecOptions, notices: str = "") -> int:
    """``exec -it POD -- sh``: a prompt, one short cluster lock per request, never while reading;
    returns the shell's exit code."""
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
    inv.io.err(notice + notices)
    return _repl(inv, sess, ref)


def _repl(inv: Invocation, sess: Any, ref: Any) -> int:
    from minikube_lite.ops.sandbox import execute

    emit = _emitter(inv)
    read, shows_ctl = _line_reader(inv)
    # the terminal's driver echoes ^C itself in cooked mode (ECHOCTL); else the shell writes it
    interrupted = "\n" if _echoes_ctl(inv) else "^C\n"
    while True:
        try:
            line = read(sess.prompt())
        except KeyboardInterrupt:
            inv.io.out(interrupted if shows_ctl else "^C\n")
            continue
        if not line:
            inv.io.out("\n")
            return int(sess.status)
        try:
            world = execute.live_world(inv.profile, ref, time.sleep)  # a fresh sleep bound
            result, done = sess.run_line(world, line, True, emit)
        except KeyboardInterrupt:  # Ctrl-C stops the running line, not the shell
            inv.io.out(interrupted)
            sess.status = 130
            continue
        if done:
            return int(result.code)


def _line_reader(inv: Invocation) -> tuple[Callable[[str], str], bool]:
    """(read(prompt) -> one line, "" at end of input; does the terminal show ^C by itself?).

    On the process's own terminal, Python's ``input()`` with readline gives line editing and
    history (arrows, Ctrl-R); readline draws the line itself, so ^C is the shell's to show.
    Otherwise the line is read as the terminal's cooked mode edits it (backspace, ^U, ^W).
    """
    import sys

    stdin = inv.io.stdin
    if stdin is sys.stdin and inv.io.stdout is sys.stdout and _stdin_is_tty(inv):
        try:
            import readline  # noqa: F401  (input() edits lines through it once imported)
        except ImportError:  # a Python built without it: the cooked mode below
            pass
        else:

            def edited(prompt: str) -> str:
                try:
                    return input(prompt) + "\n"
                except EOFError:
                    return ""

            return edited, False

    def cooked(prompt: str) -> str:
        inv.io.out(prompt)
        inv.io.flush()
        return str(stdin.readline())

    return cooked, True


def _echoes_ctl(inv: Invocation) -> bool:
    """Does stdin's terminal echo control characters (``^C``) itself (termios ECHOCTL)?"""
    try:
        import termios

        return bool(termios.tcgetattr(inv.io.stdin.fileno())[3] & termios.ECHOCTL)
    except (ImportError, AttributeError, ValueError, OSError):
        return False
