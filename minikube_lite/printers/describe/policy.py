"""describe.go: PodDisruptionBudget and PriorityClass (describePodDisruptionBudget,
describePriorityClass)."""

from __future__ import annotations

from minikube_lite.api import labels
from minikube_lite.api.objects import Obj
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    maybe_events,
    meta,
    tabbed,
)


def describe_pdb(pdb: Obj, ctx: DescribeContext, now: float) -> str:
    """Name, the budget (minAvailable, else maxUnavailable), the selector and the status."""
    spec, st, md = pdb.get("spec") or {}, pdb.get("status") or {}, meta(pdb)
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    if spec.get("minAvailable") is not None:
        w.write(0, f"Min available:\t{spec['minAvailable']}\n")
    elif spec.get("maxUnavailable") is not None:
        w.write(0, f"Max unavailable:\t{spec['maxUnavailable']}\n")
    sel = spec.get("selector")
    w.write(0, f"Selector:\t{'<unset>' if sel is None else labels.format_label_selector(sel)}\n")
    w.write(0, "Status:\n")
    for title, field in (
        ("Allowed disruptions", "disruptionsAllowed"),
        ("Current", "currentHealthy"),
        ("Desired", "desiredHealthy"),
        ("Total", "expectedPods"),
    ):
        w.write(2, f"{title}:\t{int(st.get(field) or 0)}\n")
    maybe_events(w, ctx, now)
    return tabbed(w)


def describe_priority_class(pc: Obj, ctx: DescribeContext, now: float) -> str:
    """Name, value, globalDefault, preemption policy, description and annotations."""
    md = meta(pc)
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Value:\t{int(pc.get('value') or 0)}\n")
    w.write(0, f"GlobalDefault:\t{'true' if pc.get('globalDefault') else 'false'}\n")
    w.write(0, f"PreemptionPolicy:\t{pc.get('preemptionPolicy') or ''}\n")
    w.write(0, f"Description:\t{pc.get('description') or ''}\n")
    w.write(0, f"Annotations:\t{labels.format_labels(md.get('annotations'))}\n")
    maybe_events(w, ctx, now)
    return tabbed(w)
