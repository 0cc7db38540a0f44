"""Builders shared by the controller unit tests (imported as a plain module)."""

from __future__ import annotations

from typing import Any

from minikube_lite.controllers import loop
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]


def deployment(name: str = "web", replicas: int = 3, image: str = "nginx:1.14.2", **spec: Any) -> Obj:
    """A Deployment manifest (before API defaulting)."""
    d: Obj = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": {"app": name}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": name, "image": image, "ports": [{"containerPort": 80}]}]},
            },
        },
    }
    d["spec"].update(spec)
    return d


def rolling(surge: Any, unavailable: Any) -> Obj:
    return {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable}}


def pod(name: str = "p", image: str = "nginx:1.14.2", **spec: Any) -> Obj:
    p: Obj = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {"run": name}},
        "spec": {"containers": [{"name": name, "image": image}]},
    }
    p["spec"].update(spec)
    return p


def create(cluster: Cluster, kind: str, obj: Obj) -> Obj:
    out = apiserver.create(cluster, kind, obj)
    loop.settle(cluster)
    return out


def advance(cluster: Cluster, seconds: float) -> None:
    loop.advance_to(cluster, cluster.now + seconds)


def events(cluster: Cluster, obj: Obj, reason: str | None = None) -> list[str]:
    return [e["message"] for e in cluster.events_for(obj) if reason is None or e["reason"] == reason]
