"""The simulated exec shell: parser, built-ins, curl/wget,
and proofs that it never touches the host.
"""

from __future__ import annotations

import builtins
import io
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.ops.sandbox import podenv
from minikube_lite.sandbox import process, shell_parse, simfs
from minikube_lite.sandbox.shell import MAX_LOOP
from tests.unit.ops.sandbox.traffic_world import pod, service, world

Obj = dict[str, Any]


@pytest.fixture
def cluster() -> Any:
    c = world()
    pod(c, "web-a", ip="10.244.0.7")
    pod(c, "web-b", image="gasbugs/http-go:v2", ip="10.244.0.8")
    pod(c, "box", image="busybox:1.36", ip="10.244.0.9", labels={"run": "box"})
    pod(c, "front", image="nginx:1.27", ip="10.244.0.10", labels={"app": "front"})
    service(c)
    return c


def run(
    c: Any, *argv: str, target: str = "web-a", stdin: str = "", tty: bool = False
) -> tuple[int, str, str]:
    p = c.get("Pod", "default", target)
    ctx = podenv.context(c, p, p["spec"]["containers"][0], tty)
    result = process.run_command(ctx, list(argv), stdin)
    out = "".join(t for fd, t in result.chunks if fd == 1)
    err = "".join(t for fd, t in result.chunks if fd == 2)
    return result.code, out, err


def sh(c: Any, script: str, **kw: Any) -> tuple[int, str, str]:
    return run(c, "sh", "-c", script, **kw)


# ----- parser -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        pytest.param("echo a b", "a b\n", id="words"),
        pytest.param("echo 'a  b' \"c  d\"", "a  b c  d\n", id="quotes-keep-spaces"),
        pytest.param("X='1 2'; echo $X; echo \"$X\"", "1 2\n1 2\n", id="split-vs-quoted"),
        pytest.param("X=hi; echo ${X}there ${Y:-dflt}", "hithere dflt\n", id="braces-and-default"),
        pytest.param("echo a\\ b \\$HOME", "a b $HOME\n", id="backslash"),
        pytest.param("echo $(echo inner) `echo back`", "inner back\n", id="substitutions"),
        pytest.param("echo \"$(echo 'a;b')\"", "a;b\n", id="quoted-substitution"),
        pytest.param(
            "false || echo or; true && echo and; false && echo no; true", "or\nand\n", id="and-or"
        ),
        pytest.param("for i in 1 2 3; do echo n$i; done", "n1\nn2\nn3\n", id="for"),
        pytest.param(
            "if false; then echo a; elif true; then echo b; else echo c; fi", "b\n", id="if-elif"
        ),
        pytest.param("(X=1; echo $X); echo [$X]", "1\n[]\n", id="subshell-scope"),
        pytest.param("{ echo g1; echo g2; } | grep g2", "g2\n", id="group-pipe"),
        pytest.param("echo x # comment", "x\n", id="comment"),
        pytest.param("echo $?; false; echo $?", "0\n1\n", id="status"),
        pytest.param("! false && echo negated", "negated\n", id="negation"),
        pytest.param("X=a Y=b; echo $X$Y", "ab\n", id="assignments"),
        pytest.param("printf '%s-%d\\n' a 1 b 2", "a-1\nb-2\n", id="printf"),
        pytest.param("echo -n no-newline", "no-newline", id="echo-n"),
        pytest.param("seq 3 | wc -l", "3\n", id="pipe-builtins"),
        pytest.param("test -z '' && [ a = a ] && echo ok", "ok\n", id="test"),
        pytest.param(
            "i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done",
            "1\n2\n3\n",
            id="arithmetic-loop",
        ),
        pytest.param("echo $(( (2+3)*4 % 7 )) $((10/3)) $((1<2 && 0))", "6 3 0\n", id="arithmetic"),
        pytest.param("X=$(false); echo $?; false; Y=1; echo $?", "1\n0\n", id="assignment-status"),
        pytest.param("echo a | exit 3; echo after $?", "after 3\n", id="exit-in-pipeline"),
        pytest.param(
            "for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done; echo end",
            "1\n2\nend\n",
            id="break",
        ),
        pytest.param(
            "for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done",
            "a1\nb1\n",
            id="continue-2",
        ),
        pytest.param(
            "i=0; while true; do i=$((i+1)); [ $i -ge 5 ] && break; done; echo $i",
            "5\n",
            id="break-while-true",
        ),
        pytest.param(
            "for i in 1 2; do (break); echo $i; done; break; echo outside",
            "1\n2\noutside\n",
            id="break-outside-a-loop",
        ),
    ],
)
def test_shell_language(cluster: Any, script: str, expected: str) -> None:
    code, out, err = sh(cluster, script)
    assert (code, out, err) == (0, expected, "")


