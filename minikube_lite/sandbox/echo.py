"""Request-echo bodies of the common echo images [SIM] (an image route's ``echo`` field).

Each format prints what its real program prints for a plain request (no request body):

* ``echo-server``: kicbase/echo-server:1.0 (minikube's tutorial image, a build of
  jmalloc/echo-server from 2022): ``Request served by <hostname>``, the request line as
  ``HTTP/1.1 GET /``, ``Host``, then the other headers sorted by their canonical names.
* ``echoserver``: registry.k8s.io/echoserver:1.4 (nginx + lua): ``CLIENT VALUES``,
  ``SERVER VALUES``, ``HEADERS RECEIVED`` (lower-case, sorted, host included), ``BODY``.
* ``whoami``: traefik/whoami: ``Hostname``, the pod's addresses, ``RemoteAddr``, then the request
  as Go's ``Request.Write`` sends it (CRLF lines; Host, User-Agent, the rest sorted).
* ``nginxdemos-plain`` / ``nginxdemos-html``: nginxdemos/hello's server address, name, date, URI
  and request id (the HTML page is a shortened one with the same values).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from minikube_lite.records import dataclass


@dataclass(frozen=True, slots=True)
class Request:
    """What an echo image reads of a request (see :data:`ECHO_FORMATS`)."""

    method: str = "GET"
    uri: str = "/"  # the request target as sent: path and query
    host: str = ""  # the Host header
    headers: tuple[tuple[str, str], ...] = ()  # the other headers, as sent
    remote: str = ""  # the client's ip:port as the container sees it
    pod_ip: str = ""
    time: float = 0.0  # cluster.now


def _canonical(key: str) -> str:
    """Go's textproto.CanonicalMIMEHeaderKey: ``user-agent`` → ``User-Agent``."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in key.split("-"))


def _go_headers(req: Request) -> list[tuple[str, str]]:
    """The headers in the order Go's Header.Write prints them: sorted by canonical key."""
    pairs = [(_canonical(k), v) for k, v in req.headers if k.lower() != "host"]
    return sorted(pairs, key=lambda kv: kv[0])


def _echo_server(req: Request, hostname: str, port: int) -> str:
    lines = [f"Request served by {hostname}", "", f"HTTP/1.1 {req.method} {req.uri}", ""]
    lines.append(f"Host: {req.host}")
    lines += [f"{k}: {v}" for k, v in _go_headers(req)]
    return "\n".join(lines) + "\n"


def _echoserver(req: Request, hostname: str, port: int) -> str:
    path, _, query = req.uri.partition("?")
    server = req.host.rpartition(":")[0] if ":" in req.host else req.host
    headers = sorted([(k.lower(), v) for k, v in req.headers] + [("host", req.host)])
    return (
        "CLIENT VALUES:\n"
        f"client_address={req.remote.rpartition(':')[0]}\n"
        f"command={req.method}\n"
        f"real path={path}\n"
        f"query={query or 'nil'}\n"
        "request_version=1.1\n"
        f"request_uri=http://{server}:{port}{req.uri}\n"
        "\n"
        "SERVER VALUES:\n"
        "server_version=nginx: 1.10.0 - lua: 10001\n"
        "\n"
        "HEADERS RECEIVED:\n" + "".join(f"{k}={v}\n" for k, v in headers) + "BODY:\n"
        "-no body in request-"
    )


def _link_local(hostname: str) -> str:
    """The EUI-64 fe80:: address of the pod's eth0, from a MAC fixed by its hostname (a real one
    comes from a random MAC).
    """
    mac = bytearray(hashlib.sha256(hostname.encode()).digest()[:6])
    mac[0] = (mac[0] | 0x02) & 0xFE  # locally administered, unicast
    eui = [mac[0] ^ 0x02, mac[1], mac[2], 0xFF, 0xFE, mac[3], mac[4], mac[5]]
    groups = [f"{eui[i] << 8 | eui[i + 1]:x}" for i in range(0, 8, 2)]
    return "fe80::" + ":".join(groups)


def _whoami(req: Request, hostname: str, port: int) -> str:
    ips = ["127.0.0.1", "::1", req.pod_ip, _link_local(hostname)]
    head = [
        f"Hostname: {hostname}",
        *(f"IP: {ip}" for ip in ips if ip),
        f"RemoteAddr: {req.remote}",
    ]
    agent = next((v for k, v in req.headers if k.lower() == "user-agent"), "Go-http-client/1.1")
    skip = {"host", "user-agent", "content-length", "transfer-encoding", "trailer"}
    wire = [f"{req.method} {req.uri} HTTP/1.1", f"Host: {req.host}"]
    if agent:
        wire.append(f"User-Agent: {agent}")
    wire += [f"{k}: {v}" for k, v in _go_headers(req) if k.lower() not in skip]
    return "\n".join(head) + "\n" + "".join(line + "\r\n" for line in wire) + "\r\n"


def _nginxdemos(req: Request, hostname: str, port: int) -> tuple[str, str, str, str, str]:
    stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(int(req.time)))
    rid = hashlib.sha256(f"{hostname} {req.time} {req.uri}".encode()).hexdigest()[:32]
    return f"{req.pod_ip}:{port}", hostname, stamp, req.uri, rid


def _nginxdemos_plain(req: Request, hostname: str, port: int) -> str:
    addr, name, date, uri, rid = _nginxdemos(req, hostname, port)
    return (
        f"Server address: {addr}\nServer name: {name}\nDate: {date}\nURI: {uri}\n"
        f"Request ID: {rid}\n"
    )


def _nginxdemos_html(req: Request, hostname: str, port: int) -> str:
    addr, name, date, uri, rid = _nginxdemos(req, hostname, port)
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World</title>\n</head>\n<body>\n"
        f"<p><span>Server&nbsp;address:</span> <span>{addr}</span></p>\n"
        f"<p><span>Server&nbsp;name:</span> <span>{name}</span></p>\n"
        f'<p class="smaller"><span>Date:</span> <span>{date}</span></p>\n'
        f'<p class="smaller"><span>URI:</span> <span>{uri}</span></p>\n'
        f'<div class="center" id="footer">Request ID: {rid}<br/>&copy; NGINX, Inc. 2018</div>\n'
        "</body>\n</html>\n"
    )


ECHO_FORMATS: dict[str, Callable[[Request, str, int], str]] = {
    "echo-server": _echo_server,
    "echoserver": _echoserver,
    "whoami": _whoami,
    "nginxdemos-plain": _nginxdemos_plain,
    "nginxdemos-html": _nginxdemos_html,
}


def body(kind: str, req: Request, hostname: str, port: int) -> str:
    """The body the ``kind`` echo image answers ``req`` with (an unknown kind: empty)."""
    fmt = ECHO_FORMATS.get(kind)
    return fmt(req, hostname, port) if fmt else ""
