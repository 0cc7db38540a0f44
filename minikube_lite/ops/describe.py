"""What ``describe`` needs besides the object: its events, ReplicaSets, pods, quotas..."""

from __future__ import annotations

from typing import Any

from minikube_lite.api import objects as o
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]


def context(cluster: Cluster, kind: str, obj: Obj) -> dict[str, Any]:
    """The related objects describe shows for ``obj`` (fields of printers.describe.DescribeContext)."""
    ns = o.namespace(obj)
    ctx: dict[str, Any] = {"events": cluster.events_for(obj)}
    if kind == "Deployment":
        ctx["replicasets"] = cluster.owned("ReplicaSet", o.uid(obj))
    elif kind == "ReplicaSet":
        ctx["pods"] = cluster.owned("Pod", o.uid(obj))
    elif kind == "Service":
        ctx["endpoints"] = cluster.get("Endpoints", ns, o.name(obj))
    elif kind == "Namespace":
        ctx["quotas"] = cluster.list("ResourceQuota", o.name(obj))
        ctx["limitranges"] = cluster.list("LimitRange", o.name(obj))
    elif kind == "Node":
        ctx["pods"] = [
            p for p in cluster.list("Pod") if p.get("spec", {}).get("nodeName") == o.name(obj)
        ]
    elif kind == "ServiceAccount":
        ctx["secrets"] = cluster.list("Secret", ns)
    return ctx
