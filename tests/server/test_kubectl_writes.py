"""The real kubectl's writes against mkl serve, each step compared with mkl's own CLI.

A twin profile (same seed, same manual clock) replays every step through ``mkl --profile twin``
(named ``kubectl``, so change-causes read alike); kubectl's output must be mkl's.  kubectl
validates create/apply/edit against the server's OpenAPI (``server/openapi.py``) and sends
``fieldValidation=Strict``.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests import builders
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl

MANIFEST = builders.to_yaml(builders.http_go(3))
TWIN = ("--profile", "twin")


def _norm(text: str) -> str:
    """kubectl's command line (in change-causes) carries the test's --cache-dir."""
    return re.sub(r" --cache-dir=\S+", "", text)


@pytest.fixture
def twin(manual: MklRunner) -> MklRunner:
    r = manual(*TWIN, "cluster", "start", "--clock", "manual", "--seed", "1")
    assert r.exit_code == 0, r.stderr
    return manual


def _same(kc: Kubectl, twin: MklRunner, *argv: str, stdin: str | None = None) -> str:
    """Run a step through kubectl and through mkl; both must print the same; returns stdout."""
    got = kc(*argv, stdin=stdin)
    want = twin(*TWIN, *argv, stdin=stdin or "", prog="kubectl")
    seen = (got.returncode, _norm(got.stdout), _norm(got.stderr))
    assert seen == (want.exit_code, want.stdout, want.stderr), argv
    return _norm(got.stdout)


def _advance(twin: MklRunner, by: str = "30s") -> None:
    for profile in ((), TWIN):
        assert twin(*profile, "clock", "advance", by).exit_code == 0


LESSON: list[tuple[str, ...]] = [
    ("patch", "deploy", "http-go", "-p", '{"spec":{"minReadySeconds":10}}'),
    ("patch", "deploy", "http-go", "--type", "merge", "-p", '{"metadata":{"labels":{"a":"b"}}}'),
    (
        "patch",
        "deploy",
        "http-go",
        "--type",
        "json",
        "-p",
        '[{"op":"replace","path":"/spec/replicas","value":4}]',
    ),
    ("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2", "--record"),
    ("annotate", "deploy", "http-go", "team=web"),
    ("label", "deploy", "http-go", "tier=web"),
    ("scale", "deploy", "http-go", "--replicas=5"),
    ("edit", "deploy", "http-go"),
    ("rollout", "history", "deploy", "http-go"),
    ("rollout", "pause", "deploy", "http-go"),
    ("rollout", "undo", "deploy", "http-go"),  # refused client-side while paused
    ("rollout", "resume", "deploy", "http-go"),
    ("rollout", "restart", "deploy", "http-go"),
    ("rollout", "undo", "deploy", "http-go"),
    ("rollout", "undo", "deploy", "http-go", "--to-revision=1"),
    ("rollout", "history", "deploy", "http-go"),
    ("rollout", "history", "deploy", "http-go", "--revision=2"),
]


def test_the_lesson_writes_through_kubectl_print_what_mkl_prints(
    apiserver: object, kc: Kubectl, twin: MklRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KUBE_EDITOR", 'sed -i -e "s/replicas: 5/replicas: 2/"')
    out = _same(kc, twin, "create", "-f", "-", "--record", stdin=MANIFEST)
    assert out == "deployment.apps/http-go created\n"
    _advance(twin)
    _same(kc, twin, "rollout", "status", "deploy/http-go")
    for step in LESSON:
        _same(kc, twin, *step)
    history = _same(kc, twin, "rollout", "history", "deploy", "http-go")
    assert "kubectl create --filename=- --record=true" in history
    assert "kubectl set image deploy/http-go http-go=gasbugs/http-go:v2 --record=true" in history
    assert _same(kc, twin, "apply", "-f", "-", stdin=MANIFEST) == (
        "deployment.apps/http-go configured\n"
    )
    _same(kc, twin, "apply", "-f", "-", stdin=MANIFEST)  # unchanged
    jsonpath = "{.spec.replicas} {.metadata.generation} {.metadata.labels}"
    _same(kc, twin, "get", "deploy", "http-go", "-o", f"jsonpath={jsonpath}")
    _same(kc, twin, "delete", "deploy", "http-go", "--dry-run=server")
    _same(kc, twin, "delete", "deploy", "http-go")
    _advance(twin)
    assert _same(kc, twin, "get", "rs,pods", "-o", "name") == ""  # the cascade took them


def test_apply_creates_and_dry_run_server_stores_nothing(
    apiserver: object, kc: Kubectl, twin: MklRunner
) -> None:
    out = _same(kc, twin, "create", "-f", "-", "--dry-run=server", stdin=MANIFEST)
    assert out == "deployment.apps/http-go created (server dry run)\n"
    assert kc("get", "deploy", "-o", "name").stdout == ""
    out = _same(kc, twin, "apply", "-f", "-", stdin=MANIFEST)
    assert out == "deployment.apps/http-go created\n"
    _same(kc, twin, "scale", "deploy", "http-go", "--replicas=1", "--dry-run=server")
    assert kc("get", "deploy", "http-go", "-o", "jsonpath={.spec.replicas}").stdout == "3"


def test_replace_with_a_stale_resource_version_prints_kubectls_conflict(
    apiserver: object, kc: Kubectl, twin: MklRunner
) -> None:
    _same(kc, twin, "create", "-f", "-", stdin=MANIFEST)
    stale = builders.http_go(3)
    stale["metadata"]["resourceVersion"] = "1"
    stale["spec"]["replicas"] = 1
    r = kc("replace", "-f", "-", stdin=builders.to_yaml(stale))
    assert r.returncode == 1
    assert r.stderr == (
        'Error from server (Conflict): error when replacing "STDIN": Operation cannot be '
        'fulfilled on deployments.apps "http-go": the object has been modified; please apply '
        "your changes to the latest version and try again\n"
    )
    _same(kc, twin, "replace", "-f", "-", stdin=builders.to_yaml(stale))
    del stale["metadata"]["resourceVersion"]
    out = _same(kc, twin, "replace", "-f", "-", stdin=builders.to_yaml(stale))
    assert out == "deployment.apps/http-go replaced\n"
    _same(kc, twin, "replace", "--force", "-f", "-", stdin=MANIFEST)


def test_patch_warnings_and_errors_print_as_on_a_real_cluster(
    apiserver: object, kc: Kubectl, twin: MklRunner
) -> None:
    kc("create", "-f", "-", stdin=MANIFEST)
    r = kc("patch", "deploy", "http-go", "-p", '{"spec":{"bogus":1,"zz":2}}')
    assert (r.returncode, r.stdout) == (0, "deployment.apps/http-go patched (no change)\n")
    assert r.stderr == 'Warning: unknown field "spec.bogus"\nWarning: unknown field "spec.zz"\n'
    r = kc("patch", "deploy", "http-go", "--type", "json", "-p", '[{"op":"remove","path":"/x"}]')
    assert (r.returncode, r.stderr) == (  # what a real API server makes kubectl print
        1,
        "The request is invalid: the server rejected our request due to an error in our request\n",
    )


def test_as_jane_is_forbidden_until_a_rolebinding_allows_it(
    apiserver: object, kc: Kubectl, twin: MklRunner
) -> None:
    _same(kc, twin, "create", "-f", "-", stdin=MANIFEST)
    patch = ("--as", "jane", "patch", "deploy", "http-go", "-p", '{"spec":{"replicas":2}}')
    out = _same(kc, twin, "--as", "jane", "get", "deploy", "http-go", "-o", "name")
    assert out == ""
    for profile in ((), TWIN):
        r = twin(
            *profile, "create", "rolebinding", "jane-view", "--clusterrole=view", "--user=jane"
        )
        assert r.exit_code == 0, r.stderr
    _same(kc, twin, "--as", "jane", "get", "deploy", "http-go", "-o", "name")
    r = kc(*patch)
    assert r.stderr == (
        'Error from server (Forbidden): deployments.apps "http-go" is forbidden: User "jane" '
        'cannot patch resource "deployments" in API group "apps" in the namespace "default"\n'
    )
    _same(kc, twin, *patch)
    for profile in ((), TWIN):
        r = twin(
            *profile, "create", "rolebinding", "jane-edit", "--clusterrole=edit", "--user=jane"
        )
        assert r.exit_code == 0, r.stderr
    assert _same(kc, twin, *patch) == "deployment.apps/http-go patched\n"
    _same(kc, twin, "--as", "jane", "--as-group", "devs", "delete", "deploy", "http-go")


def _protobuf_pending(r: subprocess.CompletedProcess[str]) -> None:
    """kubectl's typed clients POST reviews as protobuf (served by the protobuf decoder)."""
    if "(UnsupportedMediaType)" in r.stderr:
        pytest.skip("kubectl sends this review as protobuf, which this server does not decode yet")


