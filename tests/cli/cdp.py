"""A headless Chromium driven by the DevTools protocol over a pipe (``--remote-debugging-pipe``).

Chromium reads commands from its fd 3 and writes answers and events to its fd 4, as JSON
messages each ended by a NUL byte; no port, no websocket.  ``Browser`` opens one page, evaluates
JavaScript in it and takes screenshots; ``close()`` ends the browser (killed if it lingers).
Used by the dashboard's browser test and by ``dashboard_screenshot.py``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)
DEADLINE = 20.0  # seconds a single command may take


def find() -> str | None:
    """The Chromium binary (Debian's /usr/bin/chromium first), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


# Runs in the child before Chromium: put the two pipe ends on fds 3 and 4 (whatever numbers they
# had: each is first moved above both), close the originals, become Chromium.
TRAMPOLINE = """
import fcntl, os, sys
r, w = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3])
for fd in {int(sys.argv[1]), int(sys.argv[2])} - {3, 4}:
    os.close(fd)
os.dup2(r, 3)
os.dup2(w, 4)
os.close(r)
os.close(w)
os.execv(sys.argv[3], sys.argv[3:])
"""


class Browser:
    """One headless Chromium with one page on ``url``."""

    def __init__(self, url: str, width: int = 1400, height: int = 1000) -> None:
        binary = find()
        if binary is None:
            raise RuntimeError("no chromium on PATH")
        self.profile = tempfile.mkdtemp(prefix="mkl-chromium-")
        to_child, self._out = os.pipe()  # we write commands into _out; chromium reads fd 3
        self._in, from_child = os.pipe()  # chromium writes fd 4; we read _in
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                TRAMPOLINE,
                str(to_child),
                str(from_child),
                binary,
                *FLAGS,
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            pass_fds=(to_child, from_child),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its renderers share the group: close() can end them all
        )
        os.close(to_child)
        os.close(from_child)
        self._next = 0
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session = ""
        try:
            self._open(url, width, height)
        except BaseException:
            self.close()
            raise

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._in, 65536)
            except OSError:
                return
            if not chunk:
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    with self._lock:
                        box = self._answers.get(msg["id"])
                    if box is not None:
                        box.put(msg)

    def send(self, method: str, params: dict[str, Any] | None = None, page: bool = True) -> Any:
        """One command (to the page's session unless ``page=False``); its result."""
        with self._lock:
            self._next += 1
            ident = self._next
            box: queue.Queue[dict[str, Any]] = queue.Queue()
            self._answers[ident] = box
        msg: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if page and self.session:
            msg["sessionId"] = self.session
        os.write(self._out, json.dumps(msg).encode() + b"\0")
        try:
            answer = box.get(timeout=DEADLINE)
        except queue.Empty:
            raise TimeoutError(f"chromium did not answer {method}") from None
        finally:
            with self._lock:
                self._answers.pop(ident, None)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def _open(self, url: str, width: int, height: int) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, page=False)
        attached = self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, page=False
        )
        self.session = attached["sessionId"]
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.send("Page.navigate", {"url": url})

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable values only)."""
        result = self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}
        ).get("result", {})
        return result.get("value")

    def wait_for(self, expression: str, timeout: float = DEADLINE) -> Any:
        """Evaluate ``expression`` until it is truthy; its value (AssertionError after timeout)."""
        end = time.monotonic() + timeout
        value = None
        while time.monotonic() < end:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"{expression!r} stayed {value!r} for {timeout}s")

    def screenshot(self, path: Path) -> None:
        """The whole page as a PNG."""
        height = int(self.eval("document.documentElement.scrollHeight") or 1000)
        width = int(self.eval("document.documentElement.scrollWidth") or 1400)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(OSError, RuntimeError, TimeoutError):
                self.send("Browser.close", page=False)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        with contextlib.suppress(ProcessLookupError):  # helpers still winding down
            os.killpg(self.proc.pid, signal.SIGKILL)
        for fd in (self._out, self._in):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
