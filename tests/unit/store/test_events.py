"""Event correlation: identical events count, similar ones combine from the 10th, events expire."""

from __future__ import annotations

from minikube_lite.store import bootstrap, events


def _rs(cluster):
    return cluster.get("Namespace", None, "default")


def test_identical_events_bump_count() -> None:
    c = bootstrap.new_cluster(seed=1)
    ns = _rs(c)
    for _ in range(3):
        events.record(
            c, events.EventRecord(ns, "Namespace", "Normal", "Tick", "same message", "test")
        )
    evs = c.events_for(ns)
    assert [(e["message"], e["count"]) for e in evs] == [("same message", 3)]


def test_similar_events_combine_from_the_tenth_distinct_message() -> None:
    c = bootstrap.new_cluster(seed=1)
    ns = _rs(c)
    for i in range(14):
        events.record(
            c,
            events.EventRecord(
                ns,
                "Namespace",
                "Normal",
                "SuccessfulCreate",
                f"Created pod: p{i}",
                "replicaset-controller",
            ),
        )
    msgs = [(e["message"], e.get("count")) for e in c.events_for(ns)]
    assert msgs[:9] == [(f"Created pod: p{i}", 1) for i in range(9)]
    assert msgs[9:] == [("(combined from similar events): Created pod: p13", 5)]


def test_similar_window_resets_after_ten_minutes() -> None:
    c = bootstrap.new_cluster(seed=1)
    ns = _rs(c)
    for i in range(9):
        events.record(c, events.EventRecord(ns, "Namespace", "Normal", "R", f"m{i}", "x"))
    c.now += events.SIMILAR_WINDOW + 1
    events.record(c, events.EventRecord(ns, "Namespace", "Normal", "R", "m9", "x"))
    assert not any(e["message"].startswith(events.COMBINED_PREFIX) for e in c.events_for(ns))


def test_events_expire_after_an_hour_and_only_then() -> None:
    c = bootstrap.new_cluster(seed=1)
    ns = _rs(c)
    events.record(c, events.EventRecord(ns, "Namespace", "Normal", "Old", "old", "x"))
    c.now += 1800
    events.record(c, events.EventRecord(ns, "Namespace", "Normal", "New", "new", "x"))
    c.now += 1800
    assert events.expire(c) == 1
    assert [e["reason"] for e in c.events_for(ns)] == ["New"]
    assert events.expire(c) == 0
