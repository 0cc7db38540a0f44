"""The live view of ``rollout status`` (issue 7).

* Frames of a scripted rollout (manual clock) rendered through rich's recording console at a fixed
  width, compared with reviewed golden files in tests/golden/ (``MKL_UPDATE_GOLDEN=1`` rewrites
  them).
* ``mkl rollout status`` in a real pseudo-terminal draws the live display and ends with kubectl's
  line.
* Piped, the output is exactly kubectl's lines, and rich is never imported.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.ops import rollout, session
from tests import builders as mk
from tests.conftest import BIN, ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
WIDTH = 100
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]")
# kubectl's lines for the scripted update (reviewed against rollout_status.go's three messages).
WAIT = 'Waiting for deployment "http-go" rollout to finish: '
PIPED = (
    [WAIT + "2 out of 4 new replicas have been updated..."] * 4
    + [WAIT + "1 old replicas are pending termination..."] * 3
    + ['deployment "http-go" successfully rolled out']
)


@pytest.fixture(autouse=True)
def _no_pacing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The live view holds each simulated instant for MKL_LIVE_PACE wall seconds: not in tests."""
    monkeypatch.setenv("MKL_LIVE_PACE", "0")


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; ``MKL_UPDATE_GOLDEN=1`` writes it instead."""
    path = GOLDEN / name
    if os.environ.get("MKL_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), (
        f"missing golden file {path}: run the tests with MKL_UPDATE_GOLDEN=1 and review it"
    )
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file (MKL_UPDATE_GOLDEN=1 rewrites it)"
    )


def ok(mkl: Any, *argv: str) -> str:
    r = mkl(*argv)
    assert r.exit_code == 0, (argv, r.stdout, r.stderr)
    return str(r.stdout)


@pytest.fixture
def updating(manual: Any, tmp_path: Path) -> Any:
    """http-go (4 replicas, minReadySeconds 10) rolled out on v1, then ``set image`` to v2."""
    path = mk.write(tmp_path / "http-go.yaml", mk.http_go(minReadySeconds=10))
    ok(manual, "apply", "-f", path)
    ok(manual, "rollout", "status", "deploy/http-go")
    ok(manual, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2")
    return manual


def frame(width: int = WIDTH, styles: bool = False) -> str:
    """The live view of deployment http-go as it is now (what the terminal would show)."""
    from minikube_lite.cli import console, live

    with session.open_cluster(None) as cluster:
        facts, clock_text, _ = live.snapshot(cluster, "default", "http-go")
    message, done = rollout.deployment_status(facts.deployment)
    con = console.recording_console(width)
    con.print(console.render_rollout(live.build_view(facts, message, done, clock_text)))
    return str(con.export_text(styles=styles))


# ----- golden frames ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("advance", "name"),
    [
        ("", "live_0s_pending.txt"),
        ("2s", "live_2s_creating.txt"),
        ("4s", "live_4s_min_ready.txt"),
        ("14s", "live_14s_second_batch.txt"),
        ("18s", "live_18s_old_pod_left.txt"),
    ],
)
def test_frames_of_a_scripted_rollout(updating: Any, advance: str, name: str) -> None:
    if advance:
        ok(updating, "clock", "advance", advance)
    check_golden(name, frame())


def test_final_frame_and_recreate(manual: Any) -> None:
    ok(manual, "apply", "-f", str(ROOT / "manifests" / "http-go-recreate.yaml"))
    ok(manual, "rollout", "status", "deploy/http-go-recreate")
    ok(manual, "set", "image", "deploy/http-go-recreate", "http-go=gasbugs/http-go:v2")
    from minikube_lite.cli import console, live

    with session.open_cluster(None) as cluster:
        facts, clock_text, _ = live.snapshot(cluster, "default", "http-go-recreate")
    message, done = rollout.deployment_status(facts.deployment)
    con = console.recording_console(WIDTH)
    con.print(console.render_rollout(live.build_view(facts, message, done, clock_text)))
    check_golden("live_recreate_waiting.txt", con.export_text())


def test_colours_follow_pod_states(updating: Any) -> None:
    ok(updating, "clock", "advance", "4s")
    text = frame(styles=True)
    assert "\x1b[33m◐ \x1b[0m" in text  # ready, waiting for minReadySeconds: yellow
    assert "\x1b[32m● \x1b[0m" in text  # available: green
    assert "\x1b[1;32m" not in text  # not done yet: kubectl's line is not green


def test_strategy_line_resolves_numbers() -> None:
    from minikube_lite.cli import live

    d: dict[str, Any] = {
        "spec": {
            "replicas": 10,
            "minReadySeconds": 5,
            "strategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxSurge": "39%", "maxUnavailable": 2},
            },
        }
    }
    assert (
        live.strategy_line(d)
        == "RollingUpdate: maxSurge 39% -> 4, maxUnavailable 2, minReadySeconds 5"
    )
    assert (
        live.bounds_line(d)
        == "10 replicas: at least 8 available (floor), at most 14 pods (ceiling)"
    )
    d["spec"]["strategy"] = {"type": "Recreate"}
    assert (
        live.strategy_line(d)
        == "Recreate: every old pod stops before a new one starts, minReadySeconds 5"
    )


def test_many_pods_are_counted_not_listed(manual: Any) -> None:
    ok(manual, "create", "deployment", "big", "--image=gasbugs/http-go:v1", "--replicas=30")
    from minikube_lite.cli import console, live

    with session.open_cluster(None) as cluster:
        facts, clock_text, _ = live.snapshot(cluster, "default", "big")
    view = live.build_view(facts, "x", False, clock_text)
    assert (
        len(view.revisions[0].pods) == live.PODS_SHOWN
        and view.revisions[0].more == 30 - live.PODS_SHOWN
    )
    con = console.recording_console(WIDTH)
    con.print(console.render_rollout(view))
    assert f"… {30 - live.PODS_SHOWN} more pods" in con.export_text()


# ----- the command on a terminal and in a pipe ----------------------------------------------------


def test_in_process_tty_draws_the_view_and_plain_opts_out(updating: Any) -> None:
    r = updating("rollout", "status", "deploy/http-go", tty=True)
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("deployment.apps/http-go") and "revisions" in lines
    assert lines[-1] == 'deployment "http-go" successfully rolled out'
    assert r.stdout.endswith("\n")


def test_plain_flag_and_no_tty_print_kubectl_lines(updating: Any) -> None:
    r = updating("rollout", "status", "deploy/http-go", "--plain", tty=True)
    assert (r.exit_code, r.stdout.splitlines()) == (0, PIPED)


def test_piped_output_is_exactly_kubectls_lines(updating: Any) -> None:
    r = run_cli("rollout", "status", "deploy/http-go")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "".join(line + "\n" for line in PIPED)
    assert r.stderr == ""


def test_piped_rollout_status_never_imports_rich(updating: Any) -> None:
    code = (
        "import sys\n"
        "from minikube_lite.cli import app\n"
        "rc = app.run(['rollout', 'status', 'deploy/http-go'])\n"
        "sys.stdout.flush()\n"
        "print('RICH' if any(m == 'rich' or m.startswith('rich.') for m in sys.modules) "
        "else 'NO-RICH', rc, file=sys.stderr)\n"
    )
    env = {**os.environ, "NO_COLOR": ""}
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, cwd=ROOT
    )
    assert r.stderr.strip() == "NO-RICH 0", r.stderr
    assert r.stdout == "".join(line + "\n" for line in PIPED)


def _pty_run(argv: list[str], env: dict[str, str], timeout: float = 60) -> tuple[int, str]:
    """Run a command with a pseudo-terminal (100x40) as stdin/stdout/stderr; (exit code, output)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, WIDTH, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError as e:  # EIO: the child closed its side
                if e.errno != errno.EIO:
                    raise
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=10), b"".join(chunks).decode("utf-8", "replace")


