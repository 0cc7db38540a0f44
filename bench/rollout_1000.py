"""Benchmark: a 1,000-replica Deployment rolls out, then rolls to a new image (manual clock).

Prints the CPU seconds of the initial rollout and of the update, and how many timers ran.  The
cyclic garbage collector is off while the controllers run, as a command's load-reconcile-save
cycle has it (ops/session.py); ``MKL_BENCH_GC=1`` leaves it on (the figure before issue 13).
Run: .venv/bin/python bench/rollout_1000.py [replicas]
"""

from __future__ import annotations

import gc
import os
import sys
import time

from minikube_lite.api import objects as o
from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap


def deployment(replicas: int) -> dict:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "http-go", "labels": {"app": "http-go"}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": "http-go"}},
            "template": {
                "metadata": {"labels": {"app": "http-go"}},
                "spec": {
                    "containers": [
                        {
                            "name": "http-go",
                            "image": "gasbugs/http-go:v1",
                            "ports": [{"containerPort": 8080}],
                        }
                    ]
                },
            },
        },
    }


def complete(cluster, replicas: int) -> bool:
    d = cluster.get("Deployment", "default", "http-go")
    st = d.get("status", {})
    return (
        st.get("updatedReplicas") == replicas
        and st.get("availableReplicas") == replicas
        and st.get("replicas") == replicas
        and st.get("observedGeneration", 0) >= o.generation(d)
        and cluster.count("Pod") == replicas
    )


def run_until_complete(cluster, replicas: int) -> tuple[float, int, float]:
    """Jump from timer to timer until the rollout is complete:
    (cpu seconds, timers, sim seconds).
    """
    start_cpu, start_sim, timers = time.process_time(), cluster.now, 0
    if not GC:
        gc.disable()
    try:
        loop.settle(cluster)
        while not complete(cluster, replicas):
            at = cluster.next_timer_at()
            if at is None:
                raise SystemExit("stuck: no timer left")
            timers += loop.advance_to(cluster, at)
    finally:
        if not GC:
            gc.enable()
    return time.process_time() - start_cpu, timers, cluster.now - start_sim


GC = os.environ.get("MKL_BENCH_GC") == "1"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    replicas = int(args[0]) if args else 1000
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    node = cluster.get("Node", None, "minikube")["status"]
    node["capacity"]["pods"] = node["allocatable"]["pods"] = str(
        2 * replicas
    )  # the default takes 110
    apiserver.create(cluster, "Deployment", deployment(replicas))
    cpu, timers, sim = run_until_complete(cluster, replicas)
    d = o.deepcopy(cluster.get("Deployment", "default", "http-go"))
    d["spec"]["template"]["spec"]["containers"][0]["image"] = "gasbugs/http-go:v2"
    start = time.process_time()
    apiserver.update(cluster, "Deployment", d)
    _, utimers, usim = run_until_complete(cluster, replicas)
    ucpu = time.process_time() - start
    if "--json" in sys.argv:
        import json

        print(
            json.dumps(
                {
                    "replicas": replicas,
                    "initial_cpu_s": round(cpu, 3),
                    "initial_timers": timers,
                    "update_cpu_s": round(ucpu, 3),
                    "update_timers": utimers,
                    "update_simulated_s": usim,
                    "events": cluster.count("Event"),
                    "gc": GC,
                }
            )
        )
        return
    print(
        f"initial rollout: {replicas} replicas, cpu {cpu:.3f}s, timers {timers}, "
        f"simulated {sim:.0f}s"
    )
    print(f"update to v2: cpu {ucpu:.3f}s, timers {utimers}, simulated {usim:.0f}s")
    print(
        f"objects: pods {cluster.count('Pod')}, replicasets "
        f"{cluster.count('ReplicaSet')}, events {cluster.count('Event')}, writes "
        f"{cluster.writes}"
    )


if __name__ == "__main__":
    main()
