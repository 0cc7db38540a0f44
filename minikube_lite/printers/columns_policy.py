"""``get pdb|pc|ingress|ingressclass`` cells: port of printers.go printPodDisruptionBudget,
printPriorityClass, printIngress (formatHosts, formatPorts) and printIngressClass."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.clock import age
from minikube_lite.printers.columns_pod import _meta, _spec, _status


def pdb_row(pdb: Obj, now: float, wide: bool) -> list[str]:
    """printPodDisruptionBudget: NAME, MIN AVAILABLE and MAX UNAVAILABLE (N/A for the one not
    set), ALLOWED DISRUPTIONS, AGE; no wide columns."""
    spec = _spec(pdb)
    lo, hi = spec.get("minAvailable"), spec.get("maxUnavailable")
    return [
        _meta(pdb).get("name", ""),
        "N/A" if lo is None else str(lo),
        "N/A" if hi is None else str(hi),
        str(int(_status(pdb).get("disruptionsAllowed") or 0)),
        age(now, _meta(pdb).get("creationTimestamp")),
    ]


def pc_row(pc: Obj, now: float, wide: bool) -> list[str]:
    """printPriorityClass: NAME, VALUE, GLOBAL-DEFAULT, AGE, PREEMPTIONPOLICY."""
    return [
        _meta(pc).get("name", ""),
        str(int(pc.get("value") or 0)),
        "true" if pc.get("globalDefault") else "false",
        age(now, _meta(pc).get("creationTimestamp")),
        str(pc.get("preemptionPolicy") or ""),
    ]


def ingress_row(ing: Obj, now: float, wide: bool) -> list[str]:
    """printIngress: CLASS (``<none>``), HOSTS (three at most, ``*`` for none), ADDRESS, PORTS
    (``80, 443`` with TLS)."""
    spec = _spec(ing)
    rules = spec.get("rules") or []
    hosts = [str(r["host"]) for r in rules[:3] if r.get("host")]
    shown = ",".join(hosts) if hosts else "*"
    if len(rules) > 3:
        shown += f" + {len(rules) - 3} more..."
    return [
        _meta(ing).get("name", ""),
        str(spec.get("ingressClassName") or "<none>"),
        shown,
        load_balancer_addresses(_status(ing), wide),
        "80, 443" if spec.get("tls") else "80",
        age(now, _meta(ing).get("creationTimestamp")),
    ]


def ingress_class_row(ic: Obj, now: float, wide: bool) -> list[str]:
    """printIngressClass: CONTROLLER, PARAMETERS (``Kind[.apiGroup]/name``, ``<none>``)."""
    spec = _spec(ic)
    params = spec.get("parameters")
    shown = "<none>"
    if params is not None:
        shown = str(params.get("kind", ""))
        if params.get("apiGroup") is not None:
            shown += f".{params['apiGroup']}"
        shown += f"/{params.get('name', '')}"
    return [
        _meta(ic).get("name", ""),
        str(spec.get("controller", "")),
        shown,
        age(now, _meta(ic).get("creationTimestamp")),
    ]


def load_balancer_addresses(status: Obj, wide: bool) -> str:
    """ingressLoadBalancerStatusStringer: IPs (else hostnames) sorted and joined; cut to 16
    characters unless wide."""
    seen = set()
    for ing in (status.get("loadBalancer") or {}).get("ingress") or []:
        addr = ing.get("ip") or ing.get("hostname") or ""
        if addr:
            seen.add(addr)
    text = ",".join(sorted(seen))
    if not wide and len(text) > 16:
        text = text[:13] + "..."
    return text
