"""docs/architecture.md maps upstream to modules: every module that cites an upstream Go file or
ports a Go function has a row in its table naming them, so a newcomer can search the page for a
Go file or function and land on the module that holds it."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
PKG = ROOT / "minikube_lite"
DOC = ROOT / "docs" / "architecture.md"

GO_FILE = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.go)\b")
# A docstring that names the Go function it ports: "Port of rolloutRolling: ...",
# "reconcileOldReplicaSets: ...", "metav1.FormatLabelSelector: ...".
GO_NAME = re.compile(
    r"^(?:[Pp]ort of )?``?((?:[a-z][a-z0-9]*\.)?[A-Za-z][a-z0-9]*(?:[A-Z][A-Za-z0-9]*)+)``?"
    r"|^[Pp]ort of ((?:[a-z][a-z0-9]*\.)?[A-Za-z][A-Za-z0-9]*)\b"
    r"|^((?:[a-z][a-z0-9]*\.)?[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+|[a-z][a-z0-9]*\.[A-Z]\w+)[:( ]"
)
# Go's standard library is not something the project ports.
GO_STDLIB = ("strconv.", "reflect.", "json.", "sort.", "fmt.", "strings.", "yaml.")


def citations(path: Path) -> tuple[list[str], list[str]]:
    """The Go files a module names anywhere, and the Go functions its docstrings port."""
    text = path.read_text()
    files = sorted({Path(m.group(1)).name for m in GO_FILE.finditer(text)})
    names: list[str] = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        m = GO_NAME.match(ast.get_docstring(node) or "")
        name = next((g for g in m.groups() if g), "") if m else ""
        if name and not name.startswith(GO_STDLIB) and name not in names:
            names.append(name)
    return files, names


def _cited() -> list[Any]:
    out = []
    for path in sorted(PKG.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        files, names = citations(path)
        if files or names:
            module = str(path.relative_to(ROOT))
            out.append(pytest.param(module, files, names, id=module))
    return out


def _rows() -> dict[str, str]:
    rows = {}
    for line in DOC.read_text().splitlines():
        m = re.match(r"\|\s*`([^`]+\.py)`\s*\|", line)
        if m:
            rows[m.group(1)] = line
    return rows


@pytest.mark.parametrize("module,files,names", _cited())
def test_every_ported_module_has_a_row(module: str, files: list[str], names: list[str]) -> None:
    row = _rows().get(module)
    assert row is not None, f"docs/architecture.md has no row for {module}"
    missing = [w for w in files + names if not re.search(rf"(?<![\w.]){re.escape(w)}\b", row)]
    assert not missing, f"{module}'s row does not name {missing}"


def test_every_row_is_a_module() -> None:
    stale = [m for m in _rows() if not (ROOT / m).is_file()]
    assert not stale, f"docs/architecture.md names modules that do not exist: {stale}"
