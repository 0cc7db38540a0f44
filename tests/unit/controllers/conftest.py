"""Fixtures for controller unit tests: an in-memory cluster with a manual clock (seed 1)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from minikube_lite.store import bootstrap
from minikube_lite.store.cluster import Cluster


@pytest.fixture
def cluster() -> Cluster:
    return bootstrap.new_cluster(mode="manual", seed=1)


@pytest.fixture(autouse=True)
def _settles(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """No test may leave the reconcile loop spinning (it gives up after MAX_ITERATIONS)."""
    yield
    assert "did not settle" not in caplog.text
