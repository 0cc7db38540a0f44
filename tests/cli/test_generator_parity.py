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
import yaml

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

# Another EC key (SEC 1 form), not the certificate's.
OTHER_KEY = """-----BEGIN EC PRIVATE KEY-----
MHcCAQEEICYbLI7sh+uf9Yey3vaRG9g82/GgDdCpOE2kwk9kxTnuoAoGCCqGSM49
AwEHoUQDQgAE7LJmqEKKDAcJkPWZ/FwtsBqgJmGbdTwTAfAG1xRJI07VzEbAe3BK
GgzPlTBG7JNB1Hhgrwt+HzL616i+sPy90g==
-----END EC PRIVATE KEY-----
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
    "create job hello --image=busybox -- echo hi",
    "create job once --image=busybox:1.36 -n nope",
    "create job Bad_Name --image=busybox -- sh -c exit",
    "create cronjob tick --image=busybox --schedule=@hourly -- date",
    "create cronjob tick --image=busybox:1.36 --schedule=@daily --restart=Never -n nope",
    "create cj tick --image=busybox --schedule=*/5",
    "create poddisruptionbudget web --selector=app=web --min-available=1",
    "create pdb web --selector=app=web,tier!=db --max-unavailable=50% -n nope",
    "create pdb web --selector=app --min-available=007",
    "create pdb web --selector=app=web --min-available=4294967297",
    "create pdb web --selector=app=web --max-unavailable=0% --save-config",
    "create priorityclass high --value=1000",
    "create pc high --value=-5 --global-default --description=a<b --preemption-policy=Never",
    "create pc high --preemption-policy=Bad -n nope",
    "create pc high --global-default=false --description=",
    'create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"',
    "create ingress x --default-backend=a:80 -n nope",
    'create ingress x --rule="foo.com/=svc:https,tls" --rule="foo.com/path/subpath*=o:8080" '
    '--rule="/x=a:b,tls" --class=nginx --annotation=a=b=c --annotation=z=',
    'create ing x --rule="a.com/*=s:0,tls=one" --rule="b.com/p=s:99999999999,tls=one" '
    '--rule="a.com/q=t:1,tls=two" --rule="*.c_d/=u:v,tls=two" --default-backend=d:p',
    # --save-config: the object's own JSON in the last-applied annotation (service ignores it)
    "create deployment web --image=nginx --save-config -n nope",
    "create configmap cm --from-literal=html=<b>&amp; --save-config --validate=false",
    "create service clusterip web --tcp=80 --save-config --field-manager=me",
]

ERRORS = [
    "create configmap cm --from-literal=a",
    "create configmap cm --from-file=key=dir",
    "create configmap cm --from-file=x/=a.txt",
    "create configmap cm --from-env-file=bad.env",
    "create configmap cm --from-env-file=app.env --from-literal=a=1",
    "create secret generic s --from-literal=a/=1",
    "create secret tls t --cert=tls.key --key=tls.crt",
    "create secret tls t --cert=tls.crt --key=other.key",
    "create secret tls t --cert=a.txt --key=tls.key",
    "create secret tls t --cert=tls.crt --key=a.txt",
    "create secret docker-registry r",
    "create service externalname web --external-name=Bad_",
    "create service nodeport web --tcp=99999",
    "create quota q --hard=cpu=lots",
    "create job x",
    "create job x --image=busybox --from=cronjob/y",
    "create job x --from=cronjob/y -- date",
    "create cronjob tick",
    "create cronjob tick --schedule=@hourly",
    "create poddisruptionbudget web --min-available=1",
    "create poddisruptionbudget web --selector=app=web",
    "create poddisruptionbudget web --selector=app=web --min-available=1 --max-unavailable=1",
    "create poddisruptionbudget web --selector=app=web --min-available=1x",
    "create poddisruptionbudget web --selector=app=web --max-unavailable=-1",
    "create poddisruptionbudget web --selector=a==b=c --min-available=1",
    "create ingress x",
    'create ingress x --rule="foo.com=svc:80"',
    'create ingress x --rule="foo.com/=svc:80,tls=a,b"',
    'create ingress x --rule="foo.com/=svc:80" --annotation=novalue',
    "create ingress x --default-backend=a:b:c",
    'create ingress x --rule="foo.com/=svc:80,tlsx"',
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
    "set resources -f deploy.yaml,deploy.yaml --limits=cpu=1 --local",
    "set image -f deploy.yaml *=nginx:1.27 --local",
    # not a pod template: one error as itself, several each with a blank line (MultipleErrors)
    "set resources -f svc.yaml --limits=cpu=1 --local",
    "set image -f svc.yaml,svc.yaml *=nginx --local",
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
    "create role r --verb=get --resource=pods --save-config -n nope",
]
RBAC_ERRORS = [
    "create role r --verb=get --resource=foo",
    "create role r --verb=bind --resource=pods",
    "create role r --verb=get --resource=.apps",
    "create clusterrole c --verb=frob --non-resource-url=/x",
    "create clusterrole c --verb=get --non-resource-url=/*x",
    "create clusterrole c --verb=get --aggregation-rule=a=b",
    "create rolebinding b --role=r --serviceaccount=x",
    "create clusterrolebinding b",
]

FILES = [
    "create -f deploy.yaml",
    "create -f svc.yaml -n nope",
    "create -f all.yaml",  # several objects: -o yaml separates them with ---
    "expose -f deploy.yaml --port=80",
    "expose -f deploy.yaml --port=80 --target-port=8080 --type=NodePort --name=web -n nope",
]


def _write_files(d: Path) -> None:
    """The files the generators read, as relative paths from the current directory."""
    (d / "a.txt").write_text("hello\n")
    (d / "dir" / "one").write_text("x=1\n")
    (d / "dir" / "bin").write_bytes(b"\xff\xfe")
    (d / "app.env").write_text("# comment\nA=1\n\n  B=two words\nC\n")
    (d / "bad.env").write_text("export X=1\n")
    (d / "tls.crt").write_text(CERT)
    (d / "tls.key").write_text(KEY)
    (d / "other.key").write_text(OTHER_KEY)
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
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"a": "1"}}
    docs = (deploy, cm, svc)
    (d / "all.yaml").write_text("---\n".join(yaml.safe_dump(x, sort_keys=False) for x in docs))


ENV = {"C": "from the environment"}  # what a bare ``C`` line of app.env reads


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("work")
    (d / "dir").mkdir()
    _write_files(d)
    return d


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cluster for the module: a client dry run and --local never change it."""
    home = tmp_path_factory.mktemp("mkl-home") / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MKL_HOME", str(home))
        r = _start_cluster()
    assert r == 0
    return home


