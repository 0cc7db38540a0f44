"""The eviction subresource (``POST pods/NAME/eviction``): a pod deleted only as its
PodDisruptionBudget allows.

Port of ``pkg/registry/core/pod/storage/eviction.go`` (``EvictionREST.Create``,
``canIgnorePDB``, ``checkAndDecrement``, ``getPodDisruptionBudgets``): a pending, finished or
deleting pod goes at once; otherwise the one PDB selecting it must allow a disruption (429
``Cannot evict pod as it would violate the pod's disruption budget.`` with a DisruptionBudget
cause), and its ``disruptionsAllowed`` is decremented and the pod recorded in
``disruptedPods`` (the disruption controller counts it gone).  An unready pod passes when the
PDB's ``unhealthyPodEvictionPolicy`` is AlwaysAllow or the budget is healthy.  Both mkl's drain
(ops/drain.py) and ``mkl serve`` (server/eviction.py) evict through here.
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import labels, policy
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.store import apiserver, fieldmanager
from minikube_lite.store.cluster import Cluster

VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget."
MORE_THAN_ONE = (
    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not "
    "support."
)
MAX_DISRUPTED_POD_SIZE = 2000
MANAGER = "kube-apiserver"  # the loopback client that updates the PDB's status


def evict(cluster: Cluster, pod: Obj, grace: int | None, dry_run: bool) -> None:
    """EvictionREST.Create for ``pod`` (as stored): returns once it is deleting (or would be,
    under ``dry_run``); raises the API error otherwise."""
    if not _can_ignore_pdb(pod):
        pdbs = pod_disruption_budgets(cluster, pod)
        if len(pdbs) > 1:
            raise errors.UnknownServerError(MORE_THAN_ONE)
        if pdbs and not _unhealthy_may_go(pod, pdbs[0]):
            _check_and_decrement(cluster, o.name(pod), pdbs[0], dry_run)
    if not dry_run and o.meta(pod).get("deletionTimestamp") is None:
        apiserver.delete_pod(cluster, pod, grace=grace)


def _can_ignore_pdb(pod: Obj) -> bool:
    """canIgnorePDB: a terminal or pending pod, or one already deleting."""
    phase = (pod.get("status") or {}).get("phase")
    return phase in ("Succeeded", "Failed", "Pending") or bool(o.meta(pod).get("deletionTimestamp"))


def pod_disruption_budgets(cluster: Cluster, pod: Obj) -> list[Obj]:
    """getPodDisruptionBudgets: the namespace's PDBs whose selector (valid, not empty) matches."""
    out = []
    for pdb in cluster.list("PodDisruptionBudget", o.namespace(pod)):
        try:
            sel = labels.from_label_selector((pdb.get("spec") or {}).get("selector"))
        except labels.SelectorError:
            continue
        if not sel.empty() and sel.matches(o.labels(pod)):
            out.append(pdb)
    return out


def _unhealthy_may_go(pod: Obj, pdb: Obj) -> bool:
    """An unready pod does not count towards currentHealthy: it may go without a decrement
    under AlwaysAllow, or (IfHealthyBudget, the default) while the budget is met."""
    conds = (pod.get("status") or {}).get("conditions") or ()
    if any(c.get("type") == "Ready" and c.get("status") == "True" for c in conds):
        return False  # podutil.IsPodReady
    if (pdb.get("spec") or {}).get("unhealthyPodEvictionPolicy") == "AlwaysAllow":
        return True
    st = pdb.get("status") or {}
    desired = int(st.get("desiredHealthy") or 0)
    return int(st.get("currentHealthy") or 0) >= desired and desired > 0


def _check_and_decrement(cluster: Cluster, pod_name: str, pdb: Obj, dry_run: bool) -> None:
    """checkAndDecrement: refuse while the controller has not seen the PDB's spec or allows no
    disruption; else one disruption fewer and the pod in disruptedPods."""
    st = pdb.get("status") or {}
    name = o.name(pdb)
    if int(st.get("observedGeneration") or 0) < int(o.meta(pdb).get("generation") or 0):
        cause = f"The disruption budget {name} is still being processed by the server."
        raise errors.TooManyRequestsError(VIOLATION, _details(cause, retry=10))
    allowed = int(st.get("disruptionsAllowed") or 0)
    if allowed < 0:
        raise errors.ForbiddenError(
            f'poddisruptionbudget.policy "{name}" is forbidden: pdb disruptions allowed is negative'
        )
    if len(st.get("disruptedPods") or {}) > MAX_DISRUPTED_POD_SIZE:
        raise errors.ForbiddenError(
            f'poddisruptionbudget.policy "{name}" is forbidden: DisruptedPods map too big - too '
            "many evictions not confirmed by PDB controller"
        )
    if allowed == 0:
        cause = (
            f"The disruption budget {name} needs {int(st.get('desiredHealthy') or 0)} healthy "
            f"pods and has {int(st.get('currentHealthy') or 0)} currently"
        )
        raise errors.TooManyRequestsError(VIOLATION, _details(cause))
    if dry_run:
        return
    old = o.deepcopy(st)
    new = o.deepcopy(st)
    new["disruptionsAllowed"] = allowed - 1
    if allowed - 1 == 0:
        policy.update_disruption_allowed_condition(new, cluster.now)
    new["disruptedPods"] = {
        **(new.get("disruptedPods") or {}),
        pod_name: clock.rfc3339(cluster.now),
    }
    pdb["status"] = policy.ordered_status(new)
    fieldmanager.status_update(cluster, pdb, old, MANAGER)
    cluster.touch("PodDisruptionBudget", pdb)


def _details(cause: str, retry: int = 0) -> dict[str, object]:
    details: dict[str, object] = {
        "causes": [{"reason": policy.DISRUPTION_BUDGET_CAUSE, "message": cause}]
    }
    if retry:
        details["retryAfterSeconds"] = retry
    return details
