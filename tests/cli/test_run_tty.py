"""``run -it`` and ``exec -it`` on a real pseudo-terminal: the prompt, line editing, Ctrl-C
stopping the running command (not the session), Ctrl-D and ``exit`` ending it, ``--rm``."""

from __future__ import annotations

import os
import pty
import select
import signal
import time
from typing import Any

import pytest

from tests.conftest import BIN

pytestmark = pytest.mark.subprocess
DEADLINE = 20.0  # seconds any single wait may take (a guard, not a measurement)


class Terminal:
    """``mkl ARGV`` on the slave side of a new pseudo-terminal; the test types on the master."""

    def __init__(self, *argv: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: mkl with the test's environment (its MKL_HOME)
            os.execv(str(BIN / "mkl"), ["mkl", *argv])
        self.seen = b""

    def expect(self, text: str) -> str:
        """Read until ``text`` has appeared; returns everything read so far (then forgets it)."""
        want, end = text.encode(), time.monotonic() + DEADLINE
        while want not in self.seen:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, end - time.monotonic()))
            assert ready, f"no {text!r} on the terminal; it shows {self.seen!r}"
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # the child closed the terminal
                chunk = b""
            assert chunk, f"the terminal closed before {text!r}; it showed {self.seen!r}"
            self.seen += chunk
        out, self.seen = self.seen.decode(), b""
        return out

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def interrupt(self) -> None:
        """Ctrl-C, as a person types it: not in the instant between the prompt and readline's
        wait for a key (a SIGINT in that window is only seen with the next one: Python's
        readline selects on the terminal alone)."""
        time.sleep(0.3)
        self.type("\x03")

    def exit_code(self) -> int:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            try:  # keep draining, so the child never blocks on a full terminal
                if select.select([self.fd], [], [], 0.1)[0]:
                    self.seen += os.read(self.fd, 4096)
            except OSError:
                pass
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"mkl did not exit; the terminal shows {self.seen!r}")


def test_run_it_rm_opens_the_shell_and_deletes_the_pod(http_go: Any) -> None:
    term = Terminal("run", "-it", "--rm", "tmp", "--image=busybox", "--", "sh")
    banner = term.expect("/ # ")
    assert "If you don't see a command prompt, try pressing enter.\r\n/ # " in banner
    term.type("wget -qO- http-go\r")
    assert term.expect("/ # ") == "wget -qO- http-go\r\nWelcome! http-go:v1\r\n/ # "
    term.type("echo ab\x7fc $HOSTNAME\r")  # the terminal edits the line: backspace erases b
    assert term.expect("/ # ").endswith(" $HOSTNAME\r\nac tmp\r\n/ # ")
    term.type("exit 3\r")
    tail = term.expect("namespace\r\n")
    assert tail == (
        "exit 3\r\nSession ended, resume using 'mkl attach tmp -c tmp -n default -i -t' command\r\n"
        'pod "tmp" deleted from default namespace\r\n'
    )
    assert term.exit_code() == 0  # OnFailure: the restarted shell finds stdin closed, exits 0
    assert http_go("get", "pod", "tmp", "-o", "jsonpath={.metadata.deletionTimestamp}").stdout


def test_exec_it_ctrl_c_stops_the_command_not_the_session(mkl: Any) -> None:
    for argv in (
        ["cluster", "start", "--clock", "real", "--speed", "20", "--seed", "1"],
        ["create", "deployment", "box", "--image=busybox:1.36", "--", "sleep", "infinity"],
        ["rollout", "status", "deployment/box"],
    ):
        r = mkl(*argv)
        assert r.exit_code == 0, r.stderr
    term = Terminal("exec", "-it", "deploy/box", "--", "sh")
    term.expect("/ # ")
    term.type("while true; do echo tick; sleep 1; done\r")
    term.expect("tick\r\n")  # the loop runs (and sleeps on the real clock) ...
    term.interrupt()  # ... until Ctrl-C, which ends the loop but leaves the shell
    assert term.expect("/ # ").endswith("^C\r\n/ # ")
    term.type("echo status=$?\r")
    assert term.expect("/ # ") == "echo status=$?\r\nstatus=130\r\n/ # "
    term.interrupt()  # at the prompt: a new prompt
    assert term.expect("/ # ") == "^C\r\n/ # "
    term.type("true\r")
    term.expect("/ # ")
    term.type("\x04")  # Ctrl-D: the session ends with the last command's status
    assert term.exit_code() == 0
