"""``get|describe|scale|delete rc`` and ``set selector`` (blue/green Services), through the CLI.

kubectl's printReplicationController / describeReplicationController give the texts; the real
kubectl is the oracle for ``set selector --local``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import builders as mk
from tests.conftest import MklRunner, kubectl, needs_kubectl

RC_V1 = mk.replication_controller("v1", 2)
RC_V2 = mk.replication_controller("v2", 2)
SVC = mk.service("http-go", {"app": "http-go", "version": "v1"})


@pytest.fixture
def rcs(manual: MklRunner, tmp_path: Path) -> MklRunner:
    """RCs http-go-v1 and http-go-v2 (2 ready pods each) and Service http-go selecting v1."""
    path = mk.write(tmp_path / "rcs.yaml", RC_V1, RC_V2, SVC)
    r = manual("create", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        "replicationcontroller/http-go-v1 created\nreplicationcontroller/http-go-v2 created\n"
        "service/http-go created\n"
    )
    assert manual("clock", "advance", "30s").exit_code == 0
    return manual


def test_get_rc_columns_and_wide(rcs: MklRunner) -> None:
    r = rcs("get", "rc")
    assert r.stdout == (
        "NAME         DESIRED   CURRENT   READY   AGE\n"
        "http-go-v1   2         2         2       30s\n"
        "http-go-v2   2         2         2       30s\n"
    )
    r = rcs("get", "replicationcontrollers", "http-go-v2", "-o", "wide")
    assert r.stdout == (
        "NAME         DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES               "
        "SELECTOR\n"
        "http-go-v2   2         2         2       30s   http-go      gasbugs/http-go:v2   "
        "app=http-go,version=v2\n"
    )


def test_describe_rc(rcs: MklRunner) -> None:
    out = rcs("describe", "rc", "http-go-v1").stdout
    head, _, events = out.partition("Events:\n")
    assert head == (
        "Name:         http-go-v1\n"
        "Namespace:    default\n"
        "Selector:     app=http-go,version=v1\n"
        "Labels:       app=http-go\n"
        "              version=v1\n"
        "Annotations:  <none>\n"
        "Replicas:     2 current / 2 desired\n"
        "Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"
        "Pod Template:\n"
        "  Labels:  app=http-go\n"
        "           version=v1\n"
        "  Containers:\n"
        "   http-go:\n"
        "    Image:         gasbugs/http-go:v1\n"
        "    Port:          8080/TCP\n"
        "    Host Port:     0/TCP\n"
        "    Environment:   <none>\n"
        "    Mounts:        <none>\n"
        "  Volumes:         <none>\n"
        "  Node-Selectors:  <none>\n"
        "  Tolerations:     <none>\n"
    )
    lines = events.splitlines()
    assert lines[0].split() == ["Type", "Reason", "Age", "From", "Message"]
    assert [ln.split()[:4] for ln in lines[2:]] == [
        ["Normal", "SuccessfulCreate", "30s", "replication-controller"]
    ] * 2


def test_scale_rc_and_get_all_and_api_resources(rcs: MklRunner) -> None:
    r = rcs("scale", "rc", "http-go-v1", "--replicas=3")
    assert (r.exit_code, r.stdout) == (0, "replicationcontroller/http-go-v1 scaled\n")
    assert "replicationcontroller/http-go-v1   3         3" in rcs("get", "all").stdout
    row = [ln for ln in rcs("api-resources").stdout.splitlines() if ln.startswith("replicationc")]
    assert [ln.split() for ln in row] == [
        ["replicationcontrollers", "rc", "v1", "true", "ReplicationController"]
    ]


def test_delete_rc_cascades(rcs: MklRunner) -> None:
    r = rcs("delete", "rc", "http-go-v1")
    assert r.stdout == 'replicationcontroller "http-go-v1" deleted from default namespace\n'
    rcs("clock", "advance", "1m")
    pods = json.loads(rcs("get", "pods", "-o", "json").stdout)["items"]
    assert {p["metadata"]["labels"]["version"] for p in pods} == {"v2"}


def test_expose_rc_selects_its_pods(rcs: MklRunner) -> None:
    r = rcs("expose", "rc", "http-go-v2", "--port=80", "--target-port=8080", "--name=green")
    assert (r.exit_code, r.stdout) == (0, "service/green exposed\n")
    svc = json.loads(rcs("get", "svc", "green", "-o", "json").stdout)
    assert svc["spec"]["selector"] == {"app": "http-go", "version": "v2"}
    r = rcs("exec", "rc/http-go-v1", "--", "curl", "-s", "green")
    assert r.stdout == "Welcome! http-go:v2\n"


def _answers(mkl: MklRunner) -> str:
    r = mkl("exec", "rc/http-go-v2", "--", "curl", "-s", "http-go")
    assert r.exit_code == 0, r.stderr
    return r.stdout


def _endpoint_count(mkl: MklRunner) -> int:
    ep = json.loads(mkl("get", "ep", "http-go", "-o", "json").stdout)
    return sum(len(s.get("addresses") or []) for s in ep.get("subsets") or [])


def test_set_selector_switches_the_service_from_blue_to_green(rcs: MklRunner) -> None:
    assert _answers(rcs) == "Welcome! http-go:v1\n"
    r = rcs("set", "selector", "svc", "http-go", "app=http-go,version=v2")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "service/http-go selector updated\n", "")
    assert _answers(rcs) == "Welcome! http-go:v2\n"
    assert _endpoint_count(rcs) == 2
    svc = json.loads(rcs("get", "svc", "http-go", "-o", "json").stdout)
    assert svc["spec"]["selector"] == {"app": "http-go", "version": "v2"}


def test_set_selector_resource_version_must_match(rcs: MklRunner) -> None:
    rv = json.loads(rcs("get", "svc", "http-go", "-o", "json").stdout)["metadata"][
        "resourceVersion"
    ]
    r = rcs("set", "selector", "svc/http-go", "app=http-go", "--resource-version=1")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        'Error from server (Conflict): Operation cannot be fulfilled on services "http-go": the '
        "object has been modified; please apply your changes to the latest version and try "
        "again\n"
    )
    r = rcs("set", "selector", "svc/http-go", "app=http-go", f"--resource-version={rv}")
    assert (r.exit_code, r.stdout) == (0, "service/http-go selector updated\n")
    assert _endpoint_count(rcs) == 4


def test_set_selector_on_an_rc_and_a_missing_service(rcs: MklRunner) -> None:
    r = rcs("set", "selector", "rc/http-go-v1", "svc/nope", "svc/http-go", "a=b")
    assert (r.exit_code, r.stdout) == (1, "service/http-go selector updated\n")
    assert r.stderr == (
        'Error from server (NotFound): services "nope" not found\n'
        "setting a selector is only supported for Services\n"
    )


SVC_YAML = mk.to_yaml(SVC)


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["app=http-go,version=v2", "-o", "yaml"], id="yaml"),
        pytest.param(["version=v2"], id="name-line"),
        pytest.param(["", "-o", "yaml"], id="empty-drops-the-selector"),
        pytest.param(["a=b", "--resource-version=5", "-o", "yaml"], id="resource-version"),
        pytest.param(["a=b", "--dry-run=client"], id="dry-run"),
        pytest.param(["a in (x,y),b notin (z),c=d"], id="expressions"),
        pytest.param(["version notin (a,b),x!=y"], id="not-equals"),
        pytest.param(["a>1"], id="gt"),
        pytest.param(["!!bad"], id="parse-error"),
        pytest.param([], id="no-selector"),
        pytest.param(["a=b", "--record", "-o", "yaml"], id="record"),
    ],
)
def test_set_selector_local_matches_kubectl(mkl: MklRunner, argv: list[str]) -> None:
    full = ["set", "selector", "--local", "-f", "-", *argv]
    want = kubectl(*full, stdin=SVC_YAML)
    got = mkl(*full, stdin=SVC_YAML, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


@needs_kubectl
def test_set_selector_local_on_an_rc_matches_kubectl(mkl: MklRunner) -> None:
    full = ["set", "selector", "--local", "-f", "-", "a=b"]
    stdin = mk.to_yaml(RC_V1, SVC)
    want = kubectl(*full, stdin=stdin)
    got = mkl(*full, stdin=stdin, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


@needs_kubectl
def test_describe_rc_matches_kubectl_reading_the_same_objects(tmp_path: Path) -> None:
    """kubectl's describer runs client-side: served the RC, its pods and events by the test API
    server, it must print what mkl prints (ages taken within the window kubectl ran in)."""
    import os
    import subprocess
    import time

    from minikube_lite.controllers import loop
    from minikube_lite.ops import describe as ops_describe
    from minikube_lite.printers.describe.describe import describe
    from minikube_lite.printers.describe.writer import DescribeContext
    from minikube_lite.store import apiserver, bootstrap
    from tests.cli import fake_apiserver
    from tests.conftest import KUBECTL

    cluster = bootstrap.new_cluster(mode="manual", seed=1, start=float(int(time.time())) - 60)
    apiserver.create(cluster, "ReplicationController", mk.replication_controller("v1", 2))
    loop.advance_to(cluster, cluster.now + 30)
    rc = cluster.get("ReplicationController", "default", "http-go-v1")
    assert rc is not None
    ctx = ops_describe.context(cluster, "ReplicationController", rc)
    ns = "/api/v1/namespaces/default"
    routes = {
        f"{ns}/replicationcontrollers/http-go-v1": rc,
        f"{ns}/pods": {"kind": "PodList", "apiVersion": "v1", "items": cluster.list("Pod")},
        f"{ns}/events": {"kind": "EventList", "apiVersion": "v1", "items": ctx["events"]},
    }
    with fake_apiserver.serving(tmp_path, routes) as cfg:
        env = {**os.environ, "KUBECONFIG": str(cfg), "HOME": str(tmp_path)}
        before = time.time()
        want = subprocess.run(
            [str(KUBECTL), "describe", "rc", "http-go-v1"], capture_output=True, text=True, env=env
        )
        after = time.time()
    assert (want.returncode, want.stderr) == (0, "")
    texts = {
        describe("ReplicationController", rc, DescribeContext(**ctx), before + i * 0.05)
        for i in range(int((after - before) / 0.05) + 2)
    }
    assert want.stdout in texts


@needs_kubectl
@pytest.mark.parametrize("selector", ["app=http-go,version=v2", "version=v2", ""])
def test_set_selector_on_the_server_matches_kubectl(
    rcs: MklRunner, tmp_path: Path, selector: str
) -> None:
    """kubectl patches the Service the test API server holds; mkl must print the same line and
    leave the same selector."""
    import os
    import subprocess

    from tests.cli import fake_apiserver
    from tests.conftest import KUBECTL

    svc = json.loads(rcs("get", "svc", "http-go", "-o", "json").stdout)
    path = "/api/v1/namespaces/default/services/http-go"
    patches: list[dict[str, object]] = []
    with fake_apiserver.serving(tmp_path, {path: svc}, patches) as cfg:
        env = {**os.environ, "KUBECONFIG": str(cfg), "HOME": str(tmp_path)}
        argv = ["set", "selector", "svc", "http-go", selector]
        want = subprocess.run([str(KUBECTL), *argv], capture_output=True, text=True, env=env)
        served = json.loads(
            subprocess.run(
                [str(KUBECTL), "get", "svc", "http-go", "-o", "json"],
                capture_output=True,
                text=True,
                env=env,
            ).stdout
        )
    got = rcs(*argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
    mine = json.loads(rcs("get", "svc", "http-go", "-o", "json").stdout)
    assert mine["spec"].get("selector") == served["spec"].get("selector")
    assert len(patches) == 1
