"""PriorityClasses through ``mkl serve`` and the real kubectl 1.37: ``create priorityclass`` (a
protobuf POST), ``get``/``describe`` as mkl prints them, and a pod of that class."""

from __future__ import annotations

from typing import Any

from minikube_lite.server import launch
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl


def _ok(r: Any) -> str:
    assert r.returncode == 0, (r.args, r.stdout, r.stderr)
    return str(r.stdout)


def test_kubectl_creates_gets_and_describes_priority_classes(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    r = kc("create", "priorityclass", "high", "--value=1000", "--description=urgent work")
    assert _ok(r) == "priorityclass.scheduling.k8s.io/high created\n"
    for argv in (
        ["get", "pc", "high", "-o", "yaml"],
        ["describe", "pc", "high"],
        ["describe", "pc", "system-node-critical"],
    ):
        want = _ok(kc(*argv))
        got = manual(*argv, prog="kubectl")
        assert (got.exit_code, got.stdout) == (0, want), argv
    lines = _ok(kc("get", "pc")).splitlines()
    assert lines[0].split() == ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["high", "1000", "false"],
        ["system-cluster-critical", "2000000000", "false"],
        ["system-node-critical", "2000001000", "false"],
    ]
    _ok(kc("run", "p", "--image=nginx", "--overrides", '{"spec":{"priorityClassName":"high"}}'))
    assert _ok(kc("get", "pod", "p", "-o", "jsonpath={.spec.priority}")) == "1000"
    r = kc("run", "q", "--image=nginx", "--overrides", '{"spec":{"priorityClassName":"nope"}}')
    assert r.returncode == 1
    assert r.stderr == (
        'Error from server (Forbidden): pods "q" is forbidden: no PriorityClass with name nope '
        "was found\n"
    )
