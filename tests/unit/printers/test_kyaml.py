"""``-o kyaml`` against the real kubectl 1.37: the same object, the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minikube_lite.printers.formats.kyaml import to_kyaml
from tests.conftest import kubectl, needs_kubectl

ROOT = Path(__file__).resolve().parents[3]
MANIFESTS = sorted(p for p in (ROOT / "manifests").rglob("*.yaml"))

ODD = """apiVersion: v1
kind: ConfigMap
metadata:
  name: odd
  labels: {"1a": "b", "on": "x", "a b": "c", "k:{\\"x\\"}": "d", "null": "n", "-x": "y", "_u": "v",
    "Y": "q", "123": "n", "1.5": "f", "a:b": "c", "app.kubernetes.io/name": "w", "": "e"}
  annotations:
    change-cause: "a \\"q\\"\\nline2"
data:
  tab: "a\\tb"
  uni: "é✓ \\u0001"
  empty: ""
  num: "0x10"
  multi: "one\\ntwo\\n"
  blank: "\\n\\n"
  trailing: "end\\n"
  back: "c:\\\\dir"
  spaces: "  lead"
"""

NESTED = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: 2
  paused: true
  minReadySeconds: 0
  strategy: {}
  template:
    spec:
      containers:
      - name: a
        image: x
        args: []
        resources: {limits: {cpu: 500m}}
      - name: b
        image: "y"
        command: ["sh", "-c", "echo 1\\necho 2"]
        ports:
        - containerPort: 80
        - containerPort: 81
      nodeSelector: {}
"""


def _documents(text: str) -> list[object]:
    """The JSON documents kubectl printed one after another (one per object of the file)."""
    decoder, out, at = json.JSONDecoder(), [], 0
    while at < len(text.rstrip()):
        doc, end = decoder.raw_decode(text, at)
        out.append(doc)
        at = end
        while at < len(text) and text[at].isspace():
            at += 1
    return out


def _cases(tmp_path: Path) -> list[Path]:
    (tmp_path / "odd.yaml").write_text(ODD)
    (tmp_path / "nested.yaml").write_text(NESTED)
    return [*MANIFESTS, tmp_path / "odd.yaml", tmp_path / "nested.yaml"]


@needs_kubectl
def test_kyaml_is_kubectls_byte_for_byte(tmp_path: Path) -> None:
    checked = 0
    for f in _cases(tmp_path):
        as_json = kubectl("patch", "--local", "-f", str(f), "-p", "{}", "-o", "json")
        if as_json.returncode != 0:
            continue
        want = kubectl("patch", "--local", "-f", str(f), "-p", "{}", "-o", "kyaml")
        assert "".join(to_kyaml(doc) for doc in _documents(as_json.stdout)) == want.stdout, f.name
        checked += 1
    assert checked >= 6


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({}, "---\n{}\n"),
        ({"a": []}, "---\n{\n  a: [],\n}\n"),
        ({"y": "n"}, '---\n{\n  "y": "n",\n}\n'),
        ({"s": "x\ny"}, '---\n{\n  s: "\\\n     x\\n\\\n     y\\\n    ",\n}\n'),
    ],
)
def test_kyaml_shapes(value: dict[str, object], text: str) -> None:
    assert to_kyaml(value) == text
