"""``exec`` loops that watch the cluster: sleep takes simulated time, each request looks at the
cluster as it is now, the profile lock is free while the process sleeps, Ctrl-C ends it quietly."""

from __future__ import annotations

import fcntl
import io
import os
import types
from collections.abc import Callable
from typing import Any

import pytest

from minikube_lite.cli import app, cmd_exec
from minikube_lite.cli.io import IO
from minikube_lite.store import persist

V1, V2 = "Welcome! http-go:v1\n", "Welcome! http-go:v2\n"
LOOP = "for i in $(seq 1 {n}); do curl -s http-go; sleep 1; done"


def setup_lesson(mkl: Any) -> None:
    """http-go (3 x v1) behind Service http-go, and a client pod to run the loop in."""
    for argv in (
        ["create", "deployment", "http-go", "--image=gasbugs/http-go:v1", "--replicas=3"],
        ["expose", "deployment", "http-go", "--port=80", "--target-port=8080"],
        ["create", "deployment", "client", "--image=nginx:1.27"],
        ["clock", "advance", "10s"],
    ):
        r = mkl(*argv)
        assert r.exit_code == 0, r.stderr


@pytest.fixture
def lesson(manual: Any) -> Any:
    setup_lesson(manual)
    return manual


def clock_now(mkl: Any) -> str:
    return str(mkl("clock").stdout.splitlines()[0])


