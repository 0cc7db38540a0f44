"""describe.go: ``describe node`` (describeNode, describeNodeResource)."""

from __future__ import annotations

from minikube_lite.api import quantity as qty
from minikube_lite.api.objects import Obj
from minikube_lite.printers.columns import node_roles
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    maybe_events,
    meta,
    print_annotations,
    print_labels,
    rfc1123z,
    tabbed,
    time_since,
)

_STANDARD = {"cpu", "memory", "ephemeral-storage", "pods"}


def _taint(t: Obj) -> str:
    """Mirrors Taint.ToString."""
    text: str = t.get("key", "") + (f"={t['value']}" if t.get("value") else "")
    return text + (f":{t['effect']}" if t.get("effect") else "")


def _print_taints(w: PrefixWriter, taints: list[Obj] | None) -> None:
    """Mirrors printNodeTaintsMultiline (sorted by effect then key)."""
    w.write(0, "Taints:\t")
    if not taints:
        w.line("<none>")
        return
    for i, t in enumerate(
        sorted(taints, key=lambda t: f"{t.get('effect', '')},{t.get('key', '')}")
    ):
        if i:
            w.write(0, "\t")
        w.write(0, _taint(t) + "\n")


def _lease(w: PrefixWriter, node: Obj, lease: Obj | None) -> None:
    """Mirrors describeNodeLease (or the failed Get)."""
    if lease is None:
        w.write(
            0,
            "Lease:\tFailed to get lease: "
            f'leases.coordination.k8s.io "{meta(node).get("name", "")}" not found\n',
        )
        return
    spec = lease.get("spec") or {}
    w.write(0, "Lease:\n")
    w.write(1, f"HolderIdentity:\t{spec.get('holderIdentity') or '<unset>'}\n")
    for title, key in (("AcquireTime", "acquireTime"), ("RenewTime", "renewTime")):
        w.write(1, f"{title}:\t{rfc1123z(spec[key]) if spec.get(key) else '<unset>'}\n")


def _conditions(w: PrefixWriter, conds: list[Obj]) -> None:
    if not conds:
        return
    w.write(
        0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n"
    )
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
    for c in conds:
        w.write(
            1,
            f"{c.get('type', '')} \t{c.get('status', '')} \t"
            f"{rfc1123z(c.get('lastHeartbeatTime'))} \t{rfc1123z(c.get('lastTransitionTime'))} \t"
            f"{c.get('reason', '')} \t{c.get('message', '')}\n",
        )


def _system_info(w: PrefixWriter, info: Obj) -> None:
    w.write(0, "System Info:\n")
    fields = (
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    )
    for title, key in fields:
        w.write(0, f"  {title}:\t{info.get(key, '')}\n")


def pod_requests_limits(pod: Obj) -> tuple[dict[str, qty.Quantity], dict[str, qty.Quantity]]:
    """Mirrors resourcehelper.PodRequestsAndLimits (sum of containers, max with init containers)."""
    spec = pod.get("spec") or {}
    out: tuple[dict[str, qty.Quantity], dict[str, qty.Quantity]] = ({}, {})
    for idx, key in enumerate(("requests", "limits")):
        total = out[idx]
        for c in spec.get("containers") or []:
            for name, raw in ((c.get("resources") or {}).get(key) or {}).items():
                total[name] = _add(total.get(name), qty.parse_field(raw))
        for c in spec.get("initContainers") or []:
            for name, raw in ((c.get("resources") or {}).get(key) or {}).items():
                q = qty.parse_field(raw)
                if q is not None and (name not in total or q > total[name]):
                    total[name] = q
        for name, raw in (spec.get("overhead") or {}).items():
            if name in total:
                total[name] = _add(total[name], qty.parse_field(raw))
    return out


def _add(total: qty.Quantity | None, q: qty.Quantity | None) -> qty.Quantity:
    """total + q in total's format; a missing side counts as zero."""
    if total is None:
        return q if q is not None else qty.Quantity(0)
    if q is None:
        return total
    return qty.Quantity(fmt=total.fmt, nanos=total.nanos + q.nanos)