@pytest.mark.parametrize(
    ("script", "dialect_msgs"),
    [
        pytest.param(
            "echo 'open",
            {
                "dash": "sh: 1: Syntax error: Unterminated quoted string\n",
                "ash": "sh: syntax error: unterminated quoted string\n",
            },
            id="unterminated",
        ),
        pytest.param(
            "done",
            {
                "dash": 'sh: 1: Syntax error: "done" unexpected\n',
                "ash": 'sh: syntax error: unexpected "done"\n',
            },
            id="unexpected",
        ),
        pytest.param(
            "echo a &&",
            {
                "dash": "sh: 1: Syntax error: end of file unexpected\n",
                "ash": "sh: syntax error: unexpected end of file\n",
            },
            id="eof",
        ),
    ],
)
def test_shell_syntax_errors_per_dialect(
    cluster: Any, script: str, dialect_msgs: dict[str, str]
) -> None:
    assert sh(cluster, script) == (2, "", dialect_msgs["dash"])
    assert sh(cluster, script, target="box") == (2, "", dialect_msgs["ash"])


def test_arithmetic_errors(cluster: Any) -> None:
    assert sh(cluster, "echo $((1/0))") == (
        0,
        "0\n",
        'sh: 1: arithmetic expression: division by zero: "1/0"\n',
    )
    assert sh(cluster, "for i in $(seq 2000); do :; done")[0] == process.LOOP_EXIT


def test_parser_rejects_heredoc() -> None:
    with pytest.raises(shell_parse.ShellSyntaxError):
        shell_parse.parse("cat <<EOF\nx\nEOF")


def test_bash_messages(cluster: Any) -> None:
    assert run(cluster, "bash", "-c", "nope") == (
        127,
        "",
        "bash: line 1: nope: command not found\n",
    )
    assert run(cluster, "bash", "-c", "echo 'x") == (
        2,
        "",
        "bash: -c: line 1: unexpected EOF while looking for matching `''\n",
    )


# ----- exec semantics -----------------------------------------------------------------------------


def test_top_level_unknown_executable_is_an_oci_error(cluster: Any) -> None:
    with pytest.raises(errors.MklError) as e:
        run(cluster, "nope", "arg")
    msg = e.value.render()
    assert msg.startswith(
        "error: Internal error occurred: error executing command in container: failed to "
        'exec in container: failed to start exec "'
    )
    assert msg.endswith(
        "OCI runtime exec failed: exec failed: unable to start container process: exec: "
        '"nope": executable file not found in $PATH: unknown'
    )
    assert e.value.exit_code == 1


def test_shell_builtins_are_not_executables(cluster: Any) -> None:
    with pytest.raises(errors.MklError, match='exec: "cd": executable file not found'):
        run(cluster, "cd", "/tmp")
    with pytest.raises(
        errors.MklError, match=r'exec: "/bin/bash-x": stat /bin/bash-x: no such file or directory'
    ):
        run(cluster, "/bin/bash-x")


def test_unknown_command_inside_shell_is_127(cluster: Any) -> None:
    assert sh(cluster, "nope; echo $?") == (0, "127\n", "sh: 1: nope: not found\n")
    assert sh(cluster, "nope", target="box") == (127, "", "sh: nope: not found\n")


