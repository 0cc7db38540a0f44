"""open_cluster(): lock -> load -> advance to now -> (command) -> settle -> save -> unlock."""

from __future__ import annotations

import _thread
import contextlib
import contextvars
import gc
from collections.abc import Callable, Iterator

from minikube_lite import clock, errors
from minikube_lite.store import persist
from minikube_lite.store.cluster import (
    Cluster,
    add_clock_advance,
    clock_settings,
    clock_state_of,
    move_clock_start_wall,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from minikube_lite.store.rbac.rbac import User


def sim_now(doc: dict[str, Any], wall_now: float | None = None) -> float:
    """Simulated now: manual = stored; real = start + wall elapsed x speed + advances."""
    c = clock_state_of(doc)
    if c.manual:
        return c.now
    wall_now = clock.wall() if wall_now is None else wall_now
    t = c.start_sim + (wall_now - c.start_wall) * c.speed + c.advanced
    return max(t, c.now)


def rebase_wall(doc: dict[str, Any], last_wall: float | None, wall_now: float) -> bool:
    """Keep a real clock running when the wall clock stepped back (NTP, a changed system time).

    Simulated time is ``start + (wall - startWall) x speed``: a wall clock set back by an hour
    would freeze it for an hour (it never goes backwards: ``sim_now`` keeps the stored floor).
    When the wall clock reads earlier than the last command saw, ``startWall`` moves back by
    the step, so simulated time goes on from where it was.  Returns True when it rebased.
    """
    if clock_state_of(doc).manual or last_wall is None or wall_now >= last_wall:
        return False
    move_clock_start_wall(doc, -(last_wall - wall_now))
    return True


# --as / --as-group of the running command (cli/app.py sets them around the handler).
_ACTING_AS: contextvars.ContextVar[tuple[str | None, tuple[str, ...]]] = contextvars.ContextVar(
    "mkl_acting_as", default=(None, ())
)


@contextlib.contextmanager
def acting_as(user: str | None, groups: list[str] | None) -> Iterator[None]:
    """kubectl's --as.

    Make every open_cluster of this command authorize its requests as ``user``.
    """
    token = _ACTING_AS.set((user or None, tuple(groups or ())))
    try:
        yield
    finally:
        _ACTING_AS.reset(token)


def requester() -> User | None:
    """The impersonated rbac.User, or None for minikube's admin (allowed everything)."""
    name, groups = _ACTING_AS.get()
    if not name and not groups:
        return None
    from minikube_lite.store.rbac import rbac

    return rbac.impersonate(name, list(groups))


def _fingerprint(cluster: Cluster) -> tuple[Any, ...]:
    """What a save would change: objects (resourceVersion), timers, and a manual clock's now.

    A real clock's ``now`` is derived from the wall clock, so a command that only let time pass
    (no timer ran, nothing written) has nothing to save.
    """
    manual = cluster.clock_state.manual
    return (
        cluster.resource_version,
        len(cluster.timers),
        cluster.doc.get("timerSeq", 0),
        cluster.now if manual else None,
    )


# Objects of a waiting command's earlier cycles that may be cyclic garbage, how many may pile up
# before the next cycle collects them, and the cycles since that collection (_collector_paused).
_GC_SLACK = 100_000
_GC_EVERY = 64
_gc_state = {"pending": 0, "limit": _GC_SLACK, "cycles": 0, "open": 0}
_gc_lock = _thread.allocate_lock()  # _thread, not threading: nothing to import per command


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector's policy: off for a load-reconcile-act-save cycle.

    A command is a short-lived process that builds one large, acyclic tree (the parsed state) and
    exits; each collection pass walks every container object still alive, so on a large cluster
    the collector ran several full passes over the state for nothing.  Measured on a 10,003-pod
    cluster (CPU user+sys, medians of 3, two same-run rounds against main; ``bench/large.py``
    builds it): ``get pods -n small`` 0.98-1.21 -> 0.47-0.67 s, ``describe pods -n small``
    1.74-2.12 -> 1.13-1.14 s, ``set image`` 2.59-3.16 -> 1.91-2.09 s, ``clock advance 1h``
    2.34-2.50 -> 1.98-2.12 s; peak RSS unchanged (175/365/466/287 MiB).  In another run,
    ``gc.freeze()`` right after ``persist.load`` saved little (0.85, 1.47, 2.54, 2.02 s against
    0.92, 1.88, 2.57, 2.16: segments are parsed lazily, after the load); thresholds raised to
    (100000, 50, 1000) saved about as much as turning the collector off (0.50, 1.05, 1.89, 1.79).

    At the end of the cycle everything alive is frozen (moved out of the collector's sight, O(1))
    and the collector is turned back on, so printing, and anything that runs without the state
    (a port-forward serving, ``logs -f``), collects as usual without walking the state.  A
    waiting command (``get -w``, ``rollout status``, ``wait``, an exec's loop) opens a cycle per
    step: once more objects than survived the last collection (at least ``_GC_SLACK``) were
    frozen since, or every ``_GC_EVERY`` cycles (the count is net of what was freed, so it can
    undercount), the next cycle unfreezes and collects first, so a long wait stays bounded.
    Nested cycles, and cycles that overlap in other threads (``mkl serve``'s handlers and its
    ticker, a dashboard's watcher), share one pause: the first to open turns the collector off,
    the last to close turns it back on.  Cycles that find it already off, with none of theirs
    open (someone else's ``gc.disable()``), leave it alone.
    """
    with _gc_lock:
        owner = _gc_state["open"] > 0 or gc.isenabled()
        if owner:
            if _gc_state["open"] == 0:
                _begin_pause()
            _gc_state["open"] += 1
    try:
        yield
    finally:
        if owner:
            with _gc_lock:
                _gc_state["open"] -= 1
                if _gc_state["open"] == 0:
                    _gc_state["pending"] += sum(gc.get_count())
                    gc.freeze()
                    gc.enable()


def _begin_pause() -> None:
    """The first cycle to open: collect first when the frozen garbage has grown, then pause."""
    if _gc_state["pending"] > _gc_state["limit"] or _gc_state["cycles"] >= _GC_EVERY:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _gc_state.update(limit=max(_GC_SLACK, gc.get_freeze_count()), pending=0, cycles=0)
    _gc_state["cycles"] += 1
    gc.disable()


def profile_not_found(name: str) -> errors.MklError:
    """The error of a command (or a watch) on a profile that does not exist (any more)."""
    return errors.MklError(f'profile "{name}" not found. Run "mkl cluster start" to create it')


@contextlib.contextmanager
def open_cluster(
    profile: str | None = None,
    *,
    create: bool = True,
    save: bool = True,
    advance: bool = True,
    on_load: Callable[[Cluster], object] | None = None,
) -> Iterator[Cluster]:
    """Hold the profile lock for one load-reconcile-act-settle-save cycle.

    ``on_load(cluster)`` runs before the clock catches up, so a watch sees what that changes.
    ``advance=False`` looks at the cluster as last saved: no clock catch-up, no settle, and no
    save unless the block changed something (a watch on a manual clock never moves it).
    The save is skipped when nothing changed (see ``_fingerprint``).
    """
    from minikube_lite.controllers import loop

    name = persist.profile_name(profile)
    with _collector_paused(), persist.locked(name) as lock:
        doc = persist.load(lock.path)
        if doc is None:
            if not create:
                raise profile_not_found(name)
            from minikube_lite.store import bootstrap

            cluster = bootstrap.new_cluster(name, mode="real", seed=_wall_seed())
            fresh = True
        else:
            cluster = Cluster(doc)
            fresh = False
        wall_now = clock.wall()
        if rebase_wall(cluster.doc, lock.last_wall(), wall_now):
            cluster.dirty = True
        before = _fingerprint(cluster)
        if on_load is not None:
            on_load(cluster)
        if advance:
            loop.advance_to(cluster, sim_now(cluster.doc, wall_now))
        cluster.user = requester()  # type: ignore[attr-defined]  # read by store.rbac.check
        yield cluster
        cluster.user = None  # type: ignore[attr-defined]  # controllers act as themselves
        if advance or _fingerprint(cluster) != before:
            loop.settle(cluster)
        saved = save and (fresh or _fingerprint(cluster) != before or cluster.dirty)
        if saved:
            persist.save(lock.path, cluster.to_doc())
        persist.after_cycle(lock.path, cluster.doc, saved)
        lock.remember_wall(wall_now)


def warm() -> contextlib.AbstractContextManager[None]:
    """For a waiting command's looks: each re-reads only the segments changed since the last
    (store/persist.warm)."""
    return persist.warm()


def _wall_seed() -> int:
    from minikube_lite import ids

    return ids.wall_seed()


def create_profile(
    profile: str | None, mode: str, speed: float, seed: int | None
) -> tuple[Cluster, bool]:
    """`mkl cluster start`: create the profile unless it exists; returns (cluster, created)."""
    from minikube_lite import ids
    from minikube_lite.store import bootstrap

    name = persist.profile_name(profile)
    with persist.locked(name) as lock:
        doc = persist.load(lock.path)
        if doc is not None:
            return Cluster(doc), False
        cluster = bootstrap.new_cluster(
            name, mode=mode, speed=speed, seed=ids.wall_seed() if seed is None else seed
        )
        persist.save(lock.path, cluster.to_doc())
        lock.remember_wall(clock.wall())
        return cluster, True


def reset_profile(profile: str | None) -> Cluster:
    """`mkl cluster reset`: a fresh cluster with the old clock mode, speed and seed, in one lock.

    The new state replaces the old one in a single atomic save, so a failed save (a full disk)
    keeps the old cluster, and no other command can slip in between delete and create.  An
    unreadable old state starts over with the defaults (real clock, a new seed).
    """
    from minikube_lite import ids
    from minikube_lite.store import bootstrap

    name = persist.profile_name(profile)
    mode, speed, seed = "real", 1.0, None
    with persist.locked(name) as lock:
        try:
            doc = persist.load(lock.path)
        except errors.StoreError:
            doc = None
        kept = clock_settings(doc)
        if kept is not None:
            mode, speed = kept
            seed = doc.get("seed") if isinstance(doc.get("seed"), int) else None  # type: ignore[union-attr]
        cluster = bootstrap.new_cluster(
            name, mode=mode, speed=speed, seed=ids.wall_seed() if seed is None else seed
        )
        persist.save(lock.path, cluster.to_doc())
        persist.remove_temps(lock.path)
        lock.remember_wall(clock.wall())
        return cluster


def advance(profile: str | None, seconds: float) -> Cluster:
    """`mkl clock advance`: move simulated time forward in either mode, running what is due."""
    from minikube_lite.controllers import loop

    with open_cluster(profile) as cluster:
        target = cluster.now + seconds
        if not cluster.clock_state.manual:
            add_clock_advance(cluster.doc, seconds)
        loop.advance_to(cluster, target)
        cluster.dirty = True
        return cluster
