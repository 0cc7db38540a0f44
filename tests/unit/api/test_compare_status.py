"""managedfields.compare_status remembers the sets a status field of flat dicts contributes
(keyed on its values' exact keys, known dicts by identity) and fieldpath.replaced remembers the
nodes whose inputs are held trees; both must give the plain walks' sets, key order included,
whichever pairs came before (a hit, a miss, a cleared memo)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_lite.api import fieldpath as fp
from minikube_lite.api import knownsets as ks_
from minikube_lite.api import managedfields as mf

FIELDS = frozenset({"conditions", "hostIPs"})
# values that compare equal across types (1 == True == 1.0) or hide in a key (type: 1)
SCALARS = st.one_of(st.none(), st.booleans(), st.sampled_from([0, 1, 1.0, "1", "True", "x", ""]))
CONDITION = st.dictionaries(
    st.sampled_from(["type", "status", "reason", "lastTransitionTime", "ip"]),
    st.one_of(SCALARS, st.sampled_from(["Ready", "Initialized"]), st.just({"a": 1})),
    max_size=4,
)
LISTS = st.one_of(st.lists(CONDITION, max_size=3), SCALARS, st.just({"type": "x"}))
STATUS = st.dictionaries(
    st.sampled_from(["conditions", "hostIPs", "phase", "podIPs", "qosClass"]),
    st.one_of(LISTS, SCALARS),
    max_size=4,
)


def _dump(sets: Any) -> str:
    return json.dumps(sets)  # key order included


def _plain(old: Any, new: Any) -> str:
    return _dump(mf.compare({"status": old or {}}, {"status": new or {}}))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(STATUS, STATUS), min_size=1, max_size=6), st.integers(1, 4))
def test_compare_status_is_compare(pairs: list[tuple[Any, Any]], limit: int) -> None:
    known = ks_.Known(limit=limit)  # small limits: the memo clears between pairs
    for old, new in pairs + pairs:  # the second round hits what the first remembered
        assert _dump(ks_.compare_status(old, new, known, FIELDS)) == _plain(old, new)


def test_known_conditions_by_identity() -> None:
    known = ks_.Known()
    ready = known.add(("Ready", "True"), {"type": "Ready", "status": "True"})
    init = known.add(("Init", "True"), {"type": "Initialized", "status": "True"})
    old = {"conditions": [init, {"type": "Ready", "status": "False", "reason": "x"}]}
    new = {"conditions": [init, ready], "phase": "Running"}
    for _ in range(3):
        assert _dump(ks_.compare_status(old, new, known, FIELDS)) == _plain(old, new)
        assert _dump(ks_.compare_status(new, old, known, FIELDS)) == _plain(new, old)
    assert known.sets  # remembered
    # an equal list of other (unknown) dicts is keyed by content: the same sets
    copy = {"conditions": [dict(init), dict(ready)], "phase": "Running"}
    assert _dump(ks_.compare_status(old, copy, known, FIELDS)) == _plain(old, copy)


def test_not_json_like_values_are_not_remembered() -> None:
    known = ks_.Known()
    for old, new in [
        ({"conditions": [{"type": 1}]}, {"conditions": [{"type": True}]}),
        ({"conditions": [{"type": True}]}, {"conditions": [{"type": 1}]}),
        ({"conditions": ({"type": "a"},)}, {"conditions": [{"type": "a"}]}),
    ]:
        assert _dump(ks_.compare_status(old, new, known, FIELDS)) == _plain(old, new)
    assert not known.sets


TREES = st.recursive(
    st.just({}),
    lambda inner: st.dictionaries(st.sampled_from([".", "f:a", "f:b", "k:x", "f:c"]), inner),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(TREES, TREES, TREES, st.integers(1, 3))
def test_replaced_with_held_trees(a: Any, changed: Any, removed: Any, limit: int) -> None:
    known = ks_.Known(limit=limit)

    def hold(t: Any) -> Any:  # every node held, as remembered sets are
        for v in t.values():
            hold(v)
        known.objs[id(t)] = t
        return t

    want = _dump(fp.replaced(a, changed, removed))
    root = {"f:status": hold(a)}
    for _ in range(3):
        got = fp.replaced(root, {"f:status": hold(changed)}, {"f:status": hold(removed)}, known)
        assert _dump(got) == _dump(fp.replaced(root, {"f:status": changed}, {"f:status": removed}))
    assert want == _dump(fp.replaced(a, changed, removed))


def test_cleared_memo_leaves_the_same_entries(monkeypatch: Any) -> None:
    """The 200-replica update's and the mixed scenario's managedFields with a Known that
    clears every few entries (test_managedfields_state.py's digests, taken on main)."""
    from tests.unit.controllers import test_managedfields_state as state
    from tests.unit.controllers import test_state_golden as golden

    monkeypatch.setattr(ks_.Known.__init__, "__defaults__", (3,))
    assert state.managed_fields_digest(golden.rolling_update()) == state.ROLLING_UPDATE_DIGEST
    assert state.managed_fields_digest(golden.scenario()) == state.SCENARIO_DIGEST


def test_kubelet_conditions_with_known_are_the_plain_ones() -> None:
    """controllers/kubelet/status.conditions remembered in a Known (a small one: cleared
    between calls) gives the conditions it computes without, key order included."""
    from minikube_lite.controllers.kubelet import status as ks

    sched = {"lastProbeTime": None, "lastTransitionTime": "T0", "status": "True"}
    olds: list[Any] = [None, [], [{**sched, "type": "PodScheduled"}], [{"type": 1}]]
    olds.append([{**sched, "type": "Ready", "lastTransitionTime": 5}])
    statuses = [
        [],
        [{"name": "a", "ready": False, "state": {"waiting": {}}, "lastState": {}}],
        [{"name": "a", "ready": True, "state": {"running": {}}, "lastState": {}}],
        [{"name": "b", "ready": False, "state": {"terminated": {"exitCode": 0}}, "lastState": {}}],
    ]
    for limit in (2, 4096):
        known = ks_.Known(limit=limit)
        for _ in range(2):
            for old in olds:
                for sts in statuses:
                    for ready in (True, False):
                        for now in (0.0, 0.5, 7.0):
                            pod: Any = {"spec": {}, "status": {"conditions": old}}
                            plain = ks.conditions(pod, sts, ready, now)
                            got = ks.conditions(pod, sts, ready, now, None, known)
                            assert json.dumps(got) == json.dumps(plain)
                            pod["status"]["conditions"] = got  # the next write's old ones
                            plain = ks.conditions(pod, sts, not ready, now + 1)
                            got = ks.conditions(pod, sts, not ready, now + 1, None, known)
                            assert json.dumps(got) == json.dumps(plain)
