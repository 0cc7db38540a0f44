"""Manifests and small helpers shared by the rollout-workflow CLI tests (not a test module)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import BIN

DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app: {name}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
      - name: {name}
        image: {image}
        ports:
        - containerPort: {port}
"""


def write_deploy(tmp_path: Path, name: str = "web", image: str = "nginx:1.14.2", replicas: int = 3, port: int = 80, filename: str | None = None) -> str:
    """Write a Deployment manifest; returns its path (as the tests pass it to ``-f``)."""
    path = tmp_path / (filename or f"{name}.yaml")
    path.write_text(DEPLOY.format(name=name, image=image, replicas=replicas, port=port))
    return str(path)


def get_json(mkl: Any, *argv: str) -> dict[str, Any]:
    r = mkl("get", *argv, "-o", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def revisions(mkl: Any, target: str = "deploy/web", *ns: str) -> list[int]:
    """The REVISION column of ``rollout history``."""
    r = mkl("rollout", "history", target, *ns)
    assert r.exit_code == 0, r.stderr
    return [int(line.split()[0]) for line in r.stdout.splitlines()[2:] if line.strip()]


def kubectl(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real kubectl (dev dependency), offline: only ``--local`` commands make sense."""
    env = {**os.environ, "KUBECONFIG": "/nonexistent/kubeconfig", "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run([str(BIN / "kubectl"), *argv], capture_output=True, text=True, input=stdin, env=env, timeout=60)


def has_kubectl() -> bool:
    return (BIN / "kubectl").exists()