def test_live_view_in_a_real_pseudo_terminal(updating: Any) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update({"TERM": "xterm-256color", "MKL_LIVE_PACE": "0"})
    code, out = _pty_run([str(BIN / "mkl"), "rollout", "status", "deploy/http-go"], env)
    assert code == 0, out
    assert "\x1b[?25l" in out  # the live display hides the cursor while it redraws ...
    assert "\x1b[?25h" in out  # ... and shows it again at the end
    assert (
        "\x1b[1A\x1b[2K" in out
    )  # frames are redrawn in place: cursor up, erase the line (rich's LiveRender)
    text = ANSI.sub("", out).replace("\r", "")
    assert (
        "revisions" in text
        and "maxSurge 25% -> 1, maxUnavailable 25% -> 1, minReadySeconds 10" in text
    )
    assert "minReadySeconds" in text and "◐" in text and "●" in text
    last = [line for line in text.splitlines() if line.strip()][-1]
    assert last.strip() == 'deployment "http-go" successfully rolled out'


@pytest.mark.parametrize(("term", "no_color"), [("xterm-256color", "1"), ("dumb", None)])
def test_no_color_or_dumb_terminal_falls_back_to_kubectl_lines(
    updating: Any, term: str, no_color: str | None
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env["TERM"] = term
    if no_color:
        env["NO_COLOR"] = no_color
    code, out = _pty_run([str(BIN / "mkl"), "rollout", "status", "deploy/http-go"], env)
    assert code == 0
    assert out.replace("\r\n", "\n") == "".join(line + "\n" for line in PIPED)


def test_live_view_keeps_the_last_frame_on_errors(manual: Any) -> None:
    ok(manual, "apply", "-f", str(ROOT / "manifests" / "failures" / "image-pull.yaml"))
    manual("clock", "advance", "1m")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.161")
    r = manual("rollout", "status", "deploy/web", "--timeout=20s", tty=True)
    assert (r.exit_code, r.stderr) == (1, "error: timed out waiting for the condition\n")
    assert "ImagePullBackOff" in r.stdout and "cannot pull image" in r.stdout


# ----- get -w (kubectl's watch table) -------------------------------------------------------------


def watch_while_time_passes(mkl: Any, monkeypatch: pytest.MonkeyPatch, *argv: str) -> Any:
    """``get ARGV -w`` while another terminal advances the manual clock 5 s at a time,
    for 2 minutes.
    """
    from minikube_lite.cli import watch
    from tests.cli.watch_helpers import OtherTerminal, run

    OtherTerminal(
        monkeypatch, watch, [run(mkl, "clock", "advance", "5s") for _ in range(24)], then="wait"
    )
    return mkl("get", *argv, "-w", "--timeout=30s")


def test_get_watch_streams_rows_without_headers(
    updating: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = watch_while_time_passes(updating, monkeypatch, "deploy")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
    rows = [line.split() for line in lines[1:]]
    assert rows[0][:4] == ["http-go", "3/4", "2", "3"] and rows[-1][:4] == [
        "http-go",
        "4/4",
        "4",
        "4",
    ]
    assert len(rows) > 2 and all(
        r[0] == "http-go" for r in rows
    )  # one row per change, never a header again
    widths = {len(line) - len(line.lstrip()) for line in lines}  # every row starts at column 0
    assert widths == {0}


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        ("pods", "NAME                       READY   STATUS        RESTARTS   AGE"),
        ("rs", "NAME                 DESIRED   CURRENT   READY   AGE"),
        ("deploy", "NAME      READY   UP-TO-DATE   AVAILABLE   AGE"),
        ("ns", "NAME              STATUS   AGE"),
        ("svc", "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE"),
        (
            "events",
            "LAST SEEN   TYPE     REASON              OBJECT                          MESSAGE",
        ),
    ],
)
def test_get_watch_works_on_every_kind(
    updating: Any, monkeypatch: pytest.MonkeyPatch, kind: str, header: str
) -> None:
    r = watch_while_time_passes(updating, monkeypatch, kind)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0] == header


def test_get_watch_of_several_types_is_refused(updating: Any) -> None:
    for argv in (["deploy,rs"], ["all"]):
        r = updating("get", *argv, "-w")
        assert (r.exit_code, r.stdout, r.stderr) == (
            1,
            "",
            "error: you may only specify a single resource type\n",
        )


def test_manual_clock_holds_each_instant_for_the_pace(
    updating: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import types

    from minikube_lite.cli import live

    slept: list[float] = []
    monkeypatch.setattr(live, "time", types.SimpleNamespace(sleep=slept.append))
    monkeypatch.setenv("MKL_LIVE_PACE", "0.25")
    r = updating("rollout", "status", "deploy/http-go", tty=True)
    assert r.exit_code == 0, r.stderr
    assert slept and set(slept) == {0.25}
    assert (
        len(slept) >= 4
    )  # one pause per simulated instant after the first (0s, 4s, 14s, 15s, 18s, 25s)
