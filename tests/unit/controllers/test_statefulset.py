"""StatefulSets (apps/v1): defaults, validation, and the statefulset controller's ordering
(OrderedReady creation and scale-down, Parallel), rolling updates with a partition, OnDelete,
ControllerRevisions (naming, rollback renumbering, truncateHistory) and the cascade, on the
simulated clock."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.controllers import history
from minikube_lite.controllers import statefulset_util as u
from minikube_lite.ops import rollout
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]


def _sts(cluster: Cluster, name: str = "web") -> Obj:
    sts = cluster.get("StatefulSet", "default", name)
    assert sts is not None
    return sts


def _pods(cluster: Cluster) -> dict[str, Obj]:
    return {o.name(p): p for p in cluster.list("Pod", "default")}


def _phases(cluster: Cluster) -> dict[str, str]:
    """Each pod's phase, ``Terminating`` for a pod being deleted."""
    return {
        n: "Terminating" if o.is_deleting(p) else (p.get("status") or {}).get("phase", "")
        for n, p in _pods(cluster).items()
    }


def _settled(cluster: Cluster, name: str = "web", limit: float = 600) -> Obj:
    """Advance until the set's rollout status is done."""
    end = cluster.now + limit
    while cluster.now < end:
        if rollout.statefulset_status(_sts(cluster, name))[1]:
            break
        b.advance(cluster, 1)
    return _sts(cluster, name)


def _update(cluster: Cluster, name: str, change: Any) -> Obj:
    new = o.deepcopy(_sts(cluster, name))
    change(new["spec"])
    stored, _ = apiserver.update(cluster, "StatefulSet", new)
    return stored


def _set_image(image: str) -> Any:
    def change(spec: Obj) -> None:
        spec["template"]["spec"]["containers"][0]["image"] = image

    return change


def test_defaults(cluster: Cluster) -> None:
    sts = b.create(cluster, "StatefulSet", mk.statefulset("web", replicas=None))
    spec = sts["spec"]
    assert spec["replicas"] == 1
    assert spec["podManagementPolicy"] == "OrderedReady"
    assert spec["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
    assert spec["revisionHistoryLimit"] == 10
    assert spec["persistentVolumeClaimRetentionPolicy"] == {
        "whenDeleted": "Retain",
        "whenScaled": "Retain",
    }
    assert sts["metadata"]["generation"] == 1


def test_on_delete_gets_no_rolling_update(cluster: Cluster) -> None:
    sts = b.create(
        cluster, "StatefulSet", mk.statefulset("web", updateStrategy={"type": "OnDelete"})
    )
    assert sts["spec"]["updateStrategy"] == {"type": "OnDelete"}


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            {"podManagementPolicy": "Burst"},
            "spec.podManagementPolicy: Invalid value: \"Burst\": must be 'OrderedReady' or "
            "'Parallel'",
        ),
        (
            {"updateStrategy": {"type": "OnDelete", "rollingUpdate": {"partition": 1}}},
            'spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":1,"MaxUnavailable":'
            "null}: only allowed for updateStrategy 'RollingUpdate'",
        ),
        (
            {"updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": -1}}},
            "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater "
            "than or equal to 0",
        ),
        (
            {"persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Keep"}},
            'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": '
            'supported values: "Retain", "Delete"',
        ),
    ],
)
def test_validation(cluster: Cluster, spec: Obj, message: str) -> None:
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "StatefulSet", mk.statefulset("web", **spec))
    assert e.value.render() == f'The StatefulSet "web" is invalid: {message}'


def test_only_some_spec_fields_may_change(cluster: Cluster) -> None:
    b.create(cluster, "StatefulSet", mk.statefulset("web"))
    new = o.deepcopy(_sts(cluster))
    new["spec"]["serviceName"] = "other"
    with pytest.raises(errors.InvalidError) as e:
        apiserver.update(cluster, "StatefulSet", new)
    assert e.value.render().endswith(
        "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', "
        "'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
        "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
    )


def test_ordered_ready_creates_one_pod_at_a_time(cluster: Cluster) -> None:
    sts = b.create(cluster, "StatefulSet", mk.statefulset("web"))
    assert list(_pods(cluster)) == ["web-0"]
    b.advance(cluster, 1)
    assert list(_pods(cluster)) == ["web-0"]  # web-0 is not Running and Ready yet
    sts = _settled(cluster)
    assert list(_pods(cluster)) == ["web-0", "web-1", "web-2"]
    created = b.events(cluster, sts, "SuccessfulCreate")
    assert created == [f"create Pod web-{i} in StatefulSet web successful" for i in range(3)]
    ready = [u.is_running_and_ready(p) for p in _pods(cluster).values()]
    assert ready == [True, True, True]
    st = sts["status"]
    revision = st["currentRevision"]
    assert st == {
        "observedGeneration": 1,
        "replicas": 3,
        "readyReplicas": 3,
        "currentReplicas": 3,
        "updatedReplicas": 3,
        "currentRevision": revision,
        "updateRevision": revision,
        "collisionCount": 0,
        "availableReplicas": 3,
    }


