"""``explain`` rendered by the real kubectl from mkl's own data, byte for byte.

tests/cli/fake_apiserver.py serves api/schema.py and api/field_docs.py as the discovery and
OpenAPI v3 documents an API server publishes; kubectl 1.37 renders them with its plaintext
template and mkl must print the same bytes (layout, wrapping, types, enums, -required-,
--recursive, errors)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from minikube_lite.api import kinds
from tests.cli import fake_apiserver
from tests.conftest import KUBECTL, MklRunner, needs_kubectl

CASES = [
    *(k.plural for k in kinds.KINDS.values()),
    "deployment.spec.strategy --recursive",
    "deploy --recursive",
    "pods --recursive",
    "rc.spec --recursive",
    "deploy.spec.replicas",
    "deploy.spec.strategy.type",
    "pods.spec.containers",
    "pods.spec.containers.ports",
    "svc.spec.ports.targetPort",
    "deploy.metadata.labels",
    "quota.spec.hard",
    "pods.status --recursive",
    "pods.status.phase",
    "pods.status.containerStatuses.state",
    "ep.subsets",
    "nodes.status",
    "deploy.spec.foo",
    "deploy.spec.replicas.x",
    "nope",
]


@pytest.fixture(scope="module")
def kubeconfig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fake_apiserver.serving(tmp_path_factory.mktemp("explain")) as config:
        yield config


@needs_kubectl
@pytest.mark.parametrize("case", CASES)
def test_explain_matches_kubectl(mkl: MklRunner, kubeconfig: Path, case: str) -> None:
    argv = ["explain", *case.split()]
    env = {**os.environ, "KUBECONFIG": str(kubeconfig), "HOME": str(kubeconfig.parent)}
    want = subprocess.run([str(KUBECTL), *argv], capture_output=True, text=True, env=env)
    got = mkl(*argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
