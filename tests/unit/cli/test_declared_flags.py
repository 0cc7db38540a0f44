"""Every flag a handler reads is declared for its command in cli/commands.py.

The check that matters runs in every CLI test: tests/conftest.py turns on
``Invocation.strict_flags``, so reading an undeclared flag (in a handler, a shared cli helper or an
Options.complete) raises UndeclaredFlagError on any path the suite runs.  That is exact per
command, which a static scan cannot be (helpers are shared between commands).  The static scan here
is the cheap complement for paths no test runs: every literal flag name read anywhere in cli/ and
ops/ is declared by some command.
"""

from __future__ import annotations

import ast
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from minikube_lite.cli import app, commands, parser
from minikube_lite.cli.io import IO
from minikube_lite.cli.spec import Command

PKG = Path(app.__file__).resolve().parent.parent
READERS = frozenset({"flag", "given", "optional_flag"})


def _walk(cmd: Command) -> Iterator[Command]:
    yield cmd
    for ch in cmd.children.values():
        yield from _walk(ch)


def _declared() -> set[str]:
    names = {f.name for f in commands.GLOBAL_FLAGS}
    for cmd in _walk(commands.build()):
        names |= {f.name for f in cmd.flags}
    return names


def _reads() -> Iterator[tuple[str, int, str]]:
    for path in sorted([*PKG.joinpath("cli").rglob("*.py"), *PKG.joinpath("ops").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in READERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield str(path.relative_to(PKG)), node.lineno, node.args[0].value


def test_every_flag_read_is_declared_by_some_command() -> None:
    declared = _declared()
    reads = list(_reads())
    assert len(reads) > 100  # the scan sees the handlers
    assert [r for r in reads if r[2] not in declared] == []


def _invocation(argv: list[str]) -> app.Invocation:
    cmd, path = parser.find_command(app.root(), argv, {f.name: f for f in commands.GLOBAL_FLAGS})
    parsed = parser.parse(cmd, path, argv, commands.GLOBAL_FLAGS, "mkl")
    return app.Invocation("mkl", parsed, IO(stdout=io.StringIO(), stderr=io.StringIO()))


def test_reading_an_undeclared_flag_raises_in_tests() -> None:
    inv = _invocation(["rollout", "pause", "deploy/x"])
    assert inv.flag("selector") is None  # declared, not typed
    with pytest.raises(app.UndeclaredFlagError, match="'mkl rollout pause' reads --all"):
        inv.flag("all")
    with pytest.raises(app.UndeclaredFlagError):
        inv.given("all")
    assert inv.optional_flag("all") is None  # a shared helper says so explicitly


def test_every_handler_resolves() -> None:
    import importlib

    for cmd in _walk(commands.build()):
        if cmd.handler:
            module, func = cmd.handler.split(":")
            assert callable(getattr(importlib.import_module(f"minikube_lite.cli.{module}"), func))
