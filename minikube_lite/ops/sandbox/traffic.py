"""The simulated network: cluster DNS, Service load balancing, and containers answering HTTP [SIM].

``request()`` resolves a host as a pod would (``svc``, ``svc.ns``, ``svc.ns.svc.cluster.local``,
ClusterIPs, pod IPs, ``localhost``, the node IP with a NodePort), routes it like kube-proxy
(round-robin over the Service's ready endpoints, state kept in ``cluster.state``), and lets the
container listening on the port answer from its image profile.  Failures raise :class:`NetError`
with the kind a real client would see.  Every answered request is written to the container's
access log (for ``logs``) when its image logs requests.
"""

from __future__ import annotations

import ipaddress
import time

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops.sandbox import runtime
from minikube_lite.records import dataclass
from minikube_lite.sandbox import echo, images
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NODE_IP = "192.168.49.2"
MAX_ACCESS_LINES = 500
ACCESS_LOG = "accessLog"
SERVERS = {
    "docker.io/library/nginx": "nginx",
    "docker.io/library/httpd": "httpd",
    "docker.io/kicbase/echo-server": "echo-server",
}


class NetError(Exception):
    """``kind``: resolve | refused | unreachable | timeout | empty (a non-HTTP listener)."""

    def __init__(self, kind: str, host: str, port: int = 0, ip: str = "", detail: str = "") -> None:
        super().__init__(f"{kind}: {host}:{port} {detail}".strip())
        self.kind, self.host, self.port, self.ip, self.detail = kind, host, port, ip, detail


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: str
    ip: str  # address connected to (after DNS, before kube-proxy)
    pod: str  # pod that answered

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name.lower()), "")


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


# ----- DNS ----------------------------------------------------------------------------------------


def resolve(cluster: Cluster, namespace: str, host: str, self_pod: Obj | None = None) -> str:
    """The IP a pod's resolver returns for ``host`` (search path ``<ns>.svc.cluster.local`` …)."""
    h = host.rstrip(".").lower()
    if h.startswith("[") and h.endswith("]"):
        h = h[1:-1]
    if is_ip(h):
        return h
    if h in ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"):
        return "127.0.0.1"
    if self_pod is not None and h == runtime.hostname_of(self_pod):
        return str(self_pod.get("status", {}).get("podIP") or "127.0.0.1")
    names = (
        [h]
        if h.endswith(".cluster.local")
        else [
            f"{h}.{namespace}.svc.cluster.local",
            f"{h}.svc.cluster.local",
            f"{h}.cluster.local",
            h,
        ]
    )
    for fq in names:
        ip = _lookup(cluster, fq)
        if ip:
            return ip
    raise NetError("resolve", host)


def _lookup(cluster: Cluster, fqdn: str) -> str | None:
    if fqdn.endswith(".svc.cluster.local"):
        parts = fqdn[: -len(".svc.cluster.local")].split(".")
        if len(parts) != 2:
            return None
        svc = cluster.get("Service", parts[1], parts[0])
        if svc is None or svc.get("spec", {}).get("type") == "ExternalName":
            return None
        ip = svc.get("spec", {}).get("clusterIP")
        if ip and ip != "None":
            return str(ip)
        ready = ready_endpoints(cluster, svc)
        return (
            _next(cluster, f"dns/{o.namespace(svc)}/{o.name(svc)}", [a for a, _ in ready])
            if ready
            else None
        )
    if fqdn.endswith(".pod.cluster.local"):
        parts = fqdn[: -len(".pod.cluster.local")].split(".")
        ip = parts[0].replace("-", ".")
        return ip if len(parts) == 2 and is_ip(ip) else None
    return None


# ----- routing (kube-proxy) -----------------------------------------------------------------------


def pod_by_ip(cluster: Cluster, ip: str) -> Obj | None:
    found = [p for p in cluster.list("Pod") if p.get("status", {}).get("podIP") == ip]
    live = [p for p in found if p.get("status", {}).get("phase") not in ("Succeeded", "Failed")]
    return (live or found or [None])[0]  # type: ignore[list-item]


def _pods_by_ip(cluster: Cluster) -> dict[str, Obj]:
    """pod_by_ip for every IP at once: one pass over the pods instead of one per address."""

    def finished(pod: Obj) -> bool:
        return pod.get("status", {}).get("phase") in ("Succeeded", "Failed")

    index: dict[str, Obj] = {}
    for p in cluster.list("Pod"):
        ip = p.get("status", {}).get("podIP")
        if ip and (ip not in index or (finished(index[ip]) and not finished(p))):
            index[ip] = p
    return index


