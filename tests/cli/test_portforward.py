"""``port-forward`` and ``service --url`` as real processes:
loopback listeners answering from the cluster.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import struct
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

DEADLINE = 20.0  # seconds any single wait may take


class Proc:
    """A running ``mkl`` whose output lines are collected by reader threads."""

    def __init__(self, *argv: str, env: dict[str, str] | None = None) -> None:
        self.p = subprocess.Popen(
            [str(BIN / "mkl"), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.out: queue.Queue[str] = queue.Queue()
        self.lines: list[str] = []
        self.err: list[str] = []
        self.pumps = [
            threading.Thread(target=self._pump, args=(self.p.stdout, self.out.put), daemon=True),
            threading.Thread(target=self._pump, args=(self.p.stderr, self.err.append), daemon=True),
        ]
        for t in self.pumps:
            t.start()

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
        raise AssertionError(
            f"no line starting with {prefix!r}; stdout={self.lines} stderr={self.err} "
            f"rc={self.p.poll()}"
        )

    def wait(self) -> int:
        """The exit code, once the process ended and its output was all read."""
        code = self.p.wait(timeout=DEADLINE)
        for t in self.pumps:
            t.join(timeout=DEADLINE)
        return code

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.p.poll() is None:
            self.p.send_signal(sig)
        try:
            return self.wait()
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


def start(procs: list[Proc], *argv: str, env: dict[str, str] | None = None) -> Proc:
    p = Proc(*argv, env=env)
    procs.append(p)
    return p


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode()


@pytest.fixture
def hello(manual: Any) -> Any:
    """Deployment web: 3 pods of example/hello:v1, which answer "TAG POD-NAME",
    behind Service web.
    """
    for tag in ("v1", "v2"):
        assert (
            manual(
                "image",
                "add",
                f"example/hello:{tag}",
                "--http-port",
                "8080",
                "--body",
                "{tag} {hostname}",
            ).exit_code
            == 0
        )
    assert (
        manual("create", "deployment", "web", "--image=example/hello:v1", "--replicas=3").exit_code
        == 0
    )
    assert manual("expose", "deployment", "web", "--port=80", "--target-port=8080").exit_code == 0
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


@pytest.mark.subprocess
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


KLOG = re.compile(
    r'E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ portforward\.go:\d+\] "An error occurred forwarding" '
    r'err="error forwarding port 8080 to pod (?P<sandbox>[0-9a-f]{64}), uid : '
    r'(?P<why>.*)" localPort=(?P<local>\d+) remotePort=8080\n'
)
GO_400 = (
    b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\n\r\n400 Bad Request"
)


@pytest.mark.subprocess
def test_forward_svc_sticks_to_one_pod_until_it_is_gone(hello: Any, procs: list[Proc]) -> None:
    pf = start(procs, "port-forward", "svc/web", ":80")
    line = pf.expect("Forwarding from 127.0.0.1:")
    assert line.endswith(" -> 8080\n")  # Service port 80, translated to the pod's targetPort
    url = f"http://127.0.0.1:{local_port(line)}/"
    seen = {fetch(url) for _ in range(6)}
    assert len(seen) == 1, seen  # one pod, chosen at start, answers every connection
    tag, pod = seen.pop().split()
    assert tag == "v1"
    assert run_cli("delete", "pod", pod).returncode == 0
    assert run_cli("clock", "advance", "5s").returncode == 0
    assert pf.p.poll() is None  # like kubectl, the forward finds out at its next connection
    with pytest.raises(OSError):  # the connection is closed without an answer
        fetch(url)
    assert pf.wait() == 1
    assert len(pf.err) == 2 and pf.err[1] == "error: lost connection to pod\n", pf.err
    m = KLOG.fullmatch(pf.err[0])
    assert m, pf.err[0]
    assert m["why"] == f'failed to find sandbox \\"{m["sandbox"]}\\" in store: not found'


@pytest.mark.subprocess
def test_service_url_balances_over_ready_endpoints_through_a_rollout(
    hello: Any, procs: list[Proc]
) -> None:
    from minikube_lite.store import persist

    svc = start(procs, "service", "web", "--url")
    url = svc.expect("http://127.0.0.1:").strip()
    saved = persist.version("minikube")
    first = [fetch(url).split() for _ in range(12)]
    assert {tag for tag, _ in first} == {"v1"}
    assert len({pod for _, pod in first}) > 1, first  # a ready endpoint per connection
    assert persist.version("minikube") == saved  # answering wrote nothing to the state file
    assert run_cli("set", "image", "deployment/web", "hello=example/hello:v2").returncode == 0
    rounds: list[set[str]] = []
    for _ in range(30):
        assert run_cli("clock", "advance", "1s").returncode == 0
        rounds.append({fetch(url).split()[0] for _ in range(6)})
        if rounds[-2:] == [{"v2"}, {"v2"}]:
            break
    assert "v1" in rounds[0] and rounds[-1] == {"v2"}, rounds
    assert {"v1", "v2"} in rounds, rounds  # old and new pods answered within the same second
    assert svc.stop() == 130


@pytest.mark.subprocess
def test_service_url_reuses_a_tunnel_but_not_a_port_forward(
    http_go: Any, procs: list[Proc]
) -> None:
    pf = start(procs, "port-forward", "svc/http-go", ":80")
    pf_port = local_port(pf.expect("Forwarding from 127.0.0.1:"))
    svc = start(
        procs, "service", "http-go", "--url"
    )  # a port-forward is tied to one pod: not reused
    url = svc.expect("http://127.0.0.1:").strip()
    assert url != f"http://127.0.0.1:{pf_port}"
    assert fetch(url) == "Welcome! http-go:v1\n"
    r = run_cli(
        "service", "http-go", "--url", timeout=DEADLINE
    )  # a process: it must return, not serve
    assert (r.returncode, r.stdout, r.stderr) == (0, url + "\n", "")
    assert (svc.stop(), pf.stop()) == (130, 130)
    assert any("the terminal needs to be open to run it" in line for line in svc.err)
    r = http_go("service", "nope", "--url")
    assert r.exit_code == 115
    assert (
        "Exiting due to SVC_NOT_FOUND: Service 'nope' was not found in 'default' namespace."
        in r.stderr
    )


def exchange(port: int, data: bytes) -> bytes:
    """Send raw bytes, read until the server closes the connection."""
    out = b""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        while chunk := s.recv(4096):
            out += chunk
    return out


@pytest.mark.subprocess
def test_listener_shrugs_off_bad_clients(http_go: Any, procs: list[Proc]) -> None:
    pf = start(procs, "port-forward", "svc/http-go", ":80", env={"MKL_FORWARD_TIMEOUT": "0.5"})
    port = local_port(pf.expect("Forwarding from 127.0.0.1:"))
    for length in ("abc", "-1", "1, 2"):
        assert (
            exchange(
                port, f"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\n".encode()
            )
            == GO_400
        ), length
    for i in range(50):  # clients that reset the connection, before or after sending a request
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" if i % 2 else b"GET / HT")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with socket.create_connection(("127.0.0.1", port), timeout=DEADLINE) as s:
        assert s.recv(1) == b""  # a silent client is disconnected after MKL_FORWARD_TIMEOUT
    assert fetch(f"http://127.0.0.1:{port}/") == "Welcome! http-go:v1\n"
    assert pf.stop() == 130
    assert pf.err == []


NAMED = """\
apiVersion: v1
kind: Pod
metadata: {name: named, labels: {app: named}}
spec:
  containers:
  - name: web
    image: gasbugs/http-go:v1
    ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]
