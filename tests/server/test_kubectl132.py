"""kubectl 1.32 (the Google Cloud SDK build) against mkl serve: the version skew the server sees.

1.32 differs from 1.37 on the wire (it lists with ``limit=500&resourceVersion=0`` then watches
from N instead of WatchList, its create bodies carry ``creationTimestamp: null``, discovery offers
``v2beta1``) and in print (``delete`` has no "from default namespace").  The SDK's
version-dispatching ``kubectl`` asks ``/version`` and runs one of its versioned binaries.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from minikube_lite.server import launch, routes
from tests import builders
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl, runner

SDK = Path("/usr/lib/google-cloud-sdk/bin")
K132 = SDK / "kubectl.1.32"
DISPATCHER = SDK / "kubectl"
MANIFEST = builders.to_yaml(builders.http_go(3))

pytestmark = pytest.mark.skipif(
    not os.access(K132, os.X_OK),
    reason=f"kubectl 1.32 not installed ({K132} absent; it comes with the Google Cloud SDK)",
)


@pytest.fixture
def k132(apiserver: launch.Launched, tmp_path: Path) -> Kubectl:
    return runner(apiserver, tmp_path, K132)


def _ok(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 0, (r.args, r.stdout, r.stderr)
    return r.stdout


def _later(fn: Callable[[], object], delay: float = 1.0) -> threading.Thread:
    t = threading.Thread(target=lambda: (time.sleep(delay), fn()))
    t.start()
    return t


def test_132_runs_the_lesson_writes(k132: Kubectl, manual: MklRunner) -> None:
    r = k132("create", "-f", "-", "--record", stdin=MANIFEST)
    assert (r.stdout, r.stderr) == (
        "deployment.apps/http-go created\n",
        "Flag --record has been deprecated, --record will be removed in the future\n",
    )
    assert manual("clock", "advance", "60s").exit_code == 0
    steps = [
        (
            ("set", "image", "deploy", "http-go", "http-go=gasbugs/http-go:v2", "--record"),
            "image updated",
        ),
        (("patch", "deploy", "http-go", "-p", '{"spec":{"minReadySeconds":10}}'), "patched"),
        (("annotate", "deploy", "http-go", "a=b"), "annotated"),
        (("scale", "deploy", "http-go", "--replicas=4"), "scaled"),
        (("rollout", "pause", "deploy", "http-go"), "paused"),
        (("rollout", "resume", "deploy", "http-go"), "resumed"),
        (("rollout", "restart", "deploy", "http-go"), "restarted"),
        (("rollout", "undo", "deploy", "http-go"), "rolled back"),
        (("rollout", "undo", "deploy", "http-go", "--to-revision=1"), "rolled back"),
    ]
    for argv, verb in steps:
        assert _ok(k132(*argv)) == f"deployment.apps/http-go {verb}\n", argv
    applied = MANIFEST.replace("replicas: 3", "replicas: 2")
    assert "deployment.apps/http-go configured" in _ok(k132("apply", "-f", "-", stdin=applied))
    edit = k132("edit", "deploy", "http-go", env={"EDITOR": "sed -i s/replicas:.2/replicas:\\ 4/"})
    assert _ok(edit) == "deployment.apps/http-go edited\n"
    hist = _ok(k132("rollout", "history", "deploy", "http-go")).splitlines()
    assert hist[:2] == ["deployment.apps/http-go ", "REVISION  CHANGE-CAUSE"]
    assert any("kubectl.1.32 set image deploy http-go" in line for line in hist), hist
    assert _ok(k132("get", "deploy", "http-go", "-o", "jsonpath={.spec.replicas}")) == "4"
    # 1.32's delete names no namespace (1.37: '... deleted from default namespace')
    assert _ok(k132("delete", "deploy", "http-go")) == 'deployment.apps "http-go" deleted\n'
    assert "NotFound" in k132("get", "deploy", "http-go").stderr


def test_132_reads_print_what_137_prints(k132: Kubectl, kc: Kubectl, manual: MklRunner) -> None:
    assert manual("create", "-f", "-", stdin=MANIFEST).exit_code == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    assert _ok(k132("create", "namespace", "foo")) == "namespace/foo created\n"  # protobuf body
    for argv in (
        ("get", "deploy,rs,pods", "-o", "wide"),
        ("get", "all", "-A", "--show-labels"),
        ("get", "ns"),
        ("describe", "deploy", "http-go"),
        ("explain", "deployment.spec.strategy"),
        ("auth", "can-i", "create", "pods"),
        ("auth", "can-i", "patch", "deployments", "--as=jane"),
        ("api-versions",),
    ):
        new, old = kc(*argv), k132(*argv)
        assert (old.returncode, old.stdout) == (new.returncode, new.stdout), argv
    ns = k132("delete", "namespace", "foo")
    assert ns.stdout == 'namespace "foo" deleted\n'


def test_132_rollout_status_lists_then_watches_from_its_version(
    k132: Kubectl, manual: MklRunner, seen: list[tuple[str, str, str]]
) -> None:
    assert manual("create", "-f", "-", stdin=MANIFEST).exit_code == 0
    _later(lambda: manual("clock", "advance", "60s"))
    out = _ok(k132("rollout", "status", "deploy/http-go", "--timeout=30s"))
    assert out.splitlines()[0].startswith('Waiting for deployment "http-go" rollout to finish')
    assert out.endswith('deployment "http-go" successfully rolled out\n')
    paths = [p for m, p, _ in seen if p.startswith("/apis/apps/v1/namespaces/default/deploy")]
    lst = next(p for p in paths if "limit=500" in p)
    assert "resourceVersion=0" in lst and "watch" not in lst
    watch = next(p for p in paths if "watch=true" in p)
    assert "resourceVersion=" in watch and "sendInitialEvents" not in watch


def test_132_exec_exit_codes_and_port_forward(
    apiserver: launch.Launched, k132: Kubectl, manual: MklRunner, tmp_path: Path
) -> None:
    assert manual("create", "-f", "-", stdin=MANIFEST).exit_code == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    pod = _ok(k132("get", "pods", "-o", "name")).splitlines()[0]
    assert _ok(k132("exec", pod, "--", "echo", "hi")) == "hi\n"
    r = k132("exec", pod, "--", "sh", "-c", "exit 3")
    assert (r.returncode, r.stderr) == (3, "command terminated with exit code 3\n")
    assert k132("logs", pod).returncode == 0
    pf = subprocess.Popen(
        [str(K132), f"--cache-dir={tmp_path / 'pf'}", "port-forward", pod, ":8080"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KUBECONFIG": str(apiserver.kubeconfig_path), "HOME": str(tmp_path)},
    )
    try:
        assert pf.stdout is not None
        line = pf.stdout.readline()  # Forwarding from 127.0.0.1:PORT -> 8080
        port = int(line.split("127.0.0.1:")[1].split()[0])
        for _ in range(3):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as resp:
                assert resp.read().decode().startswith("Welcome! http-go:v1")
    finally:
        pf.kill()
        pf.communicate()


needs_dispatcher = pytest.mark.skipif(
    not os.access(DISPATCHER, os.X_OK), reason=f"{DISPATCHER} (the SDK's kubectl) absent"
)


@needs_dispatcher
def test_the_dispatcher_runs_its_own_132_for_a_134_server(
    apiserver: launch.Launched, tmp_path: Path, seen: list[tuple[str, str, str]]
) -> None:
    """No kubectl.1.34 ships with the SDK: the dispatcher's built-in 1.32.4 does the work."""
    kd = runner(apiserver, tmp_path, DISPATCHER)
    assert _ok(kd("create", "-f", "-", stdin=MANIFEST)) == "deployment.apps/http-go created\n"
    assert seen[0][:2] == ("GET", "/version?timeout=5s")
    assert seen[0][2].startswith("kubectl-dispatcher/")
    assert {ua.split(" ")[0] for _, p, ua in seen if "/version" not in p} == {"kubectl/v1.32.4"}
    assert _ok(kd("delete", "deploy", "http-go")) == 'deployment.apps "http-go" deleted\n'
    out = kd("version").stdout
    assert "Server Version: v1.34.0" in out and "Client Version: v1.32.4-dispatcher" in out


