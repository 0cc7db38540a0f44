"""``get -w``: the table, then one row per change, stepping the clock from timer to timer.

The lock is held only for each short step; between steps a real clock sleeps until the next
timer (wall time = simulated time / speed), a manual clock jumps to it.  Column widths only grow.
"""

from __future__ import annotations

import time
from typing import Any

from minikube_lite import clock, errors
from minikube_lite.api import kinds
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import resources, session

Obj = dict[str, Any]
POLL = 0.5  # wall seconds between looks at the state while a real clock waits


def _wanted(refs: list[resources.Ref], ns: str | None, selector: Any) -> Any:
    """A predicate: does a written object belong to what this watch lists?"""

    def wanted(kind: str, obj: Obj) -> bool:
        meta = obj.get("metadata", {})
        for ref in refs:
            if ref.kind.kind != kind:
                continue
            if ref.kind.namespaced and ns is not None and meta.get("namespace", "") != ns:
                continue
            if ref.name is not None:
                if meta.get("name") == ref.name:
                    return True
                continue
            if selector is None or selector.matches(meta.get("labels") or {}):
                return True
        return False

    return wanted


def get_watch(inv: Invocation, refs: list[resources.Ref], groups: list[tuple[kinds.Kind, list[Obj]]], ns: str | None, now: float) -> None:
    from minikube_lite.printers import columns, table

    if len({r.kind.kind for r in refs}) > 1:  # the builder's SingleResourceType() (get all -w, get deploy,rs -w)
        raise errors.MklError("you may only specify a single resource type")

    multi = len({k for k, _ in groups}) > 1
    wide = inv.flag("output") == "wide"
    writer = table.RememberingWriter(6, 3)
    nscol = ns is None

    def cells(k: kinds.Kind, obj: Obj, t: float) -> list[str]:
        row = columns.row_cells(k.kind, obj, t, wide=wide)
        if multi:
            row[0] = f"{k.name_prefix}/{row[0]}"
        return ([obj["metadata"].get("namespace", "")] if nscol and k.namespaced else []) + row

    first = True
    for k, lst in groups:
        if not lst:
            continue
        hdr = columns.headers(k.kind, wide=wide)
        lines = [(["NAMESPACE"] if nscol and k.namespaced else []) + hdr] if first or multi else []
        lines += [cells(k, obj, now) for obj in lst]
        inv.io.out(writer.render(lines))
        first = False
    if first:
        where = "" if ns is None else f" in {ns} namespace"
        inv.io.err(f"No resources found{where}.\n")
    inv.io.flush()
    selector = None
    if inv.flag("selector"):
        from minikube_lite.api import labels

        selector = labels.parse_selector(inv.flag("selector"))
    limit = _limit(inv, now)
    try:
        _follow(inv, refs, _wanted(refs, ns, selector), limit, writer, cells)
    except KeyboardInterrupt:
        raise errors.Interrupted() from None


def _limit(inv: Invocation, now: float) -> float | None:
    raw = inv.flag("timeout")
    if not raw:
        return None
    try:
        return now + clock.parse_duration(raw)
    except ValueError as e:
        raise inv.usage_error(str(e)) from None


def _follow(inv: Invocation, refs: list[resources.Ref], wanted: Any, limit: float | None, writer: Any, cells: Any) -> None:
    """Step until nothing is scheduled (manual clock) or the timeout passes; print a row per write.

    Every write to a listed object prints its row, as each watch event does in kubectl (a row
    identical to the one just printed for the same object is skipped); a deleted object prints
    its last row.
    """
    from minikube_lite.controllers import loop

    kinds_ = sorted({r.kind.kind for r in refs})
    last: dict[tuple[str, str], list[str]] = {}
    while True:
        box: list[list[tuple[str, str, Obj, bool]]] = []

        def arm(c: Any, box: list[list[tuple[str, str, Obj, bool]]] = box) -> None:
            box.append(c.watch_kinds(kinds_))

        with session.open_cluster(inv.profile, on_load=arm) as cluster:
            manual = cluster.doc["clock"]["mode"] == "manual"
            nxt = cluster.next_timer_at()
            if manual:
                if nxt is None or (limit is not None and nxt > limit):
                    if limit is not None:
                        loop.advance_to(cluster, limit)
                    _print_writes(inv, box[0], wanted, last, writer, cells, cluster.now)
                    return
                loop.step(cluster, nxt)
            speed = float(cluster.doc["clock"].get("speed", 1.0))
            now = cluster.now
        _print_writes(inv, box[0], wanted, last, writer, cells, now)
        if not manual:
            if limit is not None and now >= limit:
                return
            wait = POLL if nxt is None else min(POLL, max(0.0, (nxt - now) / speed))
            time.sleep(wait)


def _print_writes(inv: Invocation, writes: list[tuple[str, str, Obj, bool]], wanted: Any, last: dict[tuple[str, str], list[str]], writer: Any, cells: Any, now: float) -> None:
    from minikube_lite.api import kinds as kind_table

    rows = []
    for kind, key, obj, deleted in writes:
        if not wanted(kind, obj):
            continue
        row = cells(kind_table.KINDS[kind], obj, now)
        if deleted:
            last.pop((kind, key), None)
        elif last.get((kind, key)) == row:
            continue
        else:
            last[(kind, key)] = row
        rows.append(row)
    if rows:
        inv.io.out(writer.render(rows))
        inv.io.flush()
