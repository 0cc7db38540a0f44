"""exec and attach: the process behind a ``v5.channel.k8s.io`` connection (see streams.py).

attach joins the container's main process as mkl models it: a shell started with ``stdin: true``
(``run -it --image=busybox -- sh``) is attached as an interactive shell, as ``run -it`` does; any
other main process has no stdin to feed, so attach streams what it prints (its log, as it grows)
until the container ends or the client leaves.
"""

from __future__ import annotations

import json
from typing import Any

from minikube_lite import errors
from minikube_lite.ops.sandbox import execute, podenv, runtime
from minikube_lite.sandbox import process, shell, shell_io
from minikube_lite.server import status, streams, websocket
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target

MUST_COMMAND = "you must specify at least one command for the container"


class Prepared:
    __slots__ = ("ctx", "ref")

    def __init__(self, ctx: Any, ref: podenv.PodRef) -> None:
        self.ctx, self.ref = ctx, ref


def _prepare(
    api: ApiServer, t: Target, container: str | None, tty: bool, pump: list[streams.Pump]
) -> Prepared | Response:
    """Under one short look: the pod's checks, then the process's view (its world looks later)."""

    def sleep(seconds: float) -> None:  # the process waits on the pump (its ^C stops it)
        if pump:
            pump[0].sleep(seconds)

    try:
        with streams.opener(api) as cluster:
            target = execute.prepare(cluster, t.namespace or "default", t.name or "", container)
            ref = podenv.ref_of(target.pod, target.container["name"])
            world = execute.LiveWorld(lambda: streams.opener(api), ref, sleep, cluster.now)
            ctx = podenv.context(cluster, target.pod, target.container, tty, world=world)
            return Prepared(ctx, ref)
    except errors.MklError as e:
        return Response.status(status.from_error(e))


def exec_(api: ApiServer, req: Request, t: Target) -> Response:
    command = list(req.query.get("command") or [])
    if not command:
        return streams.bad_request(MUST_COMMAND)
    return _connect(api, req, t, command)


def _connect(api: ApiServer, req: Request, t: Target, command: list[str] | None) -> Response:
    tty = req.flag("tty")
    pumps: list[streams.Pump] = []
    prepared = _prepare(api, t, req.param("container") or None, tty, pumps)
    if isinstance(prepared, Response):
        return prepared
    argv = command if command is not None else _main_process(api, prepared)
    ch = streams.upgrade(req, websocket.CHANNEL_PROTOCOLS)
    if isinstance(ch, Response):
        return ch
    pump = streams.Pump(ch, tty)
    pumps.append(pump)
    out = streams.Output(ch, req, tty)
    try:
        if argv is None:
            doc = _follow_output(api, prepared, out, pump)
        else:
            doc = streams.exit_status(_run(api, prepared, argv, req, out, pump))
    except errors.MklError as e:
        doc = streams.error_status(e)
    ch.write(websocket.ERROR, json.dumps(doc, separators=(",", ":")).encode())
    ch.ws.close()
    return Response.streamed()


def _run(
    api: ApiServer,
    p: Prepared,
    argv: list[str],
    req: Request,
    out: streams.Output,
    pump: streams.Pump,
) -> int:
    """The process to its end; its exit code."""
    if p.ctx.executable(argv[0]) is None:
        raise process.not_found_error(p.ctx, argv)
    stdin = req.flag("stdin")
    if stdin and process.is_interactive_shell(argv):
        return _shell(api, p, argv, out, pump)
    text = pump.read_all(shell_io.MAX_VALUE) if stdin else ""
    try:
        return int(process.run_command(p.ctx, argv, text, emit=out).code)
    except KeyboardInterrupt:
        return 130


def _shell(
    api: ApiServer, p: Prepared, argv: list[str], out: streams.Output, pump: streams.Pump
) -> int:
    """An interactive shell fed line by line from stdin (a prompt and cooked mode with a tty)."""
    ref = p.ref
    sess = execute.Session(
        ref.namespace,
        ref.name,
        ref.uid,
        ref.container,
        argv[0],
        shell.shell_dialect(p.ctx, argv[0]),
    )
    world = p.ctx.world
    term = streams.Terminal() if out.tty else None
    pending = ""
    if term:
        out(1, sess.prompt())
    while True:
        piece = pump.stdin.get()
        if piece is None:
            if term:
                out(1, "\n")
            return int(sess.status)
        text = piece.decode("utf-8", "replace")
        events: list[str]
        if term:
            echo, events = term.feed(text)
            out(1, echo)
        else:
            pending += text
            *events, pending = pending.split("\n")
            events = [e + "\n" for e in events]
        for event in events:
            done = _line(sess, world, event, out, pump)
            if done is not None:
                return done
        if term:
            out(1, sess.prompt())


def _line(
    sess: execute.Session, world: Any, line: str, out: streams.Output, pump: streams.Pump
) -> int | None:
    """One line of the shell (or ^C / ^D); the exit code once the shell ended."""
    if line == streams.INTERRUPT:
        sess.status = 130
        return None
    if line == streams.EOF:
        out(1, "\n")
        return int(sess.status)
    pump.busy = True
    pump.interrupted.clear()
    try:
        result, done = sess.run_line(world, line, out.tty, out)
    except KeyboardInterrupt:
        out(1, "^C\n")
        sess.status = 130
        return None
    finally:
        pump.busy = False
    return int(result.code) if done else None


def attach(api: ApiServer, req: Request, t: Target) -> Response:
    return _connect(api, req, t, None)


def _main_process(api: ApiServer, p: Prepared) -> list[str] | None:
    """argv to attach as a shell (stdin: true and a shell), or None: follow the output."""
    c = p.ctx.container
    if not c.get("stdin"):
        return None
    argv = list(c.get("command") or ()) + list(c.get("args") or ())
    if not c.get("command"):
        with streams.opener(api, save=False) as cluster:
            prof = runtime.profile_of(cluster, str(c.get("image", "")))
        if prof is not None:
            argv = list(prof.entrypoint) + (list(c.get("args") or ()) or list(prof.command or ()))
    return argv if process.is_interactive_shell(argv) else None


def _follow_output(
    api: ApiServer, p: Prepared, out: streams.Output, pump: streams.Pump
) -> dict[str, Any]:
    """What the main process prints, as it prints it, until it ends or the client leaves."""
    from minikube_lite.ops import logs

    ref = p.ref
    s = logs.Stream(ref.namespace, ref.name, ref.uid, ref.container, "")
    opts = logs.Options()
    while not pump.gone.is_set():
        with streams.opener(api) as cluster:
            text = logs.read(cluster, s, opts)
        if text:
            out(1, text)
        if s.done:
            break
        pump.gone.wait(streams.FOLLOW_POLL)
    return streams.exit_status(0)
