"""API-server validation with upstream 1.34 messages (``pkg/apis/{apps,core}/validation``).

``validate(obj, old)`` returns ``FieldError``s in upstream order; ``check`` raises ``InvalidError``.
Run it on defaulted objects (``defaults.default_object``), as the API server does.  Values are
rendered as 1.34 does: ints plain, strings Go-quoted, everything else compact JSON.  Go map
iteration (random upstream) is done in sorted-key order here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from minikube_lite.api import labels as L
from minikube_lite.api import names as N
from minikube_lite.api.patch import govalue as patch_go
from minikube_lite.api.patch.govalue import go_quote
from minikube_lite.api.quantity import Quantity, QuantityError, parse_quantity
from minikube_lite.errors import FieldError, InvalidError

Obj = dict[str, Any]
Errs = list[FieldError]
IMMUTABLE = "field is immutable"
NEGATIVE = "must be greater than or equal to 0"
PORT_RANGE = "must be between 1 and 65535, inclusive"


class Raw(str):
    """A value already rendered (used for Go structs whose JSON field order matters)."""


def go_json(v: Any) -> str:
    """encoding/json.Marshal (patch_go.go_json); a Raw value is already rendered."""
    if isinstance(v, Raw):
        return str(v)
    return patch_go.go_json(str(v) if isinstance(v, Quantity) else v)


def render(v: Any) -> str:
    """How field.Error.ErrorBody prints a bad value in 1.34."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) and not isinstance(v, Raw):
        return str(v)
    if isinstance(v, str) and not isinstance(v, Raw):
        return go_quote(v)
    return go_json(v)


def required(path: str, detail: str = "") -> FieldError:
    """field.Required."""
    return FieldError(path, "Required value" + (f": {detail}" if detail else ""))


def forbidden(path: str, detail: str) -> FieldError:
    """field.Forbidden."""
    return FieldError(path, f"Forbidden: {detail}")


def invalid(path: str, value: Any, detail: str) -> FieldError:
    """field.Invalid."""
    return FieldError(path, f"Invalid value: {render(value)}" + (f": {detail}" if detail else ""))


def not_supported(path: str, value: Any, valid: list[str]) -> FieldError:
    """field.NotSupported (valid values Go-quoted, in the given order)."""
    detail = "supported values: " + ", ".join(go_quote(v) for v in valid) if valid else ""
    return FieldError(
        path, f"Unsupported value: {render(value)}" + (f": {detail}" if detail else "")
    )


def duplicate(path: str, value: Any) -> FieldError:
    """field.Duplicate."""
    return FieldError(path, f"Duplicate value: {render(value)}")


def not_found(path: str, value: Any) -> FieldError:
    """field.NotFound."""
    return FieldError(path, f"Not found: {render(value)}")


def too_long(path: str, max_len: int) -> FieldError:
    """field.TooLong."""
    return FieldError(path, f"Too long: may not be more than {max_len} bytes")


def _each(path: str, value: Any, msgs: list[str]) -> Errs:
    return [invalid(path, value, m) for m in msgs]


def nonneg(value: Any, path: str) -> Errs:
    """ValidateNonnegativeField."""
    return [invalid(path, value, NEGATIVE)] if isinstance(value, int) and value < 0 else []


def _int(v: Any, default: int = 0) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) else default


def label_selector_json(ls: Mapping[str, Any] | None) -> Raw:
    """A metav1.LabelSelector as encoding/json writes it (struct field order, omitempty)."""
    if ls is None:
        return Raw("null")
    parts = []
    if ls.get("matchLabels"):
        parts.append('"matchLabels":' + go_json(ls["matchLabels"]))
    if ls.get("matchExpressions"):
        exprs = []
        for e in ls["matchExpressions"]:
            fields = [
                f'"key":{go_json(e.get("key", ""))}',
                f'"operator":{go_json(e.get("operator", ""))}',
            ]
            if e.get("values"):
                fields.append('"values":' + go_json(e["values"]))
            exprs.append("{" + ",".join(fields) + "}")
        parts.append('"matchExpressions":[' + ",".join(exprs) + "]")
    return Raw("{" + ",".join(parts) + "}")


# --------------------------------------------------------------------------------------------
# metadata


def validate_labels(labels: Mapping[str, Any] | None, path: str) -> Errs:
    """metav1 validation.ValidateLabels."""
    errs: Errs = []
    for k in sorted(labels or {}):
        v = (labels or {})[k]
        errs += _each(path, k, N.is_qualified_name(k))
        errs += _each(path, v, N.is_valid_label_value(v if isinstance(v, str) else str(v)))
    return errs


def validate_annotations(ann: Mapping[str, Any] | None, path: str) -> Errs:
    """apimachinery ValidateAnnotations (keys checked lower-cased; 256 KiB total)."""
    errs: Errs = []
    for k in sorted(ann or {}):
        errs += _each(path, k, N.is_qualified_name(k.lower()))
    size = sum(len(k.encode()) + len(str(v).encode()) for k, v in (ann or {}).items())
    if size > 256 * 1024:
        errs.append(too_long(path, 256 * 1024))
    return errs


def _mask_trailing_dash(name: str) -> str:
    return name[:-2] + "a" if len(name) > 1 and name.endswith("-") else name


