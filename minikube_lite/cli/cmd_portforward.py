"""``port-forward TYPE/NAME [ADDR:][LOCAL:]REMOTE ...``: a real HTTP listener on loopback.

Every request takes the cluster lock only for its own load-advance-answer-save (ops/forward.py);
listening, waiting and writing happen without it.  Listeners bind 127.0.0.1 and ::1 (kubectl's
``localhost``) unless ``--address`` says otherwise; ``http.server`` is imported only here.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from typing import Any

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import forward, session, traffic

WATCH_INTERVAL = 1.0  # wall seconds between checks that a forwarded pod still exists


class Forwarder:
    """Shared by the listener threads: prints kubectl's lines, answers requests."""

    def __init__(self, inv: Invocation, fwd: forward.Forward, chatty: bool = True) -> None:
        self.inv, self.fwd, self.chatty = inv, fwd, chatty
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

    def answer(self, port: forward.Port, method: str, path: str, agent: str) -> traffic.Response | None:
        try:
            with session.open_cluster(self.inv.profile) as cluster:
                return forward.answer(cluster, self.fwd, port, method, path, agent)
        except traffic.NetError as e:
            self.err(klog(f"an error occurred forwarding {port.local} -> {port.remote}: {self.why(port, e)}"))
        except forward.LostPod:
            self.lost = True
            self.stop.set()
        except errors.MklError as e:
            self.err(klog(f"an error occurred forwarding {port.local} -> {port.remote}: {e.message}"))
        return None

    def why(self, port: forward.Port, e: traffic.NetError) -> str:
        if self.fwd.service and e.detail == "no endpoints":
            return f"error forwarding port {port.remote} to service {self.fwd.namespace}/{self.fwd.name}: no ready endpoints"
        target = self.fwd.pod_uid or self.fwd.name
        return (
            f"error forwarding port {e.port or port.remote} to pod {target}, uid : failed to connect to localhost:{e.port or port.remote} "
            f'inside namespace "{self.fwd.pod or self.fwd.name}", IPv4: dial tcp4 127.0.0.1:{e.port or port.remote}: connect: connection refused '
        )

    def watch(self) -> None:
        """pod mode: end the session when the pod is gone, as kubectl does."""
        if self.fwd.service:
            return
        try:
            with session.open_cluster(self.inv.profile, save=False) as cluster:
                forward.check_pod(cluster, self.fwd)
        except forward.LostPod:
            self.lost = True
            self.stop.set()


def klog(msg: str) -> str:
    """A klog error line as kubectl's runtime.HandleError prints it."""
    now = time.time()
    stamp = time.strftime("%m%d %H:%M:%S", time.localtime(now)) + f".{int((now % 1) * 1e6):06d}"
    quoted = msg.replace("\\", "\\\\").replace('"', '\\"')
    return f'E{stamp} {os.getpid():>7} portforward.go:424] "Unhandled Error" err="{quoted}"\n'


def _handler(fw: Forwarder, port: forward.Port) -> type:
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            if fw.chatty:
                fw.out(f"Handling connection for {port.local}\n")

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(min(length, 1 << 20))
            resp = fw.answer(port, self.command, self.path, self.headers.get("User-Agent", ""))
            if resp is None:
                self.close_connection = True
                return
            self.send_response_only(resp.status, resp.reason)
            for k, v in resp.headers:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(resp.body.encode())

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _serve

    return Handler


def _server_class(family: int) -> type:
    import socketserver
    from http.server import ThreadingHTTPServer

    class Server(ThreadingHTTPServer):
        address_family = family
        daemon_threads = True

        def server_bind(self) -> None:
            if family == socket.AF_INET6:
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            socketserver.TCPServer.server_bind(self)  # skip HTTPServer's reverse DNS lookup
            self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    return Server


def _join(ip: str, port: int) -> str:
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def bind(fw: Forwarder, addresses: list[tuple[str, str]]) -> tuple[list[Any], list[tuple[str, int]]]:
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
                errs.append(f"unable to create listener: Error listen {net} {_join(ip, port.local)}: bind: {(e.strerror or str(e)).lower()}")
                fails[mode] += 1
                continue
            oks[mode] += 1
            port.local = srv.server_address[1]
            servers.append(srv)
            bound.append((ip, port.local))
            fw.pending.append(f"Forwarding from {_join(ip, port.local)} -> {port.remote}\n")
        if (oks["all"] == 0 and fails["all"] > 0) or fails["any"] > 0:
            fw.err(f"Unable to listen on port {port.local}: Listeners failed to create with the following errors: [{' '.join(errs)}]\n")
    if not servers:
        listed = " ".join(f"{{{p.local} {p.remote}}}" for p in fw.fwd.ports)
        raise errors.MklError(f"unable to listen on any of the requested ports: [{listed}]")
    return servers, bound


def serve(inv: Invocation, fwd: forward.Forward, addresses: list[tuple[str, str]], announce: Any = None) -> None:
    """Listen, answer until Ctrl-C (exit 130) or until the forwarded pod is gone (exit 1).

    ``announce(bound)`` replaces kubectl's Forwarding/Handling lines (``mkl service`` prints URLs).
    """
    fw = Forwarder(inv, fwd, chatty=announce is None)
    servers, bound = bind(fw, addresses)
    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True) for s in servers]
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
        while not fw.stop.wait(WATCH_INTERVAL):
            fw.watch()
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
    from minikube_lite.ops import resources

    if len(inv.args) < 2:
        raise inv.usage_error("TYPE/NAME and list of ports are required for port-forward")
    addresses = forward.listen_addresses(inv.flag("address"))
    with session.open_cluster(inv.profile) as cluster:
        ns = resources.current_namespace(cluster, inv.flag("namespace"))
        fwd = forward.plan(cluster, ns, inv.args[0], inv.args[1:])
    serve(inv, fwd, addresses)
