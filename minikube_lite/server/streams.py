"""``pods/P/exec`` and ``pods/P/attach`` over WebSocket (``v5.channel.k8s.io``, v4), onto the
simulated shell ``mkl exec`` runs (ops/sandbox/execute.py, sandbox/process.py).

Before the upgrade the pod and container are checked as the API server and kubelet check them
(404 NotFound, 400 BadRequest Status answers); after it, the process runs outside the profile
lock: each request it makes (curl, sleep) is one short look (:func:`opener`).  Output goes out on
channel 1 (stdout) and 2 (stderr; with a tty all on 1, ``\\n`` as ``\\r\\n`` as the pty's ONLCR
would), the end on channel 3: ``Success`` or ``Failure``/``NonZeroExitCode`` with the exit code
as the ``ExitCode`` cause, which kubectl prints as ``command terminated with exit code N``.

An interactive shell (``sh``, ``bash`` without ``-c``) reads its stdin line by line
(:class:`execute.Session`); with a tty the line is edited here as a terminal's cooked mode would
(echo, backspace, ^U, ^C: a new prompt, or stopping a running ``sleep``; ^D on an empty line
ends the shell).  Any other command gets its whole stdin once the client closes it.  Resize
messages are read and dropped (the simulated shell draws no screen).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Any

from minikube_lite import errors
from minikube_lite.ops import session
from minikube_lite.server import status, websocket
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.websocket import STDERR, STDIN, STDOUT, Channels

INTERRUPT, EOF = "\x03", "\x04"
UPGRADE_REQUIRED = "Upgrade request required"
FOLLOW_POLL = 0.5  # wall seconds between looks at a followed container


@contextlib.contextmanager
def opener(api: ApiServer, save: bool = True) -> Iterator[Any]:
    """One short cycle of the profile, serialised with this server's other threads."""
    with api.cycle_lock, session.open_cluster(api.profile, create=False, save=save) as cluster:
        yield cluster


def bad_request(message: str) -> Response:
    return Response.status(status.status(400, "BadRequest", message))


def upgrade(req: Request, protocols: tuple[str, ...]) -> Channels | Response:
    """Switch the connection to WebSocket with one of ``protocols``, or the 400 to answer."""
    if not websocket.is_upgrade(req.headers):
        return bad_request(UPGRADE_REQUIRED)
    why = websocket.handshake_error(req.headers)
    protocol = websocket.choose(req.headers, protocols)
    if why is None and protocol is None:
        why = f"unable to upgrade: no supported protocol in {websocket.offered(req.headers)}"
    if why is not None or protocol is None:
        return bad_request(why or UPGRADE_REQUIRED)
    websocket.accept(req.handler, protocol)
    handler = req.handler

    def write(data: bytes) -> None:
        handler.wfile.write(data)
        handler.wfile.flush()

    return Channels(websocket.WebSocket(handler.rfile.read, write), protocol)


def exit_status(code: int) -> dict[str, Any]:
    """What the kubelet sends on the error channel when the process ended."""
    if code == 0:
        return {"metadata": {}, "status": "Success"}
    return {
        "metadata": {},
        "status": "Failure",
        "message": f"command terminated with non-zero exit code: exit status {code}",
        "reason": "NonZeroExitCode",
        "details": {"causes": [{"reason": "ExitCode", "message": str(code)}]},
    }


def error_status(err: errors.MklError) -> dict[str, Any]:
    doc = status.status(500, "InternalError", err.message.removeprefix("error: "))
    doc.pop("kind"), doc.pop("apiVersion")
    return doc


class Terminal:
    """A pty's cooked mode for the raw keys a ``-t`` client sends: echo and whole lines."""

    def __init__(self) -> None:
        self.line = ""

    def feed(self, text: str) -> tuple[str, list[str]]:
        """(what to echo, the events: whole lines ending in ``\\n``, INTERRUPT or EOF)."""
        echo: list[str] = []
        events: list[str] = []
        for ch in text:
            if ch in "\r\n":
                echo.append("\r\n")
                events.append(self.line + "\n")
                self.line = ""
            elif ch == INTERRUPT:
                echo.append("^C\r\n")
                self.line = ""
                events.append(INTERRUPT)
            elif ch == EOF:
                if not self.line:
                    events.append(EOF)
            elif ch in "\x7f\x08":
                if self.line:
                    self.line = self.line[:-1]
                    echo.append("\b \b")
            elif ch == "\x15":  # ^U: erase the line
                echo.append("\b \b" * len(self.line))
                self.line = ""
            elif ch == "\t" or ch >= " ":
                self.line += ch
                echo.append(ch)
        return "".join(echo), events


class Pump:
    """Reads the client's messages on a thread: stdin pieces into a queue (None: stdin ended).

    While a line runs, a ^C from a tty client sets ``interrupted`` (the running sleep stops).
    """

    def __init__(self, ch: Channels, tty: bool) -> None:
        self.ch, self.tty = ch, tty
        self.stdin: queue.Queue[bytes | None] = queue.Queue()
        self.interrupted = threading.Event()
        self.busy = False
        self.gone = threading.Event()  # the socket ended
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        ended = False
        while True:
            msg = self.ch.next()
            if msg is None:
                break
            channel, data = msg
            if channel != STDIN or ended:
                continue  # resize (4) and anything else: nothing to draw
            if not data:
                ended = True
                self.stdin.put(None)
                continue
            if self.tty and self.busy and b"\x03" in data:
                self.interrupted.set()
                data = data.replace(b"\x03", b"")
            self.stdin.put(data)
        self.gone.set()
        self.interrupted.set()
        if not ended:
            self.stdin.put(None)

    def read_all(self, limit: int) -> str:
        parts: list[bytes] = []
        size = 0
        while (piece := self.stdin.get()) is not None:
            parts.append(piece)
            size += len(piece)
            if size > limit:
                break
        return b"".join(parts).decode("utf-8", "replace")

    def sleep(self, seconds: float) -> None:
        """The process's wall-clock wait; a ^C (or the client leaving) stops it."""
        if self.interrupted.wait(seconds):
            self.interrupted.clear()
            raise KeyboardInterrupt


class Output:
    """The process's output onto channels 1 and 2 (only those the client asked for)."""

    def __init__(self, ch: Channels, req: Request, tty: bool) -> None:
        self.ch, self.tty = ch, tty
        self.wanted = {STDOUT: req.flag("stdout"), STDERR: req.flag("stderr") and not tty}

    def __call__(self, fd: int, text: str) -> None:
        channel = STDOUT if self.tty else fd
        if not self.wanted.get(channel):
            return
        if self.tty:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        if text:
            self.ch.write(channel, text.encode())
