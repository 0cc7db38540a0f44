"""Admission for pods and for every create: LimitRanger, ServiceAccount, Priority,
ResourceQuota.

The chain follows kube-apiserver's plugin order: the mutating phase runs LimitRanger.Admit
(defaults, ``kubernetes.io/limit-ranger``) then ServiceAccount.Admit (+ DefaultTolerationSeconds);
the validating phase runs LimitRanger.Validate (min/max/ratio) then ResourceQuota
(plugin/pkg/admission/limitranger, serviceaccount, priority, resourcequota).  The Priority
plugin (``admitPod``, ``admitPriorityClass``, ``getDefaultPriorityClass``) resolves a pod's
priorityClassName (or the globalDefault class) to spec.priority and preemptionPolicy.  Each
plugin either mutates the object or raises ForbiddenError with upstream's
``admission.NewForbidden`` text: ``<resource> "<name>" is forbidden: <reason>`` (the name is the
generateName while the server has not named the pod).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.store.cluster import Cluster

TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"  # DefaultAPITokenMountPath


def forbidden(kind: str, obj: Obj, reason: str) -> errors.ForbiddenError:
    """admission.NewForbidden: the request's resource and name (generateName when unnamed)."""
    name = o.name(obj) or o.meta(obj).get("generateName", "")
    return errors.ForbiddenError(f'{kinds.KINDS[kind].resource} "{name}" is forbidden: {reason}')


def admit_pod(cluster: Cluster, pod: Obj, sent: tuple[object, object] = (None, None)) -> str | None:
    """The pod create chain in upstream order (mutating plugins, then validating plugins).
    ``sent``: the spec's priority and preemptionPolicy as the request had them (before the
    defaults stood in for this plugin).

    Returns the name of the token volume the ServiceAccount plugin added (None: none added)."""
    from minikube_lite.store import limitranger

    limit_ranges = cluster.list("LimitRange", o.namespace(pod))
    if limit_ranges:
        limitranger.mutate(limit_ranges, pod)
    token_volume = service_account(cluster, pod)
    priority(cluster, pod, sent)
    if limit_ranges:
        reason = limitranger.validate(limit_ranges, pod)
        if reason:
            raise forbidden("Pod", pod, reason)
    resource_quota(cluster, "Pod", pod)
    return token_volume


def default_priority_class(cluster: Cluster) -> Obj | None:
    """getDefaultPriorityClass: the globalDefault class (the lowest value if several)."""
    found: Obj | None = None
    for pc in (cluster.objects.get("PriorityClass") or {}).values():
        if pc.get("globalDefault") and (
            found is None or int(pc.get("value") or 0) < int(found.get("value") or 0)
        ):
            found = pc
    return found


def priority(cluster: Cluster, pod: Obj, sent: tuple[object, object]) -> None:
    """Priority.admitPod (create): the class named, or the globalDefault one, gives
    spec.priority and preemptionPolicy (0 and PreemptLowerPriority without one); a value sent
    that differs is forbidden, and so is an unknown class."""
    spec = pod.setdefault("spec", {})
    name = spec.get("priorityClassName") or ""
    policy: object
    if not name:
        pc = default_priority_class(cluster)
        if pc is None:
            value, policy = 0, "PreemptLowerPriority"
        else:
            spec["priorityClassName"] = o.name(pc)
            value, policy = int(pc.get("value") or 0), pc.get("preemptionPolicy")
    else:
        pc = cluster.get("PriorityClass", None, str(name))
        if pc is None:
            raise forbidden("Pod", pod, f"no PriorityClass with name {name} was found")
        value, policy = int(pc.get("value") or 0), pc.get("preemptionPolicy")
    given, given_policy = sent
    if given is not None and given != value:
        raise forbidden(
            "Pod",
            pod,
            f"the integer value of priority ({given}) must not be provided in pod spec; "
            f"priority admission controller computed {value} from the given PriorityClass name",
        )
    spec["priority"] = value
    if policy is not None:
        if given_policy is not None and given_policy != policy:
            raise forbidden(
                "Pod",
                pod,
                f"the string value of PreemptionPolicy ({given_policy}) must not be provided in "
                f"pod spec; priority admission controller computed {policy} from the given "
                "PriorityClass name",
            )
        spec["preemptionPolicy"] = policy


