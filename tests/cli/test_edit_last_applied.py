"""``apply edit-last-applied`` through the CLI with scripted editors (KUBE_EDITOR), as test_edit.

The expected texts are kubectl's (editoptions.go ApplyEditMode): its header, the annotation as
the object shown, "<kind>/<name> edited|skipped", the no-annotation error that names `kubectl`
literally, and a patch that changes only the annotation (GetApplyPatch's merge patch).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minikube_lite.ops import edit as ops
from tests.cli.rollout_helpers import get_json
from tests.cli.test_edit import editor, seen, use
from tests.conftest import MklRunner, needs_kubectl

MANIFEST = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
"""
SHOWN = """apiVersion: apps/v1
kind: Deployment
metadata:
  annotations: {}
  name: web
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.25
        name: web
"""


@pytest.fixture
def applied(manual: MklRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MklRunner:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv("EDITOR", raising=False)
    path = tmp_path / "web.yaml"
    path.write_text(MANIFEST)
    r = manual("apply", "-f", str(path))
    assert r.exit_code == 0, r.stderr
    return manual


def _last_applied(mkl: MklRunner) -> dict:
    text = get_json(mkl, "deploy", "web")["metadata"]["annotations"][
        "kubectl.kubernetes.io/last-applied-configuration"
    ]
    return json.loads(text)  # type: ignore[no-any-return]


def test_saving_patches_only_the_annotation(applied, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, 'sed -i "s/^  replicas: 2$/  replicas: 5/" "$1"')
    r = applied("apply", "edit-last-applied", "deploy/web")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web edited\n", "")
    assert seen(tmp_path) == ops.APPLY_HEADER + SHOWN
    d = get_json(applied, "deploy", "web")
    assert d["spec"]["replicas"] == 2  # the object itself is untouched
    assert _last_applied(applied)["spec"]["replicas"] == 5
    managers = json.loads(
        applied("get", "deploy", "web", "-o", "json", "--show-managed-fields").stdout
    )["metadata"]["managedFields"]
    csa = [e for e in managers if e["manager"] == "kubectl-client-side-apply"]
    assert csa and all(e["operation"] == "Update" for e in csa)
    # the next apply of the original file now sees replicas: 5 as what it applied last
    r = applied("apply", "-f", str(tmp_path / "web.yaml"))
    assert r.stdout == "deployment.apps/web configured\n"


def test_json_no_change_and_windows_line_endings(applied, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, "true")
    r = applied("apply", "edit-last-applied", "deploy/web", "-o", "json", "--windows-line-endings")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "Edit cancelled, no changes made.\n")
    shown = (tmp_path / "seen-0").read_bytes()
    assert shown.startswith(b'{\r\n    "apiVersion": "apps/v1",\r\n')  # JSON: no header
    assert b"\n" not in shown.replace(b"\r\n", b"")


def test_selection_by_file_and_label(applied, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, 'sed -i "s/nginx:1.25/nginx:1.27/" "$1"')
    r = applied("apply", "edit-last-applied", "-f", str(tmp_path / "web.yaml"))
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web edited\n")
    image = _last_applied(applied)["spec"]["template"]["spec"]["containers"][0]["image"]
    assert image == "nginx:1.27"
    use(monkeypatch, tmp_path, "true")
    r = applied("apply", "edit-last-applied", "deploy", "-l", "app=nobody")
    assert r.exit_code == 1
    assert "no last-applied-configuration annotation found on resources" in r.stderr


def test_an_object_without_the_annotation(applied, tmp_path, monkeypatch) -> None:
    assert applied("create", "deployment", "bare", "--image=nginx").exit_code == 0
    monkeypatch.setenv("KUBE_EDITOR", editor(tmp_path, "exit 3"))
    r = applied("apply", "edit-last-applied", "deploy/bare")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "error: no last-applied-configuration annotation found on resources, to create the "
        "annotation, use command `kubectl apply set-last-applied --create-annotation`\n"
    )
    assert not (tmp_path / "seen-0").exists()  # the editor never ran


@needs_kubectl
def test_errors_before_the_editor_match_kubectl(mkl: MklRunner) -> None:
    from tests.conftest import kubectl

    want = kubectl("apply", "edit-last-applied", "-f", "/dev/null")
    got = mkl("apply", "edit-last-applied", "-f", "/dev/null")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
