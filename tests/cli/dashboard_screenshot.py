"""Make docs/dashboard.png: the dashboard in the middle of the lesson's v1 -> v2 rollout.

``python -m tests.cli.dashboard_screenshot [OUT.png]`` (``make dashboard-screenshot``) replays the
lesson on a throw-away manual-clock cluster (its own MKL_HOME), stops the clock mid-rollout,
serves ``mkl dashboard --url`` and takes a headless Chromium screenshot of the page
(tests/cli/cdp.py).  Same commands, same seed: the same picture, apart from font rendering.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.cli import cdp

ROOT = Path(__file__).resolve().parents[2]
MKL = str(Path(sys.executable).parent / "mkl")
LESSON = (
    ("cluster", "start", "--clock", "manual", "--seed", "7"),
    ("create", "-f", "manifests/http-go-deploy.yaml", "--record"),
    ("rollout", "status", "deployment/http-go"),
    ("patch", "deployment", "http-go", "-p", '{"spec": {"minReadySeconds": 10}}'),
    ("clock", "advance", "30s"),
    ("set", "image", "deployment", "http-go", "http-go=gasbugs/http-go:v2", "--record"),
    ("clock", "advance", "17s"),
)


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="mkl-shot-") as home:
        env = {**os.environ, "MKL_HOME": home, "NO_COLOR": "1", "TZ": "UTC"}
        for argv in LESSON:
            subprocess.run([MKL, *argv], cwd=ROOT, env=env, check=True, capture_output=True)
        server = subprocess.Popen(
            [MKL, "dashboard", "--url"], env=env, stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            with cdp.Browser(url, width=1400, height=900) as page:
                page.wait_for("document.querySelectorAll('[data-pod]').length > 0")
                time.sleep(0.5)  # the timeline image decodes
                page.screenshot(out)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=20)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "dashboard.png"))