def test_exit_codes_propagate(cluster: Any) -> None:
    assert sh(cluster, "exit 3") == (3, "", "")
    assert sh(cluster, "echo a; exit 4; echo b") == (4, "a\n", "")
    assert run(cluster, "false")[0] == 1
    assert sh(cluster, "(exit 5); echo $?") == (0, "5\n", "")


def test_sleep_validates_its_arguments(cluster: Any) -> None:
    assert run(cluster, "sleep", "3600") == (0, "", "")  # a still world: time does not pass
    assert run(cluster, "sleep", "x") == (1, "", "sleep: invalid time interval 'x'\n")
    assert run(cluster, "sleep", "x", target="box") == (1, "", "sleep: invalid number 'x'\n")


def test_endless_loop_is_stopped(cluster: Any) -> None:
    code, out, err = sh(cluster, "while true; do echo x; done")
    assert code == process.LOOP_EXIT
    assert out.count("x\n") == MAX_LOOP
    assert "stopped this command" in err


def test_busybox_has_no_curl_or_bash(cluster: Any) -> None:
    with pytest.raises(errors.MklError, match='exec: "curl": executable file not found'):
        run(cluster, "curl", "web", target="box")
    with pytest.raises(errors.MklError, match='exec: "bash"'):
        run(cluster, "bash", target="box")
    assert sh(cluster, "curl web", target="box") == (127, "", "sh: curl: not found\n")


def test_stdin_feeds_sh_and_cat(cluster: Any) -> None:
    assert run(cluster, "sh", stdin="echo from-stdin; hostname\n") == (0, "from-stdin\nweb-a\n", "")
    assert run(cluster, "cat", stdin="piped\n") == (0, "piped\n", "")
    assert run(cluster, "sh") == (0, "", "")


# ----- files, env, hostname -----------------------------------------------------------------------


def test_hostname_and_pod_files(cluster: Any) -> None:
    assert run(cluster, "hostname") == (0, "web-a\n", "")
    assert run(cluster, "cat", "/etc/hostname") == (0, "web-a\n", "")
    assert run(cluster, "cat", "/var/run/secrets/kubernetes.io/serviceaccount/namespace") == (
        0,
        "default",
        "",
    )
    _code, out, _ = run(cluster, "cat", "/etc/resolv.conf")
    assert out == (
        "search default.svc.cluster.local svc.cluster.local cluster.local\n"
        "nameserver 10.96.0.10\noptions ndots:5\n"
    )
    assert run(cluster, "cat", "/etc/hosts")[1].endswith("10.244.0.7\tweb-a\n")
    assert run(cluster, "ls", "/var/run/secrets/kubernetes.io/serviceaccount") == (
        0,
        "ca.crt\nnamespace\ntoken\n",
        "",
    )


def test_missing_files(cluster: Any) -> None:
    assert run(cluster, "cat", "/nope") == (1, "", "cat: /nope: No such file or directory\n")
    assert run(cluster, "cat", "/nope", target="box") == (
        1,
        "",
        "cat: can't open '/nope': No such file or directory\n",
    )
    assert run(cluster, "ls", "/nope") == (
        2,
        "",
        "ls: cannot access '/nope': No such file or directory\n",
    )


def test_env_has_kubernetes_and_service_links(cluster: Any) -> None:
    _code, out, _ = run(cluster, "env")
    lines = set(out.splitlines())
    assert {
        "HOSTNAME=web-a",
        "KUBERNETES_SERVICE_HOST=10.96.0.1",
        "KUBERNETES_SERVICE_PORT=443",
        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
    } <= lines
    assert {
        "WEB_SERVICE_HOST=10.96.12.4",
        "WEB_SERVICE_PORT=80",
        "WEB_PORT=tcp://10.96.12.4:80",
        "HOME=/root",
    } <= lines
    assert run(cluster, "printenv", "HOSTNAME") == (0, "web-a\n", "")
    assert run(cluster, "printenv", "NOPE") == (1, "", "")


