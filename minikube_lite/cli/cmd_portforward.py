"""``port-forward TYPE/NAME [ADDR:][LOCAL:]REMOTE ...``: a real HTTP listener on loopback.

The forward is tied to one pod (ops/forward.py).  Each request takes the cluster lock only for
its own load-advance-answer cycle; nothing is saved unless the cluster really changed (a real
clock's timers ran, or a logging image such as nginx wrote an access-log line).  Listening,
waiting and writing happen without the lock.  Listeners bind 127.0.0.1 and ::1 (kubectl's
``localhost``) unless ``--address`` says otherwise; ``http.server`` is imported only here.

The listener is meant to survive any client: a malformed or negative ``Content-Length`` gets
``400 Bad Request`` (Go net/http's plain reply) and the connection is closed, request bodies are
read up to MAX_BODY, every accepted connection has a socket timeout (``MKL_FORWARD_TIMEOUT``
seconds, default TIMEOUT) so an idle client cannot hold a thread, and a client that disconnects
early is forgotten silently.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import forward, session
from minikube_lite.ops.sandbox import traffic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from http.server import BaseHTTPRequestHandler
    from typing import Any

TIMEOUT = 60.0  # seconds an accepted connection may stay silent (nginx's client_header_timeout)
TIMEOUT_ENV = "MKL_FORWARD_TIMEOUT"
MAX_BODY = 1 << 20  # request bodies are read (and dropped) up to this size; larger ones get 413
POLL = 0.5  # wall seconds between looks at the stop flag (keeps Ctrl-C responsive)


class Forwarder:
    """Shared by the listener threads: prints kubectl's lines, answers requests."""

    def __init__(
        self,
        inv: Invocation,
        fwd: forward.Forward,
        chatty: bool = True,
        balancer: forward.Balancer | None = None,
    ) -> None:
        self.inv, self.fwd, self.chatty, self.balancer = inv, fwd, chatty, balancer
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.lost = False
        self.pending: list[str] = []  # "Forwarding from" lines, printed once serving

    def out(self, text: str) -> None:
        with self.lock:
            self.inv.io.out(text)
            self.inv.io.flush()

    def err(self, text: str) -> None:
        with self.lock:
            self.inv.io.err(text)

    def answer(
        self,
        conn: Any,
        port: forward.Port,
        method: str,
        path: str,
        agent: str,
        headers: tuple[tuple[str, str], ...] | None = None,
    ) -> traffic.Response | None:
        """One request on connection ``conn`` (its ``backend`` is chosen on the first request)."""
        if self.stop.is_set():
            return None
        try:
            with session.open_cluster(self.inv.profile, create=False) as cluster:
                if conn.backend is None:
                    conn.backend = forward.connect(cluster, self.fwd, port, self.balancer)
                return forward.answer(cluster, self.fwd, conn.backend, method, path, agent, headers)
        except forward.Refused as e:
            self.refused(port, e.message)
        except errors.MklError as e:  # the profile is gone or its state file unreadable
            self.refused(port, e.message)
        return None

    def refused(self, port: forward.Port, message: str) -> None:
        """client-go: log the error stream's message, close the stream connection (forward ends)."""
        if self.fwd.tunnel:
            return  # a refused TCP connection to the Service; the tunnel goes on
        with self.lock:
            if self.lost:
                return
            self.lost = True
        self.err(klog("An error occurred forwarding", message, port))
        self.stop.set()


def klog(msg: str, err: str, port: forward.Port) -> str:
    """The klog line client-go's runtime.HandleErrorWithLogger prints (kubectl 1.37)."""
    now = time.time()
    stamp = time.strftime("%m%d %H:%M:%S", time.localtime(now)) + f".{int((now % 1) * 1e6):06d}"
    quoted = err.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return (
        f'E{stamp} {os.getpid():>7} portforward.go:539] "{msg}" err="{quoted}" '
        f"localPort={port.local} remotePort={port.remote}\n"
    )


def idle_timeout() -> float | None:
    """Seconds of silence after which an accepted connection is closed (MKL_FORWARD_TIMEOUT)."""
    try:
        value = float(os.environ.get(TIMEOUT_ENV, "") or TIMEOUT)
    except ValueError:
        return TIMEOUT
    return value if value > 0 else None


