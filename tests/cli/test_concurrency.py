"""Several shells at once lose nothing: the lock serialises load-reconcile-save.

8 processes each run MKL_CONCURRENCY_RUNS (default 6; the issue's figure is 25) mutations —
annotate, create namespace, scale — against one cluster; afterwards every one of them is there.
"""

from __future__ import annotations

import json
import os
import subprocess

from tests.conftest import BIN

PROCS = 8
RUNS = int(os.environ.get("MKL_CONCURRENCY_RUNS", "6"))


def test_concurrent_writers_lose_nothing(mkl, mkl_home) -> None:
    assert mkl("cluster", "start", "--clock", "manual", "--seed", "3").exit_code == 0
    assert mkl("create", "deployment", "web", "--image=nginx:1.25").exit_code == 0
    env = {**os.environ, "MKL_HOME": str(mkl_home)}
    script = "\n".join(
        f"{BIN}/mkl annotate deploy/web w$1-{i}=v >/dev/null || exit 1\n"
        f"{BIN}/mkl create namespace n$1-{i} >/dev/null || exit 1\n"
        f"{BIN}/mkl scale deploy/web --replicas=$(( ($1 + {i}) % 4 + 1 )) >/dev/null || exit 1"
        for i in range(RUNS)
    )
    procs = [subprocess.Popen(["bash", "-c", script, "x", str(w)], env=env) for w in range(PROCS)]
    for p in procs:
        assert p.wait(timeout=300) == 0
    names = set(mkl("get", "ns", "-o", "name").stdout.split())
    assert {f"namespace/n{w}-{i}" for w in range(PROCS) for i in range(RUNS)} <= names
    ann = json.loads(mkl("get", "deploy", "web", "-o", "json").stdout)["metadata"]["annotations"]
    assert {f"w{w}-{i}" for w in range(PROCS) for i in range(RUNS)} <= set(ann)
    d = json.loads(mkl("get", "deploy", "web", "-o", "json").stdout)
    assert (
        d["metadata"]["generation"] >= 1 + PROCS * RUNS
    )  # every annotate bumped it (annotations count)