@needs_dispatcher
@pytest.mark.parametrize("minor", ["30", "33"])
def test_the_dispatcher_picks_the_binary_of_the_servers_minor(
    apiserver: launch.Launched,
    tmp_path: Path,
    seen: list[tuple[str, str, str]],
    monkeypatch: pytest.MonkeyPatch,
    minor: str,
) -> None:
    if not os.access(SDK / f"kubectl.1.{minor}", os.X_OK):
        pytest.skip(f"{SDK}/kubectl.1.{minor} absent")
    served = {**routes.version(), "minor": minor, "gitVersion": f"v1.{minor}.0"}
    monkeypatch.setattr(routes, "version", lambda: served)
    kd = runner(apiserver, tmp_path, DISPATCHER)
    assert _ok(kd("get", "ns", "-o", "name")).startswith("namespace/default\n")
    picked = {ua.split(" ")[0].rsplit(".", 1)[0] for _, p, ua in seen if "/version" not in p}
    assert picked == {f"kubectl/v1.{minor}"}, seen


def test_132_get_w_lists_then_prints_each_change(
    apiserver: launch.Launched, manual: MklRunner, tmp_path: Path
) -> None:
    """1.32 lists, then watches from the list's N: objects changed since N are MODIFIED."""
    assert manual("create", "deployment", "web", "--image=nginx", "--replicas=2").exit_code == 0
    argv = [
        str(K132),
        f"--cache-dir={tmp_path / 'w'}",
        "get",
        "pods",
        "-w",
        "--output-watch-events",
    ]
    env = {**os.environ, "KUBECONFIG": str(apiserver.kubeconfig_path), "HOME": str(tmp_path)}
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    timer = threading.Timer(30, p.kill)
    timer.start()
    try:
        assert p.stdout is not None
        rows = [p.stdout.readline().split() for _ in range(3)]
        assert manual("clock", "advance", "10s").exit_code == 0
        rows += [p.stdout.readline().split() for _ in range(2)]
    finally:
        timer.cancel()
        p.kill()
        p.communicate()
    assert rows[0][:3] == ["EVENT", "NAME", "READY"]
    assert [r[0] for r in rows[1:]] == ["ADDED", "ADDED", "MODIFIED", "MODIFIED"]
    assert [r[2:4] for r in rows[3:]] == [["1/1", "Running"], ["1/1", "Running"]]
