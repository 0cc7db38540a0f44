"""OpenAPI v3 (and v2) documents generated from mkl's type tables, read by the real kubectl."""

from __future__ import annotations

import hashlib
import json
import re
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.api import field_docs
from minikube_lite.server import launch, openapi, protobuf, routes
from minikube_lite.server.core import Request, Response
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl

EXPLAIN = [
    "deployment.spec.replicas",
    "deployment.spec --recursive",
    "pods",
    "pods.spec.containers",
    "services.spec",
]


@pytest.mark.parametrize("case", EXPLAIN)
def test_kubectl_explain_prints_what_mkl_explain_prints(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner, case: str
) -> None:
    argv = ["explain", *case.split()]
    want = manual(*argv, prog="kubectl")
    got = kc(*argv)
    assert (got.returncode, got.stdout, got.stderr) == (want.exit_code, want.stdout, want.stderr)


def _req(target: str, **headers: str) -> Request:
    msg = Message()
    for k, v in headers.items():
        msg[k.replace("_", "-")] = v
    return Request("GET", target, msg, b"", None)  # type: ignore[arg-type]


def _doc(group: str = "apps") -> dict:
    data = openapi.document(group, "v1")
    assert data is not None
    return json.loads(data)


def test_the_root_names_each_group_version_with_its_content_hash() -> None:
    paths = json.loads(openapi.root())["paths"]
    assert set(paths) == {
        "api/v1",
        "apis/apps/v1",
        "apis/autoscaling/v2",
        "apis/batch/v1",
        "apis/networking.k8s.io/v1",
        "apis/policy/v1",
        "apis/rbac.authorization.k8s.io/v1",
        "apis/scheduling.k8s.io/v1",
    }
    url = paths["apis/apps/v1"]["serverRelativeURL"]
    assert url.startswith("/openapi/v3/apis/apps/v1?hash=")
    assert (
        url.split("hash=")[1] == hashlib.sha512(openapi.document("apps", "v1")).hexdigest().upper()
    )


def test_kinds_carry_their_gvk_and_structs_are_referenced_through_all_of() -> None:
    schemas = _doc()["components"]["schemas"]
    deploy = schemas["io.k8s.api.apps.v1.Deployment"]
    assert deploy["x-kubernetes-group-version-kind"] == [
        {"group": "apps", "kind": "Deployment", "version": "v1"}
    ]
    assert deploy["properties"]["spec"]["allOf"] == [
        {"$ref": "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec"}
    ]
    meta = deploy["properties"]["metadata"]["allOf"][0]["$ref"]
    assert meta.endswith("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
    spec = schemas["io.k8s.api.apps.v1.DeploymentSpec"]
    assert spec["required"] == ["selector", "template"]
    assert spec["properties"]["replicas"] == {
        "type": "integer",
        "format": "int32",
        "description": field_docs.field("DeploymentSpec", "replicas"),
    }
    # every reference resolves inside the document (the closure of the group's kinds)
    refs = set(
        re.findall(
            r'"\$ref":"#/components/schemas/([^"]+)"', openapi.document("apps", "v1").decode()
        )
    )
    assert refs <= set(schemas)
    assert "io.k8s.api.core.v1.Service" not in schemas


def test_lists_carry_the_strategic_merge_metadata() -> None:
    schemas = _doc()["components"]["schemas"]
    containers = schemas["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"]
    assert containers["x-kubernetes-patch-strategy"] == "merge"
    assert containers["x-kubernetes-patch-merge-key"] == "name"
    assert containers["x-kubernetes-list-type"] == "map"
    assert containers["x-kubernetes-list-map-keys"] == ["name"]
    volumes = schemas["io.k8s.api.core.v1.PodSpec"]["properties"]["volumes"]
    assert volumes["x-kubernetes-patch-strategy"] == "merge,retainKeys"
    strategy = schemas["io.k8s.api.apps.v1.DeploymentSpec"]["properties"]["strategy"]
    assert strategy["x-kubernetes-patch-strategy"] == "retainKeys"
    finalizers = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]["properties"][
        "finalizers"
    ]
    assert finalizers["x-kubernetes-list-type"] == "set"
    assert (
        "x-kubernetes-patch-strategy"
        not in schemas["io.k8s.api.core.v1.Container"]["properties"]["args"]
    )


