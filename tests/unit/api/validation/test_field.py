"""Field error values (api.validation.field): how 1.34's ErrorBody renders a bad value."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite.api.validation.field import render

RENDER = [
    (0, "0"),
    (-1, "-1"),
    (True, "true"),
    ("25%", '"25%"'),
    ('say "hi"', '"say \\"hi\\""'),
    ({"app": "web", "a": "<b>"}, '{"a":"\\u003cb\\u003e","app":"web"}'),
    (None, "null"),
    (["10.0.0.1"], '["10.0.0.1"]'),
    ({}, "{}"),
]


@pytest.mark.parametrize(("value", "want"), RENDER)
def test_render_values(value: Any, want: str) -> None:
    assert render(value) == want
