"""The closed-form catch-up of CronJobs in a periodic regime (controllers/cronjob_catchup.py)
leaves the same saved state as firing every timer one by one (loop.CATCH_UP = False): Jobs that
complete every minute or every five, history limits 0, 1 and 3, ttlSecondsAfterFinished, a Job
that fails up to its backoffLimit, Forbid and Replace with a Job longer than the period, next to
a crash-looping pod, an HPA and a failing readiness probe; a move over days in a few commands;
the CLI's saved files byte for byte; and a long move fires a bounded number of timers."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.controllers import cronjob_catchup, loop
from minikube_lite.store import apiserver, bootstrap
from tests import builders as mk
from tests.conftest import MklRunner
from tests.unit.controllers.test_catchup_horizontal import _objects as _neighbours

Obj = dict[str, Any]


def _cronjob(
    schedule: str, *cmd: str, backoff: int | None = None, parallelism: int = 1, **spec: Any
) -> Obj:
    job = mk.job("tick", *(cmd or ("echo", "tock")), restart="OnFailure")
    if parallelism != 1:
        job["spec"]["parallelism"] = job["spec"]["completions"] = parallelism
    if backoff is not None:  # a failing pod is replaced (restartPolicy Never) up to the limit
        job["spec"]["backoffLimit"] = backoff
        job["spec"]["template"]["spec"]["restartPolicy"] = "Never"
    s: Obj = {"schedule": schedule, **spec, "jobTemplate": {"spec": job["spec"]}}
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "tick"}, "spec": s}


def _run(
    monkeypatch: pytest.MonkeyPatch,
    fast: bool,
    cj: Obj,
    steps: list[float],
    neighbours: tuple[str, ...] = (),
) -> tuple[Obj, int, int]:
    """The saved state after ``steps`` clock advances (seconds), how many timers fired one by
    one, and how many jumps the CronJob catch-up made."""
    monkeypatch.setattr(loop, "CATCH_UP", fast)
    jumps: list[int] = []
    apply = cronjob_catchup.Watch._apply

    def counted(self: cronjob_catchup.Watch, *args: Any) -> None:
        jumps.append(1)
        apply(self, *args)

    monkeypatch.setattr(cronjob_catchup.Watch, "_apply", counted)
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    for name in neighbours:
        for obj in _neighbours()[name]:
            apiserver.create(cluster, obj.get("kind", "Pod"), json.loads(json.dumps(obj)))
    apiserver.create(cluster, "CronJob", json.loads(json.dumps(cj)))
    loop.settle(cluster)
    ran = 0
    for seconds in steps:
        ran += loop.advance_to(cluster, cluster.now + seconds)
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()  # the same timers; the heap's array order depends on its history
    return doc, ran, len(jumps)


HOURS = 3600.0
SHAPES: dict[str, tuple[Obj, list[float]]] = {
    "every-minute": (_cronjob("*/1 * * * *"), [30.0, 8 * HOURS]),
    "every-5-minutes": (_cronjob("*/5 * * * *"), [30.0, 2 * 24 * HOURS]),
    "limits-0": (
        _cronjob("*/1 * * * *", successfulJobsHistoryLimit=0, failedJobsHistoryLimit=0),
        [30.0, 6 * HOURS],
    ),
    "limit-1": (_cronjob("*/5 * * * *", successfulJobsHistoryLimit=1), [30.0, 30 * HOURS]),
    "limit-3-in-steps": (
        _cronjob("*/5 * * * *", successfulJobsHistoryLimit=3),
        [30.0, 5 * HOURS, 1234.5, 26 * HOURS],
    ),
    "ttl-after-finished": (_cronjob("*/5 * * * *"), [30.0, 30 * HOURS]),
    "failing": (_cronjob("*/5 * * * *", "sh", "-c", "exit 1", backoff=1), [30.0, 30 * HOURS]),
    "failing-3": (_cronjob("*/5 * * * *", "sh", "-c", "exit 1", backoff=3), [30.0, 12 * HOURS]),
    "replace-longer": (
        _cronjob("*/5 * * * *", "sleep", "600", concurrencyPolicy="Replace"),
        [30.0, 30 * HOURS],
    ),
    "allow-overlapping": (_cronjob("*/1 * * * *", "sleep", "150"), [30.0, 8 * HOURS]),
    "hourly": (_cronjob("@hourly"), [30.0, 4 * 24 * HOURS]),
}
SHAPES["ttl-after-finished"][0]["spec"]["jobTemplate"]["spec"]["ttlSecondsAfterFinished"] = 30


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_cronjob_runs_equal_step_by_step(monkeypatch: pytest.MonkeyPatch, shape: str) -> None:
    cj, steps = SHAPES[shape]
    slow, slow_ran, _ = _run(monkeypatch, False, cj, steps)
    fast, fast_ran, jumps = _run(monkeypatch, True, cj, steps)
    assert fast == slow
    assert jumps >= 1
    assert fast_ran * 3 < slow_ran  # the jump did the work


@pytest.mark.parametrize(
    "neighbours",
    [("crash",), ("no-metrics",), ("no-metrics", "crash", "readiness-fails")],
    ids=["crash-loop", "hpa", "hpa-crash-loop-readiness"],
)
def test_next_to_other_catch_ups(monkeypatch: pytest.MonkeyPatch, neighbours: tuple[str]) -> None:
    """A crash loop, an HPA's steady syncs and a failing readiness probe repeat with the
    CronJob's period (their own catch-ups run between its runs): the jump takes them along."""
    cj = _cronjob("*/5 * * * *")
    steps = [30.0, 12 * HOURS]
    slow, slow_ran, _ = _run(monkeypatch, False, cj, steps, neighbours)
    fast, fast_ran, jumps = _run(monkeypatch, True, cj, steps, neighbours)
    assert fast == slow
    assert jumps == 1
    assert fast_ran * 2 < slow_ran


