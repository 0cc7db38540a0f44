"""Label selectors (api.labels): parsing, matching and formatting, with exact upstream texts."""

from __future__ import annotations

import pytest

from minikube_lite.api import labels as L
from tests.builders import QNAME_BODY, VALUE_MSG

PARSE_OK = [
    ("", ""),
    ("app=web", "app=web"),
    ("app==web", "app==web"),
    ("app!=web", "app!=web"),
    ("tier in (b,a)", "tier in (a,b)"),
    ("tier notin (x)", "tier notin (x)"),
    ("app", "app"),
    ("!app", "!app"),
    ("b=1,a=2", "a=2,b=1"),
    ("  app = web , env ", "app=web,env"),
    ("a in (x,,y)", "a in (,x,y)"),
    ("a notin ()", "a notin ()"),
    ("a=", "a="),
    ("in in (in)", "in in (in)"),
    ("example.com/app=web", "example.com/app=web"),
    ("x>5", "x>5"),
]


@pytest.mark.parametrize(("text", "string"), PARSE_OK)
def test_parse_roundtrip(text: str, string: str) -> None:
    assert str(L.parse_selector(text)) == string


PARSE_ERR = [
    ("app in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
    ("app in a", "unable to parse requirement: found 'a' expected: '('"),
    ("x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"),
    ("a,", "found '', expected: identifier after ','"),
    ("a=b=c", "found '=', expected: ',' or 'end of string'"),
    ("!a=b", "found '=', expected: ',' or 'end of string'"),
    ("=a", "found '=', expected: !, identifier, or 'end of string'"),
    ("a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'"),
    ("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
    ("a=(", "unable to parse requirement: found '(', expected: identifier"),
    (
        "app=-bad",
        f'unable to parse requirement: values[0][app]: Invalid value: "-bad": {VALUE_MSG}',
    ),
    (
        "Foo_=x",
        f'unable to parse requirement: <nil>: Invalid value: "Foo_": name part {QNAME_BODY}',
    ),
]


@pytest.mark.parametrize(("text", "message"), PARSE_ERR)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(L.SelectorError) as err:
        L.parse_selector(text)
    assert err.value.message == message
    assert err.value.render() == "error: " + message


MATCH = [
    ("app=web", {"app": "web"}, True),
    ("app=web", {"app": "api"}, False),
    ("app=web", {}, False),
    ("app!=web", {}, True),
    ("app!=web", {"app": "web"}, False),
    ("tier in (a,b)", {"tier": "b"}, True),
    ("tier notin (a,b)", {"tier": "c"}, True),
    ("tier notin (a,b)", {}, True),
    ("app", {"app": ""}, True),
    ("!app", {"app": "x"}, False),
    ("app=web,tier", {"app": "web"}, False),
    ("x>5", {"x": "7"}, True),
    ("x<5", {"x": "abc"}, False),
    ("", {"any": "thing"}, True),
]


@pytest.mark.parametrize(("text", "lbls", "want"), MATCH)
def test_matches(text: str, lbls: dict[str, str], want: bool) -> None:
    assert L.parse_selector(text).matches(lbls) is want


def test_from_label_selector_nil_empty_and_expressions() -> None:
    assert not L.from_label_selector(None).matches({})
    assert L.from_label_selector({}).matches({"a": "b"})
    sel = L.from_label_selector(
        {
            "matchLabels": {"app": "web"},
            "matchExpressions": [
                {"key": "tier", "operator": "In", "values": ["front", "back"]},
                {"key": "canary", "operator": "DoesNotExist"},
                {"key": "env", "operator": "Exists"},
                {"key": "zone", "operator": "NotIn", "values": ["b"]},
            ],
        }
    )
    assert str(sel) == "app=web,!canary,env,tier in (back,front),zone notin (b)"
    assert sel.matches({"app": "web", "tier": "front", "env": "x"})
    assert not sel.matches({"app": "web", "tier": "front", "env": "x", "canary": "1"})


def test_from_label_selector_bad_operator() -> None:
    with pytest.raises(L.SelectorError) as err:
        L.from_label_selector({"matchExpressions": [{"key": "a", "operator": "Bogus"}]})
    assert err.value.message == '"Bogus" is not a valid label selector operator'


FORMAT = [
    (None, "<none>"),
    ({}, "<none>"),
    ({"matchLabels": {"b": "2", "a": "1"}}, "a=1,b=2"),
    ({"matchExpressions": [{"key": "k", "operator": "In", "values": ["y", "x"]}]}, "k in (x,y)"),
    ({"matchExpressions": [{"key": "k", "operator": "Nope"}]}, "<error>"),
]


@pytest.mark.parametrize(("ls", "want"), FORMAT)
def test_format_label_selector(ls: dict | None, want: str) -> None:
    assert L.format_label_selector(ls) == want


def test_format_labels_and_set_selector() -> None:
    assert L.format_labels({"b": "2", "a": "1"}) == "a=1,b=2"
    assert L.format_labels({}) == "<none>"
    assert L.selector_from_set(None).matches({"x": "y"})
    assert not L.selector_from_set({"app": "web"}).matches({"app": "api"})


def test_wrappers() -> None:
    err = L.SelectorError("found '', expected: identifier after ','")
    assert L.couldnt_parse("a,", err).message == (
        "couldn't parse the selector string \"a,\": found '', expected: identifier after ','"
    )
    bad = L.list_selector_error("/v1, Resource=pods", "a,", err)
    assert bad.render() == (
        'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match '
        "label selector "
        "\"a,\", field selector \"\": found '', expected: identifier after ','"
    )
