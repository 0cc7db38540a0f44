"""The closed-form catch-up of periodic pods (controllers/kubelet/cycles.py) leaves the same saved
state as firing every timer one by one (loop.CATCH_UP = False): crash loops, image pull back-offs,
liveness restarts and startup probe failures, restartPolicy OnFailure, their mixes with probing
pods (readiness, liveness and startup probes failing and passing), a Deployment's crash-looping
pods, and timers that are not periodic among them (a completed pod, a graceful deletion, an
unschedulable pod's scheduler retries)."""

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


def _pod(name: str, image: str, **container: Any) -> Obj:
    pod = mk.pod(name, image)
    pod["spec"]["containers"][0].update(container)
    return pod


def _deployment(name: str, replicas: int, image: str = mk.NGINX, **container: Any) -> Obj:
    d = mk.deployment(name, replicas, image, port=None)
    d["spec"]["template"]["spec"]["containers"][0].update(container)
    return d


def _objects() -> dict[str, Obj]:
    return {
        "crash": mk.pod("crash", "busybox:1.36"),  # exits at once: CrashLoopBackOff
        "pull": mk.pod("pull", "nosuch/image:v9"),  # ErrImagePull / ImagePullBackOff
        "pulls-each-restart": mk.pod(
            "pulls-each-restart", "busybox"
        ),  # :latest: pull policy Always
        "runs-then-fails": _pod(
            "runs-then-fails", "busybox:1.36", command=["sh", "-c", "sleep 5; exit 1"]
        ),
        "liveness": _pod(
            "liveness", mk.NGINX, livenessProbe={"httpGet": {"path": "/healthz", "port": 80}}
        ),
        "liveness-and-readiness": _pod(
            "liveness-and-readiness",
            mk.NGINX,
            livenessProbe={"httpGet": {"path": "/healthz", "port": 80}, "periodSeconds": 7},
            readinessProbe={"tcpSocket": {"port": 80}, "periodSeconds": 3},
        ),
        "readiness-fails": _pod(
            "readiness-fails",
            mk.NGINX,
            readinessProbe={"tcpSocket": {"port": 9999}, "periodSeconds": 5},
        ),
        "probes-pass": _pod(
            "probes-pass",
            mk.NGINX,
            readinessProbe={"httpGet": {"path": "/", "port": 80}, "periodSeconds": 7},
            livenessProbe={"tcpSocket": {"port": 80}, "periodSeconds": 7},
        ),
        "deployment": mk.deployment("web", 3, "busybox:1.36", port=None),
        "one-shot": mk.pod(  # sleeps 90 minutes, then is done
            "one-shot",
            "busybox:1.36",
            restartPolicy="Never",
            containers=[
                {"name": "one-shot", "image": "busybox:1.36", "command": ["sleep", "5400"]}
            ],
        ),
        "liveness-exec": _pod(  # the Kubernetes docs' liveness-exec example
            "liveness-exec",
            "busybox:1.36",
            args=["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
            livenessProbe={
                "exec": {"command": ["cat", "/tmp/healthy"]},
                "initialDelaySeconds": 5,
                "periodSeconds": 5,
            },
        ),
        "config-error": _pod(  # CreateContainerConfigError, retried every 10 s
            "config-error",
            mk.NGINX,
            env=[{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "nope", "key": "k"}}}],
        ),
        "missing-volume": mk.pod(  # FailedMount, retried every 10 s (no back-off entries)
            "missing-volume", mk.NGINX, volumes=[{"name": "v", "configMap": {"name": "nope"}}]
        ),
        "slow-to-ready": _pod(  # ready after 1000 passing probes (10,000 s)
            "slow-to-ready",
            mk.NGINX,
            readinessProbe={"httpGet": {"path": "/", "port": 80}, "successThreshold": 1000},
        ),
        "never-pulled": _pod("never-pulled", "nosuch/x:1", imagePullPolicy="Never"),
        "startup-fails": _pod(  # killed after 3 failed startup probes: a restart loop
            "startup-fails",
            mk.NGINX,
            startupProbe={"httpGet": {"path": "/", "port": 8080}, "periodSeconds": 10},
        ),
        "startup-passes": _pod(  # then the readiness probe keeps failing
            "startup-passes",
            mk.NGINX,
            startupProbe={"tcpSocket": {"port": 80}, "periodSeconds": 3},
            readinessProbe={"tcpSocket": {"port": 9999}, "periodSeconds": 5},
        ),
        "on-failure": mk.pod(  # exits 1: restarted with back-off (restartPolicy OnFailure)
            "on-failure",
            "busybox:1.36",
            restartPolicy="OnFailure",
            containers=[
                {"name": "on-failure", "image": "busybox:1.36", "command": ["sh", "-c", "exit 1"]}
            ],
        ),
        "completes": mk.pod(  # exits 0: Succeeded, never restarted (a Job's pod)
            "completes",
            "busybox:1.36",
            restartPolicy="OnFailure",
            containers=[{"name": "completes", "image": "busybox:1.36", "command": ["true"]}],
        ),
        "unschedulable": _pod(  # FailedScheduling, retried every 5 minutes
            "unschedulable", mk.NGINX, resources={"requests": {"cpu": "64"}}
        ),
        # the bench's shape (bench/large.py): Deployments whose pods tick at the same instants
        "unready-deploy": _deployment(
            "unready", 3, readinessProbe={"httpGet": {"path": "/ready", "port": 8080}}
        ),
        "crash-deploy": _deployment("crash-loop", 2, image="busybox:1.36"),
        "pull-deploy": _deployment("pull-fails", 2, image="nginx:0.0-missing"),
        "service": {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "flaky"},
            "spec": {"selector": {"run": "runs-then-fails"}, "ports": [{"port": 80}]},
        },
    }


