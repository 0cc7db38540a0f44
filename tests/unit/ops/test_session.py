"""open_cluster: a real clock that survives a wall clock stepping back, and saves only on change."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from minikube_lite import clock
from minikube_lite.ops import session
from minikube_lite.store import persist


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A settable wall clock: ``wall[0]`` is what clock.wall() returns."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(clock, "wall", lambda: now[0])
    return now


def _now() -> float:
    with session.open_cluster() as cluster:
        return cluster.now


def test_real_clock_keeps_running_after_the_wall_clock_steps_back(wall: list[float]) -> None:
    session.create_profile(None, "real", 1.0, 7)
    wall[0] += 10
    t1 = _now()
    wall[0] -= 3600  # NTP or a user set the system time back an hour
    assert _now() == t1  # never backwards
    wall[0] += 5
    assert _now() == pytest.approx(t1 + 5)  # and not frozen for an hour either


def test_wall_clock_step_back_is_seen_even_when_the_last_command_saved_nothing(
    wall: list[float],
) -> None:
    session.create_profile(None, "real", 1.0, 7)
    _now()
    wall[0] += 100
    t1 = _now()  # nothing due: nothing saved, but the lock file remembers the wall clock
    wall[0] -= 50
    wall[0] += 2
    assert _now() == pytest.approx(t1 + 2)


def test_a_command_that_only_lets_time_pass_does_not_rewrite_the_state(wall: list[float]) -> None:
    session.create_profile(None, "real", 1.0, 7)
    _now()
    stamp = persist.version("minikube")
    wall[0] += 30
    _now()
    assert persist.version("minikube") == stamp


def test_manual_clock_is_not_rebased(wall: list[float]) -> None:
    session.create_profile(None, "manual", 1.0, 7)
    t0 = _now()
    wall[0] -= 3600
    assert _now() == t0


def test_advance_false_never_moves_the_clock(wall: list[float]) -> None:
    session.create_profile(None, "real", 1.0, 7)
    t0 = _now()
    wall[0] += 600
    with session.open_cluster(advance=False) as cluster:
        assert cluster.now == t0
    assert _now() == pytest.approx(t0 + 600)


def test_reset_that_cannot_save_keeps_the_old_cluster(mkl, monkeypatch: pytest.MonkeyPatch) -> None:
    from minikube_lite import errors

    assert mkl("cluster", "start", "--clock", "manual", "--seed", "3").exit_code == 0
    assert mkl("create", "namespace", "keep").exit_code == 0
    before = Path(persist.state_path("minikube")).read_bytes()

    def full_disk(path: object, doc: object) -> None:
        raise errors.StoreError(
            "cannot write state file: no space left on device; the previous state was kept"
        )

    monkeypatch.setattr(persist, "save", full_disk)
    r = mkl("cluster", "reset")
    assert r.exit_code == 1 and r.stdout == ""
    assert Path(persist.state_path("minikube")).read_bytes() == before


def test_reset_keeps_mode_and_seed(mkl) -> None:
    assert mkl("cluster", "start", "--clock", "manual", "--seed", "3").exit_code == 0
    assert mkl("create", "namespace", "gone").exit_code == 0
    r = mkl("cluster", "reset")
    assert r.stdout == '* Reset cluster "minikube" (manual clock, seed 3).\n'
    assert "gone" not in mkl("get", "ns").stdout


class _Cycle:
    """A reference cycle the reference count alone never frees."""

    def __init__(self) -> None:
        self.me = self


def test_a_cycle_runs_without_the_cyclic_collector_and_leaves_it_on() -> None:
    session.create_profile(None, "manual", 1.0, 7)
    assert gc.isenabled()
    with session.open_cluster() as cluster:
        assert not gc.isenabled()  # load, reconcile and save pay no collection passes
        state = cluster.doc
    assert gc.isenabled()  # printing and serving collect as usual ...
    assert not any(o is state for o in gc.get_objects())  # ... without walking the frozen state


def test_cycles_overlapping_in_two_threads_share_one_pause() -> None:
    # mkl serve runs a cycle per request thread and one in its ticker: the first cycle to end
    # must not turn the collector back on under the one still running (two profiles: cycles
    # on one profile queue on its lock, but only after the pause has begun)
    import threading

    session.create_profile(None, "manual", 1.0, 7)
    session.create_profile("other", "manual", 1.0, 7)
    inside, release, seen = threading.Event(), threading.Event(), []

    def other() -> None:
        with session.open_cluster("other", advance=False):
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=other)
    worker.start()
    assert inside.wait(10)
    with session.open_cluster(advance=False):
        seen.append(gc.isenabled())  # both cycles are open
        release.set()
        worker.join(10)
        seen.append(gc.isenabled())  # the other thread's cycle has ended; ours has not
    seen.append(gc.isenabled())
    assert seen == [False, False, True]


def test_a_waiting_loop_still_collects_its_garbage(monkeypatch: pytest.MonkeyPatch) -> None:
    # a fresh process starts with the collector on and nothing frozen; earlier tests in this
    # process may have left objects frozen and counters anywhere (an order-dependent failure)
    assert gc.isenabled()
    gc.unfreeze()
    gc.collect()
    session.create_profile(None, "manual", 1.0, 7)
    monkeypatch.setitem(session._gc_state, "pending", 0)
    monkeypatch.setitem(session._gc_state, "cycles", 0)
    monkeypatch.setitem(session._gc_state, "limit", 1_000)
    first = None
    for _ in range(20):  # steps of a `get -w` or `rollout status`: a cycle each
        with session.open_cluster(advance=False):
            garbage = [_Cycle() for _ in range(500)]
            first = first or weakref.ref(garbage[0])
            del garbage
    assert first() is None  # the cycles piled up past the limit, and a later step freed them
    assert gc.isenabled()
