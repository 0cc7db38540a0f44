"""Strict decoding as the API server does it (``sigs.k8s.io/json`` + apimachinery's serializer).

``check_decode(obj)`` raises the BadRequest the server returns for a manifest that cannot be
decoded into the Go type: first a type error (``json: cannot unmarshal string into Go struct
field DeploymentSpec.spec.replicas of type int32``, a bad quantity, bad base64), otherwise the
unknown fields (``strict decoding error: unknown field "spec.foo"``).  The known-field table
below covers every kind in ``api/kinds.py``; free-form maps (labels, data, limits) are open.
Traversal follows sorted keys, the order of the JSON kubectl sends.
"""

from __future__ import annotations

import re

from minikube_lite.api.quantity import QuantityError, number_text, parse_quantity
from minikube_lite.errors import BadRequestError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Field specs: ``name`` (string), ``name:type``.  Types: i32 i64 b (bool) io (IntOrString)
# q (Quantity) t (metav1.Time) by ([]byte) any; map (map[string]string) qmap (ResourceList)
# bymap (map[string][]byte); @Name (named string type v1.Name); []T (list); Struct.
_CONTAINER = (
    "name image command:[]s args:[]s workingDir ports:[]ContainerPort envFrom:[]EnvFromSource "
    "env:[]EnvVar resources:ResourceRequirements resizePolicy:[]ContainerResizePolicy "
    "restartPolicy:@ContainerRestartPolicy restartPolicyRules:[]any volumeMounts:[]VolumeMount "
    "volumeDevices:[]VolumeDevice livenessProbe:Probe readinessProbe:Probe startupProbe:Probe "
    "lifecycle:Lifecycle terminationMessagePath terminationMessagePolicy:@TerminationMessagePolicy "
    "imagePullPolicy:@PullPolicy securityContext:SecurityContext stdin:b stdinOnce:b tty:b"
)
_RAW: dict[str, str] = {
    "ObjectMeta": "name generateName namespace selfLink uid:@types.UID resourceVersion "
    "generation:i64 creationTimestamp:t deletionTimestamp:t deletionGracePeriodSeconds:i64 "
    "labels:map annotations:map ownerReferences:[]OwnerReference finalizers:[]s "
    "managedFields:[]ManagedFieldsEntry",
    "OwnerReference": "apiVersion kind name uid:@types.UID controller:b blockOwnerDeletion:b",
    "ManagedFieldsEntry": "manager operation:@ManagedFieldsOperationType apiVersion time:t "
    "fieldsType fieldsV1:any subresource",
    "LabelSelector": "matchLabels:map matchExpressions:[]LabelSelectorRequirement",
    "LabelSelectorRequirement": "key operator:@LabelSelectorOperator values:[]s",
    "Deployment": "apiVersion kind metadata:ObjectMeta spec:DeploymentSpec status:DeploymentStatus",
    "DeploymentSpec": "replicas:i32 selector:LabelSelector template:PodTemplateSpec "
    "strategy:DeploymentStrategy minReadySeconds:i32 revisionHistoryLimit:i32 paused:b "
    "progressDeadlineSeconds:i32",
    "DeploymentStrategy": "type:@DeploymentStrategyType rollingUpdate:RollingUpdateDeployment",
    "RollingUpdateDeployment": "maxUnavailable:io maxSurge:io",
    "DeploymentStatus": "observedGeneration:i64 replicas:i32 updatedReplicas:i32 "
    "readyReplicas:i32 availableReplicas:i32 unavailableReplicas:i32 terminatingReplicas:i32 "
    "conditions:[]DeploymentCondition collisionCount:i32",
    "DeploymentCondition": "type:@DeploymentConditionType status:@ConditionStatus "
    "lastUpdateTime:t lastTransitionTime:t reason message",
    "ReplicaSet": "apiVersion kind metadata:ObjectMeta spec:ReplicaSetSpec status:ReplicaSetStatus",
    "ReplicaSetSpec": "replicas:i32 minReadySeconds:i32 selector:LabelSelector "
    "template:PodTemplateSpec",
    "ReplicaSetStatus": "replicas:i32 fullyLabeledReplicas:i32 readyReplicas:i32 "
    "availableReplicas:i32 terminatingReplicas:i32 observedGeneration:i64 "
    "conditions:[]ReplicaSetCondition",
    "ReplicaSetCondition": "type:@ReplicaSetConditionType status:@ConditionStatus "
    "lastTransitionTime:t reason message",
    "ReplicationController": "apiVersion kind metadata:ObjectMeta spec:ReplicationControllerSpec "
    "status:ReplicationControllerStatus",
    "ReplicationControllerSpec": "replicas:i32 minReadySeconds:i32 selector:map "
    "template:PodTemplateSpec",
    "ReplicationControllerStatus": "replicas:i32 fullyLabeledReplicas:i32 readyReplicas:i32 "
    "availableReplicas:i32 observedGeneration:i64 conditions:[]ReplicationControllerCondition",
    "ReplicationControllerCondition": "type:@ReplicationControllerConditionType "
    "status:@ConditionStatus lastTransitionTime:t reason message",
    "PodTemplateSpec": "metadata:ObjectMeta spec:PodSpec",
    "CronJob": "apiVersion kind metadata:ObjectMeta spec:CronJobSpec status:CronJobStatus",
    "CronJobSpec": "schedule timeZone startingDeadlineSeconds:i64 "
    "concurrencyPolicy:@ConcurrencyPolicy suspend:b jobTemplate:JobTemplateSpec "
    "successfulJobsHistoryLimit:i32 failedJobsHistoryLimit:i32",
    "JobTemplateSpec": "metadata:ObjectMeta spec:JobSpec",
    "CronJobStatus": "active:any lastScheduleTime:t lastSuccessfulTime:t",
    "StatefulSet": "apiVersion kind metadata:ObjectMeta spec:StatefulSetSpec "
    "status:StatefulSetStatus",
    "StatefulSetSpec": "replicas:i32 selector:LabelSelector template:PodTemplateSpec "
    "volumeClaimTemplates:[]any serviceName podManagementPolicy:@PodManagementPolicyType "
    "updateStrategy:StatefulSetUpdateStrategy revisionHistoryLimit:i32 minReadySeconds:i32 "
    "persistentVolumeClaimRetentionPolicy:StatefulSetPersistentVolumeClaimRetentionPolicy "
    "ordinals:StatefulSetOrdinals",
    "StatefulSetUpdateStrategy": "type:@StatefulSetUpdateStrategyType "
    "rollingUpdate:RollingUpdateStatefulSetStrategy",
    "RollingUpdateStatefulSetStrategy": "partition:i32 maxUnavailable:io",
    "StatefulSetPersistentVolumeClaimRetentionPolicy": "whenDeleted:"
    "@PersistentVolumeClaimRetentionPolicyType "
    "whenScaled:@PersistentVolumeClaimRetentionPolicyType",
    "StatefulSetOrdinals": "start:i32",
    "StatefulSetStatus": "observedGeneration:i64 replicas:i32 readyReplicas:i32 "
    "currentReplicas:i32 updatedReplicas:i32 currentRevision updateRevision collisionCount:i32 "
    "conditions:[]any availableReplicas:i32",
    "ControllerRevision": "apiVersion kind metadata:ObjectMeta data:any revision:i64",
    "Job": "apiVersion kind metadata:ObjectMeta spec:JobSpec status:JobStatus",
    "JobSpec": "parallelism:i32 completions:i32 activeDeadlineSeconds:i64 podFailurePolicy:any "
    "successPolicy:any backoffLimit:i32 backoffLimitPerIndex:i32 maxFailedIndexes:i32 "
    "selector:LabelSelector manualSelector:b template:PodTemplateSpec "
    "ttlSecondsAfterFinished:i32 completionMode:@CompletionMode suspend:b "
    "podReplacementPolicy:@PodReplacementPolicy managedBy",
    "JobStatus": "conditions:[]JobCondition startTime:t completionTime:t active:i32 "
    "succeeded:i32 failed:i32 terminating:i32 completedIndexes failedIndexes "
    "uncountedTerminatedPods:UncountedTerminatedPods ready:i32",
    "JobCondition": "type:@JobConditionType status:@ConditionStatus lastProbeTime:t "
    "lastTransitionTime:t reason message",
    "UncountedTerminatedPods": "succeeded:[]s failed:[]s",
    "Pod": "apiVersion kind metadata:ObjectMeta spec:PodSpec status:any",
    "PodSpec": "volumes:[]Volume initContainers:[]Container containers:[]Container "
    "ephemeralContainers:[]EphemeralContainer restartPolicy:@RestartPolicy "
    "terminationGracePeriodSeconds:i64 activeDeadlineSeconds:i64 dnsPolicy:@DNSPolicy "
    "nodeSelector:map serviceAccountName serviceAccount automountServiceAccountToken:b nodeName "
    "hostNetwork:b hostPID:b hostIPC:b shareProcessNamespace:b securityContext:PodSecurityContext "
    "imagePullSecrets:[]LocalObjectReference hostname subdomain affinity:Affinity schedulerName "
    "tolerations:[]Toleration hostAliases:[]HostAlias priorityClassName priority:i32 "
    "dnsConfig:PodDNSConfig readinessGates:[]PodReadinessGate runtimeClassName "
    "enableServiceLinks:b preemptionPolicy:@PreemptionPolicy overhead:qmap "
    "topologySpreadConstraints:[]any setHostnameAsFQDN:b os:PodOS hostUsers:b "
    "schedulingGates:[]PodSchedulingGate resourceClaims:[]any resources:ResourceRequirements "
    "hostnameOverride",
    "Container": _CONTAINER,
    "ContainerPort": "name hostPort:i32 containerPort:i32 protocol:@Protocol hostIP",
    "ContainerResizePolicy": "resourceName:@ResourceName "
    "restartPolicy:@ResourceResizeRestartPolicy",
    "EnvFromSource": "prefix configMapRef:ConfigMapEnvSource secretRef:SecretEnvSource",
    "ConfigMapEnvSource": "name optional:b",
    "SecretEnvSource": "name optional:b",
    "EnvVar": "name value valueFrom:EnvVarSource",
    "EnvVarSource": "fieldRef:ObjectFieldSelector resourceFieldRef:ResourceFieldSelector "
    "configMapKeyRef:ConfigMapKeySelector secretKeyRef:SecretKeySelector "
    "fileKeyRef:FileKeySelector",
    "ObjectFieldSelector": "apiVersion fieldPath",
    "ResourceFieldSelector": "containerName resource divisor:q",
    "ConfigMapKeySelector": "name key optional:b",
    "SecretKeySelector": "name key optional:b",
    "FileKeySelector": "volumeName path key optional:b",
    "ResourceRequirements": "limits:qmap requests:qmap claims:[]ResourceClaim",
    "ResourceClaim": "name request",
    "VolumeMount": "name readOnly:b recursiveReadOnly:@RecursiveReadOnlyMode mountPath subPath "
    "mountPropagation:@MountPropagationMode subPathExpr",
    "VolumeDevice": "name devicePath",
    "Probe": "exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction grpc:GRPCAction "
    "initialDelaySeconds:i32 timeoutSeconds:i32 periodSeconds:i32 successThreshold:i32 "
    "failureThreshold:i32 terminationGracePeriodSeconds:i64",
    "ExecAction": "command:[]s",
    "HTTPGetAction": "path port:io host scheme:@URIScheme httpHeaders:[]HTTPHeader",
    "HTTPHeader": "name value",
    "TCPSocketAction": "port:io host",
    "GRPCAction": "port:i32 service",
    "Lifecycle": "postStart:LifecycleHandler preStop:LifecycleHandler stopSignal:@Signal",
    "LifecycleHandler": "exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction "
    "sleep:SleepAction",
    "SleepAction": "seconds:i64",
    "SecurityContext": "capabilities:Capabilities privileged:b seLinuxOptions:any "
    "windowsOptions:any runAsUser:i64 runAsGroup:i64 runAsNonRoot:b readOnlyRootFilesystem:b "
    "allowPrivilegeEscalation:b procMount:@ProcMountType seccompProfile:SeccompProfile "
    "appArmorProfile:AppArmorProfile",
    "Capabilities": "add:[]s drop:[]s",
    "SeccompProfile": "type:@SeccompProfileType localhostProfile",
    "AppArmorProfile": "type:@AppArmorProfileType localhostProfile",
    "PodSecurityContext": "seLinuxOptions:any windowsOptions:any runAsUser:i64 runAsGroup:i64 "
    "runAsNonRoot:b supplementalGroups:[]i64 supplementalGroupsPolicy:@SupplementalGroupsPolicy "
    "fsGroup:i64 sysctls:[]Sysctl fsGroupChangePolicy:@PodFSGroupChangePolicy "
    "seccompProfile:SeccompProfile appArmorProfile:AppArmorProfile "
    "seLinuxChangePolicy:@PodSELinuxChangePolicy",
    "Sysctl": "name value",
    "EphemeralContainer": _CONTAINER + " targetContainerName",
    "LocalObjectReference": "name",
    "Affinity": "nodeAffinity:any podAffinity:any podAntiAffinity:any",
    "Toleration": "key operator:@TolerationOperator value effect:@TaintEffect "
    "tolerationSeconds:i64",
    "HostAlias": "ip hostnames:[]s",
    "PodDNSConfig": "nameservers:[]s searches:[]s options:[]PodDNSConfigOption",
    "PodDNSConfigOption": "name value",
    "PodReadinessGate": "conditionType:@PodConditionType",
    "PodOS": "name:@OSName",
    "PodSchedulingGate": "name",
    "Volume": "name hostPath:HostPathVolumeSource emptyDir:EmptyDirVolumeSource "
    "secret:SecretVolumeSource configMap:ConfigMapVolumeSource "
    "persistentVolumeClaim:PersistentVolumeClaimVolumeSource projected:ProjectedVolumeSource "
    "downwardAPI:DownwardAPIVolumeSource nfs:NFSVolumeSource image:ImageVolumeSource csi:any "
    "ephemeral:any gcePersistentDisk:any awsElasticBlockStore:any gitRepo:any iscsi:any "
    "glusterfs:any rbd:any flexVolume:any cinder:any cephfs:any flocker:any fc:any azureFile:any "
    "vsphereVolume:any quobyte:any azureDisk:any photonPersistentDisk:any portworxVolume:any "
    "scaleIO:any storageos:any",
    "HostPathVolumeSource": "path type:@HostPathType",
    "EmptyDirVolumeSource": "medium:@StorageMedium sizeLimit:q",
    "SecretVolumeSource": "secretName items:[]KeyToPath defaultMode:i32 optional:b",
    "ConfigMapVolumeSource": "name items:[]KeyToPath defaultMode:i32 optional:b",
    "KeyToPath": "key path mode:i32",
    "PersistentVolumeClaimVolumeSource": "claimName readOnly:b",
    "ProjectedVolumeSource": "sources:[]VolumeProjection defaultMode:i32",
    "VolumeProjection": "secret:any downwardAPI:any configMap:any serviceAccountToken:any "
    "clusterTrustBundle:any podCertificate:any",
    "DownwardAPIVolumeSource": "items:[]any defaultMode:i32",
    "NFSVolumeSource": "server path readOnly:b",
    "ImageVolumeSource": "reference pullPolicy:@PullPolicy",
    "Service": "apiVersion kind metadata:ObjectMeta spec:ServiceSpec status:any",
    "ServiceSpec": "ports:[]ServicePort selector:map clusterIP clusterIPs:[]s type:@ServiceType "
    "externalIPs:[]s sessionAffinity:@ServiceAffinity loadBalancerIP loadBalancerSourceRanges:[]s "
    "externalName externalTrafficPolicy:@ServiceExternalTrafficPolicy healthCheckNodePort:i32 "
    "publishNotReadyAddresses:b sessionAffinityConfig:SessionAffinityConfig "
    "ipFamilies:[]@IPFamily ipFamilyPolicy:@IPFamilyPolicy allocateLoadBalancerNodePorts:b "
    "loadBalancerClass internalTrafficPolicy:@ServiceInternalTrafficPolicy trafficDistribution",
    "ServicePort": "name protocol:@Protocol appProtocol port:i32 targetPort:io nodePort:i32",
    "SessionAffinityConfig": "clientIP:ClientIPConfig",
    "ClientIPConfig": "timeoutSeconds:i32",
    "Namespace": "apiVersion kind metadata:ObjectMeta spec:NamespaceSpec status:NamespaceStatus",
    "NamespaceSpec": "finalizers:[]@FinalizerName",
    "NamespaceStatus": "phase:@NamespacePhase conditions:[]any",
    "ConfigMap": "apiVersion kind metadata:ObjectMeta immutable:b data:map binaryData:bymap",
    "Secret": "apiVersion kind metadata:ObjectMeta immutable:b data:bymap stringData:map "
    "type:@SecretType",
    "ResourceQuota": "apiVersion kind metadata:ObjectMeta spec:ResourceQuotaSpec "
    "status:ResourceQuotaStatus",
    "ResourceQuotaSpec": "hard:qmap scopes:[]@ResourceQuotaScope scopeSelector:any",
    "ResourceQuotaStatus": "hard:qmap used:qmap",
    "LimitRange": "apiVersion kind metadata:ObjectMeta spec:LimitRangeSpec",
    "LimitRangeSpec": "limits:[]LimitRangeItem",
    "LimitRangeItem": "type:@LimitType max:qmap min:qmap default:qmap defaultRequest:qmap "
    "maxLimitRequestRatio:qmap",
    "ServiceAccount": "apiVersion kind metadata:ObjectMeta secrets:[]any "
    "imagePullSecrets:[]LocalObjectReference automountServiceAccountToken:b",
    "Role": "apiVersion kind metadata:ObjectMeta rules:[]PolicyRule",
    "ClusterRole": "apiVersion kind metadata:ObjectMeta rules:[]PolicyRule aggregationRule:any",
    "PolicyRule": "verbs:[]s apiGroups:[]s resources:[]s resourceNames:[]s nonResourceURLs:[]s",
    "RoleBinding": "apiVersion kind metadata:ObjectMeta subjects:[]Subject roleRef:RoleRef",
    "ClusterRoleBinding": "apiVersion kind metadata:ObjectMeta subjects:[]Subject roleRef:RoleRef",
    "Subject": "kind apiGroup name namespace",
    "RoleRef": "apiGroup kind name",
    "HorizontalPodAutoscaler": "apiVersion kind metadata:ObjectMeta "
    "spec:HorizontalPodAutoscalerSpec status:HorizontalPodAutoscalerStatus",
    "HorizontalPodAutoscalerSpec": "scaleTargetRef:CrossVersionObjectReference minReplicas:i32 "
    "maxReplicas:i32 metrics:[]MetricSpec behavior:HorizontalPodAutoscalerBehavior",
    "CrossVersionObjectReference": "kind name apiVersion",
    "MetricSpec": "type:@MetricSourceType object:any pods:any resource:ResourceMetricSource "
    "containerResource:any external:any",
    "ResourceMetricSource": "name:@ResourceName target:MetricTarget",
    "MetricTarget": "type:@MetricTargetType value:q averageValue:q averageUtilization:i32",
    "HorizontalPodAutoscalerBehavior": "scaleUp:HPAScalingRules scaleDown:HPAScalingRules",
    "HPAScalingRules": "stabilizationWindowSeconds:i32 selectPolicy:@ScalingPolicySelect "
    "policies:[]HPAScalingPolicy tolerance:q",
    "HPAScalingPolicy": "type:@HPAScalingPolicyType value:i32 periodSeconds:i32",
    "HorizontalPodAutoscalerStatus": "observedGeneration:i64 lastScaleTime:t currentReplicas:i32 "
    "desiredReplicas:i32 currentMetrics:[]any conditions:[]HorizontalPodAutoscalerCondition",
    "HorizontalPodAutoscalerCondition": "type:@HorizontalPodAutoscalerConditionType "
    "status:@ConditionStatus lastTransitionTime:t reason message",
    "PodDisruptionBudget": "apiVersion kind metadata:ObjectMeta spec:PodDisruptionBudgetSpec "
    "status:PodDisruptionBudgetStatus",
    "PodDisruptionBudgetSpec": "minAvailable:io selector:LabelSelector maxUnavailable:io "
    "unhealthyPodEvictionPolicy:@UnhealthyPodEvictionPolicyType",
    "PodDisruptionBudgetStatus": "observedGeneration:i64 disruptedPods:any disruptionsAllowed:i32 "
    "currentHealthy:i32 desiredHealthy:i32 expectedPods:i32 conditions:[]any",
    "Ingress": "apiVersion kind metadata:ObjectMeta spec:IngressSpec status:IngressStatus",
    "IngressSpec": "ingressClassName defaultBackend:IngressBackend tls:[]IngressTLS "
    "rules:[]IngressRule",
    "IngressBackend": "service:IngressServiceBackend resource:TypedLocalObjectReference",
    "IngressServiceBackend": "name port:ServiceBackendPort",
    "ServiceBackendPort": "name number:i32",
    "TypedLocalObjectReference": "apiGroup kind name",
    "IngressTLS": "hosts:[]s secretName",
    "IngressRule": "host http:HTTPIngressRuleValue",
    "HTTPIngressRuleValue": "paths:[]HTTPIngressPath",
    "HTTPIngressPath": "path pathType:@PathType backend:IngressBackend",
    "IngressStatus": "loadBalancer:IngressLoadBalancerStatus",
    "IngressLoadBalancerStatus": "ingress:[]any",
    "IngressClass": "apiVersion kind metadata:ObjectMeta spec:IngressClassSpec",
    "IngressClassSpec": "controller parameters:any",
    "PriorityClass": "apiVersion kind metadata:ObjectMeta value:i32 globalDefault:b description "
    "preemptionPolicy:@PreemptionPolicy",
    "Node": "apiVersion kind metadata:ObjectMeta spec:any status:any",
    "Endpoints": "apiVersion kind metadata:ObjectMeta subsets:[]any",
    "Event": "apiVersion kind metadata:ObjectMeta involvedObject:any reason message source:any "
    "firstTimestamp:t lastTimestamp:t count:i32 type eventTime:any series:any action related:any "
    "reportingComponent reportingInstance",
}
_SCALARS = {"s": "string", "i32": "int32", "i64": "int64", "b": "bool"}
_INT_RANGE = {"int32": 2**31, "int64": 2**63}
_parsed: dict[str, dict[str, str]] = {}


