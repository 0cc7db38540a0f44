"""``port-forward`` and ``service --url`` as real processes: loopback listeners answering from the cluster."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BIN, run_cli

pytestmark = pytest.mark.subprocess
DEADLINE = 20.0  # seconds any single wait may take


class Proc:
    """A running ``mkl`` whose output lines are collected by reader threads."""

    def __init__(self, *argv: str) -> None:
        self.p = subprocess.Popen([str(BIN / "mkl"), *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
        self.out: queue.Queue[str] = queue.Queue()
        self.lines: list[str] = []
        self.err: list[str] = []
        threading.Thread(target=self._pump, args=(self.p.stdout, self.out.put), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.p.stderr, self.err.append), daemon=True).start()

    @staticmethod
    def _pump(stream: Any, sink: Any) -> None:
        for line in iter(stream.readline, ""):
            sink(line)

    def expect(self, prefix: str, timeout: float = DEADLINE) -> str:
        """The next stdout line starting with ``prefix`` (fails after ``timeout``)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.out.get(timeout=0.1)
            except queue.Empty:
                if self.p.poll() is not None and self.out.empty():
                    break
                continue
            self.lines.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting with {prefix!r}; stdout={self.lines} stderr={self.err} rc={self.p.poll()}")

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.p.poll() is None:
            self.p.send_signal(sig)
        try:
            return self.p.wait(timeout=DEADLINE)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait(timeout=DEADLINE)

    def drain(self) -> list[str]:
        while not self.out.empty():
            self.lines.append(self.out.get())
        return self.lines


@pytest.fixture
def procs() -> Iterator[list[Proc]]:
    started: list[Proc] = []
    yield started
    for p in started:
        p.kill()


def start(procs: list[Proc], *argv: str) -> Proc:
    p = Proc(*argv)
    procs.append(p)
    return p


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode()


@pytest.fixture
def http_go(manual: Any) -> Any:
    assert manual("create", "deployment", "http-go", "--image=gasbugs/http-go:v1", "--replicas=2").exit_code == 0
    assert manual("expose", "deployment", "http-go", "--port=80", "--target-port=8080").exit_code == 0
    assert manual("clock", "advance", "10s").exit_code == 0
    return manual


def local_port(line: str) -> int:
    """``Forwarding from 127.0.0.1:PORT -> REMOTE`` -> PORT."""
    return int(line.split()[2].rsplit(":", 1)[1])


def listening(port: int) -> set[str]:
    """Local addresses LISTENing on ``port`` according to /proc/net/tcp and tcp6."""
    found = set()
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for row in path.read_text().splitlines()[1:]:
            cols = row.split()
            addr, hexport = cols[1].rsplit(":", 1)
            if cols[3] == "0A" and int(hexport, 16) == port:
                found.add(addr)
    return found