NameFn = Callable[[str], list[str]]


def validate_object_meta(
    meta: Mapping[str, Any], namespaced: bool, name_fn: NameFn, path: str = "metadata"
) -> Errs:
    """ValidateObjectMetaAccessor (create)."""
    errs: Errs = []
    gen = meta.get("generateName") or ""
    if gen:
        errs += _each(f"{path}.generateName", gen, name_fn(_mask_trailing_dash(gen)))
    name = meta.get("name") or ""
    if not name:
        errs.append(required(f"{path}.name", "name or generateName is required"))
    else:
        errs += _each(f"{path}.name", name, name_fn(name))
    if namespaced:
        ns = meta.get("namespace") or ""
        if not ns:
            errs.append(required(f"{path}.namespace"))
        else:
            errs += _each(f"{path}.namespace", ns, N.is_dns1123_label(ns))
    errs += nonneg(meta.get("generation"), f"{path}.generation")
    errs += validate_labels(meta.get("labels"), f"{path}.labels")
    errs += validate_annotations(meta.get("annotations"), f"{path}.annotations")
    for f in meta.get("finalizers") or []:
        errs += _each(f"{path}.finalizers", f, N.is_qualified_name(f))
    return errs


def validate_object_meta_update(
    new: Mapping[str, Any], old: Mapping[str, Any], path: str = "metadata"
) -> Errs:
    """ValidateObjectMetaAccessorUpdate (name/namespace immutability, labels, annotations)."""
    errs: Errs = []
    for field in ("name", "namespace"):
        if (new.get(field) or "") != (old.get(field) or ""):
            errs.append(invalid(f"{path}.{field}", new.get(field) or "", IMMUTABLE))
    errs += validate_labels(new.get("labels"), f"{path}.labels")
    errs += validate_annotations(new.get("annotations"), f"{path}.annotations")
    return errs


# --------------------------------------------------------------------------------------------
# label selectors, int-or-percent


def validate_label_selector(ls: Mapping[str, Any] | None, path: str) -> Errs:
    """metav1 validation.ValidateLabelSelector (strict label values)."""
    if ls is None:
        return []
    errs = validate_labels(ls.get("matchLabels"), f"{path}.matchLabels")
    for i, e in enumerate(ls.get("matchExpressions") or []):
        p = f"{path}.matchExpressions[{i}]"
        op, vals = e.get("operator") or "", e.get("values") or []
        if op in ("In", "NotIn") and not vals:
            errs.append(
                required(f"{p}.values", "must be specified when `operator` is 'In' or 'NotIn'")
            )
        elif op in ("Exists", "DoesNotExist") and vals:
            errs.append(
                forbidden(
                    f"{p}.values",
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                )
            )
        elif op not in ("In", "NotIn", "Exists", "DoesNotExist"):
            errs.append(invalid(f"{p}.operator", op, "not a valid selector operator"))
        key = e.get("key") or ""
        errs += _each(f"{p}.key", key, N.is_qualified_name(key))
        for j, v in enumerate(vals):
            errs += _each(f"{p}.values[{j}]", v, N.is_valid_label_value(v))
    return errs


def _percent(v: Any) -> int | None:
    if isinstance(v, str) and v.endswith("%") and v[:-1].isdigit() and v[:-1].isascii():
        return int(v[:-1])
    return None


def validate_int_or_percent(v: Any, path: str) -> Errs:
    """apps ValidatePositiveIntOrPercent."""
    if isinstance(v, str):
        if _percent(v) is None:
            msg = N.regex_error(
                "a valid percent string must be a numeric string followed by an ending '%'",
                "[0-9]+%",
                "1%",
                "93%",
            )
            return [invalid(path, v, msg)]
        return []
    return nonneg(_int(v), path)


def _int_or_percent_value(v: Any) -> int:
    p = _percent(v)
    if p is not None:
        return p
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            return 0
    return _int(v)


# --------------------------------------------------------------------------------------------
# apps/v1


def validate_rolling_update(ru: Mapping[str, Any], path: str) -> Errs:
    """ValidateRollingUpdateDeployment."""
    mu, ms = ru.get("maxUnavailable", 0), ru.get("maxSurge", 0)
    errs = validate_int_or_percent(mu, f"{path}.maxUnavailable") + validate_int_or_percent(
        ms, f"{path}.maxSurge"
    )
    if _int_or_percent_value(mu) == 0 and _int_or_percent_value(ms) == 0:
        errs.append(invalid(f"{path}.maxUnavailable", mu, "may not be 0 when `maxSurge` is 0"))
    p = _percent(mu)
    if p is not None and p > 100:
        errs.append(invalid(f"{path}.maxUnavailable", mu, "must not be greater than 100%"))
    return errs


def _strategy_json(strategy: Mapping[str, Any]) -> Raw:
    """The internal apps.DeploymentStrategy (no json tags) as encoding/json writes it."""
    ru = strategy.get("rollingUpdate")
    ru_json = (
        "null"
        if ru is None
        else (
            '{"MaxUnavailable":'
            + go_json(ru.get("maxUnavailable", 0))
            + ',"MaxSurge":'
            + go_json(ru.get("maxSurge", 0))
            + "}"
        )
    )
    return Raw(
        '{"Type":' + go_json(strategy.get("type") or "") + ',"RollingUpdate":' + ru_json + "}"
    )


