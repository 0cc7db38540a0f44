"""``metadata.managedFields``: which manager owns which fields, as the API server records it.

Ports the Update path of the API server's field manager
(``staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/managedfieldsupdater.go``,
``structuredmerge.go``, ``stripmeta.go``) and the parts of structured-merge-diff it uses: the
comparison of two objects (``typed.Compare``) and the field-set serialisation (FieldsV1).

A field set is held in its FieldsV1 form throughout (api/fieldpath.py has the arithmetic).

The schema (which lists are keyed by what, which structs and maps are atomic) is restated below
for the types mkl serves; anything else is deduced as structured-merge-diff deduces an unknown
type: maps are granular, lists are atomic.
"""

from __future__ import annotations

import json

from minikube_lite.api.fieldpath import Tree, difference, prune, replaced, union
from minikube_lite.api.objects import Obj

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MISSING: Any = object()

# stripMetaManager: fields the server owns, never in a set.
_STRIP_META = frozenset(
    {
        "name",
        "namespace",
        "creationTimestamp",
        "selfLink",
        "uid",
        "clusterName",
        "generation",
        "managedFields",
        "resourceVersion",
    }
)
# +listType=map with its +listMapKey(s) (the OpenAPI's x-kubernetes-list-map-keys), by field.
_LIST_KEYS: dict[str, tuple[str, ...]] = {
    "containers": ("name",),
    "initContainers": ("name",),
    "ephemeralContainers": ("name",),
    "env": ("name",),
    "volumes": ("name",),
    "volumeMounts": ("mountPath",),
    "volumeDevices": ("devicePath",),
    "conditions": ("type",),
    "ownerReferences": ("uid",),
    "imagePullSecrets": ("name",),
    "hostAliases": ("ip",),
    "podIPs": ("ip",),
    "hostIPs": ("ip",),
    "topologySpreadConstraints": ("topologyKey", "whenUnsatisfiable"),
    "resourceClaims": ("name",),
    "schedulingGates": ("name",),
    "ports": ("port", "protocol"),  # a Service's; a container's: (containerPort, protocol)
}
# Structs and maps marked +structType=atomic / +mapType=atomic: one leaf, never descended.
_ATOMIC_FIELDS = frozenset(
    {
        "fieldRef",
        "resourceFieldRef",
        "configMapKeyRef",
        "secretKeyRef",
        "labelSelector",
        "namespaceSelector",
        "nodeSelectorTerms",
        "requiredDuringSchedulingIgnoredDuringExecution",
        "selector",  # a workload's LabelSelector (structType=atomic), a Service's (mapType=atomic)
    }
)
# Lists whose elements are atomic structs (ObjectReference-like): ``k:{...}: {}``.
_ATOMIC_ELEMENTS = frozenset({"ownerReferences", "imagePullSecrets"})

# A kind's empty object as the converter writes it (Go struct fields that are not omitted when
# zero: nested structs, nil pointers without omitempty as null): the "live" side of a create.
_META = {"creationTimestamp": None}
_TEMPLATE = {"metadata": dict(_META), "spec": {"containers": None}}
EMPTY: dict[str, Obj] = {
    "Deployment": {
        "metadata": _META,
        "spec": {"selector": None, "strategy": {}, "template": _TEMPLATE},
        "status": {},
    },
    "ReplicaSet": {
        "metadata": _META,
        "spec": {"selector": None, "template": _TEMPLATE},
        "status": {"replicas": 0},
    },
    "ReplicationController": {"metadata": _META, "spec": {}, "status": {"replicas": 0}},
    "Pod": {"metadata": _META, "spec": {"containers": None}, "status": {}},
    "Service": {"metadata": _META, "spec": {}, "status": {"loadBalancer": {}}},
    "Namespace": {"metadata": _META, "spec": {}, "status": {}},
    "ResourceQuota": {"metadata": _META, "spec": {}, "status": {}},
    "LimitRange": {"metadata": _META, "spec": {"limits": None}},
    "Role": {"metadata": _META, "rules": None},
    "ClusterRole": {"metadata": _META, "rules": None},
    "RoleBinding": {"metadata": _META, "roleRef": {"apiGroup": "", "kind": "", "name": ""}},
    "ClusterRoleBinding": {
        "metadata": _META,
        "roleRef": {"apiGroup": "", "kind": "", "name": ""},
    },
}
_EMPTY_DEFAULT: Obj = {"metadata": _META}


