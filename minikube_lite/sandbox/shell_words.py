"""Field splitting of the simulated exec shell: expanded word parts -> the command's words.

Pure and bounded: no field grows past ``MAX_VALUE`` (checked before the text is joined).
"""

from __future__ import annotations

from collections.abc import Iterable

from minikube_lite.sandbox.shell_io import check_size


def fields(parts: Iterable[tuple[str, bool]], split: bool = True) -> list[str]:
    """Join (value, kept whole) parts into fields; unquoted values split on whitespace.

    ``kept whole`` is True for literals and quoted expansions.  With ``split=False`` (an
    assignment, a redirection target) the result is one field.
    """
    out: list[str] = []
    cur: list[str] = []
    size = 0  # characters in cur
    have = False  # the current field exists even if empty ("" or '')
    for value, whole in parts:
        if whole or not split:
            size += len(value)
            check_size(size)
            cur.append(value)
            have = True
            continue
        pieces = value.split()
        if not pieces:
            if value and (cur or have):
                out.append("".join(cur))
                cur, size, have = [], 0, False
            continue
        if value[:1].isspace() and (cur or have):
            out.append("".join(cur))
            cur, size = [], 0
        size += len(pieces[0])
        check_size(size)
        cur.append(pieces[0])
        for piece in pieces[1:]:
            out.append("".join(cur))
            cur, size = [piece], len(piece)
        have = True
        if value[-1:].isspace():
            out.append("".join(cur))
            cur, size, have = [], 0, False
    if cur or have:
        out.append("".join(cur))
    return out if split else ["".join(out)]
