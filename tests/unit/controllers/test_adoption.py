"""Adoption (ControllerRefManager.AdoptPod / AdoptReplicaSet): the controller ownerReference is
merged by uid, as the strategic merge patch upstream sends does."""

from __future__ import annotations

from typing import Any

from minikube_lite.api import objects as o
from minikube_lite.controllers import common, replicaset
from minikube_lite.controllers.deployment import controller
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]


def _ref(owner: Obj, kind: str, **extra: Any) -> Obj:
    return {
        "apiVersion": "apps/v1",
        "kind": kind,
        "name": o.name(owner),
        "uid": o.uid(owner),
        **extra,
    }


def _orphan_pod(cluster: Cluster, rs: Obj, refs: list[Obj]) -> Obj:
    pod = mk.pod("stray")
    pod["metadata"]["labels"] = dict(rs["spec"]["selector"]["matchLabels"])
    pod["metadata"]["ownerReferences"] = refs
    return apiserver.create(cluster, "Pod", pod)


def test_adopting_a_pod_that_already_names_the_rs_makes_that_reference_the_controller(
    cluster: Cluster,
) -> None:
    b.create(cluster, "Deployment", mk.deployment(replicas=1))
    rs = cluster.list("ReplicaSet", "default")[0]
    other = {"apiVersion": "v1", "kind": "ConfigMap", "name": "keep", "uid": "cm-uid"}
    pod = _orphan_pod(cluster, rs, [other, _ref(rs, "ReplicaSet", controller=False)])
    assert pod in common.orphans(cluster, "Pod", "default")

    assert any(o.name(p) == "stray" for p in replicaset.claim_pods(cluster, rs))

    refs = cluster.get("Pod", "default", "stray")["metadata"]["ownerReferences"]
    assert refs == [
        other,
        o.owner_reference(rs, "ReplicaSet", "apps/v1"),
    ]  # one entry per uid, in place
    assert o.controller_uid(cluster.get("Pod", "default", "stray")) == o.uid(rs)


def test_adopting_an_unrelated_orphan_appends_the_controller_reference(cluster: Cluster) -> None:
    b.create(cluster, "Deployment", mk.deployment(replicas=1))
    rs = cluster.list("ReplicaSet", "default")[0]
    other = {"apiVersion": "v1", "kind": "ConfigMap", "name": "keep", "uid": "cm-uid"}
    _orphan_pod(cluster, rs, [other])
    replicaset.claim_pods(cluster, rs)
    refs = cluster.get("Pod", "default", "stray")["metadata"]["ownerReferences"]
    assert refs == [other, o.owner_reference(rs, "ReplicaSet", "apps/v1")]


def test_deployment_adopts_a_replicaset_that_names_it_without_a_second_reference(
    cluster: Cluster,
) -> None:
    d = b.create(cluster, "Deployment", mk.deployment(replicas=0))
    rs = cluster.list("ReplicaSet", "default")[0]
    stray = o.deepcopy(rs)
    o.meta(stray)["ownerReferences"] = [
        _ref(d, "Deployment", controller=False, blockOwnerDeletion=False)
    ]
    apiserver.update(cluster, "ReplicaSet", stray)

    assert [o.name(x) for x in controller.get_replica_sets_for_deployment(cluster, d)] == [
        o.name(rs)
    ]

    refs = cluster.get("ReplicaSet", "default", o.name(rs))["metadata"]["ownerReferences"]
    assert refs == [o.owner_reference(d, "Deployment", "apps/v1")]