def validate_deployment_strategy(strategy: Mapping[str, Any], path: str) -> Errs:
    """ValidateDeploymentStrategy."""
    stype = strategy.get("type") or ""
    if stype == "Recreate":
        if strategy.get("rollingUpdate") is not None:
            return [
                forbidden(
                    f"{path}.rollingUpdate",
                    "may not be specified when strategy `type` is 'Recreate'",
                )
            ]
        return []
    if stype == "RollingUpdate":
        ru = strategy.get("rollingUpdate")
        if ru is None:
            return [required(f"{path}.rollingUpdate", "this should be defaulted and never be nil")]
        return validate_rolling_update(ru, f"{path}.rollingUpdate")
    return [not_supported(path, _strategy_json(strategy), ["Recreate", "RollingUpdate"])]


def _validate_selector_and_template(spec: Mapping[str, Any], path: str) -> Errs:
    """The selector/template part shared by Deployment and ReplicaSet specs."""
    errs: Errs = []
    sel = spec.get("selector")
    if sel is None:
        errs.append(required(f"{path}.selector"))
    else:
        errs += validate_label_selector(sel, f"{path}.selector")
        if not sel.get("matchLabels") and not sel.get("matchExpressions"):
            errs.append(
                invalid(
                    f"{path}.selector",
                    label_selector_json(sel),
                    "empty selector is invalid for deployment",
                )
            )
    try:
        selector = L.from_label_selector(sel)
    except L.SelectorError:
        return [
            *errs,
            invalid(f"{path}.selector", label_selector_json(sel), "invalid label selector"),
        ]
    return errs + validate_pod_template_for_replicaset(
        spec.get("template") or {}, selector, f"{path}.template"
    )


def validate_deployment_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """apps ValidateDeploymentSpec."""
    errs = nonneg(spec.get("replicas"), f"{path}.replicas")
    errs += _validate_selector_and_template(spec, path)
    errs += validate_deployment_strategy(spec.get("strategy") or {}, f"{path}.strategy")
    min_ready = _int(spec.get("minReadySeconds"))
    errs += nonneg(min_ready, f"{path}.minReadySeconds")
    errs += nonneg(spec.get("revisionHistoryLimit"), f"{path}.revisionHistoryLimit")
    pds = spec.get("progressDeadlineSeconds")
    if isinstance(pds, int):
        errs += nonneg(pds, f"{path}.progressDeadlineSeconds")
        if pds <= min_ready:
            errs.append(
                invalid(
                    f"{path}.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"
                )
            )
    return errs


def validate_replicaset_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """apps ValidateReplicaSetSpec."""
    errs = nonneg(spec.get("replicas"), f"{path}.replicas")
    errs += nonneg(spec.get("minReadySeconds"), f"{path}.minReadySeconds")
    return errs + _validate_selector_and_template(spec, path)


def _selector_immutable(obj: Obj, old: Obj) -> Errs:
    new_sel, old_sel = obj.get("spec", {}).get("selector"), old.get("spec", {}).get("selector")
    if _norm_selector(new_sel) != _norm_selector(old_sel):
        return [invalid("spec.selector", label_selector_json(new_sel), IMMUTABLE)]
    return []


def _norm_selector(sel: Mapping[str, Any] | None) -> Any:
    if sel is None:
        return None
    exprs = [
        (e.get("key"), e.get("operator"), tuple(e.get("values") or ()))
        for e in sel.get("matchExpressions") or []
    ]
    return (dict(sel.get("matchLabels") or {}), exprs)


# --------------------------------------------------------------------------------------------
# pod templates and pod specs (core validation)


def validate_pod_template_for_replicaset(
    tpl: Mapping[str, Any], selector: L.Selector, path: str
) -> Errs:
    """apps ValidatePodTemplateSpecForReplicaSet."""
    meta = tpl.get("metadata") or {}
    tlabels = meta.get("labels")
    errs: Errs = []
    if not selector.empty() and not selector.matches(tlabels or {}):
        errs.append(
            invalid(
                f"{path}.metadata.labels", tlabels, "`selector` does not match template `labels`"
            )
        )
    errs += validate_pod_template(tpl, path)
    spec = tpl.get("spec") or {}
    if (spec.get("restartPolicy") or "") != "Always":
        errs.append(
            not_supported(f"{path}.spec.restartPolicy", spec.get("restartPolicy") or "", ["Always"])
        )
    if spec.get("activeDeadlineSeconds") is not None:
        errs.append(
            forbidden(
                f"{path}.spec.activeDeadlineSeconds",
                "activeDeadlineSeconds in ReplicaSet is not Supported",
            )
        )
    return errs


def validate_pod_template(tpl: Mapping[str, Any], path: str) -> Errs:
    """core ValidatePodTemplateSpec (note: labels are reported at ``<path>.labels``)."""
    meta = tpl.get("metadata") or {}
    errs = validate_labels(meta.get("labels"), f"{path}.labels")
    errs += validate_annotations(meta.get("annotations"), f"{path}.annotations")
    errs += _pod_specific_annotations(meta.get("annotations") or {}, f"{path}.annotations")
    errs += validate_pod_spec(tpl.get("spec") or {}, f"{path}.spec")
    if (tpl.get("spec") or {}).get("ephemeralContainers"):
        errs.append(
            forbidden(
                f"{path}.spec.ephemeralContainers",
                "ephemeral containers not allowed in pod template",
            )
        )
    return errs


