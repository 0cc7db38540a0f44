"""PodDisruptionBudgets through ``mkl serve`` and the real kubectl 1.37: ``create pdb`` (a
protobuf POST), ``get``/``describe pdb`` as mkl prints them, and ``kubectl drain`` honouring the
budget through the eviction subresource (429, retried every 5s until --timeout)."""

from __future__ import annotations

from typing import Any

from minikube_lite.server import launch
from tests import builders
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl
from tests.server.test_watch import _call

MANIFEST = builders.to_yaml(builders.http_go(3))
VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget."


def _ok(r: Any) -> str:
    assert r.returncode == 0, (r.args, r.stdout, r.stderr)
    return str(r.stdout)


def test_kubectl_creates_gets_and_describes_a_pdb(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    assert manual("create", "-f", "-", stdin=MANIFEST).exit_code == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    r = kc("create", "pdb", "web", "--selector=app=http-go", "--max-unavailable=34%")
    assert _ok(r) == "poddisruptionbudget.policy/web created\n"
    for argv in (["get", "pdb", "web", "-o", "yaml"], ["describe", "pdb", "web"]):
        want = _ok(kc(*argv))
        got = manual(*argv, prog="kubectl")
        assert (got.exit_code, got.stdout) == (0, want), argv
    got = _ok(kc("get", "pdb")).splitlines()
    assert got[0] == "NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE"
    # maxUnavailable ceil(34% of 3) = 2: desiredHealthy 1, so 2 of the 3 healthy pods may go
    assert got[1].split()[:4] == ["web", "N/A", "34%", "2"]


def test_kubectl_drain_retries_an_eviction_the_budget_forbids(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    assert manual("create", "-f", "-", stdin=MANIFEST).exit_code == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    assert (
        manual("create", "pdb", "web", "--selector=app=http-go", "--min-available=3").exit_code == 0
    )
    pods = sorted(_ok(kc("get", "pods", "-o", "name")).split())
    r = kc("drain", "minikube", "--timeout=1s")
    assert r.returncode == 1
    for pod in pods:
        name = pod.removeprefix("pod/")
        assert (
            f'error when evicting pods/"{name}" -n "default" (will retry after 5s): {VIOLATION}'
            in r.stderr
        )
        assert f'error when evicting pods/"{name}" -n "default": global timeout reached: 1s' in (
            r.stderr
        )
    assert sorted(_ok(kc("get", "pods", "-o", "name")).split()) == pods  # none went


def test_eviction_answers_429_with_the_budget_cause(
    apiserver: launch.Launched, manual: MklRunner
) -> None:
    assert manual("create", "-f", "-", stdin=MANIFEST).exit_code == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    assert (
        manual("create", "pdb", "web", "--selector=app=http-go", "--min-available=3").exit_code == 0
    )
    pod = manual("get", "pods", "-o", "name").stdout.split()[0].removeprefix("pod/")
    url = f"/api/v1/namespaces/default/pods/{pod}/eviction"
    code, doc = _call(apiserver, "POST", url, {"apiVersion": "policy/v1", "kind": "Eviction"})
    assert (code, doc["reason"], doc["message"]) == (429, "TooManyRequests", VIOLATION)
    assert doc["details"]["causes"] == [
        {
            "reason": "DisruptionBudget",
            "message": "The disruption budget web needs 3 healthy pods and has 3 currently",
        }
    ]
