"""``wait`` (kubectl/pkg/cmd/wait): conditions, JSONPath, delete, create, timeouts, clocks.

A manual clock is fast-forwarded and never slept on; a real clock is slept on with the lock
released (another command runs during the sleep).  The real kubectl is the oracle for every
error it computes before contacting a server (the ``--for`` and ``--timeout`` parsing).
"""

from __future__ import annotations

import subprocess

import pytest

from minikube_lite import clock
from tests import builders
from tests.conftest import BIN, kubectl, needs_kubectl


def _now(mkl) -> float:
    t = clock.parse_time(mkl("clock").stdout.splitlines()[0])
    assert t is not None
    return t


@pytest.fixture
def web(manual, monkeypatch):
    """A new two-replica Deployment on a manual clock (not yet available); sleeping fails."""

    def sleep(seconds: float) -> None:
        raise AssertionError("a manual clock jumps, it never sleeps")

    monkeypatch.setattr(clock, "sleep", sleep)
    assert manual("create", "deployment", "web", "--image=nginx", "--replicas=2").exit_code == 0
    return manual


def test_wait_condition_fast_forwards_a_manual_clock(web) -> None:
    before = _now(web)
    r = web("wait", "--for=condition=Available", "deploy/web")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web condition met\n", "")
    assert _now(web) > before
    assert web("get", "deploy", "web", "-o", "jsonpath={.status.availableReplicas}").stdout == "2"


def test_wait_condition_value_is_case_folded(web) -> None:
    assert web("wait", "--for=condition=available=TRUE", "deploy/web").exit_code == 0
    r = web("wait", "--for=condition=Available=false", "deploy/web", "--timeout=20s")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == "error: timed out waiting for the condition on deployments/web\n"


def test_wait_pods_by_selector(web) -> None:
    r = web("wait", "--for=condition=Ready", "pod", "-l", "app=web")
    pods = web("get", "pods", "-o", "name").stdout.split()
    assert (r.exit_code, r.stdout) == (0, "".join(f"{p} condition met\n" for p in pods))
    assert len(pods) == 2


def test_wait_timeout_is_simulated_on_a_manual_clock(web) -> None:
    before = _now(web)
    r = web("wait", "--for=jsonpath={.status.readyReplicas}=3", "deploy/web", "--timeout=10s")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == "error: timed out waiting for the condition on deployments/web\n"
    assert _now(web) - before == 10


def test_wait_timeout_zero_checks_once(web) -> None:
    before = _now(web)
    r = web("wait", "--for=condition=Available", "deploy/web", "--timeout=0")
    assert (r.exit_code, r.stderr) == (1, "error: condition not met for deployments/web\n")
    assert _now(web) == before


def test_wait_jsonpath_value_existence_and_output(web) -> None:
    r = web("wait", "--for=jsonpath={.status.readyReplicas}=2", "deploy/web")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web condition met\n")
    r = web("wait", "--for=jsonpath=.status.conditions[0].type", "deploy/web", "-o", "name")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web\n")
    r = web("wait", "--for=jsonpath={.status.conditions}=x", "deploy/web")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: jsonpath leads to a nested object or list which is not supported\n",
    )


def test_wait_missing_objects(web) -> None:
    r = web("wait", "--for=condition=Available", "deploy/nope")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (NotFound): deployments.apps "nope" not found\n',
    )
    r = web("wait", "--for=condition=Available", "deploy", "-l", "app=none")
    assert (r.exit_code, r.stderr) == (1, "error: no matching resources found\n")


def test_wait_for_delete(web, tmp_path) -> None:
    path = builders.write(tmp_path / "p.yaml", builders.pod("p"))
    assert web("create", "-f", path).exit_code == 0
    assert web("wait", "--for=condition=Ready", "pod/p").exit_code == 0
    assert web("delete", "pod", "p", "--wait=false").exit_code == 0
    assert web("get", "pod", "p").exit_code == 0  # terminating: its grace period runs on the clock
    r = web("wait", "--for=delete", "pod/p", "--timeout=60s")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "pod/p condition met\n", "")
    r = web("wait", "--for=delete", "pod/p")  # already gone: nothing to wait for
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    r = web("wait", "--for=delete", "deploy/web", "--timeout=0")
    assert (r.exit_code, r.stderr) == (1, "error: condition not met for deployments/web\n")


def test_wait_for_create_is_waited_first(web) -> None:
    r = web("wait", "--for=condition=Available", "--for=create", "deploy/web")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "deployment.apps/web condition met\n" * 2
    r = web("wait", "--for=create", "deploy/later", "--timeout=5s")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "",
        "error: timed out waiting for the condition\n",
    )


