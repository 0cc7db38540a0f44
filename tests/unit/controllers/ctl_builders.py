"""Cluster helpers shared by the controller unit tests (objects come from tests/builders.py)."""

from __future__ import annotations

from typing import Any

from minikube_lite.controllers import loop
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]


def create(cluster: Cluster, kind: str, obj: Obj) -> Obj:
    out = apiserver.create(cluster, kind, obj)
    loop.settle(cluster)
    return out


def advance(cluster: Cluster, seconds: float) -> None:
    loop.advance_to(cluster, cluster.now + seconds)


def events(cluster: Cluster, obj: Obj, reason: str | None = None) -> list[str]:
    return [
        e["message"] for e in cluster.events_for(obj) if reason is None or e["reason"] == reason
    ]
