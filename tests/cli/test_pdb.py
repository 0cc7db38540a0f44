"""PodDisruptionBudgets in mkl: the disruption controller's status, get/describe, validation,
and ``mkl drain`` evicting as kubectl does (an eviction the budget forbids is retried every 5s
on the simulated clock until --timeout; --disable-eviction deletes regardless)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests import builders
from tests.conftest import MklRunner

VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget."
# the cordon taint: a pod tolerating it is scheduled on the drained node again
TOLERATE_CORDON = [
    {"key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"}
]


def _status(mkl: MklRunner, name: str = "web") -> dict[str, Any]:
    out = mkl("get", "pdb", name, "-o", "json")
    assert out.exit_code == 0, out.stderr
    status: dict[str, Any] = json.loads(out.stdout)["status"]
    return status


def _pods(mkl: MklRunner) -> list[str]:
    return sorted(mkl("get", "pods", "-o", "name").stdout.split())


@pytest.fixture
def web(manual: MklRunner, tmp_path) -> MklRunner:
    """Deployment web, 2 nginx pods, ready."""
    path = builders.write(tmp_path / "d.yaml", builders.deployment("web", replicas=2))
    assert manual("create", "-f", path).exit_code == 0
    assert manual("rollout", "status", "deploy/web").exit_code == 0
    return manual


def test_status_follows_the_pods(web: MklRunner) -> None:
    r = web("create", "pdb", "web", "--selector=app=web", "--min-available=1")
    assert (r.exit_code, r.stdout) == (0, "poddisruptionbudget.policy/web created\n")
    st = _status(web)
    assert {k: st[k] for k in ("currentHealthy", "desiredHealthy", "expectedPods")} == {
        "currentHealthy": 2,
        "desiredHealthy": 1,
        "expectedPods": 2,
    }
    assert (st["disruptionsAllowed"], st["observedGeneration"]) == (1, 1)
    [cond] = st["conditions"]
    assert (cond["type"], cond["status"], cond["reason"], cond["message"]) == (
        "DisruptionAllowed",
        "True",
        "SufficientPods",
        "",
    )
    assert web("scale", "deploy/web", "--replicas=1").exit_code == 0
    web("clock", "advance", "40s")
    st = _status(web)
    assert (st["currentHealthy"], st["disruptionsAllowed"]) == (1, 0)
    assert st["conditions"][0]["reason"] == "InsufficientPods"
    lines = web("get", "pdb").stdout.splitlines()
    assert lines[0] == "NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE"
    assert lines[1].split()[:4] == ["web", "1", "N/A", "0"]
    described = web("describe", "pdb", "web").stdout
    assert "Min available:  1\nSelector:       app=web\nStatus:\n" in described
    assert "    Allowed disruptions:  0\n    Current:              1\n" in described


def test_percentages_count_the_controllers_scale(web: MklRunner) -> None:
    assert web("create", "pdb", "web", "--selector=app=web", "--max-unavailable=50%").exit_code == 0
    st = _status(web)
    assert (st["expectedPods"], st["desiredHealthy"], st["disruptionsAllowed"]) == (2, 1, 1)
    assert web("run", "bare", "--image=nginx", "--labels=app=web").exit_code == 0
    web("clock", "advance", "5s")
    st = _status(web)  # the bare pod is healthy but unmanaged: not expected
    assert (st["currentHealthy"], st["expectedPods"], st["disruptionsAllowed"]) == (3, 2, 2)
    events = web("events", "--for", "pdb/web").stdout  # the PDB's sync after its status update
    assert "UnmanagedPods" in events and "(selector: app=web) were found to be unmanaged" in events


def test_invalid_budgets_are_refused(web: MklRunner, tmp_path) -> None:
    pdb = {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": "bad"},
        "spec": {
            "minAvailable": "150%",
            "maxUnavailable": -1,
            "selector": {"matchLabels": {"app": "web"}},
            "unhealthyPodEvictionPolicy": "Sometimes",
        },
    }
    r = web("create", "-f", builders.write(tmp_path / "p.yaml", pdb))
    assert r.exit_code == 1
    assert r.stderr == (
        'The PodDisruptionBudget "bad" is invalid: \n'
        '* spec: Invalid value: {"minAvailable":"150%","selector":{"matchLabels":{"app":"web"}},'
        '"maxUnavailable":-1,"unhealthyPodEvictionPolicy":"Sometimes"}: minAvailable and '
        "maxUnavailable cannot be both set\n"
        '* spec.minAvailable: Invalid value: "150%": must not be greater than 100%\n'
        "* spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0\n"
        '* spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: '
        '"AlwaysAllow", "IfHealthyBudget"\n'
    )
    assert web("get", "pdb").stdout == ""


def test_drain_retries_what_the_budget_forbids_until_the_timeout(web: MklRunner) -> None:
    assert web("create", "pdb", "web", "--selector=app=web", "--min-available=1").exit_code == 0
    first, second = [p.removeprefix("pod/") for p in _pods(web)]
    r = web("drain", "minikube", "--timeout=12s")
    assert r.exit_code == 1
    retry = f'error when evicting pods/"{second}" -n "default" (will retry after 5s): {VIOLATION}\n'
    timeout = f'error when evicting pods/"{second}" -n "default": global timeout reached: 12s'
    assert r.stdout == (
        "node/minikube cordoned\n"
        f"evicting pod default/{first}\n"
        f"evicting pod default/{second}\n"
        f"pod/{first} evicted\n" + f"evicting pod default/{second}\n" * 3
        # tries at 5s and 10s; the one at 15s finds the 12s timeout passed
    )
    assert r.stderr == (
        retry * 3 + f'There are pending pods in node "minikube" when an error occurred: {timeout}\n'
        f"pod/{second}\n"
        f'error: unable to drain node "minikube" due to error: {timeout}, continuing command...\n'
        "There are pending nodes to be drained:\n minikube\n"
        f"{timeout}\n"
    )
    assert f"pod/{second}" in _pods(web)  # the budget kept it: its replacement is Pending


def test_drain_goes_on_once_the_replacement_is_ready(manual: MklRunner, tmp_path) -> None:
    """Pods tolerating the cordon taint come back on the node: the budget then allows the next
    eviction, which the 5s retry makes."""
    d = builders.deployment("web", replicas=2)
    d["spec"]["template"]["spec"]["tolerations"] = TOLERATE_CORDON
    assert manual("create", "-f", builders.write(tmp_path / "d.yaml", d)).exit_code == 0
    assert manual("rollout", "status", "deploy/web").exit_code == 0
    assert manual("create", "pdb", "web", "--selector=app=web", "--min-available=2").exit_code == 0
    assert manual("scale", "deploy/web", "--replicas=3").exit_code == 0
    assert manual("rollout", "status", "deploy/web").exit_code == 0
    old = _pods(manual)
    r = manual("drain", "minikube", "--timeout=60s")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.endswith("node/minikube drained\n")
    assert sorted(line.split()[0] for line in r.stdout.splitlines() if "evicted" in line) == old
    assert VIOLATION in r.stderr  # the second and third waited for a replacement
    assert not set(old) & set(_pods(manual))


def test_disable_eviction_deletes_regardless_of_the_budget(web: MklRunner) -> None:
    assert web("create", "pdb", "web", "--selector=app=web", "--min-available=2").exit_code == 0
    old = _pods(web)
    r = web("drain", "minikube", "--disable-eviction", "--timeout=60s")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    assert sorted(line.split()[0] for line in r.stdout.splitlines() if "deleted" in line) == old


def test_two_budgets_on_one_pod(web: MklRunner) -> None:
    for name in ("a", "b"):
        assert (
            web("create", "pdb", name, "--selector=app=web", "--max-unavailable=1").exit_code == 0
        )
    r = web("drain", "minikube")
    assert r.exit_code == 1
    assert (
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not "
        "support." in r.stderr
    )


def test_a_percent_over_pods_without_a_scale_fails_safe(manual: MklRunner, tmp_path) -> None:
    """failSafe: a Job has no scale subresource, so a percent budget over its pods allows no
    disruption, with the SyncFailed reason and an event saying why."""
    job = builders.job("sleeper", "sleep", "3600")
    job["spec"]["template"]["metadata"] = {"labels": {"app": "batch"}}
    assert manual("create", "-f", builders.write(tmp_path / "j.yaml", job)).exit_code == 0
    manual("clock", "advance", "10s")
    assert (
        manual("create", "pdb", "b", "--selector=app=batch", "--min-available=50%").exit_code == 0
    )
    st = _status(manual, "b")
    assert st["disruptionsAllowed"] == 0
    [cond] = st["conditions"]
    assert (cond["status"], cond["reason"], cond["message"]) == (
        "False",
        "SyncFailed",
        "jobs.batch does not implement the scale subresource",
    )
    events = manual("events", "--for", "pdb/b").stdout
    assert "Failed to calculate the number of expected pods: jobs.batch does not implement" in (
        events
    )
