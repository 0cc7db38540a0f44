"""The scheduler's pod-count bound (scheduler._count_bound): a pod that requests nothing fits
while the count last computed plus the Pod writes since leaves room, without reading the pods
written since; near the limit it counts exactly.  Either way the answer is the uncached one,
after a pod is written through each write path of the store."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import scheduler
from minikube_lite.store import nodeusage
from minikube_lite.store.cluster import Cluster, new_doc

NOW = 1_700_000_000.0


def _pod(name: str, node: str | None = "minikube", cpu: str | None = None) -> Obj:
    res = {"requests": {"cpu": cpu}} if cpu else {}
    spec: dict[str, object] = {"containers": [{"name": "c", "image": "x", "resources": res}]}
    if node:
        spec["nodeName"] = node
    return {
        "metadata": {"name": name, "namespace": "default"},
        "spec": spec,
        "status": {"phase": "Running"},
    }


def _cluster(pods: int, allowed: int) -> tuple[Cluster, Obj]:
    cluster = Cluster(new_doc("t", "manual", 1.0, 1, NOW, NOW))
    node = cluster.insert(
        "Node",
        {
            "metadata": {"name": "minikube"},
            "spec": {},
            "status": {"allocatable": {"pods": str(allowed), "cpu": "2", "memory": "8Gi"}},
        },
    )
    for i in range(pods):
        cluster.insert("Pod", _pod(f"p{i}"))
    return cluster, node


def _uncached(cluster: Cluster, node: Obj, pod: Obj) -> list[str]:
    """The fit as a Cluster with no memo sees it (it counts every pod)."""
    return scheduler.insufficient(Cluster(cluster.doc), node, pod)


def _steps(cluster: Cluster) -> list[Callable[[], None]]:
    def get(name: str) -> Obj:
        p = cluster.get("Pod", "default", name)
        assert p is not None
        return p

    def insert() -> None:
        cluster.insert("Pod", _pod(f"new-{cluster.count('Pod')}"))

    def touch() -> None:  # a pending pod bound in place
        p = cluster.insert("Pod", _pod("pending", node=None))
        p["spec"]["nodeName"] = "minikube"
        cluster.touch("Pod", p)

    def replace() -> None:
        p = o.deepcopy(get("p1"))
        p["status"]["phase"] = "Succeeded"
        cluster.replace("Pod", p)

    def replace_back() -> None:
        p = o.deepcopy(get("p1"))
        p["status"]["phase"] = "Running"
        cluster.replace("Pod", p)

    def rewrote() -> None:
        p = cluster.insert("Pod", _pod("quiet", node=None))
        p["spec"]["nodeName"] = "minikube"
        p["metadata"]["resourceVersion"] = str(cluster.resource_version + 1)
        cluster.doc["resourceVersion"] = cluster.resource_version + 1
        cluster.rewrote("Pod", p)

    def remove() -> None:
        cluster.remove("Pod", get("p2"))

    def reinsert() -> None:  # a key counted before, another object now (pending, then bound)
        cluster.remove("Pod", get("p0"))
        p = cluster.insert("Pod", _pod("p0", node=None))
        p["spec"]["nodeName"] = "minikube"
        cluster.touch("Pod", p)

    return [insert, touch, replace, replace_back, rewrote, remove, reinsert, insert, insert]


@pytest.mark.parametrize("pods", [0, 3, 5, 8])
def test_the_fit_is_the_uncached_one_after_every_write_path(pods: int) -> None:
    cluster, node = _cluster(pods, allowed=9)
    nothing, some = _pod("x", node=None), _pod("y", node=None, cpu="100m")
    for step in [lambda: None, *_steps(cluster)] if pods > 2 else [lambda: None]:
        step()
        for pod in (nothing, some, nothing):
            assert scheduler.insufficient(cluster, node, pod) == _uncached(cluster, node, pod)


def test_room_under_the_bound_reads_no_pod(monkeypatch: pytest.MonkeyPatch) -> None:
    cluster, node = _cluster(10, allowed=1000)
    pod = _pod("x", node=None)
    assert scheduler.insufficient(cluster, node, pod) == []  # counts once
    for i in range(20):
        cluster.insert("Pod", _pod(f"more{i}"))

    def no_scan(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pods were read")

    monkeypatch.setattr(nodeusage, "total", no_scan)
    assert scheduler.insufficient(cluster, node, pod) == []
    with pytest.raises(AssertionError, match="were read"):  # a pod that requests cpu: exact
        scheduler.insufficient(cluster, node, _pod("y", node=None, cpu="1"))


def test_the_counted_keys_follow_the_writes() -> None:
    cluster, _ = _cluster(6, allowed=9)
    for step in [lambda: None, *_steps(cluster)]:
        step()
        scheduler._node_usage(cluster)
        kept = cluster.memo("nodeusage.pods")
        want = {
            k
            for k, p in cluster.objects["Pod"].items()
            if p["spec"].get("nodeName") == "minikube" and p["status"]["phase"] == "Running"
        }
        assert nodeusage.counted(kept, "minikube") == want
