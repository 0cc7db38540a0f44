"""The dashboard page rendered by a real headless Chromium (Debian's ``chromium`` package).

``mkl dashboard --url`` serves; Chromium (driven over its DevTools pipe, tests/cli/cdp.py) opens
the URL; the test reads the rendered DOM.  Skipped, saying why, when no Chromium is installed
(``apt-get install chromium``).  Every wait is bounded; server and browser end with the test.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator

import pytest

from minikube_lite.dashboard import server
from tests.cli import cdp
from tests.cli.test_portforward import Proc
from tests.conftest import BIN, MklRunner

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(
        cdp.find() is None,
        reason="no Chromium to render the dashboard in (apt-get install chromium)",
    ),
]
PODS = "[...document.querySelectorAll('[data-pod]')].map(e => e.dataset.pod).sort()"


def mkl_process(*argv: str) -> list[str]:
    """One mkl command in another process; its stdout's words."""
    r = subprocess.run(
        [str(BIN / "mkl"), *argv], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert r.returncode == 0, (argv, r.stderr)
    return r.stdout.split()


@pytest.fixture
def page(http_go: MklRunner) -> Iterator[cdp.Browser]:
    """The dashboard of the http_go cluster (2 ready pods), open in headless Chromium."""
    server = Proc("dashboard", "--url")
    try:
        url = server.expect("http://").strip()
        with cdp.Browser(url) as browser:
            yield browser
    finally:
        server.stop(signal.SIGINT)


def test_the_page_shows_the_pods_and_a_new_one_after_set_image(page: cdp.Browser) -> None:
    listed = sorted(n.removeprefix("pod/") for n in mkl_process("get", "pods", "-o", "name"))
    assert len(listed) == 2
    assert page.wait_for(f"(p => p.length === 2 && p)({PODS})") == listed
    assert page.eval("document.querySelector('[data-deployment]').dataset.deployment") == (
        "default/http-go"
    )
    assert page.eval("document.getElementById('conn').textContent") == "live"
    assert page.eval("document.getElementById('lesson').hidden") is True  # no lesson runs
    mkl_process("set", "image", "deployment/http-go", "http-go=gasbugs/http-go:v2")
    new_rs = page.wait_for(
        "(e => e && e.dataset.rs)(document.querySelector('.rs.new[data-revision=\"2\"]'))"
    )
    shown = page.wait_for(f"(p => p.length > 2 && p)({PODS})")
    added = sorted(set(shown) - set(listed))
    assert added and all(name.startswith(new_rs + "-") for name in added)
    now = sorted(n.removeprefix("pod/") for n in mkl_process("get", "pods", "-o", "name"))
    assert set(added) <= set(now)
    band = page.eval("document.querySelector('[data-band]').innerText")
    assert "ceiling 3 = 2 + maxSurge 1" in band and "floor 2 = 2 - maxUnavailable 0" in band


def test_the_lesson_panel_shows_the_steps_when_a_lesson_runs(http_go: MklRunner) -> None:
    progress = {
        "lesson": "rolling-update",
        "title": "롤링 업데이트",
        "current": "set-image",
        "steps": [
            {"id": "create", "passed": True, "reason": ""},
            {"id": "set-image", "passed": False, "reason": "이미지가 아직 v1입니다"},
        ],
    }
    with (
        server.Dashboard(None, lesson=lambda cluster, profile: progress) as board,
        cdp.Browser(board.url) as page,
    ):
        panel = page.wait_for("(e => !e.hidden && e.innerText)(document.getElementById('lesson'))")
        assert "Lesson: 롤링 업데이트" in panel and "1 / 2 steps" in panel
        assert "✓ create" in panel and "✗ set-image" in panel and "이미지가 아직 v1입니다" in panel
        current = page.eval("document.querySelector('#lesson li.current').dataset.step")
        assert current == "set-image"
