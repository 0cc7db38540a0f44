"""``autoscale`` against the real kubectl 1.37 (which needs discovery for the scale subresource:
it runs against ``mkl serve``): the client dry run prints the same object, and kubectl's own
``autoscale``, ``get hpa`` and ``describe hpa`` work on what mkl serves."""

from __future__ import annotations

import pytest

from tests.conftest import MklRunner
from tests.server.conftest import Kubectl


@pytest.mark.parametrize(
    "flags",
    [
        ["--max=5"],
        ["--min=2", "--max=5", "--cpu-percent=80", "-o", "yaml"],
        ["--min=2", "--max=5", "--cpu=80%", "--memory=1Gi", "--name=x", "-o", "json"],
        ["--max=5", "--cpu=500", "--memory=60%", "-o", "yaml"],
        ["--max=5", "--cpu=1.5", "--memory=200", "-o", "json"],
    ],
)
def test_client_dry_run_matches_kubectl(manual: MklRunner, kc: Kubectl, flags: list[str]) -> None:
    manual("create", "deployment", "web", "--image=nginx")
    argv = ["autoscale", "deployment", "web", "--dry-run=client", *flags]
    want = kc(*argv)
    got = manual(*argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_kubectl_autoscale_get_and_describe(manual: MklRunner, kc: Kubectl) -> None:
    manual("create", "deployment", "web", "--image=nginx")
    r = kc("autoscale", "deployment", "web", "--min=2", "--max=4")
    assert (r.returncode, r.stdout, r.stderr) == (
        0,
        "horizontalpodautoscaler.autoscaling/web autoscaled\n",
        "",
    )
    want = kc("get", "hpa", "web", "-o", "yaml")  # before the first sync: a zero status
    assert manual("get", "hpa", "web", "-o", "yaml").stdout == want.stdout
    manual("clock", "advance", "30s")
    for argv in (["get", "hpa", "-o", "yaml"], ["describe", "hpa", "web"]):
        want = kc(*argv)
        got = manual(*argv, prog="kubectl")
        assert got.exit_code == want.returncode, argv
        # kubectl computes ages from its own (wall) clock: compare up to the events
        assert got.stdout.split("Events:")[0] == want.stdout.split("Events:")[0], argv
    assert "cpu: <unknown>/80%   2         4         2" in kc("get", "hpa").stdout
