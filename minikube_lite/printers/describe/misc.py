"""describe.go: Service, Endpoints, Namespace, ResourceQuota, LimitRange, ServiceAccount, ConfigMap.
(Node is in ``node``.)"""

from __future__ import annotations

import base64

from minikube_lite.api import quantity as qty
from minikube_lite.api.objects import Obj
from minikube_lite.printers.columns import format_labels
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    maybe_events,
    meta,
    print_annotations,
    print_labels,
    rfc1123z,
    tabbed,
)


def _head(o: Obj, w: PrefixWriter, namespaced: bool = True) -> None:
    """Name, Namespace, Labels, Annotations."""
    w.write(0, f"Name:\t{meta(o).get('name', '')}\n")
    if namespaced:
        w.write(0, f"Namespace:\t{meta(o).get('namespace', '')}\n")
    print_labels(w, "Labels", meta(o).get("labels"))
    print_annotations(w, "Annotations", meta(o).get("annotations"))


# --------------------------------------------------------------------------- services


def service_endpoints(ep: Obj | None, port_name: str) -> str:
    """Mirrors formatEndpointSlices for one Service port, reading an Endpoints object
    (ready addresses only; ``<none>`` when there is no Endpoints object)."""
    if ep is None:
        return "<none>"
    out: list[str] = []
    count, more = 0, False
    for ss in ep.get("subsets") or []:
        ips = [a.get("ip", "") for a in ss.get("addresses") or []]
        ports = ss.get("ports") or []
        if ports:
            targets = [
                _host_port(ip, p.get("port"))
                for p in ports
                if p.get("name", "") == port_name
                for ip in ips
            ]
        else:
            targets = ips
        for t in targets:
            if len(out) == 3:
                more = True
            if not more:
                out.append(t)
            count += 1
    text = ",".join(out)
    return f"{text} + {count - 3} more..." if more else text


def _host_port(host: str, port: object) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _service_ports(svc: Obj, ctx: DescribeContext, w: PrefixWriter) -> None:
    for p in (svc.get("spec") or {}).get("ports") or []:
        name = p.get("name") or "<unset>"
        proto = p.get("protocol", "")
        w.write(0, f"Port:\t{name}\t{p.get('port')}/{proto}\n")
        target = p.get("targetPort", 0)
        w.write(0, f"TargetPort:\t{target}/{proto}\n")
        if int(p.get("nodePort") or 0):
            w.write(0, f"NodePort:\t{name}\t{p['nodePort']}/{proto}\n")
        w.write(0, f"Endpoints:\t{service_endpoints(ctx.endpoints, p.get('name', ''))}\n")


def _ingress(svc: Obj) -> str:
    """Mirrors buildIngressString."""
    out = []
    for ing in ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []:
        if ing.get("ip"):
            out.append(ing["ip"] + (f" ({ing['ipMode']})" if ing.get("ipMode") else ""))
        else:
            out.append(ing.get("hostname", ""))
    return ", ".join(out)