def fields_of(struct: str) -> dict[str, str]:
    """The known JSON fields of a Go struct in the table (parsed on first use)."""
    table = _parsed.get(struct)
    if table is None:
        table = {}
        for item in _RAW[struct].split():
            name, _, typ = item.partition(":")
            table[name] = typ or "s"
        _parsed[struct] = table
    return table


def go_type(typ: str) -> str:
    """The Go type name encoding/json prints for a field type of the table."""
    if typ.startswith("[]"):
        return "[]" + go_type(typ[2:])
    if typ.startswith("@"):
        return typ[1:] if "." in typ else "v1." + typ[1:]
    special = {
        "map": "map[string]string",
        "qmap": "v1.ResourceList",
        "bymap": "map[string][]uint8",
        "by": "[]uint8",
    }
    return _SCALARS.get(typ) or special.get(typ) or "v1." + typ


# --------------------------------------------------------------------------------------------
# unknown fields


def unknown_fields(obj: dict[str, Any]) -> list[str]:
    """Paths of fields the Go type does not have (``spec.template.spec.containers[0].foo``)."""
    kind = obj.get("kind")
    if not isinstance(kind, str) or kind not in _RAW:
        return []
    out: list[str] = []
    _walk_unknown(obj, kind, "", out)
    return out


def _walk_unknown(value: Any, typ: str, path: str, out: list[str]) -> None:
    if typ.startswith("[]"):
        if isinstance(value, list):
            for i, item in enumerate(value):
                _walk_unknown(item, typ[2:], f"{path}[{i}]", out)
        return
    if typ not in _RAW or not isinstance(value, dict):
        return
    known = fields_of(typ)
    for key in sorted(value):
        sub = f"{path}.{key}" if path else key
        if key not in known:
            out.append(sub)
        else:
            _walk_unknown(value[key], known[key], sub, out)


