"""API-server defaulting (``pkg/apis/{apps,core,rbac}/v1/defaults.go`` plus the REST-layer fills).

``default_object(obj)`` mutates an API object in place so its JSON matches what a 1.34 API server
stores: defaulted fields, always-serialized empty structs (``resources: {}``), canonical quantity
strings (``cpu: 0.5`` is stored as ``500m``).  It is idempotent, so it can run on every write.
Pipeline order: ``schema.check_decode`` -> ``default_object`` -> ``validation.check``.
IP/nodePort allocation, service-account and other admission plugins are not done here.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

from minikube_lite.api.objects import Obj, deepcopy
from minikube_lite.api.quantity import QuantityError, canonicalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_DOMAIN_PART = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_PART}(?:\.{_DOMAIN_PART})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_IMAGE_PATTERN = (
    rf"(?P<name>(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*)"
    r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
    r"(?:@(?P<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?"
)
_image_ref: re.Pattern[str] | None = None
_SYSTEM_PRIORITIES = {"system-node-critical": 2000001000, "system-cluster-critical": 2000000000}
_FILE_MODE_SOURCES = ("secret", "configMap", "downwardAPI", "projected")


def parse_image(image: str) -> tuple[str, str, str] | None:
    """parsers.ParseImageName: (repository, tag, digest); tag ``latest`` if neither;
    None if invalid.
    """
    global _image_ref  # compiled on first use: start-up time matters
    if _image_ref is None:
        _image_ref = re.compile(_IMAGE_PATTERN, re.ASCII)
    m = _image_ref.fullmatch(image)
    if m is None or len(m.group("name")) > 255:
        return None
    tag, digest = m.group("tag") or "", m.group("digest") or ""
    return m.group("name"), (tag or ("" if digest else "latest")), digest


def image_pull_policy(image: str) -> str:
    """SetDefaults_Container's rule: Always for tag ``latest`` (or no tag and no digest)."""
    parsed = parse_image(image)
    return "Always" if parsed is not None and parsed[1] == "latest" else "IfNotPresent"


def _canon_map(m: Any) -> None:
    """Rewrite every quantity value of a ResourceList in its stored (canonical) form."""
    if not isinstance(m, dict):
        return
    for k, v in m.items():
        if isinstance(v, (str, int, float)) and not isinstance(v, bool):
            with contextlib.suppress(QuantityError):
                m[k] = canonicalize(v)


def _drop_empty(d: Obj, *keys: str) -> None:
    """Go's omitempty on maps: an empty map is not serialized."""
    for k in keys:
        if k in d and not d[k]:
            del d[k]


# --------------------------------------------------------------------------------------------
# containers and pod specs


def default_handler(h: Any) -> None:
    """SetDefaults_HTTPGetAction for a probe or lifecycle handler."""
    if isinstance(h, dict) and isinstance(h.get("httpGet"), dict):
        if not h["httpGet"].get("path"):
            h["httpGet"]["path"] = "/"
        if not h["httpGet"].get("scheme"):
            h["httpGet"]["scheme"] = "HTTP"


def default_probe(p: Any) -> None:
    """SetDefaults_Probe: zero values become 1/10/1/3."""
    if not isinstance(p, dict):
        return
    for field, value in (
        ("timeoutSeconds", 1),
        ("periodSeconds", 10),
        ("successThreshold", 1),
        ("failureThreshold", 3),
    ):
        if not p.get(field):
            p[field] = value
    default_handler(p)


def _default_env(c: Obj) -> None:
    for ev in c.get("env") or []:
        vf = ev.get("valueFrom") if isinstance(ev, dict) else None
        if isinstance(vf, dict):
            _default_field_refs(vf)


def _default_field_refs(holder: Obj) -> None:
    """SetDefaults_ObjectFieldSelector (apiVersion v1) and the always-serialized divisor."""
    if isinstance(holder.get("fieldRef"), dict) and not holder["fieldRef"].get("apiVersion"):
        holder["fieldRef"]["apiVersion"] = "v1"
    rf = holder.get("resourceFieldRef")
    if isinstance(rf, dict):
        rf.setdefault("divisor", "0")
        _canon_field(rf, "divisor")


