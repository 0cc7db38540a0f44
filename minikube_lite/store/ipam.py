"""Service IP and NodePort allocation [SIM]: ClusterIPs from 10.96.0.0/12, NodePorts 30000-32767."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.store.cluster import Cluster


def _used_ips(cluster: Cluster) -> set[str]:
    return {
        s.get("spec", {}).get("clusterIP", "") for s in cluster.objects.get("Service", {}).values()
    }


def allocate_service(cluster: Cluster, svc: Obj) -> None:
    """Fill clusterIP(s) and nodePorts the way the allocators do (seeded, collision-free)."""
    spec = svc.setdefault("spec", {})
    if spec.get("clusterIP") in (None, ""):
        used = _used_ips(cluster)
        while True:
            n = cluster.rng.randint(2, (1 << 20) - 2)  # 10.96.0.0/12 host part, skip .0/.1
            ip = f"10.{96 + (n >> 16)}.{(n >> 8) & 255}.{n & 255}"
            if ip not in used and not ip.endswith(".0") and ip != "10.96.0.1":
                break
        spec["clusterIP"] = ip
    if spec.get("clusterIP") != "None":
        spec["clusterIPs"] = [spec["clusterIP"]]
    if spec.get("type") in ("NodePort", "LoadBalancer"):
        used_ports = {
            p.get("nodePort")
            for s in cluster.objects.get("Service", {}).values()
            for p in s.get("spec", {}).get("ports", [])
        }
        for p in spec.get("ports", []):
            if not p.get("nodePort"):
                while True:
                    port = cluster.rng.randint(30000, 32767)
                    if port not in used_ports:
                        break
                p["nodePort"] = port
                used_ports.add(port)


def keep_service_allocation(old: Obj, new: Obj) -> None:
    """Updates keep the allocated clusterIP and nodePorts unless the user set them."""
    ospec, nspec = old.get("spec", {}), new.setdefault("spec", {})
    for f in ("clusterIP", "clusterIPs"):
        if f in ospec and not nspec.get(f):
            nspec[f] = ospec[f]
    oports = {(p.get("port"), p.get("protocol")): p.get("nodePort") for p in ospec.get("ports", [])}
    if nspec.get("type") in ("NodePort", "LoadBalancer"):
        for p in nspec.get("ports", []):
            if not p.get("nodePort") and oports.get((p.get("port"), p.get("protocol"))):
                p["nodePort"] = oports[(p.get("port"), p.get("protocol"))]
