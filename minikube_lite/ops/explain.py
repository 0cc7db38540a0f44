"""``rollout explain``: where a rollout stands and which rule holds it back now, in plain words.

Every number comes from the deployment controller's own helpers (``controllers/deployment/util``:
``max_surge``, ``max_unavailable``, ``new_rs_new_replicas``, replica counts; ``conditions``), and
the checks follow the order of ``rolloutRolling`` / ``rolloutRecreate``
(``pkg/controller/deployment/rolling.go``, ``pkg/controller/deployment/recreate.go``):

* surge: the new ReplicaSet cannot grow because Σ spec.replicas already reached desired + maxSurge;
* unavailable: old ReplicaSets cannot shrink because ``all - minAvailable - newUnavailable <= 0``
  or because ``available <= minAvailable``;
* pods: minReadySeconds, readiness, start-up, image pulls, crash loops (ops/explain_pods.py);
* Recreate waits for every old pod object to be gone; paused; admission refusals (quota, limit
  range, service account) copied on the ReplicaSet's ``ReplicaFailure``; the progress deadline.

``gather`` reads an open Cluster; ``explain`` is a pure function of the gathered Facts.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers.deployment import conditions as cond
from minikube_lite.controllers.deployment import util
from minikube_lite.ops import explain_pods as pods_
from minikube_lite.ops.explain_pods import Finding, PodState
from minikube_lite.records import dataclass, field
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FAILURE_RULES = frozenset(
    {"quota", "admission", "image-pull", "crash-loop", "config", "unschedulable", "readiness"}
)

__all__ = ["Explanation", "Facts", "Finding", "PodState", "explain", "explain_deployment", "gather"]


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything ``explain`` looks at, read from the cluster at one instant."""

    deployment: Obj
    new_rs: Obj | None
    old_rss: tuple[Obj, ...]
    pods: dict[str, tuple[Obj, ...]]  # ReplicaSet uid -> its pods (terminating ones included)
    probes: dict[str, str] = field(default_factory=dict)  # pod name -> latest readiness failure
    now: float = 0.0

    @property
    def all_rss(self) -> list[Obj | None]:
        return [*self.old_rss, self.new_rs]

    def pods_of(self, rs: Obj | None) -> tuple[Obj, ...]:
        return () if rs is None else self.pods.get(o.uid(rs), ())


@dataclass(frozen=True, slots=True)
class Explanation:
    """The summary line, then the findings in the order a reader should act on them."""

    summary: str
    findings: tuple[Finding, ...]
    complete: bool

    @property
    def sentences(self) -> list[str]:
        return [self.summary, *(f.sentence for f in self.findings)]

    def to_dict(self) -> dict[str, Any]:
        """The structured form (``rollout explain -o json``)."""
        return {
            "summary": self.summary,
            "complete": self.complete,
            "findings": [
                {
                    "rule": f.rule,
                    "subject": f.subject,
                    "sentence": f.sentence,
                    "numbers": dict(f.numbers),
                }
                for f in self.findings
            ],
        }


# ----- reading the cluster ------------------------------------------------------------------------


def gather(cluster: Cluster, d: Obj) -> Facts:
    """The Deployment's ReplicaSets (new and old, as the controller splits them) and their pods."""
    ns = o.namespace(d)
    rss = [rs for rs in cluster.owned("ReplicaSet", o.uid(d), ns) if o.namespace(rs) == ns]
    new = util.find_new_replica_set(d, rss)
    old = util.by_creation_timestamp(util.find_old_replica_sets(d, rss, new))
    pods: dict[str, tuple[Obj, ...]] = {
        o.uid(rs): tuple(cluster.owned("Pod", o.uid(rs), ns)) for rs in rss
    }
    new_pods = pods.get(o.uid(new), ()) if new is not None else ()
    waiting = {o.uid(p): o.name(p) for p in new_pods if _unready_running(p)}
    return Facts(d, new, tuple(old), pods, _probes(cluster, waiting), cluster.now)


def _unready_running(pod: Obj) -> bool:
    return pod.get("status", {}).get("phase") == "Running" and pods_.ready_since(pod) is None


def _probes(cluster: Cluster, pods: dict[str, str]) -> dict[str, str]:
    """Latest readiness-probe failure of each pod in ``pods`` (uid -> name), one pass on events."""
    if not pods:
        return {}
    found: dict[str, list[Obj]] = {}
    for ev in cluster.objects.get("Event", {}).values():
        uid = ev.get("involvedObject", {}).get("uid")
        if uid in pods:
            found.setdefault(uid, []).append(ev)
    out = {}
    for uid, evs in found.items():
        evs.sort(
            key=lambda e: (e.get("lastTimestamp") or "", int(o.meta(e).get("resourceVersion") or 0))
        )
        msg = pods_.probe_message(evs)
        if msg:
            out[pods[uid]] = msg
    return out