def _handler(fw: Forwarder, port: forward.Port) -> type:
    """The request handler class of one listener: thin methods over the named steps below."""
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = idle_timeout()  # StreamRequestHandler.setup() sets it on every accepted socket

        def setup(self) -> None:
            super().setup()
            self.backend: forward.Backend | None = None
            if fw.chatty:
                fw.out(f"Handling connection for {port.local}\n")

        def log_message(self, format: str, *args: Any) -> None:
            return

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            _plain_error(self, code)

        def _serve(self) -> None:
            if _read_body(self):
                _reply(self, fw.answer(self, port, *_request(self)))

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _serve

    return Handler


def _request(
    h: BaseHTTPRequestHandler,
) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
    """(method, path, User-Agent, every header as sent) of the request being served."""
    return h.command, h.path, h.headers.get("User-Agent", ""), tuple(h.headers.items())


def _plain_error(h: BaseHTTPRequestHandler, code: int) -> None:
    """Go net/http's reply to a request it cannot parse: plain text, then close."""
    from http import HTTPStatus

    text = f"{int(code)} {HTTPStatus(code).phrase}"
    h.close_connection = True
    h.wfile.write(
        f"HTTP/1.1 {text}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Connection: close\r\n\r\n{text}".encode()
    )


def _reply(h: BaseHTTPRequestHandler, resp: traffic.Response | None) -> None:
    """Write the simulated answer (None: no answer, close the connection)."""
    if resp is None:
        h.close_connection = True
        return
    h.send_response_only(resp.status, resp.reason)
    for k, v in resp.headers:
        h.send_header(k, v)
    h.end_headers()
    if h.command != "HEAD":
        h.wfile.write(resp.body.encode())


def _read_body(h: BaseHTTPRequestHandler) -> bool:
    """Read and drop the request body; False (reply sent, or client gone) to stop here."""
    from http import HTTPStatus

    te = (h.headers.get("Transfer-Encoding") or "").strip().lower()
    if te:
        if te != "chunked":
            h.send_error(HTTPStatus.NOT_IMPLEMENTED)
            return False
        return _read_chunked(h)
    values = {v.strip() for v in h.headers.get_all("Content-Length") or ()}
    if not values:
        return True
    text = values.pop()
    if values or not (text.isascii() and text.isdigit()):
        h.send_error(HTTPStatus.BAD_REQUEST)
        return False
    if int(text) > MAX_BODY:
        h.send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        return False
    return _read_exactly(h, int(text))


def _read_exactly(h: BaseHTTPRequestHandler, n: int) -> bool:
    """Read and drop ``n`` bytes; False when the client went away first."""
    while n > 0:
        chunk = h.rfile.read(min(n, 65536))
        if not chunk:
            h.close_connection = True
            return False
        n -= len(chunk)
    return True


def _chunk_size(h: BaseHTTPRequestHandler) -> int:
    """The size on a chunk's header line (-1: not hexadecimal)."""
    line = h.rfile.readline(1024).split(b";", 1)[0].strip()
    try:
        return int(line, 16)
    except ValueError:
        return -1


def _read_chunked(h: BaseHTTPRequestHandler) -> bool:
    """Read and drop a chunked body up to MAX_BODY, then its trailer fields."""
    from http import HTTPStatus

    total = 0
    while True:
        size = _chunk_size(h)
        if size < 0 or total + size > MAX_BODY:
            h.send_error(
                HTTPStatus.BAD_REQUEST if size < 0 else HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            )
            return False
        total += size
        if size == 0:
            break
        if not _read_exactly(h, size + 2):
            return False
    while h.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
        pass  # trailer fields
    return True


def _server_class(family: int) -> type:
    import socketserver
    from http.server import ThreadingHTTPServer

    class Server(ThreadingHTTPServer):
        address_family = family
        daemon_threads = True
        request_queue_size = (
            socket.SOMAXCONN
        )  # Go listens with the system's backlog, not socketserver's 5

        def server_bind(self) -> None:
            if family == socket.AF_INET6:
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            socketserver.TCPServer.server_bind(self)  # skip HTTPServer's reverse DNS lookup
            self.server_name, self.server_port = (
                str(self.server_address[0]),
                int(self.server_address[1]),
            )

        def handle_error(self, request: Any, client_address: Any) -> None:
            """A client that resets, times out or goes away is its business; a bug still shows."""
            if isinstance(sys.exc_info()[1], OSError):
                return
            super().handle_error(request, client_address)

    return Server


