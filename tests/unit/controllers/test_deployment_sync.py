"""Unit tests of sync.go / rolling.go / progress.go ports on hand-built ReplicaSets
(no reconcile loop).
"""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite.api import objects as o
from minikube_lite.controllers.deployment import conditions as cond
from minikube_lite.controllers.deployment import progress, rolling, sync
from minikube_lite.store.cluster import Cluster
from tests import builders as mk

Obj = dict[str, Any]


def put_deployment(
    cluster: Cluster, replicas: int, surge: Any = 0, unavailable: Any = 1, status_replicas: int = 0
) -> Obj:
    d = mk.deployment(
        replicas=replicas,
        image="nginx",
        port=None,
        namespace="default",
        strategy=mk.rolling(surge, unavailable),
        progressDeadlineSeconds=600,
        revisionHistoryLimit=10,
    )
    d["status"] = {"replicas": status_replicas} if status_replicas else {}
    return cluster.insert("Deployment", d)


def put_rs(
    cluster: Cluster,
    name: str,
    replicas: int,
    max_replicas: int | None = None,
    available: int = 0,
    age: int = 0,
) -> Obj:
    """An RS created ``age`` seconds after the previous ones
    (so ordering by creation is defined).
    """
    cluster.now += age
    ann = {"deployment.kubernetes.io/revision": "1"}
    if max_replicas is not None:
        ann["deployment.kubernetes.io/max-replicas"] = str(max_replicas)
        ann["deployment.kubernetes.io/desired-replicas"] = str(max_replicas)
    rs: Obj = {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {"name": name, "namespace": "default", "annotations": ann},
        "spec": {"replicas": replicas},
        "status": {"replicas": replicas, "availableReplicas": available},
    }
    return cluster.insert("ReplicaSet", rs)


def sizes(*rss: Obj) -> list[int]:
    return [o.spec_replicas(r) for r in rss]


@pytest.mark.parametrize(
    ("old_size", "new_size", "before", "after"),
    [
        pytest.param(5, 10, [2, 3], [4, 6], id="5-to-10"),
        pytest.param(5, 3, [2, 3], [1, 2], id="5-to-3"),
        pytest.param(9, 4, [8, 1], [4, 0], id="9-to-4"),
        pytest.param(7, 10, [2, 3, 2], [3, 4, 3], id="7-to-10"),
        pytest.param(13, 8, [2, 8, 3], [1, 5, 2], id="13-to-8"),
        pytest.param(3, 4, [1, 1, 1], [2, 1, 1], id="3-to-4-leftover-to-newest"),
        pytest.param(3, 2, [1, 1, 1], [1, 1, 0], id="3-to-2-leftover-from-oldest"),
        pytest.param(6, 0, [3, 2, 1], [0, 0, 0], id="6-to-0"),
    ],
)
def test_scale_proportionally(
    cluster: Cluster, old_size: int, new_size: int, before: list[int], after: list[int]
) -> None:
    """Upstream TestScale: maxSurge 0, max-replicas annotation = the old deployment size;
    newest first.
    """
    d = put_deployment(cluster, new_size, 0, 1, status_replicas=old_size)
    names = [f"v{len(before) - i}" for i in range(len(before))]  # newest → oldest: v3, v2, v1
    # Same creation second: ties are broken by name, so v1 is the oldest.
    rss = {
        n: put_rs(cluster, n, size, old_size)
        for n, size in zip(reversed(names), reversed(before), strict=True)
    }
    ordered = [rss[n] for n in names]
    sync.scale(cluster, d, ordered[0], ordered[1:])
    assert sizes(*ordered) == after
    for r in ordered:
        ann = o.annotations(r)
        assert ann["deployment.kubernetes.io/desired-replicas"] == str(new_size)
        assert ann["deployment.kubernetes.io/max-replicas"] == str(new_size)


def test_scale_to_30_mid_rollout(cluster: Cluster) -> None:
    """e2e testProportionalScalingDeployment: A=8 available, B=5 broken; 10 → 30: A=20, B=13."""
    d = put_deployment(cluster, 30, 3, 2, status_replicas=13)
    a = put_rs(cluster, "web-a", 8, 13, available=8)
    b = put_rs(cluster, "web-b", 5, 13, age=10)
    sync.scale(cluster, d, b, [a])
    assert sizes(a, b) == [20, 13]
    assert o.annotations(a)["deployment.kubernetes.io/max-replicas"] == "33"
    msgs = [e["message"] for e in cluster.events_for(d)]
    assert msgs == [
        "Scaled up replica set web-a to 20 from 8",
        "Scaled up replica set web-b to 13 from 5",
    ]


