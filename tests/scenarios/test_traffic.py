"""Traffic during a rollout, sampled every simulated second through the Service (seeds/0806 TIL).

With ``maxUnavailable: 0`` and a readiness probe, old and new pods answer side by side, then only
the new one, and not one request fails; ``Recreate`` shows the gap the lesson warns about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import builders as mk

pytestmark = pytest.mark.slow

ROLLING = mk.rolling(1, 0)
V1, V2 = "Welcome! http-go:v1", "Welcome! http-go:v2"


def setup(mkl: Any, tmp_path: Path, strategy: dict[str, Any]) -> str:
    probe = {"httpGet": {"path": "/", "port": 8080}, "periodSeconds": 1}
    c = mk.container("http-go", mk.HTTP_GO_V1, 8080, readinessProbe=probe)
    f = mk.write(tmp_path / "http-go.yaml", mk.http_go(4, strategy=strategy, containers=[c]))
    assert mkl("create", "-f", f, "--record").exit_code == 0
    assert mkl("expose", "deployment", "http-go", "--port=80", "--target-port=8080").exit_code == 0
    assert mkl("create", "deployment", "client", "--image=gasbugs/http-go:v1").exit_code == 0
    assert mkl("rollout", "status", "deployment/http-go").exit_code == 0
    mkl("clock", "advance", "10s")
    return mkl("get", "pods", "-l", "app=client", "-o", "name").stdout.split()[0]


def sample(mkl: Any, client: str, n: int = 4) -> list[str]:
    """``n`` requests through the Service from the client pod; failures show as ``ERR <code>``."""
    script = f"for i in $(seq {n}); do curl -sS http-go || echo ERR $?; done"
    r = mkl("exec", client, "--", "sh", "-c", script)
    assert r.exit_code == 0, r.stderr
    return r.stdout.splitlines()


def roll(mkl: Any, client: str, seconds: int = 120) -> list[list[str]]:
    """Start v2, then sample once per simulated second until the rollout is complete."""
    r = mkl("set", "image", "deployment", "http-go", "http-go=gasbugs/http-go:v2", "--record")
    assert r.exit_code == 0, r.stderr
    rounds = [sample(mkl, client)]
    for _ in range(seconds):
        mkl("clock", "advance", "1s")
        rounds.append(sample(mkl, client))
        done = mkl("rollout", "status", "deployment/http-go", "--watch=false").stdout
        if "successfully rolled out" in done:
            break
    rounds.append(sample(mkl, client, 8))
    return rounds


def test_rolling_update_serves_both_versions_then_only_the_new_one_without_errors(
    manual: Any, tmp_path: Path
) -> None:
    client = setup(manual, tmp_path, ROLLING)
    assert set(sample(manual, client, 8)) == {V1}
    rounds = roll(manual, client)
    answers = [a for r in rounds for a in r]
    assert not [a for a in answers if a.startswith("ERR")], rounds
    assert any(set(r) == {V1, V2} for r in rounds), rounds
    assert set(rounds[-1]) == {V2}
    first_v2 = next(i for i, r in enumerate(rounds) if V2 in r)
    assert all(V1 in r for r in rounds[:first_v2])  # v1 kept answering until v2 was ready


def test_recreate_drops_requests_during_the_gap(manual: Any, tmp_path: Path) -> None:
    client = setup(manual, tmp_path, {"type": "Recreate"})
    rounds = roll(manual, client)
    answers = [a for r in rounds for a in r]
    assert "ERR 7" in answers  # nobody ready: kube-proxy rejects the connection
    assert not any(set(r) == {V1, V2} for r in rounds)  # never both versions at once
    assert set(rounds[-1]) == {V2}