def ready_endpoints(cluster: Cluster, svc: Obj) -> list[tuple[str, Obj]]:
    """(ip, pod) of the Service's ready endpoints: the Endpoints object, else the selector."""
    ep = cluster.get("Endpoints", o.namespace(svc), o.name(svc))
    out: list[tuple[str, Obj]] = []
    if ep is not None:
        by_ip = _pods_by_ip(cluster)
        for subset in ep.get("subsets") or ():
            for addr in subset.get("addresses") or ():
                pod = by_ip.get(str(addr.get("ip", "")))
                if pod is not None and (str(addr.get("ip")), pod) not in out:
                    out.append((str(addr.get("ip")), pod))
        return sorted(out, key=lambda x: ipaddress.ip_address(x[0]))
    from minikube_lite.controllers import common

    selector = svc.get("spec", {}).get("selector")
    if not selector:
        return []
    for pod in cluster.list("Pod", o.namespace(svc)):
        ip = pod.get("status", {}).get("podIP")
        if (
            ip
            and common.is_pod_active(pod)
            and common.is_pod_ready(pod)
            and common.selector_matches({"matchLabels": selector}, o.labels(pod))
        ):
            out.append((str(ip), pod))
    return sorted(out, key=lambda x: ipaddress.ip_address(x[0]))


def target_port(svc_port: Obj, pod: Obj) -> int | None:
    """The container port a Service port sends to on ``pod`` (named targetPorts looked up)."""
    tp = svc_port.get("targetPort", svc_port.get("port"))
    if isinstance(tp, int) or (isinstance(tp, str) and tp.isdigit()):
        return int(tp) or int(svc_port.get("port", 0))
    for c in o.containers(pod):
        for p in c.get("ports") or ():
            if p.get("name") == tp:
                return int(p.get("containerPort", 0))
    return None


def _next(cluster: Cluster, key: str, items: list[Any]) -> Any:
    """Round-robin pick, the counter kept in cluster.state (kube-proxy ipvs ``rr``)."""
    rr = cluster.state.setdefault("traffic", {}).setdefault("rr", {})
    n = int(rr.get(key, 0))
    rr[key] = n + 1
    cluster.dirty = True
    return items[n % len(items)]


def service_backend(cluster: Cluster, svc: Obj, svc_port: Obj, host: str) -> tuple[Obj, int]:
    """The (pod, container port) kube-proxy picks for one new connection to the Service."""
    ready = ready_endpoints(cluster, svc)
    port = int(svc_port.get("port", 0))
    if not ready:
        raise NetError(
            "refused", host, port, str(svc.get("spec", {}).get("clusterIP", "")), "no endpoints"
        )
    _, pod = _next(cluster, f"svc/{o.namespace(svc)}/{o.name(svc)}/{port}", ready)
    tport = target_port(svc_port, pod)
    if tport is None:
        raise NetError("refused", host, port)
    return pod, tport


def route(cluster: Cluster, src: Obj | None, host: str, ip: str, port: int) -> tuple[Obj, int]:
    """Where a TCP connection to ``ip:port`` from pod ``src`` ends up: (pod, port)."""
    if ip in ("127.0.0.1", "::1") or ip.startswith("127."):
        if src is None:
            raise NetError("refused", host, port, ip)
        return src, port
    pod = pod_by_ip(cluster, ip)
    if pod is not None:
        return pod, port
    for svc in cluster.list("Service"):
        spec = svc.get("spec", {})
        if spec.get("clusterIP") == ip:
            sp = next(
                (
                    p
                    for p in spec.get("ports") or ()
                    if int(p.get("port", 0)) == port and p.get("protocol", "TCP") == "TCP"
                ),
                None,
            )
            if sp is None:
                raise NetError("timeout", host, port, ip)
            return service_backend(cluster, svc, sp, host)
        if ip == NODE_IP:
            sp = next(
                (p for p in spec.get("ports") or () if int(p.get("nodePort") or 0) == port), None
            )
            if sp is not None:
                return service_backend(cluster, svc, sp, host)
    if ip == NODE_IP:
        raise NetError("refused", host, port, ip)
    if ip.startswith("10.244."):
        raise NetError("unreachable", host, port, ip)
    raise NetError("timeout", host, port, ip)


# ----- the container answers ---------------------------------------------------------------------


def request(
    cluster: Cluster,
    src: Obj | None,
    host: str,
    port: int,
    path: str,
    method: str = "GET",
    client: str = "",
    agent: str = "",
) -> Response:
    """One HTTP request from pod ``src`` (None: from outside) to ``host:port``."""
    ip = resolve(cluster, o.namespace(src) if src else "default", host, src)
    pod, tport = route(cluster, src, host, ip, port)
    if client == "":
        client = (
            "127.0.0.1"
            if pod is src
            else str((src or {}).get("status", {}).get("podIP") or "10.244.0.1")
        )
    sent = host if port == 80 else f"{host}:{port}"
    return serve(
        cluster, pod, tport, path, method, client, agent, host, ip, client_headers(sent, agent)
    )


def client_headers(host: str, agent: str) -> tuple[tuple[str, str], ...]:
    """The headers curl (or busybox wget, agent ``Wget``) sends, Host first."""
    if agent == "Wget":
        return (("Host", host), ("User-Agent", agent), ("Connection", "close"))
    return (("Host", host), *((("User-Agent", agent),) if agent else ()), ("Accept", "*/*"))


