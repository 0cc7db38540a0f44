"""``events`` (ops.events, printers.events); ``-w`` follows with cli.watch.

``-o json|yaml|kyaml|name|go-template=...|jsonpath=...`` prints what kubectl's PrintFlags
printer gets (events.go Run): the sorted events as one ``v1`` ``EventList`` (``name``: one
``event/NAME`` line per item); with ``-w``, each event as it comes, one object at a time.
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import events, session, targets


def events_(inv: Invocation) -> None:
    opts = events.EventsOptions.complete(inv)
    fmt = inv.flag("output")
    if fmt:  # ToOptions: PrintFlags.ToPrinter, before Validate
        from minikube_lite.cli import printflags

        printflags.check(fmt)
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, watch=bool(inv.flag("watch")))
    all_ns = result.namespace is None
    no_headers = bool(inv.flag("no-headers"))
    if inv.flag("watch"):
        _watch(inv, opts, result, no_headers)
        return
    if not result.events:
        where = "." if all_ns else f" in {result.namespace} namespace."
        inv.io.err(f"No events found{where}\n")
        return
    if fmt:
        _print_list(inv, fmt, list(result.events))
        return
    from minikube_lite.printers.events import events_table

    inv.io.out(events_table(list(result.events), result.now, all_ns, no_headers))


def _print_list(inv: Invocation, fmt: str, items: list[Obj]) -> None:
    """The PrintFlags printer over ``&corev1.EventList{TypeMeta: {EventList, v1}}``."""
    from minikube_lite.cli import output

    if fmt == "name":  # NamePrinter: "list types are not supported by name printing", an
        return  # error Run ignores: nothing is printed, exit 0
    from minikube_lite.api import typed_order

    doc = {"kind": "EventList", "apiVersion": "v1", "metadata": {}, "items": items}
    output.emit(inv, typed_order.order(doc), "", typed=True)  # a typed EventList: struct order


class _WatchObjects:
    """runWatch with ``-o``: every event printed alone by the one printer (YAML's ``---``
    between objects), as it arrives; deleted (expired) events are not printed."""

    def __init__(self, inv: Invocation, fmt: str) -> None:
        self.inv, self.fmt = inv, fmt

    def render(self, changes: list[object], now: float, written_order: bool = True) -> str:
        from minikube_lite.cli import output

        shown = [c.obj for c in changes if getattr(c, "event", "") != "DELETED"]  # type: ignore[attr-defined]
        from minikube_lite.api import typed_order

        for ev in sorted(shown, key=_written_order) if written_order else shown:
            output.emit(self.inv, typed_order.order(ev), "", typed=True)
        return ""


class _WatchRows:
    """runWatch's printing: one tabwriter flush per event (each row laid out alone, the header
    with the first); deleted (expired) events are not printed."""

    def __init__(self, all_namespaces: bool, no_headers: bool) -> None:
        self.all_namespaces = all_namespaces
        self.header_due = not no_headers

    def render(self, changes: list[object], now: float, written_order: bool = True) -> str:
        """The rows of a look's changes, in the order they were written (the initial ADDED
        events come in list order, as the API server sends them)."""
        from minikube_lite.printers.events import events_table

        out: list[str] = []
        shown = [c.obj for c in changes if getattr(c, "event", "") != "DELETED"]  # type: ignore[attr-defined]
        for ev in sorted(shown, key=_written_order) if written_order else shown:
            out.append(events_table([ev], now, self.all_namespaces, not self.header_due))
            self.header_due = False
        return "".join(out)


def _written_order(ev: Obj) -> int:
    try:
        return int((ev.get("metadata") or {}).get("resourceVersion") or 0)
    except (TypeError, ValueError):
        return 0


def _watch(
    inv: Invocation, opts: events.EventsOptions, result: events.EventsResult, no_headers: bool
) -> None:
    """A watch from now: the existing events (as ADDED, in list order), then every new one."""
    from minikube_lite.cli import watch
    from minikube_lite.store.cluster import obj_key

    fmt = inv.flag("output")
    rows: _WatchRows | _WatchObjects = (
        _WatchObjects(inv, fmt) if fmt else _WatchRows(result.namespace is None, no_headers)
    )
    listed = [watch.Change("ADDED", "Event", obj_key(ev), ev) for ev in result.events]
    seen: dict[watch.Key, Obj] = {}
    watch.remember(seen, listed)
    inv.io.out(rows.render(list(listed), result.now, written_order=False))
    inv.io.flush()
    watch.follow(inv, "Event", result.namespace, lambda _k, ev: opts.wanted(ev), seen, rows)
