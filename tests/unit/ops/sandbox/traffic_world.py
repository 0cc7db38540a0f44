"""Builders for in-memory clusters with running pods and Services (no controllers run)."""

from __future__ import annotations

from typing import Any

from minikube_lite import clock
from minikube_lite.sandbox.simfs import SA_DIR
from minikube_lite.store import bootstrap
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]


def world() -> Cluster:
    return bootstrap.new_cluster("test", mode="manual", seed=1)


def pod(
    cluster: Cluster,
    name: str,
    image: str = "gasbugs/http-go:v1",
    ip: str = "10.244.0.7",
    labels: dict[str, str] | None = None,
    *,
    ns: str = "default",
    ready: bool = True,
    state: str = "running",
    container: str = "web",
    env: list[Obj] | None = None,
    command: list[str] | None = None,
    started: float = 0.0,
    restarts: int = 0,
    token: bool = True,
) -> Obj:
    """A pod as the API server stores it; ``token``: its container mounts the service account's
    token volume, as the ServiceAccount admission plugin adds it (automount is the default)."""
    t = clock.rfc3339(cluster.now + started)
    c: Obj = {"name": container, "image": image}
    if token:
        c["volumeMounts"] = [
            {"mountPath": SA_DIR, "name": "kube-api-access-x7k2p", "readOnly": True}
        ]
    if env:
        c["env"] = env
    if command:
        c["command"] = command
    st: Obj = (
        {"running": {"startedAt": t}} if state == "running" else {"waiting": {"reason": state}}
    )
    obj = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "labels": labels or {"app": "web"}},
        "spec": {
            "containers": [c],
            "nodeName": "minikube",
            **({"volumes": [{"name": "kube-api-access-x7k2p", "projected": {}}]} if token else {}),
        },
        "status": {
            "phase": "Running" if state == "running" else "Pending",
            "podIP": ip if state == "running" else "",
            "conditions": [
                {"type": "Ready", "status": "True" if ready else "False", "lastTransitionTime": t}
            ],
            "containerStatuses": [
                {
                    "name": container,
                    "ready": ready,
                    "restartCount": restarts,
                    "state": st,
                    "image": image,
                }
            ],
        },
    }
    return cluster.insert("Pod", obj)


def service(
    cluster: Cluster,
    name: str = "web",
    ip: str = "10.96.12.4",
    port: int = 80,
    target: int | str = 8080,
    selector: dict[str, str] | None = None,
    *,
    ns: str = "default",
    node_port: int | None = None,
) -> Obj:
    p: Obj = {"port": port, "protocol": "TCP", "targetPort": target}
    if node_port:
        p["nodePort"] = node_port
    obj = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": ns},
        "spec": {
            "clusterIP": ip,
            "clusterIPs": [ip],
            "ports": [p],
            "selector": selector or {"app": "web"},
            "type": "NodePort" if node_port else "ClusterIP",
        },
    }
    return cluster.insert("Service", obj)
