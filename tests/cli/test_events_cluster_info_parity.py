"""``events`` and ``cluster-info`` against the real kubectl, which reads the same objects from the
test API server of tests/cli/fake_apiserver.py.  kubectl computes ages at the wall instant it
runs, somewhere between the two readings of the clock around it; mkl's table must equal kubectl's
at one of the instants in between (every 50 ms)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from minikube_lite import clock
from minikube_lite.ops import clusterinfo, config, events
from minikube_lite.printers import events as ev_print
from minikube_lite.store import bootstrap
from tests.cli import fake_apiserver
from tests.conftest import KUBECTL, needs_kubectl

Obj = dict[str, Any]


def _events(now: float) -> list[Obj]:
    def at(ago: float) -> str:
        return clock.rfc3339(now - ago)

    def ev(name: str, kind: str, obj: str, reason: str, typ: str, msg: str, **t: Any) -> Obj:
        return {
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": name, "namespace": "default"},
            "involvedObject": {"kind": kind, "name": obj, "namespace": "default"},
            "reason": reason,
            "message": msg,
            "type": typ,
            **t,
        }

    return [
        ev(
            "web.1",
            "Deployment",
            "web",
            "ScalingReplicaSet",
            "Normal",
            "Scaled up replica set web-7d9 from 0 to 1",
            count=1,
            firstTimestamp=at(90.5),
            lastTimestamp=at(90.5),
        ),
        ev(
            "web-7d9-x.2",
            "Pod",
            "web-7d9-x",
            "BackOff",
            "Warning",
            "Back-off restarting failed container web in pod web-7d9-x",
            count=5,
            firstTimestamp=at(400.5),
            lastTimestamp=at(30.5),
        ),
        ev(
            "web-7d9-x.3",
            "Pod",
            "web-7d9-x",
            "Scheduled",
            "Normal",
            "Successfully assigned default/web-7d9-x to minikube",
            eventTime=at(200.5).replace("Z", ".000000Z"),
        ),
        ev(
            "web-7d9-x.4",
            "Pod",
            "web-7d9-x",
            "Pulled",
            "Normal",
            " trimmed \n",
            count=1,
            firstTimestamp=at(3700.5),
            lastTimestamp=at(3700.5),
        ),
    ]


def _kubectl(config_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KUBECONFIG": str(config_path), "HOME": str(config_path.parent)}
    return subprocess.run([str(KUBECTL), *argv], capture_output=True, text=True, env=env)


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="namespace"),
        pytest.param(["-A"], id="all-namespaces"),
        pytest.param(["--types=warning", "--no-headers"], id="types"),
        pytest.param(["--types=Normal,Warning"], id="both-types"),
    ],
)
def test_events_table_matches_kubectl(tmp_path: Path, argv: list[str]) -> None:
    now = time.time()
    items = _events(now)
    body = {"kind": "EventList", "apiVersion": "v1", "metadata": {}, "items": items}
    routes = {"/api/v1/namespaces/default/events": body, "/api/v1/events": body}
    with fake_apiserver.serving(tmp_path, routes) as cfg:
        before = time.time()
        want = _kubectl(cfg, "events", *argv)
        after = time.time()
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    for ev in items:
        cluster.insert("Event", dict(ev))
    cluster.now = now
    all_ns = "-A" in argv
    types = next((a.split("=")[1].split(",") for a in argv if a.startswith("--types")), [])
    opts = events.EventsOptions(all_ns, None, None, tuple(sorted(set(types))))
    result = opts.run(cluster)
    steps = int((after - before) / 0.05) + 2
    tables = {
        ev_print.events_table(
            list(result.events), before + i * 0.05, all_ns, "--no-headers" in argv
        )
        for i in range(steps)
    }
    assert (want.returncode, want.stderr) == (0, "")
    assert want.stdout in tables, (want.stdout, sorted(tables))


@needs_kubectl
def test_cluster_info_matches_kubectl(tmp_path: Path) -> None:
    dns = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {
            "name": "kube-dns",
            "namespace": "kube-system",
            "labels": {"kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"},
        },
        "spec": {"ports": [{"name": "dns", "port": 53, "protocol": "UDP"}]},
    }
    body = {"kind": "ServiceList", "apiVersion": "v1", "metadata": {}, "items": [dns]}
    with fake_apiserver.serving(tmp_path, {"/api/v1/namespaces/kube-system/services": body}) as c:
        want = _kubectl(c, "cluster-info")
        server = c.read_text().split("server: ")[1].split("\n")[0]
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    cluster.insert("Service", dns)
    got = clusterinfo.cluster_info(cluster, None, "kubectl").replace(config.SERVER, server)
    assert (want.returncode, want.stderr) == (0, "")
    assert got == want.stdout


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["top", "pods"], id="top-pods"),
        pytest.param(["top", "node"], id="top-node"),
        pytest.param(["top", "pod", "x", "-l", "a=b"], id="top-name-and-selector"),
        pytest.param(["top", "pod", "--sort-by=name"], id="top-sort-by"),
        pytest.param(["top", "pod", "-l", "!!"], id="top-bad-selector"),
        pytest.param(["events", "--for", "web"], id="events-for-no-slash"),
        pytest.param(["events", "--for", "a/b/c"], id="events-for-two-slashes"),
        pytest.param(["events", "--for", "nope/x"], id="events-for-unknown-type"),
        pytest.param(["events", "--types=x"], id="events-bad-type"),
        pytest.param(["config", "use-context", "nope"], id="use-context-missing"),
    ],
)
def test_errors_match_kubectl(mkl: Any, tmp_path: Path, argv: list[str]) -> None:
    with fake_apiserver.serving(tmp_path) as cfg:
        want = _kubectl(cfg, *argv)
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    got = mkl(*argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


@needs_kubectl
def test_use_context_without_a_name_prints_help_then_the_error(mkl: Any, tmp_path: Path) -> None:
    with fake_apiserver.serving(tmp_path) as cfg:
        want = _kubectl(cfg, "config", "use-context")
    got = mkl("config", "use", prog="kubectl")
    assert (got.exit_code, got.stderr) == (want.returncode, want.stderr)
    assert want.stdout.startswith("Set the current-context in a kubeconfig file.")
    assert got.stdout.startswith("Set the current-context in a kubeconfig file.")
