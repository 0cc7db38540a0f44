"""Garbage collection, namespace finalization, endpoints and quota status."""

from __future__ import annotations

from typing import Any

from minikube_lite.api import objects as o
from minikube_lite.controllers import gc, loop
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]


def service(name: str = "web", target: Any = 80, **spec: Any) -> Obj:
    s: Obj = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name},
        "spec": {"selector": {"app": name}, "ports": [{"port": 80, "targetPort": target}]},
    }
    s["spec"].update(spec)
    return s


def test_deleting_deployment_cascades(cluster: Cluster) -> None:
    b.create(cluster, "Deployment", mk.deployment(replicas=2))
    b.advance(cluster, 5)
    apiserver.delete(cluster, "Deployment", cluster.get("Deployment", "default", "web"))
    loop.settle(cluster)
    assert cluster.list("ReplicaSet", "default") == []
    pods = cluster.list("Pod", "default")
    assert len(pods) == 2 and all(o.is_deleting(p) for p in pods)
    b.advance(cluster, 1)
    assert cluster.list("Pod", "default") == []


def test_orphan_dependents_keeps_pods(cluster: Cluster) -> None:
    b.create(cluster, "Deployment", mk.deployment(replicas=1))
    b.advance(cluster, 5)
    rs = cluster.list("ReplicaSet", "default")[0]
    assert gc.orphan_dependents(cluster, rs) == 1
    apiserver.delete(cluster, "ReplicaSet", rs)
    apiserver.delete(cluster, "Deployment", cluster.get("Deployment", "default", "web"))
    loop.settle(cluster)
    pods = cluster.list("Pod", "default")
    assert len(pods) == 1 and not o.is_deleting(pods[0]) and o.controller_ref(pods[0]) is None


def test_namespace_finalization(cluster: Cluster) -> None:
    b.create(
        cluster, "Namespace", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}
    )
    d = mk.deployment(replicas=2)
    d["metadata"]["namespace"] = "dev"
    b.create(cluster, "Deployment", d)
    b.advance(cluster, 5)
    apiserver.delete(cluster, "Namespace", cluster.get("Namespace", None, "dev"))
    loop.settle(cluster)
    assert cluster.get("Namespace", None, "dev")["status"]["phase"] == "Terminating"
    assert cluster.list("Deployment", "dev") == [] and all(
        o.is_deleting(p) for p in cluster.list("Pod", "dev")
    )
    b.advance(cluster, 1)
    assert cluster.get("Namespace", None, "dev") is None
    assert cluster.list("Event", "dev") == [] and cluster.list("ConfigMap", "dev") == []


def test_kubernetes_endpoints_exist(cluster: Cluster) -> None:
    ep = cluster.get("Endpoints", "default", "kubernetes")
    assert ep["subsets"] == [
        {
            "addresses": [{"ip": "192.168.49.2"}],
            "ports": [{"name": "https", "port": 8443, "protocol": "TCP"}],
        }
    ]


def test_endpoints_ready_not_ready_and_terminating(cluster: Cluster) -> None:
    d = mk.deployment(replicas=2)
    d["spec"]["template"]["spec"]["containers"][0]["ports"] = [
        {"containerPort": 80, "name": "http"}
    ]
    b.create(cluster, "Deployment", d)
    b.create(cluster, "Service", service(target="http"))
    ep = cluster.get("Endpoints", "default", "web")
    assert "subsets" not in ep  # no pod IPs yet
    b.advance(cluster, 1)
    subset = cluster.get("Endpoints", "default", "web")["subsets"][0]
    assert [a["ip"] for a in subset["notReadyAddresses"]] == ["10.244.0.3", "10.244.0.4"]
    assert subset["ports"] == [{"port": 80, "protocol": "TCP"}]
    b.advance(cluster, 3)
    subset = cluster.get("Endpoints", "default", "web")["subsets"][0]
    assert "notReadyAddresses" not in subset and len(subset["addresses"]) == 2
    addr = subset["addresses"][0]
    assert addr["nodeName"] == "minikube" and addr["targetRef"]["kind"] == "Pod"
    victim = cluster.get("Pod", "default", addr["targetRef"]["name"])
    apiserver.delete_pod(cluster, victim)
    loop.settle(cluster)
    ips = [
        a["ip"]
        for s in cluster.get("Endpoints", "default", "web")["subsets"]
        for a in s.get("addresses", [])
    ]
    assert addr["ip"] not in ips
    apiserver.delete(cluster, "Service", cluster.get("Service", "default", "web"))
    loop.settle(cluster)
    assert cluster.get("Endpoints", "default", "web") is None


def test_quota_status_used(cluster: Cluster) -> None:
    quota = {
        "apiVersion": "v1",
        "kind": "ResourceQuota",
        "metadata": {"name": "q"},
        "spec": {"hard": {"pods": "4", "requests.cpu": "2", "limits.memory": "1Gi"}},
    }
    b.create(cluster, "ResourceQuota", quota)
    d = mk.deployment(replicas=3)
    d["spec"]["template"]["spec"]["containers"][0]["resources"] = {
        "requests": {"cpu": "300m"},
        "limits": {"memory": "128Mi"},
    }
    b.create(cluster, "Deployment", d)
    st = cluster.get("ResourceQuota", "default", "q")["status"]
    assert st["used"] == {"limits.memory": "384Mi", "pods": "3", "requests.cpu": "900m"}
    assert st["hard"] == {"limits.memory": "1Gi", "pods": "4", "requests.cpu": "2"}


def test_foreground_deletion_waits_for_the_dependents(cluster: Cluster) -> None:
    b.create(cluster, "Deployment", mk.deployment(replicas=2))
    b.advance(cluster, 5)
    d = cluster.get("Deployment", "default", "web")
    apiserver.delete(cluster, "Deployment", d, propagation="Foreground")
    loop.settle(cluster)
    d = cluster.get("Deployment", "default", "web")
    assert d is not None and d["metadata"]["finalizers"] == ["foregroundDeletion"]
    (rs,) = cluster.list("ReplicaSet", "default")
    assert o.is_deleting(rs) and rs["metadata"]["finalizers"] == ["foregroundDeletion"]
    assert all(o.is_deleting(p) for p in cluster.list("Pod", "default"))
    b.advance(cluster, 1)  # the pods stop 1 s after SIGTERM; then the RS, then the Deployment
    assert cluster.list("Pod", "default") == []
    assert cluster.list("ReplicaSet", "default") == []
    assert cluster.get("Deployment", "default", "web") is None
