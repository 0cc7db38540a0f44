"""The closed-form catch-up of CronJobs in a periodic regime (controllers/cronjob_catchup.py)
leaves the same saved state as firing every timer one by one (loop.CATCH_UP = False), and a
long move fires a bounded number of timers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap
from tests import builders as mk

Obj = dict[str, Any]


def _cronjob(schedule: str, *cmd: str, backoff: int | None = None, **spec: Any) -> Obj:
    job = mk.job("tick", *(cmd or ("echo", "tock")), restart="OnFailure")
    if backoff is not None:
        job["spec"]["backoffLimit"] = backoff
        job["spec"]["template"]["spec"]["restartPolicy"] = "Never"
    s: Obj = {"schedule": schedule, **spec, "jobTemplate": {"spec": job["spec"]}}
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "tick"}, "spec": s}


def _run(monkeypatch: pytest.MonkeyPatch, fast: bool, cj: Obj, hours: float) -> tuple[Obj, int]:
    monkeypatch.setattr(loop, "CATCH_UP", fast)
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    apiserver.create(cluster, "CronJob", json.loads(json.dumps(cj)))
    loop.settle(cluster)
    ran = loop.advance_to(cluster, cluster.now + 30.0)
    ran += loop.advance_to(cluster, cluster.now + hours * 3600)
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()
    return doc, ran


SHAPES = {
    "every-minute": (_cronjob("*/1 * * * *"), 8.0),
    "every-5-minutes": (_cronjob("*/5 * * * *"), 30.0),
    "limits-0": (
        _cronjob("*/1 * * * *", successfulJobsHistoryLimit=0, failedJobsHistoryLimit=0),
        8.0,
    ),
    "limit-1": (_cronjob("*/5 * * * *", successfulJobsHistoryLimit=1), 30.0),
    "ttl-after-finished": (_cronjob("*/5 * * * *"), 30.0),
}
SHAPES["ttl-after-finished"][0]["spec"]["jobTemplate"]["spec"]["ttlSecondsAfterFinished"] = 30


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_cronjob_runs_equal_step_by_step(monkeypatch: pytest.MonkeyPatch, shape: str) -> None:
    cj, hours = SHAPES[shape]
    slow, slow_ran = _run(monkeypatch, False, cj, hours)
    fast, fast_ran = _run(monkeypatch, True, cj, hours)
    assert fast == slow
    assert fast_ran * 2 < slow_ran  # the jump did the work


@pytest.mark.parametrize(
    "cj",
    [
        _cronjob("*/5 * * * *", "sh", "-c", "exit 1", backoff=1),
        _cronjob("*/5 * * * *", "sleep", "600", concurrencyPolicy="Forbid"),
        _cronjob("*/5 * * * *", "sleep", "600", concurrencyPolicy="Replace"),
    ],
    ids=["failing", "forbid-long", "replace-long"],
)
def test_other_shapes_equal_step_by_step(monkeypatch: pytest.MonkeyPatch, cj: Obj) -> None:
    """Shapes that may jump or step: either way the state is the step-by-step one."""
    slow, _ = _run(monkeypatch, False, cj, 12.0)
    fast, _ = _run(monkeypatch, True, cj, 12.0)
    assert fast == slow


def test_a_month_fires_what_a_few_hours_do(monkeypatch: pytest.MonkeyPatch) -> None:
    """720 hours of a */5 schedule (8,640 Jobs) fire about what its first hours do."""
    cj = _cronjob("*/5 * * * *")
    _, ran = _run(monkeypatch, True, cj, 720.0)
    assert ran < 400
