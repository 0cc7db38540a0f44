"""ReplicaSet controller: pod naming, slow start, deletion order, FailedCreate retries, adoption."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.controllers import loop, replicaset
from minikube_lite.ids import ALPHANUMS
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]
NOW = 1_000_000.0


def rpod(
    name: str,
    node: str = "minikube",
    phase: str = "Running",
    ready_at: float | None = None,
    cost: int | None = None,
    restarts: int = 0,
    created: float = NOW - 1000,
    uid: str | None = None,
) -> Obj:
    conds = []
    if ready_at is not None:
        conds.append(
            {"type": "Ready", "status": "True", "lastTransitionTime": clock.rfc3339(ready_at)}
        )
    meta: Obj = {"name": name, "uid": uid or name, "creationTimestamp": clock.rfc3339(created)}
    if cost is not None:
        meta["annotations"] = {o.POD_DELETION_COST_ANNOTATION: str(cost)}
    return {
        "metadata": meta,
        "spec": {"nodeName": node} if node else {},
        "status": {
            "phase": phase,
            "conditions": conds,
            "containerStatuses": [{"restartCount": restarts}],
        },
    }


def ranked(*pods: Obj) -> list[str]:
    return [o.name(p) for p in replicaset.rank_pods(list(pods), NOW)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            rpod("unscheduled", node="", phase="Pending"),
            rpod("scheduled", phase="Pending"),
            id="unscheduled-first",
        ),
        pytest.param(
            rpod("pending", phase="Pending"), rpod("running"), id="pending-before-running"
        ),
        pytest.param(
            rpod("unknown", phase="Unknown"), rpod("running"), id="unknown-before-running"
        ),
        pytest.param(rpod("not-ready"), rpod("ready", ready_at=NOW - 100), id="not-ready-first"),
        pytest.param(
            rpod("cheap", ready_at=NOW - 100, cost=-5),
            rpod("dear", ready_at=NOW - 100, cost=5),
            id="lower-deletion-cost-first",
        ),
        pytest.param(
            rpod("recent", ready_at=NOW - 10),
            rpod("long", ready_at=NOW - 1000),
            id="recently-ready-first",
        ),
        pytest.param(
            rpod("crashy", restarts=4), rpod("stable", restarts=0), id="more-restarts-first"
        ),
        pytest.param(
            rpod("newer", created=NOW - 10), rpod("older", created=NOW - 5000), id="newer-first"
        ),
    ],
)
def test_pod_deletion_ranking(first: Obj, second: Obj) -> None:
    assert ranked(second, first) == [o.name(first), o.name(second)]
    assert ranked(first, second) == [o.name(first), o.name(second)]


def test_ready_times_in_same_log2_bucket_compare_uid() -> None:
    # 600 s and 700 s ago are both in the 2^39..2^40 ns bucket → smaller uid first.
    a = rpod("a", ready_at=NOW - 700, uid="bbb")
    c = rpod("c", ready_at=NOW - 600, uid="aaa")
    assert ranked(a, c) == ["c", "a"]
    a["metadata"]["uid"] = "000"
    assert ranked(c, a) == ["a", "c"]


def test_get_pods_to_delete_without_sorting_when_all_go() -> None:
    pods = [rpod("x", ready_at=NOW - 5), rpod("y")]
    assert [o.name(p) for p in replicaset.get_pods_to_delete(pods, 2, NOW)] == ["x", "y"]


def test_pod_names_and_slow_start_events(cluster: Cluster) -> None:
    b.create(cluster, "Deployment", mk.deployment(replicas=5))
    rs = cluster.list("ReplicaSet", "default")[0]
    pods = cluster.owned("Pod", o.uid(rs))
    assert len(pods) == 5
    for p in pods:
        name = o.name(p)
        assert name.startswith(o.name(rs) + "-")
        suffix = name[len(o.name(rs)) + 1 :]
        assert len(suffix) == 5 and set(suffix) <= set(ALPHANUMS)
        assert o.meta(p)["generateName"] == o.name(rs) + "-"
        assert o.controller_ref(p)["kind"] == "ReplicaSet"
        assert o.labels(p)["pod-template-hash"] == o.labels(rs)["pod-template-hash"]
    msgs = b.events(cluster, rs, "SuccessfulCreate")
    assert sorted(msgs) == sorted(f"Created pod: {o.name(p)}" for p in pods)
    assert rs["status"] == {"replicas": 5, "fullyLabeledReplicas": 5, "observedGeneration": 1}


def test_pod_names_reproducible_with_seed() -> None:
    from minikube_lite.store import bootstrap

    names = []
    for _ in range(2):
        c = bootstrap.new_cluster(mode="manual", seed=7)
        b.create(c, "Deployment", mk.deployment(replicas=2))
        names.append(sorted(o.name(p) for p in c.list("Pod", "default")))
    assert names[0] == names[1]


def test_burst_limit_500_per_sync(cluster: Cluster) -> None:
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=600))
    loop.settle(cluster)
    assert cluster.count("Pod") == 600  # two syncs at the same instant: 500 then 100


def test_scale_down_deletes_gracefully_with_events(cluster: Cluster) -> None:
    b.create(cluster, "Deployment", mk.deployment(replicas=3))
    b.advance(cluster, 10)
    d = o.deepcopy(cluster.get("Deployment", "default", "web"))
    d["spec"]["replicas"] = 1
    apiserver.update(cluster, "Deployment", d)
    loop.settle(cluster)
    rs = cluster.list("ReplicaSet", "default")[0]
    terminating = [p for p in cluster.list("Pod", "default") if o.is_deleting(p)]
    assert len(terminating) == 2
    assert sorted(b.events(cluster, rs, "SuccessfulDelete")) == sorted(
        f"Deleted pod: {o.name(p)}" for p in terminating
    )
    assert rs["status"]["replicas"] == 1  # terminating pods are not counted
    b.advance(cluster, 1)
    assert cluster.count("Pod") == 1


def test_failed_create_retries_on_rate_limiter_schedule(cluster: Cluster) -> None:
    """A missing ServiceAccount: FailedCreate at 0, 5 ms, 15 ms, 35 ms … (5 ms x 2^(n-1) apart)."""
    d = mk.deployment(replicas=2)
    d["spec"]["template"]["spec"]["serviceAccountName"] = "build-robot"
    b.create(cluster, "Deployment", d)
    rs = cluster.list("ReplicaSet", "default")[0]
    start = cluster.now
    b.advance(cluster, 20.5)
    failed = [e for e in cluster.events_for(rs) if e["reason"] == "FailedCreate"]
    assert len(failed) == 1  # identical messages aggregate
    msg = (
        f'Error creating: pods "{o.name(rs)}-" is forbidden: error looking up service account '
        'default/build-robot: serviceaccount "build-robot" not found'
    )
    assert failed[0]["message"] == msg
    assert failed[0]["count"] == 13  # failures at 0 and after 5 ms x (1 + 2 + … + 2^11) = 20.475 s
    cond = rs["status"]["conditions"][0]
    assert (cond["type"], cond["reason"], cond["status"]) == (
        "ReplicaFailure",
        "FailedCreate",
        "True",
    )
    assert cond["message"] == msg[len("Error creating: ") :]
    dep = cluster.get("Deployment", "default", "web")
    assert any(
        c["type"] == "ReplicaFailure" and c["reason"] == "FailedCreate"
        for c in dep["status"]["conditions"]
    )
    assert cluster.state["rsRetry"][f"default/{o.name(rs)}"]["at"] == pytest.approx(
        start + 0.005 * (2**13 - 1)
    )
    # Fix it: the next retry (at ~40.955 s) creates the pods and clears the condition.
    apiserver.create(
        cluster,
        "ServiceAccount",
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "build-robot"}},
    )
    b.advance(cluster, 19)
    assert cluster.count("Pod") == 0
    b.advance(cluster, 2)
    assert cluster.count("Pod") == 2
    assert "conditions" not in rs["status"]
    assert not any(
        c["type"] == "ReplicaFailure"
        for c in cluster.get("Deployment", "default", "web")["status"]["conditions"]
    )


def test_adopts_matching_orphan_and_releases_relabelled_pod(cluster: Cluster) -> None:
    b.create(cluster, "Deployment", mk.deployment(replicas=2))
    b.advance(cluster, 5)
    rs = cluster.list("ReplicaSet", "default")[0]
    victim = cluster.owned("Pod", o.uid(rs))[0]
    relabelled = o.deepcopy(victim)
    relabelled["metadata"]["labels"] = {"app": "debug"}
    apiserver.update(cluster, "Pod", relabelled)
    loop.settle(cluster)
    stored = cluster.get("Pod", "default", o.name(victim))
    assert o.controller_ref(stored) is None  # released
    assert len(cluster.owned("Pod", o.uid(rs))) == 2  # and replaced
    back = o.deepcopy(stored)
    back["metadata"]["labels"] = dict(o.labels(victim))
    apiserver.update(cluster, "Pod", back)
    loop.settle(cluster)
    assert o.controller_uid(cluster.get("Pod", "default", o.name(victim))) == o.uid(
        rs
    )  # adopted again
    live = [p for p in cluster.owned("Pod", o.uid(rs)) if not o.is_deleting(p)]
    assert len(live) == 2  # one surplus pod deleted
