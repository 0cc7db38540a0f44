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


def _snapshot(groups: list[tuple[kinds.Kind, list[Obj]]]) -> dict[tuple[str, str, str], str]:
    return {
        (k.kind, o.get("metadata", {}).get("namespace", ""), o["metadata"]["name"]): o["metadata"].get("resourceVersion", "")
        for k, lst in groups
        for o in lst
    }


def get_watch(inv: Invocation, refs: list[resources.Ref], groups: list[tuple[kinds.Kind, list[Obj]]], ns: str | None, now: float) -> None:
    from minikube_lite.cli import cmd_get
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
    seen = _snapshot(groups)
    limit = _limit(inv, now)
    try:
        _follow(inv, refs, seen, limit, writer, cells, cmd_get)
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


def _follow(inv: Invocation, refs: list[resources.Ref], seen: dict, limit: float | None, writer: Any, cells: Any, cmd_get: Any) -> None:
    """Step until nothing is scheduled (manual clock) or the timeout passes; print changed rows."""
    from minikube_lite.controllers import loop

    while True:
        with session.open_cluster(inv.profile) as cluster:
            manual = cluster.doc["clock"]["mode"] == "manual"
            nxt = cluster.next_timer_at()
            if manual:
                if nxt is None or (limit is not None and nxt > limit):
                    if limit is not None:
                        loop.advance_to(cluster, limit)
                    return
                loop.step(cluster, nxt)
            speed = float(cluster.doc["clock"].get("speed", 1.0))
            groups, _, _ = cmd_get.collect(inv, cluster, refs)
            now = cluster.now
        current = _snapshot(groups)
        rows = []
        for k, lst in groups:
            for obj in lst:
                key = (k.kind, obj.get("metadata", {}).get("namespace", ""), obj["metadata"]["name"])
                if seen.get(key) != current[key]:
                    rows.append(cells(k, obj, now))
        if rows:
            inv.io.out(writer.render(rows))
            inv.io.flush()
        seen.clear()
        seen.update(current)
        if not manual:
            if limit is not None and now >= limit:
                return
            wait = POLL if nxt is None else min(POLL, max(0.0, (nxt - now) / speed))
            time.sleep(wait)
