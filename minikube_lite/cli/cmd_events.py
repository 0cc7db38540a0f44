"""``events`` (ops.events, printers.events)."""

from __future__ import annotations

from minikube_lite.cli.app import Invocation
from minikube_lite.ops import events, session, targets


def events_(inv: Invocation) -> None:
    opts = events.EventsOptions.complete(inv)
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster)
    if not result.events:
        where = "." if result.namespace is None else f" in {result.namespace} namespace."
        inv.io.err(f"No events found{where}\n")
        return
    from minikube_lite.printers.events import events_table

    all_ns = result.namespace is None
    no_headers = bool(inv.flag("no-headers"))
    inv.io.out(events_table(list(result.events), result.now, all_ns, no_headers))
