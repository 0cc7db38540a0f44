"""Parity with the real kubectl 1.37: ``--dry-run=client`` prints what kubectl prints, bytewise.

Every generator with a few flag sets, in each output form (``-o yaml|json|name`` and the plain
``... created (dry run)`` line), and its errors; ``create -f`` and ``expose -f`` too.  A client dry
run is client-side: the namespace of ``-n`` need not exist, names are not validated, and the object
is printed as built (``-o json`` in the Go struct's field order).  kubectl's ``create -f`` and
``expose -f`` need API discovery even for a client dry run, so they talk to a stub that serves
only the discovery documents (nothing is ever sent to it).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MklRunner, kubectl, needs_kubectl

pytestmark = needs_kubectl

# A throw-away EC P-256 key pair (self-signed, CN=x), for `create secret tls`.
CERT = """-----BEGIN CERTIFICATE-----
MIIBbjCCARWgAwIBAgIUXV8buX6/HPo0yNsWHS5HiBLy1wgwCgYIKoZIzj0EAwIw
DDEKMAgGA1UEAwwBeDAgFw0yNjEyMDcxMzQ3MTBaGA8yMTI2MTExMzEzNDcxMFow
DDEKMAgGA1UEAwwBeDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABLAkj/ByOsss
hD+LFjufac5a03tDWWjUCIVnxRz0FBs2x4tFrBZzyLeR08EKV7qvMVJrTltV2M4P
Z+ROK/3DgvujUzBRMB0GA1UdDgQWBBR7/pprQNPbAHY3kXaH+C9cFgAzkDAfBgNV
HSMEGDAWgBR7/pprQNPbAHY3kXaH+C9cFgAzkDAPBgNVHRMBAf8EBTADAQH/MAoG
CCqGSM49BAMCA0cAMEQCID7yEHcycM1BWNQeFcHdr/DtpcXZ3T4QtotPOjZgBRzf
AiAue7iwv9VFOffzJhHnH+vSs5TrPMMu/rH+Mby57M6A2w==
-----END CERTIFICATE-----
"""
KEY = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg9POJcqrf1t+gcwnm
SWAZClI9O+lL4/VlNsUSIF/Ddx+hRANCAASwJI/wcjrLLIQ/ixY7n2nOWtN7Q1lo
1AiFZ8Uc9BQbNseLRawWc8i3kdPBCle6rzFSa05bVdjOD2fkTiv9w4L7
-----END PRIVATE KEY-----
"""

GENERATORS = [
    "create deployment web --image=nginx",
    "create deployment web --image=nginx,busybox --replicas=3 --port=80 -n nope",
    "create deployment Web_1 --image=gasbugs/http-go:v1 -- sleep 3600",
    "create namespace dev",
    "create service clusterip web --tcp=80",
    "create service clusterip web --tcp=80:8080,443:https -n nope",
    "create service clusterip web --clusterip=None",
    "create service nodeport web --tcp=80:8080 --node-port=30080",
    "create service loadbalancer web --tcp=5678:8080",
    "create service externalname web --external-name=bar.com",
    "create configmap cm --from-literal=a=1 --from-literal=b=x=y",
    "create configmap cm --from-file=a.txt --from-file=key=a.txt --from-file=dir -n nope",
    "create configmap cm --from-env-file=app.env --append-hash",
    "create configmap cm",
    "create secret generic s --from-literal=user=admin --from-file=dir",
    "create secret generic s --from-literal=a=1 --type=example.com/x --append-hash",
    "create secret tls t --cert=tls.crt --key=tls.key",
    "create secret docker-registry r --docker-username=u --docker-password=p<&",
    "create secret docker-registry r --docker-username=u --docker-password=p "
    "--docker-server=reg.example --docker-email=u@example.com --append-hash",
    "create serviceaccount bot -n nope",
    "create quota q --hard=cpu=1000m,memory=1024Mi,pods=1.5 --scopes=BestEffort",
    "create quota q",
]

ERRORS = [
    "create configmap cm --from-literal=a",
    "create configmap cm --from-literal=a=1 --from-literal=a=2",
    "create configmap cm --from-file=key=dir",
    "create configmap cm --from-file=nope",
    "create configmap cm --from-file=x/=a.txt",
    "create configmap cm --from-env-file=bad.env",
    "create configmap cm --from-env-file=app.env --from-literal=a=1",
    "create secret generic s --from-literal=a/=1",
    "create secret tls t --cert=tls.key --key=tls.crt",
    "create secret tls t --cert=tls.crt",
    "create secret docker-registry r",
    "create service externalname web --external-name=Bad_",
    "create service nodeport web --tcp=99999",
    "create service loadbalancer web",
    "create quota q --hard=cpu",
    "create quota q --hard=cpu=lots",
]

