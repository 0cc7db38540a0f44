"""printers.sortby: kubectl's --sort-by (sorter.go): relaxed paths, natural and quantity order."""

from __future__ import annotations

import pytest

from minikube_lite import errors
from minikube_lite.printers import sortby


@pytest.mark.parametrize(
    "expr", ["metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}"]
)
def test_relaxed(expr: str) -> None:
    assert sortby.relaxed(expr) == "{.metadata.name}"


@pytest.mark.parametrize(
    ("a", "b"),
    [("web-9", "web-10"), ("a1", "ab"), ("x1", "x01"), ("abc", "abcd"), ("B", "a")],
)
def test_natural_less(a: str, b: str) -> None:
    assert sortby.natural_less(a, b) and not sortby.natural_less(b, a)


def _objs(*values: object) -> list[dict[str, object]]:
    out = []
    for i, v in enumerate(values):
        o: dict[str, object] = {"metadata": {"name": f"o{i}"}}
        if v is not None:
            o["v"] = v
        out.append(o)
    return out


def _names(objs: list[dict[str, object]]) -> list[str]:
    return [o["metadata"]["name"] for o in objs]  # type: ignore[index]


def test_quantities_compare_as_quantities() -> None:
    assert _names(sortby.sort_objects(_objs("1", "100m", "2Gi", "500Mi"), ".v")) == [
        "o1",
        "o0",
        "o3",
        "o2",
    ]


def test_numbers_and_natural_strings() -> None:
    assert _names(sortby.sort_objects(_objs(10, 9, 2.5), "v")) == ["o2", "o1", "o0"]
    assert _names(sortby.sort_objects(_objs("web-10", "web-9"), "v")) == ["o1", "o0"]


def test_missing_fields_first_in_reverse_order() -> None:
    """Go's insertion sort with Less(missing, x) == true moves each such item to the front."""
    got = sortby.sort_objects(_objs("b", None, "a", None), ".v")
    assert _names(got) == ["o3", "o1", "o2", "o0"]


def test_no_object_has_the_field() -> None:
    with pytest.raises(errors.MklError) as e:
        sortby.sort_objects(_objs("a", "b"), "spec.x")
    assert e.value.message == (
        'couldn\'t find any field with path "{.spec.x}" in the list of objects'
    )


def test_one_object_outside_a_table_is_not_checked() -> None:
    assert _names(sortby.sort_objects(_objs("a"), "spec.x", table=False)) == ["o0"]
    with pytest.raises(errors.MklError):
        sortby.sort_objects(_objs("a"), "spec.x")


def test_a_template_that_does_not_parse() -> None:
    with pytest.raises(errors.MklError) as e:
        sortby.sort_objects(_objs("a", "b"), "{.v")
    assert e.value.message == "sorting error: unclosed action"
    with pytest.raises(errors.MklError) as e:
        sortby.sort_objects(_objs("a", "b"), "{.v", table=False)
    assert e.value.message == "unclosed action"
