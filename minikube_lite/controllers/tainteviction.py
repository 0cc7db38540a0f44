"""The taint eviction controller: pods on a node with a NoExecute taint they do not tolerate go.

Port of ``pkg/controller/tainteviction/taint_eviction.go`` (``processPodOnNode``,
``getMinTolerationTime``) [SIM: one node, no work queue]: a pod that does not tolerate every
NoExecute taint is deleted at once; one that tolerates them all with ``tolerationSeconds`` is
deleted that many seconds later (the smallest; counted from when the controller saw the taint,
not from the taint's ``timeAdded``), unless the taint is gone by then.  Each deletion is marked
with a ``DisruptionTarget`` condition and a ``TaintManagerEviction`` event, as upstream.  Keys are
node names (a node changed) or ``pod/<ns>/<name>`` (a pod bound or its timer due).
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api import taints
from minikube_lite.api.objects import Obj
from minikube_lite.store import apiserver, events
from minikube_lite.store.cluster import Cluster, obj_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

COMPONENT = "taint-eviction-controller"
NAME = "tainteviction"
DUE_KEY = "tainteviction"  # cluster.state: pod key -> the instant it is to be deleted


def sync(cluster: Cluster, key: str) -> None:
    if key.startswith("pod/"):
        pod = cluster.get_key("Pod", key[4:])
        node_name = (pod.get("spec") or {}).get("nodeName") if pod else None
        node = cluster.get("Node", None, node_name) if node_name else None
        if pod is not None and node is not None:
            process_pod_on_node(cluster, pod, _no_execute(node))
        else:
            cluster.state.get(DUE_KEY, {}).pop(key[4:], None)
        return
    node = cluster.get("Node", None, key)
    if node is None:
        return
    no_execute = _no_execute(node)
    for pod in cluster.list("Pod"):
        if (pod.get("spec") or {}).get("nodeName") == key:
            process_pod_on_node(cluster, pod, no_execute)


def _no_execute(node: Obj) -> list[taints.Taint]:
    return [
        t
        for t in (node.get("spec") or {}).get("taints") or []
        if isinstance(t, dict) and t.get("effect") == "NoExecute"
    ]


def min_toleration_seconds(used: list[dict[str, Any]]) -> float | None:
    """getMinTolerationTime: the smallest tolerationSeconds (negative: 0); None: forever."""
    secs = [t.get("tolerationSeconds") for t in used]
    bounded = [max(0, int(s)) for s in secs if s is not None]
    return float(min(bounded)) if bounded else None


def process_pod_on_node(cluster: Cluster, pod: Obj, no_execute: list[taints.Taint]) -> None:
    """processPodOnNode: evict now, later, or cancel a pending eviction."""
    due: dict[str, float] = cluster.state.setdefault(DUE_KEY, {})
    key = obj_key(pod)
    if o.is_deleting(pod) or not no_execute:
        due.pop(key, None)
        return
    tolerations = (pod.get("spec") or {}).get("tolerations") or []
    used: list[dict[str, Any]] = []
    for taint in no_execute:
        match = [t for t in tolerations if isinstance(t, dict) and taints.tolerates(t, taint)]
        if not match:
            _evict(cluster, pod)
            due.pop(key, None)
            return
        used += match
    seconds = min_toleration_seconds(used)
    if seconds is None:
        due.pop(key, None)
        return
    at = due.setdefault(key, cluster.now + seconds)
    if cluster.now >= at:
        due.pop(key, None)
        _evict(cluster, pod)
        return
    cluster.schedule(at, NAME, f"pod/{key}")


def _evict(cluster: Cluster, pod: Obj) -> None:
    """addConditionAndDeletePod, then the event."""
    status = pod.setdefault("status", {})
    conds = [c for c in status.get("conditions") or () if c.get("type") != "DisruptionTarget"]
    conds.append(
        {
            "lastProbeTime": None,
            "lastTransitionTime": clock.rfc3339(cluster.now),
            "message": "Taint manager: deleting due to NoExecute taint",
            "reason": "DeletionByTaintManager",
            "status": "True",
            "type": "DisruptionTarget",
        }
    )
    status["conditions"] = conds
    cluster.touch("Pod", pod)
    apiserver.delete_pod(cluster, pod)
    events.record(
        cluster,
        events.EventRecord(
            pod,
            "Pod",
            "Normal",
            "TaintManagerEviction",
            f"Marking for deletion Pod {o.namespace(pod)}/{o.name(pod)}",
            COMPONENT,
        ),
    )
