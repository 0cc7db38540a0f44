"""Ingresses through ``mkl serve`` and the real kubectl 1.37: ``create ingress`` (a protobuf
POST of rules, TLS and a default backend) stores what mkl's own ``create ingress`` stores, and
``get``/``describe`` read it back."""

from __future__ import annotations

from typing import Any

from minikube_lite.server import launch
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl

RULES = [
    "--rule=foo.com/*=web:80,tls=cert",
    "--rule=foo.com/admin=admin:http",
    "--rule=/any=web:80,tls",
    "--default-backend=web:80",
    "--class=nginx",
    "--annotation=a=b",
]


def _ok(r: Any) -> str:
    assert r.returncode == 0, (r.args, r.stdout, r.stderr)
    return str(r.stdout)


def test_kubectl_creates_gets_and_describes_an_ingress(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    assert _ok(kc("create", "ingress", "web", *RULES)) == "ingress.networking.k8s.io/web created\n"
    r = manual("create", "ingress", "mine", *RULES)
    assert r.exit_code == 0, r.stderr
    theirs = manual("get", "ing", "web", "-o", "jsonpath={.spec}").stdout
    assert theirs == manual("get", "ing", "mine", "-o", "jsonpath={.spec}").stdout
    want = _ok(kc("get", "ing", "web", "-o", "yaml"))
    assert manual("get", "ing", "web", "-o", "yaml", prog="kubectl").stdout == want
    lines = _ok(kc("get", "ingress")).splitlines()
    assert lines[0].split() == ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]
    assert lines[1].split()[:5] == ["mine", "nginx", "foo.com", "80,", "443"]
    described = _ok(kc("describe", "ingress", "web"))
    assert "TLS:\n  cert terminates foo.com\nRules:" in described  # the host-less tls: no entry
    # up to the backends, whose endpoints kubectl reads from EndpointSlices (not served here)
    head = described.split("Default backend:")[0]
    assert manual("describe", "ingress", "web").stdout.startswith(head)
    assert "/any   web:80 (<error: the server could not find the requested resource>)" in described
