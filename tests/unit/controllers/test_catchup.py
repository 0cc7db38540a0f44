"""The closed-form catch-up of steady probe cycles (controllers/kubelet/catchup.py) leaves the
same saved state as firing every timer one by one (loop.CATCH_UP = False)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from minikube_lite import clock
from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap
from minikube_lite.store.cluster import Cluster
from tests import builders as mk

Obj = dict[str, Any]


def _probing_pods() -> list[Obj]:
    """Readiness failing (HTTP and TCP, two periods), passing readiness + liveness, and a
    crash-looping pod whose timers interrupt the probe cycles."""
    out = []
    for name, probe in (
        ("http-fails", {"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}}}),
        ("tcp-fails", {"readinessProbe": {"tcpSocket": {"port": 9999}, "periodSeconds": 5}}),
        (
            "passes",
            {
                "readinessProbe": {"httpGet": {"path": "/", "port": 80}, "periodSeconds": 7},
                "livenessProbe": {"tcpSocket": {"port": 80}, "periodSeconds": 7},
            },
        ),
    ):
        pod = mk.pod(name, "nginx:1.14.2")
        pod["spec"]["containers"][0].update(probe)
        out.append(pod)
    out.append(mk.pod("crash", "busybox:1.36"))
    for i in range(4):  # ticks at the same instants: the loop syncs them in key order
        pod = mk.pod(f"same-{i}", "nginx:1.14.2")
        pod["spec"]["containers"][0]["readinessProbe"] = {"exec": {"command": ["cat", "/nope"]}}
        out.append(pod)
    return out


def _run(
    monkeypatch: pytest.MonkeyPatch, fast: bool, pods: list[Obj], steps: list[float]
) -> tuple[Obj, int]:
    """The saved state after ``steps`` clock advances, and how many timers fired one by one."""
    monkeypatch.setattr(loop, "CATCH_UP", fast)
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    for pod in pods:
        apiserver.create(cluster, "Pod", json.loads(json.dumps(pod)))
    loop.settle(cluster)
    ran = 0
    for seconds in steps:
        ran += loop.advance_to(cluster, cluster.now + seconds)
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()  # the same timers; the heap's array order depends on its history
    return doc, ran


@pytest.mark.parametrize(
    "which",
    [
        ["http-fails"],
        ["tcp-fails"],
        ["passes"],
        ["http-fails", "tcp-fails", "passes"],
        ["http-fails", "tcp-fails", "passes", "crash"],
        ["same-0", "same-1", "same-2", "same-3", "tcp-fails", "passes"],
    ],
)
def test_catch_up_equals_step_by_step(monkeypatch: pytest.MonkeyPatch, which: list[str]) -> None:
    pods = [p for p in _probing_pods() if p["metadata"]["name"] in which]
    steps = [30.0, 3 * 3600.0, 1234.5, 7200.0]
    slow, slow_ran = _run(monkeypatch, False, pods, steps)
    fast, fast_ran = _run(monkeypatch, True, pods, steps)
    assert fast == slow
    if "crash" not in which:
        assert fast_ran * 20 < slow_ran  # the jumps did the work
    events = [e for e in slow["objects"].get("Event", {}).values() if e["reason"] == "Unhealthy"]
    assert ("fails" not in " ".join(which)) or max(e["count"] for e in events) > 1000


def test_catch_up_jumps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The jump runs: a year of a failing readiness probe fires only a handful of timers."""
    monkeypatch.setattr(loop, "CATCH_UP", True)
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    pod = _probing_pods()[1]
    apiserver.create(cluster, "Pod", pod)
    loop.advance_to(cluster, cluster.now + 120)
    ran = loop.advance_to(cluster, cluster.now + 8760 * 3600)
    assert ran < 20
    (ev,) = [e for e in cluster.objects["Event"].values() if e["reason"] == "Unhealthy"]
    first, last = (clock.parse_time(ev[f]) for f in ("firstTimestamp", "lastTimestamp"))
    assert first is not None and last is not None and last > cluster.now - 5
    assert ev["count"] == round((last - first) / 5) + 1  # one failure every 5 s
