"""``events -o``: kubectl's PrintFlags printers over one v1 EventList (events.go Run), each
event alone under ``-w``, and Go's sort.Sort order for events of the same instant."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from minikube_lite import gosort
from tests.conftest import MklRunner


@pytest.fixture
def web(manual: MklRunner) -> MklRunner:
    r = manual("create", "deployment", "web", "--image=nginx", "--replicas=2")
    assert r.exit_code == 0, r.stderr
    return manual


def test_json_is_one_event_list_in_go_struct_order(web: MklRunner) -> None:
    r = web("events", "-o", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert list(doc) == ["kind", "apiVersion", "metadata", "items"]
    assert (doc["kind"], doc["apiVersion"], doc["metadata"]) == ("EventList", "v1", {})
    first = doc["items"][0]
    assert list(first)[:6] == [
        "kind",
        "apiVersion",
        "metadata",
        "involvedObject",
        "reason",
        "message",
    ]
    assert "managedFields" not in first["metadata"]


def test_yaml_jsonpath_template_and_name(web: MklRunner) -> None:
    doc = yaml.safe_load(web("events", "--types=Normal", "-o", "yaml").stdout)
    assert doc["kind"] == "EventList" and doc["items"]
    r = web("events", "--for", "deploy/web", "-o", "jsonpath={.items[*].reason}")
    assert r.stdout == "ScalingReplicaSet"
    r = web("events", "--for", "deploy/web", "-o", "go-template={{len .items}}")
    assert r.stdout == "1"
    r = web("events", "-o", "name")  # kubectl's name printer refuses lists; Run ignores it
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")


def test_no_events_and_refused_formats(web: MklRunner) -> None:
    r = web("events", "-n", "kube-public", "-o", "json")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "",
        "No events found in kube-public namespace.\n",
    )
    r = web("events", "-o", "wide")
    assert r.exit_code == 1
    assert r.stderr.startswith(
        'error: unable to match a printer suitable for the output format "wide"'
    )


def test_watch_prints_each_event_alone(web: MklRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from minikube_lite.cli import watch
    from tests.cli.watch_helpers import OtherTerminal, run

    OtherTerminal(monkeypatch, watch, [run(web, "scale", "deployment", "web", "--replicas=3")])
    r = web("events", "-w", "--for", "deploy/web", "-o", "yaml")
    assert r.exit_code == 130
    docs = r.stdout.split("---\n")
    assert [yaml.safe_load(d)["kind"] for d in docs] == ["Event", "Event"]
    assert "Scaled up replica set" in yaml.safe_load(docs[1])["message"]
    r = web("events", "-w", "--for", "deploy/web", "-o", "name")
    assert r.stdout.startswith("event/web.")


@given(st.lists(st.integers(0, 5), max_size=120))
def test_go_sort_sorts_and_is_stable_up_to_12(keys: list[int]) -> None:
    items = list(enumerate(keys))
    gosort.sort(items, lambda a, b: a[1] < b[1])
    assert [k for _, k in items] == sorted(keys)
    if len(keys) <= 12:  # insertion sort
        assert items == sorted(enumerate(keys), key=lambda p: p[1])


def test_go_sort_beyond_12_items_is_not_stable() -> None:
    """Past insertion sort's 12 items pdqsort partitions: ties leave their input order (the
    real kubectl's order for such ties is checked in test_events_output_parity.py)."""
    items = [(i, 1 if i < 10 else 0) for i in range(20)]
    gosort.sort(items, lambda a, b: a[1] < b[1])
    assert [k for _, k in items] == [0] * 10 + [1] * 10
    assert sorted(i for i, _ in items[:10]) == list(range(10, 20))
    assert [i for i, _ in items] != sorted(range(20), key=lambda i: (i < 10, i))
