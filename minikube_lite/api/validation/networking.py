"""networking.k8s.io/v1 validation of Ingresses and IngressClasses.

Port of pkg/apis/networking/validation/validation.go (ValidateIngressCreate, ValidateIngressSpec,
validateIngressRules, validateHTTPIngressPath, validateIngressBackend, ValidateIngressClass) for
what learners write: a default backend or rules, each path with a known pathType (Exact and
Prefix paths absolute), each backend a service (a DNS-1035 name and exactly one of a port name
or number) or a resource, and an IngressClass's controller.
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.field import (
    Errs,
    invalid,
    invalid_each,
    not_supported,
    required,
)
from minikube_lite.api.validation.meta import (
    meta_of,
    spec_of,
    validate_object_meta,
    validate_object_meta_update,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"]
_NO_RULES = "either `defaultBackend` or `rules` must be specified"


def validate_backend(backend: Mapping[str, Any], path: str) -> Errs:
    """validateIngressBackend."""
    svc, res = backend.get("service"), backend.get("resource")
    if svc is not None and res is not None:
        return [invalid(path, "", "cannot set both resource and service backends")]
    if svc is None and res is None:
        return [invalid(path, "", "resource or service must be specified")]
    if res is not None or not isinstance(svc, Mapping):
        return []
    errs = invalid_each(
        f"{path}.service.name", svc.get("name", ""), N.is_dns1035_label(str(svc.get("name") or ""))
    )
    port = svc.get("port") or {}
    name, number = port.get("name") or "", port.get("number") or 0
    ppath = f"{path}.service.port"
    if name and number:
        errs.append(invalid(f"{ppath}.name", name, "cannot set both port name & port number"))
    elif name:
        errs += invalid_each(f"{ppath}.name", name, N.is_valid_port_name(str(name)))
    elif number:
        if not 1 <= int(number) <= 65535:
            errs.append(
                invalid(f"{ppath}.number", number, "must be between 1 and 65535, inclusive")
            )
    else:
        errs.append(required(ppath, "port name or number is required"))
    return errs


def _validate_path(p: Mapping[str, Any], path: str) -> Errs:
    """validateHTTPIngressPath."""
    errs: Errs = []
    kind = p.get("pathType")
    if kind is None:
        errs.append(required(f"{path}.pathType", "pathType must be specified"))
    elif kind not in PATH_TYPES:
        errs.append(not_supported(f"{path}.pathType", kind, PATH_TYPES))
    elif kind in ("Exact", "Prefix") and not str(p.get("path") or "").startswith("/"):
        errs.append(invalid(f"{path}.path", p.get("path", ""), "must be an absolute path"))
    return errs + validate_backend(p.get("backend") or {}, f"{path}.backend")


def validate_ingress_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """ValidateIngressSpec."""
    errs: Errs = []
    rules = spec.get("rules") or []
    backend = spec.get("defaultBackend")
    if not rules and backend is None:
        errs.append(invalid(path, spec.get("rules"), _NO_RULES))
    if isinstance(backend, Mapping):
        errs += validate_backend(backend, f"{path}.defaultBackend")
    for i, rule in enumerate(rules):
        rpath = f"{path}.rules[{i}]"
        host = str(rule.get("host") or "")
        check = host[2:] if host.startswith("*.") else host
        if host and check:
            errs += invalid_each(f"{rpath}.host", host, N.is_dns1123_subdomain(check))
        paths = (rule.get("http") or {}).get("paths")
        if rule.get("http") is not None and not paths:
            errs.append(required(f"{rpath}.http.paths"))
        for j, p in enumerate(paths or []):
            errs += _validate_path(p, f"{rpath}.http.paths[{j}]")
    cls = spec.get("ingressClassName")
    if cls is not None:
        errs += invalid_each(f"{path}.ingressClassName", cls, N.is_dns1123_subdomain(str(cls)))
    return errs


def validate_ingress(ing: Obj) -> Errs:
    """ValidateIngressCreate."""
    errs = validate_object_meta(meta_of(ing), True, N.is_dns1123_subdomain)
    return errs + validate_ingress_spec(spec_of(ing))


def validate_ingress_update(ing: Obj, old: Obj) -> Errs:
    """ValidateIngressUpdate: metadata update rules, the spec as on create."""
    return validate_object_meta_update(meta_of(ing), meta_of(old)) + validate_ingress_spec(
        spec_of(ing)
    )


def validate_ingress_class(ic: Obj) -> Errs:
    """ValidateIngressClass: a cluster-scoped name and a controller."""
    errs = validate_object_meta(meta_of(ic), False, N.is_dns1123_subdomain)
    controller = spec_of(ic).get("controller")
    if not controller:
        errs.append(required("spec.controller"))
    return errs
