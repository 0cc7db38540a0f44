"""managedfields.compare spells a value added or removed as a whole without comparing it
(``_whole``); the sets must be the walk's, key order included.  The oracle below is the walk as
it was before (every value compared against MISSING item by item)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_lite.api import managedfields as mf

MISSING = mf.MISSING
Sets = tuple[dict[str, Any], dict[str, Any], dict[str, Any]]


def _value(lhs: Any, rhs: Any, name: str, key: str, sets: Sets) -> None:
    if lhs == rhs:
        return
    probe = rhs if rhs is not MISSING and rhs is not None else lhs
    subs: Sets = ({}, {}, {})
    if isinstance(probe, dict) and name not in mf._ATOMIC_FIELDS:
        if not lhs and not rhs:
            mf._leaf(lhs, rhs, key, sets)
            return
        _map_items(lhs, rhs, subs)
    elif isinstance(probe, list) and name in mf._LIST_KEYS and (lhs or rhs):
        _list_items(lhs, rhs, name, subs)
    elif isinstance(probe, list) and name == "finalizers" and (lhs or rhs):
        mf._set_items(lhs, rhs, subs)
    else:
        mf._leaf(lhs, rhs, key, sets)
        return
    own = 0 if lhs is MISSING else 2 if rhs is MISSING else -1
    for i in range(3):
        kids = subs[i]
        if i == own:
            sets[i][key] = {".": {}, **kids} if kids else {}
        elif kids:
            sets[i][key] = kids


def _map_items(lhs: Any, rhs: Any, sets: Sets) -> None:
    lm = lhs if isinstance(lhs, dict) else {}
    rm = rhs if isinstance(rhs, dict) else {}
    for k, rv in rm.items():
        _value(lm.get(k, MISSING), rv, k, "f:" + k, sets)
    for k, lv in lm.items():
        if k not in rm:
            _value(lv, MISSING, k, "f:" + k, sets)


def _list_items(lhs: Any, rhs: Any, name: str, sets: Sets) -> None:
    keys = mf._LIST_KEYS[name]
    left, right = mf._index(lhs, name, keys), mf._index(rhs, name, keys)
    atomic = name in mf._ATOMIC_ELEMENTS
    for pe, rv in right.items():
        lv = left.get(pe, MISSING)
        mf._leaf(lv, rv, pe, sets) if atomic else _value(lv, rv, "", pe, sets)
    for pe, lv in left.items():
        if pe not in right:
            mf._leaf(lv, MISSING, pe, sets) if atomic else _value(lv, MISSING, "", pe, sets)


def oracle(live: Any, new: Any) -> Sets:
    sets: Sets = ({}, {}, {})
    _map_items(live, new, sets)
    return sets


NAMES = ["containers", "name", "conditions", "type", "finalizers", "selector", "ports"]
NAMES += ["containerPort", "protocol", "ownerReferences", "uid", "env", "a", "b"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from(["x", "y", ""]))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(NAMES), inner, max_size=4),
    ),
    max_leaves=12,
)
OBJECTS = st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=5)


@settings(max_examples=400, deadline=None)
@given(OBJECTS, OBJECTS)
def test_compare_is_the_item_by_item_walk(live: dict[str, Any], new: dict[str, Any]) -> None:
    got = mf.compare(live, new)
    assert json.dumps(got) == json.dumps(oracle(live, new))
    assert json.dumps(mf.compare({}, new)) == json.dumps(oracle({}, new))
    assert json.dumps(mf.compare(live, {})) == json.dumps(oracle(live, {}))
