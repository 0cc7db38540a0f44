"""Namespace lifecycle — ``pkg/controller/namespace/deletion`` (namespaced_resources_deleter.go).

A Terminating namespace has all its content deleted (pods gracefully); once nothing but events
is left, the events go and the namespace object is removed.  loop.route re-queues the namespace
whenever an object inside a terminating namespace disappears.
"""

from __future__ import annotations

from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

# Owners first, so the garbage collector's cascade and ours agree.
_ORDER = (
    "Deployment",
    "ReplicaSet",
    "ReplicationController",
    "StatefulSet",
    "CronJob",
    "Job",
    "Pod",
)


def _content_kinds(cluster: Cluster) -> list[str]:
    present = [
        k
        for k in cluster.objects
        if k in kinds.KINDS and kinds.KINDS[k].namespaced and k != "Event"
    ]
    return [k for k in _ORDER if k in present] + sorted(k for k in present if k not in _ORDER)


def sync(cluster: Cluster, name: str) -> None:
    """Finalize a terminating namespace: delete its content, then the namespace itself."""
    ns = cluster.get("Namespace", None, name)
    if ns is None or ns.get("status", {}).get("phase") != "Terminating":
        return
    for kind in _content_kinds(cluster):
        for obj in cluster.list(kind, name):
            if kind == "Pod":
                if not o.is_deleting(obj):
                    apiserver.delete_pod(cluster, obj)
            elif cluster.get(kind, name, o.name(obj)) is not None:
                apiserver.delete(cluster, kind, obj)
    if any(cluster.list(kind, name) for kind in _content_kinds(cluster)):
        return
    for ev in cluster.list("Event", name):
        cluster.remove("Event", ev)
    cluster.remove("Namespace", ns)
