"""The ReplicaSet controller's three-way pod comparison orders pods exactly as
ActivePodsWithRanks.Less did when it was written as two ``less`` calls per pair (the version
before the rewrite, kept here as the oracle), on many random sets of pods."""

from __future__ import annotations

import functools
import math
import random
from typing import Any

from minikube_lite.controllers import common, replicaset
from tests.unit.controllers.test_replicaset_controller import NOW, rpod

Obj = dict[str, Any]


def _log_rank_diff(t1: float, t2: float, now: float) -> int:
    d1, d2 = (now - t1) * 1e9, (now - t2) * 1e9
    r1 = int(math.log2(d1)) if d1 > 0 else -1
    r2 = int(math.log2(d2)) if d2 > 0 else -1
    return r1 - r2


def _fields(pod: Obj) -> tuple[Any, ...]:
    ready = common.is_pod_ready(pod)
    cost = int(
        pod["metadata"].get("annotations", {}).get(replicaset.o.POD_DELETION_COST_ANNOTATION, 0)
    )
    return (
        bool(pod["spec"].get("nodeName")),
        {"Pending": 0, "Unknown": 1, "Running": 2}.get(pod["status"]["phase"], 0),
        ready,
        cost,
        common.pod_ready_time(pod) if ready else None,
        common.max_restarts(pod),
        common.ts(pod["metadata"]["creationTimestamp"]) or 0.0,
        pod["metadata"]["uid"],
    )


def _less(a: tuple[Any, ...], b: tuple[Any, ...], now: float) -> bool:
    a_as, a_ph, a_rd, a_cost, a_rt, a_rs, a_ct, a_uid = a
    b_as, b_ph, b_rd, b_cost, b_rt, b_rs, b_ct, b_uid = b
    if a_as != b_as:
        return not a_as
    if a_ph != b_ph:
        return bool(a_ph < b_ph)
    if a_rd != b_rd:
        return not a_rd
    if a_cost != b_cost:
        return bool(a_cost < b_cost)
    if a_rd and b_rd and a_rt != b_rt:
        if a_rt is None or b_rt is None:
            return a_rt is None
        diff = _log_rank_diff(a_rt, b_rt, now)
        return bool(a_uid < b_uid) if diff == 0 else diff < 0
    if a_rs != b_rs:
        return bool(a_rs > b_rs)
    if a_ct != b_ct:
        diff = _log_rank_diff(a_ct, b_ct, now)
        return bool(a_uid < b_uid) if diff == 0 else diff < 0
    return False


def oracle(pods: list[Obj], now: float) -> list[str]:
    def cmp(a: tuple[Obj, tuple[Any, ...]], b: tuple[Obj, tuple[Any, ...]]) -> int:
        return -1 if _less(a[1], b[1], now) else 1 if _less(b[1], a[1], now) else 0

    pairs = sorted(((p, _fields(p)) for p in pods), key=functools.cmp_to_key(cmp))
    return [p["metadata"]["name"] for p, _ in pairs]


def _random_pod(rng: random.Random, i: int) -> Obj:
    ready = rng.random() < 0.7
    return rpod(
        f"p{i}",
        node=rng.choice(["minikube", "minikube", ""]),
        phase=rng.choice(["Running", "Running", "Pending", "Unknown"]),
        ready_at=NOW - rng.choice([1, 2, 3, 5, 60, 61, 4000]) if ready else None,
        cost=rng.choice([None, None, 0, 5, -1]),
        restarts=rng.choice([0, 0, 1, 3]),
        created=NOW - rng.choice([1, 2, 3, 7, 8, 100, 5000]),
        uid=f"{rng.randrange(16**4):04x}",
    )


def test_rank_pods_matches_the_two_less_calls_per_pair() -> None:
    rng = random.Random(13)
    for trial in range(300):
        pods = [_random_pod(rng, i) for i in range(rng.randrange(2, 40))]
        got = [p["metadata"]["name"] for p in replicaset.rank_pods(pods, NOW)]
        assert got == oracle(pods, NOW), trial


def test_victims_from_kept_fields_are_the_ranking_of_the_pods() -> None:
    """The scale-down's ranking from the kept fields (replicaset_pods.victims: entries found by
    the pod, checked against the claim's resourceVersion, log ranks once per instant) picks the
    pods rank_pods picks, also after pods changed and the clock moved."""
    from minikube_lite.controllers import replicaset_pods as rp

    rng = random.Random(29)
    for trial in range(150):
        pods = [_random_pod(rng, i) for i in range(rng.randrange(3, 40))]
        for i, p in enumerate(pods):
            p["metadata"]["resourceVersion"] = str(i)
        cache = rp.ReplicaSetFacts(None, {})
        now = NOW
        for step in range(3):
            facts = [cache.compute(p) for p in pods]
            n = rng.randrange(1, len(pods))
            want = [p["metadata"]["name"] for p in replicaset.rank_pods(pods, now)[:n]]
            got = [p["metadata"]["name"] for p in rp.victims(pods, facts, n, now, cache)]
            assert got == want, (trial, step)
            for i in rng.sample(range(len(pods)), len(pods) // 3):  # some pods change
                fresh = _random_pod(rng, i)
                pods[i]["status"] = fresh["status"]
                pods[i]["metadata"]["resourceVersion"] = f"{step}-{i}"
            now += rng.choice([0.5, 1, 30, 4000])
