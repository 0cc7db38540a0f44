"""Known dicts and remembered field sets: the status comparison of ``api/managedfields.py``
for pods that share their conditions.

The kubelet writes the same five conditions for every pod in the same state at the same
second.  Made once as *known* dicts (shared by those pods, never changed in place, held in a
:class:`Known` so that their ids name them), the sets their comparison contributes and the
writer's entry nodes after it (``fieldpath.replaced``) are computed once per pair of values and
remembered, keyed on the values' exact identity or content.  Every result is the plain walk's,
key order included (tests/unit/api/test_compare_status.py); the cost is in
docs/performance.md.
"""

from __future__ import annotations

from minikube_lite.api.fieldpath import Tree
from minikube_lite.api.managedfields import (
    _SCALARS,
    MISSING,
    Sets,
    _map_items,
    _value,
    _whole,
    compare,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Known:
    """Dicts that are never changed in place, shared between objects and entries: the
    kubelet's pod conditions (the same for every pod in the same state), the field sets
    remembered for them (sets are never changed in place: api/fieldpath.py).

    ``objs`` holds each known dict by its ``id``: a held object keeps its id, so an id found
    there (and checked with ``is``) names that object and its unchanged content.
    ``interned``: known flat dicts by a tuple of str/None that determines their content,
    lists of them by their ids;
    ``sets``: the sets a status field contributes, by the exact keys of its two values (see
    :func:`elements_key`); ``replaced``: fieldpath.replaced's nodes by their three inputs'
    ids.  All are cleared together when one grows past ``limit`` (a remembered id then names
    no object any more)."""

    __slots__ = ("interned", "limit", "objs", "replaced", "sets")

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self.objs: dict[int, Any] = {}
        self.interned: dict[Any, Any] = {}
        self.sets: dict[Any, tuple[Any, Any, Any]] = {}
        self.replaced: dict[tuple[int, int, int], Tree] = {}

    def full(self) -> bool:
        n = self.limit
        return len(self.interned) >= n or len(self.sets) >= n or len(self.replaced) >= n

    def add(self, key: Any, obj: Any) -> Any:
        """Make ``obj`` the known dict (or list of known dicts) for ``key``, a tuple that
        determines its content (str and None, or held objects' ids): ``interned.get(key)``
        finds it again."""
        if self.full():
            self.clear()
        self.interned[key] = obj
        self.objs[id(obj)] = obj
        return obj

    def remember(self, key: Any, obj: Any) -> None:
        """``interned[key] = obj`` for a key naming held objects by id (not held by ``obj``);
        when full, clear instead (the key's ids are then no longer held)."""
        if self.full():
            self.clear()
            return
        self.interned[key] = obj

    def hold(self, key: tuple[int, int, int], tree: Tree) -> Tree:
        """Remember a ``replaced`` node for ``key`` (ids of held trees) and hold it; when full,
        clear instead (``key``'s ids are then no longer held) and only give it back."""
        if self.full():
            self.clear()
            return tree
        self.replaced[key] = tree
        self.objs[id(tree)] = tree
        return tree

    def clear(self) -> None:
        self.objs.clear()
        self.interned.clear()
        self.sets.clear()
        self.replaced.clear()


_FLAT = (str, type(None))


def elements_key(items: Any, known: Known) -> Any:
    """An exact key of a list of flat dicts, or None: the list's id when it is a known list
    (of known dicts), else per element its id when it is a known dict, else its items when
    every key and value is a str (values: or None).  Equal keys mean equal lists: the same
    objects (known ones never change), or the same keys in the same order with values of
    the same types that compare equal, which for str and None means identical; ``compare``
    is a function of its arguments' contents (key order included), so it gives the same
    sets for both."""
    objs = known.objs
    if objs.get(id(items)) is items:
        return id(items)
    if type(items) is not list:
        return None
    out: list[Any] = []
    for item in items:
        if objs.get(id(item)) is item:
            out.append(id(item))
            continue
        if type(item) is not dict:
            return None
        pairs = tuple(item.items())
        for k, v in pairs:
            if type(k) is not str or type(v) not in _FLAT:
                return None
        out.append(pairs)
    return tuple(out)


def compare_status(old: Any, new: Any, known: Known, fields: frozenset[str]) -> Sets:
    """``compare({"status": old or {}}, {"status": new or {}})``, the same sets key for key,
    with the contribution of each of ``fields`` (list-valued fields of flat dicts, such as
    ``conditions``) looked up in ``known.sets`` by its two values' :func:`elements_key`.

    Why it is the same: the walk below is ``compare``'s two outer levels (``_map_items`` of
    the wrappers, ``_value`` of ``status``, ``_map_items`` of the two statuses, the post-item
    hook) spelt out; a field of a status adds only ``f:<field>`` entries to the three sets,
    computed from its two values alone, so its entries are those of the first pair of values
    with the same keys (computed by the same code into fresh sets, then remembered)."""
    lhs, rhs = old or {}, new or {}
    if type(lhs) is not dict or type(rhs) is not dict:
        return compare({"status": lhs}, {"status": rhs})
    sets: Sets = ({}, {}, {})
    if lhs == rhs:
        return sets
    subs: Sets = ({}, {}, {})
    for k, rv in rhs.items():  # _map_items(lhs, rhs, "status", subs), a field remembered
        lv = lhs.get(k, MISSING)
        if lv == rv:
            continue
        if k in fields:
            _remembered(k, lv, rv, known, subs)
        elif lv is MISSING:
            subs[0]["f:" + k] = {} if type(rv) in _SCALARS or rv is None else _whole(rv, k, 0)
        elif type(rv) in _SCALARS and type(lv) in _SCALARS:
            subs[1]["f:" + k] = {}
        else:
            _value(lv, rv, k, "f:" + k, subs)
    for k, lv in lhs.items():
        if k not in rhs:
            subs[2]["f:" + k] = {} if type(lv) in _SCALARS or lv is None else _whole(lv, k, 2)
    for i in range(3):
        if subs[i]:
            sets[i]["f:status"] = subs[i]
    return sets


def _remembered(k: str, lv: Any, rv: Any, known: Known, subs: Sets) -> None:
    lkey = elements_key(lv, known) if lv is not MISSING else ()
    rkey = elements_key(rv, known)
    key = None if lkey is None or rkey is None else (k, lv is MISSING, lkey, rkey)
    found = known.sets.get(key) if key is not None else None
    if found is None:
        fresh: Sets = ({}, {}, {})
        _map_items({k: lv} if lv is not MISSING else {}, {k: rv}, "status", fresh)
        found = (fresh[0].get("f:" + k), fresh[1].get("f:" + k), fresh[2].get("f:" + k))
        if key is not None:
            if known.full():
                known.clear()  # (then not remembered: the key's ids are no longer held)
            else:
                known.sets[key] = found
                for tree in found:
                    if tree is not None:
                        known.objs[id(tree)] = tree
    for i in range(3):
        if found[i] is not None:
            subs[i]["f:" + k] = found[i]
