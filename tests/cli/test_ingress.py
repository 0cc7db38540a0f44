"""Ingresses and IngressClasses in mkl: stored as sent (no ingress controller fills
status.loadBalancer), listed and described as kubectl prints them, validated as the API server
validates them."""

from __future__ import annotations

from tests import builders
from tests.conftest import MklRunner


def test_get_and_describe(manual: MklRunner) -> None:
    assert manual("create", "deployment", "web", "--image=nginx", "--port=80").exit_code == 0
    assert manual("expose", "deploy", "web", "--port=80").exit_code == 0
    manual("clock", "advance", "30s")
    r = manual(
        "create",
        "ingress",
        "web",
        "--rule=foo.com/*=web:80,tls=cert",
        "--rule=bar.com/x=nope:http",
        "--rule=a.com/=web:80",
        "--rule=b.com/=web:80",
        "--class=nginx",
    )
    assert (r.exit_code, r.stdout) == (0, "ingress.networking.k8s.io/web created\n")
    lines = manual("get", "ing").stdout.splitlines()
    assert lines[0].split() == ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]
    assert lines[1].split()[:7] == [
        "web",
        "nginx",
        "foo.com,bar.com,a.com",
        "+",
        "1",
        "more...",
        "80,",
    ]
    ip = manual("get", "pods", "-o", "jsonpath={.items[0].status.podIP}").stdout
    described = manual("describe", "ing", "web").stdout
    assert (
        "Default backend:  <default>\n"
        "TLS:\n"
        "  cert terminates foo.com\n"
        "Rules:\n"
        "  Host        Path  Backends\n"
        "  ----        ----  --------\n"
        "  foo.com     \n"
        f"              /   web:80 ({ip}:80)\n"
        "  bar.com     \n"
        '              /x   nope:http (<error: services "nope" not found>)\n'
    ) in described
    status = manual("get", "ing", "web", "-o", "jsonpath={.status}").stdout
    assert status == '{"loadBalancer":{}}'  # no ingress controller: no address


def test_ingress_class(manual: MklRunner, tmp_path) -> None:
    ic = {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "IngressClass",
        "metadata": {"name": "nginx"},
        "spec": {
            "controller": "k8s.io/ingress-nginx",
            "parameters": {"apiGroup": "k8s.example.com", "kind": "Params", "name": "p"},
        },
    }
    assert manual("create", "-f", builders.write(tmp_path / "ic.yaml", ic)).exit_code == 0
    lines = manual("get", "ingressclass").stdout.splitlines()
    assert lines[0].split() == ["NAME", "CONTROLLER", "PARAMETERS", "AGE"]
    assert lines[1].split()[:3] == ["nginx", "k8s.io/ingress-nginx", "Params.k8s.example.com/p"]
    assert "Controller:   k8s.io/ingress-nginx\nParameters:\n  APIGroup:  k8s.example.com\n" in (
        manual("describe", "ingressclass", "nginx").stdout
    )


def test_validation(manual: MklRunner, tmp_path) -> None:
    ing = {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {"name": "bad"},
        "spec": {
            "rules": [
                {
                    "host": "foo.com",
                    "http": {
                        "paths": [
                            {
                                "path": "rel",
                                "pathType": "Prefix",
                                "backend": {"service": {"name": "web", "port": {}}},
                            },
                            {
                                "path": "/x",
                                "backend": {"service": {"name": "a", "port": {"number": 70000}}},
                            },
                        ]
                    },
                }
            ]
        },
    }
    r = manual("create", "-f", builders.write(tmp_path / "i.yaml", ing))
    assert r.exit_code == 1
    assert r.stderr == (
        'The Ingress "bad" is invalid: \n'
        '* spec.rules[0].http.paths[0].path: Invalid value: "rel": must be an absolute path\n'
        "* spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number "
        "is required\n"
        "* spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified\n"
        "* spec.rules[0].http.paths[1].backend.service.port.number: Invalid value: 70000: must be "
        "between 1 and 65535, inclusive\n"
    )
    empty = {**ing, "spec": {}}
    r = manual("create", "-f", builders.write(tmp_path / "e.yaml", empty))
    assert r.stderr == (
        'The Ingress "bad" is invalid: spec: Invalid value: null: either `defaultBackend` or '
        "`rules` must be specified\n"
    )