# --------------------------------------------------------------------------- comparison


class _Cmp:
    """typed.Compare's three sets, built while walking the live and the new object."""

    __slots__ = ("added", "modified", "removed")

    def __init__(self) -> None:
        self.added: Tree = {}
        self.modified: Tree = {}
        self.removed: Tree = {}


def compare(live: Any, new: Any) -> tuple[Tree, Tree, Tree]:
    """(added, modified, removed) between two objects (typed.Compare with the rules above)."""
    c = _Cmp()
    _map_items(live, new, "", (c.added, c.modified, c.removed))
    return c.added, c.modified, c.removed


Sets = tuple[Tree, Tree, Tree]


def _leaf(lhs: Any, rhs: Any, key: str, sets: Sets) -> None:
    if lhs is MISSING:
        sets[0][key] = {}
    elif rhs is MISSING:
        sets[2][key] = {}
    elif lhs != rhs:
        sets[1][key] = {}


def _value(lhs: Any, rhs: Any, name: str, key: str, sets: Sets) -> None:
    """One field or element: a leaf, or a container walked item by item."""
    if lhs == rhs:  # nothing changed below (a C-level comparison, not a walk)
        return
    probe = rhs if rhs is not MISSING and rhs is not None else lhs
    if isinstance(probe, dict) and name not in _ATOMIC_FIELDS:
        if not lhs and not rhs:  # both empty or null: a leaf (keeps the null/{} distinction)
            _leaf(lhs, rhs, key, sets)
            return
        subs: Sets = ({}, {}, {})
        _map_items(lhs, rhs, name, subs)
    elif isinstance(probe, list) and name in _LIST_KEYS and (lhs or rhs):
        subs = ({}, {}, {})
        _list_items(lhs, rhs, name, subs)
    elif isinstance(probe, list) and name == "finalizers" and (lhs or rhs):
        subs = ({}, {}, {})
        _set_items(lhs, rhs, subs)
    else:
        _leaf(lhs, rhs, key, sets)
        return
    # the post-item hook: a container that appears or disappears is itself added or removed
    own = 0 if lhs is MISSING else 2 if rhs is MISSING else -1
    for i in range(3):
        kids = subs[i]
        if i == own:
            sets[i][key] = {".": {}, **kids} if kids else {}
        elif kids:
            sets[i][key] = kids


_SCALARS = frozenset({str, int, float, bool})


def _map_items(lhs: Any, rhs: Any, name: str, sets: Sets) -> None:
    lm = lhs if isinstance(lhs, dict) else {}
    rm = rhs if isinstance(rhs, dict) else {}
    for k, rv in rm.items():
        lv = lm.get(k, MISSING)
        if lv == rv:
            continue
        if lv is MISSING:  # added as a whole: nothing to compare below it
            sets[0]["f:" + k] = {} if type(rv) in _SCALARS or rv is None else _whole(rv, k, 0)
        elif type(rv) in _SCALARS and type(lv) in _SCALARS:  # a leaf, without a call
            sets[1]["f:" + k] = {}
        else:
            _value(lv, rv, k, "f:" + k, sets)
    for k, lv in lm.items():
        if k not in rm:
            sets[2]["f:" + k] = {} if type(lv) in _SCALARS or lv is None else _whole(lv, k, 2)


def _whole(v: Any, name: str, side: int) -> Tree:
    """The set of a value added (``side`` 0) or removed (2) as a whole: what ``_value`` gives
    against MISSING, without its comparisons (every member below such a value is new, or gone,
    so nothing below it can land in another set)."""
    if isinstance(v, dict):
        if not v or name in _ATOMIC_FIELDS:
            return {}
        out: Tree = {".": {}}
        for k, x in v.items():
            out["f:" + k] = {} if type(x) in _SCALARS or x is None else _whole(x, k, side)
        return out
    if not isinstance(v, list) or not v:
        return {}
    if name in _LIST_KEYS:
        out = {".": {}}
        atomic = name in _ATOMIC_ELEMENTS
        for pe, item in _element_index(v, name).items():
            out[pe] = {} if atomic else _whole(item, "", side)
        return out
    if name == "finalizers":  # a set's order: the comparison's own (set arithmetic)
        subs: Sets = ({}, {}, {})
        _set_items(MISSING, v, subs) if side == 0 else _set_items(v, MISSING, subs)
        return {".": {}, **subs[side]}
    return {}


