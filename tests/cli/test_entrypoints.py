"""The real processes: entry points, broken pipes, Ctrl-C, SIGKILL at random moments,
--help everywhere.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minikube_lite.cli import app
from minikube_lite.store import persist
from tests.conftest import BIN, ROOT, run_cli

KILLS = int(os.environ.get("MKL_KILL_RUNS", "12"))


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([str(BIN / "mkl")], id="mkl"),
        pytest.param([str(BIN / "minikube-lite")], id="minikube-lite"),
        pytest.param([sys.executable, "-m", "minikube_lite"], id="python-m"),
    ],
)
def test_entry_points_run_the_same_app(argv: list[str], mkl_home) -> None:
    env = {**os.environ, "MKL_HOME": str(mkl_home)}
    r = subprocess.run(
        [*argv, "get", "ns", "-o", "name"], capture_output=True, text=True, env=env, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "namespace/default",
        "namespace/kube-node-lease",
        "namespace/kube-public",
        "namespace/kube-system",
    ]


def test_program_name_follows_argv0(tmp_path, mkl_home) -> None:
    link = tmp_path / "kubectl"
    link.symlink_to(BIN / "mkl")
    env = {**os.environ, "MKL_HOME": str(mkl_home)}
    r = subprocess.run([str(link), "get"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 1
    assert "See 'kubectl get -h' for help and examples" in r.stderr


def test_broken_pipe_exits_quietly(mkl_home) -> None:
    env = {**os.environ, "MKL_HOME": str(mkl_home)}
    r = subprocess.run(
        f"{BIN}/mkl api-resources | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 0
    assert r.stderr == ""
    assert r.stdout.startswith("NAME")


def _start(mkl_home, *argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "MKL_HOME": str(mkl_home), "NO_COLOR": "1"}
    return subprocess.Popen(
        [str(BIN / "mkl"), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.parametrize(
    "argv",
    [["rollout", "status", "deploy/web"], ["get", "pods", "-w"]],
    ids=["rollout-status", "get-w"],
)
def test_ctrl_c_exits_130_cleanly(mkl_home, argv: list[str]) -> None:
    env = {"MKL_HOME": str(mkl_home)}
    assert (
        run_cli("cluster", "start", "--clock", "real", "--speed", "0.001", env=env).returncode == 0
    )
    assert run_cli("create", "deployment", "web", "--image=nginx:1.25", env=env).returncode == 0
    p = _start(mkl_home, *argv)
    line = p.stdout.readline()  # it is waiting now
    assert line
    p.send_signal(signal.SIGINT)
    _out, err = p.communicate(timeout=30)
    assert p.returncode == 130
    assert "Traceback" not in err
    assert persist.load(Path(persist.state_path("minikube"))) is not None


def test_sigkill_at_random_moments_never_breaks_the_state(mkl_home) -> None:
    env = {"MKL_HOME": str(mkl_home)}
    assert run_cli("cluster", "start", "--clock", "manual", "--seed", "5", env=env).returncode == 0
    rng = random.Random(5)
    cmds = [
        ["create", "deployment", "d{i}", "--image=nginx:1.25", "--replicas=3"],
        ["create", "namespace", "n{i}"],
        ["clock", "advance", "3s"],
        ["scale", "deploy/d0", "--replicas=5"],
    ]
    for i in range(KILLS):
        argv = [a.format(i=i) for a in rng.choice(cmds)]
        p = _start(mkl_home, *argv)
        time.sleep(rng.uniform(0.0, 0.15))
        p.send_signal(signal.SIGKILL)
        p.communicate(timeout=30)
        doc = persist.load(Path(persist.state_path("minikube")))
        assert doc is not None and doc["schemaVersion"] == persist.SCHEMA_VERSION
    r = run_cli("get", "all", "-A", "-o", "json", env=env)
    assert r.returncode == 0, r.stderr
    json.loads(r.stdout)


def _commands(cmd=None, path=()):
    cmd = cmd or app.root()
    for name, child in cmd.children.items():
        yield (*path, name)
        yield from _commands(child, (*path, name))


@pytest.mark.parametrize("path", list(_commands()), ids=lambda p: "-".join(p))
def test_every_command_has_help(mkl, path: tuple[str, ...]) -> None:
    r = mkl(*path, "--help")
    assert r.exit_code == 0
    cmd = app.root()
    for w in path:
        cmd = cmd.children[w]
    assert "Usage:" in r.stdout
    assert ("Available Commands:" in r.stdout) == bool(cmd.children)  # groups list their commands
    if cmd.handler:
        assert "Examples:" in r.stdout, "every runnable command shows examples"


def test_readme_mentions_every_top_level_command() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in app.root().children:
        assert f"`{name}" in readme or f"mkl {name}" in readme, name
