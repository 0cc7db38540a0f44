"""``-o custom-columns``: kubectl pkg/cmd/get/customcolumn.go (CustomColumnsPrinter,
NewCustomColumnsPrinterFromSpec, RelaxedJSONPathExpression)."""

from __future__ import annotations

import re

from minikube_lite.errors import MklError
from minikube_lite.printers.formats.jsonpath import find_results, go_sprint
from minikube_lite.printers.formats.jsonpath_parser import JSONPathError, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_RELAXED = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$")


def relaxed_jsonpath(expr: str) -> str:
    """Mirrors RelaxedJSONPathExpression (``metadata.name`` → ``{.metadata.name}``)."""
    if not expr:
        return expr
    m = _RELAXED.match(expr)
    if m is None:
        raise MklError(
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' "
            "or '{.name1.name2}'"
        )
    return "{." + (m.group(1) or m.group(2)) + "}"


def parse_custom_columns(spec: str) -> list[tuple[str, str]]:
    """Mirrors NewCustomColumnsPrinterFromSpec: ``[(header, jsonpath template)]``."""
    if not spec:
        raise MklError("custom-columns format specified but no custom columns given")
    columns = []
    for part in spec.split(","):
        header, sep, expr = part.partition(":")
        if not sep:
            raise MklError(
                f"unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            )
        columns.append((header, relaxed_jsonpath(expr)))
    for _, template in columns:
        try:
            parse(template)
        except JSONPathError as e:
            raise MklError(str(e)) from None
    return columns


def custom_column_cells(columns: list[tuple[str, str]], obj: Any) -> list[str]:
    """Mirrors CustomColumnsPrinter.printOneObject (missing → ``<none>``, values joined by
    ``,``)."""
    cells = []
    for _, template in columns:
        try:
            found = find_results(template, obj, True)
        except JSONPathError as e:
            raise MklError(str(e)) from None
        values = [go_sprint(v).replace("\x1b", "^[").replace("\r", "\\r") for r in found for v in r]
        cells.append(",".join(values) if found and found[0] else "<none>")
    return cells


def custom_columns(spec: str, objs: list[Any], no_headers: bool = False) -> str:
    """Mirrors ``-o custom-columns=SPEC`` for a list of objects (get's tabwriter: 6/3).

    The header is printed even for an empty list (what the printer does for an empty List).
    """
    from minikube_lite.printers.table import GET_MINWIDTH, GET_PADDING, tabwrite

    columns = parse_custom_columns(spec)
    lines = [] if no_headers else [[h for h, _ in columns]]
    lines += [custom_column_cells(columns, o) for o in objs]
    return tabwrite(lines, GET_MINWIDTH, GET_PADDING)
