"""A batch's pods created as copies of the first (store/createbatch.py) are the pods the full
create path makes: byte for byte (key order included), with the same random draws, and the same
errors, whatever changes in the cluster objects admission reads between two creates."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.api import defaults
from minikube_lite.store import admission, apiserver, bootstrap, fieldmanager
from minikube_lite.store.cluster import Cluster
from tests.unit.store.test_admission import limit_range

Obj = dict[str, Any]
Step = Callable[[Cluster], None]


def request(image: str = "nginx:1.25", **spec: Any) -> Obj:
    """A pod as the ReplicaSet controller sends it (GetPodFromTemplate)."""
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "generateName": "web-6d4f8c5b7-",
            "namespace": "default",
            "ownerReferences": [
                {
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "name": "web-6d4f8c5b7",
                    "uid": "0b6c3a4e-1d2f-4a5b-8c7d-9e0f1a2b3c4d",
                    "controller": True,
                    "blockOwnerDeletion": True,
                }
            ],
            "labels": {"app": "web", "pod-template-hash": "6d4f8c5b7"},
        },
        "spec": {
            "containers": [{"name": "web", "image": image, "ports": [{"containerPort": 80}]}],
            **spec,
        },
    }


def run(batched: bool, plan: list[Obj | Step]) -> tuple[list[str], int]:
    """Create the plan's requests in order (a callable changes the cluster in between): as a
    controller's batch (``checked`` when the request repeats the previous one) or each through
    the full path.  The stored pods' JSON (errors as their text) and the random draws."""
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    out: list[str] = []
    previous = None
    for item in plan:
        if callable(item):
            item(cluster)
            continue
        try:
            pod = apiserver.create(
                cluster,
                "Pod",
                json.loads(json.dumps(item)),
                checked=batched and item == previous,
                manager=fieldmanager.CONTROLLER_MANAGER,
            )
            out.append(json.dumps(pod))
        except errors.MklError as e:
            out.append(f"{type(e).__name__}: {e}")
        previous = item
    return out, cluster.rng.counter


def same_as_full_path(plan: list[Obj | Step]) -> list[str]:
    batched = run(True, plan)
    assert batched == run(False, plan)
    return batched[0]


def test_a_batch_is_the_full_paths_pods() -> None:
    pods = same_as_full_path([request()] * 5)
    assert len({json.loads(p)["metadata"]["name"] for p in pods}) == 5
    volumes = {json.loads(p)["spec"]["volumes"][0]["name"] for p in pods}
    assert len(volumes) == 5  # each pod draws its own token volume name


def test_repeats_skip_defaulting_and_admission(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real, admit = defaults.default_object, admission.admit_pod
    monkeypatch.setattr(defaults, "default_object", lambda o: (calls.append(o["kind"]), real(o)))
    monkeypatch.setattr(
        admission, "admit_pod", lambda c, p, *a: (calls.append("admit"), admit(c, p, *a))[1]
    )
    run(True, [request()] * 5)
    assert [c for c in calls if c in ("Pod", "admit")] == ["Pod", "admit"]


def _limit_range(cluster: Cluster) -> None:
    limit_range(cluster, defaultRequest={"cpu": "100m"})


def _quota(cluster: Cluster) -> None:
    apiserver.create(
        cluster,
        "ResourceQuota",
        {
            "apiVersion": "v1",
            "kind": "ResourceQuota",
            "metadata": {"name": "q", "namespace": "default"},
            "spec": {"hard": {"pods": "3"}},
        },
    )


def _drop_account(cluster: Cluster) -> None:
    cluster.remove("ServiceAccount", cluster.get("ServiceAccount", "default", "default"))


def _terminate(cluster: Cluster) -> None:
    cluster.get("Namespace", None, "default")["status"]["phase"] = "Terminating"


@pytest.mark.parametrize("change", [_limit_range, _quota, _drop_account, _terminate])
def test_admission_inputs_changing_mid_batch(change: Step) -> None:
    pods = same_as_full_path([request(), request(), change, request(), request()])
    assert any("Error" in p or "limit-ranger" in p for p in pods[2:])


def test_other_requests_and_own_token_volumes() -> None:
    own = request(volumes=[{"name": "kube-api-access-mine", "emptyDir": {}}])
    own["spec"]["containers"][0]["volumeMounts"] = [
        {"name": "kube-api-access-mine", "mountPath": "/x"}
    ]
    pods = same_as_full_path([request(), request("nginx:1.26"), request(), own, own, request()])
    assert json.loads(pods[4])["spec"]["volumes"] == [
        {"name": "kube-api-access-mine", "emptyDir": {}}
    ]


def _account_automount(value: bool | None) -> Step:
    def change(cluster: Cluster) -> None:
        account = cluster.get("ServiceAccount", "default", "default")
        if value is None:
            account.pop("automountServiceAccountToken", None)
        else:
            account["automountServiceAccountToken"] = value
        cluster.touch("ServiceAccount", account)

    return change


def test_the_accounts_automount_changing_between_batches() -> None:
    pods = same_as_full_path(
        [
            request(),
            request(),
            _account_automount(False),
            request(),
            request(),
            _account_automount(None),
            request(),
        ]
    )
    mounted = ["volumes" in json.loads(p)["spec"] for p in pods]
    assert mounted == [True, True, False, False, True]


def test_init_containers_and_partial_mounts_in_a_batch() -> None:
    req = request(initContainers=[{"name": "init", "image": "busybox"}])
    req["spec"]["containers"].append(
        {
            "name": "side",
            "image": "busybox",
            "volumeMounts": [{"name": "t", "mountPath": admission.TOKEN_PATH}],
        }
    )
    req["spec"]["volumes"] = [{"name": "t", "emptyDir": {}}]
    pods = [json.loads(p)["spec"] for p in same_as_full_path([req] * 4)]
    for spec in pods:
        token = spec["volumes"][-1]["name"]
        assert token.startswith("kube-api-access-")
        names = {
            c["name"]: [m["name"] for m in c.get("volumeMounts", [])]
            for c in spec["initContainers"] + spec["containers"]
        }
        assert names == {"init": [token], "web": [token], "side": ["t"]}
    assert len({spec["volumes"][-1]["name"] for spec in pods}) == 4
