"""Large-cluster benchmarks: 1,000 Deployments x 10 replicas, and an idle hour.

Builds the cluster in-process with the real controllers, saves it as a profile, then times CLI
commands as real processes (median of several runs, as ratios against `python -c pass`).
Prints one JSON document (used by bench/run.py).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap, persist

DEPLOYMENTS = int(os.environ.get("MKL_BENCH_DEPLOYMENTS", "1000"))
REPLICAS = int(os.environ.get("MKL_BENCH_REPLICAS", "10"))
RUNS = int(os.environ.get("MKL_BENCH_LARGE_RUNS", "5"))
BIN = Path(sys.executable).parent


def deployment(i: int) -> dict:
    name = f"app-{i:04d}"
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "replicas": REPLICAS,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]},
            },
        },
    }


def build(home: str) -> dict:
    """Create the cluster and roll everything out; returns build figures."""
    os.environ["MKL_HOME"] = home
    t0 = time.process_time()
    cluster = bootstrap.new_cluster("minikube", mode="manual", seed=1)
    node = cluster.get("Node", None, "minikube")["status"]
    node["capacity"]["pods"] = node["allocatable"]["pods"] = str(
        DEPLOYMENTS * REPLICAS
    )  # the default takes 110
    for i in range(DEPLOYMENTS):
        apiserver.create(cluster, "Deployment", deployment(i))
    loop.settle(cluster)
    while cluster.next_timer_at() is not None and cluster.next_timer_at() <= cluster.now + 60:
        loop.step(cluster, cluster.now + 60)
    cpu = time.process_time() - t0
    path = persist.state_path("minikube")
    path.parent.mkdir(parents=True, exist_ok=True)
    persist.save(path, cluster.to_doc())
    return {
        "pods": cluster.count("Pod"),
        "events": cluster.count("Event"),
        "build_cpu_s": round(cpu, 2),
        "state_bytes": path.stat().st_size,
    }


def timed(argv: list[str], env: dict[str, str], runs: int = RUNS) -> tuple[float, int]:
    """(median wall seconds, peak RSS in KiB) of a command."""
    walls, peak = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - t0)
        peak = max(peak, usage.ru_maxrss)
        if status != 0:
            raise SystemExit(f"{argv} failed with status {status}")
    return statistics.median(walls), peak


def idle_cpu(seconds: float) -> tuple[float, int]:
    """(CPU seconds, timers run) to advance the loaded cluster by ``seconds`` of simulated time.

    Everything is parsed before the clock starts, so this is the reconcile work alone: the timers
    that fall due and the one-hour event expiry, not the length of the idle period.
    """
    from minikube_lite.store import segments
    from minikube_lite.store.cluster import Cluster

    doc = persist.load(persist.state_path("minikube"))
    for group in ("objects", "sim"):
        if isinstance(doc.get(group), segments.LazyMap):
            doc[group].load_all()
    ev = dict.get(doc["objects"], "Event")
    if isinstance(ev, segments.EventBucket):
        ev.load_all()
    cluster = Cluster(doc)
    t0 = time.process_time()
    ran = loop.advance_to(cluster, cluster.now + seconds)
    return time.process_time() - t0, ran


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--build":
        print(json.dumps(build(sys.argv[2])))
        return
    home = tempfile.mkdtemp(prefix="mkl-bench-large-")
    os.environ["MKL_HOME"] = home
    env = {**os.environ, "NO_COLOR": "1"}
    out: dict = {"deployments": DEPLOYMENTS, "replicas": REPLICAS}
    # Build in a child process: a forked child's peak RSS counts the parent's pages, so the
    # measuring process must stay small.
    built = subprocess.run(
        [sys.executable, __file__, "--build", home],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    out.update(json.loads(built.stdout))
    floor, _ = timed([sys.executable, "-c", "pass"], env)
    mkl = str(BIN / "mkl")
    for label, argv in {
        "get pods -A": [mkl, "get", "pods", "-A"],
        "get deploy -A": [mkl, "get", "deploy", "-A"],
        "set image (one deployment)": [mkl, "set", "image", "deploy/app-0000", "web=nginx:1.27"],
    }.items():
        wall, rss = timed(argv, env, 1 if label.startswith("set image") else RUNS)
        out[label] = {
            "median_s": round(wall, 3),
            "x_python": round(wall / floor, 1),
            "peak_rss_mib": round(rss / 1024, 1),
        }
    for label, secs in (("idle 1h", 3600.0), ("idle 24h", 86400.0)):
        cpu, ran = idle_cpu(secs)
        out[label] = {"cpu_s": round(cpu, 3), "timers": ran}
    print(json.dumps(out))
    if os.environ.get("MKL_BENCH_KEEP"):
        print(f"kept MKL_HOME={home}", file=sys.stderr)
        return
    import shutil

    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