def explain_deployment(cluster: Cluster, d: Obj, prog: str = "mkl") -> Explanation:
    """``explain(gather(cluster, d))``."""
    return explain(gather(cluster, d), prog)


# ----- the rules ----------------------------------------------------------------------------------


def explain(facts: Facts, prog: str = "mkl") -> Explanation:
    """Where the rollout stands (summary) and what holds it back now (findings)."""
    d = facts.deployment
    complete = cond.deployment_complete(d, d.get("status") or {})
    if complete:
        return Explanation(_summary(facts, True), (_complete(facts),), True)
    findings: list[Finding] = []
    if o.generation(d) > int((d.get("status") or {}).get("observedGeneration") or 0):
        findings.append(
            Finding(
                "observing", o.name(d), "The controller has not observed the latest change yet."
            )
        )
    if d.get("spec", {}).get("paused"):
        findings.append(_paused(facts, prog))
    elif util.strategy_type(d) == "Recreate":
        findings += _recreate(facts)
    else:
        findings += _rolling(facts)
    findings += _replica_failures(facts)
    states = [pods_.pod_state(p, _min_ready(d), facts.now) for p in facts.pods_of(facts.new_rs)]
    findings += pods_.pod_findings(states, facts.probes)
    findings += _deadline(facts, findings, prog)
    return Explanation(_summary(facts, False), tuple(findings), False)


def _min_ready(d: Obj) -> int:
    return int(d.get("spec", {}).get("minReadySeconds") or 0)


def _old_pods(facts: Facts) -> list[Obj]:
    return [
        p
        for rs in facts.old_rss
        for p in facts.pods_of(rs)
        if p.get("status", {}).get("phase") not in ("Succeeded", "Failed")
    ]


def _names(rss: list[Obj]) -> str:
    return ", ".join(o.name(rs) for rs in rss)


def _rolling(facts: Facts) -> list[Finding]:
    """rolloutRolling: reconcileNewReplicaSet, then reconcileOldReplicaSets."""
    d, new = facts.deployment, facts.new_rs
    out: list[Finding] = []
    if new is not None and util.rs_replicas(new) < util.replicas(d):
        surge, total = util.max_surge(d), util.get_replica_count_for_replica_sets(facts.all_rss)
        if util.new_rs_new_replicas(d, facts.all_rss, new) == util.rs_replicas(new):
            allowed = util.replicas(d) + surge
            actual = util.get_actual_replica_count_for_replica_sets(facts.all_rss)
            exist = (
                f"{total} exist" if actual == total else f"{total} are counted ({actual} created)"
            )
            out.append(
                Finding(
                    "surge",
                    o.name(new),
                    f"Scaling up {o.name(new)} is blocked by maxSurge: {util.replicas(d)} "
                    f"replicas + {surge} surge "
                    f"= {allowed} pods allowed, {exist}.",
                    (
                        ("desired", util.replicas(d)),
                        ("maxSurge", surge),
                        ("allowed", allowed),
                        ("counted", total),
                        ("created", actual),
                    ),
                )
            )
    old = util.filter_active_replica_sets(list(facts.old_rss))
    if old:
        blocked = _scale_down_blocked(facts, old)
        if blocked is not None:
            out.append(blocked)
    return out


def _scale_down_blocked(facts: Facts, old: list[Obj]) -> Finding | None:
    """reconcileOldReplicaSets' two budgets: maxScaledDown, then available - minAvailable."""
    d, new = facts.deployment, facts.new_rs
    min_available = util.replicas(d) - util.max_unavailable(d)
    new_unavailable = (
        0 if new is None else util.rs_replicas(new) - o.status_int(new, "availableReplicas")
    )
    counted = util.get_replica_count_for_replica_sets(facts.all_rss) - new_unavailable
    available = util.get_available_replica_count_for_replica_sets(facts.all_rss)
    if counted - min_available <= 0:
        are = (
            str(counted)
            if counted == available
            else (
                f"at most {counted} are ({counted + new_unavailable} replicas, {new_unavailable} "
                "new ones not available yet)"
            )
        )
    elif available <= min_available:
        are = str(available)
    else:
        return None
    return Finding(
        "unavailable",
        _names(old),
        f"Scaling down {_names(old)} is blocked by maxUnavailable: {min_available} must stay "
        f"available and {are}"
        f"{' are' if are.isdigit() else ''}.",
        (
            ("desired", util.replicas(d)),
            ("maxUnavailable", util.max_unavailable(d)),
            ("minAvailable", min_available),
            ("counted", counted),
            ("available", available),
        ),
    )


