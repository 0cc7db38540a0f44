"""One look at the cluster as the JSON document the dashboard page draws (pure: cluster -> dict).

The shape (every key always present; tests and the page rely on it)::

    {"profile": str, "clock": {"mode": "manual"|"real", "speed": float, "now": RFC 3339},
     "namespaces": [{"name", "phase", "deployments": int, "pods": int}],
     "deployments": [{"namespace", "name", "revision", "images", "strategy", "paused",
                      "message", "done", "failed", "reasons": [str],
                      "band": {"strategy", "desired", "maxSurge", "maxUnavailable", "floor",
                               "ceiling",
                               "pods", "terminating", "replicas", "ready", "available",
                               "updated", "rolling"},
                      "replicaSets": [{"name", "revision", "new", "active", "desired", "current",
                                       "ready", "available", "images", "changeCause",
                                       "pods": [POD]}],
                      "timeline": SVG text or null}],
     "otherPods": [POD with "namespace"],     # pods no Deployment's ReplicaSet owns
     "events": [{"namespace", "lastSeen", "type", "reason", "object", "message"}],
     "lesson": the lesson's progress or null}

    POD = {"name", "ready", "status", "restarts", "age", "state", "note", "image"}

``state`` is explain_pods' classification (available, min-ready, readiness, starting,
terminating, finished, image-pull, crash-loop, config, unschedulable): the page colours by it.
The band is the rolling update's arithmetic at this instant: the controller keeps the
ReplicaSets' replicas at most ``ceiling`` (desired + maxSurge) and available pods at least
``floor`` (desired - maxUnavailable); ``pods`` counts the pods that are neither terminating nor
finished, what a surge is counted against.  A Recreate Deployment's band is 0..desired (every
old pod stops before a new one starts), as the rollout timeline draws it.
"""

from __future__ import annotations

from typing import Any

from minikube_lite import clock, errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import timeline as recorder
from minikube_lite.controllers.deployment import util
from minikube_lite.ops import events as ops_events
from minikube_lite.ops import explain, explain_pods, rollout
from minikube_lite.printers import columns_pod, timeline_svg
from minikube_lite.printers import events as event_rows
from minikube_lite.store.cluster import Cluster

EVENTS = 12  # the most recent events the page lists


def build(cluster: Cluster, profile: str, lesson: Any = None) -> dict[str, Any]:
    """The whole document for the cluster as it is now (read inside an open cluster)."""
    now = cluster.now
    deployments = sorted(cluster.list("Deployment"), key=lambda d: (o.namespace(d), o.name(d)))
    views = [deployment(cluster, d, now) for d in deployments]
    shown = {
        (v["namespace"], p["name"]) for v in views for rs in v["replicaSets"] for p in rs["pods"]
    }
    pods = sorted(cluster.list("Pod"), key=lambda p: (o.namespace(p), o.name(p)))
    others = [
        {"namespace": o.namespace(p), **pod(p, 0, now)}
        for p in pods
        if (o.namespace(p), o.name(p)) not in shown
    ]
    return {
        "profile": profile,
        "clock": clock_info(cluster),
        "namespaces": namespaces(cluster, deployments, pods),
        "deployments": views,
        "otherPods": others,
        "events": recent_events(cluster, now),
        "lesson": lesson,
    }


def clock_info(cluster: Cluster) -> dict[str, Any]:
    c = cluster.clock_state
    return {
        "mode": "manual" if c.manual else "real",
        "speed": c.speed or 1.0,
        "now": clock.rfc3339(cluster.now),
    }


def namespaces(cluster: Cluster, deployments: list[Obj], pods: list[Obj]) -> list[dict[str, Any]]:
    """Every namespace with its phase and how many Deployments and pods it holds."""
    count_d: dict[str, int] = {}
    count_p: dict[str, int] = {}
    for d in deployments:
        count_d[o.namespace(d)] = count_d.get(o.namespace(d), 0) + 1
    for p in pods:
        count_p[o.namespace(p)] = count_p.get(o.namespace(p), 0) + 1
    return [
        {
            "name": o.name(ns),
            "phase": str((ns.get("status") or {}).get("phase") or "Active"),
            "deployments": count_d.get(o.name(ns), 0),
            "pods": count_p.get(o.name(ns), 0),
        }
        for ns in sorted(cluster.list("Namespace"), key=o.name)
    ]


def images(template_or_pod: Obj) -> list[str]:
    return [str(c.get("image") or "") for c in o.containers(template_or_pod)]


def pod(p: Obj, min_ready: int, now: float) -> dict[str, Any]:
    """A pod as ``get pods`` shows it, plus its explain state (the colour) and a note."""
    ready, status, restarts = columns_pod.pod_status(p, now)
    st = explain_pods.pod_state(p, min_ready, now)
    note = st.detail or (st.reason if st.reason != status else "")
    if st.state == "min-ready":
        note = f"minReadySeconds: {explain_pods.seconds(st.left)} left"
    return {
        "name": o.name(p),
        "ready": ready,
        "status": status,
        "restarts": restarts,
        "age": clock.age(now, o.meta(p).get("creationTimestamp")),
        "state": st.state,
        "note": note,
        "image": ", ".join(images(p)),
    }


