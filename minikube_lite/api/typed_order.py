"""The field order of the Go structs kubectl prints a typed object with.

``-o json`` of an object kubectl decoded into its Go type (``set image --local``, the
generators) lists the fields in struct order, not sorted; maps (labels, resources) are sorted.
``order(obj)`` rebuilds a Deployment, ReplicaSet, StatefulSet or Pod that way.  Fields a struct
here does not list follow the known ones, sorted, and so do the keys of structs it does not list.

Each struct is ``{field: type}``: a type is another struct's name, ``"map"``, ``"[T]"`` for a
list of T, or ``""`` for a scalar (or a value printed as it is).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


_META = {
    "name": "",
    "generateName": "",
    "namespace": "",
    "selfLink": "",
    "uid": "",
    "resourceVersion": "",
    "generation": "",
    "creationTimestamp": "",
    "deletionTimestamp": "",
    "deletionGracePeriodSeconds": "",
    "labels": "map",
    "annotations": "map",
    "ownerReferences": "[OwnerReference]",
    "finalizers": "",
    "managedFields": "",
}

STRUCTS: dict[str, dict[str, str]] = {
    "ObjectMeta": _META,
    "OwnerReference": dict.fromkeys(
        ("apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"), ""
    ),
    "Deployment": {
        "kind": "",
        "apiVersion": "",
        "metadata": "ObjectMeta",
        "spec": "DeploymentSpec",
        "status": "DeploymentStatus",
    },
    "DeploymentSpec": {
        "replicas": "",
        "selector": "LabelSelector",
        "template": "PodTemplateSpec",
        "strategy": "DeploymentStrategy",
        "minReadySeconds": "",
        "revisionHistoryLimit": "",
        "paused": "",
        "progressDeadlineSeconds": "",
    },
    "DeploymentStrategy": {"type": "", "rollingUpdate": "RollingUpdateDeployment"},
    "StatefulSet": {
        "kind": "",
        "apiVersion": "",
        "metadata": "ObjectMeta",
        "spec": "StatefulSetSpec",
        "status": "StatefulSetStatus",
    },
    "StatefulSetSpec": {
        "replicas": "",
        "selector": "LabelSelector",
        "template": "PodTemplateSpec",
        "volumeClaimTemplates": "",
        "serviceName": "",
        "podManagementPolicy": "",
        "updateStrategy": "StatefulSetUpdateStrategy",
        "revisionHistoryLimit": "",
        "minReadySeconds": "",
        "persistentVolumeClaimRetentionPolicy": "",
        "ordinals": "",
    },
    "StatefulSetUpdateStrategy": {"type": "", "rollingUpdate": ""},
    "StatefulSetStatus": dict.fromkeys(
        (
            "observedGeneration",
            "replicas",
            "readyReplicas",
            "currentReplicas",
            "updatedReplicas",
            "currentRevision",
            "updateRevision",
            "collisionCount",
            "conditions",
            "availableReplicas",
        ),
        "",
    ),
    "RollingUpdateDeployment": {"maxUnavailable": "", "maxSurge": ""},
    "DeploymentStatus": {
        "observedGeneration": "",
        "replicas": "",
        "updatedReplicas": "",
        "readyReplicas": "",
        "availableReplicas": "",
        "unavailableReplicas": "",
        "terminatingReplicas": "",
        "conditions": "[Condition]",
        "collisionCount": "",
    },
    "Condition": dict.fromkeys(
        ("type", "status", "lastUpdateTime", "lastTransitionTime", "reason", "message"), ""
    ),
    "ReplicaSet": {
        "kind": "",
        "apiVersion": "",
        "metadata": "ObjectMeta",
        "spec": "ReplicaSetSpec",
        "status": "ReplicaSetStatus",
    },
    "ReplicaSetSpec": {
        "replicas": "",
        "minReadySeconds": "",
        "selector": "LabelSelector",
        "template": "PodTemplateSpec",
    },
    "ReplicaSetStatus": dict.fromkeys(
        (
            "replicas",
            "fullyLabeledReplicas",
            "readyReplicas",
            "availableReplicas",
            "terminatingReplicas",
            "observedGeneration",
        ),
        "",
    )
    | {"conditions": "[Condition]"},
    "LabelSelector": {"matchLabels": "map", "matchExpressions": "[Requirement]"},
    "Requirement": {"key": "", "operator": "", "values": ""},
    "Pod": {
        "kind": "",
        "apiVersion": "",
        "metadata": "ObjectMeta",
        "spec": "PodSpec",
        "status": "",
    },
    "PodTemplateSpec": {"metadata": "ObjectMeta", "spec": "PodSpec"},
    "PodSpec": dict.fromkeys(
        (
            "volumes",
            "initContainers",
            "containers",
            "ephemeralContainers",
            "restartPolicy",
            "terminationGracePeriodSeconds",
            "activeDeadlineSeconds",
            "dnsPolicy",
            "nodeSelector",
            "serviceAccountName",
            "serviceAccount",
            "automountServiceAccountToken",
            "nodeName",
            "hostNetwork",
            "hostPID",
            "hostIPC",
            "shareProcessNamespace",
            "securityContext",
            "imagePullSecrets",
            "hostname",
            "subdomain",
            "affinity",
            "schedulerName",
            "tolerations",
            "hostAliases",
            "priorityClassName",
            "priority",
            "dnsConfig",
            "readinessGates",
            "runtimeClassName",
            "enableServiceLinks",
            "preemptionPolicy",
            "overhead",
            "topologySpreadConstraints",
            "setHostnameAsFQDN",
            "os",
            "hostUsers",
            "schedulingGates",
            "resourceClaims",
            "resources",
        ),
        "",
    )
    | {
        "volumes": "[Volume]",
        "initContainers": "[Container]",
        "containers": "[Container]",
        "nodeSelector": "map",
    },
    "Container": dict.fromkeys(
        (
            "name",
            "image",
            "command",
            "args",
            "workingDir",
            "ports",
            "envFrom",
            "env",
            "resources",
            "resizePolicy",
            "restartPolicy",
            "restartPolicyRules",
            "volumeMounts",
            "volumeDevices",
            "livenessProbe",
            "readinessProbe",
            "startupProbe",
            "lifecycle",
            "terminationMessagePath",
            "terminationMessagePolicy",
            "imagePullPolicy",
            "securityContext",
            "stdin",
            "stdinOnce",
            "tty",
        ),
        "",
    )
    | {
        "ports": "[ContainerPort]",
        "envFrom": "[EnvFromSource]",
        "env": "[EnvVar]",
        "volumeMounts": "[VolumeMount]",
        "resources": "ResourceRequirements",
        "livenessProbe": "Probe",
        "readinessProbe": "Probe",
        "startupProbe": "Probe",
    },
    "ContainerPort": dict.fromkeys(("name", "hostPort", "containerPort", "protocol", "hostIP"), ""),
    "EnvVar": {"name": "", "value": "", "valueFrom": "EnvVarSource"},
    "EnvVarSource": {
        "fieldRef": "FieldSelector",
        "resourceFieldRef": "ResourceFieldSelector",
        "configMapKeyRef": "KeySelector",
        "secretKeyRef": "KeySelector",
    },
    "FieldSelector": {"apiVersion": "", "fieldPath": ""},
    "ResourceFieldSelector": {"containerName": "", "resource": "", "divisor": ""},
    "KeySelector": {"name": "", "key": "", "optional": ""},
    "EnvFromSource": {"prefix": "", "configMapRef": "RefOptional", "secretRef": "RefOptional"},
    "RefOptional": {"name": "", "optional": ""},
    "VolumeMount": dict.fromkeys(
        (
            "name",
            "readOnly",
            "recursiveReadOnly",
            "mountPath",
            "subPath",
            "mountPropagation",
            "subPathExpr",
        ),
        "",
    ),
    "Volume": {
        "name": "",
        "hostPath": "",
        "emptyDir": "EmptyDir",
        "secret": "SecretVolume",
        "persistentVolumeClaim": "",
        "configMap": "ConfigMapVolume",
    },
    "EmptyDir": {"medium": "", "sizeLimit": ""},
    "SecretVolume": {"secretName": "", "items": "[KeyToPath]", "defaultMode": "", "optional": ""},
    "ConfigMapVolume": {"name": "", "items": "[KeyToPath]", "defaultMode": "", "optional": ""},
    "KeyToPath": {"key": "", "path": "", "mode": ""},
    "ResourceRequirements": {"limits": "map", "requests": "map", "claims": ""},
    "Probe": dict.fromkeys(
        (
            "exec",
            "httpGet",
            "tcpSocket",
            "grpc",
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold",
            "terminationGracePeriodSeconds",
        ),
        "",
    )
    | {"httpGet": "HTTPGetAction"},
    "HTTPGetAction": {"path": "", "port": "", "host": "", "scheme": "", "httpHeaders": ""},
    "Event": {
        "kind": "",
        "apiVersion": "",
        "metadata": "ObjectMeta",
        "involvedObject": "ObjectReference",
        "reason": "",
        "message": "",
        "source": "EventSource",
        "firstTimestamp": "",
        "lastTimestamp": "",
        "count": "",
        "type": "",
        "eventTime": "",
        "series": "EventSeries",
        "action": "",
        "related": "ObjectReference",
        "reportingComponent": "",
        "reportingInstance": "",
    },
    "EventList": {"kind": "", "apiVersion": "", "metadata": "", "items": "[Event]"},
    "ObjectReference": dict.fromkeys(
        ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"), ""
    ),
    "EventSource": {"component": "", "host": ""},
    "EventSeries": {"count": "", "lastObservedTime": ""},
}


def _value(v: Any, typ: str) -> Any:
    if typ == "map" and isinstance(v, dict):
        return dict(sorted(v.items()))
    if typ.startswith("[") and isinstance(v, list):
        return [_value(x, typ[1:-1]) for x in v]
    if typ in STRUCTS and isinstance(v, dict):
        return _struct(v, STRUCTS[typ])
    return _sorted(v)


def _sorted(v: Any) -> Any:
    """A struct not listed here: keys sorted all the way down (right for maps, and the best
    guess without the Go type)."""
    if isinstance(v, dict):
        return {k: _sorted(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [_sorted(x) for x in v]
    return v


def _struct(v: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    out = {k: _value(v[k], t) for k, t in fields.items() if k in v}
    out.update((k, _sorted(v[k])) for k in sorted(v) if k not in fields)
    return out


def order(obj: dict[str, Any]) -> dict[str, Any]:
    """The object with its fields in Go struct order (kinds not in _ORDERED unchanged)."""
    kind = obj.get("kind")
    return _value(obj, kind) if kind in _ORDERED else obj


_ORDERED = frozenset({"Deployment", "ReplicaSet", "StatefulSet", "Pod", "Event", "EventList"})
