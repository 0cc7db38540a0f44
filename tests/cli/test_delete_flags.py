"""Issue 15 item 4 through the app: delete --cascade, --wait, --field-selector, --all checks."""

from __future__ import annotations

import json

import pytest

from tests.conftest import kubectl, needs_kubectl

RS = "http-go-69f79cc48f"  # seed 1


def _owners(mkl, what: str) -> list[object]:
    items = json.loads(mkl("get", what, "-o", "json").stdout)["items"]
    return [i["metadata"].get("ownerReferences") for i in items]


def test_cascade_orphan_keeps_replicasets_and_pods_without_the_controller(http_go) -> None:
    r = http_go("delete", "deploy", "http-go", "--cascade=orphan")
    assert (r.exit_code, r.stdout) == (
        0,
        'deployment.apps "http-go" deleted from default namespace\n',
    )
    assert _owners(http_go, "rs") == [None]
    r = http_go("delete", "rs", RS, "--cascade=orphan")
    assert r.exit_code == 0
    http_go("clock", "advance", "1m")
    assert _owners(http_go, "pods") == [None, None]  # still running, released


def test_deprecated_boolean_cascade_warns(http_go) -> None:
    r = http_go("delete", "deploy", "http-go", "--cascade=false")
    assert r.stderr == (
        "warning: --cascade=false is deprecated (boolean value) and can be replaced with "
        "--cascade=orphan.\n"
    )
    assert len(_owners(http_go, "rs")) == 1


def test_cascade_foreground_keeps_the_owner_until_its_dependents_are_gone(http_go) -> None:
    r = http_go("delete", "deploy", "http-go", "--cascade=foreground", "--wait=false")
    assert r.exit_code == 0
    d = json.loads(http_go("get", "deploy", "http-go", "-o", "json").stdout)
    assert d["metadata"]["finalizers"] == ["foregroundDeletion"]
    assert d["metadata"]["deletionTimestamp"] == "2024-01-01T00:00:10Z"
    rs = json.loads(http_go("get", "rs", RS, "-o", "json").stdout)
    assert rs["metadata"]["finalizers"] == ["foregroundDeletion"]  # it has dependents too
    pods = json.loads(http_go("get", "pods", "-o", "json").stdout)["items"]
    assert pods and all(p["metadata"].get("deletionTimestamp") for p in pods)
    http_go("clock", "advance", "1m")
    r = http_go("get", "deploy,rs,pods")
    assert (r.stdout, r.stderr) == ("", "No resources found in default namespace.\n")


def test_wait_fast_forwards_a_manual_clock_until_the_objects_are_gone(http_go) -> None:
    r = http_go("delete", "deploy", "http-go", "--cascade=foreground")
    assert r.exit_code == 0
    assert http_go("get", "deploy,rs").stderr == "No resources found in default namespace.\n"
    assert http_go("clock").stdout.split()[0] > "2024-01-01T00:00:10Z"  # the clock moved


def test_wait_false_returns_at_once(http_go) -> None:
    pod = http_go("get", "pods", "-o", "name").stdout.split()[0]
    assert http_go("delete", pod, "--wait=false").exit_code == 0
    assert "Terminating" in http_go("get", pod).stdout
    assert http_go("clock").stdout.startswith("2024-01-01T00:00:10Z\n")
    assert http_go("delete", pod).exit_code == 0  # waits for the same deletion to finish
    assert pod not in http_go("get", "pods", "-o", "name").stdout.split()


def test_field_selector_and_ignore_not_found(http_go) -> None:
    r = http_go("delete", "pods", "--field-selector", "status.phase=Pending")
    assert (r.exit_code, r.stdout) == (0, "No resources found\n")
    r = http_go("delete", "pods", "--field-selector", "status.phase=Running", "--wait=false")
    assert r.stdout.count(" deleted from default namespace\n") == 2
    r = http_go("delete", "deploy", "nope", "--ignore-not-found")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")


def test_delete_namespace_all_never_deletes_the_system_namespaces(http_go) -> None:
    http_go("create", "namespace", "dev")
    r = http_go("delete", "namespace", "--all", "--wait=false")
    assert r.exit_code == 1
    assert 'namespace "dev" deleted\n' in r.stdout
    assert r.stderr == "".join(
        f'Error from server (Forbidden): namespaces "{ns}" is forbidden: this namespace may not '
        "be deleted\n"
        for ns in ("default", "kube-public", "kube-system")
    )
    names = http_go("get", "ns", "-o", "name").stdout.split()
    assert {"namespace/default", "namespace/kube-system", "namespace/kube-public"} <= set(names)


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        ["pods", "--all", "-l", "a=b"],
        ["pods", "--all", "--field-selector", "a=b"],
        ["pod", "x", "-l", "a=b"],
        ["pod", "x", "--all"],
        ["pod", "x", "--cascade=bogus"],
        ["pod", "x", "--now", "--grace-period=3"],
        ["pod", "x", "--cascade="],
        ["pod", "x", "--timeout=abc"],
    ],
)
def test_refusals_match_kubectl(http_go, argv: list[str]) -> None:
    want = [ln for ln in kubectl("delete", *argv).stderr.splitlines() if "memcache.go" not in ln]
    r = http_go("delete", *argv, prog="kubectl")
    assert (r.exit_code, r.stderr.splitlines()) == (1, want)


@needs_kubectl
@pytest.mark.parametrize("value", ["false", "true", "0", "T"])
def test_boolean_cascade_warning_matches_kubectl(http_go, value: str) -> None:
    want = kubectl("delete", "pod", "x", f"--cascade={value}").stderr.splitlines()[0]
    r = http_go("delete", "pod", "nope", f"--cascade={value}", "--ignore-not-found")
    assert r.stderr.splitlines() == [want]
