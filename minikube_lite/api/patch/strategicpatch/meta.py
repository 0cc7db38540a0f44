"""Patch metadata (``patchStrategy`` / ``patchMergeKey`` struct tags) of the API types mkl serves.

Mirrors strategicpatch.PatchMetaFromStruct (meta.go) over k8s.io/api v0.37 (core/v1, apps/v1,
rbac/v1, meta/v1). Only fields whose JSON value is an object or an array are listed: a lookup only
happens when both the live value and the patch value are objects (or both arrays), so scalar fields
never need one. A struct with no such field is absent. Format: ``Type: field=T ...`` where T is a
type name, ``m`` (a Go map), ``s`` (a scalar) or ``[T`` (a slice of T), optionally followed by
``|strategies|mergeKey``; indented lines continue the previous type.

A type is ``None`` for an object of unknown kind: lookups then succeed with no metadata (objects
merge, lists are replaced) instead of failing like upstream's struct lookup would.
"""

from __future__ import annotations

from functools import cache

from minikube_lite.api.patch.errors import PatchError

Meta = tuple[str | None, tuple[str, ...], str]  # (sub-type, patch strategies, merge key)

_SCHEMA = """
Affinity: nodeAffinity=NodeAffinity podAffinity=PodAffinity podAntiAffinity=PodAntiAffinity
AggregationRule: clusterRoleSelectors=[LabelSelector
CSIVolumeSource: volumeAttributes=m nodePublishSecretRef=LocalObjectReference
Capabilities: add=[s drop=[s
CephFSVolumeSource: monitors=[s secretRef=LocalObjectReference
CinderVolumeSource: secretRef=LocalObjectReference
ClusterRole: metadata=ObjectMeta rules=[PolicyRule aggregationRule=AggregationRule
ClusterRoleBinding: metadata=ObjectMeta subjects=[Subject roleRef=RoleRef
ClusterTrustBundleProjection: labelSelector=LabelSelector
ConfigMap: metadata=ObjectMeta data=m binaryData=m
ConfigMapProjection: items=[KeyToPath
ConfigMapVolumeSource: items=[KeyToPath
Container: command=[s args=[s ports=[ContainerPort|merge|containerPort envFrom=[EnvFromSource
    env=[EnvVar|merge|name resources=ResourceRequirements resizePolicy=[ContainerResizePolicy
    restartPolicyRules=[ContainerRestartRule volumeMounts=[VolumeMount|merge|mountPath
    volumeDevices=[VolumeDevice|merge|devicePath livenessProbe=Probe readinessProbe=Probe
    startupProbe=Probe lifecycle=Lifecycle securityContext=SecurityContext
ContainerImage: names=[s
ContainerRestartRule: exitCodes=ContainerRestartRuleOnExitCodes
ContainerRestartRuleOnExitCodes: values=[s
ContainerState: waiting=ContainerStateWaiting running=ContainerStateRunning
    terminated=ContainerStateTerminated
ContainerStatus: state=ContainerState lastState=ContainerState allocatedResources=m
    resources=ResourceRequirements volumeMounts=[VolumeMountStatus|merge|mountPath
    user=ContainerUser allocatedResourcesStatus=[ResourceStatus|merge|name
ContainerUser: linux=LinuxContainerUser
Deployment: metadata=ObjectMeta spec=DeploymentSpec status=DeploymentStatus
DeploymentSpec: selector=LabelSelector template=PodTemplateSpec
    strategy=DeploymentStrategy|retainKeys
DeploymentStatus: conditions=[DeploymentCondition|merge|type
DeploymentStrategy: rollingUpdate=RollingUpdateDeployment
DownwardAPIProjection: items=[DownwardAPIVolumeFile
DownwardAPIVolumeFile: fieldRef=ObjectFieldSelector resourceFieldRef=ResourceFieldSelector
DownwardAPIVolumeSource: items=[DownwardAPIVolumeFile
EndpointAddress: targetRef=ObjectReference
EndpointSubset: addresses=[EndpointAddress notReadyAddresses=[EndpointAddress
    ports=[EndpointPort
Endpoints: metadata=ObjectMeta subsets=[EndpointSubset
EnvFromSource: configMapRef=ConfigMapEnvSource secretRef=SecretEnvSource
EnvVar: valueFrom=EnvVarSource
EnvVarSource: fieldRef=ObjectFieldSelector resourceFieldRef=ResourceFieldSelector
    configMapKeyRef=ConfigMapKeySelector secretKeyRef=SecretKeySelector
    fileKeyRef=FileKeySelector
EphemeralContainer: command=[s args=[s ports=[ContainerPort|merge|containerPort
    envFrom=[EnvFromSource env=[EnvVar|merge|name resources=ResourceRequirements
    resizePolicy=[ContainerResizePolicy restartPolicyRules=[ContainerRestartRule
    volumeMounts=[VolumeMount|merge|mountPath volumeDevices=[VolumeDevice|merge|devicePath
    livenessProbe=Probe readinessProbe=Probe startupProbe=Probe lifecycle=Lifecycle
    securityContext=SecurityContext
EphemeralVolumeSource: volumeClaimTemplate=PersistentVolumeClaimTemplate
Event: metadata=ObjectMeta involvedObject=ObjectReference source=EventSource
    series=EventSeries related=ObjectReference
ExecAction: command=[s
FCVolumeSource: targetWWNs=[s wwids=[s
FlexVolumeSource: secretRef=LocalObjectReference options=m
HTTPGetAction: httpHeaders=[HTTPHeader
HostAlias: hostnames=[s
ISCSIVolumeSource: portals=[s secretRef=LocalObjectReference
LabelSelector: matchLabels=m matchExpressions=[LabelSelectorRequirement
LabelSelectorRequirement: values=[s
Lifecycle: postStart=LifecycleHandler preStop=LifecycleHandler
LifecycleHandler: exec=ExecAction httpGet=HTTPGetAction tcpSocket=TCPSocketAction
    sleep=SleepAction
LimitRange: metadata=ObjectMeta spec=LimitRangeSpec
LimitRangeItem: max=m min=m default=m defaultRequest=m maxLimitRequestRatio=m
LimitRangeSpec: limits=[LimitRangeItem
LinuxContainerUser: supplementalGroups=[s
LoadBalancerIngress: ports=[PortStatus
LoadBalancerStatus: ingress=[LoadBalancerIngress
Namespace: metadata=ObjectMeta spec=NamespaceSpec status=NamespaceStatus
NamespaceSpec: finalizers=[s
NamespaceStatus: conditions=[NamespaceCondition|merge|type
Node: metadata=ObjectMeta spec=NodeSpec status=NodeStatus
NodeAffinity: requiredDuringSchedulingIgnoredDuringExecution=NodeSelector
    preferredDuringSchedulingIgnoredDuringExecution=[PreferredSchedulingTerm
NodeAllocatableResourceClaimStatus: containers=[s resources=m
NodeConfigSource: configMap=ConfigMapNodeConfigSource
NodeConfigStatus: assigned=NodeConfigSource active=NodeConfigSource
    lastKnownGood=NodeConfigSource
NodeDaemonEndpoints: kubeletEndpoint=DaemonEndpoint
NodePodPreemptionPolicy: disableResizePreemption=[s
NodeRuntimeHandler: features=NodeRuntimeHandlerFeatures
NodeSelector: nodeSelectorTerms=[NodeSelectorTerm
NodeSelectorRequirement: values=[s
NodeSelectorTerm: matchExpressions=[NodeSelectorRequirement
    matchFields=[NodeSelectorRequirement
NodeSpec: podCIDRs=[s|merge taints=[Taint configSource=NodeConfigSource
    podPreemptionPolicy=NodePodPreemptionPolicy
NodeStatus: capacity=m allocatable=m conditions=[NodeCondition|merge|type
    addresses=[NodeAddress|merge|type daemonEndpoints=NodeDaemonEndpoints
    nodeInfo=NodeSystemInfo images=[ContainerImage volumesInUse=[s
    volumesAttached=[AttachedVolume config=NodeConfigStatus
    runtimeHandlers=[NodeRuntimeHandler features=NodeFeatures declaredFeatures=[s
NodeSystemInfo: swap=NodeSwapStatus
ObjectMeta: labels=m annotations=m ownerReferences=[OwnerReference|merge|uid
    finalizers=[s|merge managedFields=[ManagedFieldsEntry
PersistentVolumeClaimSpec: accessModes=[s selector=LabelSelector
    resources=VolumeResourceRequirements dataSource=TypedLocalObjectReference
    dataSourceRef=TypedObjectReference
PersistentVolumeClaimTemplate: metadata=ObjectMeta spec=PersistentVolumeClaimSpec
Pod: metadata=ObjectMeta spec=PodSpec status=PodStatus
PodAffinity: requiredDuringSchedulingIgnoredDuringExecution=[PodAffinityTerm
    preferredDuringSchedulingIgnoredDuringExecution=[WeightedPodAffinityTerm
PodAffinityTerm: labelSelector=LabelSelector namespaces=[s namespaceSelector=LabelSelector
    matchLabelKeys=[s mismatchLabelKeys=[s
PodAntiAffinity: requiredDuringSchedulingIgnoredDuringExecution=[PodAffinityTerm
    preferredDuringSchedulingIgnoredDuringExecution=[WeightedPodAffinityTerm
PodCertificateProjection: userAnnotations=m
PodDNSConfig: nameservers=[s searches=[s options=[PodDNSConfigOption
PodExtendedResourceClaimStatus: requestMappings=[ContainerExtendedResourceRequest
PodSecurityContext: seLinuxOptions=SELinuxOptions windowsOptions=WindowsSecurityContextOptions
    supplementalGroups=[s sysctls=[Sysctl seccompProfile=SeccompProfile
    appArmorProfile=AppArmorProfile
PodSpec: volumes=[Volume|merge,retainKeys|name initContainers=[Container|merge|name
    containers=[Container|merge|name ephemeralContainers=[EphemeralContainer|merge|name
    nodeSelector=m securityContext=PodSecurityContext
    imagePullSecrets=[LocalObjectReference|merge|name affinity=Affinity
    tolerations=[Toleration hostAliases=[HostAlias|merge|ip dnsConfig=PodDNSConfig
    readinessGates=[PodReadinessGate overhead=m
    topologySpreadConstraints=[TopologySpreadConstraint|merge|topologyKey os=PodOS
    schedulingGates=[PodSchedulingGate|merge|name
    resourceClaims=[PodResourceClaim|merge,retainKeys|name resources=ResourceRequirements
    schedulingGroup=PodSchedulingGroup
PodStatus: conditions=[PodCondition|merge|type hostIPs=[HostIP|merge|ip podIPs=[PodIP|merge|ip
    initContainerStatuses=[ContainerStatus containerStatuses=[ContainerStatus
    ephemeralContainerStatuses=[ContainerStatus
    resourceClaimStatuses=[PodResourceClaimStatus|merge,retainKeys|name
    extendedResourceClaimStatus=PodExtendedResourceClaimStatus allocatedResources=m
    resources=ResourceRequirements
    nodeAllocatableResourceClaimStatuses=[NodeAllocatableResourceClaimStatus
PodTemplateSpec: metadata=ObjectMeta spec=PodSpec
PodDisruptionBudget: metadata=ObjectMeta spec=PodDisruptionBudgetSpec
    status=PodDisruptionBudgetStatus
PodDisruptionBudgetSpec: selector=LabelSelector|replace
PodDisruptionBudgetStatus: disruptedPods=m conditions=[Condition|merge|type
PolicyRule: verbs=[s apiGroups=[s resources=[s resourceNames=[s nonResourceURLs=[s
PreferredSchedulingTerm: preference=NodeSelectorTerm
Probe: exec=ExecAction httpGet=HTTPGetAction tcpSocket=TCPSocketAction grpc=GRPCAction
ProjectedVolumeSource: sources=[VolumeProjection
RBDVolumeSource: monitors=[s secretRef=LocalObjectReference
CronJob: metadata=ObjectMeta spec=CronJobSpec status=CronJobStatus
CronJobSpec: jobTemplate=JobTemplateSpec
JobTemplateSpec: metadata=ObjectMeta spec=JobSpec
Job: metadata=ObjectMeta spec=JobSpec status=JobStatus
JobSpec: selector=LabelSelector template=PodTemplateSpec
JobStatus: conditions=[JobCondition|merge|type
ReplicaSet: metadata=ObjectMeta spec=ReplicaSetSpec status=ReplicaSetStatus
StatefulSet: metadata=ObjectMeta spec=StatefulSetSpec status=StatefulSetStatus
StatefulSetSpec: selector=LabelSelector template=PodTemplateSpec
    volumeClaimTemplates=[PersistentVolumeClaimTemplate updateStrategy=StatefulSetUpdateStrategy
    persistentVolumeClaimRetentionPolicy=StatefulSetPersistentVolumeClaimRetentionPolicy
    ordinals=StatefulSetOrdinals
StatefulSetStatus: conditions=[StatefulSetCondition|merge|type
StatefulSetUpdateStrategy: rollingUpdate=RollingUpdateStatefulSetStrategy
ControllerRevision: metadata=ObjectMeta data=m
ReplicaSetSpec: selector=LabelSelector template=PodTemplateSpec
ReplicaSetStatus: conditions=[ReplicaSetCondition|merge|type
ReplicationController: metadata=ObjectMeta spec=ReplicationControllerSpec
    status=ReplicationControllerStatus
ReplicationControllerSpec: selector=m template=PodTemplateSpec
ReplicationControllerStatus: conditions=[ReplicationControllerCondition|merge|type
ResourceQuota: metadata=ObjectMeta spec=ResourceQuotaSpec status=ResourceQuotaStatus
ResourceQuotaSpec: hard=m scopes=[s scopeSelector=ScopeSelector
ResourceQuotaStatus: hard=m used=m
ResourceRequirements: limits=m requests=m claims=[ResourceClaim
ResourceStatus: resources=[ResourceHealth
Role: metadata=ObjectMeta rules=[PolicyRule
RoleBinding: metadata=ObjectMeta subjects=[Subject roleRef=RoleRef
ScaleIOVolumeSource: secretRef=LocalObjectReference
ScopeSelector: matchExpressions=[ScopedResourceSelectorRequirement
ScopedResourceSelectorRequirement: values=[s
Secret: metadata=ObjectMeta data=m stringData=m
SecretProjection: items=[KeyToPath
SecretVolumeSource: items=[KeyToPath
SecurityContext: capabilities=Capabilities seLinuxOptions=SELinuxOptions
    windowsOptions=WindowsSecurityContextOptions seccompProfile=SeccompProfile
    appArmorProfile=AppArmorProfile
Service: metadata=ObjectMeta spec=ServiceSpec status=ServiceStatus
ServiceAccount: metadata=ObjectMeta secrets=[ObjectReference|merge|name
    imagePullSecrets=[LocalObjectReference
ServiceSpec: ports=[ServicePort|merge|port selector=m clusterIPs=[s externalIPs=[s
    loadBalancerSourceRanges=[s sessionAffinityConfig=SessionAffinityConfig ipFamilies=[s
ServiceStatus: loadBalancer=LoadBalancerStatus conditions=[Condition|merge|type
SessionAffinityConfig: clientIP=ClientIPConfig
StorageOSVolumeSource: secretRef=LocalObjectReference
TopologySpreadConstraint: labelSelector=LabelSelector matchLabelKeys=[s
Volume: hostPath=HostPathVolumeSource emptyDir=EmptyDirVolumeSource
    gcePersistentDisk=GCEPersistentDiskVolumeSource
    awsElasticBlockStore=AWSElasticBlockStoreVolumeSource gitRepo=GitRepoVolumeSource
    secret=SecretVolumeSource nfs=NFSVolumeSource iscsi=ISCSIVolumeSource
    glusterfs=GlusterfsVolumeSource persistentVolumeClaim=PersistentVolumeClaimVolumeSource
    rbd=RBDVolumeSource flexVolume=FlexVolumeSource cinder=CinderVolumeSource
    cephfs=CephFSVolumeSource flocker=FlockerVolumeSource downwardAPI=DownwardAPIVolumeSource
    fc=FCVolumeSource azureFile=AzureFileVolumeSource configMap=ConfigMapVolumeSource
    vsphereVolume=VsphereVirtualDiskVolumeSource quobyte=QuobyteVolumeSource
    azureDisk=AzureDiskVolumeSource photonPersistentDisk=PhotonPersistentDiskVolumeSource
    projected=ProjectedVolumeSource portworxVolume=PortworxVolumeSource
    scaleIO=ScaleIOVolumeSource storageos=StorageOSVolumeSource csi=CSIVolumeSource
    ephemeral=EphemeralVolumeSource image=ImageVolumeSource
VolumeMountStatus: volumeStatus=VolumeStatus
VolumeProjection: secret=SecretProjection downwardAPI=DownwardAPIProjection
    configMap=ConfigMapProjection serviceAccountToken=ServiceAccountTokenProjection
    clusterTrustBundle=ClusterTrustBundleProjection podCertificate=PodCertificateProjection
VolumeResourceRequirements: limits=m requests=m
VolumeStatus: image=ImageVolumeStatus
WeightedPodAffinityTerm: podAffinityTerm=PodAffinityTerm
"""


