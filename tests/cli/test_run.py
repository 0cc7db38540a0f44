"""``run``: the pod (and ``--expose`` Service) kubectl's generators build, byte for byte against
the real kubectl for every client dry run; creating them; attaching (``-i``, ``--attach``,
``--rm``) with kubectl's messages and exit codes.  The terminal paths are in test_run_tty.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import kubectl, needs_kubectl

RECORDED = (
    "All commands and output from this session will be recorded in container logs, including "
    "credentials and sensitive information passed through the command prompt.\n"
    "If you don't see a command prompt, try pressing enter.\n"
)


def _resource(name: str, singular: str, kind: str, namespaced: bool, short: str) -> dict[str, Any]:
    verbs = ["create", "delete", "get", "list", "patch", "update"]
    return {
        "name": name,
        "singularName": singular,
        "namespaced": namespaced,
        "kind": kind,
        "verbs": verbs,
        "shortNames": [short],
    }


@pytest.fixture
def offline_kubectl(tmp_path: Path) -> Any:
    """The real kubectl with a fresh discovery cache for a server that is not there.

    ``kubectl run`` maps the Pod to its resource through discovery even for a client dry run;
    a cache younger than its 6 h TTL answers that without a connection.
    """
    home = tmp_path / "kube-home"
    cache = home / ".kube" / "cache" / "discovery" / "127.0.0.1_1"
    (cache / "v1").mkdir(parents=True)
    v1 = {"groupVersion": "v1", "version": "v1"}
    groups = {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
        {"name": "", "versions": [v1], "preferredVersion": v1}
    ]}  # fmt: skip
    resources = {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": "v1",
        "resources": [
            _resource("pods", "pod", "Pod", True, "po"),
            _resource("services", "service", "Service", True, "svc"),
            _resource("namespaces", "namespace", "Namespace", False, "ns"),
        ],
    }
    (cache / "servergroups.json").write_text(json.dumps(groups))
    (cache / "v1" / "serverresources.json").write_text(json.dumps(resources))
    config = home / "config"
    config.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
        "clusters: [{name: c, cluster: {server: 'http://127.0.0.1:1'}}]\n"
        "contexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {}}]\n"
    )

    def run(*argv: str) -> Any:
        return kubectl(*argv, env={"HOME": str(home), "KUBECONFIG": str(config)})

    return run


DRY_RUNS = [
    ["x", "--image=nginx", "-o", "yaml"],
    ["x", "--image=nginx", "-o", "json"],
    ["x", "--image=nginx"],
    ["x", "--image=nginx", "-o", "name"],
    ["x", "--image=busybox", "--restart=Never", "--port=80", "--env=A=1", "--env=B=",
     "--labels=a=b,c=d", "--image-pull-policy=IfNotPresent", "-o", "json", "--", "sleep", "10"],
    ["x", "--image=busybox", "--restart=OnFailure", "--command", "-o", "yaml", "--",
     "sh", "-c", "echo hi"],
    ["x", "--image=nginx", "--port=80", "--expose", "-o", "yaml"],
    ["x", "--image=nginx", "--port=80", "--expose", "-o", "json"],
    ["x", "--image=nginx", "--port=80", "--expose"],
    ["x", "--image=nginx", "--port=8080", "--expose", "-l", "app=a,t=b", "-n", "dev", "-o", "yaml"],
    ["x", "--image=nginx", "--annotations=a=b", "--privileged", "-o", "json"],
    ["x", "--image=nginx", "--record", "-o", "yaml"],
    ["x", "--image=nginx", "--port=4294967297", "-o", "json"],
    ["X_", "--image=nginx"],
    ["x", "y", "--image=nginx", "-o", "yaml"],
    ["x", "--image=nginx", "--labels=a=b, c=d", "-o", "yaml"],
    # kubectl's errors, in Validate's order
    ["x", "--image=nginx", "--expose"],
    ["x"],
    ["--image=nginx"],
    ["x", "--image=nginx", "--restart=Bad"],
    ["x", "--image=nginx", "--rm"],
    ["x", "--image=nginx", "--env=FOO"],
    ["x", "--image=nginx", "--env=1A=b"],
    ["x", "--image=nginx", "--labels=bad"],
    ["x", "--image=nginx", "--image-pull-policy=Bad"],
    ["x", "--image=nginx", "-it"],
    ["x", "--image=nginx", "-t"],
    ["x", "--image=nginx", "--attach"],
    ["x", "--image=nginx", "--port=80a"],
    ["x", "--image=Bad Image"],
]  # fmt: skip


@needs_kubectl
@pytest.mark.parametrize("argv", DRY_RUNS, ids=lambda a: " ".join(a))
def test_client_dry_run_is_kubectls_byte_for_byte(
    manual: Any, offline_kubectl: Any, argv: list[str]
) -> None:
    dry = ["--dry-run=client"]
    want = offline_kubectl("run", *dry, *argv)
    got = manual("run", *dry, *argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_run_creates_the_pod_and_its_service(http_go: Any) -> None:
    r = http_go("run", "web", "--image=gasbugs/http-go:v2", "--port=8080", "--expose")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "pod/web created\nservice/web created\n", "")
    http_go("clock", "advance", "10s")
    r = http_go("exec", "web", "--", "wget", "-qO-", "web:8080")
    assert r.stdout == "Welcome! http-go:v2\n"
    pod = json.loads(http_go("get", "pod", "web", "-o", "json").stdout)
    assert pod["metadata"]["labels"] == {"run": "web"}
    assert pod["spec"]["restartPolicy"] == "Always"
    assert pod["status"]["phase"] == "Running"


def test_run_server_dry_run_stores_nothing(manual: Any) -> None:
    r = manual("run", "x", "--image=nginx", "--dry-run=server")
    assert (r.exit_code, r.stdout) == (0, "pod/x created (server dry run)\n")
    assert manual("get", "pod", "x").exit_code == 1


def test_attached_command_runs_with_the_network_and_rm_deletes(http_go: Any) -> None:
    def run(name: str, *command: str, stdin: str = "") -> Any:
        argv = ["run", "-i", "--rm", "--restart=Never", name, "--image=busybox", "--", *command]
        return http_go(*argv, stdin=stdin)

    r = run("p1", "wget", "-qO-", "http-go")
    assert (r.exit_code, r.stderr) == (0, RECORDED)
    assert r.stdout == 'Welcome! http-go:v1\npod "p1" deleted from default namespace\n'
    r = run("p2", "sh", "-c", "wget -qO- http-go; exit 3")
    assert (r.exit_code, r.stderr) == (3, RECORDED + "pod default/p2 terminated (Error)\n")
    # -i without a terminal: the shell reads its commands from stdin
    r = run("p3", "sh", stdin="echo $HOSTNAME\nexit 4\n")
    assert (r.exit_code, r.stdout) == (4, 'p3\npod "p3" deleted from default namespace\n')
    r = http_go("run", "-i", "--rm", "-q", "p4", "--image=busybox", "--", "sh", "-c", "exit 5")
    # OnFailure (the default with -i) waits for success: the restarted shell's stdin is closed
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    assert http_go("get", "pod", "p1", "-o", "jsonpath={.metadata.deletionTimestamp}").stdout


def test_attach_without_stdin_shows_the_containers_output(manual: Any) -> None:
    argv = ["run", "--attach", "--restart=Never", "job", "--image=busybox", "--"]
    r = manual(*argv, "sh", "-c", "echo from the container; exit 2")
    assert (r.exit_code, r.stdout) == (2, "from the container\n")
    assert r.stderr == RECORDED + "pod default/job terminated (Error)\n"
    assert "Error" in manual("get", "pod", "job").stdout  # kept: no --rm


def test_attach_times_out_when_the_pod_never_runs(manual: Any) -> None:
    argv = ["run", "-i", "--rm", "x", "--image=nope/missing:1", "--pod-running-timeout=30s"]
    r = manual(*argv)
    assert (r.exit_code, r.stderr) == (1, "error: timed out waiting for the condition\n")
    assert r.stdout == 'pod "x" deleted from default namespace\n'
    r = manual("run", "-i", "y", "--image=busybox", "--pod-running-timeout=0s")
    assert r.stderr == "error: --pod-running-timeout must be higher than zero\n"


def test_attach_waits_for_a_real_clock(mkl: Any) -> None:
    """A real clock is waited for (in polls), never fast-forwarded: the pod's image pull takes
    its simulated seconds (3 s at speed 100)."""
    assert mkl("cluster", "start", "--clock", "real", "--speed", "100").exit_code == 0
    r = mkl("run", "-i", "--rm", "--restart=Never", "p", "--image=busybox", "--",
            "sh", "-c", "echo up; exit 2")  # fmt: skip
    assert (r.exit_code, r.stdout) == (2, 'up\npod "p" deleted from default namespace\n')
    assert r.stderr == RECORDED + "pod default/p terminated (Error)\n"


def test_ctrl_c_leaves_the_pod_as_kubectl_does(
    http_go: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kubectl dies with the signal, so --rm's deferred delete never runs: the pod stays."""
    from minikube_lite.cli import cmd_exec

    def interrupted(*args: Any, **kwargs: Any) -> int:
        raise KeyboardInterrupt

    # monkeypatch.context(), not undo(): undo() would also drop the fixture's MKL_HOME
    with monkeypatch.context() as m:
        m.setattr(cmd_exec, "attach_process", interrupted)
        r = http_go("run", "-i", "--rm", "p", "--image=busybox", "--", "sh", stdin="sleep 9\n")
        assert (r.exit_code, r.stdout) == (130, "")
        assert http_go("get", "pod", "p", "-o", "name").stdout == "pod/p\n"
    # -t without a terminal: kubectl's warning, then the plain attach
    r = http_go("run", "-it", "--rm", "q", "--image=busybox", "--", "sh", stdin="exit\n")
    assert r.stderr.startswith("Unable to use a TTY - input is not a terminal or the right kind")
