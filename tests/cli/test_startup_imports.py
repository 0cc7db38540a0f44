"""The everyday commands' import path: no ``typing`` (annotations only, under a local
``TYPE_CHECKING = False``), no ``pathlib``, no editor, server, dashboard or lesson module.

Measured with ``python -X importtime -m minikube_lite get pods``: ``typing`` cost 2.6-4.0 ms of
a ~50 ms command (the whole budget is a local ``kubectl patch --local``).  The commands run in
one child process, one after the other, as ``app.run`` would run them from separate shells.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

COMMANDS = [
    ["cluster", "start", "--clock", "manual", "--seed", "1"],
    ["create", "deployment", "web", "--image=gasbugs/http-go:v1", "--replicas=2"],
    ["clock", "advance", "30s"],
    ["get", "pods"],
    ["get", "deploy", "-o", "json"],
    ["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"],
    ["set", "image", "deploy/web", "http-go=gasbugs/http-go:v2", "--record"],
    ["rollout", "status", "deploy/web"],
    ["rollout", "history", "deploy/web"],
    ["scale", "deploy/web", "--replicas=3"],
    ["rollout", "undo", "deploy/web"],
    ["describe", "deploy", "web"],
    ["patch", "deploy", "web", "-p", '{"spec":{"minReadySeconds":5}}'],
    ["get", "events"],
    ["delete", "deploy", "web"],
]

CHILD = """
import json, sys
from minikube_lite.cli import app
from minikube_lite.cli.io import IO
import io as stdio
codes = []
for argv in json.loads(sys.argv[1]):
    out, err = stdio.StringIO(), stdio.StringIO()
    codes.append([argv[0], app.run(argv, IO(stdout=out, stderr=err), "mkl"), err.getvalue()])
print(json.dumps({"codes": codes, "modules": sorted(sys.modules)}))
"""


def test_everyday_commands_never_import_typing_or_pathlib(tmp_path: Path) -> None:
    env = {**os.environ, "MKL_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(COMMANDS)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    got = json.loads(out)
    assert [c for c in got["codes"] if c[1] != 0] == []
    modules = set(got["modules"])
    assert "typing" not in modules
    # pathlib brings urllib.parse, ipaddress, fnmatch and ntpath: 3-5 ms of every command;
    # store/persist.py and segments.py join paths with os.path
    assert "pathlib" not in modules
    assert not {m for m in modules if m.startswith(("minikube_lite.server", "minikube_lite.dash"))}
