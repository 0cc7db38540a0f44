"""``mkl dashboard`` as a command: the URL it prints, the browser it opens, Ctrl-C, its errors,
and that no other command imports it."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_portforward import Proc
from tests.cli.test_run_tty import Terminal
from tests.conftest import ROOT, MklRunner

URL = re.compile(r"^http://127\.0\.0\.1:(\d+)/\?token=[\w-]{24}\n$")
NOTICE = (
    "Because minikube-lite serves the dashboard from this process, the terminal needs to be "
    "open to run it.\n"
)
DEADLINE = 20.0


@pytest.fixture
def procs() -> Iterator[list[Proc]]:
    started: list[Proc] = []
    yield started
    for p in started:
        p.kill()


def start(procs: list[Proc], *argv: str, env: dict[str, str] | None = None) -> Proc:
    p = Proc(*argv, env=env)
    procs.append(p)
    return p


def fetch_state(url: str) -> dict[str, object]:
    api = url.replace("/?token=", "/api/state?token=")
    with urllib.request.urlopen(api, timeout=5) as resp:
        doc: dict[str, object] = json.loads(resp.read())
        return doc


@pytest.mark.subprocess
def test_url_prints_only_the_url_and_ctrl_c_exits_130(manual: MklRunner, procs: list[Proc]) -> None:
    p = start(procs, "dashboard", "--url")
    line = p.expect("http://")
    assert URL.match(line), line
    assert fetch_state(line.strip())["profile"] == "minikube"
    assert p.stop(signal.SIGINT) == 130
    assert (p.drain(), p.err) == ([line], [])


@pytest.mark.subprocess
def test_default_opens_the_browser_on_the_url(
    manual: MklRunner, procs: list[Proc], tmp_path: Path
) -> None:
    got = tmp_path / "opened"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {got}\n')
    browser.chmod(0o755)
    p = start(procs, "dashboard", env={"BROWSER": str(browser)})
    url = p.expect("http://").strip()
    end = time.monotonic() + DEADLINE
    while not (got.exists() and got.read_text()) and time.monotonic() < end:
        time.sleep(0.05)
    assert got.read_text() == url
    assert p.stop(signal.SIGTERM) == 130
    assert p.err == [f"* Opening {url} in your default browser...\n", f"! {NOTICE}"]


@pytest.mark.subprocess
def test_no_open_on_a_terminal_then_ctrl_c(
    manual: MklRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("DISPLAY", ":0")  # would open a browser, but --no-open says not to
    term = Terminal("dashboard", "--no-open")
    shown = term.expect("open to run it.")
    assert re.match(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{24}\r\n❗  Because ", shown), shown
    time.sleep(0.3)
    term.type("\x03")
    assert term.exit_code() == 130


def test_port_out_of_range_is_an_error(manual: MklRunner) -> None:
    r = manual("dashboard", "--port", "70000")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == "error: invalid port 70000: must be between 0 and 65535\n"


def test_a_port_in_use_is_an_error(manual: MklRunner) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = manual("dashboard", "--port", str(port), "--url")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == f"error: unable to listen on 127.0.0.1:{port}: address already in use\n"


def test_other_commands_never_import_the_dashboard(http_go: MklRunner) -> None:
    code = (
        "import sys\n"
        "from minikube_lite.cli import app\n"
        "for argv in (['get', 'pods'], ['rollout', 'status', 'deploy/http-go'], ['--help']):\n"
        "    app.run(argv)\n"
        "sys.stdout.flush()\n"
        "print(sorted(m for m in sys.modules if m.startswith('minikube_lite.dashboard')),"
        " file=sys.stderr)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=os.environ,
    )
    assert r.returncode == 0 and r.stderr == "[]\n", r.stderr
