"""``mkl lesson``: the built-in lesson replayed step by step, wrong steps, teachers' files, errors.

Replaying the lesson's commands in-process turns ``lesson check --json`` from all-failing to
all-passing one step at a time (issue 17's acceptance); the checks read only what the cluster
recorded, so they also grade an exported snapshot.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from minikube_lite.ops import lesson, session

LESSON = lesson.load_builtin("rolling-update")


def _write_manifests(where: Path) -> None:
    """The files the lesson's texts tell the student to save (taken from those texts)."""
    first = LESSON.steps[0].text["en"].split("http-go-deploy.yaml:\n")[1].split("\n\n")[0]
    (where / "http-go-deploy.yaml").write_text(textwrap.dedent(first))
    alpine = LESSON.steps[1].text["en"].split("revision 2.\n\n")[1]
    (where / "alpine-deploy.yaml").write_text(textwrap.dedent(alpine))
    rec = yaml.safe_load(textwrap.dedent(first))
    labels = {"app": "http-go-recreate"}
    rec["metadata"].update(name="http-go-recreate", labels=labels)
    rec["spec"]["selector"]["matchLabels"] = labels
    rec["spec"]["template"]["metadata"]["labels"] = labels
    rec["spec"]["strategy"] = {"type": "Recreate"}
    (where / "http-go-recreate.yaml").write_text(yaml.safe_dump(rec))
    editor = where / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s|image: alpine:3.20|image: alpine:latest|" "$1"\n')
    editor.chmod(0o755)


# One list of command lines per step; "!" marks a command that fails as on a real cluster.
STEPS: list[list[str]] = [
    [
        "create -f http-go-deploy.yaml --record",
        "rollout status deployment/http-go",
        "rollout history deploy http-go",
    ],
    [
        "create -f alpine-deploy.yaml --record",
        "rollout status deploy/alpine-deploy",
        "edit deploy alpine-deploy --record=true",
        "rollout status deploy/alpine-deploy",
    ],
    ["patch deployment http-go -p {minready}"],
    [
        "set image deployment http-go http-go=gasbugs/http-go:v2 --record",
        "rollout status deploy/http-go",
    ],
    [
        "set image deployment http-go http-go=gasbugs/http-go:v3 --record",
        "rollout status deploy/http-go",
        "rollout undo deployment http-go",
        "rollout status deploy/http-go",
    ],
    ["rollout undo deployment http-go --to-revision=1", "rollout status deploy/http-go"],
    [
        "rollout pause deploy http-go",
        "set image deploy/http-go http-go=gasbugs/http-go:v2 --record",
        "!rollout undo deploy http-go",
        "rollout resume deploy http-go",
        "rollout status deploy/http-go",
    ],
    [
        "create -f http-go-recreate.yaml",
        "rollout status deploy/http-go-recreate",
        "set image deploy/http-go-recreate http-go=gasbugs/http-go:v2",
        "rollout status deploy/http-go-recreate",
    ],
    [
        "set image deploy/http-go http-go=gasbugs/http-go:v9",
        "clock advance 10m",
        "!rollout status deploy/http-go",
        "rollout undo deploy/http-go",
        "rollout status deploy/http-go",
    ],
    [
        "create namespace dev",
        "create -f http-go-deploy.yaml -n dev",
        "rollout status deploy/http-go -n dev",
    ],
]


def _run(mkl, line: str) -> None:
    fails = line.startswith("!")
    argv = line.lstrip("!").split()
    argv = [{"{minready}": '{"spec": {"minReadySeconds": 10}}'}.get(a, a) for a in argv]
    r = mkl(*argv)
    assert (r.exit_code != 0) == fails, (line, r.stdout, r.stderr)


def _check(mkl, *extra: str) -> tuple[int, dict]:
    r = mkl("lesson", "check", "--json", *extra)
    assert r.stderr == ""
    return r.exit_code, json.loads(r.stdout)


