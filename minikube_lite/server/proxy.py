"""``mkl proxy``: kubectl proxy's plain-HTTP front of the cluster's API, without credentials.

Port of kubectl ``pkg/proxy/proxy_server.go`` (FilterServer, accept, matchesRegexp,
MakeRegexpArray, NewServer, stripLeaveSlash) over the in-process API server ``mkl serve`` runs
(``server.core.ApiServer`` behind ``server.http``'s handler): where kubectl's reverse proxy adds
the kubeconfig's credentials to each request, this handler adds the API server's own bearer
token.  Requests pass the filter first (``--accept-hosts``, ``--accept-paths``,
``--reject-paths``, ``--reject-methods``: 403 ``Forbidden``), outside ``--api-prefix`` the mux
answers 404 ``404 page not found``.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from minikube_lite import errors
from minikube_lite.records import dataclass
from minikube_lite.server import http
from minikube_lite.server.core import ApiServer

DEFAULT_ACCEPT_HOSTS = r"^localhost$,^127\.0\.0\.1$,^\[::1\]$"
DEFAULT_ACCEPT_PATHS = r"^.*"
DEFAULT_REJECT_PATHS = r"^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach"
DEFAULT_REJECT_METHODS = "^$"


def make_regexp_array(text: str) -> list[re.Pattern[str]]:
    """Port of MakeRegexpArray: comma-separated patterns (an empty string: none)."""
    try:
        return [re.compile(p) for p in text.split(",")] if text else []
    except re.error as e:
        raise errors.MklError(f"error parsing regexp: {e}") from None


def matches_regexp(text: str, patterns: list[re.Pattern[str]]) -> bool:
    """Port of matchesRegexp: any pattern matches somewhere in ``text`` (MatchString)."""
    return any(p.search(text) for p in patterns)


@dataclass(frozen=True, slots=True)
class Filter:
    """Port of FilterServer's patterns."""

    accept_paths: list[re.Pattern[str]]
    reject_paths: list[re.Pattern[str]]
    accept_hosts: list[re.Pattern[str]]
    reject_methods: list[re.Pattern[str]]

    def accept(self, method: str, path: str, host: str) -> bool:
        """Port of FilterServer.accept."""
        if matches_regexp(path, self.reject_paths) or matches_regexp(method, self.reject_methods):
            return False
        return matches_regexp(path, self.accept_paths) and matches_regexp(host, self.accept_hosts)


def split_host(host_header: str) -> str:
    """net.SplitHostPort's host, or "" when the Host header has no port (its error)."""
    if host_header.startswith("["):
        end = host_header.find("]")
        if end < 0 or not host_header[end + 1 :].startswith(":"):
            return ""
        return host_header[1:end]
    host, sep, _ = host_header.rpartition(":")
    if not sep or ":" in host:
        return ""
    return host


class _ProxyHandler(http._HTTPHandler):
    server: _ProxyServer

    def _serve(self) -> None:
        srv = self.server
        path, _, query = self.path.partition("?")
        if not path.startswith(srv.prefix):
            self._plain(404, "404 page not found\n")
            return
        if not srv.prefix.startswith("/api"):  # stripLeaveSlash
            path = "/" + path[len(srv.prefix) :].lstrip("/")
        host = split_host(str(self.headers.get("Host") or ""))
        if srv.filter is not None and not srv.filter.accept(self.command, path, host):
            self._plain(403, "Forbidden\n")
            return
        self.path = path + ("?" + query if query else "")
        if not self.headers.get("Authorization"):  # the transport's bearer token
            self.headers["Authorization"] = f"Bearer {srv.api.token}"
        super()._serve()

    def _plain(self, code: int, text: str) -> None:
        """Go's http.Error."""
        body = text.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve


class _ProxyServer(http._Server):
    prefix = "/"
    filter: Filter | None = None


@dataclass(frozen=True, slots=True)
class Proxy:
    server: Any  # _ProxyServer: serve_forever(), then shutdown() and server_close()
    api: ApiServer
    address: str  # host:port, as kubectl prints l.Addr()

    def close(self) -> None:
        self.api.close()
        self.server.server_close()


def start(profile: str, address: str, port: int, prefix: str, filt: Filter | None) -> Proxy:
    """Port of NewServer + Listen: the API server of ``profile`` behind a plain-HTTP listener."""
    api = ApiServer(profile, secrets.token_hex(16))
    try:
        made = http.make_server(api, address, port, None, handler=_ProxyHandler, cls=_ProxyServer)
    except OSError as e:  # Go's net.Listen error
        api.close()
        why = (e.strerror or str(e)).lower()
        raise errors.MklError(f"listen tcp {address}:{port}: bind: {why}") from None
    assert isinstance(made, _ProxyServer)
    srv = made
    srv.prefix = prefix if prefix.endswith("/") else prefix + "/"
    srv.filter = filt
    host = f"[{address}]" if ":" in address else address
    return Proxy(srv, api, f"{host}:{srv.server_address[1]}")
