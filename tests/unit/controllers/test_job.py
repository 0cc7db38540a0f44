"""Jobs (batch/v1): defaults and the generated selector, validation, and the job controller's
arithmetic (completions and parallelism, pod failure back-off, backoffLimit, restarts under
OnFailure, activeDeadlineSeconds, suspend, ttlSecondsAfterFinished) on the simulated clock."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import clock, errors
from minikube_lite.api import batch
from minikube_lite.api import objects as o
from minikube_lite.controllers import job_util
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]


def _job(cluster: Cluster, name: str = "hello") -> Obj:
    job = cluster.get("Job", "default", name)
    assert job is not None
    return job


def _pods(cluster: Cluster) -> list[Obj]:
    return sorted(cluster.list("Pod", "default"), key=lambda p: p["metadata"]["creationTimestamp"])


def _conditions(job: Obj) -> list[tuple[str, str]]:
    return [(c["type"], c.get("reason", "")) for c in job["status"].get("conditions") or []]


def _run_until_finished(cluster: Cluster, name: str = "hello", limit: float = 3600) -> Obj:
    end = cluster.now + limit
    while not batch.is_finished(_job(cluster, name)) and cluster.now < end:
        b.advance(cluster, 1)
    return _job(cluster, name)


def test_defaults_and_the_generated_selector_and_labels(cluster: Cluster) -> None:
    job = b.create(cluster, "Job", mk.job("hello", "echo", "hi"))
    uid = o.uid(job)
    spec = job["spec"]
    assert {k: spec[k] for k in spec if k not in ("template", "selector")} == {
        "parallelism": 1,
        "completions": 1,
        "backoffLimit": 6,
        "manualSelector": False,
        "completionMode": "NonIndexed",
        "suspend": False,
        "podReplacementPolicy": "TerminatingOrFailed",
    }
    assert spec["selector"] == {"matchLabels": {batch.CONTROLLER_UID: uid}}
    assert spec["template"]["metadata"]["labels"] == {
        "batch.kubernetes.io/controller-uid": uid,
        "batch.kubernetes.io/job-name": "hello",
        "controller-uid": uid,
        "job-name": "hello",
    }
    assert job["metadata"]["generation"] == 1


def test_only_parallelism_set_leaves_completions_unset(cluster: Cluster) -> None:
    job = b.create(cluster, "Job", mk.job("work", "echo", "hi", parallelism=2))
    assert "completions" not in job["spec"]
    assert job["spec"]["parallelism"] == 2


def test_restart_policy_always_is_refused(cluster: Cluster) -> None:
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "Job", mk.job("bad", "echo", "hi", restart="Always"))
    assert e.value.render() == (
        'The Job "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": '
        'supported values: "OnFailure", "Never"'
    )


def test_a_selector_that_does_not_select_the_uid_is_not_auto_generated(cluster: Cluster) -> None:
    wrong = {"matchLabels": {batch.CONTROLLER_UID: "wrong"}}
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "Job", mk.job("bad", "echo", "hi", selector=wrong))
    assert (
        'spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":'
        '"wrong"}}: `selector` not auto-generated'
    ) in e.value.render()
    other = {"matchLabels": {"app": "x"}}  # the uid is added to it, the template lacks app=x
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "Job", mk.job("bad", "echo", "hi", selector=other))
    assert e.value.render().endswith("`selector` does not match template `labels`")


def test_the_template_is_immutable(cluster: Cluster) -> None:
    job = o.deepcopy(b.create(cluster, "Job", mk.job("hello", "echo", "hi")))
    job["spec"]["template"]["spec"]["containers"][0]["image"] = "busybox:1.36"
    with pytest.raises(errors.InvalidError) as e:
        apiserver.update(cluster, "Job", job)
    assert "spec.template: Invalid value: " in e.value.render()
    assert e.value.render().endswith(": field is immutable")


def test_a_job_that_succeeds_is_complete(cluster: Cluster) -> None:
    b.create(cluster, "Job", mk.job("hello", "echo", "hi"))
    (pod,) = _pods(cluster)
    assert o.name(pod).startswith("hello-") and len(o.name(pod)) == len("hello-") + 5
    assert pod["metadata"]["finalizers"] == [batch.TRACKING_FINALIZER]
    assert pod["metadata"]["ownerReferences"] == [
        o.owner_reference(_job(cluster), "Job", "batch/v1")
    ]
    assert o.labels(pod)["job-name"] == "hello"
    status = _job(cluster)["status"]
    assert (status["active"], status["ready"], status["terminating"]) == (1, 0, 0)
    assert status["startTime"] == clock.rfc3339(cluster.now)
    job = _run_until_finished(cluster)
    assert _conditions(job) == [
        ("SuccessCriteriaMet", "CompletionsReached"),
        ("Complete", "CompletionsReached"),
    ]
    st = job["status"]
    assert st["succeeded"] == 1 and "active" not in st and "failed" not in st
    assert st["completionTime"] == job["status"]["conditions"][1]["lastTransitionTime"]
    assert st["uncountedTerminatedPods"] == {}
    (pod,) = _pods(cluster)
    assert pod["status"]["phase"] == "Succeeded"
    assert "finalizers" not in pod["metadata"]
    assert b.events(cluster, job) == [f"Created pod: {o.name(pod)}", "Job completed"]


def test_failures_back_off_then_exceed_the_backoff_limit(cluster: Cluster) -> None:
    b.create(cluster, "Job", mk.job("hello", "sh", "-c", "exit 1", backoffLimit=3))
    job = _run_until_finished(cluster)
    pods = _pods(cluster)
    assert len(pods) == 4  # the first try and backoffLimit retries
    assert all(p["status"]["phase"] == "Failed" for p in pods)
    finished = [job_util.finished_time(p) for p in pods]
    created = [clock.parse_time(p["metadata"]["creationTimestamp"]) or 0.0 for p in pods]
    gaps = [created[i + 1] - finished[i] for i in range(3)]
    assert gaps == [10.0, 20.0, 40.0]  # 10 s, doubling
    assert _conditions(job) == [
        ("FailureTarget", "BackoffLimitExceeded"),
        ("Failed", "BackoffLimitExceeded"),
    ]
    assert job["status"]["failed"] == 4 and "completionTime" not in job["status"]
    warnings = [e for e in cluster.events_for(job) if e["type"] == "Warning"]
    assert [(e["reason"], e["message"]) for e in warnings] == [
        ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
    ]


def test_the_back_off_doubles_up_to_six_minutes() -> None:
    def wait(n: int) -> float:
        return job_util.remaining_backoff({"failures": n, "last": 100.0}, 100.0)

    assert [wait(n) for n in range(8)] == [0, 10, 20, 40, 80, 160, 320, 360]
    assert job_util.remaining_backoff({"failures": 2, "last": 100.0}, 115.0) == 5.0
    assert job_util.remaining_backoff({"failures": 2, "last": 100.0}, 121.0) == 0.0


def test_a_success_resets_the_back_off_record() -> None:
    ok = {"metadata": {"creationTimestamp": "2024-01-01T00:00:05Z"}, "status": {}}
    bad = {"metadata": {"creationTimestamp": "2024-01-01T00:00:09Z"}, "status": {}}
    record = job_util.new_backoff_record({"failures": 3, "last": 1.0}, [ok], [bad])
    assert record == {"failures": 1, "last": clock.parse_time("2024-01-01T00:00:09Z")}
    assert job_util.new_backoff_record({"failures": 3, "last": 1.0}, [ok], []) == {
        "failures": 0,
        "last": None,
    }


def test_parallelism_and_completions(cluster: Cluster) -> None:
    b.create(cluster, "Job", mk.job("hello", "echo", "hi", parallelism=2, completions=3))
    assert _job(cluster)["status"]["active"] == 2
    most = 0
    while not batch.is_finished(_job(cluster)):
        b.advance(cluster, 1)
        most = max(most, _job(cluster)["status"].get("active", 0))
    assert most <= 2
    assert _job(cluster)["status"]["succeeded"] == 3
    assert len(_pods(cluster)) == 3


def test_restarts_under_on_failure_count_against_the_backoff_limit(cluster: Cluster) -> None:
    manifest = mk.job("hello", "sh", "-c", "exit 1", restart="OnFailure", backoffLimit=2)
    b.create(cluster, "Job", manifest)
    job = _run_until_finished(cluster)
    assert _conditions(job)[-1] == ("Failed", "BackoffLimitExceeded")
    # the kubelet restarted the container in the one pod, which the failed Job deleted
    assert len(b.events(cluster, job, "SuccessfulCreate")) == 1
    assert _pods(cluster) == []
    assert job["status"]["failed"] == 1


def test_the_active_deadline_fails_the_job_and_deletes_its_pods(cluster: Cluster) -> None:
    b.create(cluster, "Job", mk.job("hello", "sleep", "3600", activeDeadlineSeconds=30))
    b.advance(cluster, 29)
    assert not batch.is_finished(_job(cluster))
    b.advance(cluster, 1)
    job = _job(cluster)
    assert _conditions(job) == [("FailureTarget", "DeadlineExceeded")]  # its pod terminates
    assert job["status"]["terminating"] == 1
    job = _run_until_finished(cluster)
    assert _conditions(job) == [
        ("FailureTarget", "DeadlineExceeded"),
        ("Failed", "DeadlineExceeded"),
    ]
    assert job["status"]["failed"] == 1
    assert b.events(cluster, job, "DeadlineExceeded") == [
        "Job was active longer than specified deadline"
    ]


def test_a_suspended_job_runs_no_pods_until_resumed(cluster: Cluster) -> None:
    b.create(cluster, "Job", mk.job("hello", "echo", "hi", suspend=True))
    assert _pods(cluster) == []
    job = _job(cluster)
    assert _conditions(job) == [("Suspended", "JobSuspended")]
    assert "startTime" not in job["status"]
    job = o.deepcopy(job)
    job["spec"]["suspend"] = False
    apiserver.update(cluster, "Job", job)
    b.advance(cluster, 0)
    assert len(_pods(cluster)) == 1
    assert _conditions(_job(cluster)) == [("Suspended", "JobResumed")]
    assert b.events(cluster, _job(cluster), "Resumed") == ["Job resumed"]


def test_ttl_seconds_after_finished_deletes_the_job_and_its_pods(cluster: Cluster) -> None:
    b.create(cluster, "Job", mk.job("hello", "echo", "hi", ttlSecondsAfterFinished=60))
    _run_until_finished(cluster)
    b.advance(cluster, 59)
    assert cluster.get("Job", "default", "hello") is not None
    b.advance(cluster, 5)
    assert cluster.get("Job", "default", "hello") is None
    assert _pods(cluster) == []


def test_a_deleted_running_pod_counts_as_failed_and_is_replaced(cluster: Cluster) -> None:
    b.create(cluster, "Job", mk.job("hello", "sleep", "3600"))
    b.advance(cluster, 10)
    (pod,) = _pods(cluster)
    apiserver.delete_pod(cluster, pod)
    b.advance(cluster, 0)
    job = _job(cluster)
    assert job["status"]["failed"] == 1
    assert job["status"]["terminating"] == 1
    assert "finalizers" not in pod["metadata"]
    assert "active" not in job["status"]  # the replacement waits for the 10 s back-off
    b.advance(cluster, 10)
    assert _job(cluster)["status"]["active"] == 1
