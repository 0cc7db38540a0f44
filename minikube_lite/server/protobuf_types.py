"""The protobuf field tables of the kinds kubectl's typed clients POST (``server/protobuf.py``).

One line per Go type (indented lines continue it): ``jsonName=fieldNumber[:type]``, read from the
struct tags of k8s.io/api (core/v1, apps/v1, batch/v1, rbac/v1, authorization/v1,
authentication/v1, policy/v1, scheduling/v1 ``types.go``) and k8s.io/apimachinery (meta/v1
``types.go``), whose ``protobuf:"bytes,N,..."`` tags are the numbers of ``generated.proto``:
every type reachable from ``ROOTS``.

Types: ``s`` (the default) string, ``b`` bool, ``i32``/``i64`` integers, ``f64`` double, ``by``
bytes, ``t`` metav1.Time, ``io`` IntOrString, ``q`` Quantity, ``raw`` (RawExtension, FieldsV1:
JSON bytes), ``map`` map[string]string, ``bymap`` map[string][]byte, ``qmap`` ResourceList,
``xmap`` map[string][]string (ExtraValue), a type name (a nested message), ``[]T`` (repeated).
A trailing ``?`` marks a Go pointer: its zero value is kept (a non-pointer zero is what the typed
client writes for an unset field, so it is dropped, as JSON's ``omitempty`` drops it).  ``_`` is
an embedded struct whose fields JSON inlines (Volume's VolumeSource).  The deprecated in-tree
volume sources are left out (their fields are skipped).
"""

from __future__ import annotations

