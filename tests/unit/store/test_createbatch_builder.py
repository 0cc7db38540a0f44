"""A batch's pods built by its compiled literal (store/createbatch.py ``builder``) are the pods
loading the remembered one and setting the three per-pod values gives: the same JSON, key order
and types included, with no dict or list shared between two pods or with the remembered one."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_lite.store import apiserver, bootstrap, createbatch, fieldmanager
from tests.unit.store.test_createbatch import request, run

Obj = dict[str, Any]


def loaded(admitted: Obj, drawn: str | None, name: str, volume: str, entries: list[Obj]) -> Obj:
    """What ``instantiate`` makes without a builder (its load-and-set path)."""
    batch = createbatch.Batch({}, admitted, 0, drawn)
    batch.make = None  # never build
    cluster = _Rng(volume)
    return createbatch.instantiate(cluster, batch, name, entries)


class _Rng:
    """A cluster whose only draw is ``volume``'s suffix."""

    def __init__(self, volume: str) -> None:
        self.rng = self
        self.volume = volume

    def suffix(self, n: int) -> str:
        return self.volume[-n:]


def typed(v: object) -> object:
    if isinstance(v, dict):
        return (type(v), [(type(k), k, typed(x)) for k, x in v.items()])
    if isinstance(v, list):
        return (type(v), [typed(x) for x in v])
    return (type(v), v)


def containers_of(v: object, out: dict[int, object]) -> dict[int, object]:
    if isinstance(v, dict | list):
        out[id(v)] = v
        for x in v.values() if isinstance(v, dict) else v:
            containers_of(x, out)
    return out


def same(admitted: Obj, drawn: str | None) -> None:
    make = createbatch.builder(admitted, drawn)
    assert make is not None
    entries = [{"manager": "m"}]
    a = make("pod-a", "kube-api-access-aaaaa", entries)
    b = make("pod-b", "kube-api-access-bbbbb", entries)
    for pod, name, vol in (
        (a, "pod-a", "kube-api-access-aaaaa"),
        (b, "pod-b", "kube-api-access-bbbbb"),
    ):
        want = loaded(admitted, drawn, name, vol, entries)
        assert json.dumps(pod) == json.dumps(want)
        assert typed(pod) == typed(want)  # the exact types too
        assert pod["metadata"]["managedFields"] is entries
    ids_a, ids_b = containers_of(a, {}), containers_of(b, {})
    shared = set(ids_a) & (set(ids_b) | set(containers_of(admitted, {})))
    assert shared == {id(entries), *(id(e) for e in entries)}


def admitted_pod(req: Obj) -> tuple[Obj, str | None]:
    """The batch the full path remembers for ``req``."""
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    apiserver.create(cluster, "Pod", req, manager=fieldmanager.CONTROLLER_MANAGER)
    b = cluster.memo("store.createbatch")["last"]
    return b.admitted, b.token_volume


def test_the_builder_makes_the_loaded_pod() -> None:
    req = request(initContainers=[{"name": "init", "image": "busybox"}])
    req["spec"]["containers"].append(
        {"name": "side", "image": "busybox", "volumeMounts": [{"name": "t", "mountPath": "/t"}]}
    )
    req["spec"]["volumes"] = [{"name": "t", "emptyDir": {}}]
    same(*admitted_pod(req))
    same(*admitted_pod(request()))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(extra=st.dictionaries(st.text(), json_values, max_size=4), drawn=st.booleans())
def test_any_json_values_come_back_as_they_are(extra: Obj, drawn: bool) -> None:
    admitted = {
        "metadata": {"name": "x", "managedFields": None, "annotations": extra},
        "spec": {
            "containers": [{"name": "c", "volumeMounts": [{"name": "tok", "x": extra}]}],
            "volumes": [{"name": "tok", "extra": extra}],
        },
        "status": extra,
    }
    same(admitted, "tok" if drawn else None)


class _Str(str):
    pass


def test_values_a_literal_cannot_give_back_take_the_load() -> None:
    base: Obj = {"metadata": {"name": "x", "managedFields": None}, "spec": {}}
    for odd in (float("nan"), float("inf"), _Str("s"), {1: "a"}, (1, 2)):
        pod = json.loads(json.dumps(base))
        pod["spec"]["odd"] = odd
        assert createbatch.builder(pod, None) is None
    deep: Obj = {}
    pod = {"metadata": {"name": "x", "managedFields": None}, "spec": deep}
    for _ in range(100):
        deep["d"] = deep = {}
    assert createbatch.builder(pod, None) is None
    assert createbatch.builder({"metadata": {"name": "x"}}, None) is None  # no managedFields key


def test_a_long_batch_is_the_full_paths_pods() -> None:
    """Past the loads before building: the built pods are the full path's, draws included."""
    req = request(initContainers=[{"name": "init", "image": "busybox"}])
    batched, full = run(True, [req] * 20), run(False, [req] * 20)
    assert batched == full
    assert len({json.loads(p)["spec"]["volumes"][-1]["name"] for p in batched[0]}) == 20


def test_builders_are_kept_by_their_source() -> None:
    """Two batches alike but for the per-pod values share a builder; any other difference
    gives a builder of its own."""
    first, drawn = admitted_pod(request())
    again = json.loads(json.dumps(first))
    again["metadata"]["name"] = "other-name"
    again["spec"]["volumes"][-1]["name"] = "kube-api-access-zzzzz"
    for c in again["spec"]["containers"]:
        for m in c.get("volumeMounts", []):
            if m["name"] == drawn:
                m["name"] = "kube-api-access-zzzzz"
    assert createbatch.builder(first, drawn) is createbatch.builder(again, "kube-api-access-zzzzz")
    changed = json.loads(json.dumps(first))
    changed["spec"]["containers"][0]["image"] = "nginx:2"
    make = createbatch.builder(changed, drawn)
    assert make is not createbatch.builder(first, drawn)
    assert make is not None
    assert make("p", "v", [])["spec"]["containers"][0]["image"] == "nginx:2"


def test_a_repeated_request_is_only_read() -> None:
    """``create_repeat`` leaves its request as sent: one request serves a whole batch."""
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    manager = fieldmanager.CONTROLLER_MANAGER
    req = request()
    apiserver.create(cluster, "Pod", json.loads(json.dumps(req)), manager=manager)
    sent = json.loads(json.dumps(req))
    pods = [apiserver.create_repeat(cluster, "Pod", sent, manager) for _ in range(12)]
    assert sent == req
    names = [p["metadata"]["name"] for p in pods if p is not None]
    assert len(set(names)) == 12
    assert all(cluster.get("Pod", "default", n) is p for n, p in zip(names, pods, strict=True))
