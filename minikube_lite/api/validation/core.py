"""core/v1 kinds other than Pod: Service, Namespace, ConfigMap, Secret, ResourceQuota, LimitRange.

Port of pkg/apis/core/validation/validation.go (ValidateService, ValidateServiceUpdate,
validateServicePort, ValidateNamespace, ValidateConfigMap, ValidateConfigMapUpdate,
ValidateSecret, ValidateSecretUpdate, ValidateResourceQuota, ValidateLimitRange).  IP
allocation is not checked here.
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.quantity import Quantity
from minikube_lite.api.validation.containers import PORT_RANGE, port_num_or_name, validate_protocol
from minikube_lite.api.validation.field import (
    Errs,
    Raw,
    as_int,
    duplicate,
    forbidden,
    go_json,
    invalid,
    invalid_each,
    not_supported,
    required,
    too_long,
)
from minikube_lite.api.validation.meta import (
    IMMUTABLE,
    meta_of,
    spec_of,
    validate_labels,
    validate_object_meta,
    validate_object_meta_update,
)
from minikube_lite.api.validation.resources import (
    STANDARD_RESOURCES,
    is_hugepages,
    quantity_or_none,
    resource_quantity_value,
    validate_resource_name,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _service_port_json(protocol: str, port: int) -> Raw:
    """The internal core.ServicePort used as a Duplicate value (unverified field order)."""
    return Raw(
        '{"Name":"","Protocol":'
        + go_json(protocol)
        + ',"AppProtocol":null,"Port":'
        + str(port)
        + ',"TargetPort":0,"NodePort":0}'
    )


def _service_port(sp: Mapping[str, Any], require_name: bool, names: set[str], path: str) -> Errs:
    """validateServicePort."""
    errs: Errs = []
    name = sp.get("name") or ""
    if require_name and not name:
        errs.append(required(f"{path}.name"))
    elif name:
        errs += invalid_each(f"{path}.name", name, N.is_dns1123_label(name))
        if name in names:
            errs.append(duplicate(f"{path}.name", name))
        names.add(name)
    port = as_int(sp.get("port"))
    if not 1 <= port <= 65535:
        errs.append(invalid(f"{path}.port", port, PORT_RANGE))
    errs += validate_protocol(sp.get("protocol") or "", f"{path}.protocol")
    return errs + port_num_or_name(sp.get("targetPort", 0), f"{path}.targetPort")


_SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]


def validate_service(svc: Obj) -> Errs:
    """ValidateService (ports, selector, type, affinity; IP allocation is not checked here)."""
    spec = spec_of(svc)
    errs = validate_object_meta(meta_of(svc), True, N.is_dns1035_label)
    stype, ports = spec.get("type") or "", spec.get("ports") or []
    headless = spec.get("clusterIP") == "None"
    if not ports and not headless and stype != "ExternalName":
        errs.append(required("spec.ports"))
    if stype in ("LoadBalancer", "NodePort") and headless:
        errs.append(
            invalid("spec.clusterIP", "None", f"may not be set to 'None' for {stype} services")
        )
    if stype == "ExternalName":
        cname = (spec.get("externalName") or "").removesuffix(".")
        errs += (
            invalid_each("spec.externalName", cname, N.is_dns1123_subdomain(cname))
            if cname
            else [required("spec.externalName")]
        )
    names: set[str] = set()
    for i, sp in enumerate(ports):
        errs += _service_port(sp, len(ports) > 1, names, f"spec.ports[{i}]")
    if spec.get("selector") is not None:
        errs += validate_labels(spec["selector"], "spec.selector")
    aff = spec.get("sessionAffinity") or ""
    if not aff:
        errs.append(required("spec.sessionAffinity"))
    elif aff not in ("ClientIP", "None"):
        errs.append(not_supported("spec.sessionAffinity", aff, ["ClientIP", "None"]))
    if not stype:
        errs.append(required("spec.type"))
    elif stype not in _SERVICE_TYPES:
        errs.append(not_supported("spec.type", stype, _SERVICE_TYPES))
    return errs + _service_port_duplicates(stype, ports)


def _service_port_duplicates(stype: str, ports: list[Mapping[str, Any]]) -> Errs:
    errs: Errs = []
    if stype == "ClusterIP":
        errs += [
            forbidden(f"spec.ports[{i}].nodePort", "may not be used when `type` is 'ClusterIP'")
            for i, sp in enumerate(ports)
            if as_int(sp.get("nodePort"))
        ]
    node_ports: set[tuple[str, int]] = set()
    for i, sp in enumerate(ports):
        key = (sp.get("protocol") or "", as_int(sp.get("nodePort")))
        if key[1] and key in node_ports:
            errs.append(duplicate(f"spec.ports[{i}].nodePort", key[1]))
        node_ports.add(key)
    seen: set[tuple[str, int]] = set()
    for i, sp in enumerate(ports):
        key = (sp.get("protocol") or "", as_int(sp.get("port")))
        if key in seen:
            errs.append(duplicate(f"spec.ports[{i}]", _service_port_json(*key)))
        seen.add(key)
    return errs


def validate_service_update(svc: Obj, old: Obj) -> Errs:
    """ValidateServiceUpdate: the primary cluster IP may not change once set."""
    errs = validate_object_meta_update(meta_of(svc), meta_of(old))
    new_ips, old_ips = spec_of(svc).get("clusterIPs"), spec_of(old).get("clusterIPs")
    external = "ExternalName" in (spec_of(svc).get("type"), spec_of(old).get("type"))
    if new_ips and old_ips and not external and new_ips[0] != old_ips[0]:
        errs.append(invalid("spec.clusterIPs[0]", new_ips, "may not change once set"))
    return errs + validate_service(svc)


_STANDARD_FINALIZERS = ("kubernetes", "orphan", "foregroundDeletion")


def validate_namespace(ns: Obj) -> Errs:
    """ValidateNamespace."""
    errs = validate_object_meta(meta_of(ns), False, N.is_dns1123_label)
    for f in spec_of(ns).get("finalizers") or []:
        errs += invalid_each("spec.finalizers", f, N.is_qualified_name(f))
        if "/" not in f and f not in _STANDARD_FINALIZERS:
            errs.append(
                invalid(
                    "spec.finalizers",
                    f,
                    "name is neither a standard finalizer name nor is it fully qualified",
                )
            )
    return errs


MAX_SECRET_SIZE = 1024 * 1024  # core.MaxSecretSize, also the ConfigMap limit


def _byte_len(v: Any) -> int:
    return len(v.encode("utf-8", "replace")) if isinstance(v, str) else 0


def _b64_len(v: Any) -> int:
    """Length of the bytes a base64 field ([]byte in Go) holds."""
    if not isinstance(v, str):
        return 0
    return len(v) * 3 // 4 - len(v) + len(v.rstrip("="))


def validate_config_map(cm: Obj) -> Errs:
    """ValidateConfigMap (keys, 1 MiB of data in all)."""
    errs = validate_object_meta(meta_of(cm), True, N.is_dns1123_subdomain)
    data, binary = cm.get("data") or {}, cm.get("binaryData") or {}
    for key in sorted(data):
        errs += invalid_each(f"data[{key}]", key, N.is_config_map_key(key))
        if key in binary:
            errs.append(invalid(f"data[{key}]", key, "duplicate of key present in binaryData"))
    for key in sorted(binary):
        errs += invalid_each(f"binaryData[{key}]", key, N.is_config_map_key(key))
    total = sum(map(_byte_len, data.values())) + sum(map(_b64_len, binary.values()))
    if total > MAX_SECRET_SIZE:
        errs.append(too_long("[]", MAX_SECRET_SIZE))  # the path "" renders as [] (field.Path)
    return errs


_SECRET_KEYS = {
    "kubernetes.io/dockerconfigjson": (".dockerconfigjson",),
    "kubernetes.io/dockercfg": (".dockercfg",),
    "kubernetes.io/ssh-auth": ("ssh-privatekey",),
    "kubernetes.io/tls": ("tls.crt", "tls.key"),
}


def validate_secret(secret: Obj) -> Errs:
    """ValidateSecret (keys and the per-type required keys)."""
    errs = validate_object_meta(meta_of(secret), True, N.is_dns1123_subdomain)
    data = secret.get("data") or {}
    for key in sorted(data):
        errs += invalid_each(f"data[{key}]", key, N.is_config_map_key(key))
    if sum(map(_b64_len, data.values())) > MAX_SECRET_SIZE:
        errs.append(too_long("data", MAX_SECRET_SIZE))
    stype = secret.get("type") or ""
    if stype == "kubernetes.io/basic-auth" and "username" not in data and "password" not in data:
        errs += [required("data[username]"), required("data[password]")]
    errs += [required(f"data[{k}]") for k in _SECRET_KEYS.get(stype, ()) if k not in data]
    if stype == "kubernetes.io/service-account-token" and not (
        meta_of(secret).get("annotations") or {}
    ).get("kubernetes.io/service-account.name"):
        errs.append(required("metadata.annotations[kubernetes.io/service-account.name]"))
    return errs


def _immutable_data(obj: Obj, old: Obj, fields: tuple[str, ...]) -> Errs:
    """The ``immutable: true`` rule of ConfigMap/Secret updates."""
    if old.get("immutable") is not True:
        return []
    msg = "field is immutable when `immutable` is set"
    errs = [forbidden("immutable", msg)] if obj.get("immutable") is not True else []
    return errs + [forbidden(f, msg) for f in fields if (obj.get(f) or {}) != (old.get(f) or {})]


def validate_config_map_update(obj: Obj, old: Obj) -> Errs:
    """ValidateConfigMapUpdate (the ``immutable`` rule, then the create rules)."""
    errs = validate_object_meta_update(meta_of(obj), meta_of(old))
    return errs + _immutable_data(obj, old, ("data", "binaryData")) + validate_config_map(obj)


def validate_secret_update(obj: Obj, old: Obj) -> Errs:
    """ValidateSecretUpdate (type and ``immutable`` rules, then the create rules)."""
    errs = validate_object_meta_update(meta_of(obj), meta_of(old))
    if (obj.get("type") or "") != (old.get("type") or ""):
        errs.append(invalid("type", obj.get("type") or "", IMMUTABLE))
    return errs + _immutable_data(obj, old, ("data",)) + validate_secret(obj)


_QUOTA_STANDARD = STANDARD_RESOURCES - {"storage"}


def validate_resource_quota(rq: Obj) -> Errs:
    """ValidateResourceQuota (hard resource names and values)."""
    errs = validate_object_meta(meta_of(rq), True, N.is_dns1123_subdomain)
    for name, value in sorted((spec_of(rq).get("hard") or {}).items()):
        p = f"spec.hard[{name}]"
        errs += validate_resource_name(name, p)
        if "/" not in name and name not in _QUOTA_STANDARD and not is_hugepages(name):
            errs.append(invalid(p, name, "must be a standard resource for quota"))
        q = quantity_or_none(value)
        errs += resource_quantity_value(name, q, p) if q is not None else []
    return errs + _quota_scopes(spec_of(rq))


_QUOTA_SCOPES = (
    "Terminating",
    "NotTerminating",
    "BestEffort",
    "NotBestEffort",
    "PriorityClass",
    "CrossNamespacePodAffinity",
)
_POD_COUNT = frozenset({"pods"})
_POD_COMPUTE = frozenset(
    {"cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory"}
)


def _scope_fits(scope: str, resource: str) -> bool:
    """helper.IsResourceQuotaScopeValidForResource."""
    if scope == "BestEffort":
        return resource in _POD_COUNT
    if scope in ("Terminating", "NotTerminating", "NotBestEffort", "PriorityClass"):
        return resource in _POD_COUNT | _POD_COMPUTE
    if scope == "CrossNamespacePodAffinity":
        return resource in _POD_COUNT | _POD_COMPUTE
    return True


def _quota_scopes(spec: Mapping[str, Any]) -> Errs:
    """validateResourceQuotaScopes: known scopes, each valid for every hard resource, no
    conflicting pair (the whole list is the bad value, once per problem)."""
    scopes = list(spec.get("scopes") or [])
    errs: Errs = []
    hard = sorted(spec.get("hard") or {})
    for scope in scopes:
        if scope not in _QUOTA_SCOPES:
            errs.append(invalid("spec.scopes", scopes, "unsupported scope"))
        for name in hard:
            standard = name in _QUOTA_STANDARD or is_hugepages(name)
            if standard and not _scope_fits(scope, name):
                errs.append(invalid("spec.scopes", scopes, "unsupported scope applied to resource"))
    for pair in (("BestEffort", "NotBestEffort"), ("Terminating", "NotTerminating")):
        if all(p in scopes for p in pair):
            errs.append(invalid("spec.scopes", scopes, "conflicting scopes"))
    return errs


_LIMIT_TYPES = ("Pod", "Container", "PersistentVolumeClaim")


def _limit_checks(item: Mapping[str, Any], key: str, path: str) -> Errs:
    """The min/max/default/defaultRequest ordering rules of ValidateLimitRange for one resource."""
    get = {
        f: quantity_or_none((item.get(f) or {}).get(key))
        for f in ("min", "max", "default", "defaultRequest")
    }
    mn, mx, df, dr = get["min"], get["max"], get["default"], get["defaultRequest"]
    errs: Errs = []

    def bad(field: str, value: Quantity, msg: str) -> None:
        errs.append(invalid(f"{path}.{field}[{key}]", value, msg))

    if mn is not None and mx is not None and mn > mx:
        bad("min", mn, f"min value {mn} is greater than max value {mx}")
    if dr is not None and mn is not None and mn > dr:
        bad("defaultRequest", dr, f"min value {mn} is greater than default request value {dr}")
    if dr is not None and mx is not None and dr > mx:
        bad("defaultRequest", dr, f"default request value {dr} is greater than max value {mx}")
    if dr is not None and df is not None and dr > df:
        bad(
            "defaultRequest",
            dr,
            f"default request value {dr} is greater than default limit value {df}",
        )
    if df is not None and mn is not None and mn > df:
        bad("default", mn, f"min value {mn} is greater than default value {df}")
    if df is not None and mx is not None and df > mx:
        bad("default", mx, f"default value {df} is greater than max value {mx}")
    return errs


def validate_limit_range(lr: Obj) -> Errs:
    """ValidateLimitRange (type names, duplicates, min <= default <= max)."""
    errs = validate_object_meta(meta_of(lr), True, N.is_dns1123_subdomain)
    seen: set[str] = set()
    for i, item in enumerate(spec_of(lr).get("limits") or []):
        p = f"spec.limits[{i}]"
        ltype = item.get("type") or ""
        type_errs = invalid_each(f"{p}.type", ltype, N.is_qualified_name(ltype))
        if not type_errs and "/" not in ltype and ltype not in _LIMIT_TYPES:
            type_errs.append(
                invalid(f"{p}.type", ltype, "must be a standard limit type or fully qualified")
            )
        errs += type_errs
        if ltype in seen:
            errs.append(duplicate(f"{p}.type", ltype))
        seen.add(ltype)
        if ltype == "Pod":
            errs += [
                forbidden(f"{p}.{f}", "may not be specified when `type` is 'Pod'")
                for f in ("default", "defaultRequest")
                if item.get(f)
            ]
        keys = {
            k
            for f in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio")
            for k in item.get(f) or {}
        }
        for key in sorted(keys):
            errs += _limit_checks(item, key, p)
    return errs
