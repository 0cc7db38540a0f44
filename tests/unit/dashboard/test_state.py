"""The dashboard's state document (dashboard/state.py): its shape and what it says mid-rollout."""

from __future__ import annotations

from typing import Any

from minikube_lite.dashboard import state
from minikube_lite.ops import session
from tests.conftest import MklRunner

TOP = {"profile", "clock", "namespaces", "deployments", "otherPods", "events", "lesson"}
DEPLOYMENT = {
    "namespace", "name", "revision", "images", "strategy", "paused", "message", "done", "failed",
    "reasons", "band", "replicaSets", "timeline",
}  # fmt: skip
BAND = {
    "strategy", "desired", "maxSurge", "maxUnavailable", "floor", "ceiling", "pods", "terminating",
    "replicas", "ready", "available", "updated", "rolling",
}  # fmt: skip
RS = {
    "name", "revision", "new", "active", "desired", "current", "ready", "available", "images",
    "changeCause", "pods",
}  # fmt: skip
POD = {"name", "ready", "status", "restarts", "age", "state", "note", "image"}


def run(mkl: MklRunner, *argv: str) -> str:
    r = mkl(*argv)
    assert r.exit_code == 0, (argv, r.stderr)
    return r.stdout


def look() -> dict[str, Any]:
    with session.open_cluster(None, create=False, advance=False) as cluster:
        return state.build(cluster, "minikube")


def web(mkl: MklRunner, replicas: int = 4) -> None:
    run(mkl, "create", "deployment", "web", "--image=nginx:1.25", f"--replicas={replicas}")
    run(mkl, "clock", "advance", "30s")


def test_state_mid_rollout_shows_both_revisions_and_the_band(manual: MklRunner) -> None:
    web(manual)
    run(manual, "set", "image", "deployment/web", "nginx=nginx:1.27")
    doc = look()
    assert set(doc) == TOP and doc["lesson"] is None
    assert doc["clock"] == {"mode": "manual", "speed": 1.0, "now": "2024-01-01T00:00:30Z"}
    assert [ns["name"] for ns in doc["namespaces"]][:1] == ["default"]
    assert doc["namespaces"][0]["deployments"] == 1
    (d,) = doc["deployments"]
    assert set(d) == DEPLOYMENT and set(d["band"]) == BAND
    assert (d["name"], d["revision"], d["images"], d["done"]) == ("web", 2, ["nginx:1.27"], False)
    # 4 replicas, 25% / 25%: maxSurge 1, maxUnavailable 1
    band = d["band"]
    assert (band["desired"], band["maxSurge"], band["maxUnavailable"]) == (4, 1, 1)
    assert (band["floor"], band["ceiling"], band["rolling"]) == (3, 5, True)
    assert band["pods"] <= band["ceiling"] and band["available"] >= band["floor"]
    new, old = d["replicaSets"]
    assert set(new) == RS and all(set(p) == POD for p in new["pods"] + old["pods"])
    assert (new["new"], new["revision"], old["new"], old["revision"]) == (True, 2, False, 1)
    assert new["pods"] and all(p["state"] == "starting" for p in new["pods"])
    assert {p["state"] for p in old["pods"]} <= {"available", "terminating"}
    names = {p["name"] for rs in d["replicaSets"] for p in rs["pods"]}
    listed = run(manual, "get", "pods", "-o", "name").split()
    assert {f"pod/{n}" for n in names} == set(listed)
    assert d["strategy"] == (
        "RollingUpdate (maxSurge 25% = 1, maxUnavailable 25% = 1), minReadySeconds 0"
    )
    assert d["message"].startswith('Waiting for deployment "web" rollout to finish')
    assert d["timeline"].startswith("<svg ") and "set image nginx:1.27" in d["timeline"]
    assert doc["events"][0]["reason"] in {"ScalingReplicaSet", "SuccessfulCreate", "Scheduled",
                                          "Killing", "SuccessfulDelete"}  # fmt: skip
    assert doc["otherPods"] == []


def test_state_after_the_rollout_keeps_the_old_revision_idle(manual: MklRunner) -> None:
    web(manual, replicas=2)
    run(manual, "set", "image", "deployment/web", "nginx=nginx:1.27")
    run(manual, "rollout", "status", "deployment/web")
    (d,) = look()["deployments"]
    old_pods = d["replicaSets"][1]["pods"]
    assert old_pods and all(p["state"] == "terminating" for p in old_pods)
    run(manual, "clock", "advance", "40s")  # the grace period
    (d,) = look()["deployments"]
    assert (d["done"], d["band"]["rolling"], d["reasons"]) == (True, False, [])
    assert d["message"] == 'deployment "web" successfully rolled out'
    new, old = d["replicaSets"]
    assert (new["active"], old["active"], old["desired"], old["pods"]) == (True, False, 0, [])
    assert all(p["state"] == "available" for p in new["pods"])


def test_state_lists_pods_no_deployment_owns(manual: MklRunner) -> None:
    web(manual, replicas=1)
    run(manual, "run", "solo", "--image=nginx:1.25")
    run(manual, "create", "namespace", "class")
    doc = look()
    assert [(p["namespace"], p["name"]) for p in doc["otherPods"]] == [("default", "solo")]
    assert {"name": "class", "phase": "Active", "deployments": 0, "pods": 0} in doc["namespaces"]


def test_state_says_when_the_progress_deadline_passed(manual: MklRunner) -> None:
    web(manual, replicas=2)
    run(manual, "set", "image", "deployment/web", "nginx=nginx:1.161")
    run(manual, "clock", "advance", "11m")
    (d,) = look()["deployments"]
    assert (d["failed"], d["done"]) == (True, False)
    assert d["message"] == 'deployment "web" exceeded its progress deadline'
    assert any(p["state"] == "image-pull" for p in d["replicaSets"][0]["pods"])


def test_a_recreate_band_goes_down_to_zero(manual: MklRunner) -> None:
    run(manual, "apply", "-f", "manifests/http-go-recreate.yaml")
    run(manual, "clock", "advance", "30s")
    (d,) = look()["deployments"]
    band = d["band"]
    assert (band["strategy"], band["floor"], band["ceiling"], band["maxSurge"]) == (
        "Recreate",
        0,
        band["desired"],
        0,
    )
    assert d["strategy"] == "Recreate, minReadySeconds 0"
