"""``cordon``, ``uncordon`` and ``taint``: each step through the real kubectl (against ``mkl
serve``) and through mkl's own CLI on a twin profile must print the same, byte for byte, and
leave the node the same.  (``drain`` is checked in tests/cli/test_drain.py: the server does not
take kubectl's protobuf DeleteOptions yet.)"""

from __future__ import annotations

import json

import pytest

from tests.conftest import MklRunner
from tests.server.conftest import Kubectl
from tests.server.test_kubectl_writes import TWIN, _same

STEPS: list[tuple[str, ...]] = [
    ("cordon", "minikube"),
    ("cordon", "minikube"),
    ("uncordon", "minikube", "--dry-run=client"),
    ("uncordon", "minikube", "--dry-run=server"),
    ("uncordon", "minikube"),
    ("uncordon", "minikube"),
    ("cordon", "-l", "kubernetes.io/hostname=minikube"),
    ("cordon", "-o", "name", "minikube"),
    ("uncordon", "minikube"),
    ("cordon",),
    ("cordon", "minikube", "-l", "a=b"),
    ("cordon", "nope"),
    ("taint", "nodes", "minikube", "dedicated=special:NoSchedule"),
    ("taint", "nodes", "minikube", "dedicated=other:NoSchedule"),
    ("taint", "nodes", "minikube", "dedicated=other:NoSchedule", "--overwrite"),
    ("taint", "nodes", "minikube", "dedicated=x:NoExecute", "b:PreferNoSchedule"),
    ("taint", "node", "minikube", "dedicated:NoSchedule-"),
    ("taint", "nodes", "minikube", "dedicated-", "c=d:NoSchedule"),
    ("taint", "nodes", "minikube", "dedicated-"),
    ("taint", "nodes", "minikube", "a=b:Bad"),
    ("taint", "nodes", "minikube"),
    ("taint", "pods", "x", "a=b:NoSchedule"),
    ("taint", "nodes", "minikube", "a=b:NoSchedule", "a:NoSchedule-", "b=c:NoExecute", "b-"),
    ("taint", "nodes", "minikube", "a=b:NoSchedule", "a=c:NoSchedule"),
    ("taint", "nodes", "minikube", "a=b@:NoSchedule"),
    ("taint", "nodes", "minikube", "a/b/c=b:NoSchedule"),
    ("taint", "nodes", "minikube", "a:b:c"),
    ("taint", "nodes", "minikube", "a=b=c:NoSchedule"),
    ("taint", "nodes", "minikube", "a=b"),
    ("taint", "nodes", "minikube", "a=b:NoSchedule", "nodes"),
    ("taint", "nodes", "a=b:NoSchedule"),
    ("taint", "nodes", "--all", "a=b:NoSchedule", "-l", "x=y"),
    ("taint", "nodes", "--all", "e=f:NoSchedule"),
    ("taint", "node", "-l", "kubernetes.io/hostname=minikube", "g=h:PreferNoSchedule"),
    ("taint", "nodes", "minikube", "z=y:NoSchedule", "--dry-run=client"),
    ("taint", "nodes", "minikube", "z=y:NoSchedule", "--dry-run=server", "-o", "name"),
    ("taint", "nodes", "minikube", "j=k:NoSchedule", "-o", "name"),
    ("taint", "nodes", "minikube", "j-", "-o", "jsonpath={.spec.taints[*].key}"),
    ("taint", "nodes", "minikube", "j=k:NoSchedule", "-o", "jsonpath={.spec.taints}"),
    ("taint", "nodes", "minikube", "j-", "e-", "g-", "b-"),
    ("cordon", "minikube"),
    ("taint", "nodes", "minikube", "node.kubernetes.io/unschedulable-"),
    ("uncordon", "minikube"),
    ("taint", "nodes", "nope", "a=b:NoSchedule"),
]


@pytest.fixture
def twin(manual: MklRunner) -> MklRunner:
    r = manual(*TWIN, "cluster", "start", "--clock", "manual", "--seed", "1")
    assert r.exit_code == 0, r.stderr
    return manual


def _spec(run: MklRunner, *profile: str) -> object:
    return json.loads(run(*profile, "get", "node", "minikube", "-o", "json").stdout)["spec"]


def test_cordon_uncordon_taint_as_kubectl_prints_them(
    apiserver: object, kc: Kubectl, twin: MklRunner
) -> None:
    for step in STEPS:
        _same(kc, twin, *step)
    assert _spec(twin) == _spec(twin, *TWIN)
    assert _spec(twin)["taints"] == [  # type: ignore[index]
        {"effect": "NoSchedule", "key": "c", "value": "d"}
    ]
