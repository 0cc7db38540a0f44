"""Idle catch-up through the CLI: `mkl clock advance 24h` vs `8760h` on a cluster with back-offs.

A manual-clock cluster with a crash-looping pod (busybox exits at once: CrashLoopBackOff), a pod
whose image cannot be pulled (ImagePullBackOff), one whose readiness probe keeps failing and one
that does not fit the node (the scheduler retries it every 5 minutes), ten minutes old (the
back-offs are at their cap).  Each run starts from a copy of that saved state and
runs `mkl clock advance SPAN` as a child process (CPU user+sys, wall and peak RSS medians after a
warm-up: bench/measure.py).  Target (issue 13): 8760h costs <= 2x 24h and < 0.3 s CPU.
``MKL_BENCH_IDLE_RUNS`` (5) sets the runs.  Prints one JSON document (used by bench/run.py).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import measure

RUNS = int(os.environ.get("MKL_BENCH_IDLE_RUNS", "5"))
BIN = Path(sys.executable).parent
SPANS = ("24h", "8760h")
PODS = """\
apiVersion: v1
kind: Pod
metadata: {name: crash, labels: {run: crash}}
spec:
  containers: [{name: crash, image: "busybox:1.36"}]
---
apiVersion: v1
kind: Pod
metadata: {name: pull, labels: {run: pull}}
spec:
  containers: [{name: pull, image: "nosuch/image:v9"}]
---
apiVersion: v1
kind: Pod
metadata: {name: unready, labels: {run: unready}}
spec:
  containers:
  - name: unready
    image: nginx:1.14.2
    readinessProbe: {httpGet: {path: /ready, port: 8080}}
---
apiVersion: v1
kind: Pod
metadata: {name: pending, labels: {run: pending}}
spec:
  containers:
  - name: pending
    image: nginx:1.14.2
    resources: {requests: {cpu: "64"}}
"""


def mkl(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [str(BIN / "mkl"), *args], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout


def build(home: Path) -> None:
    """The ten-minute-old cluster, saved under ``home``."""
    env = {**os.environ, "MKL_HOME": str(home), "NO_COLOR": "1"}
    mkl(env, "cluster", "start", "--clock", "manual", "--seed", "1")
    manifest = home / "pods.yaml"
    manifest.write_text(PODS)
    mkl(env, "create", "-f", str(manifest))
    mkl(env, "clock", "advance", "10m")


def measure_span(base: Path, work: Path, span: str) -> dict[str, float | int]:
    """Medians of `clock advance SPAN`, each run from a fresh copy of ``base``."""
    samples = []
    for i in range(RUNS + 1):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(base, work)
        env = {**os.environ, "MKL_HOME": str(work), "NO_COLOR": "1"}
        sample = measure.once([str(BIN / "mkl"), "clock", "advance", span], env)
        if i:
            samples.append(sample)
    wall, cpu, rss = (statistics.median(s[k] for s in samples) for k in range(3))
    env = {**os.environ, "MKL_HOME": str(work), "NO_COLOR": "1"}
    restarts = mkl(
        env, "get", "pod", "crash", "-o", "jsonpath={.status.containerStatuses[0].restartCount}"
    )
    return {
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "rss_mib": round(rss / 1024, 1),
        "restarts": int(restarts or 0),
    }


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="mkl-bench-idle-"))
    try:
        base = root / "base"
        base.mkdir()
        build(base)
        out: dict[str, object] = {"runs": RUNS, "pods": ["crash", "pull", "unready", "pending"]}
        for span in SPANS:
            out[f"advance {span}"] = measure_span(base, root / "work", span)
        day, year = (out[f"advance {s}"] for s in SPANS)
        assert isinstance(day, dict) and isinstance(year, dict)
        out["x_cpu"] = round(year["cpu_s"] / day["cpu_s"], 2)
        out["target"] = "8760h <= 2x 24h and < 0.3 s CPU"
        print(json.dumps(out))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