def lock_is_free() -> bool:
    """Can another process take the profile lock right now? (never blocks)"""
    fd = os.open(persist.lock_path(persist.profile_name()), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Replace the exec's wall-clock sleep; the test decides what happens while it 'waits'."""
    slept: list[float] = []
    monkeypatch.setattr(cmd_exec, "time", types.SimpleNamespace(sleep=slept.append))
    return slept


def test_manual_clock_loop_watches_the_rollout(lesson: Any) -> None:
    assert lesson("set", "image", "deployment/http-go", "http-go=gasbugs/http-go:v2").exit_code == 0
    r = lesson("exec", "deploy/client", "--", "sh", "-c", LOOP.format(n=30))
    assert (r.exit_code, r.stderr) == (0, "")
    lines = r.stdout.splitlines(keepends=True)
    assert len(lines) == 30 and lines[0] == V1 and lines[-1] == V2
    assert lines.index(V2) > 1 and set(lines[lines.index(V2) :]) == {
        V2
    }  # each sleep moved the rollout on
    assert clock_now(lesson) == "2024-01-01T00:00:40Z"  # 10 s of set-up + 30 sleeps of 1 s
    assert (
        lesson("get", "deploy", "http-go", "-o", "jsonpath={.status.updatedReplicas}").stdout == "3"
    )


def test_manual_clock_transcript_is_reproducible(mkl: Any) -> None:
    outs = []
    for _ in range(2):
        mkl("cluster", "delete")
        mkl("cluster", "start", "--clock", "manual", "--seed", "1")
        setup_lesson(mkl)
        mkl("set", "image", "deployment/http-go", "http-go=gasbugs/http-go:v2")
        outs.append(
            mkl(
                "exec",
                "deploy/client",
                "--",
                "sh",
                "-c",
                "for i in $(seq 1 20); do echo $(date +%T) $(curl -s http-go); sleep 1; done",
            ).stdout
        )
    assert (
        outs[0] == outs[1]
        and "00:00:10 Welcome! http-go:v1" in outs[0]
        and "00:00:29 Welcome! http-go:v2" in outs[0]
    )


def test_sleep_moves_a_manual_clock(lesson: Any) -> None:
    assert lesson("exec", "deploy/client", "--", "sleep", "1m", "30").exit_code == 0
    assert clock_now(lesson) == "2024-01-01T00:01:40Z"


def test_a_manual_clock_bounds_the_sleeping(lesson: Any) -> None:
    r = lesson("exec", "deploy/client", "--", "sh", "-c", "echo start; sleep 25h; echo never")
    assert (r.exit_code, r.stdout) == (124, "start\n")
    assert r.stderr == (
        "minikube-lite: the simulated shell stopped this command (it would sleep more "
        "than 24h0m0s on a manual clock); it never runs forever\n"
        "command terminated with exit code 124\n"
    )
    assert clock_now(lesson) == "2024-01-01T00:00:10Z"
    assert lesson("exec", "deploy/client", "--", "sleep", "infinity").exit_code == 124


def test_the_exec_dies_with_its_pod(lesson: Any) -> None:
    """A loop inside an http-go pod ends when the rollout replaces that pod (exit 137)."""
    assert lesson("set", "image", "deployment/http-go", "http-go=gasbugs/http-go:v2").exit_code == 0
    r = lesson(
        "exec",
        "deploy/http-go",
        "--",
        "sh",
        "-c",
        "while true; do curl -s localhost:8080; sleep 1; done",
    )
    assert (r.exit_code, r.stderr) == (137, "command terminated with exit code 137\n")
    assert set(r.stdout.splitlines(keepends=True)) == {V1}


def real_clock(mkl: Any) -> None:
    assert mkl("cluster", "start", "--clock", "real", "--seed", "1").exit_code == 0
    setup_lesson(mkl)


def test_real_clock_loop_waits_without_the_lock(mkl: Any, wall: list[float]) -> None:
    """While the loop sleeps, other commands run: here `set image` from 'another terminal'."""
    real_clock(mkl)
    free: list[bool] = []
    wall_sleep: Callable[[float], None] = wall.append

    def sleeping(seconds: float) -> None:
        wall_sleep(seconds)
        free.append(lock_is_free())
        if len(wall) == 3:
            assert (
                mkl("set", "image", "deployment/http-go", "http-go=gasbugs/http-go:v2").exit_code
                == 0
            )
            assert mkl("get", "pods").exit_code == 0
        assert mkl("clock", "advance", f"{seconds}s").exit_code == 0  # wall time passes (speed 1)

    cmd_exec.time.sleep = sleeping  # type: ignore[attr-defined]
    r = mkl("exec", "deploy/client", "--", "sh", "-c", LOOP.format(n=40))
    assert (r.exit_code, r.stderr) == (0, "")
    lines = r.stdout.splitlines(keepends=True)
    assert lines[:3] == [V1] * 3 and lines[-1] == V2
    assert free == [True] * len(wall)
    assert len(wall) <= 80 and all(
        0 < s <= 0.5 for s in wall
    )  # 1 s at speed 1: slices of at most 0.5 s


def test_ctrl_c_ends_the_loop_quietly(mkl: Any, wall: list[float]) -> None:
    real_clock(mkl)

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    cmd_exec.time.sleep = interrupt  # type: ignore[attr-defined]
    r = mkl(
        "exec", "deploy/client", "--", "sh", "-c", "while true; do curl -s http-go; sleep 1; done"
    )
    assert (r.exit_code, r.stdout, r.stderr) == (130, V1, "")


class TtyInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_interactive_sleep_line_leaves_the_lock_free(mkl: Any, wall: list[float]) -> None:
    real_clock(mkl)
    free: list[bool] = []

    def sleeping(seconds: float) -> None:
        free.append(lock_is_free())
        if len(free) == 3:
            raise KeyboardInterrupt  # Ctrl-C during the second line stops it, not the shell
        assert mkl("clock", "advance", f"{seconds}s").exit_code == 0

    cmd_exec.time.sleep = sleeping  # type: ignore[attr-defined]
    pod = mkl("get", "pods", "-l", "app=client", "-o", "name").stdout.strip().split("/")[1]
    out, err = io.StringIO(), io.StringIO()
    stdin = TtyInput("sleep 1; echo slept\nsleep 5; echo never\necho $?\nexit\n")
    code = app.run(
        ["exec", "-it", pod, "--", "sh"],
        IO(stdout=out, stderr=err, stdin=stdin, env={}, is_tty=True),
    )
    assert (code, err.getvalue()) == (0, "")
    assert out.getvalue() == "# slept\n# ^C\n# 130\n# "
    assert free == [True, True, True]