def _element_index(items: list[Any], name: str) -> dict[str, Any]:
    """A keyed list's elements by path element (the first of duplicates), as _list_items
    spells them: by the raw key value when every element has a str/int one, else _index."""
    keys = _LIST_KEYS[name]
    if len(keys) == 1 and name != "ports":
        key = keys[0]
        raw = _raw_index(items, key)
        if raw is not None:
            return {f'k:{{"{key}":{_json(kv)}}}': item for kv, item in raw.items()}
    return _index(items, name, keys)


def _element_key(name: str, item: Any, keys: tuple[str, ...]) -> str:
    if not isinstance(item, dict):
        return "v:" + _json(item)
    if name == "ports":
        keys = ("containerPort", "protocol") if "containerPort" in item else ("port", "protocol")
    if len(keys) == 1:  # the usual case, without building a dict for json.dumps
        k = keys[0]
        return f'k:{{"{k}":{_json(item[k])}}}' if k in item else "k:{}"
    fields = {k: item[k] for k in sorted(keys) if k in item}
    return "k:" + json.dumps(fields, separators=(",", ":"), ensure_ascii=False)


def _json(v: Any) -> str:
    """A key's value as JSON: plain strings and ints directly, anything else by json.dumps."""
    if isinstance(v, str) and v.isascii() and v.isprintable() and '"' not in v and "\\" not in v:
        return f'"{v}"'
    if type(v) is int:
        return str(v)
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def _index(items: Any, name: str, keys: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items if isinstance(items, list) else ():
        out.setdefault(_element_key(name, item, keys), item)
    return out


def _raw_index(items: Any, key: str) -> dict[Any, Any] | None:
    """Elements by their one key's value (None when one lacks it or it is not a str/int)."""
    out: dict[Any, Any] = {}
    for item in items if isinstance(items, list) else ():
        v = item.get(key) if isinstance(item, dict) else None
        if type(v) not in (str, int):
            return None
        out.setdefault(v, item)
    return out


def _list_items(lhs: Any, rhs: Any, name: str, sets: Sets) -> None:
    keys = _LIST_KEYS[name]
    if len(keys) == 1 and name != "ports" and _keyed_fast(lhs, rhs, name, keys[0], sets):
        return
    left, right = _index(lhs, name, keys), _index(rhs, name, keys)
    atomic = name in _ATOMIC_ELEMENTS
    for pe, rv in right.items():
        lv = left.get(pe, MISSING)
        if lv is MISSING:
            sets[0][pe] = {} if atomic else _whole(rv, "", 0)
        elif atomic:
            _leaf(lv, rv, pe, sets)
        else:
            _value(lv, rv, "", pe, sets)
    for pe, lv in left.items():
        if pe not in right:
            sets[2][pe] = {} if atomic else _whole(lv, "", 2)


def _keyed_fast(lhs: Any, rhs: Any, name: str, key: str, sets: Sets) -> bool:
    """_list_items for a one-key list, matching elements by the raw key value: the path
    element is spelt only for the elements that changed.  False: use the general path."""
    left, right = _raw_index(lhs, key), _raw_index(rhs, key)
    if left is None or right is None:
        return False
    atomic = name in _ATOMIC_ELEMENTS
    for kv, rv in right.items():
        lv = left.get(kv, MISSING)
        if lv == rv:
            continue
        pe = f'k:{{"{key}":{_json(kv)}}}'
        if lv is MISSING:
            sets[0][pe] = {} if atomic else _whole(rv, "", 0)
        elif atomic:
            _leaf(lv, rv, pe, sets)
        else:
            _value(lv, rv, "", pe, sets)
    for kv, lv in left.items():
        if kv not in right:
            pe = f'k:{{"{key}":{_json(kv)}}}'
            sets[2][pe] = {} if atomic else _whole(lv, "", 2)
    return True


def _set_items(lhs: Any, rhs: Any, sets: Sets) -> None:
    left = {_element_key("", v, ()) for v in lhs or ()} if isinstance(lhs, list) else set()
    right = {_element_key("", v, ()) for v in rhs or ()} if isinstance(rhs, list) else set()
    for pe in right - left:
        sets[0][pe] = {}
    for pe in left - right:
        sets[2][pe] = {}


# --------------------------------------------------------------------------- the updater


def stripped(obj: Any) -> Obj:
    """The object without what the server owns (stripMetaManager), as the comparison sees it."""
    if not isinstance(obj, dict):
        return {}
    out = {k: v for k, v in obj.items() if k not in ("apiVersion", "kind")}
    md = out.get("metadata")
    if isinstance(md, dict):
        out["metadata"] = {k: v for k, v in md.items() if k not in _STRIP_META}
    return out


def empty_object(kind: str) -> Obj:
    """The live side of a create: the kind's empty object."""
    return EMPTY.get(kind, _EMPTY_DEFAULT)


def entry(
    manager: str, api_version: str, time: str, fields: Tree, subresource: str = ""
) -> dict[str, Any]:
    """A ManagedFieldsEntry (an Update; the field order of the Go struct)."""
    out: dict[str, Any] = {
        "manager": manager,
        "operation": "Update",
        "apiVersion": api_version,
        "time": time,
        "fieldsType": "FieldsV1",
        "fieldsV1": fields,
    }
    if subresource:
        out["subresource"] = subresource
    return out


def _entry_key(e: dict[str, Any]) -> tuple[str, str, str]:
    return (str(e.get("manager", "")), str(e.get("operation", "")), e.get("subresource", ""))


def _sort_key(e: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """sortEncodedManagedFields: operation, time (seconds), manager, apiVersion, subresource."""
    return (
        str(e.get("operation", "")),
        str(e.get("time", "")),
        str(e.get("manager", "")),
        str(e.get("apiVersion", "")),
        str(e.get("subresource", "")),
    )


class Write:
    """One Update request as the field manager sees it."""

    __slots__ = ("api_version", "ignored", "manager", "subresource", "time")

    def __init__(
        self,
        manager: str,
        api_version: str,
        time: str,
        subresource: str = "",
        ignored: Tree | None = None,
    ) -> None:
        self.manager = manager
        self.api_version = api_version
        self.time = time
        self.subresource = subresource
        self.ignored: Tree = ignored or {}


def update(entries: list[dict[str, Any]] | None, live: Any, new: Any, w: Write) -> list[Obj]:
    """Port of managedFieldsUpdater.Update over structuredMergeManager.Update (Updater.Update).

    The write takes the fields it added or changed (from every other manager: an Update forces),
    fields it removed leave every set, and the writer's entry (one per manager, operation and
    subresource) gains the changed fields and the write's time; an entry left empty goes."""
    added, modified, removed = compare(stripped(live), stripped(new))
    return apply_changes(entries, union(added, modified), removed, w)


def _without(fields: Tree, changed: Tree, removed: Tree) -> Tree:
    return difference(difference(fields, changed), removed)


def apply_changes(
    entries: list[dict[str, Any]] | None,
    changed: Tree,
    removed: Tree,
    w: Write,
    known: Any = None,
) -> list[Obj]:
    """The set arithmetic of Updater.Update, given the comparison's changed and removed sets
    (``known``: an api.knownsets.Known, for fieldpath.replaced's remembered nodes)."""
    mine = (w.manager, "Update", w.subresource)
    out: list[Obj] = []
    previous: Obj | None = None
    current = prune(difference(changed, removed), w.ignored)
    # (prev - changed - removed) | current is prev | current when nothing is removed or ignored
    simple = not removed and current is changed
    # ... and, when only removed, fieldpath.replaced computes it in one walk
    merged: Tree | None = None
    for e in entries or ():
        fields = e.get("fieldsV1") or {}
        if _entry_key(e) == mine:
            if not simple and current and current is changed:
                merged = replaced(fields, changed, removed, known)
            kept = fields if simple or merged is not None else _without(fields, changed, removed)
            previous = {**e, "fieldsV1": kept}
            continue
        kept = _without(fields, changed, removed)
        if kept is fields:
            out.append(e)
        elif kept:
            out.append({**e, "fieldsV1": kept})
    if current:
        if merged is None:
            merged = union(previous["fieldsV1"] if previous else {}, current)
        out.append(entry(w.manager, w.api_version, w.time, merged, w.subresource))
    elif previous and previous["fieldsV1"]:
        out.append(previous)
    out.sort(key=_sort_key)
    return out
