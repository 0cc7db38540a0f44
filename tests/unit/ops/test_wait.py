"""ops/wait.py: kubectl wait's --for parsing and checks (wait.go, condition.go, json.go)."""

from __future__ import annotations

import pytest

from minikube_lite import errors
from minikube_lite.ops import wait


def _relax(expr: str) -> str:
    return expr if expr.startswith("{") or not expr else "{" + expr + "}"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        pytest.param("a=b", ["a", "b"], id="one-equals"),
        pytest.param("a.b.c====d.e.f===g.h.i===", ["a.b.c====d.e.f==", "g.h.i==", ""], id="go-doc"),
        pytest.param("{.x}", ["{.x}"], id="no-value"),
    ],
)
def test_split_jsonpath_input(text: str, parts: list[str]) -> None:
    assert wait.split_jsonpath_input(text) == parts


def test_parse_condition() -> None:
    assert wait.parse_condition("DELETE", _relax) == wait.Condition("delete")
    assert wait.parse_condition("condition=Ready", _relax) == wait.Condition(
        "condition", name="Ready", value="true"
    )
    assert wait.parse_condition("condition=Ready=False", _relax).value == "False"
    c = wait.parse_condition("jsonpath={.status.phase}='Running'", _relax)
    assert (c.expr, c.value, c.any_value) == ("{.status.phase}", "Running", False)
    assert wait.parse_condition("jsonpath={.status.phase}", _relax).any_value
    with pytest.raises(errors.MklError, match='unrecognized condition: "x"'):
        wait.parse_condition("x", _relax)


def _deploy(status: str, generation: int = 2, observed: int = 2) -> dict:
    return {
        "metadata": {"generation": generation},
        "status": {
            "observedGeneration": observed,
            "conditions": [{"type": "Available", "status": status}],
        },
    }


def test_condition_met_ignores_a_stale_generation() -> None:
    assert wait.condition_met(_deploy("True"), "available", "true")
    assert not wait.condition_met(_deploy("True", generation=3), "Available", "True")
    assert wait.condition_met(_deploy("False"), "Available", "false")
    assert not wait.condition_met({"status": {}}, "Available", "True")


def test_jsonpath_met() -> None:
    cond = wait.Condition("jsonpath", value="3", expr="{.x}")
    assert wait.jsonpath_met([[3]], cond)
    assert not wait.jsonpath_met([[2]], cond)
    assert not wait.jsonpath_met([[]], cond)
    assert wait.jsonpath_met([[True]], wait.Condition("jsonpath", value="true", expr="{.x}"))
    with pytest.raises(errors.MklError, match="matches more than one value"):
        wait.jsonpath_met([[1, 2]], cond)
    with pytest.raises(errors.MklError, match="nested object or list"):
        wait.jsonpath_met([[{"a": 1}]], cond)
