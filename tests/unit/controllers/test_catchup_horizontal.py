"""The closed-form catch-up of steady HorizontalPodAutoscaler syncs (controllers/horizontal.py
``steady``, jumped by controllers/kubelet/catchup.py) leaves the same saved state as firing every
timer one by one (loop.CATCH_UP = False): an HPA whose metrics cannot be fetched, one whose
target has 0 replicas (ScalingDisabled), one whose target is missing, one that rescales first,
alone and among a probe-failing and a crash-looping pod; and a year fires a bounded number of
timers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap
from minikube_lite.store.cluster import Cluster
from tests import builders as mk

Obj = dict[str, Any]


def _hpa(name: str, target: str, low: int = 1, high: int = 5, metrics: int = 1) -> Obj:
    spec: Obj = {
        "scaleTargetRef": {"kind": "Deployment", "name": target, "apiVersion": "apps/v1"},
        "minReplicas": low,
        "maxReplicas": high,
    }
    resources = ("cpu", "memory")[:metrics]
    spec["metrics"] = [
        {
            "type": "Resource",
            "resource": {"name": r, "target": {"type": "Utilization", "averageUtilization": 80}},
        }
        for r in resources
    ]
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": name},
        "spec": spec,
        "status": {"desiredReplicas": 0, "currentMetrics": None},
    }


def _pod(name: str, image: str, **container: Any) -> Obj:
    pod = mk.pod(name, image)
    pod["spec"]["containers"][0].update(container)
    return pod


def _objects() -> dict[str, list[Obj]]:
    return {
        # within min..max: every sync fails to fetch the metric (two Warning events bumped)
        "no-metrics": [mk.deployment("web", 1, port=None), _hpa("web", "web")],
        "two-metrics": [mk.deployment("api", 2, port=None), _hpa("api", "api", metrics=2)],
        "disabled": [mk.deployment("idle", 0, port=None), _hpa("idle", "idle")],
        "missing": [_hpa("orphan", "nope")],
        # scaled down to maxReplicas by the first sync, then steady
        "rescaled": [mk.deployment("big", 4, port=None), _hpa("big", "big", high=2)],
        "crash": [mk.pod("crash", "busybox:1.36")],
        "readiness-fails": [
            _pod(
                "readiness-fails",
                mk.NGINX,
                readinessProbe={"tcpSocket": {"port": 9999}, "periodSeconds": 5},
            )
        ],
    }


def _cluster(which: list[str], offset: float = 0.0) -> Cluster:
    """The cluster with ``which`` created ``offset`` seconds after it started."""
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    loop.advance_to(cluster, cluster.now + offset)
    for name in which:
        for obj in _objects()[name]:
            apiserver.create(cluster, obj.get("kind", "Pod"), json.loads(json.dumps(obj)))
    loop.settle(cluster)
    return cluster


def _run(
    monkeypatch: pytest.MonkeyPatch,
    fast: bool,
    which: list[str],
    steps: list[float],
    offset: float = 0.0,
) -> tuple[Obj, int]:
    """The saved state after ``steps`` clock advances, and how many timers fired one by one."""
    monkeypatch.setattr(loop, "CATCH_UP", fast)
    cluster = _cluster(which, offset)
    ran = 0
    for seconds in steps:
        ran += loop.advance_to(cluster, cluster.now + seconds)
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()  # the same timers; the heap's array order depends on its history
    return doc, ran


STEPS = [30.0, 3 * 3600.0, 1234.5, 2 * 3600.0]


@pytest.mark.parametrize(
    "which",
    [
        ["no-metrics"],
        ["two-metrics"],
        ["disabled"],
        ["missing"],
        ["rescaled"],
        ["no-metrics", "disabled", "missing", "two-metrics"],
        ["no-metrics", "readiness-fails"],
        ["disabled", "missing", "readiness-fails"],
        ["no-metrics", "crash"],
        ["no-metrics", "missing", "crash", "readiness-fails"],
        ["rescaled", "disabled", "crash", "readiness-fails"],
    ],
)
def test_hpa_syncs_equal_step_by_step(monkeypatch: pytest.MonkeyPatch, which: list[str]) -> None:
    slow, slow_ran = _run(monkeypatch, False, which, STEPS)
    fast, fast_ran = _run(monkeypatch, True, which, STEPS)
    assert fast == slow
    assert fast_ran * 10 < slow_ran  # the jumps did the work


def test_hpa_syncs_on_a_clock_with_microseconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real clock's instants are not whole seconds: first + m * 15 s and m repeated
    additions agree (whole units in the last place)."""
    which = ["no-metrics", "missing", "crash", "readiness-fails"]
    slow, slow_ran = _run(monkeypatch, False, which, STEPS, offset=0.123456)
    fast, fast_ran = _run(monkeypatch, True, which, STEPS, offset=0.123456)
    assert fast == slow
    assert fast_ran * 10 < slow_ran


def test_the_steady_hpa_counts_its_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three hours of a steady HPA: one sync per 15 s (the first 15 s after its creation),
    each bumping both warnings, in a handful of timers."""
    monkeypatch.setattr(loop, "CATCH_UP", True)
    cluster = _cluster(["no-metrics"])
    assert loop.advance_to(cluster, cluster.now + 3 * 3600.0) < 10
    counts = {
        e["reason"]: e["count"]
        for e in cluster.objects["Event"].values()
        if e["involvedObject"]["kind"] == "HorizontalPodAutoscaler"
    }
    syncs = 3 * 3600 // 15
    assert counts == {"FailedGetResourceMetric": syncs, "FailedComputeMetricsReplicas": syncs}


@pytest.mark.parametrize(
    "which", [["no-metrics"], ["no-metrics", "missing", "crash", "readiness-fails"]]
)
def test_a_year_fires_a_bounded_number_of_timers(
    monkeypatch: pytest.MonkeyPatch, which: list[str]
) -> None:
    """8760 hours of HPAs (2.1 million syncs each), alone or with a crash loop and a failing
    readiness probe, fire about what an hour does."""
    monkeypatch.setattr(loop, "CATCH_UP", True)
    cluster = _cluster(which)
    loop.advance_to(cluster, cluster.now + 600)
    assert loop.advance_to(cluster, cluster.now + 8760 * 3600) < 600


def _scaled_between(monkeypatch: pytest.MonkeyPatch, fast: bool) -> tuple[Obj, int]:
    """Two hours of a steady HPA, its target scaled above maxReplicas (the next sync scales it
    back: not a steady one), two more hours."""
    monkeypatch.setattr(loop, "CATCH_UP", fast)
    cluster = _cluster(["no-metrics", "readiness-fails"])
    ran = loop.advance_to(cluster, cluster.now + 7200.5)
    d = json.loads(json.dumps(cluster.get("Deployment", "default", "web")))
    d["spec"]["replicas"] = 9
    apiserver.update(cluster, "Deployment", d)
    loop.settle(cluster)
    ran += loop.advance_to(cluster, cluster.now + 7200.0)
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()
    return doc, ran


def test_a_target_scaled_between_commands_is_scaled_back(monkeypatch: pytest.MonkeyPatch) -> None:
    fast, fast_ran = _scaled_between(monkeypatch, True)
    slow, slow_ran = _scaled_between(monkeypatch, False)
    assert fast == slow
    assert fast_ran * 10 < slow_ran
    (web,) = fast["objects"]["Deployment"].values()
    assert web["spec"]["replicas"] == 5
    (hpa,) = fast["objects"]["HorizontalPodAutoscaler"].values()
    assert hpa["status"]["lastScaleTime"] == "2024-01-01T02:00:15Z"  # (its Event expired)