@pytest.fixture
def classroom(manual, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write_manifests(tmp_path)
    monkeypatch.setenv("KUBE_EDITOR", str(tmp_path / "editor.sh"))
    r = manual("lesson", "start", "rolling-update", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    return manual


def test_replaying_the_lesson_passes_one_step_at_a_time(classroom):
    ids = [s.id for s in LESSON.steps]
    code, result = _check(classroom)
    assert (code, result["lesson"]) == (1, "rolling-update")
    assert [s["id"] for s in result["steps"]] == ids
    assert [s["passed"] for s in result["steps"]] == [False] * len(ids)
    for done, lines in enumerate(STEPS, 1):
        for line in lines:
            _run(classroom, line)
        code, result = _check(classroom)
        passed = [s["passed"] for s in result["steps"]]
        assert passed == [True] * done + [False] * (len(ids) - done), (ids[done - 1], result)
        assert code == (0 if done == len(ids) else 1)
    r = classroom("lesson", "status")
    assert "Every step passes" in r.stdout
    # the teacher grades the student's exported snapshot on another profile: same result
    assert classroom("cluster", "export", "-o", "student.json").exit_code == 0
    assert classroom("cluster", "import", "student.json", "--profile", "s1").exit_code == 0
    assert _check(classroom, "rolling-update", "--profile", "s1") == (0, result)


def _through(mkl, steps: int) -> None:
    for lines in STEPS[:steps]:
        for line in lines:
            _run(mkl, line)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "copied from revision 1: this change itself was not recorded"),
        ("ko", "리비전 1에서 복사된 것입니다"),
    ],
)
def test_set_image_without_a_change_cause_fails_its_step(classroom, lang, words):
    _through(classroom, 3)
    _run(classroom, "set image deployment http-go http-go=gasbugs/http-go:v2")
    _run(classroom, "rollout status deploy/http-go")
    _, result = _check(classroom, "--lang", lang)
    step = next(s for s in result["steps"] if s["id"] == "set-image")
    assert step["passed"] is False
    assert words in step["reason"]
    assert "--record" in step["reason"]
    # the student records it afterwards, as the hint says: the step passes
    _run(classroom, "annotate deployment/http-go kubernetes.io/change-cause=v2")
    _, result = _check(classroom)
    assert next(s for s in result["steps"] if s["id"] == "set-image")["passed"] is True


def test_undo_to_revision_1_before_revision_3_existed_fails(classroom):
    _through(classroom, 4)  # revisions 1 (v1) and 2 (v2)
    _run(classroom, "rollout undo deployment http-go --to-revision=1")
    _, result = _check(classroom)
    step = next(s for s in result["steps"] if s["id"] == "to-revision")
    assert step == {
        "id": "to-revision",
        "passed": False,
        "reason": "http-go was undone to revision 1 when the newest revision was 2; the step "
        "wants it done while revision 3 exists",
    }


def test_a_rollout_past_its_deadline_left_stuck_is_not_rolled_back(classroom):
    _through(classroom, 1)
    _run(classroom, "set image deploy/http-go http-go=gasbugs/http-go:v9")
    _run(classroom, "clock advance 11m")
    _, result = _check(classroom)
    reason = next(s for s in result["steps"] if s["id"] == "failure")["reason"]
    assert "exceeded its progress deadline at 00:1" in reason
    assert "was not rolled back afterwards (mkl rollout undo deploy/http-go)" in reason


TEACHER = """\
name: web-basics
title: {ko: 웹 기초, en: Web basics}
steps:
  - id: deploy
    text: Create Deployment web with 2 replicas of nginx.
    hint: mkl create deployment web --image=nginx --replicas=2
    checks:
      - deploymentExists: web
      - image: {deployment: web, image: nginx}
  - id: scale
    text: {en: Scale it to 3., ko: 3개로 늘리세요.}
    checks:
      - readyReplicas: {deployment: web, count: 3}
      - commandsInOrder: {deployment: web, commands: [scale]}
"""


def test_a_teachers_exercise_file(manual, tmp_path):
    path = tmp_path / "exercise.yaml"
    path.write_text(TEACHER)
    r = manual("lesson", "start", "-f", str(path), "--lang", "ko")
    assert r.exit_code == 0, r.stderr
    assert 'Lesson "web-basics"' not in r.stdout and "web-basics" in r.stdout
    path.unlink()  # the active lesson keeps its own copy
    assert manual("lesson", "hint").stdout == (
        "힌트 (deploy): mkl create deployment web --image=nginx --replicas=2\n"
    )
    for argv in (
        ["create", "deployment", "web", "--image=nginx", "--replicas=2"],
        ["clock", "advance", "10s"],
    ):
        assert manual(*argv).exit_code == 0
    code, result = _check(manual)
    assert code == 1
    assert [s["passed"] for s in result["steps"]] == [True, False]
    assert (
        result["steps"][1]["reason"] == "web의 준비된(ready) 레플리카가 2개인데, 이 단계는 "
        "3개를 원합니다 (mkl rollout status deploy/web)"
    )
    manual("scale", "deployment", "web", "--replicas=3")
    manual("clock", "advance", "10s")
    assert _check(manual)[0] == 0
    r = manual("lesson", "check")
    assert r.stdout.startswith("PASS  deploy: ")


