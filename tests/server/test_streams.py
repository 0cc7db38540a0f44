"""Pod streams through the real kubectl: exec and attach over WebSocket, logs (-f)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

import pytest

from minikube_lite.server import launch
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl


def _pods(mkl: MklRunner, selector: str = "app=http-go") -> list[str]:
    r = mkl("get", "pods", "-l", selector, "-o", "name")
    return [line.split("/", 1)[1] for line in r.stdout.split()]


def test_exec_runs_the_simulated_shell_with_its_exit_code(
    apiserver: launch.Launched, kc: Kubectl, http_go: MklRunner
) -> None:
    pod = _pods(http_go)[0]
    r = kc("exec", pod, "--", "curl", "-s", "127.0.0.1:8080")
    assert (r.returncode, r.stdout, r.stderr) == (0, "Welcome! http-go:v1\n", "")
    r = kc("exec", pod, "--", "sh", "-c", "echo out; echo err >&2; exit 3")
    assert (r.returncode, r.stdout) == (3, "out\n")
    assert r.stderr == "err\ncommand terminated with exit code 3\n"
    r = kc("exec", "-i", pod, "--", "cat", stdin="hi there\n")
    assert (r.returncode, r.stdout) == (0, "hi there\n")
    r = kc("exec", "-i", pod, "--", "sh", stdin="echo hi\nexit 4\necho never\n")
    assert (r.returncode, r.stdout) == (4, "hi\n")


def test_exec_errors_before_the_upgrade_are_the_api_servers(
    apiserver: launch.Launched, kc: Kubectl, http_go: MklRunner
) -> None:
    pod = _pods(http_go)[0]
    r = kc("exec", "nope", "--", "true")
    assert (r.returncode, r.stderr) == (1, 'Error from server (NotFound): pods "nope" not found\n')
    r = kc("exec", pod, "-c", "side", "--", "true")
    assert (r.returncode, r.stderr) == (
        1,
        f"error: container side is not valid for pod {pod} out of: http-go\n",
    )


def _pty_kubectl(up: launch.Launched, kc: Kubectl, argv: list[str], keys: list[bytes]) -> str:
    """kubectl under a pseudo-terminal: type ``keys`` one by one after the first prompt."""
    from tests.conftest import KUBECTL

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["KUBECONFIG"] = str(up.kubeconfig_path)
        os.execv(str(KUBECTL), [str(KUBECTL), *argv])
    seen = b""
    deadline = time.monotonic() + 20
    pending = list(keys)
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            if pending and seen.count(b"# ") > len(keys) - len(pending):
                os.write(fd, pending.pop(0))
    finally:
        _, code = os.waitpid(pid, 0)
        os.close(fd)
    return seen.decode() + f"[exit {os.waitstatus_to_exitcode(code)}]"


def test_exec_it_through_a_pty_prompts_echoes_and_exits_with_the_shells_code(
    apiserver: launch.Launched, kc: Kubectl, http_go: MklRunner
) -> None:
    pod = _pods(http_go)[0]
    out = _pty_kubectl(
        apiserver, kc, ["exec", "-it", pod, "--", "sh"], [b"echo a\x7fhi\r", b"exit 5\r"]
    )
    assert "# echo a\b \bhi\r\nhi\r\n" in out, out
    assert out.endswith("command terminated with exit code 5\r\n[exit 5]"), out
    out = _pty_kubectl(apiserver, kc, ["exec", "-it", pod, "--", "sh"], [b"\x03", b"\x04"])
    assert "# ^C\r\n" in out and out.endswith("[exit 130]"), out


def test_logs_are_mkls_text_and_follow_streams_new_lines(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner, tmp_path: Path
) -> None:
    http_go = manual
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    assert manual("clock", "advance", "10s").exit_code == 0
    pod = _pods(manual, "app=web")[0]
    want = http_go("logs", pod)
    r = kc("logs", pod)
    assert (r.returncode, r.stdout) == (0, want.stdout), r.stderr
    assert kc("logs", pod, "--tail=1").stdout == want.stdout.splitlines(True)[-1]
    r = kc("logs", "nope")
    assert (
        r.stderr
        == 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n'
    )
    proc = _popen_kc(apiserver, tmp_path, "logs", "-f", pod)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first == want.stdout.splitlines(True)[0]
        for _ in want.stdout.splitlines()[1:]:
            proc.stdout.readline()
        assert http_go("exec", pod, "--", "curl", "-s", "127.0.0.1").exit_code == 0
        later = http_go("logs", pod, "--tail=1").stdout
        assert _readline(proc, 10) == later
    finally:
        proc.kill()
        proc.wait(10)


def _popen_kc(
    up: launch.Launched, tmp_path: Path, *argv: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    from tests.conftest import KUBECTL

    env = {
        **os.environ,
        "KUBECONFIG": str(up.kubeconfig_path),
        "HOME": str(tmp_path),
        **(env or {}),
    }
    return subprocess.Popen(
        [str(KUBECTL), f"--cache-dir={tmp_path / 'kc-cache'}", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _readline(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline() if ready else "<nothing>"


def _forward_and_curl(up: launch.Launched, tmp_path: Path, pod: str, websockets: bool) -> list[str]:
    """kubectl port-forward to a free local port, then a curl-like loop through it."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        local = s.getsockname()[1]
    env_ws = {"KUBECTL_PORT_FORWARD_WEBSOCKETS": "true" if websockets else "false"}
    proc = _popen_kc(up, tmp_path, "port-forward", f"pod/{pod}", f"{local}:8080", env=env_ws)
    try:
        assert _readline(proc, 20).startswith(f"Forwarding from 127.0.0.1:{local} -> 8080")
        got = []
        for _ in range(3):
            with urllib.request.urlopen(f"http://127.0.0.1:{local}/", timeout=10) as r:
                got.append(r.read().decode())
        return got
    finally:
        proc.kill()
        proc.wait(10)


