"""Pods, pod templates, pod specs and volumes.

Port of pkg/apis/core/validation/validation.go (ValidatePodCreate, validatePodMetadataAndSpec,
ValidatePodSpec, ValidatePodTemplateSpec, ValidatePodSpecificAnnotations, ValidateVolumes,
validateVolumeSource): the rules a learner can trip over, with 1.34's messages.  Containers
are ``containers.py``, resources ``resources.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.containers import validate_containers, validate_init_containers
from minikube_lite.api.validation.field import (
    Errs,
    duplicate,
    forbidden,
    invalid,
    invalid_each,
    not_supported,
    required,
)
from minikube_lite.api.validation.meta import (
    meta_of,
    spec_of,
    validate_annotations,
    validate_labels,
    validate_object_meta,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def validate_pod_template(tpl: Mapping[str, Any], path: str) -> Errs:
    """core ValidatePodTemplateSpec (note: labels are reported at ``<path>.labels``)."""
    meta = tpl.get("metadata") or {}
    errs = validate_labels(meta.get("labels"), f"{path}.labels")
    errs += validate_annotations(meta.get("annotations"), f"{path}.annotations")
    errs += validate_pod_specific_annotations(meta.get("annotations") or {}, f"{path}.annotations")
    errs += validate_pod_spec(tpl.get("spec") or {}, f"{path}.spec")
    if (tpl.get("spec") or {}).get("ephemeralContainers"):
        errs.append(
            forbidden(
                f"{path}.spec.ephemeralContainers",
                "ephemeral containers not allowed in pod template",
            )
        )
    return errs


def validate_pod_specific_annotations(ann: Mapping[str, Any], path: str) -> Errs:
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
            else invalid_each(f"{p}.name", name, N.is_dns1123_label(name))
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
            errs += invalid_each(
                f"{path}.{field}", spec[field], N.is_dns1123_subdomain(spec[field])
            )
    ads = spec.get("activeDeadlineSeconds")
    if isinstance(ads, int) and not 1 <= ads <= 2**31 - 1:
        errs.append(
            invalid(
                f"{path}.activeDeadlineSeconds", ads, "must be between 1 and 2147483647, inclusive"
            )
        )
    for field in ("hostname", "subdomain"):
        if spec.get(field):
            errs += invalid_each(f"{path}.{field}", spec[field], N.is_dns1123_label(spec[field]))
    if spec.get("priorityClassName"):
        errs += invalid_each(
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


def validate_pod(pod: Obj) -> Errs:
    """ValidatePodCreate / validatePodMetadataAndSpec."""
    meta, spec = meta_of(pod), spec_of(pod)
    errs = validate_object_meta(meta, True, N.is_dns1123_subdomain)
    errs += validate_pod_specific_annotations(meta.get("annotations") or {}, "metadata.annotations")
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
