"""Rollout scenarios on an in-memory cluster, checked second by second
(pkg/controller/deployment/ and its e2e tests).
"""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite.api import objects as o
from minikube_lite.controllers import loop
from minikube_lite.controllers.deployment import util
from minikube_lite.store import apiserver
from tests import builders as mk
from tests.scenarios import rollout_sim as sim


@pytest.fixture(autouse=True)
def _settles(caplog: pytest.LogCaptureFixture) -> Any:
    """No scenario may leave the reconcile loop spinning (it gives up after MAX_ITERATIONS)."""
    yield
    assert "did not settle" not in caplog.text


@pytest.mark.parametrize(
    ("replicas", "strategy", "extra", "surge", "unavailable"),
    [
        pytest.param(3, None, {}, 1, 0, id="3-replicas-25pct"),
        pytest.param(4, None, {}, 1, 1, id="4-replicas-25pct"),
        pytest.param(
            10,
            {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 3, "maxUnavailable": 2}},
            {},
            3,
            2,
            id="10-replicas-3-2",
        ),
        pytest.param(3, None, {"minReadySeconds": 10}, 1, 0, id="3-replicas-minReadySeconds-10"),
    ],
)
def test_rolling_update_invariants_every_second(
    replicas: int, strategy: Any, extra: dict[str, Any], surge: int, unavailable: int
) -> None:
    cluster = sim.new_cluster()
    spec = dict(extra, **({"strategy": strategy} if strategy else {}))
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=replicas, **spec))
    sim.wait_complete(cluster)
    sim.edit(cluster, image="nginx:1.16.1")
    t0 = cluster.now
    for second in range(0, 300):
        loop.advance_to(cluster, t0 + second)
        assert sim.spec_sum(cluster) <= replicas + surge, f"surge exceeded at +{second}s"
        assert sim.available_pods(cluster) >= replicas - unavailable, (
            f"availability dropped at +{second}s"
        )
        if sim.complete(cluster):
            break
    else:
        pytest.fail("rollout did not complete in 300 s")
    rss = sim.replica_sets(cluster)
    assert [o.spec_replicas(r) for r in rss] == [0, replicas]
    assert sim.progressing(cluster)["reason"] == "NewReplicaSetAvailable"


def _user_image(cluster: Any, tag: str) -> None:
    """A web server image that takes 4 s to pull, so with pullPolicy Always a pod is available 5 s
    after it is created.
    """
    images = cluster.state.setdefault("images", {})
    images[f"docker.io/library/web:{tag}"] = {
        "size": 1000,
        "pullSeconds": 4,
        "http": {"port": 80, "routes": {"/": {"status": 200, "body": tag}}},
    }


def test_worked_example_four_replicas() -> None:
    """Four replicas, 25 % / 25 %: RS A (4 available) → B; surge 1, unavailable 1;
    pods available 5 s after creation.
    """
    cluster = sim.new_cluster()
    for tag in ("v1", "v2"):
        _user_image(cluster, tag)
    d = mk.deployment(replicas=4, image="web:v1")
    d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = "Always"
    apiserver.create(cluster, "Deployment", d)
    sim.wait_complete(cluster)
    a = sim.replica_sets(cluster)[0]
    before = len(sim.deployment_events(cluster))
    sim.edit(cluster, image="web:v2")
    t0 = cluster.now
    b = sim.replica_sets(cluster)[1]
    A, B = o.name(a), o.name(b)
    sizes = {}
    for t in (0, 4, 5, 9, 10):
        loop.advance_to(cluster, t0 + t)
        sizes[t] = (o.spec_replicas(a), o.spec_replicas(b))
        if t == 0:
            st = sim.get(cluster)["status"]
            assert (st["readyReplicas"], st["updatedReplicas"], st["availableReplicas"]) == (
                3,
                2,
                3,
            )
            pods = cluster.list("Pod", "default")
            assert len(pods) == 6 and sum(o.is_deleting(p) for p in pods) == 1
    assert sizes == {0: (3, 2), 4: (3, 2), 5: (1, 4), 9: (1, 4), 10: (0, 4)}
    assert sim.deployment_events(cluster)[before:] == [
        f"Scaled up replica set {B} to 1",
        f"Scaled down replica set {A} to 3 from 4",
        f"Scaled up replica set {B} to 2 from 1",
        f"Scaled down replica set {A} to 1 from 3",
        f"Scaled up replica set {B} to 4 from 2",
        f"Scaled down replica set {A} to 0 from 1",
    ]
    loop.advance_to(cluster, t0 + 11)
    assert sim.complete(cluster)
    assert sim.progressing(cluster)["message"] == f'ReplicaSet "{B}" has successfully progressed.'


