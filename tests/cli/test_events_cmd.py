"""``kubectl events`` (ops/events.py, printers/events.py): columns, --for, --types, -A."""

from __future__ import annotations

import pytest

from minikube_lite.printers import events as ev_print
from tests.conftest import MklRunner


@pytest.fixture
def web(manual: MklRunner) -> MklRunner:
    assert (
        manual("create", "deployment", "web", "--image=nginx:1.27", "--replicas=1").exit_code == 0
    )
    assert manual("clock", "advance", "20s").exit_code == 0
    return manual


def test_events_columns(web: MklRunner) -> None:
    r = web("events")
    assert (r.exit_code, r.stderr) == (0, "")
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    objects = [ln.split()[3] for ln in lines[1:]]
    assert "Deployment/web" in objects
    assert any(obj.startswith("ReplicaSet/web-") for obj in objects)
    assert any(obj.startswith("Pod/web-") for obj in objects)
    assert all(ln.split()[0] in ("20s", "19s", "18s", "17s", "16s") for ln in lines[1:])


def test_events_for_one_object(web: MklRunner) -> None:
    lines = web("events", "--for", "deploy/web").stdout.splitlines()
    assert len(lines) == 2
    assert lines[1].split()[1:4] == ["Normal", "ScalingReplicaSet", "Deployment/web"]


def test_events_all_namespaces_and_types(web: MklRunner) -> None:
    lines = web("events", "-A").stdout.splitlines()
    assert lines[0].split()[:3] == ["NAMESPACE", "LAST", "SEEN"]
    assert lines[1].split()[0] == "default"
    r = web("events", "--types=Warning")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "No events found in default namespace.\n")
    r = web("events", "-A", "--types=warning,normal", "--no-headers")
    assert r.stdout.splitlines()[0].split()[0] == "default"


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (["--types=Bogus"], "error: valid --types are Normal or Warning\n"),
        (["--for", "web"], "error: --for must be in resource/name form\n"),
        (
            ["--for", "a/b/c"],
            "error: arguments in resource/name form may not have more than one slash\n",
        ),
        (["--for", "nope/x"], 'the server doesn\'t have a resource type "nope"\n'),
    ],
)
def test_events_errors(manual: MklRunner, argv: list[str], stderr: str) -> None:
    r = manual("events", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_interval_of_a_repeated_event() -> None:
    ev = {
        "firstTimestamp": "2024-01-01T00:00:00Z",
        "lastTimestamp": "2024-01-01T00:04:00Z",
        "count": 5,
        "involvedObject": {"kind": "Pod", "name": "p"},
        "type": "Warning",
        "reason": "BackOff",
        "message": "Back-off restarting failed container\nmore",
    }
    now = 1704067500.0  # 2024-01-01T00:05:00Z
    assert ev_print.event_row(ev, now, False) == [
        "60s (x5 over 5m)",
        "Warning",
        "BackOff",
        "Pod/p",
        "Back-off restarting failed container\nmore",
    ]


def test_events_watch_prints_new_events_made_in_another_terminal(
    manual: MklRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minikube_lite.cli import watch
    from tests.cli.watch_helpers import OtherTerminal, run

    assert manual("create", "namespace", "other").exit_code == 0
    OtherTerminal(
        monkeypatch,
        watch,
        [run(manual, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=1")],
    )
    r = manual("events", "-w", "--for", "deploy/web")
    assert r.exit_code == 130
    assert r.stdout == (
        "LAST SEEN   TYPE     REASON              OBJECT           MESSAGE\n"
        "0s          Normal   ScalingReplicaSet   Deployment/web   Scaled up replica set "
        + r.stdout.split("replica set ")[1]
    )
    assert r.stdout.count("\n") == 2
