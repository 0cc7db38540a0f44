"""The per-pod facts the ReplicaSet controller and the scheduler cache on the Cluster (keyed by a
pod's uid and resourceVersion) leave exactly the state the uncached scans left.

A scenario made to change every fact those scans read: a rolling update with minReadySeconds
(availability from the clock), cpu requests that fill the node (pods wait for the scheduler's
node usage to drop), a pod relabelled out of its ReplicaSet (released, replaced), an orphan with
the ReplicaSet's labels (adopted), a pod deleted by hand, a failing readiness probe (ready flips)
and a scale-down mid-rollout (ranking).  Its document's digest, and that of a 1,000-replica
update (bench/rollout_1000.py's shape), were taken on main before the caches; the same scenario
with every cache defeated (a fresh memo on each call) must agree too.  Smaller checks: the kept
order of ``Cluster.owned`` as a bucket changes, fresh facts after an in-place write, and the
ranking from kept fields against the uncached one across scale-downs.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.controllers import loop, replicaset
from minikube_lite.controllers import replicaset_pods as rp
from minikube_lite.store import apiserver, bootstrap
from minikube_lite.store.cluster import Cluster, obj_key
from tests import builders as mk
from tests.unit.controllers.test_rank_equivalence import _random_pod
from tests.unit.controllers.test_replicaset_controller import NOW
from tests.unit.controllers.test_state_golden import _advance, _set_image, _update, digest
from tests.unit.controllers.test_state_golden import rolling_update as golden_rolling_update

Obj = dict[str, Any]
SCAN_SCENARIO_DIGEST = "87a4ada92d1fa55e40831a72f39eb5bb568a7921ff784b608cda7b56ce0595bb"
ROLLING_UPDATE_1000_DIGEST = "12de0786d569b1927b0e8c417e3dec61280bcaee0186d9fab0b95e532a8f0a77"


def _pods(cluster: Cluster, prefix: str) -> list[Obj]:
    return [p for p in cluster.list("Pod", "default") if o.name(p).startswith(prefix)]


def _relabel(cluster: Cluster, pod: Obj, labels: dict[str, str]) -> None:
    new = o.deepcopy(pod)
    new["metadata"]["labels"] = labels
    apiserver.update(cluster, "Pod", new)


def scan_scenario() -> Obj:
    """The saved state after the scenario (see the module's docstring)."""
    cluster = bootstrap.new_cluster(mode="manual", seed=3)
    web = mk.deployment(
        "web",
        40,
        containers=[mk.container("web", resources={"requests": {"cpu": "45m"}})],
        minReadySeconds=5,
        strategy=mk.rolling(10, 4),
    )
    probe = mk.deployment("probe", 3)
    probe["spec"]["template"]["spec"]["containers"][0]["readinessProbe"] = {
        "httpGet": {"path": "/ready", "port": 80}
    }
    for obj in (web, probe):
        apiserver.create(cluster, "Deployment", obj)
    _advance(cluster, 40)
    _update(cluster, "web", _set_image("nginx:1.25"))
    for step in range(12):
        _advance(cluster, 2)
        if step == 2:  # one old pod leaves its ReplicaSet; an orphan with its labels comes in
            old = _pods(cluster, "web-")[0]
            labels = dict(o.labels(old))
            _relabel(cluster, old, {"app": "stray"})
            orphan = mk.pod("web-orphan")
            orphan["metadata"]["labels"] = labels
            apiserver.create(cluster, "Pod", orphan)
        if step == 5:
            apiserver.delete_pod(cluster, _pods(cluster, "web-")[-1], grace=3)
        if step == 7:
            _update(cluster, "web", lambda spec: spec.update(replicas=17))
    _advance(cluster, 120)
    _update(cluster, "web", lambda spec: spec.update(replicas=30))
    _advance(cluster, 60)
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()
    return doc


def test_scan_scenario_document_is_unchanged() -> None:
    assert digest(scan_scenario()) == SCAN_SCENARIO_DIGEST


def test_scan_scenario_is_the_same_with_every_cache_defeated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Cluster, "memo", lambda self, name: {})
    assert digest(scan_scenario()) == SCAN_SCENARIO_DIGEST


