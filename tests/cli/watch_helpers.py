"""Drive ``get -w`` and ``logs -f`` in-process (not a test module).

A watcher waits in wall time between looks.  ``OtherTerminal`` replaces those waits: each sleep
moves a fake wall and monotonic clock on by its length and runs the next scripted command, as
if typed in another terminal; once the script is done, a sleep is Ctrl-C (``then="ctrl-c"``) or
just lets fake time pass until the watcher's ``--timeout`` (``then="wait"``).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import pytest

from minikube_lite import clock

MAX_SLEEPS = 10_000  # a watcher that never ends fails the test instead of hanging it


class OtherTerminal:
    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        module: Any,
        steps: list[Callable[[], object]],
        then: str = "ctrl-c",
    ) -> None:
        self.steps = list(steps)
        self.then = then
        self.naps: list[float] = []
        self.elapsed = 0.0
        wall0, mono0 = clock.wall(), clock.monotonic()
        monkeypatch.setattr(clock, "wall", lambda: wall0 + self.elapsed)
        monkeypatch.setattr(clock, "monotonic", lambda: mono0 + self.elapsed)
        monkeypatch.setattr(module, "time", types.SimpleNamespace(sleep=self.sleep))

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        assert len(self.naps) < MAX_SLEEPS, "the watcher never ended"
        self.naps.append(seconds)
        self.elapsed += seconds
        if self.steps:
            self.steps.pop(0)()
        elif self.then == "ctrl-c":
            raise KeyboardInterrupt


def run(mkl: Any, *argv: str) -> Callable[[], object]:
    """A step: run one command line (in another terminal) and check that it worked."""

    def step() -> object:
        r = mkl(*argv)
        assert r.exit_code == 0, (argv, r.stdout, r.stderr)
        return r

    return step


def idle() -> None:
    """A step where nothing happens (the watcher looks again)."""
