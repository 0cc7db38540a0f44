"""A bounded time series per Deployment, recorded once per settled instant (issue 7).

The reconcile loop tells this module which Deployments the deployment controller synced
(``touch``) and calls ``record`` when an instant has settled.  For each touched Deployment one
point is appended to ``cluster.state["timeline"]`` unless nothing changed since the last point; a
second settle at the same instant replaces the point of that instant, unless a command
marked the Deployment in between: commands that change a Deployment (set image, scale, pause,
resume, undo, patch, restart) add a ``mark``, and the state before them keeps its own point.

Stored shape, compact because it is persisted with every command::

    state["timeline"]["ns/name"] = {
        "uid": "...",                    # a new Deployment with the same name starts a new series
        "rs": ["web-5f8d7c", ...],       # ReplicaSet names, referenced by index below
        "points": [[t, desired, ready, available, floor, ceiling, new_index,
                    [[rs_index, replicas], ...]]],
        "marks": [[t, "set image nginx:1.25"], ...],
        "sealed": 3,                     # points before this index are never replaced
        "timeouts": [[t, "web-5f8d7c"]], # rollouts that exceeded their progress deadline (issue 17)
    }

``replicas`` are ``spec.replicas`` of each ReplicaSet (what the controller decided, bounded by the
ceiling); ``floor``/``ceiling`` are ``desired - maxUnavailable`` and ``desired + maxSurge`` from the
controller's own helpers (Recreate: 0 and ``desired``, as it goes through zero by design).
"""

from __future__ import annotations

import weakref

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster, key_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_POINTS = 500
MAX_MARKS = 100
MAX_TIMEOUTS = 20
STATE_KEY = "timeline"