@cache
def _table() -> dict[str, dict[str, Meta]]:
    """Parse _SCHEMA once per process, on first use."""
    table: dict[str, dict[str, Meta]] = {}
    fields: dict[str, Meta] = {}
    for line in _SCHEMA.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            name, line = line.split(":", 1)
            fields = table.setdefault(name, {})
        for tok in line.split():
            key, _, spec = tok.partition("=")
            typ, _, rest = spec.partition("|")
            strat, _, mkey = rest.partition("|")
            fields[key] = (typ, tuple(strat.split(",")) if strat else (), mkey)
    return table


def root_type(kind: str) -> str | None:
    """The schema type of a whole object of this kind (None when the kind is not described)."""
    return kind if kind in _table() else None


def _kind_name(t: str) -> str:
    """reflect.Kind name of a schema type, as upstream's errors print it."""
    if t.startswith("["):
        return "slice"
    return {"m": "map", "s": "string"}.get(t, "struct")


def lookup_struct(t: str | None, key: str) -> Meta:
    """forkedjson.LookupPatchMetadataForStruct: the field's type, strategies and merge key."""
    if t is None:
        return (None, (), "")
    if t in ("m", "s") or t.startswith("["):
        raise PatchError(
            f"merging an object in json but data type is not struct, instead is: {_kind_name(t)}"
        )
    fields = _table().get(t, {})
    meta = fields.get(key)
    if meta is None:  # encoding/json falls back to a case-insensitive match
        folded = key.casefold()
        meta = next((m for k, m in fields.items() if k.casefold() == folded), None)
    if meta is None:
        raise PatchError(f'unable to find api field in struct {t} for the json field "{key}"')
    return meta


def lookup_slice(t: str | None, key: str) -> Meta:
    """PatchMetaFromStruct.LookupPatchMetadataForSlice: metadata plus the element type."""
    sub, strategies, mkey = lookup_struct(t, key)
    if sub is None:
        return (None, strategies, mkey)
    if not sub.startswith("["):
        raise PatchError(f"expected slice or array type, but got: {_kind_name(t or '')}")
    return (sub[1:], strategies, mkey)


def type_name(t: str | None) -> str:
    """LookupPatchMeta.Name(): the reflect.Kind of the type."""
    return "struct" if t is None else _kind_name(t)


def split_strategies(strategies: tuple[str, ...]) -> tuple[bool, str]:
    """extractRetainKeysPatchStrategy: (has retainKeys, the other strategy)."""
    if not strategies:
        return False, ""
    if len(strategies) == 1:
        return (True, "") if strategies[0] == "retainKeys" else (False, strategies[0])
    if len(strategies) == 2 and "retainKeys" in strategies:
        other = strategies[1] if strategies[0] == "retainKeys" else strategies[0]
        return True, other
    raise PatchError(f"unexpected patch strategy: [{' '.join(strategies)}]")
