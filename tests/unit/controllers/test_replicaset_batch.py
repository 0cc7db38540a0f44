"""A ReplicaSet sync's creates from one template (controllers/replicaset.py slow_start_batch):
the pods after the first are sent as shallow copies of one request and looked up once per batch
(store/createbatch.py Run), and the cluster they leave is the one each create through its own
request and lookup leaves, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest

from minikube_lite.api import objects as o
from minikube_lite.controllers import loop, replicaset
from minikube_lite.store import apiserver, bootstrap, createbatch
from tests import builders as mk


def _rollout(replicas: int) -> str:
    cluster = bootstrap.new_cluster(mode="manual", seed=3)
    apiserver.create(cluster, "Deployment", mk.http_go(replicas=replicas))
    loop.settle(cluster)
    d = o.deepcopy(cluster.get("Deployment", "default", "http-go"))
    d["spec"]["template"]["spec"]["containers"][0]["image"] = mk.HTTP_GO_V2
    apiserver.update(cluster, "Deployment", d)
    for _ in range(2000):
        if not loop.step(cluster, cluster.now + 600):
            break
    images = {p["spec"]["containers"][0]["image"] for p in cluster.list("Pod", "default")}
    assert images == {mk.HTTP_GO_V2} and cluster.count("Pod") == replicas  # rolled, scaled down
    return json.dumps(cluster.to_doc(), sort_keys=False)


def test_the_batch_leaves_the_state_each_create_on_its_own_leaves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batched = _rollout(12)
    # each create with its own new_pod request and its own lookup (the path before the batch)
    real = replicaset.create_pod

    def one_by_one(*args: Any, **kwargs: Any) -> Any:
        kwargs["template"] = kwargs["run"] = None
        return real(*args, **kwargs)

    monkeypatch.setattr(replicaset, "create_pod", one_by_one)
    assert batched == _rollout(12)


def test_one_request_and_one_lookup_per_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    looked: list[str] = []
    real_new, real_lookup = replicaset.new_pod, createbatch.lookup
    monkeypatch.setattr(
        replicaset, "new_pod", lambda rs, fl: (built.append(o.name(rs)), real_new(rs, fl))[1]
    )
    monkeypatch.setattr(
        createbatch, "lookup", lambda c, r, m: (looked.append(m), real_lookup(c, r, m))[1]
    )
    cluster = bootstrap.new_cluster(mode="manual", seed=3)
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=6))
    loop.settle(cluster)
    assert cluster.count("Pod") == 6
    assert len(built) == 2  # the first pod's request, then the one the others copy
    assert len(looked) == 1  # the second pod's: it serves the next four


def test_the_shared_request_is_not_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Any, str]] = []
    real = replicaset.create_pod

    def watch(*args: Any, **kwargs: Any) -> Any:
        template = kwargs.get("template")
        if template is not None:
            seen.append((template, json.dumps(template)))
        return real(*args, **kwargs)

    monkeypatch.setattr(replicaset, "create_pod", watch)
    cluster = bootstrap.new_cluster(mode="manual", seed=3)
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=5))
    loop.settle(cluster)
    assert len(seen) == 4
    assert all(json.dumps(t) == text for t, text in seen)
    assert len({id(t) for t, _ in seen}) == 1
