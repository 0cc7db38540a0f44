"""mkl serve's foundation: TLS with a token, discovery, /version, GET of objects and lists."""

from __future__ import annotations

import contextlib
import json
import ssl
import urllib.error
import urllib.request

from minikube_lite.server import discovery, launch, paths, tlscert
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl


def _get(
    up: launch.Launched, path: str, token: str | None, accept: str = "application/json"
) -> tuple[int, dict]:
    ctx = ssl.create_default_context(cadata=_ca(up))
    req = urllib.request.Request(up.url + path, headers={"Accept": accept})
    if token is not None:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, context=ctx, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def _ca(up: launch.Launched) -> str:
    import base64

    data = up.kubeconfig["clusters"][0]["cluster"]["certificate-authority-data"]
    return base64.b64decode(data).decode()


def test_paths_parse_like_the_request_info_factory() -> None:
    t = paths.parse("/apis/apps/v1/namespaces/dev/deployments/web/scale")
    assert (t.group, t.version, t.namespace, t.resource, t.name, t.subresource) == (
        "apps",
        "v1",
        "dev",
        "deployments",
        "web",
        "scale",
    )
    assert t.kind is not None and t.kind.kind == "Deployment"
    ns = paths.parse("/api/v1/namespaces/dev")
    assert (ns.resource, ns.name, ns.namespace) == ("namespaces", "dev", None)
    assert paths.parse("/api/v1/pods").namespace is None
    assert paths.parse("/apis/apps/v1") is None
    assert paths.parse("/apis/apps/v1/nothings").kind is None


def test_aggregated_discovery_lists_subresources_and_categories() -> None:
    doc = discovery.aggregated(legacy=False)
    apps = next(g for g in doc["items"] if g["metadata"]["name"] == "apps")
    deploy = next(r for r in apps["versions"][0]["resources"] if r["resource"] == "deployments")
    assert deploy["shortNames"] == ["deploy"] and deploy["categories"] == ["all"]
    scale = next(s for s in deploy["subresources"] if s["subresource"] == "scale")
    assert scale["responseKind"] == {"group": "autoscaling", "version": "v1", "kind": "Scale"}
    core = discovery.aggregated(legacy=True)["items"]
    assert [g["metadata"]["name"] for g in core] == [""]
    pods = next(r for r in core[0]["versions"][0]["resources"] if r["resource"] == "pods")
    assert {"exec", "attach", "portforward", "log", "status"} <= {
        s["subresource"] for s in pods["subresources"]
    }
    legacy = discovery.resource_list("apps", "v1")
    assert any(
        r["name"] == "deployments/scale" and r["group"] == "autoscaling"
        for r in legacy["resources"]
    )
    assert discovery.resource_list("apps", "v2") is None


def test_the_certificate_chain_verifies_for_loopback() -> None:
    ca, cert, key = tlscert.make(["127.0.0.1", "localhost"])
    ctx = ssl.create_default_context(cadata=ca.decode())
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "c").write_bytes(cert)
        (Path(d) / "k").write_bytes(key)
        server.load_cert_chain(Path(d) / "c", Path(d) / "k")
    inc, outc = ssl.MemoryBIO(), ssl.MemoryBIO()
    sinc, soutc = ssl.MemoryBIO(), ssl.MemoryBIO()
    client = ctx.wrap_bio(inc, outc, server_hostname="127.0.0.1")
    srv = server.wrap_bio(sinc, soutc, server_side=True)
    for _ in range(10):
        for side in (client, srv):
            with contextlib.suppress(ssl.SSLWantReadError):
                side.do_handshake()
        sinc.write(outc.read())
        inc.write(soutc.read())
    assert client.version() is not None  # the handshake completed and the name verified


def test_requests_need_the_token(apiserver: launch.Launched) -> None:
    code, doc = _get(apiserver, "/api/v1/pods", None)
    assert code == 401 and doc["reason"] == "Unauthorized"
    code, _ = _get(apiserver, "/api/v1/pods", "wrong")
    assert code == 401
    code, doc = _get(apiserver, "/api/v1/namespaces/default/pods", apiserver.api.token)
    assert code == 200 and doc["kind"] == "PodList"
    code, doc = _get(
        apiserver, "/apis/apps/v1/namespaces/default/deployments/nope", apiserver.api.token
    )
    assert code == 404 and doc["message"] == 'deployments.apps "nope" not found'


def test_kubeconfig_is_private_and_names_the_profile(apiserver: launch.Launched) -> None:
    assert apiserver.kubeconfig_path.stat().st_mode & 0o777 == 0o600
    assert apiserver.kubeconfig["current-context"] == "minikube"
    assert apiserver.url.startswith("https://127.0.0.1:")


def test_the_real_kubectl_reads_the_cluster(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    assert manual("create", "deployment", "web", "--image=nginx", "--replicas=2").exit_code == 0
    r = kc("version")
    assert "Server Version: v1.34.0" in r.stdout, r.stderr
    r = kc("api-resources")
    assert r.returncode == 0, r.stderr
    assert any(line.split()[:2] == ["deployments", "deploy"] for line in r.stdout.splitlines())
    r = kc("get", "deploy", "web", "-o", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["spec"]["replicas"] == 2
    r = kc("get", "pods", "-o", "name")
    assert sorted(r.stdout.split()) == sorted(manual("get", "pods", "-o", "name").stdout.split())
    r = kc("get", "deploy", "nope")
    assert r.returncode == 1
    assert r.stderr.strip().endswith(
        'Error from server (NotFound): deployments.apps "nope" not found'
    )