# Deployment keys synced since the last record, per in-memory cluster (never persisted).
_touched: weakref.WeakKeyDictionary[Cluster, set[str]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Point:
    """One instant of a Deployment's rollout."""

    t: float
    desired: int
    ready: int
    available: int
    floor: int
    ceiling: int
    new: str | None  # name of the new ReplicaSet at that instant
    replicas: tuple[
        tuple[str, int], ...
    ]  # (ReplicaSet, spec.replicas), every RS above 0 and the new one

    @property
    def new_replicas(self) -> int:
        return sum(n for rs, n in self.replicas if rs == self.new)

    @property
    def old_replicas(self) -> int:
        return sum(n for rs, n in self.replicas if rs != self.new)


@dataclass(frozen=True, slots=True)
class Mark:
    """A command that changed the Deployment, at simulated instant ``t``."""

    t: float
    text: str


@dataclass(frozen=True, slots=True)
class Series:
    """The decoded series of one Deployment (what the printers draw)."""

    namespace: str
    name: str
    points: tuple[Point, ...]
    marks: tuple[Mark, ...]


# ----- recording ---------------------------------------------------------------------------------


def touch(cluster: Cluster, keys: set[str] | list[str]) -> None:
    """Remember Deployments (``ns/name`` keys) whose state may have changed at this instant."""
    _touched.setdefault(cluster, set()).update(keys)


def record(cluster: Cluster) -> None:
    """After an instant settled: one point per touched Deployment (if anything changed)."""
    keys = _touched.pop(cluster, None)
    if not keys:
        return
    store = cluster.state.setdefault(STATE_KEY, {})
    for key in sorted(keys):
        d = cluster.get_key("Deployment", key)
        if d is None:
            store.pop(key, None)
            continue
        entry = store.get(key)
        if entry is None or entry.get("uid") != o.uid(d):
            entry = store[key] = {"uid": o.uid(d), "rs": [], "points": [], "marks": []}
        _append(entry, _point(cluster, d, entry), _round(cluster.now))


def mark(cluster: Cluster, d: Obj, text: str) -> None:
    """Note a user command on the chart (called by the ops that change Deployments)."""
    key = key_of(o.namespace(d), o.name(d))
    store = cluster.state.setdefault(STATE_KEY, {})
    entry = store.get(key)
    if entry is None or entry.get("uid") != o.uid(d):
        entry = store[key] = {"uid": o.uid(d), "rs": [], "points": [], "marks": []}
    marks = entry["marks"]
    marks.append([_round(cluster.now), text])
    del marks[:-MAX_MARKS]
    entry["sealed"] = len(entry["points"])  # the state before the command keeps its point
    touch(cluster, [key])


def note_timeout(cluster: Cluster, d: Obj, rs_name: str | None) -> None:
    """Remember that the rollout to ``rs_name`` exceeded its progress deadline (issue 17).

    The Deployment's ``Progressing`` condition says so only until the next rollout; lessons
    check afterwards that such a rollout was rolled back.  Not a mark: the chart is unchanged.
    """
    key = key_of(o.namespace(d), o.name(d))
    store = cluster.state.setdefault(STATE_KEY, {})
    entry = store.get(key)
    if entry is None or entry.get("uid") != o.uid(d):
        entry = store[key] = {"uid": o.uid(d), "rs": [], "points": [], "marks": []}
    found = entry.setdefault("timeouts", [])
    found.append([_round(cluster.now), rs_name or ""])
    del found[:-MAX_TIMEOUTS]


def timeouts(cluster: Cluster, d: Obj) -> tuple[tuple[float, str], ...]:
    """(instant, ReplicaSet name) of each recorded progress-deadline timeout of ``d``."""
    entry = cluster.state.get(STATE_KEY, {}).get(key_of(o.namespace(d), o.name(d)))
    if entry is None or entry.get("uid") != o.uid(d):
        return ()
    return tuple((float(t), str(rs)) for t, rs in entry.get("timeouts", []))


def marked(cluster: Cluster, d: Obj, text: str) -> Obj:
    """``mark`` and return ``d`` (for ops that return the stored object)."""
    mark(cluster, d, text)
    return d


def changed_images(before: Obj, after: Obj) -> str:
    """The images a template edit introduced, for a mark (``gasbugs/http-go:v2``)."""
    old = {c.get("image") for c in o.containers(o.pod_template(before))}
    new = [
        str(c.get("image"))
        for c in o.containers(o.pod_template(after))
        if c.get("image") not in old
    ]
    return ", ".join(new) or "(unchanged)"


def _round(t: float) -> float:
    r = round(t, 3)
    return float(int(r)) if r == int(r) else r


def _bounds(d: Obj) -> tuple[int, int]:
    from minikube_lite.controllers.deployment import util

    desired = util.replicas(d)
    if util.strategy_type(d) == "Recreate":
        return 0, desired
    return desired - util.max_unavailable(d), desired + util.max_surge(d)


def _point(cluster: Cluster, d: Obj, entry: dict[str, Any]) -> list[Any]:
    """The compact point (without its time) for the Deployment as it is now."""
    from minikube_lite.controllers.deployment import util  # imported only when a Deployment changed

    rss = [
        rs
        for rs in cluster.owned("ReplicaSet", o.uid(d), o.namespace(d))
        if o.namespace(rs) == o.namespace(d)
    ]
    new = util.find_new_replica_set(d, rss)
    names: list[str] = entry["rs"]
    pairs = []
    for rs in util.by_creation_timestamp(rss):
        n = util.rs_replicas(rs)
        if n > 0 or rs is new:
            if o.name(rs) not in names:
                names.append(o.name(rs))
            pairs.append([names.index(o.name(rs)), n])
    floor, ceiling = _bounds(d)
    new_index = names.index(o.name(new)) if new is not None else -1
    ready = util.get_ready_replica_count_for_replica_sets(rss)
    available = util.get_available_replica_count_for_replica_sets(rss)
    return [util.replicas(d), ready, available, floor, ceiling, new_index, pairs]


def _append(entry: dict[str, Any], body: list[Any], t: float) -> None:
    points: list[list[Any]] = entry["points"]
    if points and points[-1][0] == t and len(points) > entry.get("sealed", 0):
        points.pop()
    if points and points[-1][1:] == body:
        return
    points.append([t, *body])
    if len(points) > MAX_POINTS:
        removed = len(points) - MAX_POINTS
        del points[:removed]
        entry["sealed"] = max(0, entry.get("sealed", 0) - removed)
        _compact(entry)


def _compact(entry: dict[str, Any]) -> None:
    """After trimming: drop marks before the first point and ReplicaSet names no longer used."""
    first = entry["points"][0][0]
    entry["marks"] = [m for m in entry["marks"] if m[0] >= first]
    used = sorted(
        {i for p in entry["points"] for i, _ in p[7]} | {p[6] for p in entry["points"] if p[6] >= 0}
    )
    remap = {old: new for new, old in enumerate(used)}
    entry["rs"] = [entry["rs"][i] for i in used]
    for p in entry["points"]:
        p[6] = remap.get(p[6], -1)
        p[7] = [[remap[i], n] for i, n in p[7]]


# ----- reading -----------------------------------------------------------------------------------


def series(cluster: Cluster, d: Obj) -> Series:
    """The recorded series of Deployment ``d`` (empty when nothing was recorded for this uid)."""
    entry = cluster.state.get(STATE_KEY, {}).get(key_of(o.namespace(d), o.name(d)))
    if entry is None or entry.get("uid") != o.uid(d):
        return Series(o.namespace(d), o.name(d), (), ())
    return decode(o.namespace(d), o.name(d), entry)


def decode(namespace: str, name: str, entry: dict[str, Any]) -> Series:
    """Turn the stored compact entry into a Series."""
    names: list[str] = entry.get("rs", [])
    points = tuple(
        Point(
            t=float(p[0]),
            desired=p[1],
            ready=p[2],
            available=p[3],
            floor=p[4],
            ceiling=p[5],
            new=names[p[6]] if p[6] >= 0 else None,
            replicas=tuple((names[i], n) for i, n in p[7]),
        )
        for p in entry.get("points", [])
    )
    marks = tuple(Mark(float(t), str(text)) for t, text in entry.get("marks", []))
    return Series(namespace, name, points, marks)