def _pod_specific_annotations(ann: Mapping[str, Any], path: str) -> Errs:
    """ValidatePodSpecificAnnotations: only the pod-deletion-cost rule."""
    key = "controller.kubernetes.io/pod-deletion-cost"
    if key in ann:
        try:
            ok = -(2**31) <= int(str(ann[key])) < 2**31 and str(ann[key]).strip() == str(ann[key])
        except ValueError:
            ok = False
        if not ok:
            return [invalid(f"{path}[{key}]", ann[key], "must be a 32bit integer")]
    return []


_VOLUME_SOURCES = (
    "hostPath",
    "emptyDir",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "persistentVolumeClaim",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "configMap",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "projected",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "csi",
    "ephemeral",
    "image",
)
_REQUIRED_SOURCE_FIELD = {
    "configMap": "name",
    "secret": "secretName",
    "hostPath": "path",
    "persistentVolumeClaim": "claimName",
    "nfs": "server",
}
FILE_MODE_MSG = "must be a number between 0 and 0777 (octal), both inclusive"


def _validate_volume_source(vol: Mapping[str, Any], path: str) -> Errs:
    """validateVolumeSource: one source, plus the required names of the common ones."""
    present = [s for s in _VOLUME_SOURCES if vol.get(s) is not None]
    if not present:
        return [required(path, "must specify a volume type")]
    errs = [
        forbidden(f"{path}.{s}", "may not specify more than 1 volume type") for s in present[1:]
    ]
    src, body = present[0], vol[present[0]] or {}
    need = _REQUIRED_SOURCE_FIELD.get(src)
    if need and not body.get(need):
        errs.append(required(f"{path}.{src}.{need}"))
    mode = body.get("defaultMode")
    if isinstance(mode, int) and not 0 <= mode <= 0o777:
        errs.append(invalid(f"{path}.{src}.defaultMode", mode, FILE_MODE_MSG))
    for i, item in enumerate(body.get("items") or [] if src in ("configMap", "secret") else []):
        if not item.get("key"):
            errs.append(required(f"{path}.{src}.items[{i}].key"))
        if not item.get("path"):
            errs.append(required(f"{path}.{src}.items[{i}].path"))
    return errs


def validate_volumes(volumes: list[Mapping[str, Any]], path: str) -> tuple[set[str], Errs]:
    """ValidateVolumes: the names usable by volumeMounts and the errors."""
    names: set[str] = set()
    errs: Errs = []
    for i, vol in enumerate(volumes):
        p = f"{path}[{i}]"
        el = _validate_volume_source(vol, p)
        name = vol.get("name") or ""
        el += (
            [required(f"{p}.name")]
            if not name
            else _each(f"{p}.name", name, N.is_dns1123_label(name))
        )
        if name in names:
            el.append(duplicate(f"{p}.name", name))
        if el:
            errs += el
        else:
            names.add(name)
    return names, errs


def validate_pod_spec(spec: Mapping[str, Any], path: str) -> Errs:
    """core ValidatePodSpec (the rules a learner can trip over)."""
    vols, errs = validate_volumes(spec.get("volumes") or [], f"{path}.volumes")
    errs += validate_containers(spec.get("containers") or [], vols, f"{path}.containers")
    errs += validate_init_containers(
        spec.get("initContainers") or [],
        spec.get("containers") or [],
        vols,
        f"{path}.initContainers",
    )
    restart = spec.get("restartPolicy") or ""
    if not restart:
        errs.append(required(f"{path}.restartPolicy"))
    elif restart not in ("Always", "OnFailure", "Never"):
        errs.append(
            not_supported(f"{path}.restartPolicy", restart, ["Always", "OnFailure", "Never"])
        )
    dns = spec.get("dnsPolicy") or ""
    dns_valid = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
    if not dns:
        errs.append(required(f"{path}.dnsPolicy"))
    elif dns not in dns_valid:
        errs.append(not_supported(f"{path}.dnsPolicy", dns, dns_valid))
    errs += validate_labels(spec.get("nodeSelector"), f"{path}.nodeSelector")
    return errs + _pod_spec_tail(spec, path)