def test_a_pod_has_the_sets_identity(cluster: Cluster) -> None:
    claim = {"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"]}}
    sts = b.create(cluster, "StatefulSet", mk.statefulset("web", volumeClaimTemplates=[claim]))
    pod = _pods(cluster)["web-0"]
    revision = sts["status"]["updateRevision"]
    assert pod["metadata"]["labels"] == {
        "app": "web",
        "controller-revision-hash": revision,
        "statefulset.kubernetes.io/pod-name": "web-0",
        "apps.kubernetes.io/pod-index": "0",
    }
    assert (pod["spec"]["hostname"], pod["spec"]["subdomain"]) == ("web-0", "nginx")
    assert pod["spec"]["volumes"][0] == {
        "name": "www",
        "persistentVolumeClaim": {"claimName": "www-web-0"},
    }
    assert o.controller_ref(pod) == o.owner_reference(sts, "StatefulSet", "apps/v1")
    assert cluster.list("PersistentVolumeClaim", "default") == []  # volumes are not simulated


def test_parallel_creates_every_pod_at_once(cluster: Cluster) -> None:
    b.create(cluster, "StatefulSet", mk.statefulset("web", podManagementPolicy="Parallel"))
    assert list(_pods(cluster)) == ["web-0", "web-1", "web-2"]


def test_scale_down_removes_the_highest_ordinal_first(cluster: Cluster) -> None:
    b.create(cluster, "StatefulSet", mk.statefulset("web"))
    sts = _settled(cluster)
    _update(cluster, "web", lambda spec: spec.update(replicas=1))
    b.advance(cluster, 0)
    assert _phases(cluster) == {"web-0": "Running", "web-1": "Running", "web-2": "Terminating"}
    b.advance(cluster, 60)
    assert list(_pods(cluster)) == ["web-0"]
    deleted = b.events(cluster, sts, "SuccessfulDelete")
    assert deleted == [f"delete Pod web-{i} in StatefulSet web successful" for i in (2, 1)]


def test_a_rolling_update_goes_from_the_highest_ordinal_down(cluster: Cluster) -> None:
    b.create(cluster, "StatefulSet", mk.statefulset("web", image="nginx:1.25"))
    before = _settled(cluster)["status"]["currentRevision"]
    _update(cluster, "web", _set_image("nginx:1.27"))
    b.advance(cluster, 0)
    assert _phases(cluster)["web-2"] == "Terminating"
    assert _phases(cluster)["web-1"] == "Running"
    sts = _settled(cluster)
    after = sts["status"]["updateRevision"]
    assert after != before and sts["status"]["currentRevision"] == after
    assert {u.pod_revision(p) for p in _pods(cluster).values()} == {after}
    order = [m.split()[2] for m in b.events(cluster, sts, "SuccessfulDelete")]
    assert order == ["web-2", "web-1", "web-0"]
    numbers = {o.name(r): r["revision"] for r in cluster.list("ControllerRevision", "default")}
    assert numbers == {before: 1, after: 2}


def test_a_partition_keeps_the_lower_ordinals(cluster: Cluster) -> None:
    strategy = {"type": "RollingUpdate", "rollingUpdate": {"partition": 2}}
    b.create(cluster, "StatefulSet", mk.statefulset("web", image="nginx:1.25"))
    before = _settled(cluster)["status"]["currentRevision"]

    def change(spec: Obj) -> None:
        _set_image("nginx:1.27")(spec)
        spec["updateStrategy"] = strategy

    _update(cluster, "web", change)
    sts = _settled(cluster)
    revisions = {n: u.pod_revision(p) for n, p in _pods(cluster).items()}
    after = sts["status"]["updateRevision"]
    assert revisions == {"web-0": before, "web-1": before, "web-2": after}
    assert rollout.statefulset_status(sts) == (
        "partitioned roll out complete: 1 new pods have been updated...",
        True,
    )
    assert sts["status"]["currentRevision"] == before  # not every replica is updated


