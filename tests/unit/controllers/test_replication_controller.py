"""ReplicationControllers (the lesson's "old way"): defaults, validation, the replication manager
(the ReplicaSet controller over RCs), and a rolling update by hand between two RCs."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.controllers import loop
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]


def _rc(cluster: Cluster, name: str = "http-go-v1") -> Obj:
    rc = cluster.get("ReplicationController", "default", name)
    assert rc is not None
    return rc


def _pods(cluster: Cluster, version: str | None = None) -> list[Obj]:
    return [
        p
        for p in cluster.list("Pod", "default")
        if not o.is_deleting(p) and (version is None or o.labels(p).get("version") == version)
    ]


def _scale(cluster: Cluster, name: str, replicas: int) -> None:
    rc = o.deepcopy(_rc(cluster, name))
    rc["spec"]["replicas"] = replicas
    apiserver.update(cluster, "ReplicationController", rc, subresource="scale")
    loop.settle(cluster)


def test_create_defaults_selector_and_labels_from_the_template(cluster: Cluster) -> None:
    rc = b.create(cluster, "ReplicationController", mk.replication_controller(replicas=None))
    assert rc["spec"]["selector"] == {"app": "http-go", "version": "v1"}
    assert rc["metadata"]["labels"] == {"app": "http-go", "version": "v1"}
    assert rc["spec"]["replicas"] == 1
    assert rc["metadata"]["generation"] == 1


def test_the_replication_manager_creates_owned_pods_and_reports_status(cluster: Cluster) -> None:
    b.create(cluster, "ReplicationController", mk.replication_controller())
    pods = _pods(cluster)
    assert len(pods) == 3
    rc = _rc(cluster)
    for p in pods:
        assert o.name(p).startswith("http-go-v1-")
        assert p["metadata"]["ownerReferences"] == [
            o.owner_reference(rc, "ReplicationController", "v1")
        ]
    assert b.events(cluster, rc, "SuccessfulCreate") == [f"Created pod: {o.name(p)}" for p in pods]
    assert {e["source"]["component"] for e in cluster.events_for(rc)} == {"replication-controller"}
    b.advance(cluster, 30)
    st = _rc(cluster)["status"]
    assert (st["replicas"], st["readyReplicas"], st["availableReplicas"]) == (3, 3, 3)
    assert st["observedGeneration"] == 1


def test_scaling_down_deletes_pods_and_a_spec_change_bumps_generation(cluster: Cluster) -> None:
    b.create(cluster, "ReplicationController", mk.replication_controller())
    b.advance(cluster, 30)
    _scale(cluster, "http-go-v1", 1)
    assert len(_pods(cluster)) == 1
    assert _rc(cluster)["metadata"]["generation"] == 2
    assert len(b.events(cluster, _rc(cluster), "SuccessfulDelete")) == 2


def test_an_orphan_pod_matching_the_selector_is_adopted(cluster: Cluster) -> None:
    stray = mk.pod("stray", mk.HTTP_GO_V1)
    stray["metadata"]["labels"] = {"app": "http-go", "version": "v1"}
    apiserver.create(cluster, "Pod", stray)
    b.create(cluster, "ReplicationController", mk.replication_controller(replicas=2))
    pods = _pods(cluster)
    assert len(pods) == 2
    assert o.controller_ref(cluster.get("Pod", "default", "stray"))["kind"] == (
        "ReplicationController"
    )


def test_deleting_the_rc_cascades_to_its_pods(cluster: Cluster) -> None:
    b.create(cluster, "ReplicationController", mk.replication_controller())
    b.advance(cluster, 30)
    apiserver.delete(cluster, "ReplicationController", _rc(cluster))
    loop.settle(cluster)
    assert _pods(cluster) == []
    b.advance(cluster, 60)
    assert cluster.list("Pod", "default") == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            {"selector": {"app": "other"}},
            "spec.template.metadata.labels: Invalid value: "
            '{"app":"http-go","version":"v1"}: `selector` does not match template `labels`',
            id="selector-not-matching-template",
        ),
        pytest.param(
            {"replicas": -1},
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            id="negative-replicas",
        ),
        pytest.param(
            {"template": {"metadata": {}, "spec": {"containers": [mk.container()]}}},
            "spec.selector: Required value",
            id="no-selector-no-labels",
        ),
    ],
)
def test_validation(cluster: Cluster, change: Obj, expected: str) -> None:
    rc = mk.replication_controller()
    rc["spec"].update(change)
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "ReplicationController", rc)
    assert expected in e.value.render()


def test_restart_policy_must_be_always(cluster: Cluster) -> None:
    rc = mk.replication_controller()
    rc["spec"]["template"]["spec"]["restartPolicy"] = "OnFailure"
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "ReplicationController", rc)
    assert 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure"' in e.value.render()


def test_the_selector_may_change_unlike_a_replica_sets(cluster: Cluster) -> None:
    b.create(cluster, "ReplicationController", mk.replication_controller())
    rc = o.deepcopy(_rc(cluster))
    rc["spec"]["selector"] = {"app": "http-go"}
    stored, changed = apiserver.update(cluster, "ReplicationController", rc)
    assert changed
    assert stored["spec"]["selector"] == {"app": "http-go"}


def _endpoint_versions(cluster: Cluster) -> list[str]:
    ep = cluster.get("Endpoints", "default", "http-go") or {}
    ips = {a["ip"] for s in ep.get("subsets") or [] for a in s.get("addresses") or []}
    by_ip = {p["status"].get("podIP"): o.labels(p)["version"] for p in _pods(cluster)}
    return sorted(by_ip[ip] for ip in ips)


def test_rolling_by_hand_between_two_rcs_keeps_the_service_serving(cluster: Cluster) -> None:
    """The lesson: scale the new RC up one pod, the old one down one pod, until the old is 0;
    the Service (selecting only ``app``) always has ready endpoints, v1 turning into v2."""
    b.create(cluster, "Service", mk.service("http-go", {"app": "http-go"}))
    b.create(cluster, "ReplicationController", mk.replication_controller("v1", 3))
    b.create(cluster, "ReplicationController", mk.replication_controller("v2", 0))
    b.advance(cluster, 30)
    seen = [_endpoint_versions(cluster)]
    for step in range(1, 4):
        _scale(cluster, "http-go-v2", step)
        b.advance(cluster, 30)
        _scale(cluster, "http-go-v1", 3 - step)
        b.advance(cluster, 30)
        seen.append(_endpoint_versions(cluster))
    assert seen == [
        ["v1", "v1", "v1"],
        ["v1", "v1", "v2"],
        ["v1", "v2", "v2"],
        ["v2", "v2", "v2"],
    ]
    assert [p["spec"]["containers"][0]["image"] for p in _pods(cluster)] == [mk.HTTP_GO_V2] * 3
