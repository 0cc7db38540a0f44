"""``logs``: image start-up lines, access logs from simulated traffic, kubelet errors,
-p/-f/--tail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

NGINX_START = (
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform "
    "configuration\n"
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n"
    "/docker-entrypoint.sh: Configuration complete; ready for start up\n"
)
USAGE = (
    "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
    "POD or TYPE/NAME is a required argument for the logs command\n"
    "See 'mkl logs -h' for help and examples\n"
)
ONCE = """\
apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: Never
  containers:
  - {name: once, image: "busybox:1.36", command: ["sh", "-c", "echo only; exit 0"]}
"""
DUO = """\
apiVersion: v1
kind: Pod
metadata: {name: duo}
spec:
  containers:
  - {name: web, image: "nginx:1.27"}
  - {name: side, image: "gasbugs/http-go:v1"}
"""


@pytest.fixture
def web(manual: Any) -> Any:
    """nginx deployment ``web`` (one replica) behind Service ``web``, plus a client ``cli``."""
    manual("create", "deployment", "web", "--image=nginx:1.27")
    manual("expose", "deployment", "web", "--port=80")
    manual("create", "deployment", "cli", "--image=gasbugs/http-go:v1")
    manual("clock", "advance", "10s")
    return manual


def pod_of(mkl: Any, app: str) -> str:
    return mkl("get", "pods", "-l", f"app={app}", "-o", "name").stdout.split()[0].split("/", 1)[1]


def test_logs_shows_start_up_lines(web: Any) -> None:
    r = web("logs", pod_of(web, "web"))
    assert (r.exit_code, r.stdout, r.stderr) == (0, NGINX_START, "")


def test_logs_records_requests_from_exec_curl(web: Any) -> None:
    cli = pod_of(web, "cli")
    ip = web("get", "pod", cli, "-o", "jsonpath={.status.podIP}").stdout
    web("clock", "advance", "5s")
    assert web("exec", cli, "--", "curl", "-s", "-o", "/dev/null", "web").exit_code == 0
    r = web("logs", "deploy/web", "--tail=1")
    assert (
        r.stdout
        == f'{ip} - - [01/Jan/2024:00:00:15 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"\n'
    )
    r = web("logs", "deploy/web", "--timestamps", "--tail", "2")
    first, second = r.stdout.splitlines()
    assert first == (
        "2024-01-01T00:00:04.000000000Z /docker-entrypoint.sh: Configuration complete; "
        "ready for start up"
    )
    assert second.startswith("2024-01-01T00:00:15.000000000Z " + ip)


def test_logs_of_a_deployment_with_several_pods(manual: Any) -> None:
    manual("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3")
    manual("clock", "advance", "10s")
    r = manual("logs", "deployment/web")
    first = manual("get", "pods", "-o", "name").stdout.split()[0].split("/")[1]
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        NGINX_START,
        f"Found 3 pods, using pod/{first}\n",
    )
    r = manual("logs", "-l", "app=web", "--prefix")
    assert len(r.stdout.splitlines()) == 9 and r.stdout.startswith(
        f"[pod/{first}/nginx] /docker-entrypoint.sh"
    )
    r = manual("logs", "deploy/web", "--all-pods")
    assert (r.stderr, len(r.stdout.splitlines())) == ("", 9)


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(["logs"], USAGE, id="no-args"),
        pytest.param(["logs", "a", "b", "c"], USAGE, id="too-many"),
        pytest.param(
            ["logs", "x", "-l", "app=web"],
            "error: only a selector (-l) or a POD name is allowed\n"
            "See 'mkl logs -h' for help and examples\n",
            id="pod-and-selector",
        ),
        pytest.param(
            ["logs", "nope"],
            'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
            id="missing-pod",
        ),
        pytest.param(
            ["logs", "deploy/nope"],
            'error: error from server (NotFound): deployments.apps "nope" not found in '
            'namespace "default"\n',
            id="missing-deploy",
        ),
        pytest.param(
            ["logs", "x", "--tail=-2"],
            "error: --tail must be greater than or equal to -1\n",
            id="bad-tail",
        ),
    ],
)
def test_logs_argument_errors(manual: Any, argv: list[str], stderr: str) -> None:
    r = manual(*argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_logs_of_waiting_containers(manual: Any) -> None:
    manual("create", "deployment", "bad", "--image=nginx:1.161")
    manual("clock", "advance", "1s")
    pod = pod_of(manual, "bad")
    r = manual("logs", pod)
    assert (r.exit_code, r.stderr) == (
        1,
        f'Error from server (BadRequest): container "nginx" in pod "{pod}" is waiting to '
        "start: ContainerCreating\n",
    )
    manual("clock", "advance", "1s")
    assert manual("logs", pod).stderr == (
        f'Error from server (BadRequest): container "nginx" in pod "{pod}" is waiting to '
        "start: image can't be pulled\n"
    )
    manual("clock", "advance", "1s")
    assert manual("logs", pod).stderr == (
        f'Error from server (BadRequest): container "nginx" in pod "{pod}" is waiting to '
        "start: trying and failing to pull image\n"
    )


def test_logs_previous_instance_of_a_crashing_container(manual: Any) -> None:
    manual(
        "create",
        "deployment",
        "crash",
        "--image=busybox:1.36",
        "--",
        "sh",
        "-c",
        "echo starting; sleep 5; echo failing; exit 1",
    )
    manual("clock", "advance", "5s")
    pod = pod_of(manual, "crash")
    r = manual("logs", pod, "-p")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (BadRequest): previous terminated container "busybox" in pod '
        f'"{pod}" not found\n',
    )
    assert manual("logs", pod).stdout == "starting\n"
    manual("clock", "advance", "10s")
    assert manual("logs", pod).stdout == "starting\nfailing\n"
    assert manual("logs", pod, "--previous").stdout == "starting\nfailing\n"


def test_logs_container_choice(manual: Any, tmp_path: Path) -> None:
    f = tmp_path / "duo.yaml"
    f.write_text(DUO)
    manual("create", "-f", str(f))
    manual("clock", "advance", "10s")
    r = manual("logs", "duo")
    assert (r.stdout, r.stderr) == (NGINX_START, 'Defaulted container "web" out of: web, side\n')
    assert manual("logs", "duo", "-c", "side").stdout == ""
    assert manual("logs", "duo", "side").stderr == ""
    r = manual("logs", "duo", "-c", "nope")
    assert (r.exit_code, r.stderr) == (1, "error: container nope is not valid for pod duo\n")
    r = manual("logs", "duo", "side", "-c", "web")
    assert r.stderr == "error: only one of -c or an inline [CONTAINER] arg is allowed\n"
    r = manual("logs", "duo", "--all-containers")
    assert (r.exit_code, r.stdout) == (0, NGINX_START)


@pytest.mark.subprocess
def test_logs_follow_ends_with_the_container(manual: Any, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    f = tmp_path / "once.yaml"
    f.write_text(ONCE)
    manual("create", "-f", str(f))
    manual("clock", "advance", "5s")
    r = run_cli(
        "logs", "-f", "once", timeout=20
    )  # a process, so a regression cannot hang the suite
    assert (r.returncode, r.stdout) == (0, "only\n")


def test_logs_selector_without_matches(manual: Any) -> None:
    r = manual("logs", "-l", "app=none")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "",
        "No resources found in default namespace.\n",
    )


@pytest.mark.subprocess
def test_logs_follow_streams_new_access_lines(web: Any) -> None:
    import signal

    from tests.cli.test_portforward import Proc

    follower = Proc("logs", "-f", "deploy/web")
    try:
        follower.expect("/docker-entrypoint.sh: Configuration complete")
        cli = pod_of(web, "cli")
        assert (
            web("exec", cli, "--", "curl", "-s", "-o", "/dev/null", "web/followed").exit_code == 0
        )
        line = follower.expect("10.244.")
        assert '"GET /followed HTTP/1.1" 404' in line
        assert follower.stop(signal.SIGINT) == 130
    finally:
        follower.kill()