def admit_priority_class(cluster: Cluster, pc: Obj) -> None:
    """Priority.admitPriorityClass (create): one globalDefault class at most."""
    if not pc.get("globalDefault"):
        return
    dpc = default_priority_class(cluster)
    if dpc is not None:
        raise forbidden(
            "PriorityClass",
            pc,
            f"PriorityClass {o.name(dpc)} is already marked as default. Only one default can exist",
        )


def resource_quota(cluster: Cluster, kind: str, obj: Obj) -> None:
    """ResourceQuota admission for a create of any namespaced kind (last validating plugin)."""
    if not cluster.list("ResourceQuota", o.namespace(obj)):
        return
    from minikube_lite.store import quota

    reason = quota.check(cluster, kind, obj)
    if reason:
        raise forbidden(kind, obj, reason)


def service_account(cluster: Cluster, pod: Obj) -> str | None:
    """ServiceAccount admission: default the account, refuse a missing one, mount the token
    volume (its name drawn for every pod; returned when the volume was added, else None)."""
    spec = pod.setdefault("spec", {})
    sa = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    spec["serviceAccountName"] = sa
    spec["serviceAccount"] = sa
    ns = o.namespace(pod)
    account = cluster.get("ServiceAccount", ns, sa)
    if account is None:
        raise forbidden(
            "Pod",
            pod,
            f'error looking up service account {ns}/{sa}: serviceaccount "{sa}" not found',
        )
    vol_name = "kube-api-access-" + cluster.rng.suffix(5)
    added = should_automount(account, spec) and _mount_token(spec, vol_name)
    _default_tolerations(spec)
    return vol_name if added else None


def should_automount(account: Obj, spec: Obj) -> bool:
    """shouldAutomount: the pod's ``automountServiceAccountToken``, else the ServiceAccount's,
    else true."""
    for value in (
        spec.get("automountServiceAccountToken"),
        account.get("automountServiceAccountToken"),
    ):
        if isinstance(value, bool):
            return value
    return True


def _mount_token(spec: Obj, vol_name: str) -> bool:
    """mountServiceAccountToken: every init container and container without a mount at the
    token path mounts the pod's ``kube-api-access-`` volume (an existing one, else ``vol_name``);
    True when the volume ``vol_name`` was added (some container needed it)."""
    volumes = spec.get("volumes") or []
    existing = next(
        (v.get("name") for v in volumes if str(v.get("name", "")).startswith("kube-api-access-")),
        None,
    )
    name = existing if existing is not None else vol_name
    needs = False
    for field in ("initContainers", "containers"):
        for c in spec.get(field) or ():
            mounts = c.get("volumeMounts") or []
            if any(m.get("mountPath") == TOKEN_PATH for m in mounts):
                continue  # an existing mount at the path prevents mounting the token
            c["volumeMounts"] = [*mounts, {"mountPath": TOKEN_PATH, "name": name, "readOnly": True}]
            needs = True
    if existing is not None or not needs:
        return False
    spec["volumes"] = volumes
    volumes.append(
        {
            "name": vol_name,
            "projected": {
                "defaultMode": 420,
                "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {
                        "configMap": {
                            "items": [{"key": "ca.crt", "path": "ca.crt"}],
                            "name": "kube-root-ca.crt",
                        }
                    },
                    {
                        "downwardAPI": {
                            "items": [
                                {
                                    "fieldRef": {
                                        "apiVersion": "v1",
                                        "fieldPath": "metadata.namespace",
                                    },
                                    "path": "namespace",
                                }
                            ]
                        }
                    },
                ],
            },
        }
    )
    return True


def _default_tolerations(spec: Obj) -> None:
    """DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s."""
    tolerations = spec.setdefault("tolerations", [])
    for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        if not any(t.get("key") == key for t in tolerations):
            tolerations.append(
                {"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": 300}
            )
