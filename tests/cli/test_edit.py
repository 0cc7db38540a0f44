"""``edit`` and ``create --edit`` through the CLI, with scripted editors (KUBE_EDITOR).

Each editor is a small shell script: it copies what it was shown next to itself, then rewrites
the file (editoptions.go's loop is what is under test, not an editor).
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from minikube_lite.ops import edit as ops
from tests.cli.rollout_helpers import get_json
from tests.conftest import BIN, kubectl, needs_kubectl

RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n"


def editor(tmp_path: Path, body: str, name: str = "ed.sh") -> str:
    """A shell script editor; ``$1`` is the file, ``$D`` the test's directory."""
    path = tmp_path / name
    path.write_text(
        f'#!/bin/sh\nD="{tmp_path}"\nn=$(ls "$D"/seen-* 2>/dev/null | wc -l)\n'
        f'cp "$1" "$D/seen-$n"\necho "$1" > "$D/path-$n"\n{body}\n'
    )
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def seen(tmp_path: Path, n: int = 0) -> str:
    return (tmp_path / f"seen-{n}").read_text()


def shown_path(tmp_path: Path, n: int = 0) -> str:
    return (tmp_path / f"path-{n}").read_text().strip()


@pytest.fixture
def web(manual, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv("EDITOR", raising=False)
    assert (
        manual("create", "deployment", "web", "--image=nginx:1.25", "--replicas=2").exit_code == 0
    )
    return manual


def use(monkeypatch, tmp_path: Path, body: str) -> None:
    monkeypatch.setenv("KUBE_EDITOR", editor(tmp_path, body))


SCALE_TO_3 = 'sed -i "s/^  replicas: 2$/  replicas: 3/" "$1"'


def test_edit_record_patches_and_shows_in_history(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, SCALE_TO_3)
    r = web("edit", "deploy", "web", "--record=true")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web edited\n", RECORD_WARNING)
    assert seen(tmp_path).startswith(ops.HEADER + "apiVersion: apps/v1\nkind: Deployment\n")
    path = shown_path(tmp_path)
    assert re.fullmatch(re.escape(str(tmp_path)) + r"/mkl-edit-[a-z0-9]{5}\.yaml", path)
    assert not os.path.exists(path)  # removed once applied
    d = get_json(web, "deploy", "web")
    assert d["spec"]["replicas"] == 3
    cause = d["metadata"]["annotations"]["kubernetes.io/change-cause"]
    assert cause == "mkl edit deploy web --record=true"
    h = web("rollout", "history", "deploy", "web").stdout
    assert "1         mkl edit deploy web --record=true\n" in h


def test_edit_unchanged_cancels(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, "true")
    rv = get_json(web, "deploy", "web")["metadata"]["resourceVersion"]
    r = web("edit", "deployment/web")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "Edit cancelled, no changes made.\n")
    assert not os.path.exists(shown_path(tmp_path))
    assert get_json(web, "deploy", "web")["metadata"]["resourceVersion"] == rv


def test_edit_only_comments_changed_cancels(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, 'sed -i "1d" "$1"; echo "# note" >> "$1"')
    r = web("edit", "deployment/web")
    assert (r.exit_code, r.stderr) == (0, "Edit cancelled, no changes made.\n")


def test_edit_empty_file_cancels(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, ': > "$1"')
    r = web("edit", "deployment/web")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "Edit cancelled, saved file was empty.\n")


INVALID_THEN_FIX = (
    'if [ "$n" = 0 ]; then sed -i "s/^  replicas: 2$/  replicas: -1/" "$1"; '
    'else sed -i "s/^  replicas: -1$/  replicas: 4/" "$1"; fi'
)


def test_edit_invalid_reopens_with_the_errors(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, INVALID_THEN_FIX)
    r = web("edit", "deploy/web")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == 'error: deployments.apps "web" is invalid\n'
    assert r.stdout == "deployment.apps/web edited\n"
    again = seen(tmp_path, 1)
    assert again.startswith(
        ops.HEADER + '# deployments.apps "web" was not valid:\n'
        "# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n"
        "apiVersion: apps/v1\n"
    )
    assert "  replicas: -1\n" in again
    assert not os.path.exists(shown_path(tmp_path, 0))  # the first pass's file is cleaned up
    assert get_json(web, "deploy", "web")["spec"]["replicas"] == 4


def test_edit_invalid_left_unchanged_keeps_a_copy(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, 'sed -i "s/^  replicas: 2$/  replicas: -1/" "$1"')
    r = web("edit", "deploy/web")
    path = shown_path(tmp_path, 1)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        'error: deployments.apps "web" is invalid\n'
        f'A copy of your changes has been stored to "{path}"\n'
        "error: Edit cancelled, no valid changes were saved.\n"
    )
    assert "replicas: -1" in Path(path).read_text()