def _recreate(facts: Facts) -> list[Finding]:
    """rolloutRecreate: the new ReplicaSet is scaled up only once no old pod object is left."""
    left = _old_pods(facts)
    if not left:
        return []
    d = facts.deployment
    new = o.name(facts.new_rs) if facts.new_rs is not None else f"{o.name(d)}-{_future_hash(d)}"
    terminating = sum(1 for p in left if o.is_deleting(p))
    owners = sorted(
        {rs_name for rs in facts.old_rss for rs_name in [o.name(rs)] if facts.pods_of(rs)}
    )
    verb = "scaled up" if facts.new_rs is not None else "created"
    return [
        Finding(
            "recreate",
            new,
            f"Recreate: {new} is {verb} only when every old pod is gone; {len(left)} "
            f"pod{'s' if len(left) != 1 else ''} "
            f"of {', '.join(owners)} still exist ({terminating} terminating).",
            (("oldPods", len(left)), ("terminating", terminating)),
        )
    ]


def _future_hash(d: Obj) -> str:
    return util.compute_hash(o.pod_template(d), (d.get("status") or {}).get("collisionCount"))


def _paused(facts: Facts, prog: str) -> Finding:
    d = facts.deployment
    ref = f"deployment/{o.name(d)}"
    waiting = facts.new_rs is None or util.rs_replicas(facts.new_rs) < util.replicas(d)
    extra = " The template changed while paused: resuming rolls it out." if waiting else ""
    return Finding(
        "paused",
        o.name(d),
        f"The rollout is paused: the controller only scales and creates no new ReplicaSet until "
        f"'{prog} rollout resume {ref}'.{extra}",
    )


def _replica_failures(facts: Facts) -> list[Finding]:
    """ReplicaFailure on the new ReplicaSet (else any): the API server refused to create pods."""
    for rs in [facts.new_rs, *reversed(facts.old_rss)]:
        c = o.condition(rs, cond.REPLICA_FAILURE) if rs is not None else None
        if rs is None or c is None or c.get("status") != "True":
            continue
        msg = str(c.get("message", ""))
        rule = "quota" if "quota" in msg else "admission"
        missing = util.rs_replicas(rs) - o.status_int(rs, "replicas")
        return [
            Finding(
                rule,
                o.name(rs),
                f"Creating pods for {o.name(rs)} is refused ({c.get('reason', 'FailedCreate')}): "
                f"{msg}; "
                "the ReplicaSet controller retries with back-off.",
                (("missing", missing),),
            )
        ]
    return []


def _deadline(facts: Facts, findings: list[Finding], prog: str) -> list[Finding]:
    """ProgressDeadlineExceeded, or (when something fails) how long until it fires."""
    d = facts.deployment
    c = cond.get_condition(d.get("status"), cond.PROGRESSING)
    if c is None or not util.has_progress_deadline(d):
        return []
    pds = util.progress_deadline(d)
    if c.get("reason") == cond.TIMED_OUT:
        return [
            Finding(
                "deadline",
                o.name(d),
                f"The progress deadline passed: {pds}s without progress, so the rollout is "
                "marked failed "
                f"(ProgressDeadlineExceeded). Nothing is rolled back: fix the cause or run "
                f"'{prog} rollout undo deployment/{o.name(d)}'.",
                (("progressDeadlineSeconds", pds),),
            )
        ]
    last = clock.parse_time(c.get("lastUpdateTime"))
    if (
        last is None
        or not any(f.rule in FAILURE_RULES for f in findings)
        or c.get("reason") in (cond.PAUSED, cond.NEW_RS_AVAILABLE)
    ):
        return []
    left = last + pds + 1 - facts.now
    return [
        Finding(
            "deadline-countdown",
            o.name(d),
            f"Without progress the deadline (progressDeadlineSeconds {pds}) fires in "
            f"{pods_.seconds(left)}.",
            (("secondsLeft", max(0, int(left))),),
        )
    ]


def _complete(facts: Facts) -> Finding:
    d = facts.deployment
    return Finding(
        "complete",
        o.name(d),
        "Nothing holds it back: every replica runs the current template and is available.",
    )


def _summary(facts: Facts, complete: bool) -> str:
    d, new = facts.deployment, facts.new_rs
    st = d.get("status") or {}
    name, desired = o.name(d), util.replicas(d)
    rev = (
        f"revision {util.revision(new) or 0} ({o.name(new)})"
        if new is not None
        else "a new revision"
    )
    if complete:
        return (
            f'deployment "{name}" successfully rolled out: {rev} has {desired} of {desired} '
            "replicas available."
        )
    updated, available = int(st.get("updatedReplicas") or 0), int(st.get("availableReplicas") or 0)
    counts = f"{updated} of {desired} updated, {available} available"
    if d.get("spec", {}).get("paused"):
        return f'deployment "{name}" is paused: {counts}.'
    if util.strategy_type(d) == "Recreate":
        return (
            f'deployment "{name}" is recreating towards {rev}: {counts} (Recreate stops every '
            "old pod first)."
        )
    floor, ceiling = desired - util.max_unavailable(d), desired + util.max_surge(d)
    return (
        f'deployment "{name}" is rolling out {rev}: {counts} '
        f"(at least {floor} must stay available, at most {ceiling} may exist)."
    )