def _join(ip: str, port: int) -> str:
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def bind(
    fw: Forwarder, addresses: list[tuple[str, str]]
) -> tuple[list[Any], list[tuple[str, int]]]:
    """client-go ForwardPorts' listening step: listeners, and (ip, port) pairs bound."""
    servers: list[Any] = []
    bound: list[tuple[str, int]] = []
    for port in fw.fwd.ports:
        errs, fails, oks = [], {"all": 0, "any": 0}, {"all": 0, "any": 0}
        addrs = [(port.address, "any")] if port.address else addresses
        for ip, mode in addrs:
            family = socket.AF_INET6 if ":" in ip else socket.AF_INET
            try:
                srv = _server_class(family)((ip, port.local), _handler(fw, port))
            except OSError as e:
                net = "tcp6" if family == socket.AF_INET6 else "tcp4"
                errs.append(
                    f"unable to create listener: Error listen {net} {_join(ip, port.local)}: "
                    f"bind: {(e.strerror or str(e)).lower()}"
                )
                fails[mode] += 1
                continue
            oks[mode] += 1
            port.local = srv.server_address[1]
            servers.append(srv)
            bound.append((ip, port.local))
            fw.pending.append(f"Forwarding from {_join(ip, port.local)} -> {port.remote}\n")
        if (oks["all"] == 0 and fails["all"] > 0) or fails["any"] > 0:
            fw.err(
                f"Unable to listen on port {port.local}: Listeners failed to create with the "
                f"following errors: [{' '.join(errs)}]\n"
            )
    if not servers:
        listed = " ".join(f"{{{p.local} {p.remote}}}" for p in fw.fwd.ports)
        raise errors.MklError(f"unable to listen on any of the requested ports: [{listed}]")
    return servers, bound


def serve(
    inv: Invocation,
    fwd: forward.Forward,
    addresses: list[tuple[str, str]],
    announce: Any = None,
    seed: int = 0,
) -> None:
    """Listen, answer until Ctrl-C (exit 130) or until the forwarded pod is lost (exit 1).

    ``announce(bound)`` replaces kubectl's Forwarding/Handling lines (``mkl service`` prints URLs);
    a tunnel (``fwd.tunnel``) balances its connections with an RNG seeded by ``seed``.
    """
    balancer = forward.Balancer(seed, fwd) if fwd.tunnel else None
    fw = Forwarder(inv, fwd, chatty=announce is None, balancer=balancer)
    servers, bound = bind(fw, addresses)
    threads = [
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        for s in servers
    ]
    previous = _on_signals()
    record = ""
    try:
        for t in threads:
            t.start()
        record = forward.register(session_profile(inv), fwd, bound)
        if announce is not None:
            announce(bound)
        else:
            fw.out("".join(fw.pending))
        while not fw.stop.wait(POLL):
            pass
    except KeyboardInterrupt:
        raise errors.Interrupted() from None
    finally:
        for srv, t in zip(servers, threads, strict=True):
            if t.ident is not None:  # shutdown() waits for serve_forever: only for started threads
                srv.shutdown()
            srv.server_close()
        if record:
            forward.unregister(record)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if fw.lost:
        raise errors.MklError("lost connection to pod")


def _on_signals() -> dict[int, Any]:
    """SIGINT and SIGTERM stop the forward (records removed, sockets closed), even when the
    shell started us with SIGINT ignored (``cmd &``), as Go's signal.Notify does for kubectl."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    return {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}


def session_profile(inv: Invocation) -> str:
    from minikube_lite.store import persist

    return persist.profile_name(inv.profile)


def port_forward(inv: Invocation) -> None:
    """``port-forward``: parse, then ops.forward.PortForwardOptions (complete, validate, run),
    then listen."""
    opts = forward.PortForwardOptions.complete(inv, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        fwd = opts.run(cluster)
    serve(inv, fwd, opts.listen())