def test_edit_syntax_error_reopens(web, tmp_path, monkeypatch) -> None:
    body = 'if [ "$n" = 0 ]; then echo "spec: [" >> "$1"; else true; fi'
    use(monkeypatch, tmp_path, body)
    r = web("edit", "deploy/web")
    assert r.exit_code == 1
    assert (
        "# The edited file had a syntax error: error parsing edited-file: error converting "
        "YAML to JSON: yaml: line" in seen(tmp_path, 1)
    )
    assert r.stderr.endswith("error: Edit cancelled, no valid changes were saved.\n")


def test_edit_rename_fails_and_keeps_a_copy(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, 'sed -i "s/^  name: web$/  name: other/" "$1"')
    r = web("edit", "deploy/web")
    path = shown_path(tmp_path)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        f'A copy of your changes has been stored to "{path}"\n'
        "error: At least one of apiVersion, kind and name was changed\n"
    )
    assert os.path.exists(path)


def test_edit_stale_resource_version_conflicts(web, tmp_path, monkeypatch) -> None:
    use(
        monkeypatch,
        tmp_path,
        f'{SCALE_TO_3}; sed -i "s/^  resourceVersion: .*/  resourceVersion: \\"1\\"/" "$1"',
    )
    r = web("edit", "deploy/web")
    path = shown_path(tmp_path)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        'error: deployments.apps "web" could not be patched: Operation cannot be fulfilled on '
        'deployments.apps "web": the object has been modified; please apply your changes to the '
        "latest version and try again\n"
        f"You can run `mkl replace -f {path}` to try this update again.\n"
    )
    assert get_json(web, "deploy", "web")["spec"]["replicas"] == 2


def test_edit_keeps_a_change_made_while_the_editor_is_open(web, tmp_path, monkeypatch) -> None:
    """The lock is released while editing: another command runs meanwhile, and both count."""
    mkl = BIN / "mkl"
    body = f'timeout 30 "{mkl}" scale deploy web --replicas=5 >/dev/null || exit 9\n' + (
        'sed -i "s/image: nginx:1.25/image: nginx:1.27/" "$1"'
    )
    use(monkeypatch, tmp_path, body)
    r = web("edit", "deploy/web", "--output-patch")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        'Patch: {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],'
        '"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n'
        "deployment.apps/web edited\n"
    )
    d = get_json(web, "deploy", "web")
    assert d["spec"]["replicas"] == 5
    assert d["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.27"


def test_edit_deleted_meanwhile_saves_the_edits(web, tmp_path, monkeypatch) -> None:
    mkl = BIN / "mkl"
    body = f'timeout 30 "{mkl}" delete deploy web >/dev/null || exit 9\n{SCALE_TO_3}'
    use(monkeypatch, tmp_path, body)
    r = web("edit", "deploy/web")
    path = shown_path(tmp_path)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        'error: deployments.apps "web" could not be found on the server\n'
        f'The edits you made on deleted resources have been saved to "{path}"\n'
    )


def test_edit_several_objects_in_one_list(web, tmp_path, monkeypatch) -> None:
    assert web("create", "deployment", "db", "--image=redis").exit_code == 0
    use(monkeypatch, tmp_path, 'sed -i "0,/replicas: 2$/s//replicas: 3/" "$1"')
    r = web("edit", "deploy/web", "deploy/db")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "deployment.apps/web edited\ndeployment.apps/db skipped\n"
    text = seen(tmp_path)
    assert text.startswith(ops.HEADER + "apiVersion: v1\nitems:\n- apiVersion: apps/v1\n")
    assert text.endswith("kind: List\nmetadata: {}\n")
    r = web("edit", "deploy")  # a type alone: every deployment
    assert r.exit_code == 0
    assert seen(tmp_path, 1).count("\n  kind: Deployment\n") == 2


def test_edit_json(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, 'sed -i "s/\\"replicas\\": 2,/\\"replicas\\": 3,/" "$1"')
    r = web("edit", "deploy/web", "-o", "json")
    assert r.exit_code == 0, r.stderr
    assert shown_path(tmp_path).endswith(".json")
    shown = seen(tmp_path)
    assert shown.startswith("{\n")  # no header: JSON has no comments
    assert json.loads(r.stdout)["spec"]["replicas"] == 3


def test_edit_save_config(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, SCALE_TO_3)
    assert web("edit", "deploy/web", "--save-config").exit_code == 0
    ann = get_json(web, "deploy", "web")["metadata"]["annotations"]
    applied = json.loads(ann["kubectl.kubernetes.io/last-applied-configuration"])
    assert applied["spec"]["replicas"] == 3


@pytest.mark.parametrize(
    ("editor_cmd", "message"),
    [
        pytest.param(
            "no-such-editor-xyz", 'unable to launch the editor "no-such-editor-xyz"', id="missing"
        ),
        pytest.param("false", 'there was a problem with the editor "false"', id="failing"),
    ],
)
def test_edit_editor_errors(web, monkeypatch, editor_cmd: str, message: str) -> None:
    monkeypatch.setenv("KUBE_EDITOR", editor_cmd)
    r = web("edit", "deploy/web")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", f"error: {message}\n")


