"""Controller unit tests run on the shared ``cluster`` fixture (tests/conftest.py),
and must settle.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _settles(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """No test may leave the reconcile loop spinning (it gives up after MAX_ITERATIONS)."""
    yield
    assert "did not settle" not in caplog.text
