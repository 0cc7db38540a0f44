"""fieldpath.replaced is the composition it stands for (a writer's entry after a write:
``(a - changed - removed) | changed``), key order included, for any three sets."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_lite.api import fieldpath as fp

KEYS = st.sampled_from(["f:a", "f:b", "f:c", 'k:{"type":"Ready"}', "."])
NODES = st.recursive(
    st.just({}),
    lambda inner: st.dictionaries(KEYS, inner, max_size=4).map(
        lambda d: {k: ({} if k == "." else v) for k, v in d.items()}
    ),
    max_leaves=14,
)
ROOTS = st.dictionaries(KEYS.filter(lambda k: k != "."), NODES, max_size=4)


@settings(max_examples=500, deadline=None)
@given(ROOTS, ROOTS, ROOTS)
def test_replaced_is_the_composition(a: Any, changed: Any, removed: Any) -> None:
    want = fp.union(fp.difference(fp.difference(a, changed), removed), changed)
    assert json.dumps(fp.replaced(a, changed, removed)) == json.dumps(want)
    assert json.dumps(fp.replaced(a, changed, {})) == json.dumps(
        fp.union(fp.difference(a, changed), changed)
    )