def test_owned_keeps_key_order_as_the_bucket_changes() -> None:
    """``Cluster.owned`` of a large bucket, kept between calls, is the sorted listing after
    pods are added, deleted, replaced by an update and relabelled out of the ReplicaSet."""
    cluster = bootstrap.new_cluster(mode="manual", seed=5)
    apiserver.create(cluster, "Deployment", mk.deployment("web", 150))
    _advance(cluster, 5)
    rs = cluster.list("ReplicaSet", "default")[0]

    def check() -> None:
        listed = cluster.owned("Pod", o.uid(rs), "default")
        expected = [p for p in cluster.list("Pod", "default") if o.controller_uid(p) == o.uid(rs)]
        assert [id(p) for p in listed] == [id(p) for p in expected]

    check()
    _update(cluster, "web", lambda spec: spec.update(replicas=180))  # added
    loop.settle(cluster)
    check()
    pods = _pods(cluster, "web-")
    apiserver.update(cluster, "Pod", _with_annotation(pods[3]))  # a new object, same key
    check()
    _relabel(cluster, pods[7], {"app": "stray"})  # released: leaves the bucket
    loop.settle(cluster)
    check()
    _update(cluster, "web", lambda spec: spec.update(replicas=100))  # deleted
    _advance(cluster, 60)
    check()


def _with_annotation(pod: Obj) -> Obj:
    new = o.deepcopy(pod)
    new["metadata"].setdefault("annotations", {})["note"] = "x"
    return new


def test_a_pod_written_in_place_gets_fresh_facts() -> None:
    """The ReplicaSet's cached facts follow a pod's in-place write (a new resourceVersion):
    readiness lost is counted at the next sync."""
    cluster = bootstrap.new_cluster(mode="manual", seed=5)
    apiserver.create(cluster, "Deployment", mk.deployment("web", 3))
    _advance(cluster, 30)
    rs = cluster.list("ReplicaSet", "default")[0]
    assert rs["status"]["readyReplicas"] == 3
    pod = _pods(cluster, "web-")[0]
    for c in pod["status"]["conditions"]:
        if c["type"] == "Ready":
            c["status"] = "False"
    cluster.touch("Pod", pod)
    replicaset.sync(cluster, obj_key(rs))
    assert rs["status"]["readyReplicas"] == 2


def test_cached_victims_are_the_uncached_ones_across_scale_downs() -> None:
    """The ranking from kept fields (``victims``) picks what ``get_pods_to_delete`` picks, also
    after some pods were written (a new resourceVersion) and the clock moved."""
    rng = random.Random(23)
    for trial in range(60):
        pods = [_random_pod(rng, i) for i in range(rng.randrange(3, 40))]
        for i, p in enumerate(pods):
            p["metadata"]["resourceVersion"] = str(i)
        cache = rp.ReplicaSetFacts({"matchLabels": {}}, {})
        now = NOW
        for step in range(3):
            n = rng.randrange(1, len(pods) + 1)
            facts, _ = cache.claimed(pods)
            want = [o.name(p) for p in rp.get_pods_to_delete(pods, n, now)]
            got = [o.name(p) for p in rp.victims(pods, facts, n, now, cache)]
            assert got == want, (trial, step)
            for p in rng.sample(pods, len(pods) // 3):  # written: ready flips, a new version
                p["status"]["conditions"] = [] if p["status"]["conditions"] else [_ready(now)]
                p["metadata"]["resourceVersion"] += "'"
            now += rng.choice([0.5, 3, 90])


def _ready(at: float) -> Obj:
    return {"type": "Ready", "status": "True", "lastTransitionTime": clock.rfc3339(at)}


def test_thousand_replica_update_document_is_unchanged() -> None:
    assert digest(golden_rolling_update(1000)) == ROLLING_UPDATE_1000_DIGEST


if __name__ == "__main__":
    print(f"SCAN_SCENARIO_DIGEST = {digest(scan_scenario())!r}")
    print(f"ROLLING_UPDATE_1000_DIGEST = {digest(golden_rolling_update(1000))!r}")
