"""The API server's field manager, bound to a Cluster: ``metadata.managedFields`` on each write.

``record`` is the Update path of a create or an update (``apiserver.create``/``update``: the
request's manager, kubectl's ``--field-manager`` or the verb's name); the others are the writes
the controllers make in place, named as the component sends them: ``status_update`` (an
UpdateStatus whose previous status is known: the ReplicaSet controller, the kubelet, the
scheduler's Unschedulable condition), ``status_owned`` (the Deployment controller's
UpdateStatus: it is the only writer of a Deployment's status, so it owns every field there) and
``claim`` (an Update of fields the controller names: an adoption's ownerReference, a scaled
ReplicaSet's replicas and annotations).  A binding (``pods/binding``) goes around the field
manager upstream (BindingREST writes storage directly), so ``spec.nodeName`` has no manager.
The arithmetic is ``api/managedfields.py``; the cost is in docs/performance.md.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import fieldpath as fp
from minikube_lite.api import knownsets
from minikube_lite.api import managedfields as mf
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CONTROLLER_MANAGER = "kube-controller-manager"
KUBELET = "kubelet"
SCHEDULER = "kube-scheduler"
DEFAULT_MANAGER = "kubectl"  # managerOrUserAgent: the user agent's first word, kubectl's
# Kinds with a status subresource (their main resource resets status, their status resets spec).
_STATUS_RESET: fp.Tree = {"f:status": {}}
_SPEC_RESET: fp.Tree = {"f:spec": {}}


def _write(cluster: Any, obj: Obj, manager: str, subresource: str, ignored: fp.Tree) -> mf.Write:
    return mf.Write(
        manager or DEFAULT_MANAGER,
        str(obj.get("apiVersion", "")),
        clock.rfc3339(cluster.now),
        subresource,
        ignored,
    )


def _store(obj: Obj, entries: list[Obj]) -> None:
    meta = o.meta(obj)
    if entries:
        meta["managedFields"] = entries
    else:
        meta.pop("managedFields", None)


def record(
    cluster: Any,
    kind: str,
    live: Obj | None,
    obj: Obj,
    manager: str,
    *,
    subresource: str = "",
    status_kind: bool = False,
    batch: bool = False,
) -> None:
    """FieldManager.UpdateNoErrors for a create (``live`` None: the kind's empty object) or an
    update.  The request's own managedFields, when it sends some (and is not a subresource),
    are the starting point; otherwise the live object's (clients that do not know them cannot
    drop them by accident).

    ``batch``: a create that differs from the previous one only by its generated name (a
    controller's pods from one template, apiserver.create's ``checked``): the same entries."""
    meta = o.meta(obj)
    if batch and not meta.get("managedFields"):
        shared = batch_entries(cluster, kind, obj, manager)
        if shared is not None:
            meta["managedFields"] = shared
            return
    given = meta.get("managedFields")
    if isinstance(given, list) and given and not subresource:
        base: Any = given
    else:
        base = (live or {}).get("metadata", {}).get("managedFields")
    ignored = (_SPEC_RESET if subresource == "status" else _STATUS_RESET) if status_kind else {}
    w = _write(cluster, obj, manager, subresource, ignored)
    sent = _as_sent(obj) if live is None and kind == "Pod" else obj
    entries = mf.update(base, live if live is not None else mf.empty_object(kind), sent, w)
    _store(obj, entries)
    if live is None and not given:
        cluster.memo(_LAST_CREATE)["last"] = (_batch_key(cluster, kind, obj, manager), entries)


# The last create's key and entries, kept on the Cluster for the creates of a batch that follow
# it (valid while the key holds: the same kind, manager, generateName, controller and time, and
# the request differs only by its generated name, which no entry names).
_LAST_CREATE = "store.fieldmanager.last_create"  # a Cluster.memo, its entry "last"


def _batch_key(cluster: Any, kind: str, obj: Obj, manager: str) -> tuple[Any, ...]:
    meta = o.meta(obj)
    return (kind, manager, meta.get("generateName"), o.controller_uid(obj), cluster.now)


def batch_entries(cluster: Any, kind: str, obj: Obj, manager: str) -> list[Obj] | None:
    """The entries of a batch's create (``record(batch=True)``): the previous create's when
    ``obj`` continues its batch, else None (the entry dicts are shared: never changed in place)."""
    last = cluster.memo(_LAST_CREATE).get("last")
    if last is None or last[0] != _batch_key(cluster, kind, obj, manager):
        return None
    return list(last[1])


# Set by the Priority admission plugin upstream (after the field manager ran), by defaulting
# here: a pod's manager does not own them unless it sent another value.
_ADMISSION_SET = {"priority": 0, "preemptionPolicy": "PreemptLowerPriority"}


def _as_sent(pod: Obj) -> Obj:
    spec = pod.get("spec")
    if not isinstance(spec, dict):
        return pod
    kept = {k: v for k, v in spec.items() if k not in _ADMISSION_SET or _ADMISSION_SET[k] != v}
    return pod if len(kept) == len(spec) else {**pod, "spec": kept}


# Status fields whose comparisons are remembered (knownsets.compare_status): lists of flat
# dicts that many objects share (a pod's conditions, made by the kubelet as known dicts, see
# known(); its hostIPs, the node's address).
_REMEMBERED = frozenset({"conditions", "hostIPs"})
_KNOWN = "store.fieldmanager.known"  # a Cluster.memo, its entry "known": a knownsets.Known


def known(cluster: Any) -> knownsets.Known:
    """The Cluster's known flat dicts and remembered comparisons (knownsets.Known; never saved).
    A writer that makes a status's conditions through ``known(cluster).intern`` shares them
    between objects and must never change them in place (nobody changes a stored condition
    in place: its writers build new condition dicts and lists)."""
    memo = cluster.memo(_KNOWN)
    found: knownsets.Known | None = memo.get("known")
    if found is None:
        found = memo["known"] = knownsets.Known()
    return found


def status_update(cluster: Any, obj: Obj, old_status: Any, manager: str) -> None:
    """UpdateStatus by ``manager``: ``obj``'s status replaced ``old_status``."""
    shared = known(cluster)
    added, modified, removed = knownsets.compare_status(
        old_status, obj.get("status"), shared, _REMEMBERED
    )
    changed = fp.union(added, modified)
    if not changed and not removed:
        return
    w = _write(cluster, obj, manager, "status", _SPEC_RESET)
    _store(obj, mf.apply_changes(o.meta(obj).get("managedFields"), changed, removed, w, shared))


