"""Mutating verbs print through every template printer kubectl's PrintFlags offer (issue 15
item 2); an unusable -o fails before anything is written, as kubectl's Complete does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import kubectl, needs_kubectl

ALLOWED = (
    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,"
    "template,templatefile,yaml"
)


@pytest.fixture
def web(manual: Any) -> Any:
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    return manual


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        (["label", "deploy/web", "tier=db"], '{"app":"web","tier":"db"}'),
        (["annotate", "deploy/web", "note=x"], "x"),
        (["scale", "deploy/web", "--replicas=3"], "3"),
        (["patch", "deploy/web", "-p", '{"spec":{"minReadySeconds":5}}'], "5"),
        (["set", "image", "deploy/web", "nginx=httpd"], "httpd"),
        (["rollout", "restart", "deploy/web"], "web"),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else None,
)
def test_jsonpath_on_mutating_verbs(web: Any, argv: list[str], want: str) -> None:
    paths = {
        "label": "{.metadata.labels}",
        "annotate": "{.metadata.annotations.note}",
        "scale": "{.spec.replicas}",
        "patch": "{.spec.minReadySeconds}",
        "set": "{.spec.template.spec.containers[0].image}",
        "rollout": "{.metadata.name}",
    }
    r = web(*argv, "-o", f"jsonpath={paths[argv[0]]}")
    assert (r.exit_code, r.stdout, r.stderr) == (0, want, "")


def test_create_apply_and_history_take_templates(manual: Any, tmp_path: Path) -> None:
    r = manual("create", "deployment", "web", "--image=nginx", "-o", "jsonpath={.kind}")
    assert (r.exit_code, r.stdout) == (0, "Deployment")
    f = tmp_path / "ns.yaml"
    f.write_text("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n")
    t = tmp_path / "t.txt"
    t.write_text("{.metadata.name}")
    r = manual("apply", "-f", str(f), "-o", f"jsonpath-file={t}")
    assert (r.exit_code, r.stdout) == (0, "dev")
    r = manual("rollout", "history", "deploy/web", "-o", "jsonpath-as-json={.metadata.labels}")
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["app"] == "web"


@pytest.mark.parametrize(
    ("fmt", "err"),
    [
        (
            "custom-columns=N:.metadata.name",
            "unable to match a printer suitable for the output format "
            f'"custom-columns=N:.metadata.name", allowed formats are: {ALLOWED}',
        ),
        ("wide", f'the output format "wide", allowed formats are: {ALLOWED}'),
        ("jsonpath={.x", "error parsing jsonpath {.x, unclosed action"),
        (
            "jsonpath-file=/no/such",
            "error reading --template /no/such, open /no/such: no such file or directory",
        ),
    ],
)
def test_an_unusable_output_fails_before_anything_is_written(web: Any, fmt: str, err: str) -> None:
    before = web("get", "deploy", "web", "-o", "json").stdout
    for argv in (["scale", "deploy/web", "--replicas=4"], ["label", "deploy/web", "x=y"]):
        r = web(*argv, "-o", fmt)
        assert r.exit_code == 1 and r.stdout == "" and err in r.stderr, r.stderr
    assert web("get", "deploy", "web", "-o", "json").stdout == before


@needs_kubectl
def test_jsonpath_as_json_matches_kubectl(manual: Any, tmp_path: Path) -> None:
    f = tmp_path / "cm.yaml"
    f.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n")
    want = kubectl("label", "--local", "-f", str(f), "k=v", "-o", "jsonpath-as-json={.metadata}")
    assert manual("create", "-f", str(f)).exit_code == 0
    got = manual("label", "cm/x", "k=v", "-o", "jsonpath-as-json={.metadata.labels}")
    assert json.loads(got.stdout) == [json.loads(want.stdout)[0]["labels"]]
    assert got.stdout.startswith("[\n    {\n        ")  # MarshalIndent, four spaces


@pytest.mark.parametrize("fmt", ["json", "yaml", "jsonpath={.items}", "go-template={{.}}"])
def test_one_missing_name_prints_only_its_error(manual: Any, fmt: str) -> None:
    """printGeneric: a single named object that is not found returns its error alone."""
    r = manual("get", "deploy", "nope", "-o", fmt)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == 'Error from server (NotFound): deployments.apps "nope" not found\n'
    two = manual("get", "deploy", "nope", "nope2", "-o", "json")
    assert two.exit_code == 1 and json.loads(two.stdout)["items"] == []  # a List, as kubectl


@needs_kubectl
def test_an_unknown_format_is_refused_with_kubectls_text(manual: Any, tmp_path: Path) -> None:
    f = tmp_path / "cm.yaml"
    f.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
    want = kubectl("label", "--local", "-f", str(f), "a=b", "-o", "wide")
    assert manual("create", "-f", str(f)).exit_code == 0
    got = manual("label", "cm/x", "a=b", "-o", "wide")
    assert (got.exit_code, got.stderr) == (want.returncode, want.stderr)


@needs_kubectl
def test_kyaml_on_a_mutating_verb_and_get(manual: Any, tmp_path: Path) -> None:
    f = tmp_path / "cm.yaml"
    f.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n")
    want = kubectl("label", "--local", "-f", str(f), "a=b", "-o", "kyaml")
    assert manual("create", "-f", str(f)).exit_code == 0
    got = manual("label", "cm/x", "a=b", "-o", "kyaml").stdout
    shown = [line for line in got.splitlines() if "Timestamp" not in line and "uid" not in line]
    shown = [line for line in shown if "resourceVersion" not in line and "namespace" not in line]
    assert shown == want.stdout.splitlines()
    r = manual("get", "cm", "x", "-o", "kyaml")
    assert r.exit_code == 0 and r.stdout.startswith('---\n{\n  apiVersion: "v1",\n')
