"""One command's cost as a child process: wall time, CPU time (user+sys) and peak RSS, as medians.

Each run is its own child, so its peak RSS is its own: ``resource.getrusage(RUSAGE_CHILDREN)`` is a
maximum over every child so far, and a child forked from a large parent starts with the parent's
pages counted.  Peak RSS comes from ``/usr/bin/time -f %M`` (a small C parent) when it is there,
else from a ``python -c`` wrapper that reports its child's ``ru_maxrss`` (its own ~10 MiB are then
the floor; ``python -c pass`` shows it).  CPU comes from ``os.wait4`` on the child, which counts the
command and what it waited for.
"""

from __future__ import annotations

import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TIME = Path("/usr/bin/time")
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
)


class Timeout(Exception):
    """A run took longer than its timeout (wall seconds); the child was killed."""


def once(
    argv: list[str], env: dict[str, str], timeout: float | None = None
) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in KiB) of one run of ``argv``."""
    fd, out = tempfile.mkstemp(prefix="mkl-bench-rss-")
    os.close(fd)
    if TIME.exists():
        wrapped = [str(TIME), "-q", "-o", out, "-f", "%M", *argv]
    else:
        wrapped = [sys.executable, "-c", _WRAPPER, out, *argv]
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(
            wrapped,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=timeout is not None,  # a timeout kills the wrapper and the command
        )
        _, status, usage = _wait4(p, timeout, argv)
        wall = time.perf_counter() - t0
        if status != 0:
            raise SystemExit(f"{argv} failed with status {status}")
        rss = int(Path(out).read_text().split()[-1])
    finally:
        os.unlink(out)
    return wall, usage.ru_utime + usage.ru_stime, rss


def _wait4(
    p: subprocess.Popen, timeout: float | None, argv: list[str]
) -> tuple[int, int, resource.struct_rusage]:
    """os.wait4 on the child, polling when there is a timeout (Popen.wait would reap it)."""
    if timeout is None:
        return os.wait4(p.pid, 0)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        time.sleep(0.01)
    os.killpg(p.pid, signal.SIGKILL)
    os.wait4(p.pid, 0)
    p.returncode = -9  # reaped here: keep Popen from waiting for it again
    raise Timeout(f"{argv} took over {timeout:.0f} s")


def median(
    argv: list[str] | Callable[[int], list[str]],
    env: dict[str, str],
    runs: int,
    *,
    before: Callable[[int], None] | None = None,
    timeout: float | None = None,
) -> dict[str, float]:
    """Medians over ``runs`` runs after one warm-up: ``wall_s``, ``cpu_s``, ``rss_mib``.

    ``argv`` may be a function of the run number (0 is the warm-up), for a write that must change
    something each time (``set image`` alternating two images).  ``before(i)`` runs, unmeasured,
    before run ``i`` (``set image`` before a ``rollout status`` that then waits for the rollout).
    A run over ``timeout`` wall seconds raises Timeout.
    """
    samples = []
    for i in range(runs + 1):
        if before is not None:
            before(i)
        sample = once(argv(i) if callable(argv) else argv, env, timeout)
        if i:
            samples.append(sample)
    wall, cpu, rss = (statistics.median(s[k] for s in samples) for k in range(3))
    return {"wall_s": round(wall, 4), "cpu_s": round(cpu, 4), "rss_mib": round(rss / 1024, 1)}