# set resources|serviceaccount --local: the file's object edited offline
SET_LOCAL = [
    "set resources -f deploy.yaml --limits=cpu=200m,memory=512Mi --requests=cpu=0.1 --local",
    "set resources -f deploy.yaml -c=http* --requests=memory=1024Mi --local",
    "set resources -f deploy.yaml -c=nope --limits=cpu=1 --local",
    "set resources -f deploy.yaml --limits=cpu --local",
    "set resources -f deploy.yaml --local",
    "set serviceaccount -f deploy.yaml bot --local",
    "set sa -f deploy.yaml --local --dry-run=client",
]

# kubectl resolves --resource with API discovery: these go through the discovery stub
RBAC = [
    "create role r --verb=get,list,get --verb=watch --resource=pods,deploy,rs.apps,pods/status "
    "--resource-name=a --resource-name=a --resource-name=b",
    "create role r --verb=bind --resource=roles -n nope",
    "create role r --verb=get,* --resource=*",
    "create clusterrole c --verb=get --resource=Pods --non-resource-url=/x,/x",
    "create clusterrole c --verb=get --non-resource-url=/logs/*",
    "create clusterrole c --aggregation-rule=a=b,c=d",
    "create rolebinding b --role=r --user=u --group=g --serviceaccount=dev:bot",
    "create rolebinding b --clusterrole=view -n nope",
    "create clusterrolebinding b --clusterrole=view --user=u,v",
]
RBAC_ERRORS = [
    "create role r --verb=get --resource=foo",
    "create role r --verb=get --resource=pods.foo",
    "create role r --verb=bind --resource=pods",
    "create role r --verb=frob --resource=pods",
    "create role r --verb=get",
    "create role r --verb=get --resource=.apps",
    "create clusterrole c --verb=frob --non-resource-url=/x",
    "create clusterrole c --verb=get --non-resource-url=x",
    "create clusterrole c --verb=get --non-resource-url=/*x",
    "create clusterrole c --verb=get",
    "create clusterrole c --verb=get --aggregation-rule=a=b",
    "create rolebinding b",
    "create rolebinding b --role=r --serviceaccount=x",
    "create clusterrolebinding b",
]

FILES = [
    "create -f deploy.yaml",
    "create -f svc.yaml -n nope",
    "expose -f deploy.yaml --port=80",
    "expose -f deploy.yaml --port=80 --target-port=8080 --type=NodePort --name=web -n nope",
]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The files the generators read, as relative paths from the current directory."""
    d = tmp_path / "work"
    (d / "dir").mkdir(parents=True)
    (d / "a.txt").write_text("hello\n")
    (d / "dir" / "one").write_text("x=1\n")
    (d / "dir" / "bin").write_bytes(b"\xff\xfe")
    (d / "app.env").write_text("# comment\nA=1\n\n  B=two words\nC\n")
    (d / "bad.env").write_text("export X=1\n")
    (d / "tls.crt").write_text(CERT)
    (d / "tls.key").write_text(KEY)
    deploy = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "http-go", "labels": {"app": "http-go"}},
        "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "http-go"}},
            "template": {
                "metadata": {"labels": {"app": "http-go"}},
                "spec": {
                    "containers": [
                        {
                            "name": "http-go",
                            "image": "gasbugs/http-go:v1",
                            "ports": [{"containerPort": 8080}],
                        }
                    ]
                },
            },
        },
    }
    (d / "deploy.yaml").write_text(json.dumps(deploy))
    svc = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "http-go"},
        "spec": {"type": "NodePort", "selector": {"app": "http-go"}, "ports": [{"port": 80}]},
    }
    (d / "svc.yaml").write_text(json.dumps(svc))
    monkeypatch.chdir(d)
    monkeypatch.setenv("C", "from the environment")
    return d


def _argv(line: str, *flags: str) -> list[str]:
    """The line's words with ``flags`` before any ``--``."""
    words = line.split()
    at = words.index("--") if "--" in words else len(words)
    return [*words[:at], *flags, *words[at:]]


def _both(mkl: MklRunner, argv: list[str], server: str | None = None) -> tuple[Any, Any]:
    mine = mkl(*argv)
    extra = [f"--server={server}", "--validate=false"] if server else []
    if server and argv[0] == "expose":
        extra.remove("--validate=false")
    theirs = kubectl(*argv, *extra)
    return mine, theirs


