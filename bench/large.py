"""Large-cluster benchmarks: 1,000 Deployments x 10 replicas, one-namespace commands, idle time.

Builds the cluster in-process with the real controllers (in a child) the way a long-lived cluster
grows: the Deployments arrive in groups over ``MKL_BENCH_BUILD_HOURS`` (2) simulated hours, so its
events are spread over the last hour's shards (older ones expired) rather than all at t=0.  Besides
the plain Deployments it holds pods whose readiness probe keeps failing (1 Deployment in 100), a
crash-looping Deployment (busybox with no command: its shell exits at once) and one whose image
cannot be pulled, so the cluster carries probe ticks, back-offs and their repeated events.  Then it
measures CLI commands as real processes (wall, CPU and peak RSS medians after a warm-up:
bench/measure.py).  The one-namespace commands run on the 3-pod namespace ``small`` of the large
cluster and of a 103-pod one built the same way (10 Deployments), as ratios; ``rollout status``
also runs while the small Deployment rolls (after an unmeasured ``set image``).  ``clock advance``
24h and 8760h run last on the 103-pod cluster (its probing, crash-looping and pull-failing pods
make the catch-up work).  ``MKL_BENCH_DEPLOYMENTS`` (1000) sets the large size,
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
from minikube_lite.store import apiserver, bootstrap, persist, segments

DEPLOYMENTS = int(os.environ.get("MKL_BENCH_DEPLOYMENTS", "1000"))
REPLICAS = int(os.environ.get("MKL_BENCH_REPLICAS", "10"))
SMALL_DEPLOYMENTS = 10  # the 100-pod cluster the one-namespace commands are compared with
RUNS = int(os.environ.get("MKL_BENCH_LARGE_RUNS", "3"))
BIN = Path(sys.executable).parent


BUILD_HOURS = float(os.environ.get("MKL_BENCH_BUILD_HOURS", "2"))
BUILD_GROUPS = 40  # the Deployments arrive in this many groups, evenly over BUILD_HOURS
ADVANCE_TIMEOUT = float(os.environ.get("MKL_BENCH_ADVANCE_TIMEOUT", "60"))
FAILING_READINESS = {"httpGet": {"path": "/ready", "port": 8080}}  # nginx serves :80 only


def deployment(
    i: int,
    namespace: str = "default",
    replicas: int = REPLICAS,
    image: str = "nginx:1.25",
    name: str | None = None,
) -> dict:
    name = name or f"app-{i:04d}"
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "web", "image": image}]},
            },
        },
    }


def workloads(deployments: int) -> list[dict]:
    """The Deployments of ``default``, in creation order: a crash-looping one and one whose image
    pull fails (first, so they have been failing for hours), then the plain ones, 1 in 100 (at
    least one) with a readiness probe that keeps failing."""
    out = [
        deployment(0, replicas=2, image="busybox:1.36", name="crash-loop"),
        deployment(0, replicas=2, image="nginx:0.0-missing", name="pull-fails"),
    ]
    for i in range(deployments):
        d = deployment(i)
        if i % 100 == 0:
            d["spec"]["template"]["spec"]["containers"][0]["readinessProbe"] = FAILING_READINESS
        out.append(d)
    return out


def build(home: str, deployments: int = DEPLOYMENTS) -> dict:
    """Create the cluster group by group over simulated hours; returns build figures.

    ``deployments`` x REPLICAS pods in ``default`` (plus the probing, crash-looping and
    pull-failing ones: ``workloads``), and one 3-replica Deployment ``app-0000`` in the namespace
    ``small``: the one-namespace commands run there.
    """
    os.environ["MKL_HOME"] = home
    t0 = time.process_time()
    cluster = bootstrap.new_cluster("minikube", mode="manual", seed=1)
    node = cluster.get("Node", None, "minikube")["status"]
    node["capacity"]["pods"] = node["allocatable"]["pods"] = str(
        deployments * REPLICAS + 20
    )  # the default takes 110
    apiserver.create(
        cluster,
        "Namespace",
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "small"}},
    )
    apiserver.create(cluster, "Deployment", deployment(0, "small", 3))
    todo = workloads(deployments)
    groups = min(BUILD_GROUPS, len(todo))
    step = BUILD_HOURS * 3600.0 / groups
    size = -(-len(todo) // groups)
    for start in range(0, len(todo), size):
        for d in todo[start : start + size]:
            apiserver.create(cluster, "Deployment", d)
        loop.advance_to(cluster, cluster.now + step)
    cpu = time.process_time() - t0
    path = Path(persist.state_path("minikube"))
    path.parent.mkdir(parents=True, exist_ok=True)
    persist.save(path, cluster.to_doc())
    return {
        "pods": cluster.count("Pod"),
        "events": cluster.count("Event"),
        "event_shards": len({segments.shard_of(k) for k in cluster.objects.get("Event", {})}),
        "simulated_h": round(BUILD_HOURS, 2),
        "build_cpu_s": round(cpu, 2),
        "state_bytes": sum(f.stat().st_size for f in path.parent.iterdir()),
    }


def idle_cpu(seconds: float) -> tuple[float, int]:
    """(CPU seconds, timers run) to advance the loaded cluster by ``seconds`` of simulated time.

    Everything is parsed before the clock starts, so this is the reconcile work alone: the timers
    that fall due and the one-hour event expiry, not the length of the idle period.
    """
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


SMALL_DEPLOY = ["-n", "small", "deploy/app-0000"]


def one_namespace(mkl: str) -> dict[str, Callable[[int], list[str]]]:
    """Commands on the 3-pod namespace ``small``; writes alternate so each run changes something
    (two images the registry has, so the rollouts they start can finish)."""
    deploy = SMALL_DEPLOY
    image = ("nginx:1.27", "nginx:1.25")
    return {
        "get pods -n small": lambda i: [mkl, "get", "pods", "-n", "small"],
        "describe pods -n small": lambda i: [mkl, "describe", "pods", "-n", "small"],
        "set image -n small": lambda i: [mkl, "set", "image", *deploy, f"web={image[i % 2]}"],
        "scale -n small": lambda i: [mkl, "scale", *deploy, f"--replicas={3 + i % 2}"],
        "rollout undo -n small": lambda i: [mkl, "rollout", "undo", *deploy],
        "rollout status -n small": lambda i: [mkl, "rollout", "status", *deploy],
        ROLLING: lambda i: [mkl, "rollout", "status", *deploy],
        "clock advance 1h": lambda i: [mkl, "clock", "advance", "1h"],
    }


ROLLING = "rollout status -n small (rolling)"


def start_rollout(mkl: str, env: dict[str, str]) -> Callable[[int], None]:
    """Before each ``rollout status`` run: a ``set image`` to an image neither earlier row used."""

    def before(i: int) -> None:
        image = ("nginx:1.16.1", "nginx:1.14.2")[i % 2]
        cmd = [mkl, "set", "image", *SMALL_DEPLOY, f"web={image}"]
        subprocess.run(cmd, env=env, check=True, capture_output=True)

    return before


def compare(label: str, cmd: Callable[[int], list[str]], envs: dict[str, dict], mkl: str) -> dict:
    """One command on the small and the large cluster: medians and large/small ratios."""
    got = {}
    for size, env in envs.items():
        before = start_rollout(mkl, env) if label == ROLLING else None
        got[size] = measure.median(cmd, env, RUNS, before=before)
    small, large = got["small"], got["large"]
    return {
        "command": label,
        "small": small,
        "large": large,
        "x_cpu": round(large["cpu_s"] / small["cpu_s"], 1),
        "x_rss": round(large["rss_mib"] / small["rss_mib"], 1),
    }


def clock_advances(mkl: str, env: dict[str, str]) -> dict[str, dict]:
    """``clock advance`` 24h and 8760h through the CLI on a cluster with probing, crash-looping
    and pull-failing pods; a run over ADVANCE_TIMEOUT seconds is reported as a timeout."""
    out: dict[str, dict] = {}
    for span in ("24h", "8760h"):
        try:
            out[span] = measure.median(
                [mkl, "clock", "advance", span], env, RUNS, timeout=ADVANCE_TIMEOUT
            )
        except measure.Timeout:
            out[span] = {"timeout_s": ADVANCE_TIMEOUT}
    return out


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
    envs = {"small": small_env, "large": large_env}
    out["one_namespace"] = [compare(k, cmd, envs, mkl) for k, cmd in one_namespace(mkl).items()]
    out["clock_advance"] = clock_advances(mkl, small_env)
    print(json.dumps(out))
    if os.environ.get("MKL_BENCH_KEEP"):
        print(f"kept {root}", file=sys.stderr)
        return
    import shutil

    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
