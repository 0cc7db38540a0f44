"""Run plans walk the exec shell's syntax tree: what a container's process does over time."""

from __future__ import annotations

import pytest

from minikube_lite.sandbox import runplan, shell_parse


def sh(script: str) -> runplan.Outcome:
    return runplan.run(["sh", "-c", script])


@pytest.mark.parametrize(
    ("script", "forever", "seconds", "code", "logs"),
    [
        pytest.param("sleep 30; exit 2", False, 30.0, 2, (), id="sleep-exit"),
        pytest.param("sleep 1.5; sleep 2m; sleep 1h", False, 3721.5, 0, (), id="sleep-units"),
        pytest.param("sleep junk", False, 0.0, 0, (), id="sleep-junk-takes-no-time"),
        pytest.param(
            "echo hi; sleep 5; echo -n there",
            False,
            5.0,
            0,
            ((0.0, "hi"), (5.0, "there")),
            id="echo-logs",
        ),
        pytest.param(
            "echo 'a;  b' \"$X\"",
            False,
            0.0,
            0,
            ((0.0, "a;  b $X"),),
            id="quotes-kept-vars-unexpanded",
        ),
        pytest.param(
            "for i in 1 2; do echo n$i ${i}x; sleep 1; done",
            False,
            2.0,
            0,
            ((0.0, "n1 1x"), (1.0, "n2 2x")),
            id="for",
        ),
        pytest.param(
            "false || echo or; true && echo and; false && echo no",
            False,
            0.0,
            1,
            ((0.0, "or"), (0.0, "and")),
            id="and-or",
        ),
        pytest.param("false; exit", False, 0.0, 0, (), id="bare-exit-is-0"),
        pytest.param("while true; do sleep 1; done", True, 3600.0, 0, (), id="while-forever"),
        pytest.param(
            "until false; do echo x; done",
            True,
            0.0,
            0,
            ((0.0, "x"),),
            id="spinning-loop-is-endless",
        ),
        pytest.param(
            "while false; do echo x; done; exit 4", False, 0.0, 4, (), id="while-false-never-runs"
        ),
        pytest.param("tail -f /dev/null", True, 0.0, 0, (), id="tail-f"),
        pytest.param("sleep infinity", True, 0.0, 0, (), id="sleep-infinity"),
        pytest.param("nginx -g 'daemon off;'", True, 0.0, 0, (), id="server-command"),
        pytest.param(
            "if [ -f /nope ]; then exit 1; elif true; then sleep 3; fi",
            False,
            3.0,
            0,
            (),
            id="if-elif",
        ),
        pytest.param(
            "{ echo a; sleep 2; } && (exit 3); echo $?",
            False,
            2.0,
            0,
            ((0.0, "a"), (2.0, "$?")),
            id="groups",
        ),
        pytest.param(
            "sh -c 'sleep 1; exit 5'; echo after",
            False,
            1.0,
            0,
            ((1.0, "after"),),
            id="nested-sh-exit-ends-the-child",
        ),
        pytest.param(
            "unknown --flag && mkdir -p /x", False, 0.0, 0, (), id="anything-else-succeeds-silently"
        ),
        pytest.param(
            "echo 'open", False, 0.0, 0, (), id="a-script-that-does-not-parse-does-nothing"
        ),
        pytest.param(
            "cat /tmp/nope; ls /tmp/nope",
            False,
            0.0,
            1,
            (
                (0.0, "cat: can't open '/tmp/nope': No such file or directory"),
                (0.0, "ls: /tmp/nope: No such file or directory"),
            ),
            id="missing-files",
        ),
        pytest.param(
            "echo out > /tmp/f; echo err >&2; cat /nope 2> /dev/null",
            False,
            0.0,
            1,
            ((0.0, "err"),),
            id="redirected-output-is-no-log",
        ),
    ],
)
def test_script_outcomes(
    script: str, forever: bool, seconds: float, code: int, logs: tuple[tuple[float, str], ...]
) -> None:
    out = sh(script)
    assert (out.forever, out.seconds, out.code, out.logs) == (forever, seconds, code, logs)


def test_files_appear_and_disappear_over_time() -> None:
    out = sh("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; echo x > /tmp/log; sleep 600")
    assert out.files == (("/tmp/log", 30.0, None), ("/tmp/healthy", 0.0, 30.0))


def test_a_loop_is_followed_up_to_its_bounds() -> None:
    out = sh("while true; do echo tick; sleep 5; done")
    assert (
        out.forever and len(out.logs) == runplan.MAX_LOOP_LINES and out.logs[-1] == (995.0, "tick")
    )
    assert sh("while sleep 5; do echo tick; done").logs[:2] == ((5.0, "tick"), (10.0, "tick"))


@pytest.mark.parametrize(
    ("argv", "forever", "code"),
    [
        pytest.param(["sh"], False, 0, id="interactive-shell-without-stdin-exits"),
        pytest.param(["/bin/bash", "-x"], False, 0, id="shell-without-c"),
        pytest.param(["sleep", "3600"], False, 0, id="plain-argv"),
        pytest.param(["false"], False, 1, id="false"),
        pytest.param(["echo", "a", ">", "/tmp/f"], False, 0, id="argv-has-no-redirections"),
    ],
)
def test_argv_outcomes(argv: list[str], forever: bool, code: int) -> None:
    out = runplan.run(argv)
    assert (out.forever, out.code) == (forever, code)
    assert out.files == ()


def test_an_open_stdin_keeps_the_process_waiting_for_its_attach() -> None:
    """``run -i``: stdin stays open, so the process waits for the attach that runs it; a
    server still runs as the image says."""
    assert runplan.run(["sh"], stdin=True).forever
    assert runplan.run(["wget", "-qO-", "web"], stdin=True).forever
    assert runplan.run(["sh", "-c", "exit 3"], stdin=False).code == 3
    assert runplan.run(["nginx", "-g", "daemon off;"], stdin=True) == runplan.run(
        ["nginx", "-g", "daemon off;"]
    )


def test_probes_read_the_containers_files() -> None:
    files = {"/tmp/healthy"}
    assert runplan.probe(["cat", "/tmp/healthy"], files.__contains__) == (0, "")
    assert runplan.probe(["cat", "/tmp/other"], files.__contains__) == (
        1,
        "cat: can't open '/tmp/other': No such file or directory",
    )
    assert runplan.probe(
        ["sh", "-c", "test -e /tmp/healthy && [ ! -f /tmp/other ]"], files.__contains__
    ) == (0, "")
    assert runplan.probe([], files.__contains__) == (0, "")


def test_one_grammar_for_exec_and_run_plans() -> None:
    """What the exec shell's parser rejects, a run plan does not run either; what it accepts
    (compound commands shlex could not see) a run plan follows."""
    for bad in ("echo a; done; echo b", "cat <<EOF\nx\nEOF", "if true; then echo a"):
        with pytest.raises(shell_parse.ShellSyntaxError):
            shell_parse.parse(bad)
        assert sh(bad).logs == ()
    script = (
        "for i in 1 2; do if [ -e /tmp/seen ]; then { echo seen $i; }; fi; touch /tmp/seen; done"
    )
    shell_parse.parse(script)
    assert sh(script).logs == ((0.0, "seen 2"),)