def _canon_field(d: Obj, key: str) -> None:
    if key in d and d[key] is not None:
        tmp = {key: d[key]}
        _canon_map(tmp)
        d[key] = tmp[key]


def default_container(c: Any) -> None:
    """SetDefaults_Container + ContainerPort/Probe/handler defaults;
    ``resources`` always present.
    """
    if not isinstance(c, dict):
        return
    if not c.get("imagePullPolicy"):
        c["imagePullPolicy"] = image_pull_policy(str(c.get("image") or ""))
    if not c.get("terminationMessagePath"):
        c["terminationMessagePath"] = "/dev/termination-log"
    if not c.get("terminationMessagePolicy"):
        c["terminationMessagePolicy"] = "File"
    for port in c.get("ports") or []:
        if isinstance(port, dict) and not port.get("protocol"):
            port["protocol"] = "TCP"
    res = c.get("resources")
    if not isinstance(res, dict):
        res = c["resources"] = {}
    _canon_map(res.get("limits"))
    _canon_map(res.get("requests"))
    _drop_empty(res, "limits", "requests")
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        default_probe(c.get(probe))
    lc = c.get("lifecycle")
    if isinstance(lc, dict):
        default_handler(lc.get("postStart"))
        default_handler(lc.get("preStop"))
    _default_env(c)


def default_volume(v: Any) -> None:
    """SetDefaults_Volume (no source -> emptyDir) and the per-source defaults."""
    if not isinstance(v, dict):
        return
    if not any(k != "name" and v.get(k) is not None for k in v):
        v["emptyDir"] = {}
    for src in _FILE_MODE_SOURCES:
        if isinstance(v.get(src), dict) and v[src].get("defaultMode") is None:
            v[src]["defaultMode"] = 420
    if isinstance(v.get("hostPath"), dict) and v["hostPath"].get("type") is None:
        v["hostPath"]["type"] = ""
    if isinstance(v.get("emptyDir"), dict):
        _canon_field(v["emptyDir"], "sizeLimit")
    for item in (v.get("downwardAPI") or {}).get("items") or []:
        if isinstance(item, dict):
            _default_field_refs(item)
    for source in (v.get("projected") or {}).get("sources") or []:
        _default_projection(source)


def _default_projection(source: Any) -> None:
    if not isinstance(source, dict):
        return
    sat = source.get("serviceAccountToken")
    if isinstance(sat, dict) and sat.get("expirationSeconds") is None:
        sat["expirationSeconds"] = 3600
    for item in (source.get("downwardAPI") or {}).get("items") or []:
        if isinstance(item, dict):
            _default_field_refs(item)


def default_pod_spec(spec: Any) -> None:
    """SetDefaults_PodSpec plus container and volume defaults (templates and pods)."""
    if not isinstance(spec, dict):
        return
    if not spec.get("dnsPolicy"):
        spec["dnsPolicy"] = "ClusterFirst"
    if not spec.get("restartPolicy"):
        spec["restartPolicy"] = "Always"
    if not isinstance(spec.get("securityContext"), dict):
        spec["securityContext"] = {}
    if spec.get("terminationGracePeriodSeconds") is None:
        spec["terminationGracePeriodSeconds"] = 30
    if not spec.get("schedulerName"):
        spec["schedulerName"] = "default-scheduler"
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for c in spec.get(key) or []:
            default_container(c)
    for v in spec.get("volumes") or []:
        default_volume(v)
    _canon_map(spec.get("overhead"))
    if isinstance(spec.get("resources"), dict):
        _canon_map(spec["resources"].get("limits"))
        _canon_map(spec["resources"].get("requests"))


def default_pod_template(tpl: Any) -> None:
    """A PodTemplateSpec: ``metadata`` and ``spec`` are always serialized."""
    if not isinstance(tpl, dict):
        return
    if not isinstance(tpl.get("metadata"), dict):
        tpl["metadata"] = {}
    if not isinstance(tpl.get("spec"), dict):
        tpl["spec"] = {}
    default_pod_spec(tpl["spec"])


