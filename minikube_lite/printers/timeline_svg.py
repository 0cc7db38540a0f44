"""``rollout timeline --svg FILE``: the recorded series as a standalone, deterministic SVG.

Lines are drawn in pixels; the plot group states the mapping in ``data-x0 data-y0 data-sx data-sy``
(``x = x0 + sx * seconds``, ``y = y0 - sy * replicas``, seconds since the first point), so a
reader can take every vertex back to the recorded value.  A step line lists
``(t0, v0) (t1, v0) (t1, v1) ... (end, vn)``: the series is every other vertex.  Plain SVG 1.1
(no transforms on strokes, no scripts, no external resources); the same series and end instant
always give the same bytes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from xml.sax.saxutils import escape

from minikube_lite.controllers.timeline import Point, Series
from minikube_lite.printers import timeline as tl

WIDTH, HEIGHT = 800, 420
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 76, 64
MARK_ROW = 16
STYLE = """\
text{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:12px;fill:#333}
.title{font-size:14px;font-weight:bold}
.axis{stroke:#999;stroke-width:1}
.grid{stroke:#e5e5e5;stroke-width:1}
.band{fill:#f2c94c;fill-opacity:0.3;stroke:none}
.line{fill:none;stroke-width:2;stroke-linejoin:round}
#old{stroke:#8a8f98}
#new{stroke:#2f7ed8}
#available{stroke:#2ca02c;stroke-dasharray:6 3}
#desired{stroke:#555;stroke-width:1;stroke-dasharray:2 3}
.mark{stroke:#d62728;stroke-width:1;stroke-dasharray:4 3}
.marklabel{fill:#d62728;white-space:pre}"""
SERIES: tuple[tuple[str, str, Callable[[Point], int]], ...] = (
    ("desired", "desired", lambda p: p.desired),
    ("old", "old ReplicaSets", lambda p: p.old_replicas),
    ("new", "new ReplicaSet", lambda p: p.new_replicas),
    ("available", "available", lambda p: p.available),
)


def num(x: float) -> str:
    """A coordinate with at most 3 decimals and no trailing zeros (never ``-0``)."""
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def step_points(
    points: tuple[Point, ...], get: Callable[[Point], int], end: float
) -> list[tuple[float, int]]:
    """Vertices of a step line in data coordinates (t relative to the first point)."""
    t0 = points[0].t
    out = [(0.0, get(points[0]))]
    for prev, p in itertools.pairwise(points):
        out += [(p.t - t0, get(prev)), (p.t - t0, get(p))]
    out.append((end - t0, get(points[-1])))
    return out


def _scale(span: float, top: int) -> tuple[float, float]:
    """Pixels per simulated second and per replica."""
    return (WIDTH - LEFT - RIGHT) / span, (HEIGHT - TOP - BOTTOM) / top


def _pairs(vertices: list[tuple[float, int]], sx: float, sy: float) -> str:
    y0 = HEIGHT - BOTTOM
    return " ".join(f"{num(LEFT + x * sx)},{num(y0 - y * sy)}" for x, y in vertices)


def _band(points: tuple[Point, ...], end: float, sx: float, sy: float) -> str:
    upper = step_points(points, lambda p: p.ceiling, end)
    lower = step_points(points, lambda p: p.floor, end)
    return _pairs(upper + lower[::-1], sx, sy)


def _plot(series: Series, end: float, span: float, top: int) -> list[str]:
    sx, sy = _scale(span, top)
    out = [
        f'<g id="plot" data-t0="{num(series.points[0].t)}" '
        f'data-x0="{LEFT}" data-y0="{HEIGHT - BOTTOM}" '
        f'data-sx="{num(sx)}" data-sy="{num(sy)}">',
        f'<polygon id="band" class="band" points="{_band(series.points, end, sx, sy)}"/>',
    ]
    for ident, _, get in SERIES:
        out.append(
            f'<polyline id="{ident}" class="line" '
            f'points="{_pairs(step_points(series.points, get, end), sx, sy)}"/>'
        )
    out.append("</g>")
    return out


def _axes(span: float, top: int) -> list[str]:
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    out = []
    ystep = max(1, round(tl.nice_step(top, 6)))
    for v in range(0, top + 1, ystep):
        y = TOP + ph - v * ph / top
        out.append(f'<line class="grid" x1="{LEFT}" y1="{num(y)}" x2="{LEFT + pw}" y2="{num(y)}"/>')
        out.append(f'<text x="{LEFT - 6}" y="{num(y + 4)}" text-anchor="end">{v}</text>')
    xstep = tl.nice_step(span, 8)
    k = 0
    while k * xstep <= span + 1e-9:
        x = LEFT + k * xstep * pw / span
        out.append(
            f'<line class="axis" x1="{num(x)}" y1="{TOP + ph}" x2="{num(x)}" y2="{TOP + ph + 4}"/>'
        )
        out.append(
            f'<text x="{num(x)}" y="{TOP + ph + 18}" text-anchor="middle">'
            f"{escape(tl.seconds_label(k * xstep))}</text>"
        )
        k += 1
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + ph}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP + ph}" x2="{LEFT + pw}" y2="{TOP + ph}"/>')
    out.append(
        f'<text x="{LEFT + pw}" y="{TOP + ph + 34}" text-anchor="end">simulated seconds</text>'
    )
    out.append(f'<text x="{LEFT - 40}" y="{TOP - 40}">replicas</text>')
    return out


def _marks(series: Series, span: float) -> list[str]:
    """A numbered dashed line per command; numbers that would collide are stacked upwards."""
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    t0 = series.points[0].t
    out, last_x, level = [], -1e9, 0
    for i, m in enumerate(series.marks, 1):
        x = LEFT + (m.t - t0) * pw / span
        level = level + 1 if x - last_x < 8 * len(str(i)) + 6 and level < 2 else 0
        last_x = x
        y = TOP - 6 - 13 * level
        out.append(f'<g class="marks" data-t="{num(m.t - t0)}"><title>{escape(m.text)}</title>')
        out.append(f'<line class="mark" x1="{num(x)}" y1="{y + 2}" x2="{num(x)}" y2="{TOP + ph}"/>')
        out.append(
            f'<text class="marklabel" x="{num(x)}" y="{y}" text-anchor="middle">{i}</text></g>'
        )
    return out


def _mark_list(series: Series) -> list[str]:
    """The commands, two columns under the legend: number, time, text."""
    t0, out = series.points[0].t, []
    half = WIDTH // 2
    for i, m in enumerate(series.marks, 1):
        x, y = LEFT - 40 + ((i - 1) % 2) * (half - 20), HEIGHT + 6 + ((i - 1) // 2) * MARK_ROW
        out.append(
            f'<text class="marklabel" x="{x}" y="{y}">'
            f"{i:>2} {escape(tl.seconds_label(m.t - t0)):>6}  {escape(m.text)}</text>"
        )
    return out


def _legend() -> list[str]:
    out, x, y = [], LEFT, HEIGHT - 14
    out.append(f'<rect class="band" x="{x}" y="{y - 9}" width="18" height="10"/>')
    out.append(f'<text x="{x + 22}" y="{y}">floor..ceiling</text>')
    x += 140
    for ident, label, _ in SERIES:
        out.append(
            f'<line class="line" style="{_legend_style(ident)}" '
            f'x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}"/>'
        )
        out.append(f'<text x="{x + 22}" y="{y}">{escape(label)}</text>')
        x += 22 + 8 * len(label) + 16
    return out


def _legend_style(ident: str) -> str:
    colours = {
        "desired": "stroke:#555;stroke-dasharray:2 3",
        "old": "stroke:#8a8f98",
        "new": "stroke:#2f7ed8",
        "available": "stroke:#2ca02c;stroke-dasharray:6 3",
    }
    return colours[ident]


def svg(series: Series, end: float, title: str = "") -> str:
    """The whole document (UTF-8 text, one trailing newline)."""
    title = title or f"deployment.apps/{series.name}"
    height = HEIGHT + (
        ((len(series.marks) + 1) // 2) * MARK_ROW + 6 if series.marks and series.points else 0
    )
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}">',
        f"<title>{escape(title)} rollout timeline</title>",
        f"<style>\n{STYLE}\n</style>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text class="title" x="{LEFT - 40}" y="20">'
        f"{escape(title)}: replicas during the rollouts</text>",
    ]
    if not series.points:
        body = [f'<text x="{LEFT}" y="{TOP + 20}">No timeline recorded yet.</text>']
    else:
        end = max(end, series.points[-1].t)
        span = max(end - series.points[0].t, 1.0)
        top = tl.y_max(series.points)
        body = [
            *_axes(span, top),
            *_plot(series, series.points[0].t + span, span, top),
            *_marks(series, span),
            *_legend(),
            *_mark_list(series),
        ]
    return "\n".join([*head, *body, "</svg>"]) + "\n"
