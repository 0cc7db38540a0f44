"""An ``mkl serve`` API server on a free loopback port, on a thread, and the real kubectl at it.

``apiserver`` starts the server for the test's manual-clock profile (the same ``launch.prepare``
``mkl serve`` uses) and stops it at the end; ``kc(...)`` runs the real kubectl 1.37 with the
kubeconfig the server wrote and a fresh discovery cache.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.server import launch, routes
from tests.conftest import KUBECTL, NO_KUBECTL, MklRunner

Kubectl = Callable[..., subprocess.CompletedProcess[str]]


@contextlib.contextmanager
def serving() -> Iterator[launch.Launched]:
    """``mkl serve`` for the current profile on a thread, stopped at the end of the block."""
    up = launch.prepare(None, "127.0.0.1", 0)
    t = threading.Thread(target=up.server.serve_forever, kwargs={"poll_interval": 0.05})
    t.start()
    try:
        yield up
    finally:
        up.api.close()
        up.server.shutdown()
        up.server.server_close()
        t.join(10)


@pytest.fixture
def apiserver(manual: MklRunner) -> Iterator[launch.Launched]:
    with serving() as up:
        yield up


def runner(up: launch.Launched, tmp: Path, binary: Path) -> Kubectl:
    """A kubectl binary against ``up``: its own HOME and discovery cache under ``tmp``."""

    def run(
        *argv: str, stdin: str | None = None, timeout: float = 60, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        full = {
            **os.environ,
            "KUBECONFIG": str(up.kubeconfig_path),
            "HOME": str(tmp),
            **(env or {}),
        }
        return subprocess.run(
            [str(binary), f"--cache-dir={tmp / ('cache-' + binary.name)}", *argv],
            capture_output=True,
            text=True,
            input=stdin,
            env=full,
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture
def kc(apiserver: launch.Launched, tmp_path: Path) -> Kubectl:
    if KUBECTL is None:
        pytest.skip(NO_KUBECTL)
    return runner(apiserver, tmp_path, Path(KUBECTL))


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """(method, path?sorted query, User-Agent) of every request the server answers."""
    got: list[tuple[str, str, str]] = []
    dispatch = routes.dispatch

    def spy(api: Any, req: Any) -> Any:
        query = "&".join(f"{k}={v}" for k, vs in sorted(req.query.items()) for v in vs)
        got.append((req.method, f"{req.path}?{query}", req.headers.get("User-Agent", "")))
        return dispatch(api, req)

    monkeypatch.setattr(routes, "dispatch", spy)
    return got
