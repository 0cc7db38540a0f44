"""``exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`` over the simulated shell."""

from __future__ import annotations

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
        raise inv.usage_error("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead")
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
    from minikube_lite.ops import execute

    resource, command = _command(inv)
    want_stdin, want_tty = bool(inv.flag("stdin")), bool(inv.flag("tty"))
    tty = want_stdin and want_tty and _stdin_is_tty(inv)
    if want_stdin and want_tty and not tty and not inv.flag("quiet"):
        inv.io.err(TTY_WARNING)
    interactive = tty and execute.is_interactive_shell(command)
    stdin_text = inv.io.stdin.read() if want_stdin and not interactive else ""
    if interactive:
        _interactive(inv, resource, command)
        return
    result, notice = _run_once(inv, resource, command, stdin_text, tty)
    inv.io.err(notice)
    _write(inv, result.chunks)
    if result.code:
        raise errors.ExecExitError(result.code)


def _run_once(inv: Invocation, resource: str, command: list[str], stdin_text: str, tty: bool) -> tuple[Any, str]:
    from minikube_lite.ops import execute, podenv, resources

    with session.open_cluster(inv.profile) as cluster:
        ns = resources.current_namespace(cluster, inv.flag("namespace"))
        target = execute.prepare(cluster, ns, resource, inv.flag("container"), bool(inv.flag("quiet")))
        ctx = podenv.context(cluster, target.pod, target.container, tty)
        return execute.run_command(ctx, command, stdin_text), target.notice


def _write(inv: Invocation, chunks: list[tuple[int, str]]) -> None:
    for fd, text in chunks:
        if fd == 1:
            inv.io.out(text)
            inv.io.flush()
        else:
            inv.io.err(text)


def _interactive(inv: Invocation, resource: str, command: list[str]) -> None:
    """``exec -it POD -- sh``: a prompt, one short cluster lock per line, never while reading."""
    from minikube_lite.api import objects as o
    from minikube_lite.ops import execute, podenv, resources

    with session.open_cluster(inv.profile) as cluster:
        ns = resources.current_namespace(cluster, inv.flag("namespace"))
        target = execute.prepare(cluster, ns, resource, inv.flag("container"), bool(inv.flag("quiet")))
        ctx = podenv.context(cluster, target.pod, target.container, True)
        if ctx.executable(command[0]) is None:
            raise execute.not_found_error(ctx, command)
        sess = execute.Session(ns, o.name(target.pod), o.uid(target.pod), target.container["name"], command[0], podenv.shell_dialect(ctx, command[0]))
    inv.io.err(target.notice)
    code = _repl(inv, sess)
    if code:
        raise errors.ExecExitError(code)


def _repl(inv: Invocation, sess: Any) -> int:
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
        with session.open_cluster(inv.profile) as cluster:
            result, done = sess.run_line(cluster, line, True)
        _write(inv, result.chunks)
        if done:
            return int(result.code)
