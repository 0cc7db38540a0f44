"""Go ``text/tabwriter`` (and liggitt/tabwriter's ``RememberWidths``), ported exactly.

A line is a list of cells; every cell except the last is *terminated* (followed by a tab in the
Go input) and takes part in column layout; the last cell is the *trailing* cell, which is written
as is and never padded.  Consecutive lines that have a terminated cell in column ``c`` form a
block whose width is ``max(minwidth, max(cell width) + padding)``; a line with fewer cells ends
the block (text/tabwriter).  Widths count Unicode code points, like ``utf8.RuneCount``.
"""

from __future__ import annotations

GET_MINWIDTH = 6  # cli-runtime printers.GetNewTabWriter
GET_PADDING = 3
DESCRIBE_MINWIDTH = 0  # describe.go tabbedString
DESCRIBE_PADDING = 2


def tabwrite(
    lines: list[list[str]], minwidth: int, padding: int, remembered: list[int] | None = None
) -> str:
    """Mirrors tabwriter.Writer.Flush over ``lines``; ``remembered`` enables RememberWidths."""
    out: list[str] = []
    _Formatter(lines, minwidth, padding, remembered, out).format(0, len(lines))
    return "".join(out)


def split_text(text: str) -> list[list[str]]:
    """Split tab/newline text into lines of cells (a final newline ends the last line)."""
    if not text:
        return []
    body = text[:-1] if text.endswith("\n") else text
    return [line.split("\t") for line in body.split("\n")]


def tabwrite_text(
    text: str, minwidth: int = DESCRIBE_MINWIDTH, padding: int = DESCRIBE_PADDING
) -> str:
    """Mirrors a tabwriter fed ``text`` and flushed (describe's tabbedString)."""
    lines = split_text(text)
    rendered = tabwrite(lines, minwidth, padding)
    if text and not text.endswith("\n"):
        rendered = rendered[:-1]  # Go writes the unterminated last line without a newline
    return rendered


class _Formatter:
    """The recursive column layout of tabwriter.format / writeLines."""

    def __init__(
        self,
        lines: list[list[str]],
        minwidth: int,
        padding: int,
        remembered: list[int] | None,
        out: list[str],
    ) -> None:
        self.lines = lines
        self.minwidth = minwidth
        self.padding = padding
        self.remembered = remembered
        self.widths: list[int] = []
        self.out = out

    def format(self, line0: int, line1: int) -> None:
        """Mirrors tabwriter.format."""
        column = len(self.widths)
        this = line0
        while this < line1:
            if column >= len(self.lines[this]) - 1:
                this += 1
                continue
            self.write_lines(line0, this)
            line0 = this
            width = self.minwidth
            while this < line1 and column < len(self.lines[this]) - 1:
                width = max(width, len(self.lines[this][column]) + self.padding)
                this += 1
            width = self._remember(width)
            self.widths.append(width)
            self.format(line0, this)
            self.widths.pop()
            line0 = this
        self.write_lines(line0, line1)

    def _remember(self, width: int) -> int:
        """liggitt/tabwriter RememberWidths: a column never gets narrower than before."""
        mw = self.remembered
        if mw is None:
            return width
        if len(mw) < len(self.widths):
            mw.extend(self.widths[len(mw) :])
        col = len(self.widths)
        if len(mw) == col:
            mw.append(width)
        elif mw[col] > width:
            width = mw[col]
        else:
            mw[col] = width
        return width

    def write_lines(self, line0: int, line1: int) -> None:
        """Mirrors tabwriter.writeLines (left-aligned, space padding)."""
        widths = self.widths
        out = self.out
        for i in range(line0, line1):
            for j, cell in enumerate(self.lines[i]):
                out.append(cell)
                if j < len(widths):
                    out.append(" " * (widths[j] - len(cell)))
            out.append("\n")


class RememberingWriter:
    """A get-table tabwriter whose column widths only grow across calls (``get -w``)."""

    def __init__(self, minwidth: int = GET_MINWIDTH, padding: int = GET_PADDING) -> None:
        self.minwidth = minwidth
        self.padding = padding
        self.widths: list[int] = []

    def render(self, lines: list[list[str]]) -> str:
        """Format ``lines`` (one flush) with the widths remembered so far, then remember more."""
        return tabwrite(lines, self.minwidth, self.padding, self.widths)

    def render_row(self, cells: list[str]) -> str:
        """Format one row (one flush), as a watch prints each change."""
        return self.render([cells])
