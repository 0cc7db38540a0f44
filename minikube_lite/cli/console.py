"""The only module that imports rich (docs/architecture.md, Decisions).

Consoles built per invocation, and the drawing of the ``rollout status`` live view from
``live.View`` data.

Nothing here is imported on a piped command: ``cmd_rollout.status`` imports this module and
``live`` only when stdout is a terminal.  Tables never go through rich.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from minikube_lite.cli.io import IO
from minikube_lite.cli.live import PodRow, RSRow, View

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO as TextIO

STATE_STYLE = {
    "available": "green",
    "min-ready": "yellow",
    "readiness": "yellow",
    "starting": "cyan",
    "terminating": "bright_black",
    "finished": "bright_black",
    "image-pull": "bold red",
    "crash-loop": "bold red",
    "config": "bold red",
    "unschedulable": "bold red",
}
BAR_WIDTH = 32


def stdout_console(io: IO, *, width: int | None = None) -> Console:
    """A console on this invocation's stdout (rich also honours NO_COLOR and TERM itself)."""
    return Console(
        file=io.stdout, width=width, highlight=False, soft_wrap=False, emoji=False, _environ=io.env
    )


def recording_console(width: int, file: TextIO[str] | None = None) -> Console:
    """A fixed-width, colour, recording console (golden tests and the README screenshots)."""
    import io as _io

    return Console(
        file=file or _io.StringIO(),
        width=width,
        record=True,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
        legacy_windows=False,
        _environ={"COLUMNS": str(width), "LINES": "60"},
    )


@contextlib.contextmanager
def live(console: Console) -> Iterator[Live]:
    """A manually refreshed Live display whose last frame stays on screen."""
    try:
        with Live(
            Text(""),
            console=console,
            auto_refresh=False,
            transient=False,
            redirect_stdout=False,
            redirect_stderr=False,
            vertical_overflow="ellipsis",
        ) as screen:
            yield screen
    finally:
        if not console.is_terminal:  # rich ends the last frame with a newline only on terminals
            console.file.write("\n")


# ----- the rollout frame --------------------------------------------------------------------------


def _header(view: View) -> Group:
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(justify="right")
    grid.add_row(Text(view.title, style="bold"), Text(view.clock, style="dim"))
    return Group(grid, Text(view.strategy, style="cyan"), Text(view.bounds, style="dim"))


def _pod_label(p: PodRow, width: int, status_width: int) -> Text:
    style = STATE_STYLE.get(p.state, "")
    t = Text(no_wrap=True, overflow="ellipsis")
    t.append(f"{p.symbol} ", style=style)
    t.append(f"{p.name:<{width}}  ", style="bright_black" if p.state == "terminating" else "")
    t.append(f"{p.ready:>3}  ")
    t.append(f"{p.status:<{status_width}}", style=style)
    t.append(f"  {p.age:>5}  restarts {p.restarts}")
    if p.note:
        t.append(f"  {p.note}", style="yellow")
    return t


def _rs_label(rs: RSRow) -> Text:
    t = Text(no_wrap=True, overflow="ellipsis")
    t.append(f"revision {rs.revision}  ", style="bold")
    t.append(rs.name, style="bold blue" if rs.new else "bold")
    t.append("  new" if rs.new else "  old", style="blue" if rs.new else "bright_black")
    t.append(f"  {rs.current}/{rs.spec} pods, {rs.ready} ready, {rs.available} available")
    return t


def _tree(view: View) -> Tree:
    tree = Tree(Text("revisions", style="dim"), guide_style="bright_black")
    pods = [p for rs in view.revisions for p in rs.pods]
    width = max((len(p.name) for p in pods), default=0)
    status_width = max((len(p.status) for p in pods), default=0)
    for rs in view.revisions:
        branch = tree.add(_rs_label(rs))
        for p in rs.pods:
            branch.add(_pod_label(p, width, status_width))
        if rs.more:
            branch.add(Text(f"… {rs.more} more pods", style="dim"))
    if not view.revisions:
        tree.add(Text("no ReplicaSet yet", style="dim"))
    if view.idle:
        tree.add(
            Text(
                f"{view.idle} older revision{'s' if view.idle != 1 else ''} at 0 replicas",
                style="dim",
            )
        )
    return tree


def _bars(view: View) -> Table:
    grid = Table.grid(padding=(0, 1))
    total = max(view.desired, 1)
    for label, value, style in (
        ("updated", view.updated, "blue"),
        ("available", view.available, "green"),
    ):
        bar = ProgressBar(
            total=total,
            completed=min(value, total),
            width=BAR_WIDTH,
            complete_style=style,
            finished_style=style,
        )
        grid.add_row(Text(f"{label:<9}"), bar, Text(f"{value}/{view.desired}"))
    return grid


def render_rollout(view: View) -> RenderableType:
    """One frame: header, tree, bars, reasons, then kubectl's line."""
    parts: list[RenderableType] = [_header(view), _tree(view), _bars(view)]
    if view.reasons:
        why = Table.grid(padding=(0, 1))
        for r in view.reasons:
            why.add_row(Text("why:", style="dim"), Text(r, style="dim"))
        parts.append(why)
    parts.append(Text(view.message, style="bold green" if view.done else "bold"))
    return Group(*parts)


def render_lesson(
    title: str, rows: list[tuple[str, bool, bool]], body: list[tuple[str, str]]
) -> RenderableType:
    """``lesson status``: the title, one row per step (id, passed, current), then the current
    step's sections as (heading, text) pairs (``$ `` lines are commands)."""
    from rich.panel import Panel

    steps = Table.grid(padding=(0, 1))
    for i, (sid, passed, cur) in enumerate(rows, 1):
        mark = Text("✓", style="green") if passed else Text("•" if cur else " ", style="yellow")
        steps.add_row(mark, Text(f"{i:>2}"), Text(sid, style="bold yellow" if cur else ""))
    parts: list[RenderableType] = [Text(title, style="bold"), steps]
    for heading, text in body:
        styled = Text()
        for line in text.splitlines():
            styled.append(line + "\n", style="cyan" if line.startswith("$ ") else "")
        styled.rstrip()
        parts.append(Panel(styled, title=heading, title_align="left", expand=False))
    return Group(*parts)
