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


def status_update(
    cluster: Any,
    obj: Obj,
    old_status: Any,
    manager: str,
    *,
    pod_ip: str | None = None,
    shared: knownsets.Known | None = None,
) -> None:
    """UpdateStatus by ``manager``: ``obj``'s status replaced ``old_status``.

    ``pod_ip``: the pod's own address (the kubelet's writes): the write is then looked up in
    the remembered writes of pods in the same state at the same instant (:func:`_shaped`).
    ``shared``: ``known(cluster)`` when the caller has it."""
    if shared is None:
        shared = known(cluster)
    if pod_ip is not None and _shaped(cluster, obj, old_status, manager, pod_ip, shared):
        return
    _status_update(cluster, obj, old_status, manager, shared)


def _status_update(cluster: Any, obj: Obj, old_status: Any, manager: str, shared: Any) -> bool:
    added, modified, removed = knownsets.compare_status(
        old_status, obj.get("status"), shared, _REMEMBERED
    )
    changed = fp.union(added, modified)
    if not changed and not removed:
        return False
    w = _write(cluster, obj, manager, "status", _SPEC_RESET)
    _store(obj, mf.apply_changes(o.meta(obj).get("managedFields"), changed, removed, w, shared))
    return True


# ----- the kubelet's writes by shape --------------------------------------------------------------
#
# The pods of one ReplicaSet that the kubelet moves through the same transition at the same
# instant write statuses that differ only by the pod's IP (``podIP``, ``podIPs``), its
# container IDs and volume names; the comparison's sets and the entries it leaves differ only by
# the pod IP's path element under ``f:status/f:podIPs``.  A write is remembered by a key that
# determines its outcome (:func:`_status_key`, :func:`_entries_key`) with that element spelt
# for a placeholder, and the next pod's entries are the remembered ones with its own IP put
# back.  Why that is the plain path's result: the comparison's sets are built field by field,
# each field's contribution a function of what the key records (equality, presence, the exact
# elements_key of the remembered lists; the pod IP only as its one path element); the set
# arithmetic (union, difference, prune, replaced, the sort by entry metadata) works path by
# path and key by key, so renaming one path element consistently in all its inputs renames it
# in its result, provided no input names another pod IP at that node (checked: an entry that
# names podIPs is only ever one made here for this IP).
#
# Entries are keyed by identity: every entry seen is held here by id (entries are never
# changed in place: writers build new entry dicts, see apply_changes and createbatch, which
# shares them the same way), an entry made here for a pod as (template, IP).  Shared: the
# remembered entries and the subtrees of the templates' instances (never changed in place, as
# every field set: api/fieldpath.py).  tests/unit/store/test_status_shapes.py compares with the
# plain path after writes of every kind between two uses.
_SHAPES = "store.fieldmanager.status_shapes"  # a Cluster.memo: "held", "writes"
_SHAPES_MAX = 65536
_MASK = "<pod-ip>"  # the placeholder (never an address; ASCII, no quotes: _json spells it raw)
_MASK_KEY = f'k:{{"ip":"{_MASK}"}}'


def _ip_key(ip: str) -> str | None:
    ok = ip.isascii() and ip.isprintable() and '"' not in ip and "\\" not in ip and ip != _MASK
    return f'k:{{"ip":"{ip}"}}' if ok else None


def _status_key(old: Any, new: Any, ip: str, shared: Any) -> Any:
    """What compare_status's sets are a function of, the pod IP left out, or None (a field
    this does not describe: the plain path).  Mirrors compare_status's walk: the new status's
    fields in order (equal ones contribute nothing; see _changed for the others), then the old
    status's removed fields in order (a scalar or unkeyed list: one leaf whatever its value)."""
    lhs, rhs = old or {}, new or {}
    if type(lhs) is not dict or type(rhs) is not dict:
        return None
    missing = mf.MISSING
    get = lhs.get
    # (the fields' names in order, then the changed ones' parts: an equal field adds nothing)
    parts: list[Any] = [tuple(rhs), tuple(lhs)]
    for k in [k for k, rv in rhs.items() if get(k, missing) != rv]:
        part = _changed(k, get(k, missing), rhs[k], ip, shared)
        if part is None:
            return None
        parts.append(part)
    if not lhs.keys() <= rhs.keys():  # (removed fields)
        for k, lv in lhs.items():
            if k in rhs:
                continue
            if k == "podIPs":
                if lv != [{"ip": ip}]:
                    return None
            elif not (type(lv) in _SCALARS or lv is None or (type(lv) is list and k not in _KEYED)):
                return None
            parts.append(("-", k))
    return tuple(parts)


_SCALARS = mf._SCALARS
_KEYED = mf._LIST_KEYS


def _changed(k: str, lv: Any, rv: Any, ip: str, shared: Any) -> Any:
    """A changed or added field's part of the key: a remembered list by the exact keys of
    both values (knownsets.elements_key); an added or changed scalar or unkeyed list is one
    leaf whatever its value; ``podIPs`` only as [{"ip": <the pod IP>}] added."""
    if k in _REMEMBERED:
        lk = knownsets.elements_key(lv, shared) if lv is not mf.MISSING else ()
        rk = knownsets.elements_key(rv, shared)
        return None if lk is None or rk is None else (k, lv is mf.MISSING, lk, rk)
    if k == "podIPs":
        return (k, "+") if lv is mf.MISSING and rv == [{"ip": ip}] else None
    if lv is mf.MISSING:
        leaf = type(rv) in _SCALARS or rv is None or (type(rv) is list and k not in _KEYED)
        return (k, "+") if leaf else None
    probe = rv if rv is not None else lv
    if k in _KEYED or not (type(probe) in _SCALARS or type(probe) is list):
        return None  # (a map, a keyed list: walked by the comparison)
    return (k, "~")