def _same(mine: Any, theirs: Any) -> None:
    assert (mine.stdout, mine.exit_code) == (theirs.stdout, theirs.returncode), theirs.stderr
    assert mine.stderr.replace("mkl", "kubectl") == theirs.stderr


@pytest.mark.parametrize("output", ["yaml", "json"])
@pytest.mark.parametrize("line", GENERATORS)
def test_generator_output_is_kubectls(
    manual: MklRunner, workdir: Path, line: str, output: str
) -> None:
    _same(*_both(manual, _argv(line, "--dry-run=client", "-o", output)))


@pytest.mark.parametrize("output", [None, "name"])
@pytest.mark.parametrize(
    "line", [GENERATORS[0], GENERATORS[10], GENERATORS[12], GENERATORS[19], GENERATORS[9]]
)
def test_generator_lines_are_kubectls(
    manual: MklRunner, workdir: Path, line: str, output: str | None
) -> None:
    _same(*_both(manual, _argv(line, "--dry-run=client", *(["-o", output] if output else []))))


@pytest.mark.parametrize("line", ERRORS)
def test_generator_errors_are_kubectls(manual: MklRunner, workdir: Path, line: str) -> None:
    mine, theirs = _both(manual, _argv(line, "--dry-run=client", "-o", "yaml"))
    assert mine.exit_code == theirs.returncode == 1
    assert mine.stderr == theirs.stderr


class _Discovery(BaseHTTPRequestHandler):
    """Only API discovery (legacy documents): what kubectl's RESTMapper reads."""

    DOCS: dict[str, Any] = {}

    def do_GET(self) -> None:
        body = self.DOCS.get(self.path.split("?")[0])
        data = json.dumps(body if body is not None else {"kind": "Status", "code": 404}).encode()
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def _resources(gv: str, *kinds: tuple[str, str, bool, str]) -> dict[str, Any]:
    res = [
        {
            "name": n,
            "kind": k,
            "namespaced": ns,
            "verbs": ["create"],
            "shortNames": [s] if s else [],
        }
        for n, k, ns, s in kinds
    ]
    return {"kind": "APIResourceList", "groupVersion": gv, "resources": res}


def _group(name: str) -> dict[str, Any]:
    version = {"groupVersion": f"{name}/v1", "version": "v1"}
    return {"name": name, "versions": [version], "preferredVersion": version}


_Discovery.DOCS = {
    "/api": {"kind": "APIVersions", "versions": ["v1"]},
    "/apis": {
        "kind": "APIGroupList",
        "groups": [_group("apps"), _group("rbac.authorization.k8s.io")],
    },
    "/api/v1": _resources(
        "v1",
        ("pods", "Pod", True, "po"),
        ("services", "Service", True, "svc"),
        ("namespaces", "Namespace", False, "ns"),
    ),
    "/apis/apps/v1": _resources(
        "apps/v1",
        ("deployments", "Deployment", True, "deploy"),
        ("replicasets", "ReplicaSet", True, "rs"),
    ),
    "/apis/rbac.authorization.k8s.io/v1": _resources(
        "rbac.authorization.k8s.io/v1",
        ("roles", "Role", True, ""),
        ("clusterroles", "ClusterRole", False, ""),
    ),
}


@pytest.fixture(scope="module")
def discovery() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Discovery)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("output", ["yaml", "json", "name", None])
@pytest.mark.parametrize("line", FILES)
def test_file_dry_runs_are_kubectls(
    manual: MklRunner, workdir: Path, discovery: str, line: str, output: str | None
) -> None:
    """Nothing of it exists in the cluster (expose -f does not look the object up)."""
    argv = _argv(line, "--dry-run=client", *(["-o", output] if output else []))
    _same(*_both(manual, argv, discovery))


@pytest.mark.parametrize("output", ["yaml", "json"])
@pytest.mark.parametrize("line", RBAC)
def test_rbac_generators_are_kubectls(
    manual: MklRunner, workdir: Path, discovery: str, line: str, output: str
) -> None:
    _same(*_both(manual, _argv(line, "--dry-run=client", "-o", output), discovery))


@pytest.mark.parametrize("line", RBAC_ERRORS)
def test_rbac_generator_errors_are_kubectls(
    manual: MklRunner, workdir: Path, discovery: str, line: str
) -> None:
    _same(*_both(manual, _argv(line, "--dry-run=client", "-o", "yaml"), discovery))


@pytest.mark.parametrize("output", ["yaml", "name", None])
@pytest.mark.parametrize("line", SET_LOCAL)
def test_set_local_is_kubectls(
    manual: MklRunner, workdir: Path, line: str, output: str | None
) -> None:
    _same(*_both(manual, _argv(line, *(["-o", output] if output else []))))