def test_scale_single_active_takes_everything(cluster: Cluster) -> None:
    d = put_deployment(cluster, 7, 1, 1)
    old = put_rs(cluster, "old", 0)
    new = put_rs(cluster, "new", 3, age=1)
    sync.scale(cluster, d, new, [old])
    assert sizes(old, new) == [0, 7]


def test_reconcile_old_replica_sets_stuck_rollout(cluster: Cluster) -> None:
    """10 replicas, surge 3, unavailable 2, new image broken:
    old 10 → 8, new stays at 5, then stuck.
    """
    d = put_deployment(cluster, 10, 3, 2)
    old = put_rs(cluster, "old", 10, available=10)
    new = put_rs(cluster, "new", 3, age=1)
    assert rolling.reconcile_old_replica_sets(cluster, [old, new], [old], new, d)
    assert sizes(old, new) == [8, 3]
    assert rolling.reconcile_new_replica_set(cluster, [old, new], new, d)
    assert sizes(old, new) == [8, 5]
    old["status"]["availableReplicas"] = 8
    assert not rolling.reconcile_old_replica_sets(cluster, [old, new], [old], new, d)
    assert not rolling.reconcile_new_replica_set(cluster, [old, new], new, d)


def test_cleanup_unhealthy_replicas_first(cluster: Cluster) -> None:
    """Old RSes with unavailable pods are scaled down by their unavailable count first
    (oldest first).
    """
    d = put_deployment(cluster, 3, 1, 0)
    oldest = put_rs(cluster, "oldest", 2, available=2)
    broken = put_rs(cluster, "broken", 1, available=0, age=1)
    new = put_rs(cluster, "new", 1, available=1, age=1)
    _, cleaned = rolling.cleanup_unhealthy_replicas(cluster, [oldest, broken], d, 1)
    assert cleaned == 1
    assert sizes(oldest, broken, new) == [2, 0, 1]


def test_scale_down_old_respects_min_available(cluster: Cluster) -> None:
    d = put_deployment(cluster, 4, 1, 1)
    a = put_rs(cluster, "a", 3, available=3)
    b = put_rs(cluster, "b", 2, available=2, age=1)
    assert rolling.scale_down_old_replica_sets_for_rolling_update(cluster, [a, b], [a], d) == 2
    assert sizes(a) == [1]
    a["status"]["availableReplicas"] = 1
    assert rolling.scale_down_old_replica_sets_for_rolling_update(cluster, [a, b], [a], d) == 0


def test_set_condition_keeps_transition_time_and_moves_changed_to_end() -> None:
    status: Obj = {}
    cond.set_condition(status, cond.new_condition("Available", "True", "A", "m", 0))
    cond.set_condition(status, cond.new_condition("Progressing", "True", "X", "m", 0))
    cond.set_condition(
        status, cond.new_condition("Available", "True", "A", "m2", 50)
    )  # same status+reason: no-op
    assert status["conditions"][0]["lastUpdateTime"] == "1970-01-01T00:00:00Z"
    cond.set_condition(status, cond.new_condition("Available", "True", "B", "m", 100))
    assert [c["type"] for c in status["conditions"]] == ["Progressing", "Available"]
    assert status["conditions"][1]["lastTransitionTime"] == "1970-01-01T00:00:00Z"
    assert status["conditions"][1]["lastUpdateTime"] == "1970-01-01T00:01:40Z"


def test_deployment_timed_out_is_strict(cluster: Cluster) -> None:
    d = put_deployment(cluster, 1)
    status = {
        "conditions": [cond.new_condition("Progressing", "True", "ReplicaSetUpdated", "m", 0)]
    }
    assert not cond.deployment_timed_out(d, status, 600)
    assert cond.deployment_timed_out(d, status, 601)


def test_calculate_status_omits_zero_counters(cluster: Cluster) -> None:
    d = put_deployment(cluster, 0)
    rs = put_rs(cluster, "a", 0)
    st = sync.calculate_status([rs], rs, d, cluster.now)
    assert set(st) == {"observedGeneration", "conditions"}
    assert st["conditions"][0]["reason"] == "MinimumReplicasAvailable"


def test_requeue_stuck_deployment_at_deadline_plus_one(cluster: Cluster) -> None:
    d = put_deployment(cluster, 1)
    d["status"]["conditions"] = [
        cond.new_condition("Progressing", "True", "ReplicaSetUpdated", "m", cluster.now)
    ]
    at = progress.requeue_stuck_deployment(cluster, d, {"replicas": 1})
    assert at == cluster.now + 601