@pytest.mark.parametrize(
    "cj",
    [
        _cronjob("*/5 * * * 1-5"),  # weekdays: not the same every period
        _cronjob("30 2 * * *"),  # daily: a year is 365 runs
        _cronjob("*/5 * * * *", startingDeadlineSeconds=30),
        _cronjob("*/5 * * * *", timeZone="Europe/Berlin"),
        # each Job starts when the one before ends, 4 s (the image pull) later every time
        _cronjob("*/5 * * * *", "sleep", "600", concurrencyPolicy="Forbid"),
        _cronjob("*/5 * * * *", "sleep", "10", parallelism=2),
    ],
    ids=["weekdays", "daily", "starting-deadline", "time-zone", "forbid-drifting", "parallel"],
)
def test_shapes_without_a_closed_form_step(monkeypatch: pytest.MonkeyPatch, cj: Obj) -> None:
    """They step (no jump), as before: the same state."""
    steps = [30.0, 14 * HOURS]
    slow, _, _ = _run(monkeypatch, False, cj, steps)
    fast, _, jumps = _run(monkeypatch, True, cj, steps)
    assert fast == slow
    assert jumps == 0


def test_a_year_fires_what_its_first_hours_do(monkeypatch: pytest.MonkeyPatch) -> None:
    """8760 hours of a */1 schedule (525,600 Jobs) fire about what two hours do."""
    _, ran, jumps = _run(monkeypatch, True, _cronjob("*/1 * * * *"), [30.0, 8760 * HOURS])
    assert jumps == 1
    assert ran < 2 * 60 * 5


def test_the_cli_saves_the_same_files(
    monkeypatch: pytest.MonkeyPatch, manual: MklRunner, mkl_home: Path
) -> None:
    """``mkl clock advance 26h`` of a */5 CronJob through the segmented store: every saved file
    is the step-by-step one, byte for byte."""

    def saved(fast: bool, home: Path) -> dict[str, bytes]:
        monkeypatch.setattr(loop, "CATCH_UP", fast)
        os.environ["MKL_HOME"] = str(home)
        for argv in (
            ["cluster", "start", "--clock", "manual", "--seed", "1"],
            [
                "create",
                "cronjob",
                "tick",
                "--image=busybox",
                "--schedule=*/5 * * * *",
                "--",
                "date",
            ],
            ["clock", "advance", "26h"],
        ):
            r = manual(*argv)
            assert r.exit_code == 0, (argv, r.stderr)
        files = sorted(p for p in home.rglob("*") if p.is_file() and not p.name.endswith(".lock"))
        return {str(p.relative_to(home)): p.read_bytes() for p in files}

    slow = saved(False, mkl_home.parent / "slow")
    fast = saved(True, mkl_home.parent / "fast")
    assert fast.keys() == slow.keys()
    assert [k for k in fast if fast[k] != slow[k]] == []
