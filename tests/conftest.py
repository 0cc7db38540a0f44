"""Shared fixtures: every test gets its own MKL_HOME; `mkl` runs the real CLI in-process."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from minikube_lite.cli import app
from minikube_lite.cli.io import IO

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def mkl_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "mkl-home"
    monkeypatch.setenv("MKL_HOME", str(home))
    monkeypatch.delenv("MKL_PROFILE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    return home


MklRunner = Callable[..., Result]


@pytest.fixture
def mkl(mkl_home: Path) -> MklRunner:
    """Run one mkl command line in-process: mkl("get", "pods", stdin="...")."""

    def run(*argv: str, stdin: str = "", prog: str = "mkl", tty: bool = False) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = app.run(list(argv), IO(stdout=out, stderr=err, stdin=io.StringIO(stdin), env=dict(os.environ), is_tty=tty), prog=prog)
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def manual(mkl: MklRunner) -> MklRunner:
    """A fresh manual-clock cluster (seed 1); returns the runner."""
    r = mkl("cluster", "start", "--clock", "manual", "--seed", "1")
    assert r.exit_code == 0, r.stderr
    return mkl


def run_cli(*argv: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the installed `mkl` as a real process (for the measured number of subprocess tests)."""
    exe = BIN / "mkl"
    return subprocess.run([str(exe), *argv], capture_output=True, text=True, input=stdin, env={**os.environ, **(env or {})}, timeout=timeout)
