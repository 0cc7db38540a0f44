"""The layering of docs/architecture.md, checked on every import (lazy ones included):
cli > ops | printers > controllers > store > sandbox > api > leaves (clock, ids, errors, records),
and no import cycle between modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[3] / "minikube_lite"
# sandbox sits above api: what runs in a container reads its Pod and container as API objects.
RANK = {
    "cli": 6,
    "server": 5.5,  # a second front end; only cli/cmd_serve imports it
    "ops": 5,
    "printers": 5,
    "controllers": 4,
    "store": 3,
    "sandbox": 2.5,
    "api": 2,
}
LEAF = 1
RANK["dashboard"] = 5.5  # a front end too, just below cli: only cli/cmd_dashboard imports it


def _layer(module: str) -> tuple[str, float]:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    return top, RANK.get(top, LEAF)


def _modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("minikube_lite")]
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("minikube_lite")
        ):
            out.append(node.module)
            out += [f"{node.module}.{a.name}" for a in node.names if node.module == "minikube_lite"]
    return out


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PKG)))
def test_module_imports_only_lower_layers(path: Path) -> None:
    rel = path.relative_to(PKG.parent).with_suffix("")
    me = ".".join(rel.parts).removesuffix(".__init__")
    if me in ("minikube_lite", "minikube_lite.__main__"):
        return
    my_top, my_rank = _layer(me)
    for target in _imports(path):
        top, rank = _layer(target)
        if top == my_top:
            continue
        allowed = rank < my_rank or (rank == LEAF and my_rank == LEAF)
        assert allowed, f"{me} (layer {my_top or 'leaf'}) imports {target} (layer {top or 'leaf'})"


def test_only_the_dashboard_command_imports_the_dashboard() -> None:
    """No other command pays for it (nor can reach it by accident)."""
    importers = []
    for path in _modules():
        rel = path.relative_to(PKG.parent).with_suffix("")
        me = ".".join(rel.parts).removesuffix(".__init__")
        if me.startswith("minikube_lite.dashboard"):
            continue
        if any(t.startswith("minikube_lite.dashboard") for t in _imports(path)):
            importers.append(me)
    assert importers == ["minikube_lite.cli.cmd_dashboard"]


def _graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (lazy and TYPE_CHECKING imports included)."""
    mods = {}
    for path in _modules():
        rel = path.relative_to(PKG.parent).with_suffix("")
        mods[".".join(rel.parts).removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    deps.add(full if full in mods else node.module)
        graph[name] = {d for d in deps if d in mods and d != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        x = stack.pop()
                        on_stack.discard(x)
                        comp.append(x)
                        if x == v:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))
            elif w not in index:
                index[w] = low[w] = len(index)
                stack.append(w)
                on_stack.add(w)
                work.append((w, iter(sorted(graph[w]))))
            elif w in on_stack:
                low[v] = min(low[v], index[w])
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []
