"""The dashboard's HTTP server and the watcher that keeps its state document current.

One watcher thread takes every look at the cluster: it polls the saved state's stamp
(``persist.version``, a ``stat`` of the manifest, and of the lesson file) every POLL wall
seconds and looks again when another command saved; on a real clock it also looks every TICK
wall seconds (sooner when a timer is due), and that look advances the simulation as any
command's does (``session.open_cluster``).
A manual clock is never moved: its looks do not advance.  The lock is held only for the look
itself (load, build the document); waiting happens without it.

Handler threads never touch the cluster: they serve the latest document (``Hub``) as JSON
(``/api/state``) or as server-sent events (``/api/events``: one ``state`` event per new document,
a comment line every KEEPALIVE seconds).  Every request must carry the dashboard's random token
(``?token=``); without it the answer is ``403 Forbidden``.  The page and its script are package
data (``static/``), served with a Content-Security-Policy that allows nothing from elsewhere.
"""

from __future__ import annotations

import hmac
import json
import secrets
import socket
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from minikube_lite import clock, errors
from minikube_lite.dashboard import state
from minikube_lite.ops import options, session
from minikube_lite.records import dataclass
from minikube_lite.store import persist

POLL = 0.2  # wall seconds between two looks at the state's stamp
TICK = 1.0  # wall seconds between two looks on a real clock when nothing is due sooner
MIN_TICK = 0.1  # a real clock's looks are at least this far apart
KEEPALIVE = 15.0  # wall seconds between two keep-alive comments on an idle event stream
FORBIDDEN = b"403 Forbidden: open the URL that mkl dashboard printed (it carries the token)\n"
STATIC = Path(__file__).with_name("static")
FILES = {"/static/app.js": "text/javascript", "/static/app.css": "text/css"}
HEADERS = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
)


def lesson_progress(cluster: Any, profile: str) -> Any:
    """The active lesson's progress for the page's lesson panel (``ops.lesson.progress``: the
    checks' results, the title and the current step); None: no lesson (panel hidden)."""
    from minikube_lite.ops import lesson

    return lesson.progress(cluster)


def version(profile: str) -> Any:
    """What must change for the page to need a new look: the stored state (``persist.version``)
    and the profile's lesson file (``lesson start`` / ``reset`` write only that)."""
    from minikube_lite.ops import lesson

    try:
        st = lesson.state_path(profile).stat()
        lesson_stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
    except OSError:
        lesson_stamp = None
    return persist.version(profile), lesson_stamp