def outside_ip() -> str | None:
    """A non-loopback address of this machine, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            ip = s.getsockname()[0]
    except OSError:
        return None
    return None if ip.startswith("127.") else ip


def test_forward_service_answers_and_binds_loopback_only(http_go: Any, procs: list[Proc]) -> None:
    pf = start(procs, "port-forward", "svc/http-go", ":80")
    line = pf.expect("Forwarding from 127.0.0.1:")
    port = local_port(line)
    assert line == f"Forwarding from 127.0.0.1:{port} -> 8080\n"
    if socket.has_ipv6:
        pf.expect(f"Forwarding from [::1]:{port} -> 8080")
    assert fetch(f"http://127.0.0.1:{port}/") == "Welcome! http-go:v1\n"
    with pytest.raises(urllib.error.HTTPError) as e:
        fetch(f"http://127.0.0.1:{port}/missing")
    assert e.value.code == 404
    if Path("/proc/net/tcp").exists():
        addrs = listening(port)
        assert addrs and addrs <= {"0100007F", "00000000000000000000000001000000"}, addrs
    ip = outside_ip()
    if ip:
        with pytest.raises(OSError):
            socket.create_connection((ip, port), timeout=2).close()
    pf.expect(f"Handling connection for {port}")
    assert pf.stop() == 130
    assert not list((Path(os.environ["MKL_HOME"]) / "forwards").glob("*.json"))


def test_forward_sees_a_rolling_update_step_by_step(http_go: Any, procs: list[Proc]) -> None:
    pf = start(procs, "port-forward", "svc/http-go", ":80")
    url = f"http://127.0.0.1:{local_port(pf.expect('Forwarding from 127.0.0.1:'))}/"
    assert {fetch(url) for _ in range(4)} == {"Welcome! http-go:v1\n"}
    r = run_cli("set", "image", "deployment", "http-go", "http-go=gasbugs/http-go:v2")
    assert (r.returncode, r.stdout) == (0, "deployment.apps/http-go image updated\n")
    rounds = []
    for _ in range(40):
        assert run_cli("clock", "advance", "1s").returncode == 0
        rounds.append({fetch(url) for _ in range(3)})
        if rounds[-1] == {"Welcome! http-go:v2\n"} and len(rounds) > 3 and rounds[-2] == rounds[-1]:
            break
    seen = set().union(*rounds)
    assert seen == {"Welcome! http-go:v1\n", "Welcome! http-go:v2\n"}
    assert rounds[-1] == {"Welcome! http-go:v2\n"}
    assert any(len(r) == 2 for r in rounds), rounds  # both versions answered within one second
    assert pf.stop() == 130


def test_service_url_reuses_a_running_forward(http_go: Any, procs: list[Proc]) -> None:
    pf = start(procs, "port-forward", "svc/http-go", ":80")
    port = local_port(pf.expect("Forwarding from 127.0.0.1:"))
    r = run_cli("service", "http-go", "--url", timeout=DEADLINE)  # a process: it must return, not serve
    assert (r.returncode, r.stdout, r.stderr) == (0, f"http://127.0.0.1:{port}\n", "")
    pf.stop()
    r = http_go("service", "nope", "--url")
    assert r.exit_code == 115
    assert "Exiting due to SVC_NOT_FOUND: Service 'nope' was not found in 'default' namespace." in r.stderr


def test_service_url_opens_its_own_tunnel(http_go: Any, procs: list[Proc]) -> None:
    svc = start(procs, "service", "http-go", "--url")
    url = svc.expect("http://127.0.0.1:").strip()
    assert fetch(url) == "Welcome! http-go:v1\n"
    assert run_cli("service", "http-go", "--url", timeout=DEADLINE).stdout == url + "\n"
    assert svc.stop() == 130
    assert any("the terminal needs to be open to run it" in line for line in svc.err)


def test_forward_pod_ends_when_the_pod_is_gone(http_go: Any, procs: list[Proc]) -> None:
    pod = http_go("get", "pods", "-o", "name").stdout.split()[0]
    pf = start(procs, "port-forward", pod, ":8080")
    url = f"http://127.0.0.1:{local_port(pf.expect('Forwarding from 127.0.0.1:'))}/"
    assert fetch(url) == "Welcome! http-go:v1\n"
    assert run_cli("delete", pod).returncode == 0
    assert run_cli("clock", "advance", "5s").returncode == 0
    assert pf.p.wait(timeout=DEADLINE) == 1
    time.sleep(0.2)
    assert "error: lost connection to pod\n" in pf.err


def test_forward_port_in_use(http_go: Any) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("port-forward", "--address", "127.0.0.1", "svc/http-go", f"{port}:80", timeout=DEADLINE)
    assert r.returncode == 1
    assert r.stderr == (
        f"Unable to listen on port {port}: Listeners failed to create with the following errors: "
        f"[unable to create listener: Error listen tcp4 127.0.0.1:{port}: bind: address already in use]\n"
        f"error: unable to listen on any of the requested ports: [{{{port} 8080}}]\n"
    )


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(["port-forward", "svc/http-go"], "error: TYPE/NAME and list of ports are required for port-forward\nSee 'mkl port-forward -h' for help and examples\n", id="no-ports"),
        pytest.param(["port-forward", "svc/http-go", "8080:81"], "error: Service http-go does not have a service port 81\n", id="no-such-service-port"),
        pytest.param(["port-forward", "svc/nope", "8080:80"], 'Error from server (NotFound): services "nope" not found\n', id="missing"),
        pytest.param(["port-forward", "svc/http-go", "x:80"], "error: error parsing local port 'x': strconv.ParseUint: parsing \"x\": invalid syntax\n", id="bad-local"),
        pytest.param(["port-forward", "--address", "nowhere", "svc/http-go", "8080:80"], "error: nowhere is not a valid IP\n", id="bad-address"),
    ],
)
def test_forward_argument_errors(http_go: Any, argv: list[str], stderr: str) -> None:
    r = http_go(*argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_forward_pod_not_running(manual: Any) -> None:
    manual("create", "deployment", "slow", "--image=nginx:1.27")
    r = manual("port-forward", "deploy/slow", "8080:80")
    assert (r.exit_code, r.stderr) == (1, "error: unable to forward port because pod is not running. Current status=Pending\n")