def _text(q: qty.Quantity | None) -> str:
    return "0" if q is None else q.canonical()


def _pct(part: qty.Quantity | None, whole: qty.Quantity | None, milli: bool) -> int:
    if whole is None:
        return 0
    w = whole.milli_value() if milli else whole.int_value()
    p = 0 if part is None else (part.milli_value() if milli else part.int_value())
    return int(p / w * 100) if w else 0


def _node_resources(w: PrefixWriter, node: Obj, pods: list[Obj], now: float) -> None:
    """Mirrors describeNodeResource."""
    st = node.get("status") or {}
    alloc = {
        k: qty.parse_field(v)
        for k, v in (st.get("allocatable") or st.get("capacity") or {}).items()
    }
    w.write(0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    totals: tuple[dict[str, qty.Quantity], dict[str, qty.Quantity]] = ({}, {})
    for p in pods:
        req, lim = pod_requests_limits(p)
        for total, part in zip(totals, (req, lim), strict=True):
            for name, q in part.items():
                total[name] = _add(total.get(name), q)
        cells = [
            _cell(d.get(r), alloc.get(r), r == "cpu") for r in ("cpu", "memory") for d in (req, lim)
        ]
        w.write(
            1,
            f"{meta(p).get('namespace', '')}\t{meta(p).get('name', '')}\t\t"
            + "\t".join(cells)
            + f"\t{time_since(now, meta(p).get('creationTimestamp'))}\n",
        )
    w.write(
        0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n"
    )
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    for r in ("cpu", "memory", "ephemeral-storage"):
        w.write(
            1,
            f"{r}\t{_cell(totals[0].get(r), alloc.get(r), r == 'cpu')}\t"
            f"{_cell(totals[1].get(r), alloc.get(r), r == 'cpu')}\n",
        )
    names = [n for n in alloc if not n.startswith("hugepages-") and n not in _STANDARD]
    for r in sorted(n for n in alloc if n.startswith("hugepages-")):
        w.write(
            1,
            f"{r}\t{_cell(totals[0].get(r), alloc.get(r), False)}\t"
            f"{_cell(totals[1].get(r), alloc.get(r), False)}\n",
        )
    for r in sorted(names):
        w.write(1, f"{r}\t{_text(totals[0].get(r))}\t{_text(totals[1].get(r))}\n")


def _cell(part: qty.Quantity | None, whole: qty.Quantity | None, milli: bool) -> str:
    return f"{_text(part)} ({_pct(part, whole, milli)}%)"


def describe_node(node: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeNode."""
    md, spec, st = meta(node), node.get("spec") or {}, node.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Roles:\t{','.join(node_roles(node)) or '<none>'}\n")
    print_labels(w, "Labels", md.get("labels"))
    print_annotations(w, "Annotations", md.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(md.get('creationTimestamp'))}\n")
    _print_taints(w, spec.get("taints"))
    w.write(0, f"Unschedulable:\t{'true' if spec.get('unschedulable') else 'false'}\n")
    _lease(w, node, ctx.lease)
    _conditions(w, st.get("conditions") or [])
    w.write(0, "Addresses:\n")
    for a in st.get("addresses") or []:
        w.write(1, f"{a.get('type', '')}:\t{a.get('address', '')}\n")
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        if st.get(key):
            w.write(0, f"{title}:\n")
            for name in sorted(st[key]):
                w.write(0, f"  {name}:\t{qty.field_text(st[key][name])}\n")
    _system_info(w, st.get("nodeInfo") or {})
    if spec.get("podCIDR"):
        w.write(0, f"PodCIDR:\t{spec['podCIDR']}\n")
    if spec.get("podCIDRs"):
        w.write(0, f"PodCIDRs:\t{','.join(spec['podCIDRs'])}\n")
    if spec.get("providerID"):
        w.write(0, f"ProviderID:\t{spec['providerID']}\n")
    pods = [
        p
        for p in ctx.pods
        if (p.get("spec") or {}).get("nodeName") == md.get("name")
        and (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")
    ]
    _node_resources(w, node, pods, now)
    maybe_events(w, ctx, now)
    return tabbed(w)