def _pod_spec_tail(spec: Mapping[str, Any], path: str) -> Errs:
    errs: Errs = []
    for field in ("serviceAccountName", "nodeName"):
        if spec.get(field):
            errs += _each(f"{path}.{field}", spec[field], N.is_dns1123_subdomain(spec[field]))
    ads = spec.get("activeDeadlineSeconds")
    if isinstance(ads, int) and not 1 <= ads <= 2**31 - 1:
        errs.append(
            invalid(
                f"{path}.activeDeadlineSeconds", ads, "must be between 1 and 2147483647, inclusive"
            )
        )
    for field in ("hostname", "subdomain"):
        if spec.get(field):
            errs += _each(f"{path}.{field}", spec[field], N.is_dns1123_label(spec[field]))
    if spec.get("priorityClassName"):
        errs += _each(
            f"{path}.priorityClassName",
            spec["priorityClassName"],
            N.is_dns1123_subdomain(spec["priorityClassName"]),
        )
    pp = spec.get("preemptionPolicy")
    if pp is not None and pp not in ("PreemptLowerPriority", "Never"):
        errs.append(
            not_supported(f"{path}.preemptionPolicy", pp, ["PreemptLowerPriority", "Never"])
        )
    return errs


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
            hp = _int(port.get("hostPort"))
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
        else _each(f"{path}.name", name, N.is_dns1123_label(name))
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
                errs += _each(f"{p}.name", pname, msgs)
            elif pname in names:
                errs.append(duplicate(f"{p}.name", pname))
            names.add(pname)
        cp = _int(port.get("containerPort"))
        if cp == 0:
            errs.append(required(f"{p}.containerPort"))
        elif not 1 <= cp <= 65535:
            errs.append(invalid(f"{p}.containerPort", cp, PORT_RANGE))
        hp = _int(port.get("hostPort"))
        if hp and not 1 <= hp <= 65535:
            errs.append(invalid(f"{p}.hostPort", hp, PORT_RANGE))
        errs += _protocol(port.get("protocol") or "", f"{p}.protocol")
    return errs