class Hub:
    """The latest state document, numbered, and the event streams waiting for the next one."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.seq = 0
        self.body = b""
        self.closed = False
        self._last: Any = None

    def publish(self, doc: dict[str, Any], error: str | None = None) -> bool:
        """Store a new document (True) unless it equals the last one."""
        with self.cond:
            if (doc, error) == self._last:
                return False
            self._last = (doc, error)
            self.seq += 1
            payload = {"seq": self.seq, "error": error, **doc}
            self.body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
            self.cond.notify_all()
            return True

    def latest(self) -> tuple[int, bytes]:
        with self.cond:
            return self.seq, self.body

    def after(self, seq: int, timeout: float) -> tuple[int, bytes] | None:
        """The first document newer than ``seq``; None after ``timeout`` or once closed."""
        with self.cond:
            self.cond.wait_for(lambda: self.seq > seq or self.closed, timeout)
            if self.closed or self.seq <= seq:
                return None
            return self.seq, self.body

    def close(self) -> None:
        with self.cond:
            self.closed = True
            self.cond.notify_all()


class Watcher:
    """Takes the looks (see the module doc) and publishes what each one saw."""

    def __init__(
        self, profile: str, hub: Hub, lesson: Callable[[Any, str], Any] = lesson_progress
    ) -> None:
        self.profile, self.hub, self.lesson = profile, hub, lesson
        self.stamp: Any = None
        self.manual = True
        self.advance = False  # the first look learns the clock's mode without moving anything
        self.wait: float | None = None  # wall seconds to the next real-clock look

    def look(self, create: bool = False) -> None:
        """One locked look; raises MklError when the profile is gone or unreadable."""
        with session.open_cluster(self.profile, create=create, advance=self.advance) as cluster:
            self.stamp = version(self.profile)  # under the lock: the state just read
            doc = state.build(cluster, self.profile, self.lesson(cluster, self.profile))
            self.manual = cluster.clock_state.manual
            self.wait = None if self.manual else self._next_look(cluster)
        self.advance = not self.manual
        self.hub.publish(doc)

    @staticmethod
    def _next_look(cluster: Any) -> float:
        nxt, now = cluster.next_timer_at(), cluster.now
        speed = cluster.clock_state.speed or 1.0
        due = TICK if nxt is None else (nxt - now) / speed
        return max(MIN_TICK, min(TICK, due))

    def run(self, stop: threading.Event) -> None:
        """Look whenever the state changed or (real clock) the next look is due, until ``stop``."""
        due = clock.monotonic() + (self.wait if self.wait is not None else 0.0)
        with session.warm():  # each look re-reads only the segments another command rewrote
            while not stop.is_set():
                t = clock.monotonic()
                if version(self.profile) != self.stamp or (self.wait is not None and t >= due):
                    self._safe_look()
                    due = clock.monotonic() + (self.wait or 0.0)
                stop.wait(POLL if self.wait is None else max(0.0, min(POLL, due - t)))

    def _safe_look(self) -> None:
        try:
            self.look()
        except errors.MklError as e:  # deleted meanwhile, or unreadable: say so, keep watching
            self.stamp = version(self.profile)
            self.hub.publish(self.hub_doc(), error=e.message)

    def hub_doc(self) -> dict[str, Any]:
        """The last document without its numbering (shown under an error banner)."""
        _, body = self.hub.latest()
        doc = json.loads(body) if body else {}
        doc.pop("seq", None)
        doc.pop("error", None)
        return doc


def _page(name: str) -> bytes:
    return (STATIC / name).read_bytes()


class Handler(BaseHTTPRequestHandler):
    """The request handler: token check, then the page, its files, the state and its events.

    ``handler_class`` makes a subclass bound to one dashboard's token and hub.
    """

    server_version = "mkl-dashboard"
    timeout = 60.0  # a silent connection is closed (an event stream writes every KEEPALIVE)
    token = ""
    hub: Hub

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        given = (parse_qs(url.query).get("token") or [""])[0]
        if not self.token or not hmac.compare_digest(given.encode(), self.token.encode()):
            self._send(HTTPStatus.FORBIDDEN, FORBIDDEN, "text/plain")
        elif url.path == "/api/events":
            self._events()
        else:
            self._send(*self._answer(url.path))

    def _answer(self, path: str) -> tuple[HTTPStatus, bytes, str]:
        if path == "/":
            page = _page("index.html").replace(b"__TOKEN__", self.token.encode())
            return HTTPStatus.OK, page, "text/html"
        if path in FILES:
            return HTTPStatus.OK, _page(path.rsplit("/", 1)[1]), FILES[path]
        if path == "/api/state":
            return HTTPStatus.OK, self.hub.latest()[1], "application/json"
        return HTTPStatus.NOT_FOUND, b"404 Not Found\n", "text/plain"

    def do_HEAD(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"", "text/plain")

    def _send(self, code: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in HEADERS:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the latest document at once, then every newer one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        for k, v in HEADERS:
            self.send_header(k, v)
        self.end_headers()
        self.close_connection = True
        seq = _last_event_id(self.headers.get("Last-Event-ID"))
        while not self.hub.closed:
            got = self.hub.after(seq, KEEPALIVE)
            if got is None:
                chunk = b": keep-alive\n\n"
            else:
                seq, body = got
                chunk = b"id: %d\nevent: state\ndata: %s\n\n" % (seq, body)
            try:
                self.wfile.write(chunk)
                self.wfile.flush()
            except OSError:  # the page went away
                return


def handler_class(token: str, hub: Hub) -> type[Handler]:
    """``Handler`` bound to one dashboard's token and hub."""
    return type("DashboardHandler", (Handler,), {"token": token, "hub": hub})


