"""The node lifecycle controller's NoSchedule tainting pass [SIM: only the cordon taint].

Port of ``doNoScheduleTaintingPass`` (pkg/controller/nodelifecycle/node_lifecycle_controller.go)
for ``spec.unschedulable``: a cordoned node gets the ``node.kubernetes.io/unschedulable:NoSchedule``
taint (with ``timeAdded``), and loses it on ``uncordon``, so ``describe node`` shows it as on a
real cluster.  The node's conditions are always healthy here, so no other taint is managed.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import taints
from minikube_lite.store.cluster import Cluster

KEY = str(taints.UNSCHEDULABLE_TAINT["key"])


def sync(cluster: Cluster, name: str) -> None:
    node = cluster.get("Node", None, name)
    if node is None:
        return
    spec = node.setdefault("spec", {})
    current = list(spec.get("taints") or [])
    has = any(t.get("key") == KEY and t.get("effect") == "NoSchedule" for t in current)
    want = bool(spec.get("unschedulable"))
    if has == want:
        return
    if want:
        current.append(
            {"key": KEY, "effect": "NoSchedule", "timeAdded": clock.rfc3339(cluster.now)}
        )
    else:
        current = [
            t for t in current if not (t.get("key") == KEY and t.get("effect") == "NoSchedule")
        ]
    if current:
        spec["taints"] = current
    else:
        spec.pop("taints", None)
    cluster.touch("Node", node)