def default_pod_only(pod: Obj) -> None:
    """SetDefaults_Pod extras + Priority admission: enableServiceLinks, priority,
    requests from limits.
    """
    spec = pod.setdefault("spec", {})
    if spec.get("enableServiceLinks") is None:
        spec["enableServiceLinks"] = True
    if spec.get("priority") is None:
        spec["priority"] = _SYSTEM_PRIORITIES.get(spec.get("priorityClassName") or "", 0)
    if spec.get("preemptionPolicy") is None:
        spec["preemptionPolicy"] = "PreemptLowerPriority"
    for key in ("initContainers", "containers"):
        for c in spec.get(key) or []:
            _requests_from_limits(c)
            if spec.get("hostNetwork"):
                for port in c.get("ports") or []:
                    if not port.get("hostPort"):
                        port["hostPort"] = port.get("containerPort")


def _requests_from_limits(c: Obj) -> None:
    res = c.get("resources") or {}
    limits = res.get("limits")
    if not limits:
        return
    requests = res.setdefault("requests", {})
    for k, v in limits.items():
        requests.setdefault(k, v)


def default_pod(pod: Obj) -> None:
    """Everything a directly created Pod gets (spec defaults + pod-only extras)."""
    spec = pod.setdefault("spec", {})
    default_pod_spec(spec)
    default_pod_only(pod)


# --------------------------------------------------------------------------------------------
# per kind


def default_deployment(d: Obj) -> None:
    """apps/v1 SetDefaults_Deployment."""
    spec = d.setdefault("spec", {})
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    strategy = spec.get("strategy")
    if not isinstance(strategy, dict):
        strategy = spec["strategy"] = {}
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        ru = strategy.get("rollingUpdate")
        if not isinstance(ru, dict):
            ru = strategy["rollingUpdate"] = {}
        for key in ("maxUnavailable", "maxSurge"):
            if ru.get(key) is None:
                ru[key] = "25%"
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    if spec.get("progressDeadlineSeconds") is None:
        spec["progressDeadlineSeconds"] = 600
    spec.setdefault("template", {})
    default_pod_template(spec["template"])
    d.setdefault("status", {})


def default_replicaset(rs: Obj) -> None:
    """apps/v1 SetDefaults_ReplicaSet (status.replicas is never omitted)."""
    spec = rs.setdefault("spec", {})
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    spec.setdefault("template", {})
    default_pod_template(spec["template"])
    status = rs.setdefault("status", {})
    if isinstance(status, dict):
        status.setdefault("replicas", 0)


def default_statefulset(sts: Obj) -> None:
    """apps/v1 SetDefaults_StatefulSet: podManagementPolicy OrderedReady, updateStrategy
    RollingUpdate with partition 0 (a RollingUpdate written without rollingUpdate gets none),
    persistentVolumeClaimRetentionPolicy Retain/Retain, replicas 1, revisionHistoryLimit 10."""
    spec = sts.setdefault("spec", {})
    if not isinstance(spec, dict):
        return
    if not spec.get("podManagementPolicy"):
        spec["podManagementPolicy"] = "OrderedReady"
    _default_statefulset_strategy(spec)
    policy = spec.get("persistentVolumeClaimRetentionPolicy")
    if not isinstance(policy, dict):
        policy = spec["persistentVolumeClaimRetentionPolicy"] = {}
    for key in ("whenDeleted", "whenScaled"):
        if not policy.get(key):
            policy[key] = "Retain"
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    spec.setdefault("template", {})
    default_pod_template(spec["template"])
    claims = spec.get("volumeClaimTemplates")
    if isinstance(claims, list):
        spec["volumeClaimTemplates"] = [_default_claim_template(c) for c in claims]
    status = sts.setdefault("status", {})
    if isinstance(status, dict):
        status.setdefault("replicas", 0)
        status.setdefault("availableReplicas", 0)