def test_check_grades_a_profile_without_an_active_lesson(manual, tmp_path):
    path = tmp_path / "exercise.yaml"
    path.write_text(TEACHER)
    code, result = _check(manual, "-f", str(path), "--lang", "en")
    assert code == 1
    assert result["steps"][0] == {
        "id": "deploy",
        "passed": False,
        "reason": 'there is no Deployment "web" in namespace "default" (mkl get deploy -n default)',
    }
    r = manual("lesson", "status")
    assert r.exit_code == 1
    assert r.stderr.startswith('error: no lesson is active on profile "minikube"')


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            TEACHER.replace("deploymentExists", "deploymentExist"),
            'step "deploy", check 1 (deploymentExist): unknown check "deploymentExist" (known: ',
        ),
        (
            TEACHER.replace("count: 3", "count: three"),
            'step "scale", check 1 (readyReplicas): readyReplicas: count must be an integer, '
            "got 'three'",
        ),
        (
            TEACHER.replace("{deployment: web, image: nginx}", "{deploymnt: web, image: nginx}"),
            'step "deploy", check 2 (image): image: unknown argument "deploymnt"',
        ),
        (
            TEACHER.replace("    checks:\n      - deploymentExists: web\n", "    check:\n"),
            'step "deploy": unknown key "check"',
        ),
        ("name: x\ntitle: [", "not valid YAML"),
        ("name: x\ntitle: t\n", "steps: required, a non-empty list"),
    ],
)
def test_malformed_exercise_files_name_the_step_and_check(manual, tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    r = manual("lesson", "start", "-f", str(path))
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr.startswith(f"error: {path}: ")
    assert message in r.stderr
    assert r.stderr.count("\n") == 1  # one line, no traceback


def test_language_defaults_to_the_locale(manual, monkeypatch):
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    r = manual("lesson", "start", "rolling-update")
    assert "레슨" in r.stdout and "단계 1/10: create" in r.stdout
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert lesson.default_lang({"LC_ALL": "C.UTF-8", "LANG": "ko_KR"}) == "en"
    assert lesson.default_lang({"LC_MESSAGES": "ko"}) == "ko"
    # the lesson keeps the language it was started in; --lang overrides per command
    assert "단계" in manual("lesson", "status").stdout
    assert "Step 1/10" in manual("lesson", "status", "--lang", "en").stdout


def test_status_on_a_terminal_is_drawn_with_rich(manual):
    manual("lesson", "start", "rolling-update", "--lang", "en")
    r = manual("lesson", "status", tty=True)
    assert r.exit_code == 0
    assert "╭" in r.stdout and "Step 1/10: create" in r.stdout
    plain = manual("lesson", "status").stdout
    assert "╭" not in plain and "  [ ]  1 create  <-" in plain


def test_list_hint_counts_and_reset(manual, tmp_path):
    assert manual("lesson", "list", "--lang", "en").stdout == (
        "rolling-update  Rolling updates, rollbacks and namespaces\n"
    )
    manual("lesson", "start", "rolling-update", "--lang", "en")
    assert manual("lesson", "hint").stdout.startswith("Hint (create): --record is deprecated")
    manual("lesson", "hint")
    assert lesson.active("minikube").hints == {"create": 2}
    manual("create", "deployment", "web", "--image=nginx")
    r = manual("lesson", "reset")
    assert (
        r.stdout == 'Lesson "rolling-update" starts over on a fresh cluster (profile "minikube").\n'
    )
    act = lesson.active("minikube")
    assert act is not None and act.hints == {}
    assert "web" not in manual("get", "deploy").stdout
    assert manual("clock").stdout == manual("clock").stdout  # still the manual clock it had


def test_progress_for_the_dashboard(manual):
    with session.open_cluster(None) as cluster:
        assert lesson.progress(cluster) is None
    manual("lesson", "start", "rolling-update", "--lang", "ko")
    with session.open_cluster(None) as cluster:
        got = lesson.progress(cluster)
        english = lesson.progress(cluster, "en")
    assert got is not None and english is not None
    assert (got["lesson"], got["title"], got["current"]) == (
        "rolling-update",
        "롤링 업데이트와 롤백, 네임스페이스",
        "create",
    )
    assert len(got["steps"]) == 10 and set(got["steps"][0]) == {"id", "passed", "reason"}
    assert english["title"] == "Rolling updates, rollbacks and namespaces"


@pytest.mark.subprocess
def test_status_in_a_real_pseudo_terminal_has_colour_and_boxes(manual):
    """The installed ``mkl`` on a pty: rich's boxes and colours; with NO_COLOR, plain text."""
    import os

    from tests.cli.test_live import _pty_run
    from tests.conftest import BIN

    manual("lesson", "start", "rolling-update", "--lang", "en")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    code, out = _pty_run([str(BIN / "mkl"), "lesson", "status"], env)
    assert code == 0, out
    assert "\x1b[" in out and "╭─ Step 1/10: create" in out
    code, out = _pty_run([str(BIN / "mkl"), "lesson", "status"], {**env, "NO_COLOR": "1"})
    assert code == 0 and "\x1b[" not in out and "Step 1/10: create:" in out
