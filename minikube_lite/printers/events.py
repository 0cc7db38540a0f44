"""``kubectl events`` rows: LAST SEEN (with ``(xN over AGE)``), TYPE, REASON, OBJECT, MESSAGE.

Mirrors kubectl ``cmd/events/event_printer.go`` (EventPrinter.printHeadings, printOneEvent,
getInterval) laid out by a tabwriter of minwidth 6 and padding 3.  kubectl 1.37 prints cells as
they are (a line break in a message breaks the row, as it does there).
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.clock import age
from minikube_lite.printers import table

HEADERS = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]


def interval(ev: Obj, now: float) -> str:
    """getInterval: first seen, or ``LAST (xCOUNT over FIRST)`` for a repeated event."""
    first = age(now, ev.get("eventTime")) if ev.get("eventTime") else None
    if first is None:
        first = age(now, ev.get("firstTimestamp"))
    series = ev.get("series")
    if series is not None:
        return f"{age(now, series.get('lastObservedTime'))} (x{series.get('count')} over {first})"
    count = int(ev.get("count") or 0)
    if count > 1:
        return f"{age(now, ev.get('lastTimestamp'))} (x{count} over {first})"
    return first


def event_row(ev: Obj, now: float, all_namespaces: bool) -> list[str]:
    """printOneEvent's cells."""
    inv = ev.get("involvedObject") or {}
    cells = [
        interval(ev, now),
        str(ev.get("type", "")),
        str(ev.get("reason", "")),
        f"{inv.get('kind', '')}/{inv.get('name', '')}",
        str(ev.get("message", "")).strip(),
    ]
    if all_namespaces:
        cells.insert(0, str((ev.get("metadata") or {}).get("namespace", "")))
    return cells


def events_table(events: list[Obj], now: float, all_namespaces: bool, no_headers: bool) -> str:
    """The whole table, as GetNewTabWriter lays it out."""
    rows: list[list[str]] = []
    if not no_headers:
        rows.append((["NAMESPACE"] if all_namespaces else []) + HEADERS)
    rows.extend(event_row(ev, now, all_namespaces) for ev in events)
    return table.tabwrite(rows, 6, 3)
