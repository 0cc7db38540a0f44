"""Small helpers shared by the rollout-workflow CLI tests (not a test module)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests import builders as mk


def write_deploy(
    tmp_path: Path,
    name: str = "web",
    image: str = "nginx:1.14.2",
    replicas: int = 3,
    port: int = 80,
    filename: str | None = None,
) -> str:
    """Write a Deployment manifest; returns its path (as the tests pass it to ``-f``)."""
    return mk.write(
        tmp_path / (filename or f"{name}.yaml"), mk.deployment(name, replicas, image, port=port)
    )


def get_json(mkl: Any, *argv: str) -> dict[str, Any]:
    r = mkl("get", *argv, "-o", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def revisions(mkl: Any, target: str = "deploy/web", *ns: str) -> list[int]:
    """The REVISION column of ``rollout history``."""
    r = mkl("rollout", "history", target, *ns)
    assert r.exit_code == 0, r.stderr
    return [int(line.split()[0]) for line in r.stdout.splitlines()[2:] if line.strip()]