def test_port_forward_over_spdy_plain_and_tunnelled_in_websocket(
    apiserver: launch.Launched, kc: Kubectl, http_go: MklRunner, tmp_path: Path
) -> None:
    pod = _pods(http_go)[0]
    want = ["Welcome! http-go:v1\n"] * 3
    assert _forward_and_curl(apiserver, tmp_path, pod, websockets=False) == want
    assert _forward_and_curl(apiserver, tmp_path, pod, websockets=True) == want


SHELL_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: shell
spec:
  containers:
  - name: shell
    image: busybox:1.36
    command: ["sh"]
    stdin: true
"""


def test_attach_joins_a_stdin_shell_or_streams_the_main_processs_output(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner, tmp_path: Path
) -> None:
    assert manual("apply", "-f", "-", stdin=SHELL_POD).exit_code == 0
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    assert manual("clock", "advance", "10s").exit_code == 0
    r = kc("attach", "-i", "shell", stdin="echo hi from $HOSTNAME\nexit 2\n")
    assert (r.returncode, r.stdout) == (2, "hi from shell\n"), r.stderr
    pod = _pods(manual, "app=web")[0]
    proc = _popen_kc(apiserver, tmp_path, "attach", pod)
    try:
        first = manual("logs", pod).stdout.splitlines(True)[0]
        assert _readline(proc, 10) == first
    finally:
        proc.kill()
        proc.wait(10)


def test_exec_before_the_upgrade_answers_400_for_an_unknown_container(
    apiserver: launch.Launched, http_go: MklRunner
) -> None:
    import json
    import ssl
    import urllib.error
    import urllib.request

    from tests.server.test_skeleton import _ca

    pod = _pods(http_go)[0]
    url = f"{apiserver.url}/api/v1/namespaces/default/pods/{pod}/exec?command=true&container=side"
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {apiserver.api.token}"})
    ctx = ssl.create_default_context(cadata=_ca(apiserver))
    try:
        urllib.request.urlopen(req, context=ctx, timeout=10)
        raise AssertionError("no error")
    except urllib.error.HTTPError as e:
        doc = json.loads(e.read())
    assert (doc["code"], doc["reason"]) == (400, "BadRequest")
    assert doc["message"] == f"container side is not valid for pod {pod}"


def test_the_python_client_execs_and_reads_logs(
    apiserver: launch.Launched, http_go: MklRunner
) -> None:
    pytest.importorskip("kubernetes")
    from kubernetes import client, config
    from kubernetes.stream import stream

    api = client.CoreV1Api(config.new_client_from_config(str(apiserver.kubeconfig_path)))
    pod = _pods(http_go)[0]
    out = stream(
        api.connect_get_namespaced_pod_exec,
        pod,
        "default",
        command=["curl", "-s", "127.0.0.1:8080"],
        stderr=True,
        stdin=False,
        stdout=True,
        tty=False,
    )
    assert out == "Welcome! http-go:v1\n"
    assert api.read_namespaced_pod_log(pod, "default") == http_go("logs", pod).stdout


def test_a_missing_executable_and_a_refused_port_read_as_mkls_own_cli(
    apiserver: launch.Launched, kc: Kubectl, http_go: MklRunner, tmp_path: Path
) -> None:
    import socket
    import urllib.error
    import urllib.request

    pod = _pods(http_go)[0]
    r = kc("exec", pod, "--", "nosuch")
    assert (r.returncode, r.stderr) == (1, http_go("exec", pod, "--", "nosuch").stderr)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        local = s.getsockname()[1]
    proc = _popen_kc(apiserver, tmp_path, "port-forward", f"pod/{pod}", f"{local}:9999")
    try:
        assert _readline(proc, 20).startswith("Forwarding from")
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            urllib.request.urlopen(f"http://127.0.0.1:{local}/", timeout=10)
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
        proc.wait(10)
    assert proc.returncode == 1
    assert "dial tcp4 127.0.0.1:9999: connect: connection refused" in err
    assert err.endswith("error: lost connection to pod\n")


def test_a_v4_client_gets_v4_and_the_frames_the_python_client_reads(
    apiserver: launch.Launched, http_go: MklRunner
) -> None:
    """What the Python client offers (v5, v4): here v4 alone, as an older client would."""
    import base64
    import json
    import socket
    import ssl

    from minikube_lite.server import websocket
    from tests.server.test_skeleton import _ca

    pod = _pods(http_go)[0]
    host, port = apiserver.api.address.rsplit(":", 1)
    ctx = ssl.create_default_context(cadata=_ca(apiserver))
    key = base64.b64encode(os.urandom(16)).decode()
    query = "command=sh&command=-c&command=echo%20hi&stdout=true&stderr=true"
    path = f"/api/v1/namespaces/default/pods/{pod}/exec?{query}"
    with (
        socket.create_connection((host, int(port)), timeout=10) as raw,
        ctx.wrap_socket(raw, server_hostname=host) as s,
    ):
        s.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
                f"Authorization: Bearer {apiserver.api.token}\r\n"
                "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Protocol: v4.channel.k8s.io\r\n\r\n"
            ).encode()
        )
        f = s.makefile("rb")
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            head += f.read(1)
        assert head.startswith(b"HTTP/1.1 101")
        assert f"Sec-WebSocket-Accept: {websocket.accept_key(key)}".encode() in head
        assert b"Sec-WebSocket-Protocol: v4.channel.k8s.io" in head
        ws = websocket.WebSocket(f.read, s.sendall, client=True)
        msgs = []
        while (m := ws.receive()) is not None:
            msgs.append(m[1])
    assert msgs[0] == b"\x01hi\n"
    assert msgs[1][:1] == b"\x03" and json.loads(msgs[1][1:]) == {
        "metadata": {},
        "status": "Success",
    }


def test_port_forward_hands_the_clients_headers_to_an_echo_server(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner, tmp_path: Path
) -> None:
    assert manual("create", "deployment", "echo", "--image=kicbase/echo-server:1.0").exit_code == 0
    assert manual("clock", "advance", "10s").exit_code == 0
    pod = _pods(manual, "app=echo")[0]
    body = _forward_and_curl(apiserver, tmp_path, pod, websockets=False)[0]
    assert body.startswith(f"Request served by {pod}\n\nHTTP/1.1 GET /\n\nHost: 127.0.0.1:")
    assert "\nUser-Agent: Python-urllib/" in body, body
