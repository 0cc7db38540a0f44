"""Cluster.journal's keys: the node usage the scheduler keeps replays the store keys the journal
lists, which must be those of the objects it lists, through every write path of the store and
when the journal drops what it cannot keep."""

from __future__ import annotations

import pytest

from minikube_lite.store.cluster import WriteJournal, obj_key
from tests.unit.controllers.test_write_journal import _cluster, _steps


def test_the_journal_keys_are_its_objects_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    cluster = _cluster()
    journal = cluster.journal("Pod")
    seen = journal.end()
    steps = _steps(cluster)
    for step in steps:
        step()
    written, keys = journal.since(seen), journal.keys_since(seen)
    assert written is not None and keys is not None
    assert keys == [obj_key(p) for p in written]
    assert keys == [f"default/{n}" for n in ("p05", "p07", "p10", "p99", "p11", "p11", "p12")]
    assert journal.keys_since(None) is None
    monkeypatch.setattr(WriteJournal, "LIMIT", 4)
    for _ in range(5):
        steps[0]()
    assert journal.keys_since(seen) is None  # dropped, as since() says
    assert len(journal.keys) == len(journal.writes) <= 4
    assert journal.keys == [obj_key(p) for p in journal.writes]
