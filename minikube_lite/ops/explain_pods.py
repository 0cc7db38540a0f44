"""Why pods of a rollout are not available yet: one state per pod, then one sentence per state.

Part of ``rollout explain`` (ops/explain.py).  ``pod_state`` reads the pod the way the kubelet wrote
it (container waiting/terminated reasons, the Ready condition and its transition time, which is
also what the ReplicaSet controller measures ``minReadySeconds`` from).  Pure functions.
"""

from __future__ import annotations

import math

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PULL_REASONS = frozenset(
    {"ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"}
)
CRASH_REASONS = frozenset(
    {"CrashLoopBackOff", "Error", "OOMKilled", "Completed", "RunContainerError"}
)
CONFIG_REASONS = frozenset({"CreateContainerConfigError", "CreateContainerError"})
# Order in which pod findings are reported: failures first, then the waits.
STATE_ORDER = (
    "image-pull",
    "crash-loop",
    "config",
    "unschedulable",
    "readiness",
    "starting",
    "min-ready",
)


@dataclass(frozen=True, slots=True)
class PodState:
    """What holds one pod back: ``state`` a rule name, ``reason``/``detail`` the kubelet's words."""

    name: str
    # available | min-ready | readiness | starting | image-pull | crash-loop | config |
    # unschedulable | terminating | finished
    state: str
    reason: str = ""
    detail: str = ""
    left: float = 0.0  # min-ready: seconds until available
    restarts: int = 0
    image: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason the rollout is where it is, in plain words, with the numbers behind it."""

    rule: str
    subject: str
    sentence: str
    numbers: tuple[tuple[str, Any], ...] = field(default=())


def ready_since(pod: Obj) -> float | None:
    """When the pod's Ready condition last became True (None when not ready)."""
    cond = o.condition(pod, "Ready")
    if cond is None or cond.get("status") != "True":
        return None
    return clock.parse_time(cond.get("lastTransitionTime"))


def _container(pod: Obj) -> tuple[Obj, Obj]:
    """The first container status that is not fine, else the first one (and its spec)."""
    statuses = pod.get("status", {}).get("containerStatuses") or []
    specs = {c.get("name"): c for c in o.containers(pod)}
    bad = [s for s in statuses if not s.get("ready")]
    cs = (bad or statuses or [{}])[0]
    return cs, specs.get(cs.get("name"), (o.containers(pod) or [{}])[0])


def pod_state(pod: Obj, min_ready: int, now: float) -> PodState:
    """Classify one pod (see PodState.state)."""
    name, st = o.name(pod), pod.get("status", {})
    if o.is_deleting(pod):
        return PodState(name, "terminating")
    if st.get("phase") in ("Succeeded", "Failed"):
        return PodState(name, "finished", st.get("phase", ""))
    sched = o.condition(pod, "PodScheduled")
    if sched is not None and sched.get("status") == "False":
        return PodState(name, "unschedulable", sched.get("reason", ""), sched.get("message", ""))
    cs, spec = _container(pod)
    restarts, image = int(cs.get("restartCount") or 0), str(spec.get("image") or "")
    since = ready_since(pod)
    if since is not None:
        left = since + min_ready - now
        if min_ready > 0 and left > 0:
            return PodState(name, "min-ready", left=left, restarts=restarts, image=image)
        return PodState(name, "available", restarts=restarts, image=image)
    return _not_ready(name, cs, restarts, image)


def _not_ready(name: str, cs: Obj, restarts: int, image: str) -> PodState:
    state = cs.get("state") or {}
    waiting, terminated = state.get("waiting"), state.get("terminated")
    if waiting:
        reason, msg = str(waiting.get("reason", "")), str(waiting.get("message", ""))
        for rule, reasons in (
            ("image-pull", PULL_REASONS),
            ("crash-loop", CRASH_REASONS),
            ("config", CONFIG_REASONS),
        ):
            if reason in reasons:
                return PodState(name, rule, reason, msg, restarts=restarts, image=image)
        return PodState(name, "starting", reason or "Waiting", msg, restarts=restarts, image=image)
    if terminated:
        return PodState(
            name,
            "crash-loop",
            str(terminated.get("reason", "Error")),
            "",
            restarts=restarts,
            image=image,
        )
    if state.get("running"):
        return PodState(name, "readiness", "Running", restarts=restarts, image=image)
    return PodState(name, "starting", "Pending", restarts=restarts, image=image)


def seconds(left: float) -> str:
    """A wait in whole seconds, rounded up (``4s``, ``1m30s``)."""
    return clock.go_duration(max(0, math.ceil(left - 1e-9)))


def _more(n: int) -> str:
    if n <= 0:
        return ""
    return f"; {n} more pod{' is' if n == 1 else 's are'} in the same state"


def _sentence(first: PodState, probe: str) -> str:
    p = first.name
    if first.state == "min-ready":
        return f"Waiting for pod {p} to pass minReadySeconds ({seconds(first.left)} left)."
    if first.state == "readiness":
        if probe:
            return f"Pod {p} is running but not ready: {probe}."
        return f"Pod {p} is running but not ready yet: its readiness probe has not passed."
    if first.state == "starting":
        return f"Waiting for pod {p} to start ({first.reason})."
    if first.state == "image-pull":
        return (
            f'Pod {p} cannot pull image "{first.image}" ({first.reason}); '
            "the kubelet retries with back-off, and the rollout waits until the image is fixed "
            "or undone."
        )
    if first.state == "crash-loop":
        return (
            f"Pod {p} keeps crashing ({first.reason}, {first.restarts} restarts): its container "
            "exits instead of serving."
        )
    if first.state == "config":
        return f"Pod {p} cannot start its container ({first.reason}): {first.detail}."
    return f"Pod {p} cannot be scheduled ({first.reason}): {first.detail}."


def pod_findings(states: list[PodState], probes: dict[str, str]) -> list[Finding]:
    """One finding per state that holds pods back, naming the most telling pod of each."""
    out = []
    for rule in STATE_ORDER:
        group = [s for s in states if s.state == rule]
        if not group:
            continue
        group.sort(key=lambda s: (s.left, s.name) if rule == "min-ready" else (0.0, s.name))
        first = group[0]
        nums: list[tuple[str, Any]] = [("pods", len(group))]
        if rule == "min-ready":
            nums.append(("secondsLeft", math.ceil(first.left - 1e-9)))
        if rule == "crash-loop":
            nums.append(("restarts", first.restarts))
        sentence = _sentence(first, probes.get(first.name, ""))
        out.append(
            Finding(rule, first.name, sentence[:-1] + _more(len(group) - 1) + ".", tuple(nums))
        )
    return out


def probe_message(events: list[Obj]) -> str:
    """The latest ``Unhealthy`` readiness message among a pod's events ('' when none)."""
    msgs = [
        e.get("message", "")
        for e in events
        if e.get("reason") == "Unhealthy" and "Readiness" in e.get("message", "")
    ]
    return str(msgs[-1]) if msgs else ""