def serve(
    cluster: Cluster,
    pod: Obj,
    port: int,
    path: str,
    method: str,
    client: str,
    agent: str,
    host: str = "",
    ip: str = "",
    headers: tuple[tuple[str, str], ...] | None = None,
) -> Response:
    """The answer of whichever running container of ``pod`` listens on ``port``.

    ``headers``: the request's headers as sent (Host included), which echo images print;
    None: the ones curl sends to the pod's address.
    """
    ip = ip or str(pod.get("status", {}).get("podIP") or "")
    if pod.get("status", {}).get("phase") in ("Succeeded", "Failed") or not pod.get(
        "status", {}
    ).get("podIP"):
        raise NetError(
            "unreachable" if not pod.get("status", {}).get("podIP") else "refused",
            host or ip,
            port,
            ip,
        )
    for c in o.containers(pod):
        run = runtime.running(cluster, pod, c)
        if run is None or not run[0].serves(port, run[1]):
            continue
        ans = images.http_get(
            run[0],
            port,
            path,
            run[1],
            runtime.hostname_of(pod),
            clock.rfc3339(cluster.now),
            _request(
                cluster, pod, method, path, headers or client_headers(f"{ip}:{port}", agent), client
            ),
        )
        if ans is None:
            raise NetError("empty", host or ip, port, ip)
        status, body = ans
        if method == "HEAD":
            body_out = ""
        else:
            body_out = body
        resp = Response(
            status, _reason(status), _headers(cluster, c, status, body), body_out, ip, o.name(pod)
        )
        _access_log(cluster, pod, c, method, path, status, len(body.encode()), client, agent)
        return resp
    raise NetError("refused", host or ip, port, ip)


def _request(
    cluster: Cluster,
    pod: Obj,
    method: str,
    path: str,
    headers: tuple[tuple[str, str], ...],
    client: str,
) -> echo.Request:
    """What an echo image sees of the request."""
    host = next((v for k, v in headers if k.lower() == "host"), "")
    rest = tuple((k, v) for k, v in headers if k.lower() != "host")
    pod_ip = str(pod.get("status", {}).get("podIP") or "")
    return echo.Request(method, path, host, rest, _remote(cluster, client), pod_ip, cluster.now)


def _remote(cluster: Cluster, client: str) -> str:
    """``ip:port`` of the client; the port is an ephemeral one, fixed by the instant."""
    return f"{client}:{32768 + int(cluster.now * 1000) % 28232}"


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def http_date(t: float) -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(int(t)))


def _server(container: Obj) -> tuple[str, str]:
    try:
        ref = images.parse_reference(str(container.get("image", "")))
    except images.InvalidReference:
        return "", ""
    return SERVERS.get(ref.repository, ""), ref.tag


def _headers(
    cluster: Cluster, container: Obj, status: int, body: str
) -> tuple[tuple[str, str], ...]:
    kind, tag = _server(container)
    ctype = "text/html" if body.lstrip().startswith("<") else "text/plain; charset=utf-8"
    length = str(len(body.encode()))
    date = http_date(cluster.now)
    if kind == "nginx":
        return (
            ("Server", f"nginx/{tag}"),
            ("Date", date),
            ("Content-Type", "text/html"),
            ("Content-Length", length),
            ("Connection", "keep-alive"),
        )
    if kind == "httpd":
        return (
            ("Date", date),
            ("Server", "Apache/2.4.65 (Unix)"),
            ("Content-Length", length),
            ("Content-Type", "text/html"),
        )
    return (("Date", date), ("Content-Length", length), ("Content-Type", ctype))


def _access_log(
    cluster: Cluster,
    pod: Obj,
    container: Obj,
    method: str,
    path: str,
    status: int,
    size: int,
    client: str,
    agent: str,
) -> None:
    kind, _ = _server(container)
    if not kind:
        return
    stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(int(cluster.now)))
    line = f'{client} - - [{stamp}] "{method} {path} HTTP/1.1" {status} {size}'
    if kind == "nginx":
        line += f' "-" "{agent or "-"}" "-"'
    elif kind == "echo-server":  # jmalloc/echo-server: "ADDR | METHOD URL" per request
        line = f"{_remote(cluster, client)} | {method} {path}"
    name = str(container.get("name", ""))
    restarts = int(runtime.container_status(pod, name).get("restartCount", 0) or 0)
    logs = cluster.state.setdefault(ACCESS_LOG, {})
    entries = logs.setdefault(o.uid(pod), [])
    entries.append([cluster.now, name, restarts, line])
    del entries[:-MAX_ACCESS_LINES]
    live = {o.uid(p) for p in cluster.list("Pod")}
    for uid in [u for u in logs if u not in live]:
        del logs[uid]
    cluster.dirty = True


def access_lines(
    cluster: Cluster, pod: Obj, container: str, restarts: int
) -> list[tuple[float, str]]:
    """Access-log lines of one container instance, oldest first."""
    entries = cluster.state.get(ACCESS_LOG, {}).get(o.uid(pod), [])
    return [
        (float(t), line) for t, name, n, line in entries if name == container and int(n) == restarts
    ]


def http_request(
    cluster: Cluster, pod: Obj | None, host: str, port: int, path: str = "/", method: str = "GET"
) -> Response:
    """Another name for :func:`request` (a request from ``pod``; None: from outside the cluster)."""
    return request(cluster, pod, host, port, path, method)
