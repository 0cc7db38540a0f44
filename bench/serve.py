"""`python bench/serve.py`: mkl serve's reads and watch latency, as ratios against mkl's own CLI.

One manual-clock cluster (the http-go Deployment, 3 pods) served by `mkl serve --port 0` in its
own process.  Figures, each measured in this one run:
- `get pods` as a Table over one keep-alive TLS connection (requests/s for MKL_BENCH_SECONDS),
  against `mkl get pods` as a command (commands/s = 1 / median wall) and the real kubectl's
  `get pods` through the server (one process per command, discovery cached);
- a watch's event latency: from the end of an `mkl label` command in another process to the
  event line on a `watch=true` stream, against the same for `mkl get pods -w`'s row.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import measure

BIN = Path(sys.executable).parent
SECONDS = float(os.environ.get("MKL_BENCH_SECONDS", "3"))
RUNS = int(os.environ.get("MKL_BENCH_RUNS", "10"))
TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"


def mkl(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "mkl"), *args], env=env, check=True, capture_output=True)


def serve(env: dict[str, str]) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    p = subprocess.Popen(
        [str(BIN / "mkl"), "serve", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True
    )
    assert p.stdout is not None
    p.stdout.readline()  # "Serving ... on https://127.0.0.1:PORT"
    import yaml

    doc = yaml.safe_load((Path(env["MKL_HOME"]) / "kubeconfig").read_text())
    return p, doc


def connect(kc: dict[str, Any]) -> tuple[http.client.HTTPSConnection, dict[str, str]]:
    cluster = kc["clusters"][0]["cluster"]
    ca = base64.b64decode(cluster["certificate-authority-data"]).decode()
    host, port = cluster["server"].removeprefix("https://").rsplit(":", 1)
    conn = http.client.HTTPSConnection(
        host, int(port), context=ssl.create_default_context(cadata=ca), timeout=30
    )
    return conn, {"Authorization": f"Bearer {kc['users'][0]['user']['token']}", "Accept": TABLE}


def table_rate(kc: dict[str, Any]) -> float:
    conn, headers = connect(kc)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        conn.request("GET", "/api/v1/namespaces/default/pods?limit=500", headers=headers)
        body = conn.getresponse().read()
        assert b'"Table"' in body
        n += 1
    return n / (time.perf_counter() - start)


def _first_line_after(stream: Any, write: Any, skip: int) -> float:
    """Seconds from the end of ``write()`` to the next line on ``stream`` (after ``skip``)."""
    for _ in range(skip):
        stream.readline()
    write()
    t = time.perf_counter()
    stream.readline()
    return time.perf_counter() - t


def watch_latency(env: dict[str, str], kc: dict[str, Any], pod: str) -> float:
    conn, headers = connect(kc)
    headers["Accept"] = "application/json"
    out = []
    for i in range(RUNS):
        conn.request("GET", "/api/v1/namespaces/default/pods?limit=500", headers=headers)
        rv = json.loads(conn.getresponse().read())["metadata"]["resourceVersion"]
        path = f"/api/v1/namespaces/default/pods?resourceVersion={rv}&watch=true&timeoutSeconds=30"
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        out.append(
            _first_line_after(
                resp, lambda i=i: mkl(env, "label", "pod", pod, f"n=s{i}", "--overwrite"), 0
            )
        )
        conn.close()
        conn, _ = connect(kc)
    return statistics.median(out)


def cli_watch_latency(env: dict[str, str], pod: str) -> float:
    out = []
    for i in range(RUNS):
        p = subprocess.Popen(
            [str(BIN / "mkl"), "get", "pods", "-w", "--no-headers", "--show-labels"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert p.stdout is not None
        out.append(
            _first_line_after(
                p.stdout, lambda i=i: mkl(env, "label", "pod", pod, f"n=c{i}", "--overwrite"), 3
            )
        )
        p.kill()
        p.communicate()
    return statistics.median(out)


def main() -> None:
    home = tempfile.mkdtemp(prefix="mkl-bench-serve-")
    env = {**os.environ, "MKL_HOME": home, "NO_COLOR": "1"}
    server = None
    try:
        mkl(env, "cluster", "start", "--clock", "manual", "--seed", "1")
        mkl(env, "create", "deployment", "http-go", "--image=gasbugs/http-go:v1", "--replicas=3")
        mkl(env, "clock", "advance", "10s")
        server, kc = serve(env)
        pods = subprocess.run(
            [str(BIN / "mkl"), "get", "pods", "-o", "name"], env=env, capture_output=True, text=True
        ).stdout.split()
        pod = pods[0].removeprefix("pod/")
        rate = table_rate(kc)
        cli = measure.median([str(BIN / "mkl"), "get", "pods"], env, RUNS)["wall_s"]
        kubectl = shutil.which("kubectl", path=str(BIN))
        kube_env = {**env, "KUBECONFIG": str(Path(home) / "kubeconfig")}
        kwall = None
        if kubectl:
            argv = [kubectl, f"--cache-dir={home}/kube-cache", "get", "pods"]
            kwall = measure.median(argv, kube_env, RUNS)["wall_s"]
        served = watch_latency(env, kc, pod)
        own = cli_watch_latency(env, pod)
        print(f"get pods (Table) over one connection: {rate:.0f} requests/s")
        print(f"mkl get pods (a command): {1 / cli:.1f} commands/s -> x{rate * cli:.1f}")
        if kwall is not None:
            print(f"kubectl get pods through mkl serve: {1 / kwall:.1f} commands/s")
        print(
            f"watch event latency after an mkl write: served {served * 1000:.0f} ms, "
            f"mkl get -w {own * 1000:.0f} ms -> x{served / own:.2f} (medians of {RUNS})"
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