def _default_statefulset_strategy(spec: Obj) -> None:
    strategy = spec.get("updateStrategy")
    if not isinstance(strategy, dict):
        strategy = spec["updateStrategy"] = {}
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
        if strategy.get("rollingUpdate") is None:
            strategy["rollingUpdate"] = {}
    ru = strategy.get("rollingUpdate")
    if strategy["type"] == "RollingUpdate" and isinstance(ru, dict) and ru.get("partition") is None:
        ru["partition"] = 0


def _default_claim_template(claim: Any) -> Any:
    """A volumeClaimTemplates entry as stored: a v1 PersistentVolumeClaim (volumeMode
    Filesystem, status phase Pending)."""
    if not isinstance(claim, dict):
        return claim
    out: Obj = {"apiVersion": "v1", "kind": "PersistentVolumeClaim"}
    out.update(claim)
    if isinstance(out.get("spec"), dict):
        out["spec"].setdefault("resources", {})  # (VolumeResourceRequirements: no omitempty)
        out["spec"].setdefault("volumeMode", "Filesystem")
    out.setdefault("status", {"phase": "Pending"})
    return out


def default_replication_controller(rc: Obj) -> None:
    """core/v1 SetDefaults_ReplicationController: an empty selector (and empty labels) become the
    template's labels; replicas default to 1; status.replicas is never omitted."""
    spec = rc.setdefault("spec", {})
    tmpl = spec.get("template")
    tlabels = (tmpl.get("metadata") or {}).get("labels") if isinstance(tmpl, dict) else None
    if tlabels:
        if not spec.get("selector"):
            spec["selector"] = dict(tlabels)
        meta = rc.setdefault("metadata", {})
        if not meta.get("labels"):
            meta["labels"] = dict(tlabels)
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    if isinstance(tmpl, dict):
        default_pod_template(tmpl)
    status = rc.setdefault("status", {})
    if isinstance(status, dict):
        status.setdefault("replicas", 0)


def default_job(job: Obj) -> None:
    """batch/v1 SetDefaults_Job: completions and parallelism 1 when neither is set (parallelism
    1 when only it is missing), backoffLimit 6 (MaxInt32 with backoffLimitPerIndex),
    completionMode NonIndexed, suspend and manualSelector false, podReplacementPolicy
    TerminatingOrFailed (Failed with a podFailurePolicy)."""
    spec = job.setdefault("spec", {})
    if not isinstance(spec, dict):
        return
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
    if spec.get("parallelism") is None:
        spec["parallelism"] = 1
    if spec.get("backoffLimit") is None:
        per_index = spec.get("backoffLimitPerIndex") is not None
        spec["backoffLimit"] = 2147483647 if per_index else 6
    if spec.get("completionMode") is None:
        spec["completionMode"] = "NonIndexed"
    if spec.get("suspend") is None:
        spec["suspend"] = False
    if spec.get("podReplacementPolicy") is None:
        failed = spec.get("podFailurePolicy") is not None
        spec["podReplacementPolicy"] = "Failed" if failed else "TerminatingOrFailed"
    if spec.get("manualSelector") is None:
        spec["manualSelector"] = False
    spec.setdefault("template", {})
    default_pod_template(spec["template"])
    job.setdefault("status", {})


def default_cronjob(cj: Obj) -> None:
    """batch/v1 SetDefaults_CronJob: concurrencyPolicy Allow, suspend false, history limits 3
    successful and 1 failed; the job template's pod template gets its defaults (not the Job's:
    those come when the Job is created)."""
    spec = cj.setdefault("spec", {})
    if not isinstance(spec, dict):
        return
    if not spec.get("concurrencyPolicy"):
        spec["concurrencyPolicy"] = "Allow"
    if spec.get("suspend") is None:
        spec["suspend"] = False
    if spec.get("successfulJobsHistoryLimit") is None:
        spec["successfulJobsHistoryLimit"] = 3
    if spec.get("failedJobsHistoryLimit") is None:
        spec["failedJobsHistoryLimit"] = 1
    jt = spec.get("jobTemplate")
    if isinstance(jt, dict) and isinstance(jt.get("spec"), dict):
        jt["spec"].setdefault("template", {})
        default_pod_template(jt["spec"]["template"])
    cj.setdefault("status", {})