def test_auth_can_i_list_and_whoami(apiserver: object, kc: Kubectl, twin: MklRunner) -> None:
    r = kc("auth", "can-i", "patch", "deployments")
    _protobuf_pending(r)
    assert (r.returncode, r.stdout) == (0, "yes\n")
    _same(kc, twin, "--as", "jane", "auth", "can-i", "patch", "deployments")
    _same(kc, twin, "--as", "jane", "auth", "can-i", "--list")
    r = kc("--as", "jane", "--as-group", "devs", "--as-uid", "42", "auth", "whoami")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[1:4] == [
        "Username    jane",
        "UID         42",
        "Groups      [devs system:authenticated]",
    ]


def test_field_managers_are_the_ones_kubectl_names(kc: Kubectl) -> None:
    """``fieldManager`` reaches metadata.managedFields; without it, the User-Agent's product."""
    assert kc("create", "-f", "-", stdin=MANIFEST).returncode == 0
    assert kc("label", "deploy", "http-go", "tier=web").returncode == 0
    assert kc("scale", "deploy", "http-go", "--replicas=4").returncode == 0
    r = kc("get", "deploy", "http-go", "-o", "json", "--show-managed-fields")
    assert r.returncode == 0, r.stderr
    entries = json.loads(r.stdout)["metadata"]["managedFields"]
    users = {(e["manager"], e["operation"], e.get("subresource", "")) for e in entries}
    assert {
        ("kubectl-create", "Update", ""),
        ("kubectl-label", "Update", ""),
        ("kubectl", "Update", "scale"),
    } <= users
    label = next(e for e in entries if e["manager"] == "kubectl-label")
    assert label["fieldsV1"] == {"f:metadata": {"f:labels": {"f:tier": {}}}}
    hidden = json.loads(kc("get", "deploy", "http-go", "-o", "json").stdout)
    assert "managedFields" not in hidden["metadata"]