def drop_unknown_fields(obj: dict[str, Any]) -> None:
    """What decoding into the Go type does with the fields ``unknown_fields`` lists: drops them
    (the API server's ``fieldValidation=Warn|Ignore``)."""
    kind = obj.get("kind")
    if isinstance(kind, str) and kind in _RAW:
        _drop_unknown(obj, kind)


def _drop_unknown(value: Any, typ: str) -> None:
    if typ.startswith("[]"):
        if isinstance(value, list):
            for item in value:
                _drop_unknown(item, typ[2:])
        return
    if typ not in _RAW or not isinstance(value, dict):
        return
    known = fields_of(typ)
    for key in list(value):
        if key not in known:
            del value[key]
        else:
            _drop_unknown(value[key], known[key])


_ZEROS: dict[str, Any] = {"s": "", "i32": 0, "i64": 0, "b": False}


def drop_nulls(obj: dict[str, Any]) -> None:
    """What decoding does with JSON nulls: the field keeps its zero value (key removed here;
    a null element of a list of structs becomes ``{}``)."""
    kind = obj.get("kind")
    if isinstance(kind, str) and kind in _RAW:
        _drop_nulls(obj, kind)


def _drop_nulls(value: Any, typ: str) -> None:
    if typ.startswith("[]") and isinstance(value, list):
        elem = typ[2:]
        zero = _ZEROS.get(elem, "" if elem.startswith("@") else None)
        for i, item in enumerate(value):
            if item is None:
                value[i] = {} if elem in _RAW else zero
            elif isinstance(item, (dict, list)):  # a scalar holds no null
                _drop_nulls(item, elem)
    elif typ in _RAW and isinstance(value, dict):
        known = fields_of(typ)
        for key in [k for k in value if k in known]:
            v = value[key]
            if v is None:
                del value[key]
            elif isinstance(v, (dict, list)):
                _drop_nulls(v, known[key])


