"""Per-invocation streams and terminal facts (never frozen at import time)."""

from __future__ import annotations

import os
import sys

from minikube_lite.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO as TextIO


@dataclass
class IO:
    stdout: TextIO[str] = field(default_factory=lambda: sys.stdout)
    stderr: TextIO[str] = field(default_factory=lambda: sys.stderr)
    stdin: TextIO[str] = field(default_factory=lambda: sys.stdin)
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    is_tty: bool | None = None

    def out(self, text: str) -> None:
        if text:
            self.stdout.write(text)

    def err(self, text: str) -> None:
        if text:
            self.stderr.write(text)
            self.stderr.flush()

    def flush(self) -> None:
        self.stdout.flush()

    @property
    def tty(self) -> bool:
        """Rich views only on a real terminal without NO_COLOR."""
        if self.is_tty is not None:
            return self.is_tty
        if self.env.get("NO_COLOR"):
            return False
        try:
            return self.stdout.isatty()
        except (AttributeError, ValueError):
            return False


def klog(level: str, where: str, msg: str) -> str:
    """One klog line as kubectl writes it to stderr.

    ``W1207 08:14:32.927787    3910 helpers.go:714] msg``.
    """
    import os
    import time

    now = time.time()
    stamp = time.strftime("%m%d %H:%M:%S", time.localtime(now)) + f".{int((now % 1) * 1e6):06d}"
    return f"{level}{stamp} {os.getpid():>7} {where}] {msg}\n"
