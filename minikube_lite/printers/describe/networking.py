"""describe.go: Ingress and IngressClass (describeIngressV1, describeBackendV1,
describeIngressTLSV1, serviceBackendStringer, describeIngressClassV1).

A backend's endpoints come from the Service's Endpoints object (mkl serves no EndpointSlices):
the addresses of the Service port the backend names, as formatEndpointSlices lists them.
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.printers.columns_policy import load_balancer_addresses
from minikube_lite.printers.describe.misc import service_endpoints
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    maybe_events,
    meta,
    print_annotations,
    print_labels,
    tabbed,
)


def service_backend(svc: Obj) -> str:
    """serviceBackendStringer: ``name:port`` (the number, else the port's name)."""
    port = svc.get("port") or {}
    shown = str(port["number"]) if port.get("number") else str(port.get("name") or "")
    return f"{svc.get('name', '')}:{shown}"


def _backend(backend: Obj, ns: str, ctx: DescribeContext) -> str:
    """describeBackendV1."""
    svc = backend.get("service")
    if svc is not None:
        sb = service_backend(svc)
        service, endpoints = (ctx.backends or {}).get(str(svc.get("name") or ""), (None, None))
        if service is None:
            return f'{sb} (<error: services "{svc.get("name", "")}" not found>)'
        port = svc.get("port") or {}
        sp_name = ""
        for sp in (service.get("spec") or {}).get("ports") or []:
            by_number = port.get("number") and port["number"] == sp.get("port")
            if by_number or (port.get("name") and port["name"] == sp.get("name")):
                sp_name = sp.get("name", "")
        return f"{sb} ({service_endpoints(endpoints, sp_name)})"
    res = backend.get("resource")
    if res is not None:
        group = res.get("apiGroup") or "<none>"
        return f"APIGroup: {group}, Kind: {res.get('kind', '')}, Name: {res.get('name', '')}"
    return ""


def describe_ingress(ing: Obj, ctx: DescribeContext, now: float) -> str:
    spec, md = ing.get("spec") or {}, meta(ing)
    ns = str(md.get("namespace", ""))
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    print_labels(w, "Labels", md.get("labels"))
    w.write(0, f"Namespace:\t{ns}\n")
    w.write(0, f"Address:\t{load_balancer_addresses(ing.get('status') or {}, True)}\n")
    w.write(0, f"Ingress Class:\t{spec.get('ingressClassName') or '<none>'}\n")
    default = spec.get("defaultBackend")
    shown = "<default>" if default is None else _backend(default, ns, ctx)
    w.write(0, f"Default backend:\t{shown}\n")
    if spec.get("tls"):
        w.write(0, "TLS:\n")
        for t in spec["tls"]:
            hosts = ",".join(t.get("hosts") or [])
            if not t.get("secretName"):
                w.write(1, f"SNI routes {hosts}\n")
            else:
                w.write(1, f"{t['secretName']} terminates {hosts}\n")
    w.write(0, "Rules:\n  Host\tPath\tBackends\n")
    w.write(1, "----\t----\t--------\n")
    count = 0
    for rule in spec.get("rules") or []:
        if rule.get("http") is None:
            continue
        count += 1
        w.write(1, f"{rule.get('host') or '*'}\t\n")
        for p in rule["http"].get("paths") or []:
            w.write(2, f"\t{p.get('path', '')} \t{_backend(p.get('backend') or {}, ns, ctx)}\n")
    if count == 0:
        w.write(1, f"*\t*\t{shown}\n")
    print_annotations(w, "Annotations", md.get("annotations"))
    maybe_events(w, ctx, now)
    return tabbed(w)


def describe_ingress_class(ic: Obj, ctx: DescribeContext, now: float) -> str:
    spec, md = ic.get("spec") or {}, meta(ic)
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    print_labels(w, "Labels", md.get("labels"))
    print_annotations(w, "Annotations", md.get("annotations"))
    w.write(0, f"Controller:\t{spec.get('controller', '')}\n")
    params = spec.get("parameters")
    if params is not None:
        w.write(0, "Parameters:\n")
        if params.get("apiGroup") is not None:
            w.write(1, f"APIGroup:\t{params['apiGroup']}\n")
        w.write(1, f"Kind:\t{params.get('kind', '')}\n")
        w.write(1, f"Name:\t{params.get('name', '')}\n")
    maybe_events(w, ctx, now)
    return tabbed(w)
