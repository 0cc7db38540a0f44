"""The API server's write path, shared by users (ops) and controllers.

create/update/delete apply what a real API server applies: namespace lifecycle, defaulting,
validation, admission (service accounts, limit ranges, quota for pods), IP allocation for Services,
and the bookkeeping of generation and resourceVersion.  Errors are the API's status errors.
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import kinds, limits
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.store import createbatch, fieldmanager
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FOREGROUND_FINALIZER = "foregroundDeletion"
PROTECTED_NAMESPACES = frozenset({"default", "kube-system", "kube-public"})
# Kinds with a status subresource: a spec write keeps the stored status.
STATUS_KINDS = frozenset(
    {
        "Deployment",
        "ReplicaSet",
        "ReplicationController",
        "StatefulSet",
        "Job",
        "Pod",
        "Namespace",
        "Service",
        "ResourceQuota",
        "Node",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
    }
)
# Kinds whose metadata.generation counts spec changes (the store sets it for the apps kinds).
_GENERATION_KINDS = frozenset(
    {
        "Deployment",
        "ReplicaSet",
        "ReplicationController",
        "StatefulSet",
        "Job",
        "PodDisruptionBudget",
    }
)


def _kind(kind: str) -> kinds.Kind:
    return kinds.KINDS[kind]


def encoded_size(obj: Any, limit: int) -> int:
    """Bytes of ``obj`` as compact JSON, exact once the ASCII-escaped length passes ``limit``."""
    import json

    n = len(json.dumps(obj, separators=(",", ":")))  # \uXXXX escapes: never less than UTF-8
    if n <= limit:
        return n
    return len(
        json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "replace")
    )


def check_request_size(obj: Any) -> int:
    """The API server's body limit (MaxRequestBodyBytes, 3 MiB) on a request's JSON: HTTP 413.

    Returns the size."""
    size = encoded_size(obj, limits.MAX_REQUEST_BYTES)
    if size > limits.MAX_REQUEST_BYTES:
        raise errors.RequestEntityTooLargeError(
            f"Request entity too large: limit is {limits.MAX_REQUEST_BYTES}"
        )
    return size


# Defaulting and admission grow an object by well under 8x (the tightest case, a container of
# just name and image, gains ~150 bytes), so a create request this small needs no second look.
_SMALL_REQUEST = limits.MAX_OBJECT_BYTES // 8


def check_stored_size(obj: Obj) -> None:
    """etcd's request limit (1.5 MiB) on the object written [SIM: its JSON, not protobuf]."""
    if encoded_size(obj, limits.MAX_OBJECT_BYTES) > limits.MAX_OBJECT_BYTES:
        raise errors.UnknownServerError("etcdserver: request is too large")


def check_namespace(cluster: Cluster, kind: str, obj: Obj) -> None:
    """NamespaceLifecycle admission: the namespace must exist and not be terminating."""
    ns = o.namespace(obj)
    nso = cluster.get("Namespace", None, ns)
    if nso is None:
        raise errors.NotFoundError(f'namespaces "{ns}" not found')
    if nso.get("status", {}).get("phase") == "Terminating":
        raise errors.ForbiddenError(
            f'{_kind(kind).resource} "{o.name(obj) or o.meta(obj).get("generateName", "")}" '
            "is forbidden: "
            f"unable to create new content in namespace {ns} because it is being terminated"
        )


def prepare(kind: str, obj: Obj, old: Obj | None = None, *, checked: bool = False) -> None:
    """Decoding (type errors -> BadRequest), defaulting, then validation (InvalidError).

    ``checked``: an object identical to this one but for its generated name already passed
    decoding and validation, so only the defaulting runs (their outcome would be the same)."""
    from minikube_lite.api import defaults, schema, validation

    if not checked:
        schema.check_decode(obj, strict=False)
    defaults.default_object(obj)
    if not checked:
        validation.check(obj, old)


