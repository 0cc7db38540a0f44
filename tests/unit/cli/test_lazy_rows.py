"""The create/set rows beyond the first few are built on first use (cli/spec.py LazyChildren),
so a command that never reaches them does not import cli/commands_gen.py at all."""

from __future__ import annotations

import subprocess
import sys

from minikube_lite.cli.spec import Command, LazyChildren


def test_rows_load_once_on_first_look() -> None:
    calls = []

    def load() -> dict[str, Command]:
        calls.append(1)
        return {"b": Command(name="b", short="B")}

    rows = LazyChildren({"a": Command(name="a", short="A")}, load)
    assert calls == []
    assert "b" in rows and rows.get("b") is rows["b"]
    assert sorted(rows) == ["a", "b"] and len(rows) == 2
    assert [c.name for c in rows.values()] == ["a", "b"]
    assert calls == [1]


def test_a_get_command_line_does_not_build_the_generators() -> None:
    code = (
        "import sys\n"
        "from minikube_lite.cli import app\n"
        "root = app.root()\n"
        "root.child('get').child('pods'); root.child('rollout').child('status')\n"
        "print('minikube_lite.cli.commands_gen' in sys.modules)\n"
        "root.child('create').child('configmap')\n"
        "print('minikube_lite.cli.commands_gen' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "False\nTrue\n"
