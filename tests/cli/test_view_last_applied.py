"""``apply view-last-applied``: the last-applied annotation as YAML (default) or JSON, with
kubectl's quirks (a named object without it is skipped; from a file it is an error)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from minikube_lite.ops.view_last_applied import indent_json

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = str(ROOT / "manifests" / "http-go-deploy.yaml")


def test_the_annotation_as_yaml_and_as_json(manual: Any) -> None:
    assert manual("apply", "-f", DEPLOY).exit_code == 0
    live = json.loads(manual("get", "deploy", "http-go", "-o", "json").stdout)
    text = live["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"]
    r = manual("apply", "view-last-applied", "deploy/http-go")
    assert r.exit_code == 0 and yaml.safe_load(r.stdout) == json.loads(text)
    assert r.stdout.startswith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n")
    r = manual("apply", "view-last-applied", "-f", DEPLOY, "-o", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == json.loads(text)
    assert r.stdout.startswith('{\n  "apiVersion": "apps/v1",\n  "kind": "Deployment",\n')
    assert r.stdout.endswith("}\n")


def test_kubectls_quirks(manual: Any) -> None:
    assert manual("create", "deployment", "plain", "--image=nginx").exit_code == 0
    r = manual("apply", "view-last-applied", "deploy/plain")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")  # AddSourceToErr(…, "", nil) is nil
    r = manual("apply", "view-last-applied", "deploy/plain", "-o", "wide")
    assert r.exit_code == 1
    assert r.stderr.startswith(
        "error: Unexpected -o output mode: wide, the flag 'output' must be one of yaml|json\n"
    )


def test_go_json_indent() -> None:
    assert indent_json('{"a":[1,{"b":"x,y:z"}],"c":{},"d":[]}\n') == (
        '{\n  "a": [\n    1,\n    {\n      "b": "x,y:z"\n    }\n  ],\n  "c": {},\n  "d": []\n}\n'
    )
    assert indent_json('  {"q":"a\\"b"}') == '{\n  "q": "a\\"b"\n}'