def _start_cluster() -> int:
    import io

    from minikube_lite.cli import app
    from minikube_lite.cli.io import IO

    out = io.StringIO()
    return app.run(["cluster", "start", "--clock", "manual"], IO(stdout=out, stderr=out))


@pytest.fixture
def shared(mkl: MklRunner, home: Path, monkeypatch: pytest.MonkeyPatch) -> MklRunner:
    monkeypatch.setenv("MKL_HOME", str(home))
    return mkl


@pytest.fixture
def workdir(files: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(files)
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    return files


def _argv(line: str, *flags: str) -> list[str]:
    """The line's words with ``flags`` before any ``--``."""
    words = line.split()
    at = words.index("--") if "--" in words else len(words)
    return [*words[:at], *flags, *words[at:]]


def _kubectl_argv(argv: tuple[str, ...], server: str | None) -> list[str]:
    if not server:
        return list(argv)
    extra = [f"--server={server}"] + ([] if argv[0] == "expose" else ["--validate=false"])
    return [*argv, *extra]


Oracle = dict[tuple[tuple[str, ...], bool], Any]


def _planned() -> list[tuple[tuple[str, ...], bool]]:
    """Every kubectl run this module's tests make (argv, through the discovery stub)."""
    plan = [(_argv(g, "--dry-run=client", "-o", o), False) for g in GENERATORS for o in OUTPUTS]
    plan += [(_argv(g, "--dry-run=client", *f), False) for g in LINES for f in (["-o", "name"], [])]
    plan += [(_argv(e, "--dry-run=client", "-o", "yaml"), False) for e in ERRORS]
    plan += [(_argv(x, "--dry-run=client", *f), True) for x, f in FILE_CASES]
    plan += [(_argv(r, "--dry-run=client", "-o", o), True) for r in RBAC for o in OUTPUTS]
    plan += [(_argv(e, "--dry-run=client", "-o", "yaml"), True) for e in RBAC_ERRORS]
    plan += [(_argv(x, *f), False) for x, f in SET_CASES]
    return [(tuple(a), d) for a, d in plan]


@pytest.fixture(scope="module")
def oracle(files: Path, discovery: str) -> Oracle:
    """The real kubectl's answers to every planned run, computed up front, a few at a time
    (each costs about 80 ms of CPU)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(key: tuple[tuple[str, ...], bool]) -> Any:
        argv, stub = key
        return kubectl(*_kubectl_argv(argv, discovery if stub else None), env=ENV, cwd=files)

    plan = list(dict.fromkeys(_planned()))
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(plan, pool.map(one, plan), strict=True))


def _both(mkl: MklRunner, oracle: Oracle, argv: list[str], stub: bool = False) -> tuple[Any, Any]:
    """mkl's result, and kubectl's from the oracle (a case missing from the plan fails)."""
    mine = mkl(*argv)
    theirs = oracle.get((tuple(argv), stub))
    assert theirs is not None, f"not in _planned(): {argv}"
    return mine, theirs


def _same(mine: Any, theirs: Any) -> None:
    assert (mine.stdout, mine.exit_code) == (theirs.stdout, theirs.returncode), theirs.stderr
    assert mine.stderr.replace("mkl", "kubectl") == theirs.stderr


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
        ("configmaps", "ConfigMap", True, "cm"),
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


OUTPUTS = ["yaml", "json"]
LINES = [GENERATORS[0], GENERATORS[12], GENERATORS[19]]
FILE_OUTPUTS = [["-o", "yaml"], ["-o", "json"], ["-o", "name"], []]
SET_OUTPUTS = [["-o", "yaml"], ["-o", "json"], ["-o", "name"], []]


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("line", GENERATORS)
def test_generator_output_is_kubectls(
    shared: MklRunner, workdir: Path, oracle: Oracle, line: str, output: str
) -> None:
    _same(*_both(shared, oracle, _argv(line, "--dry-run=client", "-o", output)))


@pytest.mark.parametrize("flags", [["-o", "name"], []], ids=["name", "line"])
@pytest.mark.parametrize("line", LINES)
def test_generator_lines_are_kubectls(
    shared: MklRunner, workdir: Path, oracle: Oracle, line: str, flags: list[str]
) -> None:
    _same(*_both(shared, oracle, _argv(line, "--dry-run=client", *flags)))


@pytest.mark.parametrize("line", ERRORS)
def test_generator_errors_are_kubectls(
    shared: MklRunner, workdir: Path, oracle: Oracle, line: str
) -> None:
    mine, theirs = _both(shared, oracle, _argv(line, "--dry-run=client", "-o", "yaml"))
    assert mine.exit_code == theirs.returncode == 1
    assert mine.stderr == theirs.stderr


FILE_CASES = [(x, f) for x in FILES for f in FILE_OUTPUTS[:2]]
FILE_CASES += [(x, f) for x in FILES[::2] for f in FILE_OUTPUTS[2:]]


@pytest.mark.parametrize(("line", "flags"), FILE_CASES)
def test_file_dry_runs_are_kubectls(
    shared: MklRunner, workdir: Path, oracle: Oracle, line: str, flags: list[str]
) -> None:
    """Nothing of it exists in the cluster (expose -f does not look the object up)."""
    _same(*_both(shared, oracle, _argv(line, "--dry-run=client", *flags), stub=True))


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("line", RBAC)
def test_rbac_generators_are_kubectls(
    shared: MklRunner, workdir: Path, oracle: Oracle, line: str, output: str
) -> None:
    _same(*_both(shared, oracle, _argv(line, "--dry-run=client", "-o", output), stub=True))


@pytest.mark.parametrize("line", RBAC_ERRORS)
def test_rbac_generator_errors_are_kubectls(
    shared: MklRunner, workdir: Path, oracle: Oracle, line: str
) -> None:
    _same(*_both(shared, oracle, _argv(line, "--dry-run=client", "-o", "yaml"), stub=True))


SET_CASES = [(x, f) for x in SET_LOCAL for f in SET_OUTPUTS[:2]]
SET_CASES += [(x, f) for x in SET_LOCAL[::3] for f in SET_OUTPUTS[2:]]


@pytest.mark.parametrize(("line", "flags"), SET_CASES)
def test_set_local_is_kubectls(
    shared: MklRunner, workdir: Path, oracle: Oracle, line: str, flags: list[str]
) -> None:
    _same(*_both(shared, oracle, _argv(line, *flags)))


def test_the_plan_covers_every_case() -> None:
    """Each test's kubectl run is in the oracle's plan (a missing one fails its test)."""
    assert len(set(_planned())) == len(_planned())
