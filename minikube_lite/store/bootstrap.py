"""A new cluster: initial namespaces, the node ``minikube``, the ``kubernetes`` Service [SIM],
bootstrap RBAC."""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api.objects import Obj
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import INITIAL_NAMESPACES, Cluster, new_doc

NODE_IP = "192.168.49.2"
NODE_ALLOCATABLE = {
    "cpu": "2",
    "ephemeral-storage": "17734596Ki",
    "hugepages-2Mi": "0",
    "memory": "8Gi",
    "pods": "110",
}


def new_cluster(
    profile: str = "minikube",
    mode: str = "manual",
    speed: float = 1.0,
    seed: int = 0,
    start: float | None = None,
    wall_now: float | None = None,
) -> Cluster:
    """Build a fresh, populated cluster in memory (nothing is written)."""
    if start is None:
        start = clock.EPOCH_2024 if mode == "manual" else float(int(clock.wall()))
    if wall_now is None:
        wall_now = clock.wall() if mode == "real" else 0.0
    cluster = Cluster(new_doc(profile, mode, speed, seed, start, wall_now))
    for ns in INITIAL_NAMESPACES:
        apiserver.create(
            cluster,
            "Namespace",
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}},
            manager="kube-apiserver",  # the API server creates its own namespaces
        )
    cluster.insert("Node", _node(start))
    cluster.insert("Service", _kubernetes_service())
    cluster.insert("Endpoints", _kubernetes_endpoints())
    from minikube_lite.store.rbac import bootstrappolicy as rbac_bootstrap

    rbac_bootstrap.install(cluster.objects, cluster.resource_version, seed, start)
    from minikube_lite.api import scheduling

    scheduling.install(cluster.objects, cluster.resource_version, seed, start)
    cluster.changes.clear()
    return cluster


def _node(start: float) -> Obj:
    ts = clock.rfc3339(start)
    conds = [
        (
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ]
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "labels": {
                "beta.kubernetes.io/arch": "amd64",
                "beta.kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "kubernetes.io/hostname": "minikube",
                "kubernetes.io/os": "linux",
                "minikube.k8s.io/primary": "true",
                "node-role.kubernetes.io/control-plane": "",
            },
            "name": "minikube",
        },
        "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]},
        "status": {
            "addresses": [
                {"address": NODE_IP, "type": "InternalIP"},
                {"address": "minikube", "type": "Hostname"},
            ],
            "allocatable": dict(NODE_ALLOCATABLE),
            "capacity": dict(NODE_ALLOCATABLE),
            "conditions": [
                {
                    "lastHeartbeatTime": ts,
                    "lastTransitionTime": ts,
                    "message": m,
                    "reason": r,
                    "status": s,
                    "type": t,
                }
                for t, s, r, m in conds
            ],
            "nodeInfo": {  # every field the API marks required (clients validate them)
                "architecture": "amd64",
                "bootID": "3a7c2e1d-5b4f-4c8e-9d2a-6f1e0b7c4d3a",
                "containerRuntimeVersion": "containerd://1.7.27",
                "kernelVersion": "6.8.0-minikube-lite",
                "kubeProxyVersion": "",
                "kubeletVersion": "v1.34.0",
                "machineID": "5d1c8f3e2a6b4e7f9c0d1a2b3c4d5e6f",
                "operatingSystem": "linux",
                "osImage": "Ubuntu 22.04.5 LTS",
                "systemUUID": "5d1c8f3e-2a6b-4e7f-9c0d-1a2b3c4d5e6f",
            },
        },
    }


def _kubernetes_endpoints() -> Obj:
    """The API server's Endpoints (controllers/endpoints.py keeps it in place)."""
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
                "addresses": [{"ip": NODE_IP}],
                "ports": [{"name": "https", "port": 8443, "protocol": "TCP"}],
            }
        ],
    }


def _kubernetes_service() -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {
            "labels": {"component": "apiserver", "provider": "kubernetes"},
            "name": "kubernetes",
            "namespace": "default",
        },
        "spec": {
            "clusterIP": "10.96.0.1",
            "clusterIPs": ["10.96.0.1"],
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
            "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 8443}],
            "sessionAffinity": "None",
            "type": "ClusterIP",
        },
        "status": {"loadBalancer": {}},
    }
