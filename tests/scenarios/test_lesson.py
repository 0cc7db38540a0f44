"""The rolling-update lesson (the TIL notes `make demo` replays) end to end, in-process,
on a manual clock: create --record, rollout status, set image --record, history, undo and its
renumbering, pause/resume batching, patch minReadySeconds, failures and namespaces."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests import builders as mk

RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n"
WAIT = 'Waiting for deployment "http-go" rollout to finish: '
STATUS_LINE = re.compile(
    r'^(Waiting for deployment "http-go" rollout to finish: '
    r"(\d+ out of \d+ new replicas have been updated|\d+ old replicas are pending "
    r"termination|\d+ of \d+ updated replicas are available)\.\.\."
    r'|Waiting for deployment spec update to be observed\.\.\.|deployment "http-go" '
    r"successfully rolled out)$"
)


@pytest.fixture
def lesson(manual, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mk.write(Path("http-go-deploy.yaml"), mk.http_go(3))
    return manual


def _json(mkl, *argv: str) -> dict:
    r = mkl("get", *argv, "-o", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _image(mkl, *ns: str) -> str:
    return _json(mkl, "deploy", "http-go", *ns)["spec"]["template"]["spec"]["containers"][0][
        "image"
    ]


def _history(mkl, *ns: str) -> list[tuple[int, str]]:
    r = mkl("rollout", "history", "deploy", "http-go", *ns)
    assert r.exit_code == 0, r.stderr
    rows = [line.split(None, 1) for line in r.stdout.splitlines()[2:] if line.strip()]
    return [(int(rev), cause) for rev, cause in rows]


def _status(mkl, *argv: str) -> list[str]:
    r = mkl("rollout", "status", *argv)
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    lines = r.stdout.splitlines()
    assert all(STATUS_LINE.match(line) for line in lines), lines
    assert lines[-1] == 'deployment "http-go" successfully rolled out'
    return lines


def _curl(mkl) -> str:
    pod = _json(mkl, "pods", "-l", "app=http-go")["items"][0]["metadata"]["name"]
    r = mkl("exec", pod, "--", "curl", "-s", "127.0.0.1:8080")
    return r.stdout


def test_rolling_update_lesson(lesson) -> None:
    mkl = lesson
    create_cause = "mkl create --filename=http-go-deploy.yaml --record=true"
    r = mkl("create", "-f", "http-go-deploy.yaml", "--record")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "deployment.apps/http-go created\n",
        RECORD_WARNING,
    )
    first = _status(mkl, "deployment/http-go")
    assert first == [
        WAIT + "0 of 3 updated replicas are available...",
        'deployment "http-go" successfully rolled out',
    ]
    assert _json(mkl, "deploy", "http-go")["status"]["availableReplicas"] == 3

    # slow the rollout down so it can be watched, then update the image with --record
    assert (
        mkl("patch", "deployment", "http-go", "-p", '{"spec": {"minReadySeconds": 10}}').stdout
        == "deployment.apps/http-go patched\n"
    )
    assert _history(mkl) == [(1, create_cause)]
    r = mkl("set", "image", "deployment", "http-go", "http-go=gasbugs/http-go:v2", "--record")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/http-go image updated\n")
    lines = _status(mkl, "deploy", "http-go")
    assert lines == (  # one line per look; with minReadySeconds 10 each new pod takes a while
        [WAIT + "1 out of 3 new replicas have been updated..."] * 5
        + [WAIT + "2 out of 3 new replicas have been updated..."] * 4
        + [WAIT + "1 old replicas are pending termination..."] * 3
        + ['deployment "http-go" successfully rolled out']
    )
    v2_cause = "mkl set image deployment http-go http-go=gasbugs/http-go:v2 --record=true"
    assert _history(mkl) == [(1, create_cause), (2, v2_cause)]
    assert "Welcome! http-go:v2" in _curl(mkl)

    # v3 without --record: the stale change-cause is copied to the new revision
    assert (
        mkl("set", "image", "deployment", "http-go", "http-go=gasbugs/http-go:v3").stdout
        == "deployment.apps/http-go image updated\n"
    )
    _status(mkl, "deploy/http-go")
    assert [rev for rev, _ in _history(mkl)] == [1, 2, 3]

    # undo goes back to v2 and renumbers: 1, 2, 3 -> 1, 3, 4
    assert (
        mkl("rollout", "undo", "deployment", "http-go").stdout
        == "deployment.apps/http-go rolled back\n"
    )
    _status(mkl, "deploy/http-go")
    assert _history(mkl) == [(1, create_cause), (3, v2_cause), (4, v2_cause)]
    assert _image(mkl) == "gasbugs/http-go:v2"
    assert "Welcome! http-go:v2" in _curl(mkl)

    # undo --to-revision=1: 1, 3, 4 -> 3, 4, 5 and back on v1 with the create change-cause
    assert (
        mkl("rollout", "undo", "deployment", "http-go", "--to-revision=1").stdout
        == "deployment.apps/http-go rolled back\n"
    )
    _status(mkl, "deploy/http-go")
    assert _history(mkl) == [(3, v2_cause), (4, v2_cause), (5, create_cause)]
    assert _image(mkl) == "gasbugs/http-go:v1"
    rs = _json(mkl, "rs")["items"]
    assert len(rs) == 3  # undo reuses ReplicaSets


def test_pause_batches_changes_and_refuses_undo(lesson) -> None:
    mkl = lesson
    mkl("create", "-f", "http-go-deploy.yaml", "--record")
    _status(mkl, "deploy/http-go")
    mkl("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2")
    _status(mkl, "deploy/http-go")
    assert mkl("rollout", "pause", "deploy", "http-go").stdout == "deployment.apps/http-go paused\n"
    mkl("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v3")
    mkl("set", "env", "deploy/http-go", "GREETING=hi")
    mkl("scale", "deploy/http-go", "--replicas=4")
    assert [rev for rev, _ in _history(mkl)] == [1, 2]
    r = mkl("rollout", "status", "deploy/http-go", "--timeout=30s")
    assert (r.exit_code, r.stderr) == (1, "error: timed out waiting for the condition\n")
    r = mkl("rollout", "undo", "deploy", "http-go")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "error: you cannot rollback a paused deployment; resume it first with 'mkl "
        "rollout resume' and try again\n"
    )
    cond = {c["type"]: c for c in _json(mkl, "deploy", "http-go")["status"]["conditions"]}
    assert (cond["Progressing"]["status"], cond["Progressing"]["reason"]) == (
        "Unknown",
        "DeploymentPaused",
    )

    assert (
        mkl("rollout", "resume", "deploy", "http-go").stdout == "deployment.apps/http-go resumed\n"
    )
    _status(mkl, "deploy/http-go")
    assert [rev for rev, _ in _history(mkl)] == [
        1,
        2,
        3,
    ]  # every change made while paused: one revision
    d = _json(mkl, "deploy", "http-go")
    c = d["spec"]["template"]["spec"]["containers"][0]
    assert (c["image"], c["env"], d["status"]["availableReplicas"]) == (
        "gasbugs/http-go:v3",
        [{"name": "GREETING", "value": "hi"}],
        4,
    )


def test_failed_rollout_hits_the_deadline_and_undo_recovers(lesson) -> None:
    mkl = lesson
    mkl("create", "-f", "http-go-deploy.yaml")
    _status(mkl, "deploy/http-go")
    mkl("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v9")
    r = mkl("rollout", "status", "deploy/http-go")
    assert r.exit_code == 1
    assert r.stderr == 'error: deployment "http-go" exceeded its progress deadline\n'
    assert r.stdout.splitlines()[0] == (
        'Waiting for deployment "http-go" rollout to finish: 1 out of 3 new replicas '
        "have been updated..."
    )
    cond = {c["type"]: c for c in _json(mkl, "deploy", "http-go")["status"]["conditions"]}
    assert cond["Progressing"]["reason"] == "ProgressDeadlineExceeded"
    assert (
        mkl("rollout", "undo", "deploy/http-go").stdout == "deployment.apps/http-go rolled back\n"
    )
    _status(mkl, "deploy/http-go")
    assert _image(mkl) == "gasbugs/http-go:v1"


def test_status_timeout_is_simulated(lesson) -> None:
    mkl = lesson
    mkl("create", "-f", "http-go-deploy.yaml")
    _status(mkl, "deploy/http-go")
    mkl("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v9")
    r = mkl("rollout", "status", "deploy/http-go", "--timeout=2m")
    assert (r.exit_code, r.stderr) == (1, "error: timed out waiting for the condition\n")
    assert "since start" in mkl("clock").stdout
    r = mkl("rollout", "status", "deploy/http-go", "--watch=false")
    assert (r.exit_code, r.stdout) == (
        0,
        'Waiting for deployment "http-go" rollout to finish: 1 out of 3 new replicas '
        "have been updated...\n",
    )


def test_restart_rolls_out_a_new_revision(lesson) -> None:
    mkl = lesson
    mkl("create", "-f", "http-go-deploy.yaml")
    _status(mkl, "deploy/http-go")
    old = {p["metadata"]["name"] for p in _json(mkl, "pods")["items"]}
    assert (
        mkl("rollout", "restart", "deploy/http-go").stdout == "deployment.apps/http-go restarted\n"
    )
    _status(mkl, "deploy/http-go")
    new = {
        p["metadata"]["name"]
        for p in _json(mkl, "pods")["items"]
        if not p["metadata"].get("deletionTimestamp")
    }
    assert len(new) == 3 and not (old & new)
    assert [rev for rev, _ in _history(mkl)] == [1, 2]


def test_namespaces_keep_their_own_history(lesson) -> None:
    mkl = lesson
    assert mkl("create", "namespace", "dev").stdout == "namespace/dev created\n"
    mkl("create", "-f", "http-go-deploy.yaml", "--record")
    r = mkl("create", "-f", "http-go-deploy.yaml", "-n", "dev", "--record")
    assert r.stdout == "deployment.apps/http-go created\n"
    _status(mkl, "deploy/http-go", "-n", "dev")
    r = mkl("-n", "dev", "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2", "--record")
    assert r.stdout == "deployment.apps/http-go image updated\n"
    _status(mkl, "deploy/http-go", "--namespace", "dev")
    assert [rev for rev, _ in _history(mkl, "-n", "dev")] == [1, 2]
    assert (
        _history(mkl, "-n", "dev")[1][1]
        == "mkl set image deploy/http-go http-go=gasbugs/http-go:v2 --namespace=dev --record=true"
    )
    assert [rev for rev, _ in _history(mkl)] == [1]
    assert _image(mkl) == "gasbugs/http-go:v1"
    mkl("config", "set-context", "--current", "--namespace=dev")
    assert (
        mkl("rollout", "undo", "deploy/http-go").stdout == "deployment.apps/http-go rolled back\n"
    )
    assert _image(mkl, "-n", "dev") == "gasbugs/http-go:v1"
    r = mkl("rollout", "history", "deploy/http-go", "-n", "nope")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (NotFound): deployments.apps "http-go" not found\n',
    )


def test_edit_record_is_a_revision_as_in_the_lessons_history(manual, tmp_path, monkeypatch) -> None:
    """The lesson's ``kubectl edit deploy alpine-deploy --record=true``, as demo.sh replays it
    (a script plays the editor: it changes the image)."""
    root = Path(__file__).resolve().parents[2]
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s|image: alpine:3.20|image: alpine:latest|" "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("KUBE_EDITOR", str(editor))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.chdir(root / "manifests")
    assert manual("create", "-f", "alpine-deploy.yaml", "--record").exit_code == 0
    assert manual("rollout", "status", "deploy/alpine-deploy").exit_code == 0
    r = manual("edit", "deploy", "alpine-deploy", "--record=true")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "deployment.apps/alpine-deploy edited\n",
        RECORD_WARNING,
    )
    assert manual("rollout", "status", "deploy/alpine-deploy").exit_code == 0
    assert manual("rollout", "history", "deploy", "alpine-deploy").stdout == (
        "deployment.apps/alpine-deploy \n"
        "REVISION  CHANGE-CAUSE\n"
        "1         mkl create --filename=alpine-deploy.yaml --record=true\n"
        "2         mkl edit deploy alpine-deploy --record=true\n\n"
    )
