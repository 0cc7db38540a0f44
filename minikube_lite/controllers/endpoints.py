"""Endpoints controller — ``pkg/controller/endpoint/endpoints_controller.go``.

Keyed by namespace.  For every Service with a selector: an Endpoints object of the same name whose
subsets hold ready pods in ``addresses`` and not-ready ones in ``notReadyAddresses`` (terminating
and terminal pods are left out), with ports resolved from each Service port's ``targetPort``
(a number, or a container port name).  Endpoints of deleted Services are removed.  The
``kubernetes`` Service in ``default`` points at the API server, ``192.168.49.2:8443``.
"""

from __future__ import annotations

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

APISERVER_IP = "192.168.49.2"
APISERVER_PORT = 8443


def kubernetes_endpoints() -> Obj:
    """The API server's own Endpoints (maintained by the apiserver upstream)."""
    return {
        "apiVersion": "v1",
        "kind": "Endpoints",
        "metadata": {
            "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"},
            "name": "kubernetes",
            "namespace": "default",
        },
        "subsets": [
            {
                "addresses": [{"ip": APISERVER_IP}],
                "ports": [{"name": "https", "port": APISERVER_PORT, "protocol": "TCP"}],
            }
        ],
    }


def sync(cluster: Cluster, ns: str) -> None:
    """Reconcile the Endpoints of every Service in ``ns``."""
    nso = cluster.get("Namespace", None, ns)
    if nso is None:
        return
    terminating = nso.get("status", {}).get("phase") == "Terminating"
    services = {o.name(s): s for s in cluster.list("Service", ns)}
    if (
        ns == "default"
        and "kubernetes" in services
        and cluster.get("Endpoints", ns, "kubernetes") is None
    ):
        cluster.insert("Endpoints", kubernetes_endpoints())
    pods: list[Obj] | None = None
    for svc in services.values():
        selector = svc.get("spec", {}).get("selector")
        if not selector:
            continue
        if pods is None:
            pods = [p for p in cluster.list("Pod", ns) if _eligible(p)]
        _reconcile(cluster, ns, svc, pods, create=not terminating)
    for ep in cluster.list("Endpoints", ns):
        if o.name(ep) not in services:
            cluster.remove("Endpoints", ep)


def _eligible(pod: Obj) -> bool:
    status = pod.get("status") or {}
    return (
        bool(status.get("podIP"))
        and not o.is_deleting(pod)
        and status.get("phase") not in common.TERMINAL_PHASES
    )


def _target_port(pod: Obj, target: Any) -> int | None:
    if isinstance(target, int):
        return target
    if isinstance(target, str) and target.isdigit():
        return int(target)
    for c in pod.get("spec", {}).get("containers") or ():
        for p in c.get("ports") or ():
            if p.get("name") == target:
                return int(p.get("containerPort", 0))
    return None


def subsets_for(svc: Obj, pods: list[Obj]) -> list[Obj]:
    """EndpointSubsets for ``svc`` (RepackSubsets: grouped by port set, addresses sorted by IP)."""
    spec = svc.get("spec", {})
    selector = spec.get("selector") or {}
    publish = bool(spec.get("publishNotReadyAddresses"))
    groups: dict[tuple[Any, ...], dict[str, list[Obj]]] = {}
    for pod in pods:
        lbls = o.labels(pod)
        if any(lbls.get(k) != v for k, v in selector.items()):
            continue
        ports = []
        for sp in spec.get("ports") or ():
            port = _target_port(pod, sp.get("targetPort", sp.get("port")))
            if port is not None:
                ports.append((sp.get("name") or "", port, sp.get("protocol") or "TCP"))
        if not ports:
            continue
        addr: Obj = {
            "ip": pod["status"]["podIP"],
            "nodeName": pod.get("spec", {}).get("nodeName", ""),
            "targetRef": {
                "kind": "Pod",
                "name": o.name(pod),
                "namespace": o.namespace(pod),
                "uid": o.uid(pod),
            },
        }
        bucket = groups.setdefault(tuple(sorted(ports)), {"addresses": [], "notReadyAddresses": []})
        bucket["addresses" if publish or common.is_pod_ready(pod) else "notReadyAddresses"].append(
            addr
        )
    out = []
    for ports_key, bucket in sorted(groups.items()):
        subset: Obj = {}
        for field in ("addresses", "notReadyAddresses"):
            if bucket[field]:
                subset[field] = sorted(
                    bucket[field], key=lambda a: (a["ip"], a["targetRef"]["uid"])
                )
        subset["ports"] = [
            {**({"name": n} if n else {}), "port": p, "protocol": proto}
            for n, p, proto in ports_key
        ]
        out.append(subset)
    return out


def _reconcile(cluster: Cluster, ns: str, svc: Obj, pods: list[Obj], create: bool) -> None:
    name = o.name(svc)
    subsets = subsets_for(svc, pods)
    lbls = dict(o.labels(svc))
    if svc.get("spec", {}).get("clusterIP") == "None":
        lbls["service.kubernetes.io/headless"] = ""
    ep = cluster.get("Endpoints", ns, name)
    if ep is None:
        if not create:
            return
        meta: Obj = {"name": name, "namespace": ns}
        if lbls:
            meta["labels"] = lbls
        new: Obj = {"apiVersion": "v1", "kind": "Endpoints", "metadata": meta}
        if subsets:
            new["subsets"] = subsets
        cluster.insert("Endpoints", new)
        return
    if (ep.get("subsets") or []) == subsets and (o.labels(ep) or {}) == lbls:
        return
    if subsets:
        ep["subsets"] = subsets
    else:
        ep.pop("subsets", None)
    if lbls:
        o.meta(ep)["labels"] = lbls
    else:
        o.meta(ep).pop("labels", None)
    cluster.touch("Endpoints", ep)