def _protocol(proto: str, path: str) -> Errs:
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
        errs += _each(f"{p}.name", name, N.is_relaxed_env_var_name(name))
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
            errs += _each(f"{path}.{src}.name", name, N.is_dns1123_subdomain(name))
            errs += (
                [required(f"{path}.{src}.key")]
                if not key
                else _each(f"{path}.{src}.key", key, N.is_config_map_key(key))
            )
    if vf.get("fieldRef") is not None and not vf["fieldRef"].get("fieldPath"):
        errs.append(required(f"{path}.fieldRef.fieldPath"))
    if not sources:
        errs.append(
            invalid(
                path,
                "",
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
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
            errs += _each(f"{p}.prefix", ef["prefix"], N.is_relaxed_env_var_name(ef["prefix"]))
        sources = [s for s in ("configMapRef", "secretRef") if ef.get(s) is not None]
        for src in sources:
            name = ef[src].get("name") or ""
            mask = _mask_trailing_dash(name)
            errs += (
                [required(f"{p}.{src}.name")]
                if not name
                else _each(f"{p}.{src}.name", name, N.is_dns1123_subdomain(mask))
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


# probes and lifecycle handlers


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
        if probe != "readinessProbe" and _int(pr.get("successThreshold")) != 1:
            errs.append(
                invalid(
                    f"{path}.{probe}.successThreshold",
                    _int(pr.get("successThreshold")),
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
        errs += nonneg(_int(pr.get(f)), f"{path}.{f}")
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
    return nonneg(_int(body.get("seconds")), f"{path}.seconds")


def port_num_or_name(port: Any, path: str) -> Errs:
    """ValidatePortNumOrName."""
    if isinstance(port, str):
        return _each(path, port, N.is_valid_port_name(port))
    value = _int(port)
    return [] if 1 <= value <= 65535 else [invalid(path, value, PORT_RANGE)]


# resources

_STANDARD_CONTAINER = frozenset({"cpu", "memory", "ephemeral-storage"})
_STANDARD = _STANDARD_CONTAINER | frozenset(
    {
        "requests.cpu",
        "requests.memory",
        "requests.ephemeral-storage",
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "persistentvolumeclaims",
        "storage",
        "requests.storage",
        "services.nodeports",
        "services.loadbalancers",
        "configmaps",
    }
)
_INTEGER = frozenset(
    {
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "services.nodeports",
        "services.loadbalancers",
    }
)


def _is_hugepages(name: str) -> bool:
    return name.startswith("hugepages-") or name.startswith("requests.hugepages-")


def _is_native(name: str) -> bool:
    return "/" not in name or "kubernetes.io/" in name


def is_extended_resource(name: str) -> bool:
    """helper.IsExtendedResourceName."""
    if _is_native(name) or name.startswith("requests."):
        return False
    return not N.is_qualified_name("requests." + name)


def _resource_name(name: str, path: str) -> Errs:
    """validateResourceName (quota/limit keys)."""
    errs = _each(path, name, N.is_qualified_name(name))
    if not errs and "/" not in name and name not in _STANDARD and not _is_hugepages(name):
        errs.append(invalid(path, name, "must be a standard resource type or fully qualified"))
    return errs


def _container_resource_name(name: str, path: str) -> Errs:
    """validateContainerResourceName."""
    errs = _resource_name(name, path)
    if "/" not in name:
        if name not in _STANDARD_CONTAINER and not name.startswith("hugepages-"):
            errs.append(invalid(path, name, "must be a standard resource for containers"))
    elif not _is_native(name) and not is_extended_resource(name):
        errs.append(invalid(path, name, "doesn't follow extended resource name standard"))
    return errs


def resource_quantity_value(name: str, q: Quantity, path: str) -> Errs:
    """ValidateResourceQuantityValue."""
    errs = [invalid(path, str(q), NEGATIVE)] if q.sign() < 0 else []
    if (name in _INTEGER or is_extended_resource(name)) and not q.is_integer():
        errs.append(invalid(path, Raw(go_json(str(q))), "must be an integer"))
    return errs


def validate_resources(res: Mapping[str, Any], path: str) -> Errs:
    """ValidateResourceRequirements (container resources)."""
    limits = {k: quantity_or_none(v) for k, v in (res.get("limits") or {}).items()}
    requests = {k: quantity_or_none(v) for k, v in (res.get("requests") or {}).items()}
    errs: Errs = []
    for name in sorted(limits):
        errs += _container_resource_name(name, f"{path}.limits[{name}]")
        if limits[name] is not None:
            errs += resource_quantity_value(name, limits[name], f"{path}.limits[{name}]")  # type: ignore[arg-type]
    for name in sorted(requests):
        q, lim = requests[name], limits.get(name)
        errs += _container_resource_name(name, f"{path}.requests[{name}]")
        if q is None:
            continue
        errs += resource_quantity_value(name, q, f"{path}.requests[{name}]")
        overcommit = _is_native(name) and not _is_hugepages(name)
        if name in limits and lim is not None:
            if q != lim and not overcommit:
                errs.append(
                    invalid(f"{path}.requests", str(q), f"must be equal to {name} limit of {lim}")
                )
            elif q > lim:
                errs.append(
                    invalid(
                        f"{path}.requests",
                        str(q),
                        f"must be less than or equal to {name} limit of {lim}",
                    )
                )
        elif not overcommit:
            errs.append(
                required(f"{path}.limits", "Limit must be set for non overcommitable resources")
            )
    return errs


def quantity_or_none(v: Any) -> Quantity | None:
    """resource.ParseQuantity, or None when the value does not parse."""
    try:
        return parse_quantity(v)
    except (QuantityError, TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# core/v1 and rbac kinds


def _meta(obj: Obj) -> Mapping[str, Any]:
    m = obj.get("metadata")
    return m if isinstance(m, dict) else {}


def _spec(obj: Obj) -> Mapping[str, Any]:
    s = obj.get("spec")
    return s if isinstance(s, dict) else {}


def validate_pod(pod: Obj) -> Errs:
    """ValidatePodCreate / validatePodMetadataAndSpec."""
    meta, spec = _meta(pod), _spec(pod)
    errs = validate_object_meta(meta, True, N.is_dns1123_subdomain)
    errs += _pod_specific_annotations(meta.get("annotations") or {}, "metadata.annotations")
    errs += validate_pod_spec(spec, "spec")
    for i, c in enumerate(spec.get("containers") or []):
        image = c.get("image") or ""
        if image != image.strip():
            errs.append(
                invalid(
                    f"spec.containers[{i}].image",
                    image,
                    "must not have leading or trailing whitespace",
                )
            )
    if spec.get("ephemeralContainers"):
        errs.append(forbidden("spec.ephemeralContainers", "cannot be set on create"))
    return errs


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
        errs += _each(f"{path}.name", name, N.is_dns1123_label(name))
        if name in names:
            errs.append(duplicate(f"{path}.name", name))
        names.add(name)
    port = _int(sp.get("port"))
    if not 1 <= port <= 65535:
        errs.append(invalid(f"{path}.port", port, PORT_RANGE))
    errs += _protocol(sp.get("protocol") or "", f"{path}.protocol")
    return errs + port_num_or_name(sp.get("targetPort", 0), f"{path}.targetPort")


_SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]


def validate_service(svc: Obj) -> Errs:
    """ValidateService (ports, selector, type, affinity; IP allocation is not checked here)."""
    spec = _spec(svc)
    errs = validate_object_meta(_meta(svc), True, N.is_dns1035_label)
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
            _each("spec.externalName", cname, N.is_dns1123_subdomain(cname))
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
            if _int(sp.get("nodePort"))
        ]
    node_ports: set[tuple[str, int]] = set()
    for i, sp in enumerate(ports):
        key = (sp.get("protocol") or "", _int(sp.get("nodePort")))
        if key[1] and key in node_ports:
            errs.append(duplicate(f"spec.ports[{i}].nodePort", key[1]))
        node_ports.add(key)
    seen: set[tuple[str, int]] = set()
    for i, sp in enumerate(ports):
        key = (sp.get("protocol") or "", _int(sp.get("port")))
        if key in seen:
            errs.append(duplicate(f"spec.ports[{i}]", _service_port_json(*key)))
        seen.add(key)
    return errs


def _update_service(svc: Obj, old: Obj) -> Errs:
    """ValidateServiceUpdate: the primary cluster IP may not change once set."""
    errs = validate_object_meta_update(_meta(svc), _meta(old))
    new_ips, old_ips = _spec(svc).get("clusterIPs"), _spec(old).get("clusterIPs")
    external = "ExternalName" in (_spec(svc).get("type"), _spec(old).get("type"))
    if new_ips and old_ips and not external and new_ips[0] != old_ips[0]:
        errs.append(invalid("spec.clusterIPs[0]", new_ips, "may not change once set"))
    return errs + validate_service(svc)


_STANDARD_FINALIZERS = ("kubernetes", "orphan", "foregroundDeletion")


def validate_namespace(ns: Obj) -> Errs:
    """ValidateNamespace."""
    errs = validate_object_meta(_meta(ns), False, N.is_dns1123_label)
    for f in _spec(ns).get("finalizers") or []:
        errs += _each("spec.finalizers", f, N.is_qualified_name(f))
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
    errs = validate_object_meta(_meta(cm), True, N.is_dns1123_subdomain)
    data, binary = cm.get("data") or {}, cm.get("binaryData") or {}
    for key in sorted(data):
        errs += _each(f"data[{key}]", key, N.is_config_map_key(key))
        if key in binary:
            errs.append(invalid(f"data[{key}]", key, "duplicate of key present in binaryData"))
    for key in sorted(binary):
        errs += _each(f"binaryData[{key}]", key, N.is_config_map_key(key))
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
    errs = validate_object_meta(_meta(secret), True, N.is_dns1123_subdomain)
    data = secret.get("data") or {}
    for key in sorted(data):
        errs += _each(f"data[{key}]", key, N.is_config_map_key(key))
    if sum(map(_b64_len, data.values())) > MAX_SECRET_SIZE:
        errs.append(too_long("data", MAX_SECRET_SIZE))
    stype = secret.get("type") or ""
    if stype == "kubernetes.io/basic-auth" and "username" not in data and "password" not in data:
        errs += [required("data[username]"), required("data[password]")]
    errs += [required(f"data[{k}]") for k in _SECRET_KEYS.get(stype, ()) if k not in data]
    if stype == "kubernetes.io/service-account-token" and not (
        _meta(secret).get("annotations") or {}
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


def _update_config_map(obj: Obj, old: Obj) -> Errs:
    errs = validate_object_meta_update(_meta(obj), _meta(old))
    return errs + _immutable_data(obj, old, ("data", "binaryData")) + validate_config_map(obj)


def _update_secret(obj: Obj, old: Obj) -> Errs:
    errs = validate_object_meta_update(_meta(obj), _meta(old))
    if (obj.get("type") or "") != (old.get("type") or ""):
        errs.append(invalid("type", obj.get("type") or "", IMMUTABLE))
    return errs + _immutable_data(obj, old, ("data",)) + validate_secret(obj)


_QUOTA_STANDARD = _STANDARD - {"storage"}


def validate_resource_quota(rq: Obj) -> Errs:
    """ValidateResourceQuota (hard resource names and values)."""
    errs = validate_object_meta(_meta(rq), True, N.is_dns1123_subdomain)
    for name, value in sorted((_spec(rq).get("hard") or {}).items()):
        p = f"spec.hard[{name}]"
        errs += _resource_name(name, p)
        if "/" not in name and name not in _QUOTA_STANDARD and not _is_hugepages(name):
            errs.append(invalid(p, name, "must be a standard resource for quota"))
        q = quantity_or_none(value)
        errs += resource_quantity_value(name, q, p) if q is not None else []
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
    errs = validate_object_meta(_meta(lr), True, N.is_dns1123_subdomain)
    seen: set[str] = set()
    for i, item in enumerate(_spec(lr).get("limits") or []):
        p = f"spec.limits[{i}]"
        ltype = item.get("type") or ""
        type_errs = _each(f"{p}.type", ltype, N.is_qualified_name(ltype))
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


def validate_rbac_rules(rules: list[Mapping[str, Any]], namespaced: bool) -> Errs:
    """rbac ValidatePolicyRule for every rule."""
    errs: Errs = []
    for i, rule in enumerate(rules):
        p = f"rules[{i}]"
        if not rule.get("verbs"):
            errs.append(required(f"{p}.verbs", "verbs must contain at least one value"))
        urls = rule.get("nonResourceURLs") or []
        if urls:
            if namespaced:
                errs.append(
                    invalid(
                        f"{p}.nonResourceURLs",
                        urls,
                        "namespaced rules cannot apply to non-resource URLs",
                    )
                )
            if rule.get("apiGroups") or rule.get("resources") or rule.get("resourceNames"):
                errs.append(
                    invalid(
                        f"{p}.nonResourceURLs",
                        urls,
                        "rules cannot apply to both regular resources and non-resource URLs",
                    )
                )
            continue
        if not rule.get("apiGroups"):
            errs.append(
                required(f"{p}.apiGroups", "resource rules must supply at least one api group")
            )
        if not rule.get("resources"):
            errs.append(
                required(f"{p}.resources", "resource rules must supply at least one resource")
            )
    return errs


RBAC_GROUP = "rbac.authorization.k8s.io"


def _subject(sub: Mapping[str, Any], namespaced: bool, path: str) -> Errs:
    """rbac ValidateRoleBindingSubject."""
    name, kind, group = sub.get("name") or "", sub.get("kind") or "", sub.get("apiGroup") or ""
    errs = [] if name else [required(f"{path}.name")]
    if kind == "ServiceAccount":
        errs += _each(f"{path}.name", name, N.is_dns1123_subdomain(name)) if name else []
        if group:
            errs.append(not_supported(f"{path}.apiGroup", group, [""]))
        if not namespaced and not sub.get("namespace"):
            errs.append(required(f"{path}.namespace"))
    elif kind in ("User", "Group"):
        if group != RBAC_GROUP:
            errs.append(not_supported(f"{path}.apiGroup", group, [RBAC_GROUP]))
    else:
        errs.append(not_supported(f"{path}.kind", kind, ["ServiceAccount", "User", "Group"]))
    return errs


def validate_binding(obj: Obj) -> Errs:
    """rbac ValidateRoleBinding / ValidateClusterRoleBinding."""
    namespaced = obj.get("kind") == "RoleBinding"
    errs = validate_object_meta(_meta(obj), namespaced, N.is_valid_path_segment_name)
    ref = obj.get("roleRef") or {}
    if (ref.get("apiGroup") or "") != RBAC_GROUP:
        errs.append(not_supported("roleRef.apiGroup", ref.get("apiGroup") or "", [RBAC_GROUP]))
    kinds = ["Role", "ClusterRole"] if namespaced else ["ClusterRole"]
    if (ref.get("kind") or "") not in kinds:
        errs.append(not_supported("roleRef.kind", ref.get("kind") or "", kinds))
    rname = ref.get("name") or ""
    errs += (
        _each("roleRef.name", rname, N.is_valid_path_segment_name(rname))
        if rname
        else [required("roleRef.name")]
    )
    for i, sub in enumerate(obj.get("subjects") or []):
        errs += _subject(sub, namespaced, f"subjects[{i}]")
    return errs


def _update_binding(obj: Obj, old: Obj) -> Errs:
    errs = validate_object_meta_update(_meta(obj), _meta(old)) + validate_binding(obj)
    ref, old_ref = obj.get("roleRef") or {}, old.get("roleRef") or {}
    if any((ref.get(k) or "") != (old_ref.get(k) or "") for k in ("apiGroup", "kind", "name")):
        shown = Raw(
            '{"APIGroup":'
            + go_json(ref.get("apiGroup") or "")
            + ',"Kind":'
            + go_json(ref.get("kind") or "")
            + ',"Name":'
            + go_json(ref.get("name") or "")
            + "}"
        )
        errs.append(invalid("roleRef", shown, "cannot change roleRef"))
    return errs


def validate_role(obj: Obj) -> Errs:
    """rbac ValidateRole / ValidateClusterRole."""
    namespaced = obj.get("kind") == "Role"
    errs = validate_object_meta(_meta(obj), namespaced, N.is_valid_path_segment_name)
    return errs + validate_rbac_rules(obj.get("rules") or [], namespaced)


# --------------------------------------------------------------------------------------------
# entry points


def _create_deployment(obj: Obj) -> Errs:
    return validate_object_meta(
        _meta(obj), True, N.is_dns1123_subdomain
    ) + validate_deployment_spec(_spec(obj))


def _update_deployment(obj: Obj, old: Obj) -> Errs:
    errs = validate_object_meta_update(_meta(obj), _meta(old)) + validate_deployment_spec(
        _spec(obj)
    )
    return errs + _selector_immutable(obj, old)


def _create_replicaset(obj: Obj) -> Errs:
    return validate_object_meta(
        _meta(obj), True, N.is_dns1123_subdomain
    ) + validate_replicaset_spec(_spec(obj))


def _update_replicaset(obj: Obj, old: Obj) -> Errs:
    errs = _create_replicaset(obj) + validate_object_meta_update(_meta(obj), _meta(old))
    return errs + validate_replicaset_spec(_spec(obj)) + _selector_immutable(obj, old)


def _meta_only(namespaced: bool) -> Callable[[Obj], Errs]:
    return lambda obj: validate_object_meta(_meta(obj), namespaced, N.is_dns1123_subdomain)


_CREATE: dict[str, Callable[[Obj], Errs]] = {
    "Deployment": _create_deployment,
    "ReplicaSet": _create_replicaset,
    "Pod": validate_pod,
    "Service": validate_service,
    "Namespace": validate_namespace,
    "ConfigMap": validate_config_map,
    "Secret": validate_secret,
    "ResourceQuota": validate_resource_quota,
    "LimitRange": validate_limit_range,
    "Role": validate_role,
    "ClusterRole": validate_role,
    "RoleBinding": validate_binding,
    "ClusterRoleBinding": validate_binding,
    "Node": _meta_only(False),
}
_UPDATE: dict[str, Callable[[Obj, Obj], Errs]] = {
    "Deployment": _update_deployment,
    "ReplicaSet": _update_replicaset,
    "Service": _update_service,
    "ConfigMap": _update_config_map,
    "Secret": _update_secret,
    "RoleBinding": _update_binding,
    "ClusterRoleBinding": _update_binding,
}


def validate(obj: Obj, old: Obj | None = None) -> Errs:
    """The registry strategy's Validate (create) or ValidateUpdate (``old`` given), de-duplicated."""
    kind = str(obj.get("kind") or "")
    create = _CREATE.get(kind, _meta_only(True))
    if old is None:
        errs = create(obj)
    elif kind in _UPDATE:
        errs = _UPDATE[kind](obj, old)
    elif kind == "Pod":
        errs = validate_object_meta_update(_meta(obj), _meta(old))
    else:
        errs = validate_object_meta_update(_meta(obj), _meta(old)) + create(obj)
    return list(dict.fromkeys(errs))


def check(obj: Obj, old: Obj | None = None) -> None:
    """Raise InvalidError (HTTP 422, ``The <Kind> "<name>" is invalid: ...``) on any error."""
    errs = validate(obj, old)
    if errs:
        raise InvalidError(str(obj.get("kind") or ""), str(_meta(obj).get("name") or ""), errs)