def test_on_delete_replaces_only_deleted_pods(cluster: Cluster) -> None:
    b.create(cluster, "StatefulSet", mk.statefulset("web", updateStrategy={"type": "OnDelete"}))
    b.advance(cluster, 60)
    _update(cluster, "web", _set_image("nginx:1.25"))
    b.advance(cluster, 60)
    assert set(_phases(cluster).values()) == {"Running"}
    update = _sts(cluster)["status"]["updateRevision"]
    assert update not in {u.pod_revision(p) for p in _pods(cluster).values()}
    apiserver.delete_pod(cluster, _pods(cluster)["web-1"])
    b.advance(cluster, 60)
    assert u.pod_revision(_pods(cluster)["web-1"]) == update
    assert u.pod_revision(_pods(cluster)["web-0"]) != update


def test_rolling_back_renumbers_the_equal_revision(cluster: Cluster) -> None:
    b.create(cluster, "StatefulSet", mk.statefulset("web", image="nginx:1.25"))
    first = _settled(cluster)["status"]["currentRevision"]
    _update(cluster, "web", _set_image("nginx:1.27"))
    _settled(cluster)
    _update(cluster, "web", _set_image("nginx:1.25"))
    sts = _settled(cluster)
    assert sts["status"]["updateRevision"] == first
    numbers = sorted(r["revision"] for r in cluster.list("ControllerRevision", "default"))
    assert numbers == [2, 3]
    assert cluster.get("ControllerRevision", "default", first)["revision"] == 3  # type: ignore[index]


def test_the_history_is_truncated_to_the_limit(cluster: Cluster) -> None:
    b.create(cluster, "StatefulSet", mk.statefulset("web", image="nginx:1.25"))
    _settled(cluster)
    _update(cluster, "web", lambda spec: spec.update(revisionHistoryLimit=1))
    for image in ("nginx:1.27", "nginx:1.16.1", "nginx:1.14.2"):
        _update(cluster, "web", _set_image(image))
        _settled(cluster)
    numbers = sorted(r["revision"] for r in cluster.list("ControllerRevision", "default"))
    assert numbers == [3, 4]  # the live one and one more


def test_a_revision_is_named_after_its_set_and_hash(cluster: Cluster) -> None:
    sts = b.create(cluster, "StatefulSet", mk.statefulset("web"))
    (cr,) = cluster.list("ControllerRevision", "default")
    expected = history.hash_revision(u.get_patch(sts), 0)
    assert o.name(cr) == f"web-{expected}"
    assert cr["data"]["spec"]["template"]["$patch"] == "replace"
    assert cr["metadata"]["labels"] == {"app": "web"}


def test_deleting_the_set_deletes_its_pods_and_revisions(cluster: Cluster) -> None:
    b.create(cluster, "StatefulSet", mk.statefulset("web"))
    _settled(cluster)
    apiserver.delete(cluster, "StatefulSet", _sts(cluster))
    b.advance(cluster, 60)
    assert cluster.list("Pod", "default") == []
    assert cluster.list("ControllerRevision", "default") == []


def _status_of(**fields: Any) -> Obj:
    spec: Obj = {"replicas": 3, "updateStrategy": {"type": "RollingUpdate"}}
    spec.update(fields.pop("spec", {}))
    meta = {"name": "web", "generation": fields.pop("generation", 1)}
    return {"metadata": meta, "spec": spec, "status": fields}


@pytest.mark.parametrize(
    ("sts", "expected"),
    [
        (_status_of(), ("Waiting for statefulset spec update to be observed...", False)),
        (_status_of(observedGeneration=1), ("Waiting for 3 pods to be ready...", False)),
        (
            _status_of(
                observedGeneration=1,
                readyReplicas=3,
                updatedReplicas=1,
                spec={
                    "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
                },
            ),
            (
                "Waiting for partitioned roll out to finish: 1 out of 3 new pods have been "
                "updated...",
                False,
            ),
        ),
        (
            _status_of(
                observedGeneration=1,
                readyReplicas=3,
                updatedReplicas=3,
                currentRevision="web-a",
                updateRevision="web-b",
            ),
            (
                "waiting for statefulset rolling update to complete 3 pods at revision web-b...",
                False,
            ),
        ),
        (
            _status_of(
                observedGeneration=1,
                readyReplicas=3,
                currentReplicas=3,
                currentRevision="web-b",
                updateRevision="web-b",
            ),
            ("statefulset rolling update complete 3 pods at revision web-b...", True),
        ),
    ],
)
def test_statefulset_status_texts(sts: Obj, expected: tuple[str, bool]) -> None:
    assert rollout.statefulset_status(sts) == expected


def test_status_of_on_delete_is_an_error() -> None:
    with pytest.raises(errors.MklError) as e:
        rollout.statefulset_status(_status_of(spec={"updateStrategy": {"type": "OnDelete"}}))
    assert e.value.message == "rollout status is only available for RollingUpdate strategy type"