def describe_service(svc: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeService."""
    spec = svc.get("spec") or {}
    w = PrefixWriter()
    _head(svc, w)
    w.write(0, f"Selector:\t{format_labels(spec.get('selector'))}\n")
    w.write(0, f"Type:\t{spec.get('type', '')}\n")
    if spec.get("ipFamilyPolicy") is not None:
        w.write(0, f"IP Family Policy:\t{spec['ipFamilyPolicy']}\n")
    w.write(0, f"IP Families:\t{','.join(spec.get('ipFamilies') or []) or '<none>'}\n")
    w.write(0, f"IP:\t{spec.get('clusterIP', '')}\n")
    w.write(0, f"IPs:\t{','.join(spec.get('clusterIPs') or []) or '<none>'}\n")
    optional = (
        ("External IPs", ",".join(spec.get("externalIPs") or [])),
        ("Desired LoadBalancer IP", spec.get("loadBalancerIP", "")),
        ("External Name", spec.get("externalName", "")),
        ("LoadBalancer Ingress", _ingress(svc)),
    )
    for title, value in optional:
        if value:
            w.write(0, f"{title}:\t{value}\n")
    _service_ports(svc, ctx, w)
    w.write(0, f"Session Affinity:\t{spec.get('sessionAffinity', '')}\n")
    if spec.get("externalTrafficPolicy"):
        w.write(0, f"External Traffic Policy:\t{spec['externalTrafficPolicy']}\n")
    if spec.get("internalTrafficPolicy") is not None:
        w.write(0, f"Internal Traffic Policy:\t{spec['internalTrafficPolicy']}\n")
    if int(spec.get("healthCheckNodePort") or 0):
        w.write(0, f"HealthCheck NodePort:\t{spec['healthCheckNodePort']}\n")
    if spec.get("loadBalancerSourceRanges"):
        w.write(0, f"LoadBalancer Source Ranges:\t{','.join(spec['loadBalancerSourceRanges'])}\n")
    if spec.get("trafficDistribution") is not None:
        w.write(0, f"Traffic Distribution:\t{spec['trafficDistribution']}\n")
    maybe_events(w, ctx, now)
    return tabbed(w)


def describe_endpoints(ep: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeEndpoints."""
    w = PrefixWriter()
    _head(ep, w)
    w.write(0, "Subsets:\n")
    for ss in ep.get("subsets") or []:
        ready = ",".join(a.get("ip", "") for a in ss.get("addresses") or []) or "<none>"
        not_ready = ",".join(a.get("ip", "") for a in ss.get("notReadyAddresses") or []) or "<none>"
        w.write(1, f"Addresses:\t{ready}\n")
        w.write(1, f"NotReadyAddresses:\t{not_ready}\n")
        if ss.get("ports"):
            w.write(1, "Ports:\n")
            w.write(2, "Name\tPort\tProtocol\n")
            w.write(2, "----\t----\t--------\n")
            for p in ss["ports"]:
                w.write(
                    2, f"{p.get('name') or '<unset>'}\t{p.get('port')}\t{p.get('protocol', '')}\n"
                )
        w.write(0, "\n")
    maybe_events(w, ctx, now)
    return tabbed(w)


# ----------------------------------------------------------------------- namespaces, quotas, limits


_SCOPE_HELP = {
    "Terminating": "Matches all pods that have an active deadline. These pods have a limited "
    "lifespan on a node before being actively terminated by the system.",
    "NotTerminating": "Matches all pods that do not have an active deadline. These pods usually "
    "include long running pods whose container command is not expected to terminate.",
    "BestEffort": "Matches all pods that do not have resource requirements set. These pods have a "
    "best effort quality of service.",
    "NotBestEffort": "Matches all pods that have at least one resource requirement set. These pods "
    "have a burstable or guaranteed quality of service.",
}


def _scopes(q: Obj, w: PrefixWriter, level: int, bullet: str) -> None:
    scopes = sorted((q.get("spec") or {}).get("scopes") or [])
    if not scopes:
        return
    w.write(level, f"Scopes:\t{', '.join(scopes)}\n")
    for s in scopes:
        if s in _SCOPE_HELP:
            w.write(level, f"{bullet}{_SCOPE_HELP[s]}\n")


def _used_for(hard_raw: object, used_raw: object) -> str:
    """describeQuota: ``used`` re-expressed in hard's format when the formats differ."""
    hard = qty.parse_field(hard_raw)
    used = qty.parse_field(used_raw)
    if hard is None:
        return str(used_raw) if used_raw is not None else "0"
    if used is None or used.fmt != hard.fmt or used_raw is None:
        value = used.int_value() if used is not None else 0
        return qty.Quantity(value, hard.fmt).canonical()
    return used.canonical()


def describe_quota(q: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeQuota."""
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(q).get('name', '')}\n")
    w.write(0, f"Namespace:\t{meta(q).get('namespace', '')}\n")
    _scopes(q, w, 0, " * ")
    w.write(0, "Resource\tUsed\tHard\n")
    w.write(0, "--------\t----\t----\n")
    st = q.get("status") or {}
    hard, used = st.get("hard") or {}, st.get("used") or {}
    for name in sorted(hard):
        w.write(
            0, f"{name}\t{_used_for(hard[name], used.get(name))}\t{qty.field_text(hard[name])}\n"
        )
    return tabbed(w)


def _limit_rows(lr: Obj, prefix: str, w: PrefixWriter) -> None:
    """Mirrors describeLimitRangeSpec (resources sorted; Go iterates a map here)."""
    fields = ("min", "max", "defaultRequest", "default", "maxLimitRequestRatio")
    for item in (lr.get("spec") or {}).get("limits") or []:
        names = sorted({n for f in fields for n in (item.get(f) or {})})
        for n in names:
            cells = [
                qty.field_text((item.get(f) or {})[n]) if n in (item.get(f) or {}) else "-"
                for f in fields
            ]
            w.write(0, f"{prefix}{item.get('type', '')}\t{n}\t" + "\t".join(cells) + "\n")


def describe_limitrange(lr: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeLimitRange."""
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(lr).get('name', '')}\n")
    w.write(0, f"Namespace:\t{meta(lr).get('namespace', '')}\n")
    w.write(
        0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n"
    )
    w.write(
        0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n"
    )
    _limit_rows(lr, "", w)
    return tabbed(w)


def _namespace_quotas(quotas: list[Obj], w: PrefixWriter) -> None:
    """Mirrors DescribeResourceQuotas."""
    if not quotas:
        w.write(0, "No resource quota.\n")
        return
    w.write(0, "Resource Quotas\n")
    for q in sorted(quotas, key=lambda q: meta(q).get("name", "")):
        w.write(1, f"Name:\t{meta(q).get('name', '')}\n")
        _scopes(q, w, 1, "* ")
        w.write(1, "Resource\tUsed\tHard\n")
        w.write(1, "--------\t---\t---\n")
        st = q.get("status") or {}
        hard, used = st.get("hard") or {}, st.get("used") or {}
        for name in sorted(hard):
            w.write(
                1,
                f"{name}\t{qty.field_text(used.get(name, '0'))}\t{qty.field_text(hard[name])}\n",
            )


def describe_namespace(ns: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeNamespace."""
    w = PrefixWriter()
    _head(ns, w, namespaced=False)
    st = ns.get("status") or {}
    w.write(0, f"Status:\t{st.get('phase', '')}\n")
    if st.get("conditions"):
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t------------------\t------\t-------\n")
        for c in st["conditions"]:
            w.write(
                1,
                f"{c.get('type', '')}\t{c.get('status', '')}\t"
                f"{rfc1123z(c.get('lastTransitionTime'))}\t"
                f"{c.get('reason', '')}\t{c.get('message', '')}\n",
            )
    if ctx.quotas is not None:
        w.write(0, "\n")
        _namespace_quotas(ctx.quotas, w)
    if ctx.limitranges is not None:
        w.write(0, "\n")
        if not ctx.limitranges:
            w.write(0, "No LimitRange resource.\n")
        else:
            w.write(
                0,
                "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\t"
                "Max Limit/Request Ratio\n",
            )
            w.write(
                0,
                " ----\t--------\t---\t---\t---------------\t-------------\t"
                "-----------------------\n",
            )
            for lr in ctx.limitranges:
                _limit_rows(lr, " ", w)
    return tabbed(w)


# -------------------------------------------------------------- service accounts, config maps


def _sa_secrets(sa: Obj, ctx: DescribeContext) -> tuple[list[str], set[str]]:
    """The token secrets of ``sa`` and the referenced secrets that do not exist."""
    if ctx.secrets is None:
        return [], set()
    existing = {meta(s).get("name", "") for s in ctx.secrets}
    tokens = [
        meta(s).get("name", "")
        for s in ctx.secrets
        if s.get("type") == "kubernetes.io/service-account-token"
        and (meta(s).get("annotations") or {}).get("kubernetes.io/service-account.name")
        == meta(sa).get("name")
        and (meta(s).get("annotations") or {}).get("kubernetes.io/service-account.uid")
        == meta(sa).get("uid", "")
    ]
    refs = [
        r.get("name", "") for r in (sa.get("secrets") or []) + (sa.get("imagePullSecrets") or [])
    ]
    return tokens, {r for r in refs if r not in existing}


def describe_serviceaccount(sa: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeServiceAccount."""
    w = PrefixWriter()
    _head(sa, w)
    tokens, missing = _sa_secrets(sa, ctx)
    groups = {
        "Image pull secrets:": [r.get("name", "") for r in sa.get("imagePullSecrets") or []],
        "Mountable secrets: ": [r.get("name", "") for r in sa.get("secrets") or []],
        "Tokens:            ": tokens,
    }
    for header in sorted(groups):
        names = groups[header]
        if not names:
            w.write(0, f"{header}\t<none>\n")
            continue
        prefix = header
        for n in names:
            w.write(0, f"{prefix}\t{n}{' (not found)' if n in missing else ''}\n")
            prefix = " " * 19
    maybe_events(w, ctx, now)
    return tabbed(w)


def describe_configmap(cm: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors ConfigMapDescriber.Describe."""
    w = PrefixWriter()
    _head(cm, w)
    w.write(0, "\nData\n====\n")
    data = cm.get("data") or {}
    for k in sorted(data):
        w.write(0, f"{k}:\n----\n")
        w.write(0, f"{data[k]}\n")
        w.write(0, "\n")
    w.write(0, "\nBinaryData\n====\n")
    binary = cm.get("binaryData") or {}
    for k in sorted(binary):
        try:
            size = len(base64.b64decode(binary[k]))
        except (ValueError, TypeError):
            size = len(str(binary[k]))
        w.write(0, f"{k}: {size} bytes\n")
    w.write(0, "\n")
    maybe_events(w, ctx, now)
    return tabbed(w)