def default_priority_class(pc: Obj) -> None:
    """scheduling/v1 SetDefaults_PriorityClass: preemptionPolicy PreemptLowerPriority; the
    fields in the struct's order."""
    if pc.get("preemptionPolicy") is None:
        pc["preemptionPolicy"] = "PreemptLowerPriority"
    if pc.get("value") is None:
        pc["value"] = 0
    from minikube_lite.api import scheduling

    ordered = scheduling.ordered(pc)
    pc.clear()
    pc.update(ordered)


def _externally_accessible(spec: Obj) -> bool:
    return spec.get("type") in ("NodePort", "LoadBalancer") or (
        spec.get("type") == "ClusterIP" and bool(spec.get("externalIPs"))
    )


def default_service(svc: Obj) -> None:
    """SetDefaults_Service plus the REST layer's ipFamilies/ipFamilyPolicy (single-stack IPv4)."""
    spec = svc.setdefault("spec", {})
    if not spec.get("sessionAffinity"):
        spec["sessionAffinity"] = "None"
    if spec["sessionAffinity"] == "None":
        spec.pop("sessionAffinityConfig", None)
    if not spec.get("type"):
        spec["type"] = "ClusterIP"
    for port in spec.get("ports") or []:
        if isinstance(port, dict):
            _default_service_port(port)
    _default_traffic_policies(spec)
    if spec["type"] != "ExternalName":
        _default_ip_families(spec)
    status = svc.setdefault("status", {})
    if isinstance(status, dict):
        status.setdefault("loadBalancer", {})


def _default_service_port(port: Obj) -> None:
    if not port.get("protocol"):
        port["protocol"] = "TCP"
    if port.get("targetPort") in (None, 0, ""):
        port["targetPort"] = port.get("port") or 0


def _default_traffic_policies(spec: Obj) -> None:
    if _externally_accessible(spec) and not spec.get("externalTrafficPolicy"):
        spec["externalTrafficPolicy"] = "Cluster"
    if spec.get("internalTrafficPolicy") is None and spec["type"] in (
        "ClusterIP",
        "NodePort",
        "LoadBalancer",
    ):
        spec["internalTrafficPolicy"] = "Cluster"
    if spec["type"] == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts") is None:
        spec["allocateLoadBalancerNodePorts"] = True


def _default_ip_families(spec: Obj) -> None:
    """initIPFamilyFields (pkg/registry/core/service/storage/alloc.go): single-stack IPv4."""
    if spec.get("ipFamilyPolicy") is None:
        headless_no_selector = spec.get("clusterIP") == "None" and not spec.get("selector")
        spec["ipFamilyPolicy"] = "RequireDualStack" if headless_no_selector else "SingleStack"
    if not spec.get("ipFamilies"):
        spec["ipFamilies"] = ["IPv4"]


def default_namespace(ns: Obj) -> None:
    """SetDefaults_Namespace label, the strategy's ``kubernetes`` finalizer, phase Active."""
    meta = ns.setdefault("metadata", {})
    name = meta.get("name")
    if name:
        meta.setdefault("labels", {})["kubernetes.io/metadata.name"] = name
    spec = ns.setdefault("spec", {})
    if not spec.get("finalizers"):
        spec["finalizers"] = ["kubernetes"]
    status = ns.setdefault("status", {})
    if not status.get("phase"):
        status["phase"] = "Active"


def default_secret(secret: Obj) -> None:
    """SetDefaults_Secret (type Opaque); stringData is merged into data as the server stores it."""
    if not secret.get("type"):
        secret["type"] = "Opaque"
    string_data = secret.pop("stringData", None)
    if isinstance(string_data, dict) and string_data:
        import base64

        data = secret.get("data")
        if not isinstance(data, dict):
            data = secret["data"] = {}
        for k, v in string_data.items():
            data[k] = base64.b64encode(str(v).encode()).decode()


