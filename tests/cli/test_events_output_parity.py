"""``events -o`` against the real kubectl 1.37 (events.go: the PrintFlags printer over one
``v1`` EventList, sorted oldest first), which reads the very events mkl recorded from the test
API server of tests/cli/fake_apiserver.py."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli import fake_apiserver
from tests.conftest import KUBECTL, MklRunner, needs_kubectl


def _kubectl(config_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KUBECONFIG": str(config_path), "HOME": str(config_path.parent)}
    return subprocess.run([str(KUBECTL), *argv], capture_output=True, text=True, env=env)


@pytest.fixture
def recorded(manual: MklRunner) -> MklRunner:
    """A rollout's events (Normal) and a failing image's (Warning)."""
    for argv in (
        ["create", "deployment", "web", "--image=nginx", "--replicas=2"],
        ["run", "bad", "--image=nosuch/image:1"],
        ["clock", "advance", "40s"],
    ):
        r = manual(*argv)
        assert r.exit_code == 0, (argv, r.stderr)
    return manual


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["-o", "json"], id="json"),
        pytest.param(["-o", "yaml"], id="yaml"),
        pytest.param(["-o", "name"], id="name"),
        pytest.param(["-o", "jsonpath={.items[*].reason}"], id="jsonpath"),
        pytest.param(["-o", "jsonpath={.kind} {.metadata}"], id="jsonpath-list"),
        pytest.param(
            ["-o", 'go-template={{range .items}}{{.type}} {{.reason}}{{"\\n"}}{{end}}'],
            id="go-template",
        ),
        pytest.param(["--types=Warning", "-o", "yaml"], id="types-yaml"),
        pytest.param(["--for", "pod/bad", "-o", "name"], id="for-name"),
        pytest.param(["-o", "wide"], id="wide-refused"),
        pytest.param(["-o", "custom-columns=R:.reason"], id="custom-columns-refused"),
    ],
)
def test_events_output_matches_kubectl(
    recorded: MklRunner, tmp_path: Path, argv: list[str]
) -> None:
    listed = recorded("get", "events", "-o", "json", "--show-managed-fields")
    items = json.loads(listed.stdout)["items"]
    if "--for" in argv:  # what the field selector kubectl sends would leave
        items = [e for e in items if e["involvedObject"]["name"] == "bad"]
    body = {"kind": "EventList", "apiVersion": "v1", "metadata": {}, "items": items}
    routes = {"/api/v1/namespaces/default/events": body}
    with fake_apiserver.serving(tmp_path, routes) as cfg:
        want = _kubectl(cfg, "events", *argv)
    got = recorded("events", *argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
