"""open_cluster(): lock -> load -> advance to now -> (command) -> settle -> save -> unlock."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from minikube_lite import clock, errors
from minikube_lite.store import persist
from minikube_lite.store.cluster import Cluster


def sim_now(doc: dict[str, Any], wall_now: float | None = None) -> float:
    """Simulated now: manual = stored; real = start + wall elapsed x speed + advances."""
    c = doc["clock"]
    if c.get("mode") == "manual":
        return float(c["now"])
    wall_now = clock.wall() if wall_now is None else wall_now
    t = float(c["startSim"]) + (wall_now - float(c["startWall"])) * float(c.get("speed", 1.0)) + float(c.get("advanced", 0.0))
    return max(t, float(c["now"]))


@contextlib.contextmanager
def open_cluster(profile: str | None = None, *, create: bool = True, save: bool = True) -> Iterator[Cluster]:
    """Hold the profile lock for one load-reconcile-act-settle-save cycle."""
    from minikube_lite.controllers import loop

    name = persist.profile_name(profile)
    with persist.locked(name) as path:
        doc = persist.load(path)
        if doc is None:
            if not create:
                raise errors.MklError(f'profile "{name}" not found. Run "mkl cluster start" to create it')
            from minikube_lite.store import bootstrap

            cluster = bootstrap.new_cluster(name, mode="real", seed=_wall_seed())
            fresh = True
        else:
            cluster = Cluster(doc)
            fresh = False
        before = (cluster.resource_version, len(cluster.timers), cluster.now)
        loop.advance_to(cluster, sim_now(cluster.doc))
        yield cluster
        loop.settle(cluster)
        after = (cluster.resource_version, len(cluster.timers), cluster.now)
        if save and (fresh or after != before or cluster.dirty):
            persist.save(path, cluster.to_doc())


def _wall_seed() -> int:
    from minikube_lite import ids

    return ids.wall_seed()


def create_profile(profile: str | None, mode: str, speed: float, seed: int | None) -> tuple[Cluster, bool]:
    """`mkl cluster start`: create the profile unless it exists; returns (cluster, created)."""
    from minikube_lite import ids
    from minikube_lite.store import bootstrap

    name = persist.profile_name(profile)
    with persist.locked(name) as path:
        doc = persist.load(path)
        if doc is not None:
            return Cluster(doc), False
        cluster = bootstrap.new_cluster(name, mode=mode, speed=speed, seed=ids.wall_seed() if seed is None else seed)
        persist.save(path, cluster.to_doc())
        return cluster, True


def advance(profile: str | None, seconds: float) -> Cluster:
    """`mkl clock advance`: move simulated time forward in either mode, running what is due."""
    from minikube_lite.controllers import loop

    with open_cluster(profile) as cluster:
        c = cluster.doc["clock"]
        target = cluster.now + seconds
        if c.get("mode") != "manual":
            c["advanced"] = float(c.get("advanced", 0.0)) + seconds
        loop.advance_to(cluster, target)
        cluster.dirty = True
        return cluster
