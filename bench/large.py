"""Large-cluster benchmarks: 1,000 Deployments x 10 replicas, one-namespace commands, an idle hour.

Builds the cluster in-process with the real controllers (in a child), saves it as a profile, then
measures CLI commands as real processes (wall, CPU and peak RSS medians after a warm-up:
bench/measure.py).  The one-namespace commands run on the 3-pod namespace ``small`` of the large
cluster and of a 103-pod one, as ratios.  ``MKL_BENCH_DEPLOYMENTS`` (1000) sets the large size,
``MKL_BENCH_LARGE_RUNS`` (3) the runs.  Prints one JSON document (used by bench/run.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import measure

from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap, persist

DEPLOYMENTS = int(os.environ.get("MKL_BENCH_DEPLOYMENTS", "1000"))
REPLICAS = int(os.environ.get("MKL_BENCH_REPLICAS", "10"))
SMALL_DEPLOYMENTS = 10  # the 100-pod cluster the one-namespace commands are compared with
RUNS = int(os.environ.get("MKL_BENCH_LARGE_RUNS", "3"))
BIN = Path(sys.executable).parent


def deployment(i: int, namespace: str = "default", replicas: int = REPLICAS) -> dict:
    name = f"app-{i:04d}"
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]},
            },
        },
    }


def build(home: str, deployments: int = DEPLOYMENTS) -> dict:
    """Create the cluster and roll everything out; returns build figures.

    ``deployments`` x REPLICAS pods in ``default``, and one 3-replica Deployment ``app-0000`` in
    the namespace ``small``: the one-namespace commands run there.
    """
    os.environ["MKL_HOME"] = home
    t0 = time.process_time()
    cluster = bootstrap.new_cluster("minikube", mode="manual", seed=1)
    node = cluster.get("Node", None, "minikube")["status"]
    node["capacity"]["pods"] = node["allocatable"]["pods"] = str(
        deployments * REPLICAS + 10
    )  # the default takes 110
    apiserver.create(
        cluster,
        "Namespace",
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "small"}},
    )
    apiserver.create(cluster, "Deployment", deployment(0, "small", 3))
    for i in range(deployments):
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
        "state_bytes": sum(f.stat().st_size for f in path.parent.iterdir()),
    }


def idle_cpu(seconds: float) -> tuple[float, int]:
    """(CPU seconds, timers run) to advance the loaded cluster by ``seconds`` of simulated time.

    Everything is parsed before the clock starts, so this is the reconcile work alone: the timers
    that fall due and the one-hour event expiry, not the length of the idle period.
    """
    from minikube_lite.store import segments
    from minikube_lite.store.cluster import Cluster

    doc = persist.load(persist.state_path("minikube"))
    for m in doc["objects"].values():
        m.load_all()
    doc["sim"].load_all()
    for value in dict.values(doc["sim"]):
        if isinstance(value, segments.ShardedMap):
            value.load_all()
    cluster = Cluster(doc)
    t0 = time.process_time()
    ran = loop.advance_to(cluster, cluster.now + seconds)
    return time.process_time() - t0, ran


def build_child(home: str, deployments: int, env: dict[str, str]) -> dict:
    """Build in a child process: the measuring process must stay small (bench/measure.py)."""
    built = subprocess.run(
        [sys.executable, __file__, "--build", home, str(deployments)],
        env={**env, "MKL_HOME": home},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(built.stdout)


def one_namespace(mkl: str) -> dict[str, Callable[[int], list[str]]]:
    """Commands on the 3-pod namespace ``small``; writes alternate so each run changes something."""
    deploy = ["-n", "small", "deploy/app-0000"]
    return {
        "get pods -n small": lambda i: [mkl, "get", "pods", "-n", "small"],
        "describe pods -n small": lambda i: [mkl, "describe", "pods", "-n", "small"],
        "set image -n small": lambda i: [mkl, "set", "image", *deploy, f"web=nginx:1.{26 + i % 2}"],
        "scale -n small": lambda i: [mkl, "scale", *deploy, f"--replicas={3 + i % 2}"],
        "rollout undo -n small": lambda i: [mkl, "rollout", "undo", *deploy],
        "rollout status -n small": lambda i: [mkl, "rollout", "status", *deploy],
        "clock advance 1h": lambda i: [mkl, "clock", "advance", "1h"],
    }


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--build":
        print(json.dumps(build(sys.argv[2], int(sys.argv[3]))))
        return
    root = tempfile.mkdtemp(prefix="mkl-bench-large-")
    home, small_home = f"{root}/large", f"{root}/small"
    env = {**os.environ, "NO_COLOR": "1"}
    large_env, small_env = {**env, "MKL_HOME": home}, {**env, "MKL_HOME": small_home}
    out: dict = {"deployments": DEPLOYMENTS, "replicas": REPLICAS, "runs": RUNS}
    out.update(build_child(home, DEPLOYMENTS, env))
    out["small_pods"] = build_child(small_home, SMALL_DEPLOYMENTS, env)["pods"]
    os.environ["MKL_HOME"] = home  # in-process, before the commands below move the clock
    for label, secs in (("idle 1h", 3600.0), ("idle 24h", 86400.0)):
        cpu, ran = idle_cpu(secs)
        out[label] = {"cpu_s": round(cpu, 3), "timers": ran}
    floor = measure.median([sys.executable, "-c", "pass"], env, RUNS)
    out["python_floor"] = floor
    mkl = str(BIN / "mkl")
    for label, argv in {
        "get pods -A": [mkl, "get", "pods", "-A"],
        "get deploy -A": [mkl, "get", "deploy", "-A"],
    }.items():
        m = measure.median(argv, large_env, RUNS)
        out[label] = {**m, "x_python": round(m["wall_s"] / floor["wall_s"], 1)}
    rows = []
    for label, cmd in one_namespace(mkl).items():
        small = measure.median(cmd, small_env, RUNS)
        large = measure.median(cmd, large_env, RUNS)
        rows.append(
            {
                "command": label,
                "small": small,
                "large": large,
                "x_cpu": round(large["cpu_s"] / small["cpu_s"], 1),
                "x_rss": round(large["rss_mib"] / small["rss_mib"], 1),
            }
        )
    out["one_namespace"] = rows
    print(json.dumps(out))
    if os.environ.get("MKL_BENCH_KEEP"):
        print(f"kept {root}", file=sys.stderr)
        return
    import shutil

    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