def _run(
    monkeypatch: pytest.MonkeyPatch,
    fast: bool,
    objs: list[Obj],
    steps: list[float],
    offset: float = 0.0,
) -> tuple[Obj, int]:
    """The saved state after ``steps`` clock advances, and how many timers fired one by one
    (the objects are created ``offset`` seconds after the cluster started)."""
    monkeypatch.setattr(loop, "CATCH_UP", fast)
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    loop.advance_to(cluster, cluster.now + offset)
    for obj in objs:
        apiserver.create(cluster, obj.get("kind", "Pod"), json.loads(json.dumps(obj)))
    loop.settle(cluster)
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
        ["crash"],
        ["pull"],
        ["pulls-each-restart", "crash"],
        ["runs-then-fails"],
        ["liveness"],
        ["liveness-and-readiness"],
        ["liveness-exec"],
        ["config-error", "missing-volume", "never-pulled"],
        ["crash", "pull", "readiness-fails"],
        ["crash", "pull", "liveness", "readiness-fails", "probes-pass"],
        ["deployment", "readiness-fails"],
        ["crash", "one-shot"],  # a timer that is not periodic bounds the first jump
        # steady probe ticks jumped in closed form between the periodic pods' syncs, and along
        # with their jump (the probing pods are not learnt: tests below count the timers)
        ["unready-deploy", "crash-deploy", "pull-deploy", "probes-pass"],
        ["startup-fails"],
        ["startup-passes", "crash"],
        ["on-failure", "completes", "pull"],
    ],
)
def test_cycles_equal_step_by_step(monkeypatch: pytest.MonkeyPatch, which: list[str]) -> None:
    objs = [_objects()[w] for w in which]
    slow, slow_ran = _run(monkeypatch, False, objs, STEPS)
    fast, fast_ran = _run(monkeypatch, True, objs, STEPS)
    assert fast == slow
    assert fast_ran * 2 < slow_ran  # the jumps did the work


