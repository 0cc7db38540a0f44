"""Go value formatting (api.patch.govalue): strconv.Quote, fmt, FormatFloat, equality."""

from __future__ import annotations

import pytest

from minikube_lite.api.patch.govalue import deep_equal, go_eq, go_float, go_fmt, go_quote

QUOTE = [
    ("web", '"web"'),
    ('a"b', '"a\\"b"'),
    ("a\\b", '"a\\\\b"'),
    ("a\nb", '"a\\nb"'),
    ("\x00", '"\\x00"'),
    ("é", '"é"'),
    ("\u00a0", '"\\u00a0"'),
]


@pytest.mark.parametrize(("s", "want"), QUOTE)
def test_go_quote(s: str, want: str) -> None:
    assert go_quote(s) == want


def test_go_formatting() -> None:
    assert go_fmt({"b": [1, None, True], "a": {"c": "d"}}) == "map[a:map[c:d] b:[1 <nil> true]]"
    assert [go_float(f) for f in (1.5, 1e6, 1234567.0, 100000.0, 1e-5, 0.0001)] == [
        "1.5",
        "1e+06",
        "1.234567e+06",
        "100000",
        "1e-05",
        "0.0001",
    ]
    assert go_quote('a "b"\n\tc\\') == '"a \\"b\\"\\n\\tc\\\\"'
    assert go_eq(1, 1) and not go_eq(1, 1.0) and not go_eq(1, True) and not go_eq({}, {})
    assert deep_equal({"a": [1]}, {"a": [1]}) and not deep_equal({"a": [1]}, {"a": [1.0]})