def _held(old: Obj, new: Obj) -> list[Any]:
    """The remembered fields' lists and their elements: knownsets.elements_key names them by
    id, which stays theirs while they are held."""
    out: list[Any] = []
    for status in (old, new):
        for k in _REMEMBERED:
            v = status.get(k)
            if type(v) is list:
                out.append((v, tuple(v)))
    return out


def _podips(e: Any) -> Any:
    """The f:status/f:podIPs node of an entry (None: none; MISSING: not an entry's shape)."""
    if type(e) is not dict:
        return mf.MISSING
    fs = e.get("fieldsV1")
    if fs is None:
        return None
    if type(fs) is not dict:
        return mf.MISSING
    st = fs.get("f:status")
    return st.get("f:podIPs") if type(st) is dict else None


def _entries_key(entries: Any, ip: str, held: dict[int, Any]) -> Any:
    """The entries by identity: each one's token (its id, or its template's for an entry
    made here for this pod IP), or None (an entry naming another pod IP, or not a list)."""
    if entries is None:
        return ()
    if type(entries) is not list:
        return None
    out: list[Any] = []
    for e in entries:
        h = held.get(id(e))
        if h is None or h[0] is not e:
            if _podips(e) is not None:  # (a foreign entry naming podIPs, or not an entry)
                return None
            h = held[id(e)] = (e, id(e), None)
        elif h[2] is not None and h[2] != ip:
            return None
        out.append(h[1])
    return tuple(out)


def _instance(template: Obj, ip_key: str) -> Obj:
    """A template entry with the pod's IP element in place of the placeholder's (same order)."""
    fs = template["fieldsV1"]
    st = fs["f:status"]
    ips = {(ip_key if k == _MASK_KEY else k): v for k, v in st["f:podIPs"].items()}
    return {**template, "fieldsV1": {**fs, "f:status": {**st, "f:podIPs": ips}}}


def _template(e: Obj, ip_key: str) -> Obj | None:
    ips = _podips(e)
    if type(ips) is not dict or ip_key not in ips or _MASK_KEY in ips:
        return None
    fs = e["fieldsV1"]
    st = fs["f:status"]
    swapped = {(_MASK_KEY if k == ip_key else k): v for k, v in ips.items()}
    return {**e, "fieldsV1": {**fs, "f:status": {**st, "f:podIPs": swapped}}}


def _shaped(cluster: Any, obj: Obj, old: Any, manager: str, ip: str, shared: Any) -> bool:
    """status_update through the remembered writes; False: not described (do the plain one)."""
    ip_key = _ip_key(ip)
    if ip_key is None:
        return False
    memo = cluster.memo(_SHAPES)
    held: dict[int, Any] | None = memo.get("held")
    writes: dict[Any, Any] | None = memo.get("writes")
    if held is None or writes is None or len(held) > _SHAPES_MAX or len(writes) > _SHAPES_MAX:
        held, writes = memo["held"], memo["writes"] = {}, {}
    new = obj.get("status")
    skey = _status_key(old, new, ip, shared)
    if skey is None:
        return False
    meta = o.meta(obj)
    ekey = _entries_key(meta.get("managedFields"), ip, held)
    if ekey is None:
        return False
    key = (skey, ekey, manager, obj.get("apiVersion", ""), clock.rfc3339(cluster.now))
    found = writes.get(key)
    if found is not None:
        if found[0] is not None:  # (None: nothing changed)
            _store(obj, _replay(found[0], ip, ip_key, held))
        return True
    # (the lists whose ids the key may name, held with the entry: see _held)
    hold = _held(old or {}, new or {})
    if not _status_update(cluster, obj, old, manager, shared):
        writes[key] = (None, hold)
        return True
    remembered = _remember(meta.get("managedFields") or [], ip, ip_key, held)
    if remembered is not None:
        writes[key] = (remembered, hold)
    return True


def _replay(specs: list[tuple[Obj, bool]], ip: str, ip_key: str, held: dict[int, Any]) -> list[Obj]:
    """A remembered write's entries for this pod: the shared ones, the templates' instances."""
    out: list[Obj] = []
    for template, plain in specs:
        if plain:
            out.append(template)
        else:
            e = _instance(template, ip_key)
            held[id(e)] = (e, id(template), ip)
            out.append(e)
    return out


def _remember(made: list[Obj], ip: str, ip_key: str, held: dict[int, Any]) -> Any:
    """The entries a plain write left, as (entry, shared) with the pod's own ones as templates,
    all held; None: an entry this does not describe (not remembered)."""
    remembered: list[tuple[Obj, bool]] = []
    for e in made:
        h = held.get(id(e))
        if h is not None and h[0] is e:
            remembered.append((e, True) if h[2] is None else (held[h[1]][0], False))
            continue
        if _podips(e) is None:
            held[id(e)] = (e, id(e), None)
            remembered.append((e, True))
            continue
        template = _template(e, ip_key)
        if template is None:
            return None
        held[id(template)] = (template, id(template), None)
        held[id(e)] = (e, id(template), ip)
        remembered.append((template, False))
    return remembered


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
