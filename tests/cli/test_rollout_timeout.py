"""``rollout status --timeout`` (issue 11): wall time on a real clock, measured on the monotonic
clock so a wall clock stepping back cannot stretch it; simulated time on a manual clock."""

from __future__ import annotations

import pytest

from minikube_lite import clock


def test_real_clock_timeout_survives_the_wall_clock_going_back(
    mkl, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert mkl("cluster", "start", "--clock", "real", "--seed", "3").exit_code == 0
    assert (
        mkl("create", "deployment", "web", "--image=no-such/image:1").exit_code == 0
    )  # never rolls out
    fake = {"wall": clock.wall(), "mono": 1000.0, "sleeps": 0}

    def wall() -> float:
        fake["wall"] -= 1.0  # NTP keeps stepping the wall clock back
        return fake["wall"]

    def sleep(seconds: float) -> None:
        fake["sleeps"] += 1
        assert fake["sleeps"] < 500, "rollout status did not time out"
        fake["mono"] += seconds + 0.001

    monkeypatch.setattr(clock, "wall", wall)
    monkeypatch.setattr(clock, "monotonic", lambda: fake["mono"])
    monkeypatch.setattr(clock, "sleep", sleep)
    r = mkl("rollout", "status", "deploy/web", "--timeout=5s")
    assert (r.exit_code, r.stderr) == (1, "error: timed out waiting for the condition\n")
    assert r.stdout.startswith('Waiting for deployment "web" rollout to finish')
    assert 1005.0 <= fake["mono"] < 1006.0  # it waited the 5 s, no more


def test_manual_clock_timeout_is_simulated_and_never_sleeps(
    manual, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert manual("create", "deployment", "web", "--image=no-such/image:1").exit_code == 0

    def sleep(seconds: float) -> None:
        raise AssertionError("a manual clock jumps, it never sleeps")

    monkeypatch.setattr(clock, "sleep", sleep)
    before = clock.parse_time(manual("clock").stdout.splitlines()[0])
    r = manual("rollout", "status", "deploy/web", "--timeout=90s")
    assert (r.exit_code, r.stderr) == (1, "error: timed out waiting for the condition\n")
    after = clock.parse_time(manual("clock").stdout.splitlines()[0])
    assert before is not None and after is not None and after - before >= 90
