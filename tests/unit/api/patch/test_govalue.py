"""Go value formatting (api.patch.govalue): strconv.Quote, fmt, FormatFloat, equality."""

from __future__ import annotations

import pytest

from minikube_lite.api.patch.govalue import go_quote

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
