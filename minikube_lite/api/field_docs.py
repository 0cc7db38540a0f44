"""What ``explain`` says about each kind and field: minikube-lite's own words, for learners.

The field names and types come from ``api/schema.py`` (the Go structs the API server decodes);
this module adds a short description per kind, per nested type and per field (which fields the
API requires and which values an enum takes are in ``api/field_types.py``).  A field without an
entry explains as ``<no description>``, as kubectl shows a field whose schema has none.
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    "Namespace": "A Namespace is a named scope for objects: names must be unique within one, "
    "and deleting it deletes everything inside.",
    "Node": "A Node is a machine that runs pods. The simulated cluster has one, minikube.",
    "Pod": "A Pod is the smallest thing Kubernetes runs: one or more containers that share an "
    "IP address, a hostname and volumes, scheduled together onto one node.",
    "ReplicationController": "A ReplicationController keeps a number of pod copies running: it "
    "creates pods from its template when there are too few and deletes some when there are too "
    "many. It is the older form of a ReplicaSet; a Deployment is the modern way.",
    "Service": "A Service gives a stable name and virtual IP to the pods its selector matches, "
    "and spreads connections over the ready ones.",
    "Endpoints": "Endpoints list the ready (and not ready) pod addresses behind a Service. The "
    "endpoints controller keeps them up to date.",
    "Event": "An Event records something that happened to an object (a pod was scheduled, an "
    "image pulled, a probe failed). Events expire after an hour.",
    "ResourceQuota": "A ResourceQuota caps what a namespace may use in total: pods, CPU, memory "
    "and object counts. A create that would go over is refused.",
    "LimitRange": "A LimitRange sets default, minimum and maximum resources for each container or "
    "pod created in its namespace.",
    "ServiceAccount": "A ServiceAccount is an identity for processes running in pods; RBAC "
    "bindings grant it permissions.",
    "ConfigMap": "A ConfigMap holds configuration as key-value pairs that pods read as "
    "environment variables or files.",
    "Secret": "A Secret holds small sensitive values (passwords, tokens, keys) base64-encoded in "
    "data; pods read them as environment variables or files.",
    "Deployment": "A Deployment declares the pods you want (a template and a replica count) and "
    "rolls changes out gradually through ReplicaSets, keeping old ones for rollback.",
    "ReplicaSet": "A ReplicaSet keeps a number of identical pods running. Deployments create and "
    "scale ReplicaSets; you rarely manage one directly.",
    "CronJob": "A CronJob creates a Job on a schedule (cron syntax: minute hour day-of-month "
    "month day-of-week), keeping the last few finished Jobs.",
    "StatefulSet": "A StatefulSet runs pods with stable names (<name>-0, <name>-1, ...), creates "
    "them in order and replaces them from the highest ordinal down, keeping its template history "
    "in ControllerRevisions.",
    "ControllerRevision": "A ControllerRevision is an immutable snapshot of a StatefulSet's or "
    "DaemonSet's pod template, kept for rollback.",
    "Job": "A Job runs pods until a number of them succeed: it creates pods from its template, "
    "replaces those that fail (up to its backoff limit) and is Complete when enough finished.",
    "HorizontalPodAutoscaler": "A HorizontalPodAutoscaler scales a Deployment, ReplicaSet or "
    "ReplicationController between minReplicas and maxReplicas from its pods' metrics (without a "
    "metrics API, as here, it only keeps the count within the bounds).",
    "PodDisruptionBudget": "A PodDisruptionBudget limits how many of the pods its selector "
    "matches may be evicted at once (kubectl drain evicts): an eviction that would leave fewer "
    "healthy pods than it allows is refused, and drain retries it.",
    "Ingress": "An Ingress routes HTTP(S) requests by host and path to Services. An ingress "
    "controller serves it; mkl runs none, so it is stored and printed only.",
    "IngressClass": "An IngressClass names an ingress controller; an Ingress picks one by "
    "spec.ingressClassName.",
    "PriorityClass": "A PriorityClass names a pod priority: pods that set priorityClassName get "
    "its value as spec.priority (a real scheduler places higher ones first and may preempt "
    "lower ones; mkl's does neither). Cluster-wide; "
    "system-node-critical and system-cluster-critical always exist.",
    "Role": "A Role is a set of permissions (verbs on resources) inside one namespace.",
    "RoleBinding": "A RoleBinding grants the permissions of a Role or ClusterRole to users, groups "
    "or service accounts, inside the binding's namespace.",
    "ClusterRole": "A ClusterRole is a set of permissions that can be granted cluster-wide or, "
    "through a RoleBinding, in one namespace.",
    "ClusterRoleBinding": "A ClusterRoleBinding grants a ClusterRole's permissions in every "
    "namespace.",
}

# Shown after a field's own description when the field's type is one of these structs.
TYPES: dict[str, str] = {
    "ObjectMeta": "ObjectMeta is the metadata every object has: name, namespace, labels, "
    "annotations and the fields the server fills in.",
    "LabelSelector": "A label selector matches objects by their labels: every matchLabels pair and "
    "every matchExpressions requirement must hold. An empty selector matches everything.",
    "PodTemplateSpec": "A pod template: the metadata and spec of the pods a controller creates.",
    "PodSpec": "What a pod runs and how: its containers, volumes, restart policy and scheduling.",
    "Container": "One container: the image to run, its command, ports, environment, resources and "
    "health checks.",
    "DeploymentSpec": "The desired state of a Deployment.",
    "DeploymentStrategy": "How a Deployment replaces old pods with new ones.",
    "RollingUpdateDeployment": "The limits of a rolling update: how far above and below the "
    "desired count the pods may go while it runs.",
    "DeploymentStatus": "What the deployment controller last observed.",
    "ReplicaSetSpec": "The desired state of a ReplicaSet.",
    "ReplicaSetStatus": "What the ReplicaSet controller last observed.",
    "ReplicationControllerSpec": "The desired state of a ReplicationController.",
    "ReplicationControllerStatus": "What the replication manager last observed.",
    "CronJobSpec": "When to run a Job and what it runs.",
    "CronJobStatus": "The Jobs running now and when one was last scheduled.",
    "JobTemplateSpec": "The Job a CronJob creates at each scheduled time.",
    "StatefulSetSpec": "The desired state of a StatefulSet.",
    "StatefulSetStatus": "What the statefulset controller last observed.",
    "StatefulSetUpdateStrategy": "How a StatefulSet replaces its pods when the template changes.",
    "RollingUpdateStatefulSetStrategy": "How far a rolling update of a StatefulSet goes.",
    "StatefulSetPersistentVolumeClaimRetentionPolicy": "What happens to the claims made from the "
    "volume claim templates when the set is deleted or scaled down.",
    "StatefulSetOrdinals": "The number the pods' ordinals start at.",
    "JobSpec": "The desired state of a Job: how many pods must succeed, how many run at once and "
    "how many failures it tolerates.",
    "JobStatus": "What the job controller last observed: pods active, succeeded and failed, and "
    "the Job's conditions.",
    "JobCondition": "One condition of a Job: Complete, Failed, Suspended, SuccessCriteriaMet or "
    "FailureTarget.",
    "ServiceSpec": "How a Service selects its pods and which ports it exposes.",
    "ServicePort": "One port of a Service and where it forwards.",
    "Probe": "A health check the kubelet runs against a container: an HTTP GET, a TCP connect, a "
    "gRPC call or a command.",
    "ResourceRequirements": "CPU and memory a container asks for (requests, used for scheduling) "
    "and may not exceed (limits).",
    "PodDisruptionBudgetSpec": "Which pods the budget covers and how many must stay available.",
    "PodDisruptionBudgetStatus": "What the disruption controller last observed: healthy pods, "
    "the pods it expects, and how many may be disrupted now.",
}

FIELDS: dict[str, str] = {
    # every object
    "*.apiVersion": "The API group and version of this object's schema, e.g. v1 or apps/v1.",
    "*.kind": "The type of this object, in CamelCase, e.g. Deployment.",
    "*.metadata": "The object's name, namespace, labels and annotations, plus the fields the "
    "server sets (uid, resourceVersion, creationTimestamp).",
    "*.spec": "The desired state: what you ask for.",
    "*.status": "The observed state, written by the system. Read-only for users.",
    # ObjectMeta
    "ObjectMeta.name": "The object's name, unique among objects of its kind in its namespace.",
    "ObjectMeta.generateName": "A prefix the server completes with random characters when name "
    "is empty (how controllers name pods).",
    "ObjectMeta.namespace": "The namespace the object lives in; empty means default for "
    "namespaced kinds.",
    "ObjectMeta.labels": "Key-value pairs used to select and group objects (selectors match on "
    "them).",
    "ObjectMeta.annotations": "Key-value pairs for tools and people, never used for selection "
    "(e.g. kubernetes.io/change-cause).",
    "ObjectMeta.uid": "A unique id the server assigns at creation. Read-only.",
    "ObjectMeta.resourceVersion": "Changes on every write; a write that names an old one fails "
    "with a conflict. Read-only.",
    "ObjectMeta.generation": "Counts changes to the spec; status.observedGeneration tells whether "
    "a controller has seen the latest one. Read-only.",
    "ObjectMeta.creationTimestamp": "When the object was created. Read-only.",
    "ObjectMeta.deletionTimestamp": "When a graceful deletion was requested; the object goes away "
    "once its finalizers and grace period are done. Read-only.",
    "ObjectMeta.deletionGracePeriodSeconds": "Seconds the object has to stop gracefully once "
    "deleted. Read-only.",
    "ObjectMeta.ownerReferences": "The objects this one belongs to; deleting the owner deletes it "
    "(a pod's owner is its ReplicaSet).",
    "ObjectMeta.finalizers": "Names of cleanups that must finish before the object is removed.",
    "ObjectMeta.managedFields": "Which client manages which fields (server-side apply).",
    # selectors
    "LabelSelector.matchLabels": "Labels an object must carry, all of them, with these values.",
    "LabelSelector.matchExpressions": "Requirements on labels: key In/NotIn values, Exists, "
    "DoesNotExist.",
    "LabelSelectorRequirement.key": "The label key the requirement is about.",
    "LabelSelectorRequirement.operator": "In, NotIn, Exists or DoesNotExist.",
    "LabelSelectorRequirement.values": "The values for In and NotIn; empty for Exists and "
    "DoesNotExist.",
    # Deployment
    "DeploymentSpec.replicas": "How many pods to run. Defaults to 1.",
    "DeploymentSpec.selector": "Which pods belong to this Deployment. It must match the "
    "template's labels and cannot change after creation.",
    "DeploymentSpec.template": "The pods to create. Changing it starts a rollout (a new "
    "ReplicaSet and a new revision).",
    "DeploymentSpec.strategy": "How old pods are replaced by new ones: RollingUpdate (default) or "
    "Recreate.",
    "DeploymentSpec.minReadySeconds": "How long a new pod must stay ready before it counts as "
    "available. Defaults to 0.",
    "DeploymentSpec.revisionHistoryLimit": "How many old ReplicaSets to keep for rollback. "
    "Defaults to 10.",
    "DeploymentSpec.paused": "While true, template changes are recorded but not rolled out.",
    "DeploymentSpec.progressDeadlineSeconds": "Seconds a rollout may go without progress before "
    "it is reported as failed (ProgressDeadlineExceeded). Defaults to 600.",
    "DeploymentStrategy.type": "RollingUpdate replaces pods a few at a time; Recreate deletes all "
    "old pods before creating new ones.",
    "DeploymentStrategy.rollingUpdate": "The surge and unavailability limits of a rolling update.",
    "RollingUpdateDeployment.maxSurge": "How many pods above the desired count may exist during "
    "the update: a number or a percentage (rounded up). Defaults to 25%.",
    "RollingUpdateDeployment.maxUnavailable": "How many of the desired pods may be unavailable "
    "during the update: a number or a percentage (rounded down). Defaults to 25%.",
    "DeploymentStatus.observedGeneration": "The generation the controller last acted on.",
    "DeploymentStatus.replicas": "Pods of all this Deployment's ReplicaSets.",
    "DeploymentStatus.updatedReplicas": "Pods created from the current template.",
    "DeploymentStatus.readyReplicas": "Pods whose readiness checks pass.",
    "DeploymentStatus.availableReplicas": "Pods ready for at least minReadySeconds.",
    "DeploymentStatus.unavailableReplicas": "Desired pods that are not available yet.",
    "DeploymentStatus.conditions": "Available and Progressing, with a reason and a message.",
    "DeploymentStatus.collisionCount": "Counts pod-template-hash collisions; part of new "
    "ReplicaSet names.",
    # ReplicaSet and ReplicationController
    "ReplicaSetSpec.replicas": "How many pods to keep running. Defaults to 1.",
    "ReplicaSetSpec.minReadySeconds": "How long a new pod must stay ready before it counts as "
    "available.",
    "ReplicaSetSpec.selector": "Which pods this ReplicaSet owns; it must match the template's "
    "labels.",
    "ReplicaSetSpec.template": "The pods to create when there are too few.",
    "ReplicaSetStatus.replicas": "Pods this ReplicaSet owns now.",
    "ReplicaSetStatus.readyReplicas": "Owned pods whose readiness checks pass.",
    "ReplicaSetStatus.availableReplicas": "Owned pods ready for at least minReadySeconds.",
    "ReplicaSetStatus.fullyLabeledReplicas": "Owned pods carrying all the template's labels.",
    "ReplicaSetStatus.observedGeneration": "The generation the controller last acted on.",
    "ReplicaSetStatus.conditions": "ReplicaFailure when pods cannot be created or deleted.",
    "ReplicationControllerSpec.replicas": "How many pods to keep running. Defaults to 1.",
    "ReplicationControllerSpec.minReadySeconds": "How long a new pod must stay ready before it "
    "counts as available.",
    "ReplicationControllerSpec.selector": "Labels (exact key-value pairs) of the pods this "
    "controller owns. Defaults to the template's labels. Unlike a ReplicaSet's, it may change.",
    "ReplicationControllerSpec.template": "The pods to create when there are too few.",
    "ReplicationControllerStatus.replicas": "Pods this controller owns now.",
    "ReplicationControllerStatus.readyReplicas": "Owned pods whose readiness checks pass.",
    "ReplicationControllerStatus.availableReplicas": "Owned pods ready for at least "
    "minReadySeconds.",
    "ReplicationControllerStatus.fullyLabeledReplicas": "Owned pods carrying all the template's "
    "labels.",
    "ReplicationControllerStatus.observedGeneration": "The generation the controller last acted "
    "on.",
    "ReplicationControllerStatus.conditions": "ReplicaFailure when pods cannot be created or "
    "deleted.",
    "CronJobSpec.schedule": "When to create a Job, in cron syntax (e.g. */5 * * * *) or @hourly, "
    "@daily ...",
    "CronJobSpec.timeZone": "The IANA time zone of the schedule (UTC when unset).",
    "CronJobSpec.startingDeadlineSeconds": "How late a Job may start after its scheduled time; "
    "a later one is skipped.",
    "CronJobSpec.concurrencyPolicy": "Allow (Jobs may overlap), Forbid (skip a run while one "
    "is active) or Replace (delete the active Job first).",
    "CronJobSpec.suspend": "Set to true to stop creating Jobs.",
    "CronJobSpec.jobTemplate": "The Job to create.",
    "CronJobSpec.successfulJobsHistoryLimit": "How many Complete Jobs to keep. Defaults to 3.",
    "CronJobSpec.failedJobsHistoryLimit": "How many Failed Jobs to keep. Defaults to 1.",
    "CronJobStatus.active": "The Jobs of this CronJob that run now.",
    "CronJobStatus.lastScheduleTime": "When a Job was last scheduled.",
    "CronJobStatus.lastSuccessfulTime": "When a Job last completed.",
    "StatefulSetSpec.replicas": "How many pods to run. Defaults to 1.",
    "StatefulSetSpec.selector": "Which pods belong to this StatefulSet. It must match the "
    "template's labels and cannot change.",
    "StatefulSetSpec.template": "The pods to create. Changing it starts a rolling update (a new "
    "ControllerRevision).",
    "StatefulSetSpec.volumeClaimTemplates": "Claims each pod gets, named <claim>-<set>-<ordinal> "
    "(minikube-lite stores them but simulates no volumes).",
    "StatefulSetSpec.serviceName": "The headless Service that gives the pods their DNS names "
    "(the pods' subdomain).",
    "StatefulSetSpec.podManagementPolicy": "OrderedReady (default: one pod at a time, each waiting "
    "for the one before to be Running and Ready) or Parallel.",
    "StatefulSetSpec.updateStrategy": "RollingUpdate (default) or OnDelete (pods are replaced only "
    "when you delete them).",
    "StatefulSetSpec.revisionHistoryLimit": "How many old ControllerRevisions to keep. Defaults to "
    "10.",
    "StatefulSetSpec.minReadySeconds": "How long a new pod must stay ready before it counts as "
    "available.",
    "StatefulSetSpec.persistentVolumeClaimRetentionPolicy": "Whether claims are retained or "
    "deleted with the set (Retain by default).",
    "StatefulSetSpec.ordinals": "Where the pods' ordinals start.",
    "StatefulSetUpdateStrategy.type": "RollingUpdate or OnDelete.",
    "StatefulSetUpdateStrategy.rollingUpdate": "The partition (and maxUnavailable) of a rolling "
    "update.",
    "RollingUpdateStatefulSetStrategy.partition": "Pods with an ordinal below this keep the old "
    "revision. Defaults to 0.",
    "RollingUpdateStatefulSetStrategy.maxUnavailable": "How many pods may be unavailable during "
    "an update (the MaxUnavailableStatefulSet feature).",
    "StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted": "Retain or Delete the claims "
    "when the set is deleted.",
    "StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled": "Retain or Delete the claims of "
    "the pods a scale-down removes.",
    "StatefulSetOrdinals.start": "The ordinal of the first pod. Defaults to 0.",
    "StatefulSetStatus.observedGeneration": "The generation the controller last acted on.",
    "StatefulSetStatus.replicas": "Pods the controller created.",
    "StatefulSetStatus.readyReplicas": "Pods that are Running and Ready.",
    "StatefulSetStatus.currentReplicas": "Pods of the current revision.",
    "StatefulSetStatus.updatedReplicas": "Pods of the update revision.",
    "StatefulSetStatus.currentRevision": "The ControllerRevision of the pods below the update.",
    "StatefulSetStatus.updateRevision": "The ControllerRevision of the current template.",
    "StatefulSetStatus.collisionCount": "Bumped when a revision name collides.",
    "StatefulSetStatus.conditions": "The StatefulSet's conditions.",
    "StatefulSetStatus.availableReplicas": "Pods ready for at least minReadySeconds.",
    "ControllerRevision.data": "The snapshot: a patch that restores the pod template.",
    "ControllerRevision.revision": "The revision number, as rollout history shows it.",
    "JobSpec.parallelism": "How many pods may run at the same time. Defaults to 1.",
    "JobSpec.completions": "How many pods must succeed for the Job to be Complete. Defaults to 1.",
    "JobSpec.activeDeadlineSeconds": "How long the Job may run before it is failed with "
    "DeadlineExceeded and its pods are deleted.",
    "JobSpec.backoffLimit": "How many pod failures the Job tolerates before it fails with "
    "BackoffLimitExceeded. Defaults to 6.",
    "JobSpec.selector": "Which pods this Job owns. Generated from the Job's uid unless "
    "manualSelector is true.",
    "JobSpec.manualSelector": "Set to true to write the selector yourself (rarely needed).",
    "JobSpec.template": "The pods to run. restartPolicy must be Never or OnFailure; the template "
    "cannot change after creation.",
    "JobSpec.ttlSecondsAfterFinished": "Delete the Job (and its pods) this many seconds after it "
    "finished.",
    "JobSpec.completionMode": "NonIndexed (any pods may succeed) or Indexed (one per index).",
    "JobSpec.suspend": "Set to true to stop the Job's pods; false resumes it.",
    "JobSpec.podReplacementPolicy": "When a replacement pod is created: TerminatingOrFailed (as "
    "soon as a pod is terminating) or Failed (once it has failed).",
    "JobStatus.active": "Pods of this Job that are pending or running.",
    "JobStatus.succeeded": "Pods of this Job that succeeded.",
    "JobStatus.failed": "Pods of this Job that failed.",
    "JobStatus.ready": "Active pods whose readiness checks pass.",
    "JobStatus.terminating": "Pods of this Job that are terminating.",
    "JobStatus.startTime": "When the job controller started the Job.",
    "JobStatus.completionTime": "When the Job completed (only set when it succeeded).",
    "JobStatus.conditions": "Complete or Failed once the Job has finished.",
    # pod templates and pods
    "PodTemplateSpec.metadata": "Labels and annotations every created pod gets (the selector "
    "matches these labels).",
    "PodTemplateSpec.spec": "The spec every created pod gets.",
    "PodSpec.containers": "The containers of the pod; at least one.",
    "PodSpec.initContainers": "Containers that run to completion, one after another, before the "
    "main containers start.",
    "PodSpec.volumes": "Storage the containers can mount: emptyDir, configMap, secret, "
    "persistentVolumeClaim and more.",
    "PodSpec.restartPolicy": "When the kubelet restarts exited containers: Always (the only value "
    "for Deployments), OnFailure or Never.",
    "PodSpec.terminationGracePeriodSeconds": "Seconds between SIGTERM and SIGKILL when the pod is "
    "deleted. Defaults to 30.",
    "PodSpec.nodeName": "The node the pod runs on, set by the scheduler (or by you to skip it).",
    "PodSpec.nodeSelector": "Labels a node must have for the pod to be scheduled there.",
    "PodSpec.serviceAccountName": "The ServiceAccount the pod runs as. Defaults to default.",
    "PodSpec.serviceAccount": "Deprecated name of serviceAccountName.",
    "PodSpec.hostname": "The pod's hostname; defaults to the pod's name.",
    "PodSpec.dnsPolicy": "How the pod resolves names. ClusterFirst (default) asks cluster DNS "
    "first.",
    "PodSpec.tolerations": "Taints of nodes this pod accepts.",
    "PodSpec.affinity": "Rules that attract the pod to (or repel it from) nodes and other pods.",
    "PodSpec.activeDeadlineSeconds": "Seconds the pod may run before the kubelet stops it.",
    "PodSpec.imagePullSecrets": "Secrets with registry credentials for pulling the images.",
    "PodSpec.securityContext": "Security settings for all containers (user, group, fsGroup).",
    "PodSpec.schedulerName": "The scheduler that places the pod. Defaults to default-scheduler.",
    "PodSpec.priority": "The pod's priority, filled in from priorityClassName.",
    "PodSpec.enableServiceLinks": "Whether Service addresses are injected as environment "
    "variables. Defaults to true.",
    # containers
    "Container.name": "The container's name, unique in the pod; used by logs -c, exec -c and set "
    "image.",
    "Container.image": "The image to run, e.g. nginx:1.27 or gasbugs/http-go:v1.",
    "Container.command": "Replaces the image's ENTRYPOINT. Not run in a shell.",
    "Container.args": "Replaces the image's CMD: the arguments to the command.",
    "Container.workingDir": "The directory the command starts in.",
    "Container.ports": "Ports the container listens on (informational; a Service's targetPort "
    "may name one).",
    "Container.env": "Environment variables to set, by value or from a ConfigMap, Secret or field.",
    "Container.envFrom": "Every key of a ConfigMap or Secret as an environment variable.",
    "Container.resources": "CPU and memory requests and limits.",
    "Container.volumeMounts": "Where the pod's volumes appear in this container's filesystem.",
    "Container.livenessProbe": "A check that restarts the container when it keeps failing.",
    "Container.readinessProbe": "A check that takes the pod out of Service endpoints while it "
    "fails. Rollouts wait for it.",
    "Container.startupProbe": "A check that holds the other probes back until the container has "
    "started.",
    "Container.lifecycle": "Hooks run after the container starts and before it stops.",
    "Container.imagePullPolicy": "When to pull the image: Always, IfNotPresent or Never. Defaults "
    "to Always for :latest (or no tag), else IfNotPresent.",
    "Container.securityContext": "Security settings for this container.",
    "Container.stdin": "Keep stdin open (kubectl run -i).",
    "Container.tty": "Allocate a terminal (kubectl run -t).",
    "Container.terminationMessagePath": "A file whose contents become the container's "
    "termination message.",
    "Container.terminationMessagePolicy": "File reads terminationMessagePath; "
    "FallbackToLogsOnError uses the log tail when that file is empty.",
    "ContainerPort.containerPort": "The port number the container listens on.",
    "ContainerPort.name": "A name for the port that Services can refer to.",
    "ContainerPort.protocol": "TCP (default), UDP or SCTP.",
    "ContainerPort.hostPort": "A port on the node forwarded to this one (rarely needed).",
    "ContainerPort.hostIP": "The node address the hostPort binds to.",
    "EnvVar.name": "The variable's name.",
    "EnvVar.value": "The variable's value; $(OTHER) expands another variable.",
    "EnvVar.valueFrom": "Take the value from a ConfigMap key, a Secret key, a pod field or a "
    "resource.",
    "ResourceRequirements.requests": "Resources the scheduler reserves for the container, e.g. "
    "cpu: 100m, memory: 64Mi.",
    "ResourceRequirements.limits": "Resources the container may not exceed; over the memory limit "
    "it is killed (OOMKilled).",
    "Probe.httpGet": "Succeeds when an HTTP GET answers with a 2xx or 3xx status.",
    "Probe.tcpSocket": "Succeeds when a TCP connection opens.",
    "Probe.exec": "Succeeds when a command exits 0.",
    "Probe.grpc": "Succeeds when a gRPC health check answers SERVING.",
    "Probe.initialDelaySeconds": "Seconds after the container starts before the first check.",
    "Probe.periodSeconds": "Seconds between checks. Defaults to 10.",
    "Probe.timeoutSeconds": "Seconds a check may take. Defaults to 1.",
    "Probe.successThreshold": "Consecutive successes that count as passing. Defaults to 1.",
    "Probe.failureThreshold": "Consecutive failures that count as failing. Defaults to 3.",
    "HTTPGetAction.path": "The path to request, e.g. /healthz.",
    "HTTPGetAction.port": "The port number or container port name to request.",
    "HTTPGetAction.scheme": "HTTP (default) or HTTPS.",
    "TCPSocketAction.port": "The port number or container port name to connect to.",
    "VolumeMount.name": "The pod volume to mount.",
    "VolumeMount.mountPath": "Where in the container the volume appears.",
    "VolumeMount.readOnly": "Mount read-only.",
    "VolumeMount.subPath": "Mount only this path inside the volume.",
    # Service
    "ServiceSpec.selector": "Labels of the pods this Service sends traffic to; kubectl set "
    "selector changes it.",
    "ServiceSpec.ports": "The ports the Service exposes.",
    "ServiceSpec.type": "ClusterIP (default: inside the cluster), NodePort (also on every node), "
    "LoadBalancer (also through a cloud load balancer) or ExternalName (a DNS alias).",
    "ServiceSpec.clusterIP": "The virtual IP, allocated when empty; None makes a headless Service.",
    "ServiceSpec.clusterIPs": "The virtual IPs (one per IP family); the first is clusterIP.",
    "ServiceSpec.externalName": "The DNS name an ExternalName Service aliases.",
    "ServiceSpec.sessionAffinity": "ClientIP sends a client's connections to the same pod; None "
    "(default) picks a pod per connection.",
    "ServiceSpec.externalTrafficPolicy": "Cluster (default) may forward to pods on other nodes; "
    "Local only to pods on the receiving node.",
    "ServiceSpec.internalTrafficPolicy": "Cluster (default) or Local, for traffic from inside "
    "the cluster.",
    "ServiceSpec.publishNotReadyAddresses": "List pods in the endpoints even before they are "
    "ready.",
    "ServicePort.port": "The port the Service listens on.",
    "ServicePort.targetPort": "The pod port traffic goes to: a number or a container port name. "
    "Defaults to port.",
    "ServicePort.nodePort": "The port on every node for NodePort and LoadBalancer Services "
    "(30000-32767, allocated when empty).",
    "ServicePort.name": "The port's name; required when a Service has more than one port.",
    "ServicePort.protocol": "TCP (default), UDP or SCTP.",
    # pod, node and endpoints status
    "PodStatus.phase": "Where the pod is in its life: Pending (not all containers started), "
    "Running, Succeeded or Failed (all containers ended), Unknown.",
    "PodStatus.conditions": "PodScheduled, Initialized, ContainersReady and Ready, each True or "
    "False with the last time it changed.",
    "PodStatus.podIP": "The pod's IP address, shared by its containers.",
    "PodStatus.hostIP": "The IP address of the node the pod runs on.",
    "PodStatus.startTime": "When the kubelet accepted the pod.",
    "PodStatus.containerStatuses": "One entry per container: ready, restart count and state.",
    "PodStatus.initContainerStatuses": "One entry per init container.",
    "PodStatus.qosClass": "The quality-of-service class from the resource requests and limits: "
    "Guaranteed, Burstable or BestEffort.",
    "PodStatus.reason": "A short reason when the pod failed, e.g. Evicted.",
    "PodStatus.message": "Details of why the pod is in this state.",
    "PodCondition.type": "Which condition: PodScheduled, Initialized, ContainersReady or Ready.",
    "PodCondition.status": "True, False or Unknown.",
    "ContainerStatus.name": "The container's name.",
    "ContainerStatus.ready": "Whether the readiness probe passes (true without one once it runs).",
    "ContainerStatus.restartCount": "How many times the container was restarted.",
    "ContainerStatus.state": "Now: waiting (with a reason such as ContainerCreating or "
    "CrashLoopBackOff), running or terminated.",
    "ContainerStatus.lastState": "How the previous run ended (what logs --previous shows).",
    "ContainerStatus.image": "The image the container runs.",
    "ContainerStatus.started": "Whether the startup probe passed (or the container started).",
    "ContainerStateWaiting.reason": "Why it waits, e.g. ContainerCreating, ErrImagePull, "
    "CrashLoopBackOff.",
    "ContainerStateTerminated.exitCode": "The exit code of the container's process.",
    "ContainerStateTerminated.reason": "Why it ended, e.g. Completed, Error, OOMKilled.",
    "NodeStatus.capacity": "The node's total resources (cpu, memory, pods).",
    "NodeStatus.allocatable": "What pods may use: capacity minus what the system reserves.",
    "NodeStatus.conditions": "Ready, MemoryPressure, DiskPressure, PIDPressure.",
    "NodeSpec.unschedulable": "When true (kubectl cordon), no new pods are scheduled here.",
    "EndpointSubset.addresses": "Ready pods: traffic goes to these.",
    "EndpointSubset.notReadyAddresses": "Pods that exist but are not ready yet.",
    "EndpointSubset.ports": "The ports the addresses listen on.",
    "EndpointAddress.ip": "The pod's IP address.",
    "EndpointAddress.targetRef": "The pod behind the address.",
    "ObjectReference.kind": "The kind of the object referred to.",
    "ObjectReference.name": "Its name.",
    "ObjectReference.namespace": "Its namespace.",
    "EventSource.component": "The component that reported the event, e.g. kubelet.",
    # config and RBAC
    "ConfigMap.data": "The configuration: string keys and values.",
    "ConfigMap.binaryData": "Binary values, base64-encoded.",
    "ConfigMap.immutable": "When true, data cannot change any more (only deletion).",
    "Secret.data": "The secret values, base64-encoded.",
    "Secret.stringData": "Plain-text values written into data on the next write (never read back).",
    "Secret.type": "What the secret holds, e.g. Opaque, kubernetes.io/tls, "
    "kubernetes.io/dockerconfigjson.",
    "Secret.immutable": "When true, data cannot change any more (only deletion).",
    "Role.rules": "The permissions: each rule allows verbs on resources of API groups.",
    "ClusterRole.rules": "The permissions: each rule allows verbs on resources of API groups.",
    "PolicyRule.verbs": "What may be done: get, list, watch, create, update, patch, delete or *.",
    "PolicyRule.apiGroups": 'API groups of the resources; "" is the core group.',
    "PolicyRule.resources": "Resource names, e.g. pods, deployments, pods/log; * for all.",
    "PolicyRule.resourceNames": "Limit the rule to objects with these names.",
    "RoleBinding.roleRef": "The Role or ClusterRole granted. Cannot change after creation.",
    "RoleBinding.subjects": "Who gets the permissions: users, groups or service accounts.",
    "ClusterRoleBinding.roleRef": "The ClusterRole granted. Cannot change after creation.",
    "ClusterRoleBinding.subjects": "Who gets the permissions: users, groups or service accounts.",
    "Subject.kind": "User, Group or ServiceAccount.",
    "Subject.name": "The user's, group's or service account's name.",
    "Subject.namespace": "The service account's namespace.",
    "RoleRef.kind": "Role or ClusterRole.",
    "RoleRef.name": "The role's name.",
    "RoleRef.apiGroup": "rbac.authorization.k8s.io.",
    # quotas and limits
    "ResourceQuotaSpec.hard": "The caps, e.g. pods: 10, requests.cpu: 2, limits.memory: 4Gi.",
    "ResourceQuotaStatus.hard": "The caps being enforced.",
    "ResourceQuotaStatus.used": "What the namespace uses now.",
    "HorizontalPodAutoscalerSpec.scaleTargetRef": "The object to scale (kind, name, apiVersion).",
    "HorizontalPodAutoscalerSpec.minReplicas": "The fewest replicas to scale down to (default 1).",
    "HorizontalPodAutoscalerSpec.maxReplicas": "The most replicas to scale up to.",
    "HorizontalPodAutoscalerSpec.metrics": "What to scale on (default: 80% average CPU "
    "utilization).",
    "HorizontalPodAutoscalerSpec.behavior": "Scale-up and scale-down rules (stabilization "
    "windows, policies).",
    "LimitRangeSpec.limits": "The limits, one item per type (Container, Pod).",
    "LimitRangeItem.type": "What the item applies to: Container or Pod.",
    "LimitRangeItem.default": "Limits a container gets when it sets none.",
    "LimitRangeItem.defaultRequest": "Requests a container gets when it sets none.",
    "LimitRangeItem.max": "The most a container (or pod) may ask for.",
    "LimitRangeItem.min": "The least a container (or pod) must ask for.",
    "NamespaceStatus.phase": "Active, or Terminating while its content is deleted.",
    "Event.reason": "A short CamelCase cause, e.g. Scheduled, Pulled, BackOff.",
    "Event.message": "What happened, in words.",
    "Event.type": "Normal or Warning.",
    "Event.count": "How many times this event happened.",
    "Event.involvedObject": "The object the event is about.",
    "Event.firstTimestamp": "When it first happened.",
    "Event.lastTimestamp": "When it last happened.",
    "ServiceAccount.secrets": "Secrets for this account (legacy tokens).",
    "ServiceAccount.imagePullSecrets": "Registry credentials added to pods using this account.",
    # PodDisruptionBudgets
    "PodDisruptionBudgetSpec.minAvailable": "How many selected pods must stay available after "
    "an eviction: a number, or a percent of the pods' controllers' replicas. Set this or "
    "maxUnavailable, not both.",
    "PodDisruptionBudgetSpec.maxUnavailable": "How many selected pods may be unavailable after "
    "an eviction: a number or a percent of the controllers' replicas.",
    "PodDisruptionBudgetSpec.selector": "Which pods of the namespace the budget covers; {} "
    "selects them all.",
    "PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy": "Whether pods that are not ready may "
    "be evicted regardless of the budget: IfHealthyBudget (the default: only while the budget "
    "is met) or AlwaysAllow.",
    "PodDisruptionBudgetStatus.disruptionsAllowed": "How many more evictions are allowed now.",
    "PodDisruptionBudgetStatus.currentHealthy": "Selected pods that are ready.",
    "PodDisruptionBudgetStatus.desiredHealthy": "Ready pods the budget requires.",
    "PodDisruptionBudgetStatus.expectedPods": "Pods the budget expects (the pods it counts, or "
    "its controllers' replicas for a percent).",
    "PodDisruptionBudgetStatus.disruptedPods": "Pods whose eviction the API server approved but "
    "which have not gone yet (counted as gone for two minutes).",
    "PodDisruptionBudgetStatus.observedGeneration": "The generation of the spec last observed.",
    "PodDisruptionBudgetStatus.conditions": "DisruptionAllowed: True (SufficientPods) while an "
    "eviction may happen, else False (InsufficientPods or SyncFailed).",
    # Ingresses
    "IngressSpec.ingressClassName": "The IngressClass (controller) that serves this Ingress.",
    "IngressSpec.defaultBackend": "Where requests no rule matches go.",
    "IngressSpec.tls": "Hosts served over TLS and the Secret holding their certificate.",
    "IngressSpec.rules": "Host and path rules, each sending requests to a backend Service.",
    "HTTPIngressPath.path": "The path to match (absolute for Exact and Prefix).",
    "HTTPIngressPath.pathType": "Exact, Prefix (by path elements) or ImplementationSpecific.",
    "IngressServiceBackend.name": "The Service's name.",
    "IngressServiceBackend.port": "The Service port, by number or by name.",
    "IngressStatus.loadBalancer": "Where the ingress controller serves it (empty here: no "
    "controller runs).",
    "IngressClassSpec.controller": "The controller's name, e.g. k8s.io/ingress-nginx.",
    # PriorityClasses
    "PriorityClass.value": "The priority its pods get; user classes go up to 1000000000.",
    "PriorityClass.globalDefault": "Pods without a priorityClassName get this class (at most one "
    "class may say true).",
    "PriorityClass.description": "When to use this class, in words.",
    "PriorityClass.preemptionPolicy": "PreemptLowerPriority (default: its pods may preempt "
    "lower-priority pods) or Never. Cannot change after creation.",
}


def field(struct: str, name: str) -> str:
    """The description of ``struct.name`` ("" when there is none); a kind's apiVersion, kind,
    metadata, spec and status fall back to the words every object shares."""
    text = FIELDS.get(f"{struct}.{name}")
    if text is None and struct in KINDS:
        text = FIELDS.get(f"*.{name}")
    return text or ""
