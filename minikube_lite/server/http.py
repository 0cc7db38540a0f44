"""The HTTP front end: the stdlib threaded server, reading requests and writing answers.

It speaks TLS with the certificate ``tlscert`` made (client-go sends a bearer token only over
TLS).  Requests need the bearer token of the kubeconfig ``mkl serve`` wrote (``routes.dispatch``
checks it); bodies are read up to the API server's 3 MiB limit.
"""

from __future__ import annotations

import socket
import ssl
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from minikube_lite.server import routes, status
from minikube_lite.server.core import ApiServer, Request, Response

MAX_BODY = 3 * 1024 * 1024  # the API server's request size limit (3 MiB)
HANDSHAKE_TIMEOUT = 10.0  # seconds a client may take over its TLS handshake


class _HTTPHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mkl"
    server: _Server

    def _serve(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            doc = status.status(413, "RequestEntityTooLarge", "request entity too large")
            self._send(
                Response.status(doc)
                if length > 0
                else Response.status(status.status(400, "BadRequest", "invalid Content-Length"))
            )
            self.close_connection = True
            return
        body = self.rfile.read(length) if length else b""
        req = Request(self.command, self.path, self.headers, body, self)
        resp = routes.dispatch(self.server.api, req)
        if resp.code:
            self._send(resp)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

    def _send(self, resp: Response) -> None:
        self.send_response(resp.code)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        for k, v in resp.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    api: ApiServer
    verbose = False
    tls: ssl.SSLContext | None = None

    def finish_request(self, request: Any, client_address: Any) -> None:
        """TLS handshake in the connection's own thread, so a slow client stalls no one else."""
        if self.tls is not None:
            try:
                request.settimeout(HANDSHAKE_TIMEOUT)
                request = self.tls.wrap_socket(request, server_side=True)
                request.settimeout(None)
            except (OSError, ssl.SSLError):
                request.close()
                return
        super().finish_request(request, client_address)


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_alpn_protocols(["http/1.1"])
    ctx.load_cert_chain(cert, key)
    return ctx


def make_server(
    api: ApiServer,
    host: str,
    port: int,
    tls: ssl.SSLContext | None,
    verbose: bool = False,
    *,
    handler: type[_HTTPHandler] = _HTTPHandler,
    cls: type[_Server] = _Server,
) -> _Server:
    """Bind (``port`` 0: a free one); the caller runs ``serve_forever``.  ``handler`` and
    ``cls``: another front on the same API server (``mkl proxy``: server/proxy.py)."""
    cls.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
    srv = cls((host, port), handler)
    srv.api = api
    srv.tls = tls
    srv.verbose = verbose
    api.address = f"{host}:{srv.server_address[1]}"
    return srv
