"""Several shells at once lose nothing: the lock serialises load-reconcile-save."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import BIN


def test_concurrent_writers_lose_nothing(mkl, mkl_home) -> None:
    assert mkl("cluster", "start", "--clock", "manual", "--seed", "3").exit_code == 0
    env = {**os.environ, "MKL_HOME": str(mkl_home)}
    script = "; ".join(f"{BIN}/mkl create namespace w$1-{i} >/dev/null" for i in range(5))
    procs = [subprocess.Popen(["bash", "-c", script, "x", str(w)], env=env) for w in range(4)]
    for p in procs:
        assert p.wait(timeout=120) == 0
    r = mkl("get", "ns", "-o", "name")
    names = set(r.stdout.split())
    assert {f"namespace/w{w}-{i}" for w in range(4) for i in range(5)} <= names
