"""``exec``: kubectl's argument rules and errors, the simulated shell through the CLI,
``-i``/``-it``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.cli import app
from minikube_lite.cli.io import IO

TWO_CONTAINERS = """\
apiVersion: v1
kind: Pod
metadata:
  name: duo
  labels: {app: duo}
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: side
    image: gasbugs/http-go:v1
"""

DONE_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: done
spec:
  restartPolicy: Never
  containers:
  - name: job
    image: busybox:1.36
    command: ["sh", "-c", "exit 0"]
"""


def pods(mkl: Any, selector: str = "app=http-go") -> list[str]:
    r = mkl("get", "pods", "-l", selector, "-o", "name")
    return [line.split("/", 1)[1] for line in r.stdout.split()]


def test_exec_curl_loopback_like_the_lesson(http_go: Any) -> None:
    pod = pods(http_go)[0]
    r = http_go("exec", pod, "--", "curl", "-s", "127.0.0.1:8080")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Welcome! http-go:v1\n", "")


def test_exec_old_form_is_refused_with_kubectls_text(http_go: Any) -> None:
    pod = pods(http_go)[0]
    r = http_go("exec", pod, "curl", "127.0.0.1:8080")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- "
        "[COMMAND] instead\n"
        "See 'mkl exec -h' for help and examples\n"
    )
    r = http_go("exec", pod, "curl", "127.0.0.1:8080", prog="kubectl")
    assert r.stderr.endswith("See 'kubectl exec -h' for help and examples\n")


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ["exec"], "error: pod, type/name or --filename must be specified\n", id="no-pod"
        ),
        pytest.param(
            ["exec", "--", "ls"],
            "error: pod, type/name or --filename must be specified\n",
            id="dash-first",
        ),
        pytest.param(
            ["exec", "x"],
            "error: you must specify at least one command for the container\n",
            id="no-command",
        ),
        pytest.param(
            ["exec", "nope", "--", "ls"],
            'Error from server (NotFound): pods "nope" not found\n',
            id="missing-pod",
        ),
        pytest.param(
            ["exec", "deploy/nope", "--", "ls"],
            'Error from server (NotFound): deployments.apps "nope" not found\n',
            id="missing-deploy",
        ),
    ],
)
def test_exec_argument_errors(http_go: Any, argv: list[str], stderr: str) -> None:
    r = http_go(*argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_exec_remote_exit_code(http_go: Any) -> None:
    pod = pods(http_go)[0]
    r = http_go("exec", pod, "--", "sh", "-c", "echo out; echo err >&2; exit 3")
    assert (r.exit_code, r.stdout, r.stderr) == (
        3,
        "out\n",
        "err\ncommand terminated with exit code 3\n",
    )
    r = http_go("exec", pod, "--", "sh", "-c", "nope")
    assert (r.exit_code, r.stderr) == (
        127,
        "sh: 1: nope: not found\ncommand terminated with exit code 127\n",
    )


def test_exec_missing_executable_is_containerds_error_exit_1(http_go: Any) -> None:
    pod = pods(http_go)[0]
    r = http_go("exec", pod, "--", "ps", "aux")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr.startswith(
        "error: Internal error occurred: error executing command in container: failed to "
        'exec in container: failed to start exec "'
    )
    assert r.stderr.endswith(
        '": OCI runtime exec failed: exec failed: unable to start container process: '
        'exec: "ps": executable file not found in $PATH: unknown\n'
    )
    assert "command terminated" not in r.stderr


def test_exec_by_deployment_and_service_names(http_go: Any) -> None:
    names = set(pods(http_go))
    for ref in ("deploy/http-go", "deployment/http-go", "svc/http-go"):
        r = http_go("exec", ref, "--", "hostname")
        assert r.exit_code == 0 and r.stdout.strip() in names


def test_exec_curl_service_round_robin_and_dns_forms(http_go: Any) -> None:
    pod = pods(http_go)[0]
    for host in ("http-go", "http-go.default", "http-go.default.svc.cluster.local"):
        r = http_go("exec", pod, "--", "curl", "-s", host)
        assert (r.exit_code, r.stdout) == (0, "Welcome! http-go:v1\n")
    r = http_go(
        "exec",
        pod,
        "--",
        "sh",
        "-c",
        "for i in 1 2 3 4; do curl -s -o /dev/null -w '%{remote_ip} ' http-go; done",
    )
    assert r.exit_code == 0 and len(set(r.stdout.split())) == 1  # one ClusterIP...
    r = http_go(
        "exec",
        pod,
        "--",
        "sh",
        "-c",
        "for i in 1 2; do curl -s http-go:80/ -o /dev/null -w '%{http_code}\\n'; done",
    )
    assert r.stdout == "200\n200\n"


def test_exec_unknown_container_and_defaulted_notice(http_go: Any, tmp_path: Path) -> None:
    f = tmp_path / "duo.yaml"
    f.write_text(TWO_CONTAINERS)
    assert http_go("create", "-f", str(f)).exit_code == 0
    http_go("clock", "advance", "10s")
    r = http_go("exec", "duo", "--", "hostname")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "duo\n",
        'Defaulted container "web" out of: web, side\n',
    )
    r = http_go("exec", "duo", "-c", "side", "--", "curl", "-s", "localhost:8080")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Welcome! http-go:v1\n", "")
    r = http_go("exec", "duo", "-c", "nope", "--", "ls")
    assert (r.exit_code, r.stderr) == (
        1,
        "Error from server (BadRequest): container nope is not valid for pod duo\n",
    )
    r = http_go("exec", "duo", "-q", "--", "hostname")
    assert r.stderr == ""


