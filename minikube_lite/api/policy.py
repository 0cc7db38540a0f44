"""policy/v1 PodDisruptionBudgets: the DisruptionAllowed condition and the registry strategy.

Port of ``staging/src/k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go``
(``UpdateDisruptionAllowedCondition``, ``ConditionsAreUpToDate``) with the names of
``staging/src/k8s.io/api/policy/v1/types.go``, and of ``pkg/registry/policy/poddisruptionbudget/
strategy.go`` PrepareForCreate (a zero status).  The disruption controller
(controllers/disruption.py) and the eviction subresource (store/eviction.py) share these.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api.objects import Obj

DISRUPTION_ALLOWED = "DisruptionAllowed"
SUFFICIENT_PODS = "SufficientPods"
INSUFFICIENT_PODS = "InsufficientPods"
SYNC_FAILED = "SyncFailed"
DISRUPTION_BUDGET_CAUSE = "DisruptionBudget"
UNHEALTHY_POLICIES = ["AlwaysAllow", "IfHealthyBudget"]


def zero_status() -> Obj:
    """PrepareForCreate's empty status, as encoding/json writes it (the counts, no omitempty)."""
    return {"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0}


def set_status_condition(conds: list[Obj], new: Obj, now: float) -> None:
    """apimeta.SetStatusCondition: the condition of that type updated in place (its transition
    time moves only when the status changes), or appended."""
    for c in conds:
        if c.get("type") == new["type"]:
            if c.get("status") != new["status"]:
                c["status"] = new["status"]
                c["lastTransitionTime"] = clock.rfc3339(now)
            c["reason"], c["message"] = new["reason"], new.get("message", "")
            c["observedGeneration"] = new.get("observedGeneration", 0)
            return
    conds.append(
        {
            "type": new["type"],
            "status": new["status"],
            "observedGeneration": new.get("observedGeneration", 0),
            "lastTransitionTime": clock.rfc3339(now),
            "reason": new["reason"],
            "message": new.get("message", ""),
        }
    )


def update_disruption_allowed_condition(status: Obj, now: float) -> None:
    """UpdateDisruptionAllowedCondition: True/SufficientPods while disruptions are allowed,
    else False/InsufficientPods."""
    allowed = int(status.get("disruptionsAllowed") or 0) > 0
    conds = status.setdefault("conditions", [])
    cond = {
        "type": DISRUPTION_ALLOWED,
        "status": "True" if allowed else "False",
        "reason": SUFFICIENT_PODS if allowed else INSUFFICIENT_PODS,
        "message": "",
        "observedGeneration": int(status.get("observedGeneration") or 0),
    }
    set_status_condition(conds, cond, now)


def conditions_up_to_date(pdb: Obj) -> bool:
    """ConditionsAreUpToDate."""
    status = pdb.get("status") or {}
    cond = next(
        (c for c in status.get("conditions") or () if c.get("type") == DISRUPTION_ALLOWED), None
    )
    if cond is None:
        return False
    if status.get("observedGeneration") != (pdb.get("metadata") or {}).get("generation"):
        return False
    if int(status.get("disruptionsAllowed") or 0) > 0:
        return bool(cond.get("status") == "True" and cond.get("reason") == SUFFICIENT_PODS)
    return bool(cond.get("status") == "False" and cond.get("reason") == INSUFFICIENT_PODS)


def ordered_status(status: Obj) -> Obj:
    """The status in PodDisruptionBudgetStatus's field order (observedGeneration and
    disruptedPods omitted when empty)."""
    out: Obj = {}
    if status.get("observedGeneration"):
        out["observedGeneration"] = status["observedGeneration"]
    if status.get("disruptedPods"):
        out["disruptedPods"] = dict(sorted(status["disruptedPods"].items()))
    for f in ("disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"):
        out[f] = int(status.get(f) or 0)
    if status.get("conditions"):
        out["conditions"] = status["conditions"]
    return out