# --------------------------------------------------------------------------------------------
# type errors


class _Found(Exception):
    """Stops the walk at an error that aborts Go's decoder (from an UnmarshalJSON method)."""


def _json_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    return "array" if isinstance(v, list) else "object"


class _Decoder:
    """Replays encoding/json's decode of ``obj`` into its Go type, collecting the first error."""

    def __init__(self) -> None:
        self.saved: str | None = None
        self.aborted: str | None = None

    def save(self, struct: str, field: str, value: str, typ: str) -> None:
        """decodeState.saveError: keep the first UnmarshalTypeError."""
        if self.saved is None:
            self.saved = (
                f"json: cannot unmarshal {value} into Go struct field {struct}.{field} of "
                f"type {typ}"
            )

    def abort(self, message: str) -> None:
        """An UnmarshalJSON error: decoding stops here."""
        self.aborted = message
        raise _Found

    def value(self, v: Any, typ: str, struct: str, field: str) -> None:
        """decodeState.value for one JSON value and its Go type."""
        if v is None or typ == "any":
            return
        if typ in _RAW:
            return self.struct(v, typ, struct, field)
        if typ.startswith("[]"):
            if not isinstance(v, list):
                return self.save(struct, field, _json_kind(v), go_type(typ))
            for item in v:
                self.value(item, typ[2:], struct, field)
            return None
        if typ in ("map", "qmap", "bymap"):
            if not isinstance(v, dict):
                return self.save(struct, field, _json_kind(v), go_type(typ))
            elem = {"map": "s", "qmap": "q", "bymap": "by"}[typ]
            for key in sorted(v):
                self.value(v[key], elem, struct, field)
            return None
        return self.scalar(v, typ, struct, field)

    def struct(self, v: Any, typ: str, struct: str, field: str) -> None:
        """decodeState.object into a struct (unknown keys are skipped here)."""
        if not isinstance(v, dict):
            return self.save(struct, field, _json_kind(v), go_type(typ))
        known = fields_of(typ)
        for key in sorted(v):
            if key in known:
                self.value(v[key], known[key], typ, f"{field}.{key}" if field else key)
        return None

    def scalar(self, v: Any, typ: str, struct: str, field: str) -> None:
        """decodeState.literalStore (and the custom unmarshalers)."""
        if typ == "q":
            return self._quantity(v)
        if typ == "io":
            return self._int_or_string(v)
        if typ == "t":
            if not isinstance(v, str):
                self.abort(f"json: cannot unmarshal {_json_kind(v)} into Go value of type string")
            return None
        if typ == "by":
            return self._bytes(v, struct, field)
        gt = go_type(typ)
        if gt in _INT_RANGE:
            return self._int(v, gt, struct, field)
        want = "bool" if gt == "bool" else "string"
        if _json_kind(v) != want:
            self.save(struct, field, _json_kind(v), gt)
        return None

    def _int(self, v: Any, gt: str, struct: str, field: str) -> None:
        if _json_kind(v) != "number":
            return self.save(struct, field, _json_kind(v), gt)
        text = number_text(v)
        if not re.fullmatch(r"-?[0-9]+", text) or not -_INT_RANGE[gt] <= int(text) < _INT_RANGE[gt]:
            self.save(struct, field, f"number {text}", gt)
        return None

    def _quantity(self, v: Any) -> None:
        text = v if isinstance(v, str) else number_text(v) if isinstance(v, (int, float)) else "x"
        try:
            parse_quantity(text.strip())
        except QuantityError as e:
            self.abort(str(e))

    def _int_or_string(self, v: Any) -> None:
        if isinstance(v, str):
            return
        kind = _json_kind(v)
        if kind == "number":
            text = number_text(v)
            if re.fullmatch(r"-?[0-9]+", text) and -(2**31) <= int(text) < 2**31:
                return
            kind = f"number {text}"
        self.abort(f"json: cannot unmarshal {kind} into Go value of type int32")

    def _bytes(self, v: Any, struct: str, field: str) -> None:
        if isinstance(v, list):
            return
        if not isinstance(v, str):
            return self.save(struct, field, _json_kind(v), "[]uint8")
        bad = base64_error_offset(v)
        if bad is not None and self.saved is None:
            self.saved = f"illegal base64 data at input byte {bad}"
        return None