def test_exec_into_containers_that_do_not_run(manual: Any, tmp_path: Path) -> None:
    manual("create", "deployment", "slow", "--image=nginx:1.27")
    manual("clock", "advance", "1s")
    pod = pods(manual, "app=slow")[0]
    r = manual("exec", pod, "--", "ls")
    assert (r.exit_code, r.stderr) == (
        1,
        'error: unable to upgrade connection: container not found ("nginx")\n',
    )
    f = tmp_path / "done.yaml"
    f.write_text(DONE_POD)
    manual("create", "-f", str(f))
    manual("clock", "advance", "30s")
    r = manual("exec", "done", "--", "ls")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: cannot exec into a container in a completed pod; current phase is Succeeded\n",
    )


def test_exec_stdin_and_tty_warning(http_go: Any) -> None:
    pod = pods(http_go)[0]
    r = http_go("exec", "-i", pod, "--", "sh", stdin="echo $HOSTNAME\nexit 2\n")
    assert (r.exit_code, r.stdout) == (2, f"{pod}\n")
    r = http_go("exec", "-it", pod, "--", "cat", stdin="typed\n")
    assert (r.exit_code, r.stdout) == (0, "typed\n")
    assert r.stderr == "Unable to use a TTY - input is not a terminal or the right kind of file\n"
    r = http_go("exec", pod, "--", "cat", stdin="ignored without -i\n")
    assert (r.exit_code, r.stdout) == (0, "")


class TtyInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_exec_it_shell_keeps_state_between_lines(http_go: Any) -> None:
    pod = pods(http_go)[0]
    out, err = io.StringIO(), io.StringIO()
    stdin = TtyInput("cd /tmp\nX=kept; echo hi > f\npwd; cat f; echo $X\nexit 4\n")
    code = app.run(
        ["exec", "-it", pod, "--", "sh"],
        IO(stdout=out, stderr=err, stdin=stdin, env={}, is_tty=True),
    )
    assert code == 4
    assert out.getvalue() == "# # # /tmp\nhi\nkept\n# "
    assert err.getvalue() == "command terminated with exit code 4\n"


def test_exec_it_busybox_prompt_and_eof(manual: Any) -> None:
    manual("create", "deployment", "box", "--image=busybox:1.36", "--", "sleep", "3600")
    manual("clock", "advance", "10s")
    pod = pods(manual, "app=box")[0]
    out, err = io.StringIO(), io.StringIO()
    code = app.run(
        ["exec", "-it", pod, "--", "sh"],
        IO(stdout=out, stderr=err, stdin=TtyInput("wget -qO- nope\n"), env={}, is_tty=True),
    )
    assert code == 1  # end of input: the shell exits with the status of its last command
    assert (
        out.getvalue() == "/ # wget: bad address 'nope'\n/ # \n"
    )  # a TTY carries stderr on stdout
    assert err.getvalue() == "command terminated with exit code 1\n"


def test_exec_after_rollout_sees_new_version(http_go: Any) -> None:
    assert (
        http_go("set", "image", "deployment", "http-go", "http-go=gasbugs/http-go:v2").exit_code
        == 0
    )
    assert http_go("rollout", "status", "deploy/http-go").exit_code == 0
    pod = pods(http_go)[0]
    r = http_go("exec", pod, "--", "curl", "-s", "127.0.0.1:8080")
    assert r.stdout == "Welcome! http-go:v2\n"


def test_exec_env_shows_services_that_existed_at_start(http_go: Any) -> None:
    early = pods(http_go)[0]
    assert (
        http_go(
            "expose", "deploy/http-go", "--port=81", "--target-port=8080", "--name=after"
        ).exit_code
        == 0
    )
    http_go("create", "deployment", "late", "--image=gasbugs/http-go:v1")
    http_go("clock", "advance", "10s")
    late = pods(http_go, "app=late")[0]
    assert "AFTER_SERVICE_HOST=" in http_go("exec", late, "--", "env").stdout
    r = http_go("exec", early, "--", "printenv", "AFTER_SERVICE_HOST")
    assert (r.exit_code, r.stderr) == (
        1,
        "command terminated with exit code 1\n",
    )  # created after the container started
    env = http_go("exec", early, "--", "env").stdout
    assert "KUBERNETES_SERVICE_HOST=10.96.0.1\n" in env and "HTTP_GO_SERVICE_PORT=80\n" in env