def test_cycles_on_a_clock_with_microseconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real clock's instants are not whole seconds: times then move by whole units in the last
    place, which k repeated additions and one multiplication agree on."""
    objs = [_objects()[w] for w in ("crash", "pull", "readiness-fails", "unschedulable")]
    slow, slow_ran = _run(monkeypatch, False, objs, STEPS, offset=0.123456)
    fast, fast_ran = _run(monkeypatch, True, objs, STEPS, offset=0.123456)
    assert fast == slow
    assert fast_ran * 2 < slow_ran


@pytest.mark.parametrize(
    ("which", "steps", "offset"),
    [
        # caught while the container is healthy: its probe passes every 5 s, but at 30 s of
        # uptime the file it reads goes away (past the image's horizon only is that periodic)
        (["liveness-exec", "never-pulled"], [7317.0, 5017.0, 600.5], 0.5),
        # a success counter that grows towards its threshold: crossing it makes the pod ready
        (["slow-to-ready", "crash"], [5 * 3600.0], 0.0),
    ],
)
def test_what_snapshots_do_not_show_stops_a_jump(
    monkeypatch: pytest.MonkeyPatch, which: list[str], steps: list[float], offset: float
) -> None:
    objs = [_objects()[w] for w in which]
    slow, _ = _run(monkeypatch, False, objs, steps, offset)
    fast, _ = _run(monkeypatch, True, objs, steps, offset)
    assert fast == slow


def test_a_cycle_that_wakes_another_controller_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A container that becomes ready and fails again rewrites its Service's Endpoints each
    cycle: not the kubelet's alone, so that pod steps (and still ends in the same state)."""
    objs = [_objects()[w] for w in ("runs-then-fails", "service", "crash")]
    steps = [30.0, 3 * 3600.0]
    slow, _ = _run(monkeypatch, False, objs, steps)
    fast, _ = _run(monkeypatch, True, objs, steps)
    assert fast == slow


def test_a_month_of_a_mix_fires_few_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Crash loops, a pull back-off, a liveness restart loop, a Deployment's crash-looping pods
    and a failing readiness probe: a month fires about what an hour does."""
    monkeypatch.setattr(loop, "CATCH_UP", True)
    names = ("crash", "pull", "liveness", "readiness-fails", "deployment")
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    for name in names:
        obj = _objects()[name]
        apiserver.create(cluster, obj.get("kind", "Pod"), obj)
    loop.advance_to(cluster, cluster.now + 600)
    assert loop.advance_to(cluster, cluster.now + 30 * 86400) < 1500


def test_a_year_of_a_crash_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A year costs what a day does: a restart every 300 s at the back-off's cap, and one
    aggregated BackOff Event whose count follows."""
    monkeypatch.setattr(loop, "CATCH_UP", True)
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    apiserver.create(cluster, "Pod", _objects()["crash"])
    loop.advance_to(cluster, cluster.now + 3600)
    before = cluster.get("Pod", "default", "crash")
    assert before is not None
    restarts = before["status"]["containerStatuses"][0]["restartCount"]
    (count,) = [e["count"] for e in cluster.objects["Event"].values() if e["reason"] == "BackOff"]
    ran = loop.advance_to(cluster, cluster.now + 365 * 86400)
    assert ran < 200
    pod = cluster.get("Pod", "default", "crash")
    assert pod is not None
    status = pod["status"]["containerStatuses"][0]
    assert status["restartCount"] - restarts == 365 * 86400 // 300
    assert status["state"]["waiting"]["reason"] == "CrashLoopBackOff"
    (backoff,) = [e for e in cluster.objects["Event"].values() if e["reason"] == "BackOff"]
    assert backoff["count"] - count == 365 * 86400 // 300


