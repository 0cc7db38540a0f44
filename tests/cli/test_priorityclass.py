"""PriorityClasses: the system classes every cluster has, get/describe, validation, and the
Priority admission plugin (a pod's priorityClassName or the globalDefault class gives its
spec.priority and preemptionPolicy; an unknown class or a contradicting value is forbidden)."""

from __future__ import annotations

import json

import pytest

from tests import builders
from tests.conftest import MklRunner, kubectl, needs_kubectl


def _spec(mkl: MklRunner, pod: str) -> dict[str, object]:
    spec: dict[str, object] = json.loads(mkl("get", "pod", pod, "-o", "json").stdout)["spec"]
    return spec


def test_the_system_classes_are_there(manual: MklRunner) -> None:
    lines = manual("get", "priorityclasses").stdout.splitlines()
    assert lines == [
        "NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY",
        "system-cluster-critical   2000000000   false            0s    PreemptLowerPriority",
        "system-node-critical      2000001000   false            0s    PreemptLowerPriority",
    ]
    assert manual("describe", "pc", "system-node-critical").stdout == (
        "Name:              system-node-critical\n"
        "Value:             2000001000\n"
        "GlobalDefault:     false\n"
        "PreemptionPolicy:  PreemptLowerPriority\n"
        "Description:       Used for system critical pods that must not be moved from their "
        "current node.\n"
        "Annotations:       <none>\n"
        "Events:            <none>\n"
    )


def test_a_pod_gets_its_class_value_and_policy(manual: MklRunner, tmp_path) -> None:
    r = manual("create", "priorityclass", "batch", "--value=-10", "--preemption-policy=Never")
    assert (r.exit_code, r.stdout) == (0, "priorityclass.scheduling.k8s.io/batch created\n")
    pod = builders.pod("p")
    pod["spec"]["priorityClassName"] = "batch"
    assert manual("create", "-f", builders.write(tmp_path / "p.yaml", pod)).exit_code == 0
    spec = _spec(manual, "p")
    assert (spec["priority"], spec["preemptionPolicy"]) == (-10, "Never")
    assert manual("run", "plain", "--image=nginx").exit_code == 0
    spec = _spec(manual, "plain")  # no class, no default: 0
    assert (spec.get("priorityClassName"), spec["priority"]) == (None, 0)
    assert "Priority:             -10\nPriority Class Name:  batch\n" in (
        manual("describe", "pod", "p").stdout
    )


def test_the_global_default_class(manual: MklRunner) -> None:
    assert manual("create", "pc", "normal", "--value=100", "--global-default").exit_code == 0
    assert manual("run", "plain", "--image=nginx").exit_code == 0
    spec = _spec(manual, "plain")
    assert (spec["priorityClassName"], spec["priority"]) == ("normal", 100)
    r = manual("create", "pc", "other", "--value=5", "--global-default")
    assert (r.exit_code, r.stderr) == (
        1,
        'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "other" is '
        "forbidden: PriorityClass normal is already marked as default. Only one default can "
        "exist\n",
    )


@pytest.mark.parametrize(
    "fields,stderr",
    [
        (
            {"priorityClassName": "nope"},
            'pods "p" is forbidden: no PriorityClass with name nope was found',
        ),
        (
            {"priorityClassName": "system-node-critical", "priority": 7},
            'pods "p" is forbidden: the integer value of priority (7) must not be provided in pod '
            "spec; priority admission controller computed 2000001000 from the given "
            "PriorityClass name",
        ),
        (
            {"preemptionPolicy": "Never"},
            'pods "p" is forbidden: the string value of PreemptionPolicy (Never) must not be '
            "provided in pod spec; priority admission controller computed PreemptLowerPriority "
            "from the given PriorityClass name",
        ),
    ],
)
def test_admission_refuses(
    manual: MklRunner, tmp_path, fields: dict[str, object], stderr: str
) -> None:
    pod = builders.pod("p")
    pod["spec"].update(fields)
    r = manual("create", "-f", builders.write(tmp_path / "p.yaml", pod))
    assert r.exit_code == 1
    assert (
        r.stderr
        == f'Error from server (Forbidden): error when creating "{tmp_path}/p.yaml": {stderr}\n'
    )
    assert manual("get", "pods").stdout == ""


@pytest.mark.parametrize(
    "argv,stderr",
    [
        (
            ["system-mine", "--value=5"],
            'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "system-mine" '
            "is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix "
            "are reserved for system use only. error: system-mine is not a known system "
            "priority class\n",
        ),
        (
            ["huge", "--value=1000000001"],
            'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "huge" is '
            "invalid: value: Forbidden: maximum allowed value of a user defined priority is "
            "1000000000\n",
        ),
        (
            ["odd", "--preemption-policy=Sometimes"],
            'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "odd" is '
            'invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: '
            '"PreemptLowerPriority", "Never"\n',
        ),
    ],
)
def test_validation(manual: MklRunner, argv: list[str], stderr: str) -> None:
    r = manual("create", "priorityclass", *argv)
    assert (r.exit_code, r.stderr) == (1, stderr)


def test_value_and_policy_are_immutable(manual: MklRunner) -> None:
    assert manual("create", "pc", "batch", "--value=10").exit_code == 0
    r = manual("patch", "pc", "batch", "-p", '{"value":11,"preemptionPolicy":"Never"}')
    assert r.exit_code == 1
    assert r.stderr == (
        'The PriorityClass "batch" is invalid: \n'
        "* value: Forbidden: may not be changed in an update.\n"
        '* preemptionPolicy: Invalid value: "Never": field is immutable\n'
    )


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        ["high", "--value=abc"],
        ["high", "--value=2147483648"],
        ["high", "--value=1", "--global-default=maybe"],
        [],
    ],
)
def test_usage_errors_are_kubectls(manual: MklRunner, argv: list[str]) -> None:
    full = ["create", "priorityclass", *argv, "--dry-run=client"]
    want = kubectl(*full)
    got = manual(*full, prog="kubectl")
    assert (got.exit_code, got.stderr) == (want.returncode, want.stderr)
