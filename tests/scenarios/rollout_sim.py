"""Helpers for rollout scenarios driven through the API server and the reconcile loop (no CLI).

The Deployments they act on are built with tests/builders.py (``mk.deployment``)."""

from __future__ import annotations

from typing import Any

from minikube_lite.api import objects as o
from minikube_lite.controllers import common, loop
from minikube_lite.controllers.deployment import util
from minikube_lite.store import apiserver, bootstrap
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]


def new_cluster(max_pods: int | None = None) -> Cluster:
    """A manual-clock cluster; ``max_pods`` raises the node's pod capacity (the kubelet's 110)."""
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    if max_pods is not None:
        status = cluster.get("Node", None, "minikube")["status"]
        status["capacity"]["pods"] = status["allocatable"]["pods"] = str(max_pods)
    return cluster


def get(cluster: Cluster, name: str = "web") -> Obj:
    d = cluster.get("Deployment", "default", name)
    assert d is not None
    return d


def edit(cluster: Cluster, name: str = "web", **changes: Any) -> Obj:
    """A user update of the Deployment: ``image=``, ``replicas=``, ``paused=``,
    or ``spec=callable``.
    """
    d = o.deepcopy(get(cluster, name))
    if "image" in changes:
        d["spec"]["template"]["spec"]["containers"][0]["image"] = changes["image"]
    if "replicas" in changes:
        d["spec"]["replicas"] = changes["replicas"]
    if "paused" in changes:
        d["spec"]["paused"] = changes["paused"]
    if "mutate" in changes:
        changes["mutate"](d)
    stored, _ = apiserver.update(cluster, "Deployment", d)
    loop.settle(cluster)
    return stored


def replica_sets(cluster: Cluster, name: str = "web") -> list[Obj]:
    """The deployment's ReplicaSets, oldest first."""
    return util.by_creation_timestamp(cluster.owned("ReplicaSet", o.uid(get(cluster, name))))


def spec_sum(cluster: Cluster, name: str = "web") -> int:
    return sum(o.spec_replicas(rs) for rs in replica_sets(cluster, name))


def available_pods(cluster: Cluster, name: str = "web") -> int:
    """Pods that really are available now (not terminating, Ready for minReadySeconds)."""
    d = get(cluster, name)
    min_ready = int(d["spec"].get("minReadySeconds") or 0)
    return sum(
        1
        for rs in replica_sets(cluster, name)
        for p in cluster.owned("Pod", o.uid(rs))
        if common.is_pod_active(p) and common.is_pod_available(p, min_ready, cluster.now)
    )


def complete(cluster: Cluster, name: str = "web") -> bool:
    d = get(cluster, name)
    st = d.get("status", {})
    n = o.spec_replicas(d)
    pods = [p for rs in replica_sets(cluster, name) for p in cluster.owned("Pod", o.uid(rs))]
    return (
        st.get("updatedReplicas", 0) == n
        and st.get("availableReplicas", 0) == n
        and st.get("replicas", 0) == n
        and st.get("observedGeneration", 0) >= o.generation(d)
        and len(pods) == n
    )


def progressing(cluster: Cluster, name: str = "web") -> Obj:
    c = o.condition(get(cluster, name), "Progressing")
    assert c is not None
    return c


def deployment_events(cluster: Cluster, name: str = "web") -> list[str]:
    return [e["message"] for e in cluster.events_for(get(cluster, name))]


def wait_complete(cluster: Cluster, name: str = "web", limit: float = 600) -> None:
    end = cluster.now + limit
    loop.settle(cluster)
    while not complete(cluster, name):
        at = cluster.next_timer_at()
        assert at is not None and at <= end, "rollout did not complete"
        loop.advance_to(cluster, at)
