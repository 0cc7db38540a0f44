"""controllers/loop.py: the reconcile loop's controller table."""

from __future__ import annotations

import importlib

import pytest

from minikube_lite.controllers import loop
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk


def test_every_controller_in_order_imports() -> None:
    assert set(loop.ORDER) == set(loop._MODULES)
    for name in loop.ORDER:
        assert hasattr(importlib.import_module(loop._MODULES[name]), "sync"), name


def test_a_missing_controller_module_fails_loudly(
    cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A controller whose module is missing is a bug, not "not built yet": the loop raises."""
    missing = "minikube_lite.controllers.no_such_controller"
    monkeypatch.setitem(loop._MODULES, "quota", missing)
    monkeypatch.delitem(loop._loaded, "quota", raising=False)
    cluster.enqueue("quota", "default")
    with pytest.raises(ModuleNotFoundError, match="no_such_controller"):
        loop.settle(cluster)


def _kubelet_syncs(cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every kubelet sync the loop runs (its key)."""
    mod = importlib.import_module(loop._MODULES["kubelet"])
    synced: list[str] = []
    real = mod.sync

    def sync(c: Cluster, key: str) -> None:
        synced.append(key)
        real(c, key)

    monkeypatch.setattr(mod, "sync", sync)
    return synced


def test_the_kubelets_own_writes_do_not_wake_it(
    cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pod is synced on the bind, its due timers and its deletion, not after its own status
    writes or its removal (those syncs found nothing due); the writes still wake the others."""
    synced = _kubelet_syncs(cluster, monkeypatch)
    apiserver.create(cluster, "Deployment", mk.http_go(1, mk.HTTP_GO_V1))
    loop.settle(cluster)
    key = next(iter(cluster.objects["Pod"]))
    loop.advance_to(cluster, cluster.now + 60)  # sandbox, pull, start: two status writes
    pod = cluster.get_key("Pod", key)
    assert pod is not None and pod["status"]["phase"] == "Running"
    rs = cluster.list("ReplicaSet", "default")[0]
    assert rs["status"].get("readyReplicas") == 1  # the status write woke the ReplicaSet
    apiserver.delete(cluster, "Pod", pod)
    loop.advance_to(cluster, cluster.now + 60)  # Killing, then the pod goes away
    assert synced.count(key) == 5  # bind, sandbox, pulled, deletion, removal timer
    assert not any(q for q in cluster.queues.values())