def status_owned(cluster: Any, kind: str, obj: Obj, manager: str) -> None:
    """UpdateStatus by the only writer of the status: it owns every status field present."""
    empty = {"status": mf.empty_object(kind).get("status", {})}
    added, modified, _ = mf.compare(empty, {"status": obj.get("status") or {}})
    fields = fp.union(added, modified)
    entries = o.meta(obj).get("managedFields") or []
    removed: fp.Tree = {}
    for e in entries:
        if e.get("manager") == manager and e.get("subresource") == "status":
            removed = fp.difference(e.get("fieldsV1") or {}, fields)
    w = _write(cluster, obj, manager, "status", _SPEC_RESET)
    _store(obj, mf.apply_changes(entries, fields, removed, w))


def claim(
    cluster: Any,
    obj: Obj,
    manager: str,
    fields: fp.Tree,
    removed: fp.Tree | None = None,
    *,
    if_new: bool = False,
) -> None:
    """An Update of the main resource that changed ``fields`` (and removed ``removed``).

    ``if_new``: the write may not have changed them (they are only known to be present): claim
    them only when ``manager`` does not own them all yet [SIM: the entry's time then stays]."""
    if not fields and not removed:
        return
    if if_new and not removed:
        for e in o.meta(obj).get("managedFields") or ():
            mine = e.get("manager") == manager and not e.get("subresource")
            if mine and not fp.difference(fields, e.get("fieldsV1") or {}):
                return
    w = _write(cluster, obj, manager, "", _STATUS_RESET)
    _store(obj, mf.apply_changes(o.meta(obj).get("managedFields"), fields, removed or {}, w))


def annotation_fields(obj: Obj, prefix: str) -> fp.Tree:
    """The set of ``obj``'s annotations whose keys start with ``prefix``."""
    keys = [k for k in o.annotations(obj) if k.startswith(prefix)]
    if not keys:
        return {}
    return {"f:metadata": {"f:annotations": {"f:" + k: {} for k in keys}}}