def default_limit_range(lr: Obj) -> None:
    """SetDefaults_LimitRangeItem: default <- max, defaultRequest <- default <- min (Container)."""
    for item in (lr.get("spec") or {}).get("limits") or []:
        if not isinstance(item, dict):
            continue
        for key in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"):
            _canon_map(item.get(key))
        if item.get("type") != "Container":
            continue
        default = item.setdefault("default", {})
        request = item.setdefault("defaultRequest", {})
        for k, v in (item.get("max") or {}).items():
            default.setdefault(k, v)
        for k, v in default.items():
            request.setdefault(k, v)
        for k, v in (item.get("min") or {}).items():
            request.setdefault(k, v)
        _drop_empty(item, "default", "defaultRequest")


def default_resource_quota(rq: Obj) -> None:
    """Quantities of a ResourceQuota are stored canonically."""
    _canon_map((rq.get("spec") or {}).get("hard"))
    for key in ("hard", "used"):
        _canon_map((rq.get("status") or {}).get(key))


def default_binding(b: Obj) -> None:
    """rbac/v1 SetDefaults_RoleBinding/ClusterRoleBinding/Subject."""
    ref = b.get("roleRef")
    if isinstance(ref, dict) and not ref.get("apiGroup"):
        ref["apiGroup"] = "rbac.authorization.k8s.io"
    for sub in b.get("subjects") or []:
        if (
            isinstance(sub, dict)
            and not sub.get("apiGroup")
            and sub.get("kind") in ("User", "Group")
        ):
            sub["apiGroup"] = "rbac.authorization.k8s.io"


# autoscaling/v2 defaults.go: the HPA's default scaling rules (used when spec.behavior is given).
_SCALE_UP_RULES = {
    "stabilizationWindowSeconds": 0,
    "selectPolicy": "Max",
    "policies": [
        {"type": "Pods", "value": 4, "periodSeconds": 15},
        {"type": "Percent", "value": 100, "periodSeconds": 15},
    ],
}
_SCALE_DOWN_RULES = {
    "selectPolicy": "Max",
    "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}],
}


def default_horizontal_pod_autoscaler(hpa: Obj) -> None:
    """autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas 1, a CPU target of 80%
    when no metric is given, and a given behavior's missing rules filled in
    (GenerateHPAScaleUpRules, GenerateHPAScaleDownRules)."""
    status = hpa.get("status")
    if isinstance(status, dict):  # fields Go always serializes (no omitempty)
        status.setdefault("desiredReplicas", 0)
        status.setdefault("currentMetrics", None)
    spec = hpa.get("spec")
    if not isinstance(spec, dict):
        return
    spec.setdefault("minReplicas", 1)
    if not spec.get("metrics"):
        target = {"type": "Utilization", "averageUtilization": 80}
        spec["metrics"] = [{"type": "Resource", "resource": {"name": "cpu", "target": target}}]
    behavior = spec.get("behavior")
    if isinstance(behavior, dict):
        for key, rules in (("scaleUp", _SCALE_UP_RULES), ("scaleDown", _SCALE_DOWN_RULES)):
            given = behavior.get(key)
            merged = deepcopy(rules)
            if isinstance(given, dict):
                merged.update({k: v for k, v in given.items() if v is not None})
            behavior[key] = merged


_BY_KIND: dict[str, Callable[[Obj], None]] = {
    "Deployment": default_deployment,
    "ReplicaSet": default_replicaset,
    "ReplicationController": default_replication_controller,
    "StatefulSet": default_statefulset,
    "Job": default_job,
    "CronJob": default_cronjob,
    "Pod": default_pod,
    "Service": default_service,
    "Namespace": default_namespace,
    "Secret": default_secret,
    "LimitRange": default_limit_range,
    "ResourceQuota": default_resource_quota,
    "RoleBinding": default_binding,
    "ClusterRoleBinding": default_binding,
    "HorizontalPodAutoscaler": default_horizontal_pod_autoscaler,
    "PriorityClass": default_priority_class,
}


def default_object(obj: Obj) -> None:
    """scheme.Default(obj) for every kind mkl serves (JSON nulls dropped first,
    as decoding does).
    """
    from minikube_lite.api.schema import drop_nulls

    drop_nulls(obj)
    fn = _BY_KIND.get(str(obj.get("kind") or ""))
    if fn is not None:
        fn(obj)