def _drop_server_fields(k: kinds.Kind, obj: Obj) -> dict[str, Any]:
    """What a create request may not set: the server's metadata fields and a workload's status."""
    meta = o.meta(obj)
    if k.namespaced:
        meta.setdefault("namespace", "default")
    else:
        meta.pop("namespace", None)
    for f in ("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "generation"):
        meta.pop(f, None)
    if k.kind in ("Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "Job", "Pod"):
        obj.pop("status", None)
    elif k.kind == "HorizontalPodAutoscaler":  # the strategy's PrepareForCreate: a zero status
        obj["status"] = {"desiredReplicas": 0, "currentMetrics": None}
    elif k.kind == "PodDisruptionBudget":
        from minikube_lite.api import policy

        obj["status"] = policy.zero_status()
    return meta


def _admit_create(
    cluster: Cluster,
    k: kinds.Kind,
    obj: Obj,
    generated: bool,
    sent: tuple[object, object] = (None, None),
) -> str | None:
    """The admission chain of a create: pod admission or quota, then a Service's cluster IP.

    Returns the name of the token volume the ServiceAccount plugin added to a pod."""
    kind, token_volume = k.kind, None
    if kind == "Pod":
        from minikube_lite.store import admission

        # Admission sees the request as sent: with only generateName (its errors quote it).
        meta = o.meta(obj)
        name = meta.pop("name") if generated else None
        try:
            token_volume = admission.admit_pod(cluster, obj, sent)
        finally:
            if name is not None:
                meta["name"] = name
        obj["status"] = {"phase": "Pending", "qosClass": pod_qos_class(obj)}
    elif kind == "PriorityClass":
        from minikube_lite.store import admission

        admission.admit_priority_class(cluster, obj)
    elif k.namespaced and kind != "Event" and cluster.list("ResourceQuota", o.namespace(obj)):
        from minikube_lite.store import admission

        admission.resource_quota(cluster, kind, obj)
    if kind == "Service":
        from minikube_lite.store import ipam

        ipam.allocate_service(cluster, obj)
    return token_volume


def create(
    cluster: Cluster,
    kind: str,
    obj: Obj,
    *,
    dry_run: bool = False,
    checked: bool = False,
    manager: str = "",
) -> Obj:
    """POST: the full create pipeline; returns the stored object.

    ``checked`` (a controller creating a batch from one template, after the first one went
    through): the object differs from one already created only by its generated name, so its
    decoding and validation are not repeated (see ``prepare``).  ``manager`` (the request's
    fieldManager; default ``kubectl``) owns the fields the request set, as the field manager
    records them between defaulting and admission (store/fieldmanager.py).  A batch's pods
    after the first are copies of it (store/createbatch.py)."""
    if checked and kind == "Pod" and not dry_run:
        repeated = _create_repeat(cluster, obj, manager)
        if repeated is not None:
            return repeated
    request = _batch_request(kind, obj, dry_run)
    request_size = check_request_size(obj)
    k = _kind(kind)
    meta = _drop_server_fields(k, obj)
    if getattr(cluster, "user", None) is not None:
        from minikube_lite.store.rbac import rbac

        rbac.check(cluster, "create", k, o.namespace(obj) or None, None)
    generated = _before_create(cluster, kind, obj)
    sent = _sent_priority(obj) if kind == "Pod" else (None, None)
    prepare(kind, obj, checked=checked and generated)
    fieldmanager.record(
        cluster, kind, None, obj, manager, status_kind=kind in STATUS_KINDS, batch=checked
    )
    if k.namespaced:
        check_namespace(cluster, kind, obj)
    if cluster.get(kind, o.namespace(obj) or None, o.name(obj)) is not None:
        raise errors.AlreadyExistsError(f'{k.resource} "{o.name(obj)}" already exists')
    token_volume = _admit_create(cluster, k, obj, generated, sent)
    if dry_run:
        return obj
    if request_size > _SMALL_REQUEST:
        check_stored_size(obj)
    elif request is not None and getattr(cluster, "user", None) is None:
        createbatch.remember(cluster, request, obj, request_size, token_volume)
    if kind == "ReplicationController":
        meta["generation"] = 1
    cluster.insert(kind, obj)
    if kind == "Namespace":
        init_namespace(cluster, o.name(obj))
    return obj


def _sent_priority(pod: Obj) -> tuple[object, object]:
    """A pod create's spec.priority and preemptionPolicy as sent (the Priority admission plugin
    refuses values that differ from its class's; defaulting fills them in before it runs)."""
    spec = pod.get("spec")
    if not isinstance(spec, dict):
        return (None, None)
    return (spec.get("priority"), spec.get("preemptionPolicy"))


def _before_create(cluster: Cluster, kind: str, obj: Obj) -> bool:
    """A generated name (returns whether the name was generated), and the Job strategy's
    PrepareForCreate: its uid is drawn first, since the generated selector and pod labels hold
    it (api/batch.py; Cluster.insert keeps it)."""
    meta = o.meta(obj)
    generated = not meta.get("name") and bool(meta.get("generateName"))
    if generated:
        meta["name"] = generate_name(
            cluster, kind, o.namespace(obj) or None, str(meta["generateName"])
        )
    if kind == "Job":
        from minikube_lite.api import batch

        meta["uid"] = cluster.rng.uid()
        batch.generate_selector(obj)
    return generated


def _batch_request(kind: str, obj: Obj, dry_run: bool) -> Obj | None:
    """A copy of a pod create's request as sent, when its outcome may serve a batch (a
    generated name, no managedFields of its own; see store/createbatch.py)."""
    meta = obj.get("metadata")
    if kind != "Pod" or dry_run or not isinstance(meta, dict) or meta.get("name"):
        return None
    if not meta.get("generateName") or meta.get("managedFields"):
        return None
    return o.deepcopy(obj)


def create_repeat(
    cluster: Cluster, kind: str, obj: Obj, manager: str, run: createbatch.Run | None = None
) -> Obj | None:
    """``create(checked=True)`` of a request that repeats a batch's first one, or None (nothing
    done) when it does not: then ``create`` takes it.  ``obj`` is only read (the stored pod is a
    new object, returned), so it may be shared with other requests.

    ``run`` (store/createbatch.py): the caller's creates of one batch, each the same request, back
    to back (nothing else written between them but these pods and their Events): what the first
    one's lookup found serves the others."""
    if kind != "Pod":
        return None
    if run is not None and run.found is not None:
        return _create_found(cluster, run.found[0], run.entries())
    found = createbatch.lookup(cluster, obj, manager)
    if found is None:
        return None
    if run is not None:
        run.found = found
    return _create_found(cluster, found[0], found[1])


def _create_repeat(cluster: Cluster, obj: Obj, manager: str) -> Obj | None:
    """A create of a batch's next pod from the remembered first one (store/createbatch.py):
    the request becomes the stored pod, as on the full path; None when it does not repeat."""
    found = createbatch.lookup(cluster, obj, manager)
    if found is None:
        return None
    return _create_found(cluster, found[0], found[1], obj)


def _create_found(
    cluster: Cluster, b: createbatch.Batch, entries: list[Obj], into: Obj | None = None
) -> Obj:
    """The batch's next pod, stored: a new object, or ``into`` given its content."""
    meta = b.admitted["metadata"]
    name = generate_name(cluster, "Pod", meta["namespace"], str(meta["generateName"]))
    pod = createbatch.instantiate(cluster, b, name, entries)
    if into is not None:
        into.clear()
        into.update(pod)
        pod = into
    cluster.insert("Pod", pod)
    return pod


def generate_name(cluster: Cluster, kind: str, namespace: str | None, base: str) -> str:
    """names.SimpleNameGenerator: base (cut to 58) + 5 random chars; re-drawn on a collision."""
    base = base[:58]
    while True:
        name = base + cluster.rng.suffix(5)
        if cluster.get(kind, namespace, name) is None:
            return name


def pod_qos_class(pod: Obj) -> str:
    """v1qos.GetPodQOS (set at create by the pod strategy): BestEffort / Guaranteed / Burstable."""
    spec = pod.get("spec", {})
    any_set, guaranteed = False, True
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        res = c.get("resources") or {}
        req, lim = res.get("requests") or {}, res.get("limits") or {}
        any_set = any_set or bool(req or lim)
        for r in ("cpu", "memory"):
            if r not in lim or (r in req and str(req[r]) != str(lim[r])):
                guaranteed = False
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


def init_namespace(cluster: Cluster, ns: str) -> None:
    """What controllers do right after a namespace appears [SIM: synchronously]."""
    if cluster.get("ServiceAccount", ns, "default") is None:
        cluster.insert(
            "ServiceAccount",
            {
                "apiVersion": "v1",
                "kind": "ServiceAccount",
                "metadata": {"name": "default", "namespace": ns},
            },
        )
    if cluster.get("ConfigMap", ns, "kube-root-ca.crt") is None:
        cluster.insert(
            "ConfigMap",
            {
                "apiVersion": "v1",
                "data": {
                    "ca.crt": "-----BEGIN CERTIFICATE-----\nMIIB(simulated)\n"
                    "-----END CERTIFICATE-----\n"
                },
                "kind": "ConfigMap",
                "metadata": {
                    "annotations": {
                        "kubernetes.io/description": "Contains a CA bundle that can be used to "
                        "verify the kube-apiserver when using internal endpoints such as the "
                        "internal service IP or kubernetes.default.svc. No other usage is "
                        "guaranteed across distributions of Kubernetes clusters."
                    },
                    "name": "kube-root-ca.crt",
                    "namespace": ns,
                },
            },
        )


def conflict(k: kinds.Kind, name: str) -> errors.ConflictError:
    """The optimistic-concurrency failure (StatusReasonConflict, registry/rest/update.go)."""
    return errors.ConflictError(
        f'Operation cannot be fulfilled on {k.resource} "{name}": the object has been modified; '
        "please apply your changes to the latest version and try again"
    )


def _precondition(k: kinds.Kind, meta: Obj, old_meta: Obj) -> None:
    """A resourceVersion sent is a precondition: it must be the stored one."""
    given = meta.get("resourceVersion")
    if given not in (None, "") and str(given) != old_meta.get("resourceVersion"):
        raise conflict(k, str(meta.get("name", "")))


def _keep_server_fields(meta: Obj, old_meta: Obj) -> None:
    """What an update cannot change: identity, timestamps, generation, resourceVersion; and a
    request without managedFields keeps the live ones."""
    for f in (
        "uid",
        "creationTimestamp",
        "namespace",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "generation",
    ):
        if f in old_meta:
            meta[f] = old_meta[f]
        else:
            meta.pop(f, None)
    meta["resourceVersion"] = old_meta.get("resourceVersion")
    if not meta.get("managedFields"):  # a request without them keeps the live ones
        if "managedFields" in old_meta:
            meta["managedFields"] = old_meta["managedFields"]
        else:
            meta.pop("managedFields", None)


def update(
    cluster: Cluster,
    kind: str,
    new: Obj,
    *,
    dry_run: bool = False,
    subresource: str = "",
    verb: str = "patch",
    manager: str = "",
) -> tuple[Obj, bool]:
    """PUT: replace spec/metadata of a stored object; returns (stored, changed).

    A ``metadata.resourceVersion`` in ``new`` must be the stored one (optimistic concurrency:
    a stale one is a Conflict); without one the update is unconditional, as the API server
    allows for every kind mkl serves.

    Users' changes are authorized as kubectl sends them: ``patch`` (of ``subresource`` if given,
    e.g. ``scale``), or ``verb`` (``update`` for an API server PUT).  ``manager`` (default
    ``kubectl``) takes the fields the update changed (store/fieldmanager.py); a write that
    changes nothing changes no managedFields either.
    """
    k = _kind(kind)
    ns = o.namespace(new) or None
    if getattr(cluster, "user", None) is not None:
        from minikube_lite.store.rbac import rbac

        rbac.check(cluster, verb, k, ns, o.name(new), subresource)
    old = cluster.get(kind, ns if k.namespaced else None, o.name(new))
    if old is None:
        raise errors.NotFoundError(f'{k.resource} "{o.name(new)}" not found')
    obj = o.deepcopy(new)
    meta = o.meta(obj)
    old_meta = old["metadata"]
    _precondition(k, meta, old_meta)
    _keep_server_fields(meta, old_meta)
    if kind in STATUS_KINDS:
        if "status" in old:
            obj["status"] = o.deepcopy(old["status"])
        else:
            obj.pop("status", None)
    prepare(kind, obj, old)
    if kind == "Service":
        from minikube_lite.store import ipam

        ipam.keep_service_allocation(old, obj)
    if obj == old:
        return old, False
    fieldmanager.record(
        cluster, kind, old, obj, manager, subresource=subresource, status_kind=kind in STATUS_KINDS
    )
    if kind in _GENERATION_KINDS:
        spec_changed = obj.get("spec") != old.get("spec")
        ann_changed = kind == "Deployment" and o.annotations(obj) != o.annotations(old)
        if spec_changed or ann_changed:
            meta["generation"] = o.generation(old) + 1
    if dry_run:
        return obj, True
    check_stored_size(obj)
    cluster.replace(kind, obj)
    return obj, True


def delete(
    cluster: Cluster,
    kind: str,
    obj: Obj,
    *,
    grace: int | None = None,
    force: bool = False,
    dry_run: bool = False,
    propagation: str = "Background",
) -> None:
    """DELETE: pods terminate gracefully, namespaces finalize, everything else goes at once.

    ``dry_run`` (server dry run) makes every check (authorization, protected namespaces) and
    changes nothing.  ``propagation="Foreground"`` (``--cascade=foreground``) keeps the object,
    with a deletionTimestamp and the ``foregroundDeletion`` finalizer, until the garbage
    collector has deleted its dependents (controllers/gc.py); pods and namespaces ignore it
    [SIM].  Orphaning (``--cascade=orphan``) is the caller's: gc.orphan_dependents first.
    """
    k = _kind(kind)
    if getattr(cluster, "user", None) is not None:
        from minikube_lite.store.rbac import rbac

        rbac.check(cluster, "delete", k, o.namespace(obj) or None, o.name(obj))
    if kind == "Namespace" and o.name(obj) in PROTECTED_NAMESPACES:
        raise errors.ForbiddenError(
            f'namespaces "{o.name(obj)}" is forbidden: this namespace may not be deleted'
        )
    if dry_run:
        return
    if kind == "Namespace":
        if obj.get("status", {}).get("phase") != "Terminating":
            obj.setdefault("status", {})["phase"] = "Terminating"
            o.meta(obj)["deletionTimestamp"] = clock.rfc3339(cluster.now)
            cluster.touch(kind, obj)
        return
    if kind == "Pod":
        delete_pod(cluster, obj, grace=grace, force=force)
        return
    if propagation == "Foreground":
        meta = o.meta(obj)
        if not meta.get("deletionTimestamp"):
            meta["deletionTimestamp"] = clock.rfc3339(cluster.now)
            meta["deletionGracePeriodSeconds"] = 0
        if FOREGROUND_FINALIZER not in (meta.get("finalizers") or []):
            meta["finalizers"] = [*(meta.get("finalizers") or []), FOREGROUND_FINALIZER]
            cluster.touch(kind, obj)
        return
    if (
        cluster.get(kind, o.namespace(obj) or None if k.namespaced else None, o.name(obj))
        is not None
    ):
        cluster.remove(kind, obj)


def delete_pod(
    cluster: Cluster, pod: Obj, *, grace: int | None = None, force: bool = False
) -> None:
    """Graceful pod deletion: deletionTimestamp = now + grace; the kubelet finishes it."""
    if grace is None:
        grace = int(pod.get("spec", {}).get("terminationGracePeriodSeconds", 30))
    meta = o.meta(pod)
    # CheckGracefulDelete: unscheduled or terminal pods go at once, whatever the grace period.
    unscheduled = not pod.get("spec", {}).get("nodeName")
    terminal = pod.get("status", {}).get("phase") in ("Succeeded", "Failed")
    if force or unscheduled or terminal:
        cluster.remove("Pod", pod)
        return
    if meta.get("deletionTimestamp"):
        cur = int(meta.get("deletionGracePeriodSeconds", grace))
        if grace >= cur:
            return
    meta["deletionTimestamp"] = clock.rfc3339(cluster.now + grace)
    meta["deletionGracePeriodSeconds"] = grace
    cluster.touch("Pod", pod)
