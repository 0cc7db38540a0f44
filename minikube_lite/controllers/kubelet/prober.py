"""Container probes (``pkg/kubelet/prober``: worker.go, prober.go) evaluated against image plans.

[SIM] The first probe runs at container start + initialDelaySeconds, then every periodSeconds.
Readiness starts as failure; liveness/startup failures past the threshold kill the container.
Every failed probe emits ``Warning Unhealthy "<Type> probe failed: <output>"``
(pkg/kubelet/prober/prober.go recordContainerEvent).
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.sandbox import images

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PROBE_TYPES = (
    ("startupProbe", "startup"),
    ("livenessProbe", "liveness"),
    ("readinessProbe", "readiness"),
)
TITLES = {"startup": "Startup", "liveness": "Liveness", "readiness": "Readiness"}


def init_probes(spec: Obj, start: float) -> dict[str, Obj]:
    """Probe workers for a freshly started container."""
    out: dict[str, Obj] = {}
    for field, ptype in PROBE_TYPES:
        probe = spec.get(field)
        if probe:
            out[ptype] = {
                "next": start + float(probe.get("initialDelaySeconds") or 0),
                "succ": 0,
                "fail": 0,
            }
    return out


def period(spec: Obj, ptype: str) -> float:
    field = {v: k for k, v in PROBE_TYPES}[ptype]
    return float((spec.get(field) or {}).get("periodSeconds") or 10)


def thresholds(spec: Obj, ptype: str) -> tuple[int, int]:
    """(successThreshold, failureThreshold)."""
    field = {v: k for k, v in PROBE_TYPES}[ptype]
    probe = spec.get(field) or {}
    return int(probe.get("successThreshold") or 1), int(probe.get("failureThreshold") or 3)


def _port(spec: Obj, port: Any) -> int | None:
    """A probe port: a number, or the name of one of the container's ports."""
    if isinstance(port, int):
        return port
    if isinstance(port, str) and port.isdigit():
        return int(port)
    for p in spec.get("ports") or ():
        if p.get("name") == port:
            return int(p.get("containerPort", 0))
    return None


def run_probe(
    spec: Obj, ptype: str, plan: images.Plan, uptime: float, ip: str, hostname: str
) -> tuple[bool, str]:
    """Evaluate one probe: (success, output)."""
    field = {v: k for k, v in PROBE_TYPES}[ptype]
    probe = spec.get(field) or {}
    if "httpGet" in probe:
        return _http(spec, probe["httpGet"], plan, uptime, ip, hostname)
    if "tcpSocket" in probe:
        port = _port(spec, probe["tcpSocket"].get("port"))
        host = probe["tcpSocket"].get("host") or ip
        if port is not None and plan.serves(port, uptime):
            return True, ""
        return False, f"dial tcp {host}:{port}: connect: connection refused"
    if "exec" in probe:
        code, out = images.exec_command(plan, list(probe["exec"].get("command") or ()), uptime)
        return code == 0, out
    if "grpc" in probe:
        port = int(probe["grpc"].get("port", 0))
        if plan.serves(port, uptime):
            return True, ""
        return False, f'timeout: failed to connect service "{ip}:{port}" within 1s'
    return True, ""


def _http(
    spec: Obj, get: Obj, plan: images.Plan, uptime: float, ip: str, hostname: str
) -> tuple[bool, str]:
    port = _port(spec, get.get("port"))
    path = get.get("path") or "/"
    if not path.startswith("/"):
        path = "/" + path
    host = get.get("host") or ip
    scheme = str(get.get("scheme") or "HTTP").lower()
    url = f"{scheme}://{host}:{port}{path}"
    resp = images.http_get(plan, port, path, uptime, hostname) if port is not None else None
    if resp is None:
        return False, f'Get "{url}": dial tcp {host}:{port}: connect: connection refused'
    code, _body = resp
    if 200 <= code < 400:
        return True, ""
    return False, f"HTTP probe failed with statuscode: {code}"