def test_container_env_and_downward_api() -> None:
    c = world()
    env = [
        {"name": "A", "value": "1"},
        {"name": "B", "value": "$(A)-x"},
        {"name": "ME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
    ]
    pod(c, "p", env=env)
    _code, out, _ = run(c, "sh", "-c", "echo $A $B $ME", target="p")
    assert out == "1 1-x p\n"


def test_redirections_stay_in_the_simulated_fs(cluster: Any) -> None:
    assert sh(
        cluster, "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; cat < /tmp/f | wc -l"
    ) == (0, "one\ntwo\n2\n", "")
    assert sh(cluster, "echo hidden > /dev/null; echo err 1>&2 2>/dev/null") == (0, "", "err\n")
    assert sh(cluster, "echo x > /no/dir/f") == (
        1,
        "",
        "sh: 1: cannot create /no/dir/f: Directory nonexistent\n",
    )


def test_date_is_simulated_now(cluster: Any) -> None:
    assert run(cluster, "date") == (0, "Mon Jan  1 00:00:00 UTC 2024\n", "")
    assert run(cluster, "date", "+%Y-%m-%d") == (0, "2024-01-01\n", "")


# ----- curl and wget ------------------------------------------------------------------------------


def test_curl_localhost_and_pod_ip(cluster: Any) -> None:
    assert run(cluster, "curl", "-s", "127.0.0.1:8080") == (0, "Welcome! http-go:v1\n", "")
    assert run(cluster, "curl", "-s", "http://localhost:8080/") == (0, "Welcome! http-go:v1\n", "")
    assert run(cluster, "curl", "-s", "10.244.0.8:8080") == (0, "Welcome! http-go:v2\n", "")


def test_curl_without_s_prints_the_progress_meter_on_stderr(cluster: Any) -> None:
    code, out, err = run(cluster, "curl", "127.0.0.1:8080")
    assert (code, out) == (0, "Welcome! http-go:v1\n")
    assert err.startswith("  % Total    % Received % Xferd  Average Speed")
    assert "100    20  100    20" in err
    assert run(cluster, "curl", "127.0.0.1:8080", tty=True) == (0, "Welcome! http-go:v1\n", "")


@pytest.mark.parametrize(
    "host", ["web", "web.default", "web.default.svc", "web.default.svc.cluster.local", "10.96.12.4"]
)
def test_curl_service_names_round_robin(cluster: Any, host: str) -> None:
    outs = [run(cluster, "curl", "-s", host)[1] for _ in range(4)]
    assert sorted(outs) == ["Welcome! http-go:v1\n"] * 2 + ["Welcome! http-go:v2\n"] * 2


def test_curl_errors_and_exit_codes(cluster: Any) -> None:
    assert run(cluster, "curl", "-s", "nope") == (6, "", "")
    assert run(cluster, "curl", "-sS", "nope") == (
        6,
        "",
        "curl: (6) Could not resolve host: nope\n",
    )
    assert run(cluster, "curl", "-sS", "127.0.0.1:9999") == (
        7,
        "",
        "curl: (7) Failed to connect to 127.0.0.1 port 9999 after 0 ms: Couldn't connect "
        "to server\n",
    )
    assert run(cluster, "curl", "-sS", "-m", "2", "web:81") == (
        28,
        "",
        "curl: (28) Connection timed out after 2001 milliseconds\n",
    )
    assert run(cluster, "curl", "-sSf", "web/missing") == (
        22,
        "",
        "curl: (22) The requested URL returned error: 404\n",
    )
    assert run(cluster, "curl", "-s", "web/missing") == (0, "404 page not found\n", "")
    assert run(cluster, "curl") == (
        2,
        "",
        "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more "
        "information\n",
    )
    assert run(cluster, "curl", "--bogus", "web") == (
        2,
        "",
        "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' "
        "for more information\n",
    )


def test_curl_service_without_ready_endpoints_is_refused() -> None:
    c = world()
    pod(c, "client", ip="10.244.0.5", labels={"run": "client"})
    pod(c, "slow", ip="10.244.0.6", ready=False)
    service(c)
    assert run(c, "curl", "-sS", "10.96.12.4", target="client") == (
        7,
        "",
        "curl: (7) Failed to connect to 10.96.12.4 port 80 after 0 ms: Couldn't connect "
        "to server\n",
    )
    # readiness only matters to Services: the pod still answers on its own IP
    assert run(c, "curl", "-s", "10.244.0.6:8080", target="client") == (
        0,
        "Welcome! http-go:v1\n",
        "",
    )


def test_curl_write_out_output_include_head(cluster: Any) -> None:
    assert run(cluster, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "web") == (
        0,
        "200",
        "",
    )
    assert run(cluster, "curl", "-s", "-o/dev/null", "-w", "%{http_code}\\n", "web/x") == (
        0,
        "404\n",
        "",
    )
    assert sh(cluster, "curl -s -o /tmp/page web && cat /tmp/page") == (
        0,
        "Welcome! http-go:v1\n",
        "",
    )
    code, out, _ = run(cluster, "curl", "-si", "127.0.0.1:8080")
    assert out.startswith(
        "HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\nContent-Length: 20\r\n"
    )
    assert out.endswith("\r\n\r\nWelcome! http-go:v1\n")
    code, out, _ = run(cluster, "curl", "-sI", "10.244.0.10")
    assert (code, out.splitlines()[:2]) == (0, ["HTTP/1.1 200 OK", "Server: nginx/1.27"])
    assert out.endswith("Content-Length: 615\r\nConnection: keep-alive\r\n\r\n")


def test_wget_busybox_style(cluster: Any) -> None:
    assert run(cluster, "wget", "-qO-", "web", target="box") == (0, "Welcome! http-go:v1\n", "")
    code, out, err = run(cluster, "wget", "-O-", "web.default.svc.cluster.local", target="box")
    assert (code, out) == (0, "Welcome! http-go:v2\n")
    assert err.startswith(
        "Connecting to web.default.svc.cluster.local (10.96.12.4:80)\nwriting to stdout\n"
    )
    assert run(cluster, "wget", "-qO-", "nope", target="box") == (
        1,
        "",
        "wget: bad address 'nope'\n",
    )
    assert run(cluster, "wget", "-qO-", "web/x", target="box") == (
        1,
        "",
        "wget: server returned error: HTTP/1.1 404 Not Found\n",
    )


def test_nslookup(cluster: Any) -> None:
    assert run(cluster, "nslookup", "web", target="box")[1].endswith(
        "Name:\tweb.default.svc.cluster.local\nAddress: 10.96.12.4\n\n"
    )
    assert run(cluster, "nslookup", "nope", target="box")[0] == 1


def test_curl_loop_counts_versions(cluster: Any) -> None:
    _code, out, _ = sh(cluster, "for i in $(seq 1 6); do curl -s web; done | sort | uniq -c")
    assert out == "      3 Welcome! http-go:v1\n      3 Welcome! http-go:v2\n"


def test_access_log_recorded_for_nginx(cluster: Any) -> None:
    run(cluster, "curl", "-s", "10.244.0.10")
    entries = cluster.state["accessLog"][cluster.get("Pod", "default", "front")["metadata"]["uid"]]
    assert entries[-1][3] == (
        '10.244.0.7 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"'
    )


# ----- host safety --------------------------------------------------------------------------------

HOSTILE = [
    "touch {d}/x",
    "rm -rf /",
    "rm -rf {d}",
    "echo hi > {d}/hostfile",
    "echo hi >> {d}/hostfile2",
    "cat {d}/secret",
    "cat /etc/passwd > {d}/copy",
    'sh -c "touch a; rm b"',
    "bash -c 'touch {d}/b'",
    "$(touch {d}/sub)",
    "echo `touch {d}/tick`",
    'python3 -c \'open("{d}/py","w")\'',
    "exec /bin/sh -c 'touch {d}/exec'",
    "env touch {d}/envx",
    "command touch {d}/cmd",
    "cd {d} && echo x > rel && ls",
    "curl -o {d}/curl web",
    "wget -O {d}/wget web",
    "kill -9 1; reboot; mkfs /dev/sda",
    "echo x > /proc/sysrq-trigger",
]


@pytest.fixture
def no_host_effects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail loudly if anything tries to start a process or open a file."""
    calls: list[str] = []

    def trap(name: str) -> Any:
        def f(*a: Any, **k: Any) -> Any:
            calls.append(f"{name}{a!r}")
            raise AssertionError(f"host access: {name}")

        return f

    for name in (
        "system",
        "popen",
        "execv",
        "execve",
        "execvp",
        "spawnv",
        "posix_spawn",
        "fork",
        "open",
        "remove",
        "unlink",
        "mkdir",
        "rename",
        "replace",
    ):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, trap(f"os.{name}"))
    monkeypatch.setattr(subprocess, "Popen", trap("subprocess.Popen"))
    monkeypatch.setattr(builtins, "open", trap("open"))
    monkeypatch.setattr(io, "open", trap("io.open"))
    return calls


def test_hostile_scripts_never_touch_the_host(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("host secret\n")
    monkeypatch.chdir(tmp_path)
    for script in HOSTILE:  # warm lazy imports before trapping the host calls
        sh(cluster, script.format(d=tmp_path))
    calls = request.getfixturevalue("no_host_effects")
    outputs = []
    for script in HOSTILE:
        _code, out, err = sh(cluster, script.format(d=tmp_path))
        outputs.append(out + err)
        _code, out, err = run(cluster, "bash", "-c", script.format(d=tmp_path))
        outputs.append(out + err)
    monkeypatch.undo()
    assert calls == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret"]
    assert not any("host secret" in text for text in outputs)


def test_cat_etc_passwd_is_simulated(cluster: Any) -> None:
    code, out, _ = run(cluster, "cat", "/etc/passwd")
    assert (code, out) == (0, simfs.PASSWD)
    assert run(cluster, "cat", "/root/.ssh/id_rsa")[0] == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["touch", "/tmp/x"],
        ["rm", "-rf", "/"],
        ["python3", "-c", "print(1)"],
        ["/usr/bin/env", "bash"],
    ],
)
def test_host_commands_do_not_exist_at_top_level(
    cluster: Any, argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if argv[0] == "/usr/bin/env":
        assert (
            run(cluster, *argv)[0] == 0
        )  # env runs bash, which is a simulated shell reading empty stdin
    else:
        with pytest.raises(errors.MklError, match="executable file not found"):
            run(cluster, *argv)
    assert list(tmp_path.iterdir()) == []


def test_no_token_files_without_the_mount(cluster: Any) -> None:
    """automountServiceAccountToken: false leaves the container without the token volume's
    mount, so its files (and /var/run/secrets) are not there, as in a real container."""
    pod(cluster, "private", ip="10.244.0.11", token=False)
    sa = "/var/run/secrets/kubernetes.io/serviceaccount"
    assert run(cluster, "cat", f"{sa}/token", target="private") == (
        1,
        "",
        f"cat: {sa}/token: No such file or directory\n",
    )
    code, _, err = run(cluster, "ls", "/var/run/secrets", target="private")
    assert code != 0 and "No such file or directory" in err
    assert "secrets" not in run(cluster, "ls", "/var/run", target="private")[1].split()
    assert run(cluster, "sh", "-c", f"test -d {sa} || echo none", target="private") == (
        0,
        "none\n",
        "",
    )
    # the mounted container of the same cluster still has them
    assert run(cluster, "ls", sa) == (0, "ca.crt\nnamespace\ntoken\n", "")
