"""The live view of ``rollout status`` on a terminal (issue 7).

``live_status`` wraps ``cmd_rollout.status_updates``: after every clock step it takes a snapshot of
the Deployment, its ReplicaSets and pods (inside the step's lock), turns it into a ``View`` (plain
data, built here without rich) and lets ``cli/console.py`` draw it: the strategy with resolved
numbers, a tree of revisions -> ReplicaSets -> pods, bars for updated and available, the reasons
``rollout explain`` gives, and kubectl's line underneath.  With a manual clock each simulated
instant is held on screen for ``MKL_LIVE_PACE`` wall seconds (default 0.3; 0 = as fast as possible).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.controllers.deployment import util
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import ClockState

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PODS_SHOWN = 8  # pods listed per ReplicaSet; the rest are counted
DEFAULT_PACE = 0.3
SYMBOLS = {
    "available": "●",
    "min-ready": "◐",
    "readiness": "○",
    "starting": "◌",
    "terminating": "⊘",
    "finished": "·",
    "image-pull": "✖",
    "crash-loop": "✖",
    "config": "✖",
    "unschedulable": "✖",
}


@dataclass(frozen=True, slots=True)
class PodRow:
    """One pod line of the tree: ``state`` is an explain_pods state (it picks symbol and colour)."""

    name: str
    ready: str
    status: str
    restarts: str
    age: str
    state: str
    note: str = ""

    @property
    def symbol(self) -> str:
        return SYMBOLS.get(self.state, "?")


@dataclass(frozen=True, slots=True)
class RSRow:
    """One ReplicaSet (one revision) and its pods."""

    name: str
    revision: int
    new: bool
    spec: int
    current: int
    ready: int
    available: int
    pods: tuple[PodRow, ...]
    more: int = 0  # pods not listed


@dataclass(frozen=True, slots=True)
class View:
    """Everything one frame shows."""

    title: str
    strategy: str
    bounds: str
    clock: str
    revisions: tuple[RSRow, ...]
    desired: int
    updated: int
    available: int
    reasons: tuple[str, ...]
    message: str
    done: bool
    idle: int = 0  # older ReplicaSets at 0 replicas, not drawn


@dataclass(slots=True)
class _Latest:
    facts: Any = None
    clock: str = ""
    manual: bool = True


# ----- building the view (pure) ------------------------------------------------------------------


def strategy_line(d: Obj) -> str:
    """``RollingUpdate: maxSurge 25% -> 1, maxUnavailable 25% -> 1, minReadySeconds 10``."""
    spec = d.get("spec", {})
    mrs = int(spec.get("minReadySeconds") or 0)
    if util.strategy_type(d) == "Recreate":
        return f"Recreate: every old pod stops before a new one starts, minReadySeconds {mrs}"
    ru = (spec.get("strategy") or {}).get("rollingUpdate") or {}
    surge, unavailable = util.max_surge(d), util.max_unavailable(d)

    def resolved(label: str, raw: Any, n: int) -> str:
        return f"{label} {raw} -> {n}" if isinstance(raw, str) else f"{label} {n}"

    return (
        f"RollingUpdate: {resolved('maxSurge', ru.get('maxSurge'), surge)}, "
        f"{resolved('maxUnavailable', ru.get('maxUnavailable'), unavailable)}, minReadySeconds "
        f"{mrs}"
    )


def bounds_line(d: Obj) -> str:
    """What the numbers allow: the floor of available pods and the ceiling of pods."""
    from minikube_lite.controllers.deployment import util

    desired = util.replicas(d)
    if util.strategy_type(d) == "Recreate":
        return f"{desired} replicas: all old pods go to 0 first, then {desired} new ones"
    floor, ceiling = desired - util.max_unavailable(d), desired + util.max_surge(d)
    return (
        f"{desired} replicas: at least {floor} available (floor), at most {ceiling} pods (ceiling)"
    )


def pod_row(pod: Obj, min_ready: int, now: float) -> PodRow:
    """A pod as ``get pods`` shows it, plus its explain state."""
    from minikube_lite.ops import explain_pods
    from minikube_lite.printers import columns_pod

    ready, status, restarts = columns_pod.pod_status(pod, now)
    st = explain_pods.pod_state(pod, min_ready, now)
    note = (
        f"minReadySeconds {explain_pods.seconds(st.left)} left" if st.state == "min-ready" else ""
    )
    if st.state == "readiness":
        note = "not ready"
    return PodRow(
        o.name(pod),
        ready,
        status,
        restarts,
        clock.age(now, o.meta(pod).get("creationTimestamp")),
        st.state,
        note,
    )


def _rs_row(rs: Obj, pods: tuple[Obj, ...], new: bool, min_ready: int, now: float) -> RSRow:
    rows = [pod_row(p, min_ready, now) for p in sorted(pods, key=o.name)]
    return RSRow(
        o.name(rs),
        util.revision(rs) or 0,
        new,
        o.spec_replicas(rs),
        o.status_int(rs, "replicas"),
        o.status_int(rs, "readyReplicas"),
        o.status_int(rs, "availableReplicas"),
        tuple(rows[:PODS_SHOWN]),
        max(0, len(rows) - PODS_SHOWN),
    )


def build_view(facts: Any, message: str, done: bool, clock_line: str) -> View:
    """The frame for ``explain.Facts`` at one instant and the kubectl line of that moment."""
    from minikube_lite.ops import explain

    d = facts.deployment
    st, min_ready = d.get("status") or {}, int(d.get("spec", {}).get("minReadySeconds") or 0)
    shown: list[RSRow] = []
    if facts.new_rs is not None:
        shown.append(_rs_row(facts.new_rs, facts.pods_of(facts.new_rs), True, min_ready, facts.now))
    olds = sorted(facts.old_rss, key=lambda rs: (-(util.revision(rs) or 0), o.name(rs)))
    active = [rs for rs in olds if o.spec_replicas(rs) > 0 or facts.pods_of(rs)]
    shown += [_rs_row(rs, facts.pods_of(rs), False, min_ready, facts.now) for rs in active]
    reasons = (
        ()
        if done
        else tuple(f.sentence for f in explain.explain(facts).findings if f.rule != "complete")
    )
    return View(
        title=f"deployment.apps/{o.name(d)}",
        strategy=strategy_line(d),
        bounds=bounds_line(d),
        clock=clock_line,
        revisions=tuple(shown),
        desired=o.spec_replicas(d),
        updated=int(st.get("updatedReplicas") or 0),
        available=int(st.get("availableReplicas") or 0),
        reasons=reasons,
        message=message,
        done=done,
        idle=len(olds) - len(active),
    )


def clock_line(c: ClockState, now: float) -> str:
    """``manual clock  2024-01-01T00:00:12Z`` or ``real clock x2  ...``."""
    speed = c.speed or 1.0
    mode = "manual clock" if c.manual else f"real clock x{speed:g}"
    return f"{mode}  {clock.rfc3339(now)}"


def snapshot(cluster: Any, namespace: str, name: str) -> tuple[Any, str, bool]:
    """(explain.Facts or None, clock line, manual?) for the Deployment.

    Read inside an open cluster.
    """
    from minikube_lite.ops import explain

    d = cluster.get("Deployment", namespace, name)
    c = cluster.clock_state
    return (
        (explain.gather(cluster, d) if d is not None else None),
        clock_line(c, cluster.now),
        c.manual,
    )


# ----- the loop -----------------------------------------------------------------------------------


def _pace(inv: Invocation) -> float:
    raw = inv.io.env.get("MKL_LIVE_PACE", "")
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_PACE
    except ValueError:
        return DEFAULT_PACE


def live_status(
    inv: Invocation,
    namespace: str,
    name: str,
    revision: int,
    watch: bool,
    timeout: float,
    *,
    updates: Callable[..., Iterable[Any]],
    screen: Callable[[Invocation], AbstractContextManager[Any]],
    render: Callable[[View], Any],
) -> None:
    """``rollout status`` on a terminal: redraw after every step; the last frame stays on screen.

    The command passes its StatusUpdate stream (``updates``, called with ``on_state`` and
    ``ticks``) and the console's live ``screen`` and ``render``: this module imports neither.
    """
    latest = _Latest()

    def on_state(cluster: Any) -> None:
        facts, latest.clock, latest.manual = snapshot(cluster, namespace, name)
        if facts is not None:
            latest.facts = facts

    pace, last_now = _pace(inv), None
    stream = updates(inv, namespace, name, revision, watch, timeout, on_state=on_state, ticks=True)
    with screen(inv) as live:
        for u in stream:
            if latest.manual and pace and last_now is not None and u.now != last_now:
                time.sleep(pace)
            last_now = u.now
            if latest.facts is not None:
                live.update(
                    render(build_view(latest.facts, u.message, u.done, latest.clock)),
                    refresh=True,
                )
