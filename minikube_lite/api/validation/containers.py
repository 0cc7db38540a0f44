"""Containers: names, images, ports, env, volume mounts, probes and lifecycle handlers.

Port of the container part of pkg/apis/core/validation/validation.go (validateContainers,
validateInitContainers, validateContainerCommon, validateContainerPorts, ValidateEnv,
ValidateEnvFrom, ValidateVolumeMounts, validateProbe, validateHandler, ValidatePortNumOrName,
AccumulateUniqueHostPorts).
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import names as N
from minikube_lite.api.validation.field import (
    Errs,
    as_int,
    duplicate,
    forbidden,
    invalid,
    invalid_each,
    not_found,
    not_supported,
    required,
)
from minikube_lite.api.validation.meta import mask_trailing_dash, nonneg
from minikube_lite.api.validation.resources import validate_resources

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PORT_RANGE = "must be between 1 and 65535, inclusive"


def validate_containers(containers: list[Mapping[str, Any]], vols: set[str], path: str) -> Errs:
    """validateContainers: required list, common rules, unique names, probes, host ports."""
    if not containers:
        return [required(path)]
    errs: Errs = []
    seen: set[str] = set()
    for i, c in enumerate(containers):
        p = f"{path}[{i}]"
        errs += validate_container_common(c, vols, p)
        name = c.get("name") or ""
        if name in seen:
            errs.append(duplicate(f"{p}.name", name))
        seen.add(name)
        errs += _lifecycle_and_probes(c, p)
        if c.get("restartPolicy") is not None:
            errs.append(forbidden(f"{p}.restartPolicy", "may not be set for non-init containers"))
    return errs + _host_port_conflicts(containers, path)


def validate_init_containers(
    inits: list[Mapping[str, Any]], regular: list[Mapping[str, Any]], vols: set[str], path: str
) -> Errs:
    """validateInitContainers (restartable sidecars may have probes)."""
    errs: Errs = []
    names = {c.get("name") or "" for c in regular}
    for i, c in enumerate(inits):
        p = f"{path}[{i}]"
        errs += validate_container_common(c, vols, p)
        rp = c.get("restartPolicy")
        if rp is not None and rp != "Always":
            errs.append(not_supported(f"{p}.restartPolicy", rp, ["Always"]))
        name = c.get("name") or ""
        if name in names:
            errs.append(duplicate(f"{p}.name", name))
        elif name:
            names.add(name)
        errs += _host_port_conflicts([c], path)
        if rp == "Always":
            errs += _lifecycle_and_probes(c, p)
        else:
            msg = "may not be set for init containers without restartPolicy=Always"
            errs += [
                forbidden(f"{p}.{f}", msg)
                for f in ("lifecycle", "livenessProbe", "readinessProbe", "startupProbe")
                if c.get(f) is not None
            ]
    return errs


def _host_port_conflicts(containers: list[Mapping[str, Any]], path: str) -> Errs:
    """AccumulateUniqueHostPorts."""
    errs: Errs = []
    seen: set[str] = set()
    for ci, c in enumerate(containers):
        for pi, port in enumerate(c.get("ports") or []):
            hp = as_int(port.get("hostPort"))
            if hp == 0:
                continue
            key = f"{port.get('protocol') or ''}/{port.get('hostIP') or ''}/{hp}"
            if key in seen:
                errs.append(duplicate(f"{path}[{ci}].ports[{pi}].hostPort", key))
            seen.add(key)
    return errs


def validate_container_common(c: Mapping[str, Any], vols: set[str], path: str) -> Errs:
    """validateContainerCommon."""
    name = c.get("name") or ""
    errs = (
        [required(f"{path}.name")]
        if not name
        else invalid_each(f"{path}.name", name, N.is_dns1123_label(name))
    )
    if not c.get("image"):
        errs.append(required(f"{path}.image"))
    tmp = c.get("terminationMessagePolicy") or ""
    if not tmp:
        errs.append(required(f"{path}.terminationMessagePolicy"))
    elif tmp not in ("File", "FallbackToLogsOnError"):
        errs.append(
            not_supported(
                f"{path}.terminationMessagePolicy", tmp, ["File", "FallbackToLogsOnError"]
            )
        )
    errs += _container_ports(c.get("ports") or [], f"{path}.ports")
    errs += _env(c.get("env") or [], f"{path}.env")
    errs += _env_from(c.get("envFrom") or [], f"{path}.envFrom")
    errs += _volume_mounts(c.get("volumeMounts") or [], vols, f"{path}.volumeMounts")
    ipp = c.get("imagePullPolicy") or ""
    if not ipp:
        errs.append(required(f"{path}.imagePullPolicy"))
    elif ipp not in ("Always", "IfNotPresent", "Never"):
        errs.append(
            not_supported(f"{path}.imagePullPolicy", ipp, ["Always", "IfNotPresent", "Never"])
        )
    return errs + validate_resources(c.get("resources") or {}, f"{path}.resources")


def _container_ports(ports: list[Mapping[str, Any]], path: str) -> Errs:
    """validateContainerPorts."""
    errs: Errs = []
    names: set[str] = set()
    for i, port in enumerate(ports):
        p = f"{path}[{i}]"
        pname = port.get("name") or ""
        if pname:
            msgs = N.is_valid_port_name(pname)
            if msgs:
                errs += invalid_each(f"{p}.name", pname, msgs)
            elif pname in names:
                errs.append(duplicate(f"{p}.name", pname))
            names.add(pname)
        cp = as_int(port.get("containerPort"))
        if cp == 0:
            errs.append(required(f"{p}.containerPort"))
        elif not 1 <= cp <= 65535:
            errs.append(invalid(f"{p}.containerPort", cp, PORT_RANGE))
        hp = as_int(port.get("hostPort"))
        if hp and not 1 <= hp <= 65535:
            errs.append(invalid(f"{p}.hostPort", hp, PORT_RANGE))
        errs += validate_protocol(port.get("protocol") or "", f"{p}.protocol")
    return errs


def validate_protocol(proto: str, path: str) -> Errs:
    """validateContainerPorts' / validateServicePort's protocol rule: SCTP, TCP or UDP."""
    if not proto:
        return [required(path)]
    if proto not in ("SCTP", "TCP", "UDP"):
        return [not_supported(path, proto, ["SCTP", "TCP", "UDP"])]
    return []


def _env(env: list[Mapping[str, Any]], path: str) -> Errs:
    """ValidateEnv + validateEnvVarValueFrom."""
    errs: Errs = []
    for i, ev in enumerate(env):
        p = f"{path}[{i}]"
        name = ev.get("name") or ""
        if not name:
            errs.append(required(f"{p}.name"))
        errs += invalid_each(f"{p}.name", name, N.is_relaxed_env_var_name(name))
        vf = ev.get("valueFrom")
        if vf is not None:
            errs += _value_from(vf, bool(ev.get("value")), f"{p}.valueFrom")
    return errs


def _value_from(vf: Mapping[str, Any], has_value: bool, path: str) -> Errs:
    errs: Errs = []
    sources = [
        s
        for s in ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef")
        if vf.get(s) is not None
    ]
    for src in ("configMapKeyRef", "secretKeyRef"):
        ref = vf.get(src)
        if ref is not None:
            name, key = ref.get("name") or "", ref.get("key") or ""
            errs += invalid_each(f"{path}.{src}.name", name, N.is_dns1123_subdomain(name))
            errs += (
                [required(f"{path}.{src}.key")]
                if not key
                else invalid_each(f"{path}.{src}.key", key, N.is_config_map_key(key))
            )
    if vf.get("fieldRef") is not None and not vf["fieldRef"].get("fieldPath"):
        errs.append(required(f"{path}.fieldRef.fieldPath"))
    if not sources:
        errs.append(
            invalid(
                path,
                "",
                "must specify one of: `fieldRef`, `resourceFieldRef`, "
                "`configMapKeyRef` or `secretKeyRef`",
            )
        )
    elif has_value:
        errs.append(invalid(path, "", "may not be specified when `value` is not empty"))
    elif len(sources) > 1:
        errs.append(invalid(path, "", "may not have more than one field specified at a time"))
    return errs


def _env_from(env_from: list[Mapping[str, Any]], path: str) -> Errs:
    """ValidateEnvFrom."""
    errs: Errs = []
    for i, ef in enumerate(env_from):
        p = f"{path}[{i}]"
        if ef.get("prefix"):
            errs += invalid_each(
                f"{p}.prefix", ef["prefix"], N.is_relaxed_env_var_name(ef["prefix"])
            )
        sources = [s for s in ("configMapRef", "secretRef") if ef.get(s) is not None]
        for src in sources:
            name = ef[src].get("name") or ""
            mask = mask_trailing_dash(name)
            errs += (
                [required(f"{p}.{src}.name")]
                if not name
                else invalid_each(f"{p}.{src}.name", name, N.is_dns1123_subdomain(mask))
            )
        if not sources:
            errs.append(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"))
        elif len(sources) > 1:
            errs.append(invalid(path, "", "may not have more than one field specified at a time"))
    return errs


def _volume_mounts(mounts: list[Mapping[str, Any]], vols: set[str], path: str) -> Errs:
    """ValidateVolumeMounts (name, existence, mountPath, uniqueness)."""
    errs: Errs = []
    paths: set[str] = set()
    for i, m in enumerate(mounts):
        p = f"{path}[{i}]"
        name, mpath = m.get("name") or "", m.get("mountPath") or ""
        if not name:
            errs.append(required(f"{p}.name"))
        if name not in vols:
            errs.append(not_found(f"{p}.name", name))
        if not mpath:
            errs.append(required(f"{p}.mountPath"))
        if mpath in paths:
            errs.append(invalid(f"{p}.mountPath", mpath, "must be unique"))
        paths.add(mpath)
    return errs


def _lifecycle_and_probes(c: Mapping[str, Any], path: str) -> Errs:
    errs: Errs = []
    lc = c.get("lifecycle")
    if lc is not None:
        for hook in ("postStart", "preStop"):
            if lc.get(hook) is not None:
                errs += _handler(lc[hook], f"{path}.lifecycle.{hook}")
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        pr = c.get(probe)
        if pr is None:
            continue
        errs += _probe(pr, f"{path}.{probe}")
        if probe != "readinessProbe" and as_int(pr.get("successThreshold")) != 1:
            errs.append(
                invalid(
                    f"{path}.{probe}.successThreshold",
                    as_int(pr.get("successThreshold")),
                    "must be 1",
                )
            )
        if probe == "readinessProbe" and pr.get("terminationGracePeriodSeconds") is not None:
            errs.append(
                invalid(
                    f"{path}.{probe}.terminationGracePeriodSeconds",
                    pr["terminationGracePeriodSeconds"],
                    "must not be set for readinessProbes",
                )
            )
    return errs


def _probe(pr: Mapping[str, Any], path: str) -> Errs:
    """validateProbe."""
    errs = _handler(pr, path)
    for f in (
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ):
        errs += nonneg(as_int(pr.get(f)), f"{path}.{f}")
    tgp = pr.get("terminationGracePeriodSeconds")
    if isinstance(tgp, int) and tgp <= 0:
        errs.append(invalid(f"{path}.terminationGracePeriodSeconds", tgp, "must be greater than 0"))
    return errs


def _handler(h: Mapping[str, Any], path: str) -> Errs:
    """validateHandler: exactly one of exec/httpGet/tcpSocket/grpc/sleep."""
    errs: Errs = []
    count = 0
    for kind in ("exec", "httpGet", "tcpSocket", "grpc", "sleep"):
        body = h.get(kind)
        if body is None:
            continue
        if count:
            errs.append(forbidden(f"{path}.{kind}", "may not specify more than 1 handler type"))
            continue
        count += 1
        errs += _handler_body(kind, body, f"{path}.{kind}")
    if not count:
        errs.append(required(path, "must specify a handler type"))
    return errs


def _handler_body(kind: str, body: Mapping[str, Any], path: str) -> Errs:
    if kind == "exec":
        return [] if body.get("command") else [required(f"{path}.command")]
    if kind == "httpGet":
        errs = [] if body.get("path") else [required(f"{path}.path")]
        errs += port_num_or_name(body.get("port", 0), f"{path}.port")
        scheme = body.get("scheme") or ""
        if scheme not in ("HTTP", "HTTPS"):
            errs.append(not_supported(f"{path}.scheme", scheme, ["HTTP", "HTTPS"]))
        return errs
    if kind in ("tcpSocket", "grpc"):
        return port_num_or_name(body.get("port", 0), f"{path}.port")
    return nonneg(as_int(body.get("seconds")), f"{path}.seconds")


def port_num_or_name(port: Any, path: str) -> Errs:
    """ValidatePortNumOrName."""
    if isinstance(port, str):
        return invalid_each(path, port, N.is_valid_port_name(port))
    value = as_int(port)
    return [] if 1 <= value <= 65535 else [invalid(path, value, PORT_RANGE)]
