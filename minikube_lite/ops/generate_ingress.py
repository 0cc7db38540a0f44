"""``create ingress``: the object kubectl builds from ``--rule``, ``--default-backend``,
``--class`` and ``--annotation``.

Port of ``staging/src/k8s.io/kubectl/pkg/cmd/create/create_ingress.go`` (``Validate`` with its
rule regex, ``createIngress``, ``buildIngressSpec``, ``buildTLSRules``, ``buildIngressRules``,
``buildHTTPIngressPath``, ``buildIngressBackendSvc``, ``parseServiceBackendPort``): a rule is
``host/path=service:port[,tls[=secret]]``; rules of one host share its ``http.paths``; a path
ending in ``*`` is a Prefix (the ``*`` dropped), any other Exact; a host is listed under one TLS
entry at most, entries of the same secret merge.  Pure: nothing here reads a cluster.
"""

from __future__ import annotations

import re

from minikube_lite import errors
from minikube_lite.api.objects import Obj
from minikube_lite.ops.generate import _intstr, meta, typed

# ruleRegex (Go's RE2: \w is ASCII, $ is the end of the text)
RULE = re.compile(
    r"^(?P<host>[\w*\-.]*)(?P<path>/[^,=\n]*)=(?P<svcname>[\w\-]+):(?P<svcport>[\w\-]+)"
    r"(,(?P<istls>tls)=?(?P<secretname>[\w\-]+)?)?\Z",
    re.ASCII,
)
NOT_ENOUGH = (
    "not enough information provided: every ingress has to either specify a default-backend "
    "(which catches all traffic) or a list of rules (which catch specific paths)"
)


def ingress_checks(rules: list[str], annotations: list[str], default_backend: str) -> None:
    """CreateIngressOptions.Validate."""
    if not default_backend and not rules:
        raise errors.MklError(NOT_ENOUGH)
    for rule in rules:
        if not RULE.match(rule):
            raise errors.MklError(
                f"rule {rule} is invalid and should be in format "
                "host/path=svcname:svcport[,tls[=secret]]"
            )
    for a in annotations:
        if "=" not in a:
            raise errors.MklError(f"annotation {a} is invalid and should be in format key=[value]")
    if default_backend and len(default_backend.split(":")) != 2:
        raise errors.MklError("default-backend should be in format servicename:serviceport")


def ingress_object(
    name: str, ingress_class: str, rules: list[str], annotations: list[str], default_backend: str
) -> Obj:
    """createIngress: metadata (the annotations, later ones winning), the spec, and the zero
    status encoding/json writes (``loadBalancer: {}``)."""
    ingress_checks(rules, annotations, default_backend)
    md = meta(name)
    notes = dict(a.split("=", 1) for a in annotations)
    if notes:
        md["annotations"] = dict(sorted(notes.items()))
    spec: Obj = {}
    if ingress_class:
        spec["ingressClassName"] = ingress_class
    if default_backend:
        spec["defaultBackend"] = _backend(default_backend)
    tls = _tls_rules(rules)
    if tls:
        spec["tls"] = tls
    http_rules = _ingress_rules(rules)
    if http_rules:
        spec["rules"] = http_rules
    return typed("Ingress", "networking.k8s.io/v1", md, spec=spec, status={"loadBalancer": {}})


def _tls_rules(rules: list[str]) -> list[Obj]:
    """buildTLSRules: a host goes under one TLS entry only; one secret's hosts share an entry."""
    seen: set[str] = set()
    out: list[Obj] = []
    for rule in rules:
        parts = rule.split(",")
        if len(parts) != 2:
            continue
        host = rule.split("/", 1)[0]
        kv = parts[1].split("=")
        secret = kv[1] if len(kv) > 1 else ""
        if host in seen:
            continue
        idx = next((i for i, t in enumerate(out) if t.get("secretName", "") == secret), -1)
        seen.add(host)
        if idx > -1:
            out[idx].setdefault("hosts", []).append(host)
            continue
        entry: Obj = {}
        if host:
            entry["hosts"] = [host]
        if secret:
            entry["secretName"] = secret
        if entry:
            out.append(entry)
    return out


def _ingress_rules(rules: list[str]) -> list[Obj]:
    """buildIngressRules: one rule per host (in first-seen order), its paths in rule order."""
    out: list[Obj] = []
    for rule in rules:
        host, _, path_svc = rule.split(",")[0].partition("/")
        path = _http_path(path_svc)
        found = next((r for r in out if r.get("host", "") == host), None)
        if found is not None:
            found["http"]["paths"].append(path)
            continue
        r: Obj = {"host": host} if host else {}
        r["http"] = {"paths": [path]}
        out.append(r)
    return out


def _http_path(path_svc: str) -> Obj:
    """buildHTTPIngressPath: ``path=svc:port``; a trailing ``*`` makes it a Prefix."""
    parts = path_svc.split("=")
    path, service = "/" + parts[0], parts[1]
    kind = "Exact"
    if path.endswith("*"):
        kind, path = "Prefix", path[:-1]
    return {"path": path, "pathType": kind, "backend": _backend(service)}


def _backend(service: str) -> Obj:
    """buildIngressBackendSvc and parseServiceBackendPort: a number is the port's number (0
    left out), anything else its name."""
    parts = service.split(":")
    port = _intstr(parts[1])
    number: Obj = {"number": port} if port else {}
    return {
        "service": {"name": parts[0], "port": {"name": port} if isinstance(port, str) else number}
    }