def _last_event_id(text: str | None) -> int:
    """A reconnecting EventSource's last id: what it already has (0: nothing)."""
    try:
        return max(0, int(text or 0))
    except ValueError:
        return 0


def _server_class(family: int) -> type[ThreadingHTTPServer]:
    class Server(ThreadingHTTPServer):
        address_family = family
        daemon_threads = True

        def server_bind(self) -> None:
            if family == socket.AF_INET6:
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            import socketserver

            socketserver.TCPServer.server_bind(self)  # skip HTTPServer's reverse DNS lookup
            self.server_name = str(self.server_address[0])
            self.server_port = int(self.server_address[1])

        def handle_error(self, request: Any, client_address: Any) -> None:
            if isinstance(sys.exc_info()[1], OSError):
                return  # a browser that closed its connection
            super().handle_error(request, client_address)

    return Server


@dataclass(frozen=True, slots=True)
class DashboardOptions:
    """``dashboard [--port N] [--address IP] [--no-open] [--url]``."""

    port: int
    address: str
    open_browser: bool
    url_only: bool

    @classmethod
    def complete(cls, flags: options.Flags) -> DashboardOptions:
        port = flags.flag("port")
        return cls(
            port=0 if port is None else int(port),
            address=flags.flag("address") or "127.0.0.1",
            open_browser=not (flags.flag("no-open") or flags.flag("url")),
            url_only=bool(flags.flag("url")),
        )

    def validate(self) -> list[errors.MklError]:
        if not 0 <= self.port <= 65535:
            return [errors.MklError(f"invalid port {self.port}: must be between 0 and 65535")]
        return []


class Dashboard:
    """The server, its watcher and their threads; ``start()`` binds and takes the first look."""

    def __init__(
        self,
        profile: str | None,
        address: str = "127.0.0.1",
        port: int = 0,
        lesson: Callable[[Any, str], Any] = lesson_progress,
    ) -> None:
        self.profile = persist.profile_name(profile)
        self.address, self.port = address, port
        self.token = secrets.token_urlsafe(18)
        self.hub = Hub()
        self.watcher = Watcher(self.profile, self.hub, lesson)
        self.stop_event = threading.Event()
        self.threads: list[threading.Thread] = []
        self.httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{host}:{self.port}/?token={self.token}"

    def start(self) -> Dashboard:
        self.watcher.look(create=True)  # like any command: a missing profile is created
        family = socket.AF_INET6 if ":" in self.address else socket.AF_INET
        try:
            self.httpd = _server_class(family)(
                (self.address, self.port), handler_class(self.token, self.hub)
            )
        except OSError as e:
            why = (e.strerror or str(e)).lower()
            raise errors.MklError(f"unable to listen on {self.address}:{self.port}: {why}") from e
        self.port = int(self.httpd.server_address[1])
        self.threads = [
            threading.Thread(target=self.httpd.serve_forever, args=(0.2,), daemon=True),
            threading.Thread(target=self.watcher.run, args=(self.stop_event,), daemon=True),
        ]
        for t in self.threads:
            t.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.hub.close()
        if self.httpd is not None:
            if self.threads and self.threads[0].ident is not None:
                self.httpd.shutdown()
            self.httpd.server_close()
        for t in self.threads[1:]:
            t.join(timeout=5)

    def __enter__(self) -> Dashboard:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def can_open_browser(env: dict[str, str]) -> bool:
    """Whether ``webbrowser`` would reach a graphical browser rather than a terminal one.

    On Linux without a display it would start lynx or w3m in this terminal; $BROWSER wins.
    """
    if env.get("BROWSER"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True


def open_browser(url: str, env: dict[str, str]) -> bool:
    """Open ``url`` in the default browser (False: none could be started).

    ``webbrowser`` reads $BROWSER from the process environment, as xdg-open would.
    """
    if not can_open_browser(env):
        return False
    import webbrowser

    try:
        return webbrowser.open(url, new=2)
    except webbrowser.Error:
        return False