def type_error(obj: dict[str, Any]) -> str | None:
    """The error encoding/json returns decoding ``obj`` into its Go type, or None."""
    kind = obj.get("kind")
    if not isinstance(kind, str) or kind not in _RAW:
        return None
    dec = _Decoder()
    try:
        dec.struct(obj, kind, kind, "")
    except _Found:
        return dec.aborted
    return dec.saved


_B64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def base64_error_offset(s: str) -> int | None:
    """Where base64.StdEncoding.Decode reports CorruptInputError, or None when ``s`` decodes."""
    data = s.encode()
    si, n = 0, len(data)
    while si < n:
        j = 0
        while j < 4:
            if si == n:
                return None if j == 0 else si - j
            ch = chr(data[si])
            si += 1
            if ch in _B64:
                j += 1
                continue
            if ch in "\r\n":
                continue
            if ch != "=" or j < 2:
                return si - 1
            return _padding_error(data, si, j)
    return None


def _padding_error(data: bytes, si: int, j: int) -> int | None:
    """The tail of decodeQuantum after the first ``=`` (``j`` data characters in the quantum)."""
    n = len(data)
    if j == 2:
        while si < n and data[si] in b"\r\n":
            si += 1
        if si == n:
            return n
        if data[si] != ord("="):
            return si - 1
        si += 1
    while si < n and data[si] in b"\r\n":
        si += 1
    return si if si < n else None


# --------------------------------------------------------------------------------------------
# errors


def _version(kind: str) -> str:
    from minikube_lite.api.kinds import KINDS

    k = KINDS.get(kind)
    return k.version if k else "v1"


def decode_error(kind: str, message: str) -> BadRequestError:
    """The serializer's ``<Kind> in version "v1" cannot be handled as a <Kind>: <err>``."""
    return BadRequestError(
        f'{kind} in version "{_version(kind)}" cannot be handled as a {kind}: {message}'
    )


def strict_decoding_error(kind: str, paths: list[str]) -> BadRequestError:
    """runtime.NewStrictDecodingError wrapped like decode_error; fields quoted, joined by ``, ``."""
    listed = ", ".join(f'unknown field "{p}"' for p in paths)
    return decode_error(kind, f"strict decoding error: {listed}")


def check_decode(obj: dict[str, Any], strict: bool = True) -> None:
    """Raise the BadRequest for a type error, else (``strict``) for unknown fields."""
    kind = str(obj.get("kind") or "")
    err = type_error(obj)
    if err is not None:
        raise decode_error(kind, err)
    if strict:
        unknown = unknown_fields(obj)
        if unknown:
            raise strict_decoding_error(kind, unknown)
