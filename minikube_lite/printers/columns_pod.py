"""``get pods``: READY / STATUS / RESTARTS (pkg/printers/internalversion/printers.go printPod)."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.clock import age, human_duration, parse_time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _meta(o: Obj) -> Obj:
    return o.get("metadata") or {}


def _spec(o: Obj) -> Obj:
    return o.get("spec") or {}


def _status(o: Obj) -> Obj:
    return o.get("status") or {}


def _restartable(c: Obj) -> bool:
    return c.get("restartPolicy") == "Always"


def pod_status(pod: Obj, now: float) -> tuple[str, str, str]:
    """(READY, STATUS, RESTARTS) — mirrors printers.go printPod."""
    spec, st = _spec(pod), _status(pod)
    inits = {c.get("name"): c for c in spec.get("initContainers") or []}
    total = len(spec.get("containers") or []) + sum(1 for c in inits.values() if _restartable(c))
    reason = st.get("reason") or st.get("phase") or ""
    for cond in st.get("conditions") or []:
        if cond.get("type") == "PodScheduled" and cond.get("reason") == "SchedulingGated":
            reason = "SchedulingGated"
    ready, restarts, last, initializing, reason = _init_status(pod, inits, reason)
    if not initializing or _condition_true(st, "Initialized"):
        ready, restarts, last, reason = _main_status(st, ready, restarts, last, reason)
    if _meta(pod).get("deletionTimestamp"):
        if st.get("reason") == "NodeLost":
            reason = "Unknown"
        elif st.get("phase") not in ("Succeeded", "Failed"):
            reason = "Terminating"
    text = str(restarts)
    if restarts != 0 and last is not None:
        text = f"{restarts} ({human_duration(now - last)} ago)"
    return f"{ready}/{total}", reason, text


def _condition_true(st: Obj, ctype: str) -> bool:
    return any(
        c.get("type") == ctype and c.get("status") == "True" for c in st.get("conditions") or []
    )


def _finished(cs: Obj) -> float | None:
    term = ((cs.get("lastState") or {}).get("terminated")) or None
    return parse_time(term.get("finishedAt")) if term else None


def _later(a: float | None, b: float | None) -> float | None:
    if b is None:
        return a
    return b if a is None or b > a else a


def _init_status(
    pod: Obj, inits: dict[Any, Obj], reason: str
) -> tuple[int, int, float | None, bool, str]:
    """The init-container half of printPod: returns ready, restarts, last, initializing, reason."""
    ready = restarts = sidecar_restarts = 0
    last = sidecar_last = None
    n_inits = len(_spec(pod).get("initContainers") or [])
    initializing = False
    for i, cs in enumerate(_status(pod).get("initContainerStatuses") or []):
        restarts += int(cs.get("restartCount") or 0)
        last = _later(last, _finished(cs))
        sidecar = _restartable(inits.get(cs.get("name")) or {})
        if sidecar:
            sidecar_restarts += int(cs.get("restartCount") or 0)
            sidecar_last = _later(sidecar_last, _finished(cs))
        state = cs.get("state") or {}
        term, wait = state.get("terminated"), state.get("waiting")
        if term is not None and int(term.get("exitCode") or 0) == 0:
            continue
        if sidecar and cs.get("started"):
            ready += 1 if cs.get("ready") else 0
            continue
        initializing = True
        if term is not None:
            reason = "Init:" + (term.get("reason") or _exit_text(term))
        elif wait and wait.get("reason") and wait.get("reason") != "PodInitializing":
            reason = "Init:" + wait["reason"]
        else:
            reason = f"Init:{i}/{n_inits}"
        break
    if not initializing or _condition_true(_status(pod), "Initialized"):
        return ready, sidecar_restarts, sidecar_last, initializing, reason
    return ready, restarts, last, initializing, reason


def _exit_text(term: Obj) -> str:
    sig = int(term.get("signal") or 0)
    return f"Signal:{sig}" if sig else f"ExitCode:{int(term.get('exitCode') or 0)}"


def _main_status(
    st: Obj, ready: int, restarts: int, last: float | None, reason: str
) -> tuple[int, int, float | None, str]:
    """The regular-container half of printPod (reverse order: the first container wins)."""
    has_running = False
    for cs in reversed(st.get("containerStatuses") or []):
        restarts += int(cs.get("restartCount") or 0)
        last = _later(last, _finished(cs))
        state = cs.get("state") or {}
        wait, term = state.get("waiting"), state.get("terminated")
        if wait is not None and wait.get("reason"):
            reason = wait["reason"]
        elif term is not None and term.get("reason"):
            reason = term["reason"]
        elif term is not None:
            reason = _exit_text(term)
        elif cs.get("ready") and state.get("running") is not None:
            has_running = True
            ready += 1
    if reason == "Completed" and has_running:
        reason = "Running" if _condition_true(st, "Ready") else "NotReady"
    return ready, restarts, last, reason


def pod_row(pod: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printPod."""
    ready, status, restarts = pod_status(pod, now)
    cells = [
        _meta(pod).get("name", ""),
        ready,
        status,
        restarts,
        age(now, _meta(pod).get("creationTimestamp")),
    ]
    if wide:
        spec, st = _spec(pod), _status(pod)
        ips = st.get("podIPs") or []
        gates = spec.get("readinessGates") or []
        gate_text = "<none>"
        if gates:
            conds = {c.get("type"): c.get("status") for c in reversed(st.get("conditions") or [])}
            ok = sum(1 for g in gates if conds.get(g.get("conditionType")) == "True")
            gate_text = f"{ok}/{len(gates)}"
        cells += [
            (ips[0].get("ip") if ips else "") or "<none>",
            spec.get("nodeName") or "<none>",
            st.get("nominatedNodeName") or "<none>",
            gate_text,
        ]
    return cells