def test_progress_deadline_fires_at_601_seconds() -> None:
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=3))
    sim.wait_complete(cluster)
    sim.edit(cluster, image="nginx:1.161")
    t0 = cluster.now
    new = sim.replica_sets(cluster)[1]
    loop.advance_to(cluster, t0 + 600)
    assert sim.progressing(cluster)["reason"] == "ReplicaSetUpdated"
    loop.advance_to(cluster, t0 + 601)
    cond = sim.progressing(cluster)
    assert (cond["status"], cond["reason"]) == ("False", "ProgressDeadlineExceeded")
    assert cond["message"] == f'ReplicaSet "{o.name(new)}" has timed out progressing.'
    assert o.condition(sim.get(cluster), "Available")["status"] == "True"
    assert [
        (o.spec_replicas(r), r["status"].get("availableReplicas", 0))
        for r in sim.replica_sets(cluster)
    ] == [(3, 3), (1, 0)]
    # Nothing is rolled back; fixing forward completes the rollout.
    sim.edit(cluster, image="nginx:1.16.1")
    sim.wait_complete(cluster)
    assert sim.progressing(cluster)["reason"] == "NewReplicaSetAvailable"


def test_stuck_rollout_steady_state_and_proportional_scale() -> None:
    """e2e testProportionalScalingDeployment: 10 replicas, surge 3, unavailable 2, bad image.

    Then scale to 30.
    """
    cluster = sim.new_cluster()
    strategy = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 3, "maxUnavailable": 2}}
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=10, strategy=strategy))
    sim.wait_complete(cluster)
    sim.edit(cluster, image="webserver:404")
    loop.advance_to(cluster, cluster.now + 60)
    a, b = sim.replica_sets(cluster)
    assert (
        o.spec_replicas(a),
        a["status"]["availableReplicas"],
        o.spec_replicas(b),
        b["status"].get("availableReplicas", 0),
    ) == (8, 8, 5, 0)
    sim.edit(cluster, replicas=30)
    assert (o.spec_replicas(a), o.spec_replicas(b)) == (20, 13)
    for rs in (a, b):
        assert (
            o.annotations(rs)[o.DESIRED_REPLICAS_ANNOTATION],
            o.annotations(rs)[o.MAX_REPLICAS_ANNOTATION],
        ) == ("30", "33")
    assert sim.deployment_events(cluster)[-2:] == [
        f"Scaled up replica set {o.name(a)} to 20 from 8",
        f"Scaled up replica set {o.name(b)} to 13 from 5",
    ]
    loop.advance_to(cluster, cluster.now + 30)
    avail = o.condition(sim.get(cluster), "Available")
    assert (avail["status"], avail["reason"]) == ("False", "MinimumReplicasUnavailable")


