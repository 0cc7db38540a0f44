"""The README's grading script (manifests/grade.sh) runs unchanged against mkl: wait, -o
jsonpath, -o go-template and --field-selector, as a teacher's kubectl script uses them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import BIN

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "manifests" / "grade.sh"


def _mkl(*argv: str) -> None:
    subprocess.run([str(BIN / "mkl"), *argv], check=True, capture_output=True, env=os.environ)


def _grade() -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KUBECTL": str(BIN / "mkl")}
    return subprocess.run(["sh", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=120)


def test_the_grading_script_passes_a_finished_exercise_and_fails_an_unfinished_one() -> None:
    _mkl("cluster", "start", "--clock", "manual", "--seed", "1")
    _mkl("create", "-f", str(ROOT / "manifests" / "http-go-deploy.yaml"), "--record")
    _mkl("rollout", "status", "deploy/http-go")
    _mkl("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v3", "--record")
    r = _grade()
    assert r.returncode == 1
    assert "FAIL image is v2: got 'gasbugs/http-go:v3', want 'gasbugs/http-go:v2'" in r.stdout
    assert "FAIL three revisions: got '2', want '3'" in r.stdout
    _mkl("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2", "--record")
    r = _grade()
    assert (r.returncode, r.stderr) == (0, ""), r.stdout
    assert r.stdout.splitlines() == [
        "ok   image is v2",
        "ok   three revisions",
        "ok   every pod Running",
        "ok   change-causes recorded",
    ]


def test_the_readme_shows_the_script() -> None:
    readme = (ROOT / "README.md").read_text()
    body = SCRIPT.read_text().split("\n", 1)[1]  # without the #! line
    assert body.strip() in readme