---
apiVersion: v1
kind: Service
metadata: {name: named}
spec:
  selector: {app: named}
  ports:
  - {name: web, port: 80, targetPort: http}
  - {name: dns, port: 53, targetPort: dns, protocol: UDP}
"""


@pytest.fixture
def named(manual: Any) -> Any:
    assert manual("create", "-f", "-", stdin=NAMED).exit_code == 0
    assert manual("clock", "advance", "10s").exit_code == 0
    return manual


@pytest.mark.parametrize(
    ("resource", "spec", "local", "remote"),
    [
        pytest.param("svc/named", "8080:80", 8080, 8080, id="svc-port-to-named-target-port"),
        pytest.param("svc/named", "web", 80, 8080, id="named-svc-port-listens-on-its-number"),
        pytest.param("svc/named", ":web", 0, 8080, id="named-svc-port-random-local"),
        pytest.param("pod/named", "http", 8080, 8080, id="named-container-port"),
        pytest.param("pod/named", "9000:http", 9000, 8080, id="named-container-port-local"),
    ],
)
def test_plan_resolves_ports_like_kubectl(
    named: Any, resource: str, spec: str, local: int, remote: int
) -> None:
    from minikube_lite.ops import forward, session

    with session.open_cluster(None) as cluster:
        fwd = forward.plan(cluster, "default", resource, [spec])
    assert (fwd.pod, fwd.tunnel, fwd.ports[0].local, fwd.ports[0].remote) == (
        "named",
        False,
        local,
        remote,
    )


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ["svc/named", "8080:nope"],
            "error: Service 'named' does not have a named port 'nope'\n",
            id="svc-named-port",
        ),
        pytest.param(
            ["pod/named", "8080:nope"],
            "error: Pod 'named' does not have a named port 'nope'\n",
            id="pod-named-port",
        ),
        pytest.param(
            ["svc/named", "53"], "error: UDP protocol is not supported for 53\n", id="svc-udp"
        ),
        pytest.param(
            ["pod/named", "dns"], "error: UDP protocol is not supported for dns\n", id="pod-udp"
        ),
        pytest.param(
            ["pod/named", "8080:99999"],
            "error: error parsing remote port '99999': strconv.ParseUint: parsing "
            '"99999": value out of range\n',
            id="remote-range",
        ),
    ],
)
def test_plan_port_errors(named: Any, argv: list[str], stderr: str) -> None:
    r = named("port-forward", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


@pytest.mark.subprocess
def test_forward_port_in_use(http_go: Any) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli(
            "port-forward", "--address", "127.0.0.1", "svc/http-go", f"{port}:80", timeout=DEADLINE
        )
    assert r.returncode == 1
    assert r.stderr == (
        f"Unable to listen on port {port}: Listeners failed to create with the following errors: "
        f"[unable to create listener: Error listen tcp4 127.0.0.1:{port}: bind: address "
        "already in use]\n"
        f"error: unable to listen on any of the requested ports: [{{{port} 8080}}]\n"
    )


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ["port-forward", "svc/http-go"],
            "error: TYPE/NAME and list of ports are required for port-forward\n"
            "See 'mkl port-forward -h' for help and examples\n",
            id="no-ports",
        ),
        pytest.param(
            ["port-forward", "svc/http-go", "8080:81"],
            "error: Service http-go does not have a service port 81\n",
            id="no-such-service-port",
        ),
        pytest.param(
            ["port-forward", "svc/nope", "8080:80"],
            'Error from server (NotFound): services "nope" not found\n',
            id="missing",
        ),
        pytest.param(
            ["port-forward", "svc/http-go", "x:80"],
            "error: error parsing local port 'x': strconv.ParseUint: parsing \"x\": "
            "invalid syntax\n",
            id="bad-local",
        ),
        pytest.param(
            ["port-forward", "--address", "nowhere", "svc/http-go", "8080:80"],
            "error: nowhere is not a valid IP\n",
            id="bad-address",
        ),
    ],
)
def test_forward_argument_errors(http_go: Any, argv: list[str], stderr: str) -> None:
    r = http_go(*argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_forward_pod_not_running(manual: Any) -> None:
    manual("create", "deployment", "slow", "--image=nginx:1.27")
    r = manual("port-forward", "deploy/slow", "8080:80")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: unable to forward port because pod is not running. Current status=Pending\n",
    )


@pytest.mark.subprocess
def test_forward_to_echo_server_shows_the_real_request(manual: Any, procs: list[Proc]) -> None:
    """kicbase/echo-server prints the request port-forward delivered, headers as the client sent."""
    assert manual("create", "deployment", "echo", "--image=kicbase/echo-server:1.0").exit_code == 0
    assert manual("clock", "advance", "10s").exit_code == 0
    pf = start(procs, "port-forward", "deploy/echo", ":8080")
    port = local_port(pf.expect("Forwarding from 127.0.0.1:"))
    req = urllib.request.Request(f"http://127.0.0.1:{port}/a?b=1", headers={"X-Lesson": "7"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        body = resp.read().decode()
    assert body.startswith("Request served by echo-") and "\n\nHTTP/1.1 GET /a?b=1\n\n" in body
    assert f"\nHost: 127.0.0.1:{port}\n" in body and body.endswith("X-Lesson: 7\n")
    assert pf.stop() == 130