def test_recreate_never_overlaps_versions() -> None:
    cluster = sim.new_cluster()
    apiserver.create(
        cluster, "Deployment", mk.deployment(replicas=3, strategy={"type": "Recreate"})
    )
    sim.wait_complete(cluster)
    sim.edit(cluster, image="nginx:1.16.1")
    t0 = cluster.now
    pods = cluster.list("Pod", "default")
    assert (
        len(pods) == 3
        and all(o.is_deleting(p) for p in pods)
        and len(sim.replica_sets(cluster)) == 1
    )
    for second in range(0, 60):
        loop.advance_to(cluster, t0 + second)
        images = {p["spec"]["containers"][0]["image"] for p in cluster.list("Pod", "default")}
        assert len(images) <= 1, f"versions overlap at +{second}s"
        if sim.complete(cluster):
            break
    assert sim.complete(cluster)
    a, b = sim.replica_sets(cluster)
    assert sim.deployment_events(cluster)[-2:] == [
        f"Scaled down replica set {o.name(a)} to 0 from 3",
        f"Scaled up replica set {o.name(b)} to 3",
    ]


def test_min_ready_seconds_delays_availability() -> None:
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=3, minReadySeconds=10))
    t0 = cluster.now
    loop.advance_to(cluster, t0 + 4)
    st = sim.get(cluster)["status"]
    assert (st.get("readyReplicas"), st.get("availableReplicas", 0)) == (3, 0)
    loop.advance_to(cluster, t0 + 13)
    assert sim.get(cluster)["status"].get("availableReplicas", 0) == 0
    loop.advance_to(cluster, t0 + 14)
    assert sim.get(cluster)["status"]["availableReplicas"] == 3
    assert sim.replica_sets(cluster)[0]["spec"]["minReadySeconds"] == 10


def test_rollover_scales_intermediate_replica_set_down_first() -> None:
    """e2e testRolloverDeployment: v1 (good) → v2 (stuck) → v3: the intermediate RS goes to 0."""
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=3))
    sim.wait_complete(cluster)
    sim.edit(cluster, image="nginx:1.161")
    loop.advance_to(cluster, cluster.now + 30)
    v1, v2 = sim.replica_sets(cluster)
    assert (o.spec_replicas(v1), o.spec_replicas(v2)) == (3, 1)
    sim.edit(cluster, image="nginx:1.16.1")
    assert o.spec_replicas(v2) == 0  # cleanupUnhealthyReplicas: its pod was never available
    assert f"Scaled down replica set {o.name(v2)} to 0 from 1" in sim.deployment_events(cluster)
    sim.wait_complete(cluster)
    assert [o.spec_replicas(r) for r in sim.replica_sets(cluster)] == [0, 0, 3]


def test_revision_history_limit_prunes_oldest() -> None:
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=1, revisionHistoryLimit=2))
    sim.wait_complete(cluster)
    for tag in ("1.16.1", "1.25", "1.27", "stable"):
        sim.edit(cluster, image=f"nginx:{tag}")
        sim.wait_complete(cluster)
        loop.advance_to(cluster, cluster.now + 2)
    revs = sorted(util.revision(rs) for rs in sim.replica_sets(cluster))
    assert revs == [3, 4, 5]
    sim.edit(cluster, mutate=lambda d: d["spec"].update(revisionHistoryLimit=0))
    loop.advance_to(cluster, cluster.now + 1)
    assert [util.revision(rs) for rs in sim.replica_sets(cluster)] == [5]


def _undo_to(cluster: Any, revision: int) -> None:
    """What `rollout undo --to-revision` does: copy that RS's template
    (minus the hash) into the deployment.
    """
    rs = next(r for r in sim.replica_sets(cluster) if util.revision(r) == revision)

    def mutate(d: dict[str, Any]) -> None:
        tmpl = o.deepcopy(rs["spec"]["template"])
        tmpl["metadata"]["labels"].pop("pod-template-hash")
        d["spec"]["template"] = tmpl

    sim.edit(cluster, mutate=mutate)
    sim.wait_complete(cluster)