def test_after_a_jump_two_periods_are_stepped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A year of the mix, an hour in: one jump, then two periods of the longest cycle stepped
    (535 timers with the three periods stepped before; the states equal stepping, above)."""
    monkeypatch.setattr(loop, "CATCH_UP", True)
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    for name in ("crash", "pull", "liveness", "readiness-fails", "deployment"):
        obj = _objects()[name]
        apiserver.create(cluster, obj.get("kind", "Pod"), obj)
    loop.advance_to(cluster, cluster.now + 3600)
    assert loop.advance_to(cluster, cluster.now + 365 * 86400) < 500


def test_probing_pods_do_not_step_while_cycles_are_learnt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A year of the bench's shape (failing readiness probes on three pods ticking together, two
    crash-looping and two pull-failing pods), an hour in: the probe ticks are jumped in closed
    form while the periodic pods' cycles are learnt and along with their jump (543 timers when
    the probing pods stepped until the jump and through the periods stepped after it)."""
    monkeypatch.setattr(loop, "CATCH_UP", True)
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    for name in ("unready-deploy", "crash-deploy", "pull-deploy"):
        apiserver.create(cluster, "Deployment", _objects()[name])
    loop.advance_to(cluster, cluster.now + 3600)
    assert loop.advance_to(cluster, cluster.now + 365 * 86400) < 150


def _delete_gracefully(fast: bool, monkeypatch: pytest.MonkeyPatch) -> Obj:
    """A pod deleted with a 2-hour grace period among periodic and probing pods: its end is a
    timer the jumps stop before."""
    monkeypatch.setattr(loop, "CATCH_UP", fast)
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    slow_stop = mk.pod(
        "slow-stop",
        "busybox:1.36",
        terminationGracePeriodSeconds=7200,
        containers=[{"name": "slow-stop", "image": "busybox:1.36", "command": ["sleep", "1d"]}],
    )
    for obj in (_objects()["crash"], _objects()["pull"], _objects()["readiness-fails"], slow_stop):
        apiserver.create(cluster, "Pod", json.loads(json.dumps(obj)))
    loop.advance_to(cluster, cluster.now + 600)
    pod = cluster.get("Pod", "default", "slow-stop")
    assert pod is not None
    apiserver.delete_pod(cluster, pod)
    loop.advance_to(cluster, cluster.now + 7000)
    assert cluster.get("Pod", "default", "slow-stop") is not None  # (sleep ignores SIGTERM)
    for seconds in (3 * 3600.0, 1234.5):
        loop.advance_to(cluster, cluster.now + seconds)
    assert cluster.get("Pod", "default", "slow-stop") is None
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()
    return doc


def test_a_graceful_deletion_during_the_catch_up(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _delete_gracefully(True, monkeypatch) == _delete_gracefully(False, monkeypatch)


def test_unschedulable_retries_during_the_catch_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scheduler's retry of an unschedulable pod every 5 minutes (a new-style Event's series
    grows), next to periodic and probing pods."""
    objs = [_objects()[w] for w in ("unschedulable", "crash", "readiness-fails")]
    slow, _ = _run(monkeypatch, False, objs, STEPS)
    fast, _ = _run(monkeypatch, True, objs, STEPS)
    assert fast == slow
    (ev,) = [e for e in slow["objects"]["Event"].values() if e["reason"] == "FailedScheduling"]
    assert ev["series"]["count"] > 60


def test_a_year_of_an_unschedulable_pod(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scheduler's retries every 5 minutes are a cycle too: a year (next to a crash loop,
    which no longer has to step because another controller writes) fires about what an hour
    does, and the FailedScheduling series counts every retry."""
    monkeypatch.setattr(loop, "CATCH_UP", True)
    cluster: Cluster = bootstrap.new_cluster(mode="manual", seed=1)
    for name in ("unschedulable", "crash"):
        apiserver.create(cluster, "Pod", _objects()[name])
    loop.advance_to(cluster, cluster.now + 3600)
    (ev,) = [e for e in cluster.objects["Event"].values() if e["reason"] == "FailedScheduling"]
    count = ev["series"]["count"]
    assert loop.advance_to(cluster, cluster.now + 365 * 86400) < 100
    assert ev["series"]["count"] - count == 365 * 86400 // 300
    assert ev["series"]["lastObservedTime"] == clock.rfc3339_micro(cluster.now)
    pod = cluster.get("Pod", "default", "unschedulable")
    assert pod is not None and pod["status"]["phase"] == "Pending"
