"""CronJobs (batch/v1): robfig/cron's schedule syntax, defaults and validation, and the cronjob
controller (Job names, history limits, concurrency policies, suspend, the starting deadline and
the catch-up after missed schedules) on the simulated clock."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import clock, errors
from minikube_lite.api import cron
from minikube_lite.api import objects as o
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]
T0 = clock.parse_time("2024-01-01T00:00:00Z") or 0.0  # a Monday


def _cronjob(name: str = "tick", schedule: str = "*/1 * * * *", *cmd: str, **spec: Any) -> Obj:
    job = mk.job(name, *(cmd or ("echo", "tock")), restart="OnFailure")
    s: Obj = {"schedule": schedule, **spec, "jobTemplate": {"spec": job["spec"]}}
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": name}, "spec": s}


def _cj(cluster: Cluster, name: str = "tick") -> Obj:
    cj = cluster.get("CronJob", "default", name)
    assert cj is not None
    return cj


def _jobs(cluster: Cluster) -> list[str]:
    return sorted(o.name(j) for j in cluster.list("Job", "default"))


def _next(spec: str, t: float, n: int = 3) -> list[str]:
    s, out = cron.parse(spec), []
    for _ in range(n):
        nxt = cron.next_after(s, t)
        assert nxt is not None
        out.append(clock.rfc3339(nxt))
        t = nxt
    return out


def test_the_standard_cron_syntax() -> None:
    assert _next("*/15 * * * *", T0) == [
        "2024-01-01T00:15:00Z",
        "2024-01-01T00:30:00Z",
        "2024-01-01T00:45:00Z",
    ]
    assert _next("30 2 * * MON-FRI", T0 + 3 * 86400) == [  # Thursday, Friday, Monday
        "2024-01-04T02:30:00Z",
        "2024-01-05T02:30:00Z",
        "2024-01-08T02:30:00Z",
    ]
    assert _next("@hourly", T0, 2) == ["2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z"]
    assert _next("@weekly", T0, 1) == ["2024-01-07T00:00:00Z"]  # Sunday
    assert _next("0 0 29 2 ?", T0, 2) == ["2024-02-29T00:00:00Z", "2028-02-29T00:00:00Z"]
    assert _next("0 0 13 * 5", T0, 2) == ["2024-01-05T00:00:00Z", "2024-01-12T00:00:00Z"]  # or


@pytest.mark.parametrize(
    "spec,message",
    [
        ("bad", "expected exactly 5 fields, found 1: [bad]"),
        ("70 * * * *", "end of range (70) above maximum (59): 70"),
        ("x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'),
        ("@fortnightly", "unrecognized descriptor: @fortnightly"),
        ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
    ],
)
def test_schedule_errors_are_robfig_crons(spec: str, message: str) -> None:
    with pytest.raises(cron.CronError) as e:
        cron.parse(spec)
    assert e.value.message == message


def test_defaults_and_validation(cluster: Cluster) -> None:
    cj = b.create(cluster, "CronJob", _cronjob())
    spec = cj["spec"]
    assert (spec["concurrencyPolicy"], spec["suspend"]) == ("Allow", False)
    assert (spec["successfulJobsHistoryLimit"], spec["failedJobsHistoryLimit"]) == (3, 1)
    assert "backoffLimit" not in spec["jobTemplate"]["spec"]  # the Job's defaults come later
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "CronJob", _cronjob("bad", "bad"))
    assert e.value.render() == (
        'The CronJob "bad" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 '
        "fields, found 1: [bad]"
    )
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "CronJob", _cronjob("x" * 53))
    assert e.value.render().endswith("must be no more than 52 characters")


def test_a_job_per_scheduled_minute_named_by_its_unix_minutes(cluster: Cluster) -> None:
    b.create(cluster, "CronJob", _cronjob())
    b.advance(cluster, 150)
    minute = int(T0) // 60
    assert _jobs(cluster) == [f"tick-{minute + 1}", f"tick-{minute + 2}"]
    job = cluster.get("Job", "default", f"tick-{minute + 1}")
    assert job is not None
    assert o.annotations(job)["batch.kubernetes.io/cronjob-scheduled-timestamp"] == (
        "2024-01-01T00:01:00Z"
    )
    assert o.controller_ref(job) == o.owner_reference(_cj(cluster), "CronJob", "batch/v1")
    st = _cj(cluster)["status"]
    assert st["lastScheduleTime"] == "2024-01-01T00:02:00Z"
    second = cluster.get("Job", "default", f"tick-{minute + 2}")
    assert second is not None and "active" not in st
    assert st["lastSuccessfulTime"] == second["status"]["completionTime"]
    assert b.events(cluster, _cj(cluster), "SuccessfulCreate") == [
        f"Created job tick-{minute + 1}",
        f"Created job tick-{minute + 2}",
    ]


def test_history_limits_keep_the_newest_finished_jobs(cluster: Cluster) -> None:
    b.create(cluster, "CronJob", _cronjob(successfulJobsHistoryLimit=2))
    b.advance(cluster, 5 * 60 + 30)
    minute = int(T0) // 60
    assert _jobs(cluster) == [f"tick-{minute + 4}", f"tick-{minute + 5}"]
    deleted = b.events(cluster, _cj(cluster), "SuccessfulDelete")
    assert deleted == [f"Deleted job tick-{minute + i}" for i in (1, 2, 3)]


def test_forbid_skips_a_run_while_one_is_active(cluster: Cluster) -> None:
    b.create(
        cluster,
        "CronJob",
        _cronjob("tick", "*/1 * * * *", "sleep", "90", concurrencyPolicy="Forbid"),
    )
    b.advance(cluster, 125)
    assert len(_jobs(cluster)) == 1
    assert b.events(cluster, _cj(cluster), "JobAlreadyActive") == [
        "Not starting job because prior execution is running and concurrency policy is Forbid"
    ]


def test_replace_deletes_the_active_job(cluster: Cluster) -> None:
    manifest = _cronjob("tick", "*/1 * * * *", "sleep", "600", concurrencyPolicy="Replace")
    b.create(cluster, "CronJob", manifest)
    b.advance(cluster, 125)
    minute = int(T0) // 60
    assert _jobs(cluster) == [f"tick-{minute + 2}"]
    assert b.events(cluster, _cj(cluster), "SuccessfulDelete") == [f"Deleted job tick-{minute + 1}"]
    assert [r["name"] for r in _cj(cluster)["status"]["active"]] == [f"tick-{minute + 2}"]


def test_suspended_then_resumed_catches_up_the_most_recent_schedule_only(
    cluster: Cluster,
) -> None:
    b.create(cluster, "CronJob", _cronjob(suspend=True))
    b.advance(cluster, 3 * 3600 + 30)
    assert _jobs(cluster) == []
    cj = o.deepcopy(_cj(cluster))
    cj["spec"]["suspend"] = False
    apiserver.update(cluster, "CronJob", cj)
    b.advance(cluster, 0)
    assert _jobs(cluster) == [f"tick-{int(T0) // 60 + 180}"]  # 03:00, not the 180 missed ones
    assert b.events(cluster, _cj(cluster), "TooManyMissedTimes") == [
        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check "
        "clock skew"
    ]


def test_a_starting_deadline_skips_a_late_run(cluster: Cluster) -> None:
    b.create(
        cluster, "CronJob", _cronjob("tick", "0 * * * *", suspend=True, startingDeadlineSeconds=10)
    )
    b.advance(cluster, 3600 + 60)  # 01:01, a minute after the run
    cj = o.deepcopy(_cj(cluster))
    cj["spec"]["suspend"] = False
    apiserver.update(cluster, "CronJob", cj)
    b.advance(cluster, 0)
    assert _jobs(cluster) == []
    b.advance(cluster, 3600)
    assert _jobs(cluster) == [f"tick-{int(T0) // 60 + 120}"]