def test_revision_renumbering_on_undo() -> None:
    """Revision renumbering on undo (deploymentutil.SetNewReplicaSetAnnotations)."""
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=2, image="gasbugs/http-go:v1"))
    sim.wait_complete(cluster)
    for tag in ("v2", "v3"):
        sim.edit(cluster, image=f"gasbugs/http-go:{tag}")
        sim.wait_complete(cluster)
    a, b, c = sim.replica_sets(cluster)

    def table() -> list[tuple[int, str | None]]:
        return [
            (util.revision(r), o.annotations(r).get(o.REVISION_HISTORY_ANNOTATION))
            for r in (a, b, c)
        ]

    assert table() == [(1, None), (2, None), (3, None)]
    _undo_to(cluster, 2)
    assert table() == [(1, None), (4, "2"), (3, None)]
    _undo_to(cluster, 3)
    assert table() == [(1, None), (4, "2"), (5, "3")]
    _undo_to(cluster, 1)
    assert table() == [(6, "1"), (4, "2"), (5, "3")]
    sim.edit(cluster, image="gasbugs/http-go:v2")
    sim.wait_complete(cluster)
    assert table() == [(6, "1"), (7, "2,4"), (5, "3")]
    assert len(sim.replica_sets(cluster)) == 3  # re-used, never re-created
    assert o.annotations(sim.get(cluster))[o.REVISION_ANNOTATION] == "7"


def test_pause_batches_changes_and_resume_rolls_once() -> None:
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=3))
    sim.wait_complete(cluster)
    sim.edit(cluster, paused=True)
    cond = sim.progressing(cluster)
    assert (cond["status"], cond["reason"], cond["message"]) == (
        "Unknown",
        "DeploymentPaused",
        "Deployment is paused",
    )
    sim.edit(cluster, image="nginx:1.16.1")
    sim.edit(
        cluster,
        mutate=lambda d: d["spec"]["template"]["spec"]["containers"][0].update(
            resources={"limits": {"memory": "128Mi"}}
        ),
    )
    loop.advance_to(cluster, cluster.now + 30)
    assert len(sim.replica_sets(cluster)) == 1
    sim.edit(cluster, replicas=5)  # scaling still works while paused
    assert o.spec_replicas(sim.replica_sets(cluster)[0]) == 5
    sim.edit(cluster, paused=False)
    assert len(sim.replica_sets(cluster)) == 2
    sim.wait_complete(cluster)
    new = sim.replica_sets(cluster)[1]
    container = new["spec"]["template"]["spec"]["containers"][0]
    assert (
        container["image"] == "nginx:1.16.1"
        and container["resources"]["limits"]["memory"] == "128Mi"
    )
    assert o.annotations(sim.get(cluster))[o.REVISION_ANNOTATION] == "2"


def test_created_paused_makes_no_replica_set() -> None:
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=3, paused=True))
    loop.advance_to(cluster, cluster.now + 10)
    assert sim.replica_sets(cluster) == [] and cluster.count("Pod") == 0
    sim.edit(cluster, paused=False)
    sim.wait_complete(cluster)


def test_scaled_to_zero_status_is_omitempty() -> None:
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=2))
    sim.wait_complete(cluster)
    sim.edit(cluster, replicas=0)
    loop.advance_to(cluster, cluster.now + 2)
    assert set(sim.get(cluster)["status"]) == {"conditions", "observedGeneration"}
    assert sim.replica_sets(cluster)[0]["status"] == {"replicas": 0, "observedGeneration": 2}


def test_hash_collision_bumps_collision_count() -> None:
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=1, paused=True))
    d = sim.get(cluster)
    taken = f"web-{util.compute_hash(d['spec']['template'], None)}"
    squatter = mk.deployment(name="other", replicas=0)
    rs = {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {"name": taken, "labels": {"app": "other"}},
        "spec": {
            "replicas": 0,
            "selector": {"matchLabels": {"app": "other"}},
            "template": squatter["spec"]["template"],
        },
    }
    apiserver.create(cluster, "ReplicaSet", rs)
    sim.edit(cluster, paused=False)
    sim.wait_complete(cluster)
    assert sim.get(cluster)["status"]["collisionCount"] == 1
    (mine,) = sim.replica_sets(cluster)
    assert o.name(mine) == f"web-{util.compute_hash(d['spec']['template'], 1)}" != taken


