"""``exec`` as a real process: a monitoring loop on a real clock sees a rollout made by another
process (which is never kept waiting), Ctrl-C exits 130; memory bombs end cleanly under a cap."""

from __future__ import annotations

import os
import queue
import resource
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.store import persist
from tests.conftest import BIN, run_cli

pytestmark = pytest.mark.subprocess
DEADLINE = 20.0  # seconds any single wait may take (a guard, not a measurement)
V1, V2 = "Welcome! http-go:v1\n", "Welcome! http-go:v2\n"


def setup_lesson(mkl: Any, *start: str) -> None:
    for argv in (
        ["cluster", "start", *start],
        ["create", "deployment", "http-go", "--image=gasbugs/http-go:v1", "--replicas=3"],
        ["expose", "deployment", "http-go", "--port=80", "--target-port=8080"],
        ["create", "deployment", "client", "--image=nginx:1.27"],
        ["rollout", "status", "deployment/http-go"],
        ["rollout", "status", "deployment/client"],
    ):
        r = mkl(*argv)
        assert r.exit_code == 0, r.stderr


def test_real_clock_loop_sees_another_process_roll_out(mkl: Any) -> None:
    setup_lesson(mkl, "--clock", "real", "--speed", "20", "--seed", "1")
    loop = "while true; do curl -s http-go; sleep 1; done"
    p = subprocess.Popen(
        [str(BIN / "mkl"), "exec", "deploy/client", "--", "sh", "-c", loop],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(ln) for ln in iter(p.stdout.readline, "")], daemon=True
    ).start()  # type: ignore[union-attr]

    def next_line() -> str:
        return lines.get(timeout=DEADLINE)

    try:
        assert next_line() == V1  # streamed while the loop runs, not at its end
        r = run_cli(
            "set", "image", "deployment/http-go", "http-go=gasbugs/http-go:v2", timeout=DEADLINE
        )
        assert r.returncode == 0, r.stderr
        assert (
            run_cli("get", "pods", timeout=DEADLINE).returncode == 0
        )  # the loop never holds the lock for long
        seen = [next_line()]
        end = time.monotonic() + DEADLINE
        while seen[-1] != V2 and time.monotonic() < end:
            seen.append(next_line())
        assert seen[-1] == V2 and set(seen) <= {V1, V2}
        p.send_signal(signal.SIGINT)
        assert p.wait(timeout=DEADLINE) == 130
        assert p.stderr is not None and p.stderr.read() == ""  # quiet: no traceback, no message
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def _cap_memory() -> None:
    cap = 512 << 20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


BOMBS = [
    ("x=a; while true; do x=$x$x; done", 2, "sh: 1: Out of space\n"),
    ("x=a; while true; do export x=$x$x; done", 2, "sh: 1: Out of space\n"),
    ('set -- a; while true; do set -- "$@" "$@"; done', 2, "sh: 1: Out of space\n"),
    ("y=$(x=a; while true; do x=$x$x; done)", 2, "sh: 1: Out of space\n"),
    ("printf '%01999999999d' 1", 2, "sh: 1: Out of space\n"),
    (
        "x=a; while true; do x=$x$x; echo $x >> /tmp/f || exit 9; done",
        9,
        "echo: /tmp/f: No space left on device\n",
    ),
    (
        "x=aaaaaaaaaaaaaaaa; for i in $(seq 16); do x=$x$x; done; while true; do echo $x; done",
        124,
        "(more than 16 MiB of output); it never runs forever\n",
    ),
    (
        "seq 1 99999999999999999999999",
        124,
        "(seq produced more than 10000 numbers); it never runs forever\n",
    ),
    (
        "echo $((" + "(" * 400 + "1" + ")" * 400 + "))",
        0,
        'expression nested too deeply: "' + "(" * 400 + "1" + ")" * 400 + '"\n',
    ),
    (
        "(" * 2000 + "echo" + ")" * 2000,
        2,
        "sh: more than 48 nested blocks: not supported by the minikube-lite shell\n",
    ),
]


def test_memory_bombs_end_cleanly_under_a_memory_cap(manual: Any) -> None:
    setup_lesson(manual, "--clock", "manual", "--seed", "1")
    state = Path(persist.state_path(persist.profile_name()))
    before = state.read_bytes()
    for script, code, tail in BOMBS:
        r = subprocess.run(
            [str(BIN / "mkl"), "exec", "deploy/client", "--", "sh", "-c", script],
            capture_output=True,
            text=True,
            env=dict(os.environ),
            timeout=DEADLINE,
            preexec_fn=_cap_memory,
        )
        assert "Traceback" not in r.stderr and "MemoryError" not in r.stderr, (
            script,
            r.stderr[-2000:],
        )
        assert r.returncode == code, (script, r.stderr[-500:])
        expected = tail + (f"command terminated with exit code {code}\n" if code else "")
        assert r.stderr.endswith(expected), (script, r.stderr[-500:])
    assert state.read_bytes() == before
