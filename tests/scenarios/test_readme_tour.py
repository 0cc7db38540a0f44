"""The README's tour of the lesson is a transcript: every command in it prints what it shows.

Lines of ``...`` stand for any number of lines; the ``exec`` into a placeholder pod name is the
one command skipped (its pod name depends on the seed and its answer on the moment).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def tour() -> list[tuple[list[str], list[str]]]:
    """(argv, expected output lines) of each ``$ mkl ...`` in the tour's console block."""
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## A tour of the lesson") :]
    block = section[section.index("```console\n") + len("```console\n") :]
    block = block[: block.index("```\n")]
    steps: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            command = re.sub(r"\s{2,}#.*$", "", line[2:])
            steps.append((shlex.split(command), []))
        else:
            steps[-1][1].append(line)
    return steps


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, where a ``...`` line matches any run of lines (possibly none)."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


def test_readme_tour_prints_what_it_shows(mkl: Any) -> None:
    steps = tour()
    assert len(steps) > 10
    for argv, expected in steps:
        assert argv[0] == "mkl"
        if "xxxxx" in " ".join(argv):
            continue
        r = mkl(*argv[1:])
        actual = (r.stderr + r.stdout).splitlines()
        if argv[1:3] == ["cluster", "start"]:
            continue  # the start banner is not shown in the tour
        assert matches(expected, actual), (
            f"$ {' '.join(argv)}\nREADME:\n" + "\n".join(expected) + "\nmkl:\n" + "\n".join(actual)
        )
