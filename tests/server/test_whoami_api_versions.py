"""``auth whoami`` and ``api-versions``: mkl's CLI answers what the real kubectl reads from
``mkl serve`` (its SelfSubjectReview and its discovery), byte for byte."""

from __future__ import annotations

import pytest

from minikube_lite.api import kinds
from minikube_lite.server import discovery
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl

WHOAMI = [
    (),
    ("--as", "jane"),
    ("--as", "jane", "--as-group", "dev", "--as-group", "ops"),
    ("--as", "system:serviceaccount:default:robot"),
    ("--as", "system:anonymous"),  # system:basic-user is bound to system:authenticated only
    ("-o", "json", "--as", "jane", "--as-group", "a"),
    ("-o", "yaml"),
    ("-o", "kyaml"),
    ("-o", "name"),
    ("-o", "jsonpath={.status.userInfo.groups}"),
    ("-o", "go-template={{.status.userInfo.username}}"),
    ("-o", "wide"),
    ("extra", "args"),  # whoami takes no arguments and ignores them
]


@pytest.mark.parametrize("argv", WHOAMI, ids=lambda a: " ".join(a) or "plain")
def test_whoami_is_what_kubectl_prints_from_mkl_serve(
    apiserver: object, kc: Kubectl, manual: MklRunner, argv: tuple[str, ...]
) -> None:
    want = kc("auth", "whoami", *argv)
    got = manual("auth", "whoami", *argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_api_versions_is_what_kubectl_prints_from_mkl_serve(
    apiserver: object, kc: Kubectl, manual: MklRunner
) -> None:
    want = kc("api-versions")
    got = manual("api-versions", prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (0, want.stdout, "")
    r = manual("api-versions", "x", prog="kubectl")
    want = kc("api-versions", "x")
    assert (r.exit_code, r.stdout, r.stderr) == (want.returncode, "", want.stderr)


def test_api_versions_are_the_groups_discovery_serves() -> None:
    served = discovery.groups()
    assert kinds.group_versions() == sorted(f"{g}/{v}" if g else v for g, v in served.items())