def test_writes_declare_field_validation_and_patch_types() -> None:
    paths = _doc()["paths"]
    one = paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]
    gvk = {"group": "apps", "kind": "Deployment", "version": "v1"}
    assert one["patch"]["x-kubernetes-group-version-kind"] == gvk
    assert one["patch"]["operationId"] == "patchAppsV1NamespacedDeployment"
    names = {p["name"]: p["in"] for p in one["patch"]["parameters"]}
    assert names["fieldValidation"] == names["dryRun"] == "query"
    assert "application/strategic-merge-patch+json" in one["patch"]["requestBody"]["content"]
    assert {p["name"] for p in one["put"]["parameters"]} >= {"fieldValidation", "dryRun"}
    status = paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"]
    assert status["patch"]["x-kubernetes-group-version-kind"] == gvk
    assert status["patch"]["operationId"] == "patchAppsV1NamespacedDeploymentStatus"
    assert "fieldValidation" in {p["name"] for p in status["patch"]["parameters"]}
    scale = paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]
    assert scale["put"]["x-kubernetes-group-version-kind"]["group"] == "autoscaling"
    scale_ref = scale["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert scale_ref.endswith("io.k8s.api.autoscaling.v1.Scale")
    coll = paths["/apis/apps/v1/namespaces/{namespace}/deployments"]
    assert coll["post"]["operationId"] == "createAppsV1NamespacedDeployment"
    assert "/apis/apps/v1/deployments" in paths
    core = json.loads(openapi.document("", "v1"))["paths"]
    assert core["/api/v1/namespaces/{name}"]["get"]["operationId"] == "readCoreV1Namespace"
    rbac = json.loads(openapi.document("rbac.authorization.k8s.io", "v1"))["paths"]
    op = rbac["/apis/rbac.authorization.k8s.io/v1/clusterroles"]["post"]["operationId"]
    assert op == "createRbacAuthorizationV1ClusterRole"


def test_documents_are_cached_with_etags_and_stale_hashes_redirect() -> None:
    assert openapi.document("apps", "v1") is openapi.document("apps", "v1")
    url = json.loads(openapi.root())["paths"]["apis/apps/v1"]["serverRelativeURL"]
    r = openapi.serve(_req(url))
    assert r.code == 200 and r.headers["Cache-Control"] == "public, immutable"
    again = openapi.serve(_req(url, If_None_Match=r.headers["ETag"]))
    assert again.code == 304 and again.body == b""
    stale = openapi.serve(_req("/openapi/v3/apis/apps/v1?hash=OLD"))
    assert stale.code == 301 and stale.headers["Location"] == url
    plain = openapi.serve(_req("/openapi/v3/apis/apps/v1"))
    assert plain.code == 200 and plain.headers["Cache-Control"] == "no-cache, private"
    assert openapi.serve(_req("/openapi/v3/apis/storage.k8s.io/v1")).code == 404
    assert openapi.serve(_req("/openapi/v3/apis/apps")).code == 404


def test_openapi_v2_is_json_or_not_acceptable() -> None:
    r = openapi.serve(_req("/openapi/v2", Accept="application/xml"))
    assert r.code == 406 and json.loads(r.body)["reason"] == "NotAcceptable"
    r = openapi.serve(_req("/openapi/v2", Accept="application/json"))
    doc = json.loads(r.body)
    assert r.code == 200 and doc["swagger"] == "2.0"
    spec = doc["definitions"]["io.k8s.api.apps.v1.DeploymentSpec"]["properties"]
    assert spec["template"]["$ref"] == "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"
    patch = doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"]
    assert "application/strategic-merge-patch+json" in patch["consumes"]
    assert any(
        p["name"] == "fieldValidation" and p["type"] == "string" for p in patch["parameters"]
    )
    assert not re.search(r'"\$ref":"#/components', r.body.decode())


def _pb(data: bytes) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    for num, _wire, value in protobuf.fields(data):
        out.setdefault(num, []).append(value)
    return out


def test_openapi_v2_in_protobuf_is_gnostics_document() -> None:
    """swagger=1, info=2, definitions=9 of NamedSchema {name=1, value=2 Schema}; a Schema's
    description=4, type=22 {value=1}, properties=25, vendor extensions=31 (values as YAML)."""
    r = openapi.serve(_req("/openapi/v2", Accept=openapi.PROTOBUF_V2 + ",application/json"))
    assert r.code == 200 and r.content_type == openapi.PROTOBUF_V2_ANSWER
    doc = _pb(r.body)
    assert doc[1] == [b"2.0"] and _pb(doc[2][0])[1] == [b"Kubernetes"]
    named = {_pb(n)[1][0].decode(): _pb(_pb(n)[2][0]) for n in _pb(doc[9][0])[1]}
    deploy = named["io.k8s.api.apps.v1.Deployment"]
    assert _pb(deploy[22][0])[1] == [b"object"]
    (ext,) = (_pb(e) for e in deploy[31])
    assert ext[1] == [b"x-kubernetes-group-version-kind"]
    assert json.loads(_pb(ext[2][0])[2][0]) == [
        {"group": "apps", "kind": "Deployment", "version": "v1"}
    ]
    props = {_pb(p)[1][0].decode(): _pb(_pb(p)[2][0]) for p in _pb(deploy[25][0])[1]}
    assert props["spec"][1] == [b"#/definitions/io.k8s.api.apps.v1.DeploymentSpec"]


def test_kubectl_reads_openapi_v2_for_explain_and_client_side_validation(
    apiserver: launch.Launched, kc: Kubectl
) -> None:
    """explain --output=plaintext-openapiv2 renders the v2 definitions (kubectl's older
    layout); create -f of a kind without a v3 document validates on the client and posts."""
    r = kc("explain", "deploy.spec.replicas", "--output=plaintext-openapiv2")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(
        "KIND:     Deployment\nVERSION:  apps/v1\n\nFIELD:    replicas <integer>\n"
    )
    assert field_docs.field("DeploymentSpec", "replicas") in r.stdout
    review = (
        "apiVersion: authorization.k8s.io/v1\nkind: SelfSubjectAccessReview\n"
        "spec:\n  resourceAttributes: {verb: get, resource: pods}\n"
    )
    r = kc("create", "-f", "-", "-o", "name", stdin=review)
    assert "error validating" not in r.stderr, r.stderr


MANIFEST = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
"""


def test_kubectl_create_asks_for_strict_field_validation(
    apiserver: launch.Launched, kc: Kubectl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documents make kubectl leave validation to the server: fieldValidation=Strict,
    and no client-side validation (which would need /openapi/v2 in protobuf)."""
    seen: list[tuple[str, str]] = []
    real = routes.dispatch

    def spy(api: Any, req: Request) -> Response:
        seen.append((req.method, req.handler.path))
        return real(api, req)

    monkeypatch.setattr(routes, "dispatch", spy)
    kc("create", "-f", "-", stdin=MANIFEST)
    posts = [p for m, p in seen if m == "POST"]
    assert posts and "fieldValidation=Strict" in posts[0], seen
    assert not any(p.startswith("/openapi/v2") for _, p in seen)


def test_kubectl_create_and_apply_validate_on_the_server(
    apiserver: launch.Launched, kc: Kubectl
) -> None:
    r = kc("create", "-f", "-", stdin=MANIFEST)
    assert (r.returncode, r.stdout, r.stderr) == (0, "deployment.apps/web created\n", "")
    r = kc("apply", "-f", "-", stdin=MANIFEST.replace("replicas: 2", "replicas: 3"))
    assert r.returncode == 0 and r.stdout == "deployment.apps/web configured\n", r.stderr
    new = MANIFEST.replace("name: web\nspec", "name: api\nspec")
    r = kc("apply", "-f", "-", stdin=new)
    assert (r.returncode, r.stdout) == (0, "deployment.apps/api created\n"), r.stderr
    bad = MANIFEST.replace("replicas: 2", "replicas: 2\n  bogus: 1").replace("web", "bad")
    r = kc("create", "-f", "-", stdin=bad)
    assert r.returncode == 1
    # the API server's create handler wraps the strict decoding error (transformDecodeError)
    assert r.stderr == (
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" '
        'cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus"\n'
    )


def test_kubectl_edit_validates_on_the_server(
    apiserver: launch.Launched,
    kc: Kubectl,
    manual: MklRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    editor = tmp_path / "editor.sh"
    # the first "replicas: 1" is spec's (kubectl writes spec before status)
    editor.write_text("#!/bin/sh\nsed -i '0,/replicas: 1/s//replicas: 4/' \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("KUBE_EDITOR", str(editor))
    r = kc("edit", "deployment/web")
    assert (r.returncode, r.stdout) == (0, "deployment.apps/web edited\n"), r.stderr
    assert manual("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").stdout == "4"


def test_kubectl_apply_computes_its_patch_from_the_v3_metadata(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner, tmp_path: Path
) -> None:
    """apply --dry-run=client patches locally with the strategic-merge metadata of the served
    document (containers and env merged by name; at -v=5 kubectl logs a fallback)."""
    with_env = MANIFEST.replace(
        "image: nginx", 'image: nginx\n        env: [{name: A, value: "1"}]'
    )
    (tmp_path / "d.yaml").write_text(with_env)
    assert manual("apply", "-f", str(tmp_path / "d.yaml")).exit_code == 0
    changed = with_env.replace("image: nginx", "image: nginx:2").replace("A,", "B,")
    r = kc("apply", "-f", "-", "--dry-run=client", "-o", "json", "-v=5", stdin=changed)
    assert r.returncode == 0, r.stderr
    assert "OpenAPI V3 path" not in r.stderr and "warning" not in r.stderr
    (c,) = json.loads(r.stdout)["spec"]["template"]["spec"]["containers"]
    assert (c["image"], c["env"]) == ("nginx:2", [{"name": "B", "value": "1"}])


def _kubectl_132() -> str | None:
    """A kubectl 1.32 on PATH (the dispatching build some SDKs ship), if any."""
    import shutil
    import subprocess

    path = shutil.which("kubectl")
    if path is None:
        return None
    try:
        out = subprocess.run(
            [path, "version", "--client"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if "v1.32." in out else None


def test_kubectl_132_explains_the_same(
    apiserver: launch.Launched, manual: MklRunner, tmp_path: Path
) -> None:
    import os
    import subprocess

    binary = _kubectl_132()
    if binary is None:
        pytest.skip("no kubectl 1.32 on PATH")
    env = {**os.environ, "KUBECONFIG": str(apiserver.kubeconfig_path), "HOME": str(tmp_path)}
    argv = ["explain", "pods.spec.containers.ports"]
    got = subprocess.run(
        [binary, f"--cache-dir={tmp_path / 'c'}", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (got.returncode, got.stdout) == (0, manual(*argv, prog="kubectl").stdout), got.stderr