def test_wait_all_namespaces(web) -> None:
    assert web("create", "namespace", "dev").exit_code == 0
    assert web("create", "deployment", "api", "--image=nginx", "-n", "dev").exit_code == 0
    r = web("wait", "--for=condition=Available", "deploy", "--all", "-A")
    assert r.exit_code == 0, r.stderr
    assert sorted(r.stdout.splitlines()) == [
        "deployment.apps/api condition met",
        "deployment.apps/web condition met",
    ]


def test_wait_real_clock_sleeps_without_the_lock(mkl, monkeypatch) -> None:
    """On a real clock wait sleeps between looks, and another command can change the state."""
    assert mkl("cluster", "start", "--clock", "real", "--seed", "3").exit_code == 0
    assert mkl("create", "deployment", "web", "--image=nginx").exit_code == 0
    fake = {"mono": 1000.0, "sleeps": 0}

    def sleep(seconds: float) -> None:
        fake["sleeps"] += 1
        assert fake["sleeps"] < 200, "wait did not end"
        if fake["sleeps"] == 1:  # the lock must be free while wait sleeps
            done = subprocess.run(
                [str(BIN / "mkl"), "scale", "deploy/web", "--replicas=4"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            assert done.returncode == 0, done.stderr
        fake["mono"] += seconds + 0.001

    monkeypatch.setattr(clock, "monotonic", lambda: fake["mono"])
    monkeypatch.setattr(clock, "sleep", sleep)
    r = mkl("wait", "--for=jsonpath={.spec.replicas}=4", "deploy/web", "--timeout=1h")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web condition met\n", "")
    assert fake["sleeps"] >= 1
    start = fake["mono"]
    r = mkl("wait", "--for=jsonpath={.spec.replicas}=9", "deploy/web", "--timeout=3s")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: timed out waiting for the condition on deployments/web\n",
    )
    assert start + 3 <= fake["mono"] < start + 4  # wall (monotonic) seconds, not more


PARSE_CASES = [
    pytest.param(["--for=bogus"], id="unrecognized"),
    pytest.param([], id="no-for"),
    pytest.param(["--for=jsonpath={.status.replicas}="], id="jsonpath-empty-value"),
    pytest.param(["--for=jsonpath={.a}=1=2"], id="jsonpath-too-many-parts"),
    pytest.param(["--for=jsonpath={.a"], id="jsonpath-not-relaxable"),
    pytest.param(["--for=jsonpath="], id="jsonpath-empty"),
    pytest.param(["--for=condition=Ready", "--timeout=x"], id="bad-timeout"),
    pytest.param(["--for=condition=Ready", "--for=bad"], id="second-for-bad"),
]


@needs_kubectl
@pytest.mark.parametrize("argv", PARSE_CASES)
def test_wait_parse_errors_match_kubectl(mkl, argv: list[str]) -> None:
    want = kubectl("wait", *argv, "deploy/web")
    got = mkl("wait", *argv, "deploy/web")
    assert (got.exit_code, got.stdout) == (want.returncode, want.stdout)
    assert got.stderr == want.stderr.replace("kubectl wait", "mkl wait")


def test_wait_a_week_of_probe_ticks_is_not_stepped_one_by_one(web, tmp_path, monkeypatch) -> None:
    """--timeout=-1 (a week): once nothing changes for an hour, the clock jumps to the end."""
    from minikube_lite.controllers import loop

    probe = {"httpGet": {"path": "/", "port": 80}, "periodSeconds": 10}
    pod = builders.pod("pr")
    pod["spec"]["containers"][0]["readinessProbe"] = probe
    assert web("create", "-f", builders.write(tmp_path / "p.yaml", pod)).exit_code == 0
    steps = {"n": 0}
    real_step = loop.step

    def counting(cluster, limit):  # type: ignore[no-untyped-def]
        steps["n"] += 1
        return real_step(cluster, limit)

    monkeypatch.setattr(loop, "step", counting)
    before = _now(web)
    r = web("wait", "--for=jsonpath={.status.phase}=Failed", "pod/pr", "--timeout=-1s")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: timed out waiting for the condition on pods/pr\n",
    )
    assert _now(web) - before == 168 * 3600
    assert steps["n"] < 1000  # an hour of 10 s ticks, not a week of them


def test_wait_objects_from_a_file(web, tmp_path) -> None:
    path = builders.write(tmp_path / "d.yaml", builders.deployment("web", 2))
    r = web("wait", "--for=condition=Available", "-f", path)
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web condition met\n")
