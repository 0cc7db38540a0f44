"""``rollout timeline``: a Deployment's recorded series as a terminal chart (SVG: timeline_svg.py).

Pure functions of a ``controllers.timeline.Series`` and the instant the chart ends at; no colour,
so the text is the same on a terminal and in a pipe.  Lines: ``o`` old ReplicaSets
(Σ spec.replicas), ``n`` the new ReplicaSet, ``a`` available, ``*`` where lines meet; ``░`` shades
the band between the floor (desired - maxUnavailable) and the ceiling (desired + maxSurge).  Time
runs in simulated seconds from the first recorded point; commands that changed the Deployment are
numbered marks.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from minikube_lite import clock
from minikube_lite.controllers.timeline import Point, Series

BAND = "░"
LINES: tuple[tuple[str, Callable[[Point], int]], ...] = (
    ("a", lambda p: p.available),
    ("o", lambda p: p.old_replicas),
    ("n", lambda p: p.new_replicas),
)
MAX_ROWS = 12


def seconds_label(s: float) -> str:
    """Relative simulated time on an axis: ``0s``, ``45s``, ``2m30s``, ``1h5m``."""
    return clock.human_duration(s) if s >= 120 else f"{round(s):d}s"


def nice_step(span: float, ticks: int) -> float:
    """A 1-2-5 step that cuts ``span`` into at most about ``ticks`` pieces."""
    if span <= 0:
        return 1.0
    raw = span / max(1, ticks)
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return float(m * mag)
    return float(10 * mag)


def value_at(points: tuple[Point, ...], t: float) -> Point:
    """The point in force at ``t``.

    The last one at or before it; the first one before the start.
    """
    lo, hi = 0, len(points)
    while lo < hi:
        mid = (lo + hi) // 2
        if points[mid].t <= t:
            lo = mid + 1
        else:
            hi = mid
    return points[max(0, lo - 1)]


def y_max(points: tuple[Point, ...]) -> int:
    """The top of the value axis: every line and the ceiling fit under it."""
    return max(
        1, *(max(p.ceiling, p.desired, p.old_replicas, p.new_replicas, p.available) for p in points)
    )


def _column_points(points: tuple[Point, ...], a: float, b: float, last: bool) -> list[Point]:
    """Every state a column shows: the one in force at ``a`` and those starting inside [a, b)."""
    inside = [p for p in points if a < p.t < b or (last and p.t == b)]
    return [value_at(points, a), *inside]


def _grid(series: Series, end: float, width: int, rows: int, top: int) -> list[list[str]]:
    """Rows (top first) of plot cells."""
    pts = series.points
    t0 = pts[0].t
    span = max(end - t0, 1e-9)
    grid = [[" "] * width for _ in range(rows + 1)]

    def row(v: float) -> int:
        return rows - round(v * rows / top)

    for c in range(width):
        a, b = t0 + span * c / width, t0 + span * (c + 1) / width
        col = _column_points(pts, a, b, c == width - 1)
        first = col[0]
        for r in range(row(first.ceiling), row(first.floor) + 1):
            grid[r][c] = BAND
        drawn: dict[int, str] = {}
        for ch, get in LINES:
            values = [get(p) for p in col]
            for r in range(row(max(values)), row(min(values)) + 1):
                drawn[r] = "*" if r in drawn and drawn[r] != ch else ch
        for r, ch in drawn.items():
            grid[r][c] = ch
    return grid


def _axis_labels(t0: float, end: float, width: int, pad: int) -> str:
    span = max(end - t0, 1e-9)
    step = nice_step(span, max(1, width // 12))
    line = [" "] * (width + 12)
    k = 0
    while k * step <= span + 1e-9:
        col = round(k * step / span * (width - 1)) if span > 1e-9 else 0
        label = seconds_label(k * step)
        if all(ch == " " for ch in line[max(0, col - 1) : col + len(label) + 1]):
            line[col : col + len(label)] = label
        k += 1
    return " " * pad + "".join(line).rstrip()


def _mark_row(series: Series, end: float, width: int, pad: int) -> str:
    t0 = series.points[0].t
    span = max(end - t0, 1e-9)
    line = [" "] * (width + 8)
    for i, m in enumerate(series.marks, 1):
        col = min(width - 1, int((m.t - t0) / span * width))
        tag = f"^{i}"
        while any(ch != " " for ch in line[col : col + len(tag)]):
            col += 1
        line[col : col + len(tag)] = tag
    return " " * pad + "".join(line).rstrip()


def chart(series: Series, end: float, width: int = 64, title: str = "") -> str:
    """The terminal chart, marks and legend (one trailing newline)."""
    title = title or f"deployment.apps/{series.name}"
    if not series.points:
        return f"No timeline recorded for {title} yet.\n"
    pts = series.points
    end = max(end, pts[-1].t)
    top = y_max(pts)
    rows = min(top, MAX_ROWS)
    grid = _grid(series, end, width, rows, top)
    pad = len(str(top)) + 2
    last = pts[-1]
    out = [
        f"{title}: {seconds_label(end - pts[0].t)} recorded, {len(pts)} points "
        f"(now desired {last.desired}, floor {last.floor}, ceiling {last.ceiling})"
    ]
    for r, cells in enumerate(grid):
        label = str(round((rows - r) * top / rows))
        out.append(f"{label:>{pad - 2}} ┤{''.join(cells).rstrip()}")
    out.append(" " * (pad - 1) + "└" + "─" * width)
    out.append(_axis_labels(pts[0].t, end, width, pad))
    if series.marks:
        out.append(_mark_row(series, end, width, pad))
        out.extend(
            f"  ^{i} {seconds_label(m.t - pts[0].t):>6}  {m.text}"
            for i, m in enumerate(series.marks, 1)
        )
    out.append(
        "legend: o old ReplicaSets  n new ReplicaSet  a available  * lines meet  "
        f"{BAND} floor..ceiling"
    )
    return "\n".join(out) + "\n"