def test_thousand_replicas_roll_out_and_update() -> None:
    cluster = sim.new_cluster(max_pods=2000)  # a node sized for it: the default takes 110
    apiserver.create(
        cluster, "Deployment", mk.deployment(replicas=1000, image="gasbugs/http-go:v1")
    )
    sim.wait_complete(cluster, limit=60)
    sim.edit(cluster, image="gasbugs/http-go:v2")
    sim.wait_complete(cluster, limit=60)
    assert [o.spec_replicas(r) for r in sim.replica_sets(cluster)] == [0, 1000]
    assert cluster.count("Pod") == 1000


def _snapshot_run(reload_every: float | None) -> dict[str, Any]:
    """A rollout with a crash-looping, probe-failing, pull-failing mix;
    optionally reloaded from JSON.
    """
    import json

    from minikube_lite.store.cluster import Cluster

    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=3))
    sim.wait_complete(cluster)
    sim.edit(cluster, image="nginx:1.161")
    crash = mk.deployment(name="crash", replicas=1, image="busybox:1.36")
    apiserver.create(cluster, "Deployment", crash)
    end = cluster.now + 200
    while cluster.now < end:
        step = min(end, cluster.now + (reload_every or 200))
        loop.advance_to(cluster, step)
        if reload_every:
            cluster = Cluster(json.loads(json.dumps(cluster.to_doc())))
    return json.loads(json.dumps(cluster.to_doc()))


def test_state_survives_json_round_trips() -> None:
    """Every command reloads the cluster from its JSON document:
    the outcome must not depend on it.
    """
    assert _snapshot_run(reload_every=7) == _snapshot_run(reload_every=None)


def test_legacy_rollback_annotation() -> None:
    """rollback.go: deprecated.deployment.rollback.to copies the old template back."""
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=1))
    sim.wait_complete(cluster)
    sim.edit(cluster, image="nginx:1.16.1")
    sim.wait_complete(cluster)
    sim.edit(
        cluster,
        mutate=lambda d: (
            d["metadata"].setdefault("annotations", {}).update({o.ROLLBACK_TO_ANNOTATION: "0"})
        ),
    )
    d = sim.get(cluster)
    assert o.ROLLBACK_TO_ANNOTATION not in o.annotations(d)
    assert d["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.14.2"
    assert 'Rolled back deployment "web" to revision 1' in sim.deployment_events(cluster)
    sim.wait_complete(cluster)
    assert o.annotations(sim.get(cluster))[o.REVISION_ANNOTATION] == "3"
    sim.edit(
        cluster,
        mutate=lambda d: d["metadata"]["annotations"].update({o.ROLLBACK_TO_ANNOTATION: "9"}),
    )
    assert "Unable to find the revision to rollback to." in sim.deployment_events(cluster)


def test_old_complete_deployment_heals_a_lost_pod_without_timing_out() -> None:
    """A rollout completed long ago never times out; losing a pod just gets it replaced."""
    cluster = sim.new_cluster()
    apiserver.create(cluster, "Deployment", mk.deployment(replicas=3))
    sim.wait_complete(cluster)
    loop.advance_to(cluster, cluster.now + 3600)
    victim = cluster.list("Pod", "default")[0]
    apiserver.delete_pod(cluster, victim)
    writes = cluster.writes
    loop.settle(cluster)
    assert cluster.writes - writes < 50  # settles at once
    avail = o.condition(sim.get(cluster), "Available")
    assert (avail["status"], avail["reason"]) == ("False", "MinimumReplicasUnavailable")
    loop.advance_to(cluster, cluster.now + 5)
    assert sim.complete(cluster)
    assert sim.progressing(cluster)["reason"] == "NewReplicaSetAvailable"
    assert o.condition(sim.get(cluster), "Available")["status"] == "True"