def replica_set(rs: Obj, pods: tuple[Obj, ...], new: bool, min_ready: int, now: float) -> Obj:
    rows = [pod(p, min_ready, now) for p in sorted(pods, key=o.name)]
    return {
        "name": o.name(rs),
        "revision": util.revision(rs) or 0,
        "new": new,
        "active": o.spec_replicas(rs) > 0 or bool(rows),
        "desired": o.spec_replicas(rs),
        "current": o.status_int(rs, "replicas"),
        "ready": o.status_int(rs, "readyReplicas"),
        "available": o.status_int(rs, "availableReplicas"),
        "images": images(o.pod_template(rs)),
        "changeCause": o.annotations(rs).get(o.CHANGE_CAUSE_ANNOTATION, ""),
        "pods": rows,
    }


def band(d: Obj, facts: explain.Facts, done: bool) -> dict[str, Any]:
    """The rolling update's bounds against the counts of this instant (see the module doc)."""
    desired, surge, unavailable = util.replicas(d), util.max_surge(d), util.max_unavailable(d)
    recreate = util.strategy_type(d) == "Recreate"
    every = [p for rs in facts.all_rss for p in facts.pods_of(rs)]
    live = [p for p in every if not o.is_deleting(p) and not _finished(p)]
    st = d.get("status") or {}
    return {
        "strategy": util.strategy_type(d),
        "desired": desired,
        "maxSurge": surge,
        "maxUnavailable": unavailable,
        "floor": 0 if recreate else desired - unavailable,
        "ceiling": desired + surge,
        "pods": len(live),
        "terminating": sum(1 for p in every if o.is_deleting(p)),
        "replicas": sum(o.spec_replicas(rs) for rs in facts.all_rss if rs is not None),
        "ready": int(st.get("readyReplicas") or 0),
        "available": int(st.get("availableReplicas") or 0),
        "updated": int(st.get("updatedReplicas") or 0),
        "rolling": not done,
    }


def _finished(p: Obj) -> bool:
    return (p.get("status") or {}).get("phase") in ("Succeeded", "Failed")


def status(d: Obj) -> tuple[str, bool, bool]:
    """``rollout status``'s line at this instant: (message, done, failed)."""
    try:
        message, done = rollout.deployment_status(d)
    except errors.MklError as e:  # the progress deadline was exceeded
        return e.message, False, True
    return message, done, False


def deployment(cluster: Cluster, d: Obj, now: float) -> dict[str, Any]:
    """One Deployment: its numbers, its ReplicaSets newest first, its pods, its timeline."""
    facts = explain.gather(cluster, d)
    min_ready = int(d.get("spec", {}).get("minReadySeconds") or 0)
    olds = sorted(facts.old_rss, key=lambda rs: (-(util.revision(rs) or 0), o.name(rs)))
    rss = [replica_set(rs, facts.pods_of(rs), False, min_ready, now) for rs in olds]
    if facts.new_rs is not None:
        rss.insert(0, replica_set(facts.new_rs, facts.pods_of(facts.new_rs), True, min_ready, now))
    message, done, failed = status(d)
    reasons = [] if done else [f.sentence for f in explain.explain(facts).findings]
    return {
        "namespace": o.namespace(d),
        "name": o.name(d),
        "revision": util.revision(d) or 0,
        "images": images(o.pod_template(d)),
        "strategy": strategy(d),
        "paused": bool(d.get("spec", {}).get("paused")),
        "message": message,
        "done": done,
        "failed": failed,
        "reasons": [r for r in reasons if r],
        "band": band(d, facts, done),
        "replicaSets": rss,
        "timeline": timeline(cluster, d, now),
    }


def strategy(d: Obj) -> str:
    """``RollingUpdate (maxSurge 25% = 1, maxUnavailable 25% = 1), minReadySeconds 10``."""
    spec = d.get("spec", {})
    mrs = int(spec.get("minReadySeconds") or 0)
    if util.strategy_type(d) == "Recreate":
        return f"Recreate, minReadySeconds {mrs}"
    ru = (spec.get("strategy") or {}).get("rollingUpdate") or {}

    def shown(label: str, raw: Any, n: int) -> str:
        return f"{label} {raw} = {n}" if isinstance(raw, str) else f"{label} {n}"

    surge = shown("maxSurge", ru.get("maxSurge"), util.max_surge(d))
    unavailable = shown("maxUnavailable", ru.get("maxUnavailable"), util.max_unavailable(d))
    return f"RollingUpdate ({surge}, {unavailable}), minReadySeconds {mrs}"


def timeline(cluster: Cluster, d: Obj, now: float) -> str | None:
    """The rollout timeline chart (printers/timeline_svg.py) as SVG text; None before any point."""
    series = recorder.series(cluster, d)
    if not series.points:
        return None
    text = timeline_svg.svg(series, now)
    return text.split("\n", 1)[1] if text.startswith("<?xml") else text


def recent_events(cluster: Cluster, now: float) -> list[dict[str, Any]]:
    """The last EVENTS events of every namespace, newest first."""
    found = sorted(cluster.list("Event"), key=ops_events.event_time)[-EVENTS:]
    out = []
    for ev in reversed(found):
        inv = ev.get("involvedObject") or {}
        out.append(
            {
                "namespace": o.namespace(ev),
                "lastSeen": event_rows.interval(ev, now),
                "type": str(ev.get("type", "")),
                "reason": str(ev.get("reason", "")),
                "object": f"{inv.get('kind', '')}/{inv.get('name', '')}",
                "message": str(ev.get("message", "")).strip(),
            }
        )
    return out
