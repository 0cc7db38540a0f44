"""controllers/loop.py: the reconcile loop's controller table."""

from __future__ import annotations

import importlib

import pytest

from minikube_lite.controllers import loop
from minikube_lite.store.cluster import Cluster


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
