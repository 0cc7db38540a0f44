"""Jobs through the CLI: ``create job``, ``get jobs`` (printJob's columns), ``wait
--for=condition=complete|failed``, ``logs job/NAME``, ``describe job``, ``get all``, ``apply -f``
and ``delete job`` with its cascade, on a manual clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import builders as mk
from tests.conftest import MklRunner


@pytest.fixture
def hello(manual: MklRunner) -> MklRunner:
    """Job hello (busybox -- echo hi), run to completion."""
    r = manual("create", "job", "hello", "--image=busybox", "--", "echo", "hi")
    assert (r.exit_code, r.stdout) == (0, "job.batch/hello created\n"), r.stderr
    r = manual("wait", "--for=condition=complete", "job/hello", "--timeout=60s")
    assert (r.exit_code, r.stdout) == (0, "job.batch/hello condition met\n"), r.stderr
    return manual


def test_a_job_of_echo_completes_and_logs_hi(hello: MklRunner) -> None:
    r = hello("get", "jobs")
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"]
    assert lines[1].split()[:3] == ["hello", "Complete", "1/1"]
    assert hello("logs", "job/hello").stdout == "hi\n"
    wide = hello("get", "job", "hello", "-o", "wide").stdout.splitlines()
    assert wide[0].split()[-3:] == ["CONTAINERS", "IMAGES", "SELECTOR"]
    assert wide[1].split()[-3:-1] == ["hello", "busybox"]
    assert wide[1].split()[-1].startswith("batch.kubernetes.io/controller-uid=")


def test_describe_job(hello: MklRunner) -> None:
    out = hello("describe", "job", "hello").stdout
    assert "Completions:      1\n" in out
    assert "Completion Mode:  NonIndexed\n" in out
    assert "Backoff Limit:    6\n" in out
    assert "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n" in out
    assert "job-controller  Job completed\n" in out


def test_get_all_lists_jobs_after_replicasets(hello: MklRunner) -> None:
    out = hello("get", "all").stdout
    assert "\nNAME              STATUS     COMPLETIONS   DURATION   AGE\njob.batch/hello   " in out
    assert out.index("pod/hello-") < out.index("job.batch/hello")


def test_a_failing_job_fails_after_its_backoff_limit(manual: MklRunner, tmp_path: Path) -> None:
    path = mk.write(tmp_path / "job.yaml", mk.job("boom", "sh", "-c", "exit 1", backoffLimit=1))
    assert manual("apply", "-f", path).stdout == "job.batch/boom created\n"
    r = manual("wait", "--for=condition=failed", "job/boom", "--timeout=5m")
    assert r.exit_code == 0, r.stderr
    assert manual("get", "job", "boom").stdout.splitlines()[1].split()[:3] == [
        "boom",
        "Failed",
        "0/1",
    ]
    pods = manual("get", "pods", "-l", "job-name=boom", "--no-headers").stdout.splitlines()
    assert [p.split()[2] for p in pods] == ["Error", "Error"]
    r = manual("wait", "--for=condition=complete", "job/boom", "--timeout=1s")
    assert r.exit_code == 1


def test_delete_job_cascades_or_orphans(manual: MklRunner) -> None:
    for name in ("a", "b"):
        manual("create", "job", name, "--image=busybox", "--", "sleep", "3600")
    manual("clock", "advance", "10s")
    assert manual("delete", "job", "a").stdout == 'job.batch "a" deleted from default namespace\n'
    assert "Terminating" in manual("get", "pods", "-l", "job-name=a").stdout
    manual("clock", "advance", "31s")  # the grace period
    assert manual("get", "pods", "-l", "job-name=a", "-o", "name").stdout == ""
    manual("delete", "job", "b", "--cascade=orphan")
    orphan = manual("get", "pods", "-l", "job-name=b", "-o", "name").stdout
    assert orphan.startswith("pod/b-")


def test_create_job_dry_run_prints_kubectls_skeleton(manual: MklRunner) -> None:
    r = manual("create", "job", "x", "--image=busybox", "--dry-run=client", "-o", "yaml")
    assert r.stdout == (
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  template:\n"
        "    metadata: {}\n    spec:\n      containers:\n      - image: busybox\n        name: x\n"
        "        resources: {}\n      restartPolicy: Never\nstatus: {}\n"
    )


def test_a_cronjob_creates_jobs_on_schedule_and_create_job_from_it(manual: MklRunner) -> None:
    r = manual("create", "cronjob", "tick", "--image=busybox", "--schedule=*/1 * * * *")
    assert r.stdout == "cronjob.batch/tick created\n", r.stderr
    manual("clock", "advance", "2m30s")
    assert manual("get", "cronjobs").stdout == (
        "NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n"
        "tick   */1 * * * *   <none>     False     0        30s             2m30s\n"
    )
    jobs = manual("get", "jobs", "-o", "name").stdout.split()
    assert jobs == ["job.batch/tick-28401121", "job.batch/tick-28401122"]
    r = manual("create", "job", "now", "--from=cronjob/tick")
    assert r.stdout == "job.batch/now created\n", r.stderr
    r = manual("get", "job", "now", "-o", "jsonpath={.metadata.annotations}")
    assert r.stdout == '{"cronjob.kubernetes.io/instantiate":"manual"}'
    r = manual("create", "job", "x", "--from=cronjob/nope")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (NotFound): cronjobs.batch "nope" not found\n',
    )
    assert "Schedule:                      */1 * * * *\n" in manual("describe", "cj", "tick").stdout