def test_edit_editor_command_with_arguments(web, tmp_path, monkeypatch) -> None:
    script = editor(tmp_path, SCALE_TO_3)
    monkeypatch.setenv("KUBE_EDITOR", "")
    monkeypatch.setenv("EDITOR", f"sh {script}")  # split on spaces, as kubectl does
    assert web("edit", "deploy/web").exit_code == 0
    monkeypatch.setenv("EDITOR", f"sh '{script}'")  # quotes: through $SHELL -c
    monkeypatch.setenv("SHELL", "/bin/sh")
    r = web("edit", "deploy/web")
    assert (r.exit_code, r.stderr) == (0, "Edit cancelled, no changes made.\n")


def test_create_edit(manual, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    f = tmp_path / "d.yaml"
    f.write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
        "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
        "      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n"
        "        image: nginx\n"
    )
    use(monkeypatch, tmp_path, "true")
    r = manual("create", "--edit", "-f", str(f))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "Edit cancelled, no changes made.\n")
    assert seen(tmp_path) == ops.HEADER + (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\n"
        "spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n"
        "    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n"
        "      - image: nginx\n        name: web\n"
    )
    assert manual("get", "deploy", "web").exit_code == 1
    (tmp_path / "seen-0").unlink()
    use(monkeypatch, tmp_path, SCALE_TO_3)
    r = manual("create", "--edit", "-f", str(f), "--record")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web created\n"), r.stderr
    d = get_json(manual, "deploy", "web")
    assert d["spec"]["replicas"] == 3
    assert d["metadata"]["annotations"]["kubernetes.io/change-cause"].startswith("mkl create")


def _read_until(fd: int, want: bytes, limit: float = 30.0) -> bytes:
    import select
    import time

    got, end = b"", time.monotonic() + limit
    while want not in got and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the other side closed
                break
            if not chunk:
                break
            got += chunk
    return got


def test_edit_runs_the_editor_on_the_terminal(web, tmp_path) -> None:
    """An interactive editor gets the terminal: it prompts, reads the answer, and mkl waits."""
    import pty
    import subprocess

    script = editor(
        tmp_path, 'printf "replicas? "; read n; sed -i "s/^  replicas: 2$/  replicas: $n/" "$1"'
    )
    master, slave = pty.openpty()
    env = {**os.environ, "KUBE_EDITOR": script, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        [str(BIN / "mkl"), "edit", "deploy/web"], stdin=slave, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    try:
        assert b"replicas? " in _read_until(master, b"replicas? ")
        os.write(master, b"4\n")
        rest = _read_until(master, b"edited")
        assert proc.wait(timeout=30) == 0
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert b"deployment.apps/web edited" in rest
    assert get_json(web, "deploy", "web")["spec"]["replicas"] == 4


def test_edit_windows_line_endings(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, "true")
    r = web("edit", "deploy/web", "--windows-line-endings")
    assert (r.exit_code, r.stderr) == (0, "Edit cancelled, no changes made.\n")
    shown = (tmp_path / "seen-0").read_bytes()
    assert shown.startswith(ops.HEADER.replace("\n", "\r\n").encode())
    assert b"\n" not in shown.replace(b"\r\n", b"")


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="nothing-named"),
        pytest.param(["--output-patch", "-f", "/dev/null"], id="no-objects-in-file"),
    ],
)
def test_edit_errors_before_the_editor_match_kubectl(mkl, argv: list[str]) -> None:
    want = kubectl("edit", *argv)
    got = mkl("edit", *argv)
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_edit_unknown_field_is_refused_unless_validation_is_off(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, 'sed -i "0,/^  replicas: 2$/s//  replicaz: 3/" "$1"')
    r = web("edit", "deploy/web")
    path = shown_path(tmp_path)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        'error: deployments.apps "web" could not be patched: Deployment in version "v1" cannot '
        'be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"\n'
        f"You can run `mkl replace -f {path}` to try this update again.\n"
    )
    r = web("edit", "deploy/web", "--validate=false")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web edited\n")


def test_edit_editor_can_still_be_interrupted(web, tmp_path, monkeypatch) -> None:
    """mkl ignores Ctrl-C while the editor runs, but the editor keeps its own Ctrl-C."""
    import sys

    script = tmp_path / "ed.py"
    script.write_text(
        "import signal, sys\n"
        "sys.exit(5 if signal.getsignal(signal.SIGINT) is signal.SIG_IGN else 0)\n"
    )
    monkeypatch.setenv("KUBE_EDITOR", f"{sys.executable} {script}")
    r = web("edit", "deploy/web")
    assert (r.exit_code, r.stderr) == (0, "Edit cancelled, no changes made.\n")


def test_edit_moving_namespace_fails_and_keeps_a_copy(web, tmp_path, monkeypatch) -> None:
    use(monkeypatch, tmp_path, 'sed -i "s/^  namespace: default$/  namespace: other/" "$1"')
    r = web("edit", "deploy/web")
    path = shown_path(tmp_path)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        f'A copy of your changes has been stored to "{path}"\n'
        'error: the namespace from the provided object "other" does not match the namespace '
        "\"default\". You must pass '--namespace=other' to perform this operation.\n"
    )
