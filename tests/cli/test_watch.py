"""``get -w`` and ``logs -f`` follow the cluster whoever changes it, never moving a manual clock.

Issue 11.

Pure parts (what a look prints) are tested directly; the command runs in-process with its
wall-clock waits replaced by another terminal's commands (tests/cli/watch_helpers.py); two tests
run real processes, as the lesson does in two terminals.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.api import kinds
from minikube_lite.cli import cmd_logs, watch
from minikube_lite.ops import session
from minikube_lite.store import persist
from tests.cli.watch_helpers import OtherTerminal, idle, run
from tests.conftest import ROOT, run_cli

DEPLOY_HEADER = ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]


def ns(name: str, rv: int, phase: str = "Active") -> dict[str, Any]:
    return {
        "metadata": {
            "name": name,
            "resourceVersion": str(rv),
            "creationTimestamp": "2024-01-01T00:00:00Z",
        },
        "status": {"phase": phase},
    }


def key(name: str) -> tuple[str, str]:
    return ("Namespace", name)


def rows_of(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


def stored_now() -> float:
    doc = persist.load(Path(persist.state_path("minikube")))
    assert doc is not None
    return float(doc["clock"]["now"])


# ----- what one look prints -----------------------------------------------------------------------


def test_diff_reports_changed_and_new_in_write_order_skips_unchanged_and_reports_deleted() -> None:
    seen = {key("a"): ns("a", 1), key("b"): ns("b", 2), key("c"): ns("c", 3)}
    current = {key("a"): ns("a", 9, "Terminating"), key("b"): seen[key("b")], key("d"): ns("d", 5)}
    changes = watch.diff(seen, current)
    assert [(c.event, c.key, c.obj["metadata"]["resourceVersion"]) for c in changes] == [
        ("ADDED", "d", "5"),
        ("MODIFIED", "a", "9"),
        ("DELETED", "c", "3"),  # a deleted object: its last version seen
    ]
    watch.remember(seen, changes)
    assert seen == current
    assert watch.diff(seen, current) == []


def test_own_writes_become_events_and_leaving_the_selection_is_a_deletion() -> None:
    seen = {key("a"): ns("a", 1)}
    writes = [
        ("Namespace", "a", ns("a", 2), False),
        ("Namespace", "n", ns("n", 3), False),
        ("Namespace", "n", ns("n", 4), False),
        ("Namespace", "a", ns("a", 5, "gone-from-selection"), False),
        ("Namespace", "n", ns("n", 6), True),
    ]
    changes = watch.from_writes(
        seen, writes, lambda kind, obj: obj["status"]["phase"] != "gone-from-selection"
    )
    assert [(c.event, c.key, c.obj["metadata"]["resourceVersion"]) for c in changes] == [
        ("MODIFIED", "a", "2"),
        ("ADDED", "n", "3"),
        ("MODIFIED", "n", "4"),
        ("DELETED", "a", "2"),
        ("DELETED", "n", "6"),
    ]
    assert seen == {}


def test_rows_print_the_header_once_skip_identical_rows_and_always_print_deletions() -> None:
    rows = watch.Rows(
        kinds.KINDS["Namespace"],
        namespace_column=False,
        wide=False,
        show_labels=False,
        no_headers=False,
        events=True,
    )
    now = 30.0 + 1704067200
    assert rows.render([], now) == ""
    first = watch.Change("ADDED", "Namespace", "a", ns("a", 1))
    assert rows_of(rows.render([first], now)) == [
        ["EVENT", "NAME", "STATUS", "AGE"],
        ["ADDED", "a", "Active", "30s"],
    ]
    same = watch.Change("MODIFIED", "Namespace", "a", ns("a", 2))
    assert rows.render([same], now) == ""  # nothing a column shows changed
    gone = watch.Change("DELETED", "Namespace", "a", ns("a", 2))
    assert rows_of(
        rows.render(
            [gone, watch.Change("ADDED", "Namespace", "longer-name", ns("longer-name", 3))], now
        )
    ) == [
        ["DELETED", "a", "Active", "30s"],
        ["ADDED", "longer-name", "Active", "30s"],
    ]
    assert rows.render([watch.Change("MODIFIED", "Namespace", "a", ns("a", 4))], now).startswith(
        "MODIFIED   a             Active"
    )


# ----- get -w in one terminal, commands in another (in-process) -----------------------------------


@pytest.fixture
def web(manual: Any) -> Any:
    """Deployment web (3 replicas) rolled out on a manual clock, at 00:00:30."""
    run(manual, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=3")()
    run(manual, "clock", "advance", "30s")()
    return manual


def test_get_watch_shows_a_rollout_made_in_another_terminal(
    web: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    OtherTerminal(
        monkeypatch,
        watch,
        [
            idle,
            run(web, "set", "image", "deploy/web", "nginx=nginx:1.27"),
            idle,
            run(web, "clock", "advance", "30s"),
        ],
    )
    r = web("get", "deploy", "-w")
    assert (r.exit_code, r.stderr) == (130, "")
    rows = rows_of(r.stdout)
    assert rows[0] == DEPLOY_HEADER
    assert rows[1] == ["web", "3/3", "3", "3", "30s"]  # the listing
    assert ["web", "3/3", "1", "3", "30s"] in rows[2:]  # what set image left
    assert rows[-1] == [
        "web",
        "3/3",
        "3",
        "3",
        "60s",
    ]  # the end of the rollout, seen after clock advance
    assert web("clock").stdout.startswith("2024-01-01T00:01:00Z\n")  # the watch moved nothing


def test_get_watch_prints_deletions_made_in_another_terminal(
    web: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = web("get", "pods", "-o", "name").stdout.split()[0].removeprefix("pod/")
    OtherTerminal(
        monkeypatch,
        watch,
        [run(web, "delete", "pod", old, "--wait=false"), run(web, "clock", "advance", "40s")],
    )
    r = web("get", "pods", "-w")
    assert r.exit_code == 130
    rows = rows_of(r.stdout)
    assert [row[2] for row in rows if row[0] == old] == [
        "Running",
        "Terminating",
        "Terminating",
    ]  # listed, deleting, gone
    new = [row for row in rows[4:] if row[0] != old]
    assert new[0][2] == "Pending" and new[-1][2] == "Running"


def test_get_watch_never_moves_a_manual_clock(manual: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    run(manual, "apply", "-f", str(ROOT / "manifests" / "failures" / "readiness.yaml"))()
    run(manual, "clock", "advance", "1m")()  # probes fail every 5 s from now on: timers forever
    before = stored_now()
    term = OtherTerminal(monkeypatch, watch, [], then="wait")
    r = manual("get", "pods", "-w", "--timeout=3s")  # wall time
    assert r.exit_code == 0
    assert len(rows_of(r.stdout)) == 3  # the header and the two pods: nothing changed
    assert stored_now() == before
    assert sum(term.naps) == pytest.approx(3.0) and max(term.naps) <= watch.POLL


def test_get_watch_of_an_empty_list_prints_the_header_with_the_first_row(
    manual: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(manual, "create", "namespace", "dev")()
    OtherTerminal(
        monkeypatch,
        watch,
        [idle, run(manual, "create", "deployment", "app", "--image=nginx:1.25", "-n", "dev")],
    )
    r = manual("get", "pods", "-n", "dev", "-w")
    assert (r.exit_code, r.stderr) == (130, "")  # kubectl's watch says nothing about an empty list
    rows = rows_of(r.stdout)
    assert rows[0] == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert rows[1][1:3] == ["0/1", "Pending"] and len(rows) == 2


def test_watch_only_and_output_watch_events(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    OtherTerminal(monkeypatch, watch, [run(web, "scale", "deploy/web", "--replicas=1")])
    rows = rows_of(web("get", "deploy", "-w", "--output-watch-events").stdout)
    assert rows[0] == ["EVENT", *DEPLOY_HEADER]
    assert rows[1] == ["ADDED", "web", "3/3", "3", "3", "30s"]
    assert rows[2][0] == "MODIFIED" and rows[-1] == ["MODIFIED", "web", "1/1", "1", "1", "30s"]
    OtherTerminal(monkeypatch, watch, [run(web, "scale", "deploy/web", "--replicas=2")])
    rows = rows_of(web("get", "deploy", "--watch-only").stdout)
    assert rows == [
        DEPLOY_HEADER,
        ["web", "1/2", "2", "1", "30s"],
    ]  # no listing: the header comes with the first change


def test_a_real_clock_watch_runs_the_cluster_in_short_steps(
    mkl: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(mkl, "cluster", "start", "--clock", "real", "--speed", "2")()
    term = OtherTerminal(monkeypatch, watch, [], then="wait")
    run(mkl, "create", "deployment", "web", "--image=nginx:1.25")()
    r = mkl("get", "pods", "-w", "--timeout=5s")  # 10 simulated seconds; no other command runs
    assert r.exit_code == 0
    statuses = [row[2] for row in rows_of(r.stdout)[1:]]
    assert (
        statuses[0] == "Pending" and statuses[-1] == "Running" and "ContainerCreating" in statuses
    )
    assert max(term.naps) <= watch.POLL


# ----- logs -f ------------------------------------------------------------------------------------


def test_logs_follow_on_a_manual_clock_only_reads_a_changed_state(
    manual: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(
        manual,
        "create",
        "deployment",
        "crash",
        "--image=busybox:1.36",
        "--",
        "sh",
        "-c",
        "echo starting; sleep 5; echo failing; exit 1",
    )()
    run(manual, "clock", "advance", "5s")()
    pod = manual("get", "pods", "-o", "name").stdout.split()[0]
    looks: list[bool] = []
    real_open = session.open_cluster

    def counting_open(profile: Any = None, **kw: Any) -> Any:
        looks.append(kw.get("advance", True))
        return real_open(profile, **kw)

    monkeypatch.setattr(
        cmd_logs,
        "session",
        type(
            "S",
            (),
            {"open_cluster": staticmethod(counting_open), "sim_now": staticmethod(session.sim_now)},
        ),
    )
    OtherTerminal(monkeypatch, cmd_logs, [idle, idle, idle, run(manual, "clock", "advance", "10s")])
    before = stored_now()
    r = manual("logs", "-f", pod)
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "starting\nfailing\n",
        "",
    )  # ends with the container
    assert looks == [
        True,
        False,
    ]  # the first read, then one look after clock advance (without advancing)
    assert stored_now() == before + 10


# ----- two real terminals -------------------------------------------------------------------------


@pytest.mark.subprocess
def test_two_terminals_watch_sees_set_image_and_clock_advance(web: Any) -> None:
    from tests.cli.test_portforward import Proc

    w = Proc("get", "deploy", "-w")
    try:
        assert w.expect("NAME").split() == DEPLOY_HEADER
        assert w.expect("web").split()[1:4] == ["3/3", "3", "3"]
        assert run_cli("set", "image", "deploy/web", "nginx=nginx:1.27").returncode == 0
        assert w.expect("web").split()[1:4] == ["3/3", "1", "3"]
        assert run_cli("clock", "advance", "30s").returncode == 0
        while (row := w.expect("web").split())[1:3] != ["3/3", "3"]:
            pass
        assert row[:4] == ["web", "3/3", "3", "3"]
        assert w.stop(signal.SIGINT) == 130
        assert "Traceback" not in "".join(w.err)
    finally:
        w.kill()


@pytest.mark.subprocess
def test_a_watch_process_leaves_a_manual_clock_alone(manual: Any) -> None:
    from tests.cli.test_portforward import Proc

    run(manual, "apply", "-f", str(ROOT / "manifests" / "failures" / "readiness.yaml"))()
    run(manual, "clock", "advance", "1m")()
    before = (
        manual("clock").stdout,
        json.dumps(persist.load(Path(persist.state_path("minikube")))["clock"]),
    )  # type: ignore[index]
    w = Proc("get", "pods", "-w")
    try:
        w.expect("NAME")
        time.sleep(3)  # failing readiness probes keep timers due every 5 simulated seconds
        assert w.stop(signal.SIGINT) == 130
    finally:
        w.kill()
    assert (
        manual("clock").stdout,
        json.dumps(persist.load(Path(persist.state_path("minikube")))["clock"]),
    ) == before  # type: ignore[index]


def test_watch_with_a_field_selector_follows_only_matching_objects(
    web: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    OtherTerminal(monkeypatch, watch, [run(web, "create", "deployment", "b", "--image=nginx")])
    r = web("get", "pods", "-w", "--field-selector", "status.phase=Pending", "-L", "app")
    assert r.exit_code == 130
    rows = rows_of(r.stdout)
    assert rows[0] == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "APP"]
    assert (
        len(rows) == 2 and rows[1][0].startswith("b-") and rows[1][-1] == "b"
    )  # the Running web pods are not listed


def test_a_watch_whose_profile_is_deleted_ends_with_profile_not_found(
    manual: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It used to poll on (hot, on a real clock: its next-timer time stayed in the past)."""
    OtherTerminal(monkeypatch, watch, [run(manual, "cluster", "delete")])
    r = manual("get", "pods", "-A", "-w")
    assert r.exit_code == 1
    assert r.stderr == (
        'error: profile "minikube" not found. Run "mkl cluster start" to create it\n'
    )


def test_a_real_clock_watch_whose_home_is_removed_ends_instead_of_spinning(
    mkl: Any, mkl_home: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    assert mkl("cluster", "start", "--seed", "1").exit_code == 0
    run(mkl, "apply", "-f", str(ROOT / "manifests" / "failures" / "readiness.yaml"))()
    term = OtherTerminal(monkeypatch, watch, [lambda: shutil.rmtree(mkl_home)], then="wait")
    r = mkl("get", "pods", "-w")
    assert r.exit_code == 1 and "not found" in r.stderr
    assert len(term.naps) <= 3