# the kinds a protobuf body may carry
ROOTS = frozenset(
    {"Namespace", "Deployment", "Service", "ConfigMap", "Secret", "ServiceAccount"}
    | {"SelfSubjectAccessReview", "SelfSubjectRulesReview", "SelfSubjectReview"}
    | {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ResourceQuota"}
    | {"LimitRange", "TokenRequest", "Pod", "ReplicaSet", "ReplicationController", "Job"}
    | {"CronJob"}
    | {"Eviction", "HorizontalPodAutoscaler", "PodDisruptionBudget", "PriorityClass"}
    | {"Ingress", "IngressClass"}
)
# runtime.Unknown (the envelope after the "k8s\0" prefix: typeMeta=1, raw=2, contentEncoding=3,
# contentType=4) carries a runtime.TypeMeta, whose numbers are not metav1's.
ENVELOPE = """
RuntimeTypeMeta: apiVersion=1 kind=2
"""

TYPES = """
Namespace: metadata=1:ObjectMeta spec=2:NamespaceSpec status=3:NamespaceStatus
Deployment: metadata=1:ObjectMeta spec=2:DeploymentSpec status=3:DeploymentStatus
Service: metadata=1:ObjectMeta spec=2:ServiceSpec status=3:ServiceStatus
ConfigMap: metadata=1:ObjectMeta immutable=4:b? data=2:map binaryData=3:bymap
Secret: metadata=1:ObjectMeta immutable=5:b? data=2:bymap stringData=4:map type=3
ServiceAccount: metadata=1:ObjectMeta secrets=2:[]ObjectReference
    imagePullSecrets=3:[]LocalObjectReference automountServiceAccountToken=4:b?
SelfSubjectAccessReview: metadata=1:ObjectMeta spec=2:SelfSubjectAccessReviewSpec
    status=3:SubjectAccessReviewStatus
SelfSubjectRulesReview: metadata=1:ObjectMeta spec=2:SelfSubjectRulesReviewSpec
    status=3:SubjectRulesReviewStatus
Eviction: metadata=1:ObjectMeta deleteOptions=2:DeleteOptions
DeleteOptions: gracePeriodSeconds=1:i64? preconditions=2:Preconditions orphanDependents=3:b?
    propagationPolicy=4 dryRun=5:[]s ignoreStoreReadErrorWithClusterBreakingPotential=6:b?
Preconditions: uid=1 resourceVersion=2
PodDisruptionBudget: metadata=1:ObjectMeta spec=2:PodDisruptionBudgetSpec
    status=3:PodDisruptionBudgetStatus
PriorityClass: metadata=1:ObjectMeta value=2:i32 globalDefault=3:b description=4
    preemptionPolicy=5:s?
Ingress: metadata=1:ObjectMeta spec=2:IngressSpec status=3:IngressStatus
IngressSpec: ingressClassName=4:s? defaultBackend=1:IngressBackend tls=2:[]IngressTLS
    rules=3:[]IngressRule
IngressBackend: service=4:IngressServiceBackend resource=3:TypedLocalObjectReference
IngressServiceBackend: name=1 port=2:ServiceBackendPort
ServiceBackendPort: name=1 number=2:i32
TypedLocalObjectReference: apiGroup=1:s? kind=2 name=3
IngressTLS: hosts=1:[]s secretName=2
IngressRule: host=1 _=2:IngressRuleValue
IngressRuleValue: http=1:HTTPIngressRuleValue
HTTPIngressRuleValue: paths=1:[]HTTPIngressPath
HTTPIngressPath: path=1 pathType=3:s? backend=2:IngressBackend
IngressStatus: loadBalancer=1:IngressLoadBalancerStatus
IngressLoadBalancerStatus: ingress=1:[]IngressLoadBalancerIngress
IngressLoadBalancerIngress: ip=1 hostname=2
IngressClass: metadata=1:ObjectMeta spec=2:IngressClassSpec
IngressClassSpec: controller=1
PodDisruptionBudgetSpec: minAvailable=1:io selector=2:LabelSelector maxUnavailable=3:io
    unhealthyPodEvictionPolicy=4:s?
PodDisruptionBudgetStatus: observedGeneration=1:i64 disruptionsAllowed=3:i32 currentHealthy=4:i32
    desiredHealthy=5:i32 expectedPods=6:i32 conditions=7:[]Condition
SelfSubjectReview: metadata=1:ObjectMeta status=2:SelfSubjectReviewStatus
Role: metadata=1:ObjectMeta rules=2:[]PolicyRule
ClusterRole: metadata=1:ObjectMeta rules=2:[]PolicyRule aggregationRule=3:AggregationRule
RoleBinding: metadata=1:ObjectMeta subjects=2:[]Subject roleRef=3:RoleRef
ClusterRoleBinding: metadata=1:ObjectMeta subjects=2:[]Subject roleRef=3:RoleRef
ResourceQuota: metadata=1:ObjectMeta spec=2:ResourceQuotaSpec status=3:ResourceQuotaStatus
LimitRange: metadata=1:ObjectMeta spec=2:LimitRangeSpec
TokenRequest: metadata=1:ObjectMeta spec=2:TokenRequestSpec status=3:TokenRequestStatus
Pod: metadata=1:ObjectMeta spec=2:PodSpec status=3:PodStatus
ReplicaSet: metadata=1:ObjectMeta spec=2:ReplicaSetSpec status=3:ReplicaSetStatus
Job: metadata=1:ObjectMeta spec=2:JobSpec status=3:JobStatus
CronJob: metadata=1:ObjectMeta spec=2:CronJobSpec status=3:CronJobStatus
ReplicationController: metadata=1:ObjectMeta spec=2:ReplicationControllerSpec
    status=3:ReplicationControllerStatus
ObjectMeta: name=1 generateName=2 namespace=3 selfLink=4 uid=5 resourceVersion=6 generation=7:i64
    creationTimestamp=8:t deletionTimestamp=9:t? deletionGracePeriodSeconds=10:i64? labels=11:map
    annotations=12:map ownerReferences=13:[]OwnerReference finalizers=14:[]s
    managedFields=17:[]ManagedFieldsEntry
NamespaceSpec: finalizers=1:[]s
NamespaceStatus: phase=1 conditions=2:[]NamespaceCondition
DeploymentSpec: replicas=1:i32? selector=2:LabelSelector template=3:PodTemplateSpec
    strategy=4:DeploymentStrategy minReadySeconds=5:i32 revisionHistoryLimit=6:i32? paused=7:b
    progressDeadlineSeconds=9:i32?
DeploymentStatus: observedGeneration=1:i64 replicas=2:i32 updatedReplicas=3:i32 readyReplicas=7:i32
    availableReplicas=4:i32 unavailableReplicas=5:i32 terminatingReplicas=9:i32?
    conditions=6:[]DeploymentCondition collisionCount=8:i32?
ServiceSpec: ports=1:[]ServicePort selector=2:map clusterIP=3 clusterIPs=18:[]s type=4
    externalIPs=5:[]s sessionAffinity=7 loadBalancerIP=8 loadBalancerSourceRanges=9:[]s
    externalName=10 externalTrafficPolicy=11 healthCheckNodePort=12:i32
    publishNotReadyAddresses=13:b sessionAffinityConfig=14:SessionAffinityConfig ipFamilies=19:[]s
    ipFamilyPolicy=17:s? allocateLoadBalancerNodePorts=20:b? loadBalancerClass=21:s?
    internalTrafficPolicy=22:s? trafficDistribution=23:s?
ServiceStatus: loadBalancer=1:LoadBalancerStatus conditions=2:[]Condition
ObjectReference: kind=1 namespace=2 name=3 uid=4 apiVersion=5 resourceVersion=6 fieldPath=7
LocalObjectReference: name=1
SelfSubjectAccessReviewSpec: resourceAttributes=1:ResourceAttributes
    nonResourceAttributes=2:NonResourceAttributes
SubjectAccessReviewStatus: allowed=1:b denied=4:b reason=2 evaluationError=3
SelfSubjectRulesReviewSpec: namespace=1
SubjectRulesReviewStatus: resourceRules=1:[]ResourceRule nonResourceRules=2:[]NonResourceRule
    incomplete=3:b evaluationError=4
SelfSubjectReviewStatus: userInfo=1:UserInfo
PolicyRule: verbs=1:[]s apiGroups=2:[]s resources=3:[]s resourceNames=4:[]s nonResourceURLs=5:[]s
AggregationRule: clusterRoleSelectors=1:[]LabelSelector
Subject: kind=1 apiGroup=2 name=3 namespace=4
RoleRef: apiGroup=1 kind=2 name=3
ResourceQuotaSpec: hard=1:qmap scopes=2:[]s scopeSelector=3:ScopeSelector
ResourceQuotaStatus: hard=1:qmap used=2:qmap
LimitRangeSpec: limits=1:[]LimitRangeItem
TokenRequestSpec: audiences=1:[]s expirationSeconds=4:i64? boundObjectRef=3:BoundObjectReference
    attestations=5:xmap
TokenRequestStatus: token=1 expirationTimestamp=2:t
PodSpec: volumes=1:[]Volume initContainers=20:[]Container containers=2:[]Container
    ephemeralContainers=34:[]EphemeralContainer restartPolicy=3
    terminationGracePeriodSeconds=4:i64? activeDeadlineSeconds=5:i64? dnsPolicy=6
    nodeSelector=7:map serviceAccountName=8 serviceAccount=9 automountServiceAccountToken=21:b?
    nodeName=10 hostNetwork=11:b hostPID=12:b hostIPC=13:b shareProcessNamespace=27:b?
    securityContext=14:PodSecurityContext imagePullSecrets=15:[]LocalObjectReference hostname=16
    subdomain=17 affinity=18:Affinity schedulerName=19 tolerations=22:[]Toleration
    hostAliases=23:[]HostAlias priorityClassName=24 priority=25:i32? dnsConfig=26:PodDNSConfig
    readinessGates=28:[]PodReadinessGate runtimeClassName=29:s? enableServiceLinks=30:b?
    preemptionPolicy=31:s? overhead=32:qmap topologySpreadConstraints=33:[]TopologySpreadConstraint
    setHostnameAsFQDN=35:b? os=36:PodOS hostUsers=37:b? schedulingGates=38:[]PodSchedulingGate
    resourceClaims=39:[]PodResourceClaim resources=40:ResourceRequirements hostnameOverride=41:s?
    schedulingGroup=43:PodSchedulingGroup evictionResponders=44:[]EvictionResponder
PodStatus: observedGeneration=17:i64 phase=1 conditions=2:[]PodCondition message=3 reason=4
    nominatedNodeName=11 hostIP=5 hostIPs=16:[]HostIP podIP=6 podIPs=12:[]PodIP startTime=7:t?
    initContainerStatuses=10:[]ContainerStatus containerStatuses=8:[]ContainerStatus qosClass=9
    ephemeralContainerStatuses=13:[]ContainerStatus resize=14
    resourceClaimStatuses=15:[]PodResourceClaimStatus
    extendedResourceClaimStatus=18:PodExtendedResourceClaimStatus allocatedResources=19:qmap
    resources=20:ResourceRequirements
    nodeAllocatableResourceClaimStatuses=21:[]NodeAllocatableResourceClaimStatus
    volumeHealth=22:[]PodVolumeHealth
ReplicaSetSpec: replicas=1:i32? minReadySeconds=4:i32 selector=2:LabelSelector
    template=3:PodTemplateSpec
ReplicaSetStatus: replicas=1:i32 fullyLabeledReplicas=2:i32 readyReplicas=4:i32
    availableReplicas=5:i32 terminatingReplicas=7:i32? observedGeneration=3:i64
    conditions=6:[]ReplicaSetCondition
JobSpec: parallelism=1:i32? completions=2:i32? activeDeadlineSeconds=3:i64? backoffLimit=7:i32?
    backoffLimitPerIndex=12:i32? maxFailedIndexes=13:i32? selector=4:LabelSelector
    manualSelector=5:b? template=6:PodTemplateSpec ttlSecondsAfterFinished=8:i32?
    completionMode=9:s? suspend=10:b? podReplacementPolicy=14:s? managedBy=15:s?
JobStatus: conditions=1:[]JobCondition startTime=2:t? completionTime=3:t? active=4:i32
    succeeded=5:i32 failed=6:i32 terminating=11:i32? completedIndexes=7 failedIndexes=10:s?
    uncountedTerminatedPods=8:UncountedTerminatedPods ready=9:i32?
CronJobSpec: schedule=1 timeZone=8:s? startingDeadlineSeconds=2:i64? concurrencyPolicy=3
    suspend=4:b? jobTemplate=5:JobTemplateSpec successfulJobsHistoryLimit=6:i32?
    failedJobsHistoryLimit=7:i32?
JobTemplateSpec: metadata=1:ObjectMeta spec=2:JobSpec
CronJobStatus: active=1:[]ObjectReference lastScheduleTime=4:t? lastSuccessfulTime=5:t?
JobCondition: type=1 status=2 lastProbeTime=3:t lastTransitionTime=4:t reason=5 message=6
UncountedTerminatedPods: succeeded=1:[]s failed=2:[]s
ReplicationControllerSpec: replicas=1:i32? minReadySeconds=4:i32 selector=2:map
    template=3:PodTemplateSpec
ReplicationControllerStatus: replicas=1:i32 fullyLabeledReplicas=2:i32 readyReplicas=4:i32
    availableReplicas=5:i32 observedGeneration=3:i64 conditions=6:[]ReplicationControllerCondition
OwnerReference: apiVersion=5 kind=1 name=3 uid=4 controller=6:b? blockOwnerDeletion=7:b?
ManagedFieldsEntry: manager=1 operation=2 apiVersion=3 time=4:t? fieldsType=6 fieldsV1=7:raw
    subresource=8
NamespaceCondition: type=1 status=2 lastTransitionTime=4:t reason=5 message=6
LabelSelector: matchLabels=1:map matchExpressions=2:[]LabelSelectorRequirement
PodTemplateSpec: metadata=1:ObjectMeta spec=2:PodSpec
DeploymentStrategy: type=1 rollingUpdate=2:RollingUpdateDeployment
DeploymentCondition: type=1 status=2 lastUpdateTime=6:t lastTransitionTime=7:t reason=4 message=5
ServicePort: name=1 protocol=2 appProtocol=6:s? port=3:i32 targetPort=4:io nodePort=5:i32
SessionAffinityConfig: clientIP=1:ClientIPConfig
LoadBalancerStatus: ingress=1:[]LoadBalancerIngress
Condition: type=1 status=2 observedGeneration=3:i64 lastTransitionTime=4:t reason=5 message=6
ResourceAttributes: namespace=1 verb=2 group=3 version=4 resource=5 subresource=6 name=7
    fieldSelector=8:FieldSelectorAttributes labelSelector=9:LabelSelectorAttributes
NonResourceAttributes: path=1 verb=2
ResourceRule: verbs=1:[]s apiGroups=2:[]s resources=3:[]s resourceNames=4:[]s
NonResourceRule: verbs=1:[]s nonResourceURLs=2:[]s
UserInfo: username=1 uid=2 groups=3:[]s extra=4:xmap
ScopeSelector: matchExpressions=1:[]ScopedResourceSelectorRequirement
LimitRangeItem: type=1 max=2:qmap min=3:qmap default=4:qmap defaultRequest=5:qmap
    maxLimitRequestRatio=6:qmap
BoundObjectReference: kind=1 apiVersion=2 name=3 uid=4
Volume: name=1 _=2:VolumeSource
Container: name=1 image=2 command=3:[]s args=4:[]s workingDir=5 ports=6:[]ContainerPort
    envFrom=19:[]EnvFromSource env=7:[]EnvVar resources=8:ResourceRequirements
    resizePolicy=23:[]ContainerResizePolicy restartPolicy=24:s?
    restartPolicyRules=25:[]ContainerRestartRule volumeMounts=9:[]VolumeMount
    volumeDevices=21:[]VolumeDevice livenessProbe=10:Probe readinessProbe=11:Probe
    startupProbe=22:Probe lifecycle=12:Lifecycle terminationMessagePath=13
    terminationMessagePolicy=20 imagePullPolicy=14 securityContext=15:SecurityContext stdin=16:b
    stdinOnce=17:b tty=18:b
EphemeralContainer: _=1:EphemeralContainerCommon targetContainerName=2
PodSecurityContext: seLinuxOptions=1:SELinuxOptions windowsOptions=8:WindowsSecurityContextOptions
    runAsUser=2:i64? runAsGroup=6:i64? runAsNonRoot=3:b? supplementalGroups=4:[]i64
    supplementalGroupsPolicy=12:s? fsGroup=5:i64? sysctls=7:[]Sysctl fsGroupChangePolicy=9:s?
    seccompProfile=10:SeccompProfile appArmorProfile=11:AppArmorProfile seLinuxChangePolicy=13:s?
Affinity: nodeAffinity=1:NodeAffinity podAffinity=2:PodAffinity podAntiAffinity=3:PodAntiAffinity
Toleration: key=1 operator=2 value=3 effect=4 tolerationSeconds=5:i64?
HostAlias: ip=1 hostnames=2:[]s
PodDNSConfig: nameservers=1:[]s searches=2:[]s options=3:[]PodDNSConfigOption
PodReadinessGate: conditionType=1
TopologySpreadConstraint: maxSkew=1:i32 topologyKey=2 whenUnsatisfiable=3
    labelSelector=4:LabelSelector minDomains=5:i32? nodeAffinityPolicy=6:s? nodeTaintsPolicy=7:s?
    matchLabelKeys=8:[]s
PodOS: name=1
PodSchedulingGate: name=1
PodResourceClaim: name=1 resourceClaimName=3:s? resourceClaimTemplateName=4:s?
ResourceRequirements: limits=1:qmap requests=2:qmap claims=3:[]ResourceClaim
PodSchedulingGroup: podGroupName=1:s?
EvictionResponder: name=1 priority=2:i32?
PodCondition: type=1 observedGeneration=7:i64 status=2 lastProbeTime=3:t lastTransitionTime=4:t
    reason=5 message=6
HostIP: ip=1
PodIP: ip=1
ContainerStatus: name=1 state=2:ContainerState lastState=3:ContainerState ready=4:b
    restartCount=5:i32 image=6 imageID=7 containerID=8 started=9:b? allocatedResources=10:qmap
    resources=11:ResourceRequirements volumeMounts=12:[]VolumeMountStatus user=13:ContainerUser
    allocatedResourcesStatus=14:[]ResourceStatus stopSignal=15:s?
PodResourceClaimStatus: name=1 resourceClaimName=2:s?
PodExtendedResourceClaimStatus: requestMappings=1:[]ContainerExtendedResourceRequest
    resourceClaimName=2
NodeAllocatableResourceClaimStatus: resourceClaimName=1 containers=2:[]s
    mapping=4:[]NodeAllocatableMappedResources overhead=5:[]NodeAllocatableOverheadResources
PodVolumeHealth: name=1 healthConditions=2:[]VolumeHealthCondition lastTransitionTime=3:t
ReplicaSetCondition: type=1 status=2 lastTransitionTime=3:t reason=4 message=5
ReplicationControllerCondition: type=1 status=2 lastTransitionTime=3:t reason=4 message=5
LabelSelectorRequirement: key=1 operator=2 values=3:[]s
RollingUpdateDeployment: maxUnavailable=1:io maxSurge=2:io
ClientIPConfig: timeoutSeconds=1:i32?
LoadBalancerIngress: ip=1 hostname=2 ipMode=3:s? ports=4:[]PortStatus
FieldSelectorAttributes: rawSelector=1 requirements=2:[]FieldSelectorRequirement
LabelSelectorAttributes: rawSelector=1 requirements=2:[]LabelSelectorRequirement
ScopedResourceSelectorRequirement: scopeName=1 operator=2 values=3:[]s
VolumeSource: hostPath=1:HostPathVolumeSource emptyDir=2:EmptyDirVolumeSource
    secret=6:SecretVolumeSource nfs=7:NFSVolumeSource
    persistentVolumeClaim=10:PersistentVolumeClaimVolumeSource
    downwardAPI=16:DownwardAPIVolumeSource configMap=19:ConfigMapVolumeSource
    projected=26:ProjectedVolumeSource image=30:ImageVolumeSource
ContainerPort: name=1 hostPort=2:i32 containerPort=3:i32 protocol=4 hostIP=5
EnvFromSource: prefix=1 configMapRef=2:ConfigMapEnvSource secretRef=3:SecretEnvSource
EnvVar: name=1 value=2 valueFrom=3:EnvVarSource
ContainerResizePolicy: resourceName=1 restartPolicy=2
ContainerRestartRule: action=1 exitCodes=2:ContainerRestartRuleOnExitCodes
VolumeMount: name=1 readOnly=2:b recursiveReadOnly=7:s? mountPath=3 subPath=4 mountPropagation=5:s?
    subPathExpr=6 bindMountOptions=8:[]s
VolumeDevice: name=1 devicePath=2
Probe: _=1:ProbeHandler initialDelaySeconds=2:i32 timeoutSeconds=3:i32 periodSeconds=4:i32
    successThreshold=5:i32 failureThreshold=6:i32 terminationGracePeriodSeconds=7:i64?
Lifecycle: postStart=1:LifecycleHandler preStop=2:LifecycleHandler stopSignal=3:s?
SecurityContext: capabilities=1:Capabilities privileged=2:b? seLinuxOptions=3:SELinuxOptions
    windowsOptions=10:WindowsSecurityContextOptions runAsUser=4:i64? runAsGroup=8:i64?
    runAsNonRoot=5:b? readOnlyRootFilesystem=6:b? allowPrivilegeEscalation=7:b? procMount=9:s?
    seccompProfile=11:SeccompProfile appArmorProfile=12:AppArmorProfile
EphemeralContainerCommon: name=1 image=2 command=3:[]s args=4:[]s workingDir=5
    ports=6:[]ContainerPort envFrom=19:[]EnvFromSource env=7:[]EnvVar
    resources=8:ResourceRequirements resizePolicy=23:[]ContainerResizePolicy restartPolicy=24:s?
    restartPolicyRules=25:[]ContainerRestartRule volumeMounts=9:[]VolumeMount
    volumeDevices=21:[]VolumeDevice livenessProbe=10:Probe readinessProbe=11:Probe
    startupProbe=22:Probe lifecycle=12:Lifecycle terminationMessagePath=13
    terminationMessagePolicy=20 imagePullPolicy=14 securityContext=15:SecurityContext stdin=16:b
    stdinOnce=17:b tty=18:b
SELinuxOptions: user=1 role=2 type=3 level=4
WindowsSecurityContextOptions: gmsaCredentialSpecName=1:s? gmsaCredentialSpec=2:s?
    runAsUserName=3:s? hostProcess=4:b?
Sysctl: name=1 value=2
SeccompProfile: type=1 localhostProfile=2:s?
AppArmorProfile: type=1 localhostProfile=2:s?
NodeAffinity: requiredDuringSchedulingIgnoredDuringExecution=1:NodeSelector
    preferredDuringSchedulingIgnoredDuringExecution=2:[]PreferredSchedulingTerm
PodAffinity: requiredDuringSchedulingIgnoredDuringExecution=1:[]PodAffinityTerm
    preferredDuringSchedulingIgnoredDuringExecution=2:[]WeightedPodAffinityTerm
PodAntiAffinity: requiredDuringSchedulingIgnoredDuringExecution=1:[]PodAffinityTerm
    preferredDuringSchedulingIgnoredDuringExecution=2:[]WeightedPodAffinityTerm
PodDNSConfigOption: name=1 value=2:s?
ResourceClaim: name=1 request=2
ContainerState: waiting=1:ContainerStateWaiting running=2:ContainerStateRunning
    terminated=3:ContainerStateTerminated
VolumeMountStatus: name=1 mountPath=2 readOnly=3:b recursiveReadOnly=4:s?
    volumeStatus=5:VolumeStatus
ContainerUser: linux=1:LinuxContainerUser
ResourceStatus: name=1 resources=2:[]ResourceHealth
ContainerExtendedResourceRequest: containerName=1 resourceName=2 requestName=3
NodeAllocatableMappedResources: name=1 quantity=2:q
NodeAllocatableOverheadResources: name=1 perPod=2:q perContainer=3:q
VolumeHealthCondition: status=1 reason=2 message=3
PortStatus: port=1:i32 protocol=2 error=3:s?
FieldSelectorRequirement: key=1 operator=2 values=3:[]s
HostPathVolumeSource: path=1 type=2:s?
EmptyDirVolumeSource: medium=1 sizeLimit=2:q mode=3:i32?
SecretVolumeSource: secretName=1 items=2:[]KeyToPath defaultMode=3:i32? optional=4:b?
    defaultUser=5:i64?
NFSVolumeSource: server=1 path=2 readOnly=3:b
PersistentVolumeClaimVolumeSource: claimName=1 readOnly=2:b
DownwardAPIVolumeSource: items=1:[]DownwardAPIVolumeFile defaultMode=2:i32? defaultUser=3:i64?
ConfigMapVolumeSource: _=1:LocalObjectReference items=2:[]KeyToPath defaultMode=3:i32?
    optional=4:b? defaultUser=5:i64?
ProjectedVolumeSource: sources=1:[]VolumeProjection defaultMode=2:i32? defaultUser=3:i64?
ImageVolumeSource: reference=1 pullPolicy=2
ConfigMapEnvSource: _=1:LocalObjectReference optional=2:b?
SecretEnvSource: _=1:LocalObjectReference optional=2:b?
EnvVarSource: fieldRef=1:ObjectFieldSelector resourceFieldRef=2:ResourceFieldSelector
    configMapKeyRef=3:ConfigMapKeySelector secretKeyRef=4:SecretKeySelector
    fileKeyRef=5:FileKeySelector
ContainerRestartRuleOnExitCodes: operator=1 values=2:[]i32
ProbeHandler: exec=1:ExecAction httpGet=2:HTTPGetAction tcpSocket=3:TCPSocketAction
    grpc=4:GRPCAction
LifecycleHandler: exec=1:ExecAction httpGet=2:HTTPGetAction tcpSocket=3:TCPSocketAction
    sleep=4:SleepAction
Capabilities: add=1:[]s drop=2:[]s
NodeSelector: nodeSelectorTerms=1:[]NodeSelectorTerm
PreferredSchedulingTerm: weight=1:i32 preference=2:NodeSelectorTerm
PodAffinityTerm: labelSelector=1:LabelSelector namespaces=2:[]s topologyKey=3
    namespaceSelector=4:LabelSelector matchLabelKeys=5:[]s mismatchLabelKeys=6:[]s
WeightedPodAffinityTerm: weight=1:i32 podAffinityTerm=2:PodAffinityTerm
ContainerStateWaiting: reason=1 message=2
ContainerStateRunning: startedAt=1:t
ContainerStateTerminated: exitCode=1:i32 signal=2:i32 reason=3 message=4 startedAt=5:t
    finishedAt=6:t containerID=7
VolumeStatus: image=1:ImageVolumeStatus
HorizontalPodAutoscaler: metadata=1:ObjectMeta spec=2:HorizontalPodAutoscalerSpec
    status=3:HorizontalPodAutoscalerStatus
HorizontalPodAutoscalerSpec: scaleTargetRef=1:CrossVersionObjectReference minReplicas=2:i32?
    maxReplicas=3:i32 metrics=4:[]MetricSpec behavior=5:HorizontalPodAutoscalerBehavior
CrossVersionObjectReference: kind=1 name=2 apiVersion=3
MetricSpec: type=1 resource=4:ResourceMetricSource
ResourceMetricSource: name=1 target=2:MetricTarget
MetricTarget: type=1 value=2:q averageValue=3:q averageUtilization=4:i32?
HorizontalPodAutoscalerBehavior: scaleUp=1:HPAScalingRules scaleDown=2:HPAScalingRules
HPAScalingRules: stabilizationWindowSeconds=3:i32? selectPolicy=1:s? policies=2:[]HPAScalingPolicy
    tolerance=4:q
HPAScalingPolicy: type=1 value=2:i32 periodSeconds=3:i32
HorizontalPodAutoscalerStatus: observedGeneration=1:i64? lastScaleTime=2:t currentReplicas=3:i32
    desiredReplicas=4:i32
LinuxContainerUser: uid=1:i64 gid=2:i64 supplementalGroups=3:[]i64
ResourceHealth: resourceID=1 health=2 message=6:s?
KeyToPath: key=1 path=2 mode=3:i32? user=4:i64?
DownwardAPIVolumeFile: path=1 fieldRef=2:ObjectFieldSelector
    resourceFieldRef=3:ResourceFieldSelector mode=4:i32? user=5:i64?
VolumeProjection: secret=1:SecretProjection downwardAPI=2:DownwardAPIProjection
    configMap=3:ConfigMapProjection serviceAccountToken=4:ServiceAccountTokenProjection
    clusterTrustBundle=5:ClusterTrustBundleProjection podCertificate=6:PodCertificateProjection
ObjectFieldSelector: apiVersion=1 fieldPath=2
ResourceFieldSelector: containerName=1 resource=2 divisor=3:q
ConfigMapKeySelector: _=1:LocalObjectReference key=2 optional=3:b?
SecretKeySelector: _=1:LocalObjectReference key=2 optional=3:b?
FileKeySelector: volumeName=1 path=2 key=3 optional=4:b?
ExecAction: command=1:[]s
HTTPGetAction: path=1 port=2:io host=3 scheme=4 httpHeaders=5:[]HTTPHeader protocol=6:s?
TCPSocketAction: port=1:io host=2
GRPCAction: port=1:i32 service=2:s? mode=3:s?
SleepAction: seconds=1:i64
NodeSelectorTerm: matchExpressions=1:[]NodeSelectorRequirement
    matchFields=2:[]NodeSelectorRequirement
ImageVolumeStatus: imageRef=1
SecretProjection: _=1:LocalObjectReference items=2:[]KeyToPath optional=4:b?
DownwardAPIProjection: items=1:[]DownwardAPIVolumeFile
ConfigMapProjection: _=1:LocalObjectReference items=2:[]KeyToPath optional=4:b?
ServiceAccountTokenProjection: audience=1 expirationSeconds=2:i64? path=3 user=4:i64?
ClusterTrustBundleProjection: name=1:s? signerName=2:s? labelSelector=3:LabelSelector optional=5:b?
    path=4 user=6:i64?
PodCertificateProjection: signerName=1 keyType=2 maxExpirationSeconds=3:i32? credentialBundlePath=4
    keyPath=5 certificateChainPath=6 userAnnotations=7:map user=8:i64?
HTTPHeader: name=1 value=2
NodeSelectorRequirement: key=1 operator=2 values=3:[]s
"""
