"""``rollout explain``: one test per blocking rule (issue 7), through the real CLI, manual clock.

Each scenario drives a rollout to the state where one rule holds it back, then checks the
sentence and the structured finding (``-o json``).  The numbers must be the controller's own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.ops import explain as ex
from minikube_lite.ops import session
from tests import builders as mk

MANIFESTS = Path(__file__).resolve().parents[3] / "manifests"


def ok(mkl: Any, *argv: str) -> str:
    r = mkl(*argv)
    assert r.exit_code == 0, (argv, r.stdout, r.stderr)
    return str(r.stdout)


def http_go(
    mkl: Any,
    tmp_path: Path,
    replicas: int = 4,
    min_ready: int = 10,
    strategy: dict[str, Any] | None = None,
) -> None:
    """Create deployment http-go (gasbugs/http-go:v1) and let it finish rolling out."""
    d = mk.http_go(
        replicas, minReadySeconds=min_ready, strategy=strategy or {"type": "RollingUpdate"}
    )
    ok(mkl, "apply", "-f", mk.write(tmp_path / "http-go.yaml", d))
    ok(mkl, "rollout", "status", "deploy/http-go")


def explain(mkl: Any, target: str = "deploy/http-go") -> tuple[list[str], dict[str, Any]]:
    """(sentences, findings by rule) of ``rollout explain``."""
    lines = ok(mkl, "rollout", "explain", target).splitlines()
    data = json.loads(ok(mkl, "rollout", "explain", target, "-o", "json"))
    assert [data["summary"], *(f["sentence"] for f in data["findings"])] == lines
    return lines, {f["rule"]: f for f in data["findings"]}


def rs_names(mkl: Any, deploy: str) -> tuple[str, str]:
    """(old, new) ReplicaSet names of a Deployment with two revisions."""
    items = json.loads(ok(mkl, "get", "rs", "-o", "json"))["items"]
    mine = [rs for rs in items if rs["metadata"]["ownerReferences"][0]["name"] == deploy]
    mine.sort(
        key=lambda rs: int(rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"])
    )
    return mine[0]["metadata"]["name"], mine[-1]["metadata"]["name"]


# ----- the example: surge, unavailable and minReadySeconds at once ------------------------


def test_surge_unavailable_and_min_ready_seconds(manual: Any, tmp_path: Path) -> None:
    http_go(manual, tmp_path)
    ok(manual, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2")
    old, new = rs_names(manual, "http-go")
    manual("clock", "advance", "10s")
    lines, rules = explain(manual)
    assert lines[0] == (
        f'deployment "http-go" is rolling out revision 2 ({new}): 2 of 4 updated, 3 available '
        "(at least 3 must stay available, at most 5 may exist)."
    )
    assert lines[1] == (
        f"Scaling up {new} is blocked by maxSurge: 4 replicas + 1 surge = 5 pods allowed, 5 exist."
    )
    assert (
        lines[2]
        == f"Scaling down {old} is blocked by maxUnavailable: 3 must stay available and 3 are."
    )
    assert lines[3].startswith(f"Waiting for pod {new}-") and lines[3].endswith(
        " to pass minReadySeconds (4s left); 1 more pod is in the same state."
    )
    assert list(rules) == ["surge", "unavailable", "min-ready"]
    assert rules["surge"]["numbers"] == {
        "desired": 4,
        "maxSurge": 1,
        "allowed": 5,
        "counted": 5,
        "created": 5,
    }
    assert rules["unavailable"]["numbers"]["minAvailable"] == 3
    assert rules["min-ready"]["numbers"] == {"pods": 2, "secondsLeft": 4}


def test_unavailable_alone_once_the_new_rs_is_full(manual: Any, tmp_path: Path) -> None:
    http_go(manual, tmp_path)
    ok(manual, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2")
    manual("clock", "advance", "16s")
    _, rules = explain(manual)
    assert list(rules) == [
        "unavailable",
        "min-ready",
    ]  # the new RS has all 4: nothing left to surge


def test_upstream_worked_example_counts_not_available_new_pods(manual: Any, tmp_path: Path) -> None:
    """rolling.go reconcileOldReplicaSets' example: 10 replicas, surge 3, unavailable 2.

    Broken image: A=8, B=5, stuck.
    """
    http_go(
        manual,
        tmp_path,
        replicas=10,
        min_ready=0,
        strategy={"rollingUpdate": {"maxSurge": 3, "maxUnavailable": 2}},
    )
    ok(manual, "set", "image", "deploy/http-go", "http-go=webserver:404")
    manual("clock", "advance", "5s")
    old, new = rs_names(manual, "http-go")
    lines, rules = explain(manual)
    assert lines[1] == (
        f"Scaling up {new} is blocked by maxSurge: 10 replicas + 3 surge = 13 pods "
        "allowed, 13 exist."
    )
    assert (
        lines[2]
        == f"Scaling down {old} is blocked by maxUnavailable: 8 must stay available and 8 are."
    )
    assert rules["image-pull"]["numbers"]["pods"] == 5


# ----- pods ---------------------------------------------------------------------------------------


def test_readiness_probe_failure(manual: Any) -> None:
    ok(manual, "apply", "-f", str(MANIFESTS / "failures" / "readiness.yaml"))
    manual("clock", "advance", "1m")
    lines, rules = explain(manual, "deploy/web")
    assert list(rules) == ["readiness", "deadline-countdown"]
    assert lines[1].endswith(
        " is running but not ready: Readiness probe failed: HTTP probe failed with "
        "statuscode: 404; "
        "1 more pod is in the same state."
    )
    assert lines[2] == "Without progress the deadline (progressDeadlineSeconds 600) fires in 9m1s."


def test_image_pull_back_off(manual: Any) -> None:
    ok(manual, "apply", "-f", str(MANIFESTS / "failures" / "image-pull.yaml"))
    manual("clock", "advance", "1m")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.161")
    manual("clock", "advance", "5s")
    _, new = rs_names(manual, "web")
    lines, rules = explain(manual, "deploy/web")
    assert lines[3].startswith(f"Pod {new}-") and lines[3].endswith(
        ' cannot pull image "nginx:1.161" (ImagePullBackOff); the kubelet retries with back-off, '
        "and the rollout waits until the image is fixed or undone."
    )
    assert list(rules) == ["surge", "unavailable", "image-pull", "deadline-countdown"]


def test_progress_deadline(manual: Any) -> None:
    ok(manual, "apply", "-f", str(MANIFESTS / "failures" / "image-pull.yaml"))
    manual("clock", "advance", "1m")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.161")
    manual("clock", "advance", "11m")
    lines, rules = explain(manual, "deploy/web")
    assert lines[-1] == (
        "The progress deadline passed: 600s without progress, so the rollout is marked failed "
        "(ProgressDeadlineExceeded). Nothing is rolled back: fix the cause or run "
        "'mkl rollout undo deployment/web'."
    )
    assert rules["deadline"]["numbers"] == {"progressDeadlineSeconds": 600}


def test_crash_loop(manual: Any) -> None:
    ok(manual, "apply", "-f", str(MANIFESTS / "failures" / "crashloop.yaml"))
    manual("clock", "advance", "1m")
    name = json.loads(ok(manual, "get", "deploy", "-o", "json"))["items"][0]["metadata"]["name"]
    _, rules = explain(manual, f"deploy/{name}")
    assert "crash-loop" in rules
    assert "keeps crashing (CrashLoopBackOff, 3 restarts)" in rules["crash-loop"]["sentence"]


# ----- the Deployment -----------------------------------------------------------------------------


def test_paused(manual: Any, tmp_path: Path) -> None:
    http_go(manual, tmp_path)
    ok(manual, "rollout", "pause", "deploy/http-go")
    ok(manual, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2")
    lines, rules = explain(manual)
    assert list(rules) == ["paused"]
    assert lines == [
        'deployment "http-go" is paused: 0 of 4 updated, 4 available.',
        "The rollout is paused: the controller only scales and creates no new ReplicaSet until "
        "'mkl rollout resume deployment/http-go'. The template changed while paused: "
        "resuming rolls it out.",
    ]
    r = manual("rollout", "explain", "deploy/http-go", prog="kubectl")
    assert "'kubectl rollout resume deployment/http-go'" in r.stdout


def test_recreate_waits_for_old_pods(manual: Any) -> None:
    ok(manual, "apply", "-f", str(MANIFESTS / "http-go-recreate.yaml"))
    ok(manual, "rollout", "status", "deploy/http-go-recreate")
    ok(manual, "set", "image", "deploy/http-go-recreate", "http-go=gasbugs/http-go:v2")
    (old, *_), rules = (
        rs_names(manual, "http-go-recreate"),
        explain(manual, "deploy/http-go-recreate")[1],
    )
    assert list(rules) == ["recreate"]
    sentence = rules["recreate"]["sentence"]
    assert sentence.startswith("Recreate: http-go-recreate-") and sentence.endswith(
        f" is created only when every old pod is gone; 3 pods of {old} still exist (3 terminating)."
    )
    assert rules["recreate"]["numbers"] == {"oldPods": 3, "terminating": 3}
    # The name it announces is the one the controller then creates.
    manual("clock", "advance", "1s")
    assert rs_names(manual, "http-go-recreate")[1] == rules["recreate"]["subject"]


def test_quota_refusal(manual: Any) -> None:
    ok(manual, "apply", "-f", str(MANIFESTS / "failures" / "quota.yaml"))
    manual("clock", "advance", "1m")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.25")
    manual("clock", "advance", "30s")
    _, new = rs_names(manual, "web")
    lines, rules = explain(manual, "deploy/web")
    assert lines[1] == (
        f"Scaling up {new} is blocked by maxSurge: 3 replicas + 1 surge = 4 pods "
        "allowed, 4 are counted (3 created)."
    )
    assert lines[3] == (
        f'Creating pods for {new} is refused (FailedCreate): pods "{new}-" is forbidden: '
        "exceeded quota: compute-quota, "
        "requested: requests.cpu=300m, used: requests.cpu=900m, limited: requests.cpu=1; "
        "the ReplicaSet controller retries with back-off."
    )
    assert rules["quota"]["numbers"] == {"missing": 1}


def test_finished_rollout(manual: Any, tmp_path: Path) -> None:
    http_go(manual, tmp_path)
    ok(manual, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2")
    ok(manual, "rollout", "status", "deploy/http-go")
    _, new = rs_names(manual, "http-go")
    lines, rules = explain(manual)
    assert lines == [
        f'deployment "http-go" successfully rolled out: revision 2 ({new}) has 4 of 4 '
        "replicas available.",
        "Nothing holds it back: every replica runs the current template and is available.",
    ]
    assert list(rules) == ["complete"]


# ----- CLI surface --------------------------------------------------------------------------------


def test_errors_and_other_kinds(manual: Any, tmp_path: Path) -> None:
    http_go(manual, tmp_path)
    r = manual("rollout", "explain")
    assert (r.exit_code, r.stderr) == (1, "error: required resource not specified\n")
    r = manual("rollout", "explain", "deploy/nope")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (NotFound): deployments.apps "nope" not found\n',
    )
    rs = rs_names(manual, "http-go")[0]
    r = manual("rollout", "explain", f"rs/{rs}")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: no rollout explainer has been implemented for ReplicaSet.apps\n",
    )
    r = manual("rollout", "explain", "deploy/http-go", "-o", "yaml")
    assert r.exit_code == 1 and "allowed formats are: json" in r.stderr


def test_pure_function_matches_cli(manual: Any, tmp_path: Path) -> None:
    """``explain(gather(...))`` is what the command prints (no hidden state in the CLI)."""
    http_go(manual, tmp_path)
    ok(manual, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2")
    with session.open_cluster(None) as cluster:
        d = cluster.get("Deployment", "default", "http-go")
        assert d is not None
        facts = ex.gather(cluster, d)
    result = ex.explain(facts)
    assert ok(manual, "rollout", "explain", "deploy/http-go") == "\n".join(result.sentences) + "\n"
    assert not result.complete and [f.rule for f in result.findings] == [
        "surge",
        "unavailable",
        "starting",
    ]


@pytest.mark.parametrize(("left", "text"), [(4.0, "4s"), (3.2, "4s"), (0.5, "1s"), (90, "1m30s")])
def test_seconds_rounds_up(left: float, text: str) -> None:
    from minikube_lite.ops import explain_pods

    assert explain_pods.seconds(left) == text
