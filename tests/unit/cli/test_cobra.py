"""cobra's errors for words that are not commands (cli/cobra.py), checked against the real
kubectl where every command it suggests exists in mkl too."""

from __future__ import annotations

import pytest

from minikube_lite.cli import app, cobra, commands
from tests.conftest import MklRunner, kubectl, needs_kubectl

GLOBALS = {f.name: f for f in commands.GLOBAL_FLAGS} | {
    "-" + f.short: f for f in commands.GLOBAL_FLAGS if f.short
}


@pytest.mark.parametrize(
    ("s", "t", "d"),
    [
        ("foo", "top", 2),
        ("gett", "get", 1),
        ("GET", "get", 0),
        ("", "abc", 3),
        ("kitten", "sitting", 3),
    ],
)
def test_ld(s: str, t: str, d: int) -> None:
    assert cobra.ld(s, t) == d


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        pytest.param(["-n", "x", "foo", "bar"], ["foo", "bar"], id="short-flag-value"),
        pytest.param(["-n", "x"], [], id="short-flag-last-value-stops"),
        pytest.param(["--bogus", "foo"], [], id="unknown-long-flag-takes-a-value"),
        pytest.param(["--namespace=x", "foo"], ["foo"], id="long-flag-with-equals"),
        pytest.param(["foo", "--", "bar"], ["foo"], id="dash-dash-ends"),
        pytest.param(["-h", "foo"], [], id="help-is-not-yet-a-bool"),
    ],
)
def test_strip_flags(argv: list[str], words: list[str]) -> None:
    assert cobra.strip_flags(argv, GLOBALS) == words


def test_suggestions_follow_kubectls_order_and_suggest_for() -> None:
    root = app.root()
    assert cobra.suggestions_for(root, "gett") == ["set", "get"]
    assert cobra.suggestions_for(root, "list") == ["get"]
    # kubectl 1.37 says run, delete, cp (mkl has no cp)
    assert cobra.suggestions_for(root, "rm") == ["run", "delete"]
    assert cobra.suggestions_for(root, "xyzzyq") == []


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["gett", "pods"], id="suggest-set-get"),
        pytest.param(["desribe", "pods"], id="suggest-describe"),
        pytest.param(["rollouts"], id="suggest-rollout"),
        pytest.param(["logz", "-f"], id="suggest-logs"),
        pytest.param(["xyzzyq", "--image=nginx"], id="no-suggestion-even-with-flags"),
        pytest.param(["-n", "x", "foo"], id="flag-before-plugin-name"),
        pytest.param(["--namespace=x", "foo"], id="long-flag-before-plugin-name"),
        pytest.param(["--bogus", "foo"], id="unknown-root-flag"),
        pytest.param(["rollout", "foo"], id="unknown-subcommand"),
        pytest.param(["set", "foo"], id="unknown-set-subcommand"),
        pytest.param(["create", "foo", "bar"], id="unexpected-args-go-list"),
        pytest.param(["get", "pods", "---x"], id="bad-flag-syntax"),
        pytest.param(["get", "pods", "--=x"], id="bad-flag-syntax-empty-name"),
        pytest.param(["get", "pods", "-w=abc"], id="shorthand-named-in-value-error"),
        pytest.param(["get", "-A=x", "pods"], id="shorthand-named-for-a"),
        pytest.param(["rollout", "status", "deploy/x", "--watch=abc"], id="long-names-shorthand"),
        pytest.param(["rollout", "history", "--revision=x"], id="no-shorthand"),
        pytest.param(["get", "pods", "-o"], id="needs-an-argument"),
    ],
)
def test_errors_match_kubectl(mkl: MklRunner, argv: list[str]) -> None:
    want = kubectl(*argv)
    got = mkl(*argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


@needs_kubectl
@pytest.mark.parametrize("group", ["rollout", "set", "config", "auth"])
def test_a_group_without_subcommand_prints_help_on_kubectls_stream_and_exits_1(
    mkl: MklRunner, group: str
) -> None:
    want = kubectl(group)
    got = mkl(group, prog="kubectl")
    assert got.exit_code == want.returncode == 1
    assert (bool(got.stdout), bool(got.stderr)) == (bool(want.stdout), bool(want.stderr))
    assert "Available Commands:" in got.stdout + got.stderr
    assert mkl(group, "--help").exit_code == 0


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["describe"], id="describe-without-type"),
        pytest.param(["config", "view", "extra"], id="config-view-args"),
        pytest.param(["version", "extra"], id="version-args"),
        pytest.param(["api-resources", "a", "b"], id="api-resources-args"),
    ],
)
def test_argument_errors_match_kubectl(mkl: MklRunner, argv: list[str]) -> None:
    want = kubectl(*argv)
    got = mkl(*argv, prog="kubectl")
    assert (got.exit_code, got.stderr) == (want.returncode, want.stderr)


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [["help"], ["help", "get"], ["help", "rollout", "undo"], ["help", "rollout", "foo"]],
)
def test_help_command_prints_the_topic_on_stdout(mkl: MklRunner, argv: list[str]) -> None:
    want = kubectl(*argv)
    got = mkl(*argv, prog="kubectl")
    assert got.exit_code == want.returncode == 0
    assert (got.stderr, want.stderr) == ("", "")
    assert got.stdout and want.stdout
    assert got.stdout.splitlines()[0] == mkl(*argv[1:], "--help").stdout.splitlines()[0]


@needs_kubectl
def test_help_for_an_unknown_topic_goes_to_stderr_with_exit_0(mkl: MklRunner) -> None:
    want = kubectl("help", "foo", "bar")
    got = mkl("help", "foo", "bar", prog="kubectl")
    assert (got.exit_code, got.stdout) == (want.returncode, want.stdout) == (0, "")
    assert (
        got.stderr.splitlines()[0]
        == want.stderr.splitlines()[0]
        == ("Unknown help topic [`foo` `bar`]")
    )
