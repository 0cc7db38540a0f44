"""``expose`` (kubectl expose.go generator), minikube's ``service list``/``service NAME`` errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: multi, labels: {app: multi, tier: web}}
spec:
  selector: {matchLabels: {app: multi}}
  template:
    metadata: {labels: {app: multi}}
    spec:
      containers:
      - name: web
        image: gasbugs/http-go:v1
        ports: [{containerPort: 8080}, {containerPort: 9090}]
"""


@pytest.fixture
def http_go(manual: Any) -> Any:
    """Deployment http-go (2 x gasbugs/http-go:v1), ready, without the shared fixture's Service."""
    assert (
        manual(
            "create", "deployment", "http-go", "--image=gasbugs/http-go:v1", "--replicas=2"
        ).exit_code
        == 0
    )
    manual("clock", "advance", "10s")
    return manual


def svc_json(mkl: Any, name: str) -> dict[str, Any]:
    r = mkl("get", "svc", name, "-o", "json")
    assert r.exit_code == 0, r.stderr
    return dict(json.loads(r.stdout))


def test_expose_deployment_like_the_lesson(http_go: Any) -> None:
    r = http_go("expose", "deployment", "http-go", "--port=80", "--target-port=8080")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "service/http-go exposed\n", "")
    svc = svc_json(http_go, "http-go")
    assert svc["metadata"]["labels"] == {"app": "http-go"}
    assert svc["spec"]["selector"] == {"app": "http-go"}
    assert svc["spec"]["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 8080}]
    assert svc["spec"]["type"] == "ClusterIP"
    pod = http_go("get", "pods", "-o", "name").stdout.split()[0]
    assert http_go("exec", pod, "--", "curl", "-s", "http-go").stdout == "Welcome! http-go:v1\n"


def test_expose_nodeport_reachable_on_the_node_ip(http_go: Any) -> None:
    r = http_go(
        "expose",
        "deploy/http-go",
        "--port=80",
        "--target-port=8080",
        "--type=NodePort",
        "--name=np",
    )
    assert r.stdout == "service/np exposed\n"
    node_port = svc_json(http_go, "np")["spec"]["ports"][0]["nodePort"]
    assert 30000 <= node_port <= 32767
    pod = http_go("get", "pods", "-o", "name").stdout.split()[0]
    assert (
        http_go("exec", pod, "--", "curl", "-s", f"192.168.49.2:{node_port}").stdout
        == "Welcome! http-go:v1\n"
    )


def test_expose_ports_by_introspection(manual: Any, tmp_path: Path) -> None:
    f = tmp_path / "multi.yaml"
    f.write_text(DEPLOY)
    manual("create", "-f", str(f))
    assert manual("expose", "deploy", "multi").stdout == "service/multi exposed\n"
    svc = svc_json(manual, "multi")
    assert svc["metadata"]["labels"] == {"app": "multi", "tier": "web"}
    assert svc["spec"]["ports"] == [
        {"name": "port-1", "port": 8080, "protocol": "TCP", "targetPort": 8080},
        {"name": "port-2", "port": 9090, "protocol": "TCP", "targetPort": 9090},
    ]


def test_expose_pod_uses_its_labels(http_go: Any) -> None:
    pod = http_go("get", "pods", "-o", "name").stdout.split()[0]
    assert http_go("expose", pod, "--port=80", "--target-port=8080", "--name=one").exit_code == 0
    assert svc_json(http_go, "one")["spec"]["selector"]["app"] == "http-go"


def test_expose_client_dry_run_prints_the_unsent_object(http_go: Any) -> None:
    r = http_go(
        "expose",
        "deploy/http-go",
        "--port=80",
        "--target-port=8080",
        "--dry-run=client",
        "-o",
        "yaml",
    )
    assert r.stdout == (
        "apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: http-go\n  name: http-go\n"
        "spec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n"
        "  selector:\n    app: http-go\n"
        "status:\n  loadBalancer: {}\n"
    )
    assert http_go("get", "svc", "http-go").exit_code == 1


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ["expose", "deploy", "http-go"],
            "error: couldn't find port via --port flag or introspection\n",
            id="no-port",
        ),
        pytest.param(
            ["expose", "deploy", "nope", "--port=80"],
            'Error from server (NotFound): deployments.apps "nope" not found\n',
            id="missing",
        ),
        pytest.param(
            ["expose", "ns", "default", "--port=80"],
            "error: cannot expose a Namespace\n",
            id="namespace",
        ),
        pytest.param(
            ["expose", "deploy", "http-go", "--port=x"],
            'error: strconv.Atoi: parsing "x": invalid syntax\n',
            id="bad-port",
        ),
    ],
)
def test_expose_errors(http_go: Any, argv: list[str], stderr: str) -> None:
    r = http_go(*argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_expose_twice_already_exists(http_go: Any) -> None:
    http_go("expose", "deploy/http-go", "--port=80")
    r = http_go("expose", "deploy/http-go", "--port=80")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (AlreadyExists): services "http-go" already exists\n',
    )


def test_service_list_and_not_found(http_go: Any) -> None:
    http_go("expose", "deploy/http-go", "--port=80", "--target-port=8080", "--type=NodePort")
    r = http_go("service", "list")
    assert r.stdout == (
        "|-----------|------------|--------------|-----|\n"
        "| NAMESPACE |    NAME    | TARGET PORT  | URL |\n"
        "|-----------|------------|--------------|-----|\n"
        "| default   | http-go    | 80           |     |\n"
        "| default   | kubernetes | No node port |     |\n"
        "|-----------|------------|--------------|-----|\n"
    )
    r = http_go("service", "nope", "--url", "-n", "dev")
    assert r.exit_code == 115
    assert r.stderr == (
        "\nX Exiting due to SVC_NOT_FOUND: Service 'nope' was not found in 'dev' namespace.\n"
        "You may select another namespace by using 'mkl service nope -n <namespace>'. "
        "Or list out all the services using 'mkl service list'\n\n"
    )
