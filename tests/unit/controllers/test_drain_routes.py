"""controllers/loop.py _drain_changes: one drain of many changes (its inlined common pod route,
and a removed pod's owner keys queued once per owner) wakes exactly the work queue keys that
routing each change on its own wakes (loop._route with a fresh _Drain, nothing carried over)."""

from __future__ import annotations

import pytest

from minikube_lite.api.objects import Obj
from minikube_lite.controllers import loop
from minikube_lite.store.cluster import Cluster, new_doc

NOW = 1_700_000_000.0


def _ref(kind: str, name: str, uid: str) -> dict[str, object]:
    return {"apiVersion": "v1", "kind": kind, "name": name, "uid": uid, "controller": True}


def _pod(
    name: str, ns: str = "default", owner: dict[str, object] | None = None, **spec: object
) -> Obj:
    meta: dict[str, object] = {"name": name, "namespace": ns, "labels": {"app": "web"}}
    if owner is not None:
        meta["ownerReferences"] = [owner]
    return {"metadata": meta, "spec": {"containers": [{"name": "c"}], **spec}, "status": {}}


def _cluster() -> Cluster:
    cluster = Cluster(new_doc("t", "manual", 1.0, 1, NOW, NOW))
    for ns in ("default", "other", "going"):
        cluster.insert("Namespace", {"metadata": {"name": ns}, "status": {"phase": "Active"}})
    going = cluster.get("Namespace", None, "going")
    assert going is not None
    going["status"]["phase"] = "Terminating"
    cluster.insert("Node", {"metadata": {"name": "minikube"}, "spec": {}})
    cluster.insert(
        "Node",
        {
            "metadata": {"name": "tainted"},
            "spec": {"taints": [{"key": "k", "effect": "NoExecute"}]},
        },
    )
    dep = cluster.insert("Deployment", {"metadata": {"name": "web", "namespace": "default"}})
    rs = {"metadata": {"name": "web-1", "namespace": "default"}}
    rs["metadata"]["ownerReferences"] = [_ref("Deployment", "web", dep["metadata"]["uid"])]
    cluster.insert("ReplicaSet", rs)
    cluster.insert("ReplicaSet", {"metadata": {"name": "lone", "namespace": "default"}})
    cluster.insert(
        "ReplicaSet",
        {
            "metadata": {"name": "match", "namespace": "default"},
            "spec": {"selector": {"matchLabels": {"app": "web"}}},
        },
    )
    cluster.state["unschedulable"] = {"default/waiting": NOW + 300}
    return cluster


def _writes(cluster: Cluster) -> None:
    """Pods of every shape the pod route tells apart, written (and some removed) in one go."""
    web = _ref("ReplicaSet", "web-1", "rs-uid")
    lone = _ref("ReplicaSet", "lone", "lone-uid")
    pods = [
        _pod("bound-a", owner=web, nodeName="minikube"),
        _pod("bound-b", owner=web, nodeName="minikube"),
        _pod("pending", owner=web),
        _pod("on-tainted", owner=lone, nodeName="tainted"),
        _pod("orphan", nodeName="minikube"),
        _pod("rc-pod", owner=_ref("ReplicationController", "rc", "rc-uid")),
        _pod("job-pod", owner=_ref("Job", "job", "job-uid"), nodeName="minikube"),
        _pod("elsewhere", "other", owner=_ref("ReplicaSet", "web-1", "x"), nodeName="minikube"),
        _pod("in-going", "going", owner=lone, nodeName="minikube"),
        _pod("gone-a", owner=web, nodeName="minikube"),
        _pod("gone-b", owner=web, nodeName="minikube"),
        _pod("gone-c", owner=web),
        _pod("gone-solo", owner=_ref("ReplicaSet", "solo", "solo-uid"), nodeName="minikube"),
        _pod("gone-orphan"),
        _pod("gone-going-a", "going", owner=lone, nodeName="minikube"),
        _pod("gone-going-b", "going", owner=lone, nodeName="minikube"),
        _pod("gone-rc", owner=_ref("ReplicationController", "rc2", "rc2-uid")),
    ]
    fg = _pod("held", owner=web, nodeName="minikube")
    fg["metadata"]["finalizers"] = [loop.FOREGROUND]
    for p in [*pods, fg]:
        cluster.insert("Pod", p)
    for p in pods[:4]:
        cluster.touch("Pod", p)  # written twice
    for p in pods:
        if p["metadata"]["name"].startswith("gone"):
            cluster.remove("Pod", p)


def _alone(cluster: Cluster, by_kubelet: bool) -> dict[str, set[str]]:
    """The queues each change wakes when routed on its own."""
    changes, cluster.changes = cluster.changes, []
    for kind, key, obj in changes:
        loop._route(cluster, kind, key, obj, loop._Drain(cluster, by_kubelet))
    return {name: keys for name, keys in cluster.queues.items() if keys}


@pytest.mark.parametrize("after", ["", "kubelet"])
def test_one_drain_wakes_what_each_change_alone_wakes(after: str) -> None:
    one = _cluster()
    alone = _cluster()
    one.queues.clear()
    alone.queues.clear()
    one.changes.clear()
    alone.changes.clear()
    _writes(one)
    _writes(alone)
    assert [k for _, k, _ in one.changes] == [k for _, k, _ in alone.changes]
    loop._drain_changes(one, after)
    got = {name: keys for name, keys in one.queues.items() if keys}
    want = _alone(alone, after == "kubelet")
    assert got == want
    # the cases are all there: removed pods of one owner each wake the garbage collector
    assert "default/web-1" in got["replicaset"] and "default/web" in got["deployment"]
    assert "going" in got["namespace"] and "*" in got["scheduler"]
    assert "default/solo" in got["replicaset"] and "default/rc2" in got["replication"]
    assert "pod/default/on-tainted" in got["tainteviction"]
    assert sum(1 for k in got["gc"] if not k.startswith("fg/")) == 8  # each removed pod's uid
