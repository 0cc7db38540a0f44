"""``get pdb`` and ``get pc`` cells: port of printers.go printPodDisruptionBudget and
printPriorityClass."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.clock import age
from minikube_lite.printers.columns_pod import _meta, _spec, _status


def pdb_row(pdb: Obj, now: float, wide: bool) -> list[str]:
    """printPodDisruptionBudget: NAME, MIN AVAILABLE and MAX UNAVAILABLE (N/A for the one not
    set), ALLOWED DISRUPTIONS, AGE; no wide columns."""
    spec = _spec(pdb)
    lo, hi = spec.get("minAvailable"), spec.get("maxUnavailable")
    return [
        _meta(pdb).get("name", ""),
        "N/A" if lo is None else str(lo),
        "N/A" if hi is None else str(hi),
        str(int(_status(pdb).get("disruptionsAllowed") or 0)),
        age(now, _meta(pdb).get("creationTimestamp")),
    ]


def pc_row(pc: Obj, now: float, wide: bool) -> list[str]:
    """printPriorityClass: NAME, VALUE, GLOBAL-DEFAULT, AGE, PREEMPTIONPOLICY."""
    return [
        _meta(pc).get("name", ""),
        str(int(pc.get("value") or 0)),
        "true" if pc.get("globalDefault") else "false",
        age(now, _meta(pc).get("creationTimestamp")),
        str(pc.get("preemptionPolicy") or ""),
    ]
