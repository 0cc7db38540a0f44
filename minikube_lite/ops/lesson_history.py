"""Lesson checks over what happened (ops/lesson_checks.py holds the vocabulary table).

History comes from what the cluster records: the rollout timeline per Deployment
(controllers/timeline: points, command marks, progress-deadline timeouts), the ReplicaSets'
revision, revision-history and change-cause annotations, and Events.  Each check is
``(Ctx, arguments) -> (passed, reason in the student's language)``.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import timeline
from minikube_lite.ops.lesson_text import say
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Result = tuple[bool, str]


@dataclass(frozen=True, slots=True)
class Ctx:
    cluster: Cluster
    lang: str

    def say(self, key: str, **values: object) -> str:
        return say(self.lang, key, **values)


# ----- helpers -----------------------------------------------------------------------------------


def ns(args: dict[str, Any]) -> str:
    return str(args.get("namespace") or "default")


def deployment(ctx: Ctx, args: dict[str, Any]) -> tuple[Obj | None, str]:
    name = str(args["deployment"])
    d = ctx.cluster.get("Deployment", ns(args), name)
    return d, ("" if d is not None else ctx.say("no-deployment", name=name, ns=ns(args)))


def _rss(cluster: Cluster, d: Obj) -> list[Obj]:
    return list(cluster.owned("ReplicaSet", o.uid(d), o.namespace(d)))


def revisions(rs: Obj) -> list[int]:
    """Every revision ReplicaSet ``rs`` has had: its revision-history, then its revision."""
    ann = o.annotations(rs)
    out = [int(v) for v in ann.get(o.REVISION_HISTORY_ANNOTATION, "").split(",") if v.isdigit()]
    cur = ann.get(o.REVISION_ANNOTATION, "")
    if cur.isdigit():
        out.append(int(cur))
    return sorted(out)


def _images(obj: Obj) -> list[str]:
    return [str(c.get("image")) for c in o.containers(o.pod_template(obj))]


def _with_image(rss: list[Obj], image: str) -> list[Obj]:
    return [rs for rs in rss if image in _images(rs)]


def _at(t: float) -> str:
    return clock.rfc3339(t)[11:19]


def _trim_note(ctx: Ctx, series: timeline.Series) -> str:
    full = len(series.points) >= timeline.MAX_POINTS
    return ctx.say("timeline-trimmed", n=timeline.MAX_POINTS) if full else ""


# ----- revisions and change-causes ---------------------------------------------------------------


def _revision_rs(ctx: Ctx, d: Obj, args: dict[str, Any]) -> tuple[Obj | None, str]:
    rss = _rss(ctx.cluster, d)
    if "revision" in args:
        what = ctx.say("revision-of", n=args["revision"])
        found = [rs for rs in rss if int(args["revision"]) in revisions(rs)]
    else:
        what = ctx.say("image-of", image=args["image"])
        found = _with_image(rss, str(args["image"]))
    return (found[0] if found else None), what


def change_cause(ctx: Ctx, args: dict[str, Any]) -> Result:
    """The revision (by number, as it was numbered, or by image) has a change-cause of its own."""
    d, why = deployment(ctx, args)
    if d is None:
        return False, why
    rs, what = _revision_rs(ctx, d, args)
    name = o.name(d)
    if rs is None:
        return False, ctx.say("no-revision", name=name, what=what)
    cause = o.annotations(rs).get(o.CHANGE_CAUSE_ANNOTATION)
    if not cause:
        return False, ctx.say("cause-none", name=name, what=what)
    first = (revisions(rs) or [0])[0]
    for other in _rss(ctx.cluster, d):
        earlier = (revisions(other) or [0])[0]
        same = o.annotations(other).get(o.CHANGE_CAUSE_ANNOTATION) == cause
        if other is not rs and same and earlier < first:
            return False, ctx.say("cause-copied", name=name, what=what, cause=cause, src=earlier)
    text = args.get("contains")
    if text and str(text) not in cause:
        return False, ctx.say("cause-missing-text", name=name, what=what, cause=cause, text=text)
    return True, ctx.say("cause-ok", name=name, what=what, cause=cause)


# ----- the rollout timeline ----------------------------------------------------------------------


def _rollout_points(
    ctx: Ctx, args: dict[str, Any]
) -> tuple[Obj | None, list[timeline.Point], str, timeline.Series | None]:
    d, why = deployment(ctx, args)
    if d is None:
        return None, [], why, None
    names = {o.name(rs) for rs in _with_image(_rss(ctx.cluster, d), str(args["image"]))}
    series = timeline.series(ctx.cluster, d)
    points = [p for p in series.points if p.new in names]
    if not points:
        why = ctx.say("no-rollout", name=o.name(d), image=args["image"]) + _trim_note(ctx, series)
    return d, points, why, series


def _complete(p: timeline.Point) -> bool:
    return p.new_replicas == p.desired and p.old_replicas == 0 and p.available >= p.desired


def rolled_out(ctx: Ctx, args: dict[str, Any]) -> Result:
    d, points, why, _ = _rollout_points(ctx, args)
    if d is None or not points:
        return False, why
    if not any(_complete(p) for p in points):
        return False, ctx.say("not-rolled-out", name=o.name(d), image=args["image"])
    return True, ctx.say("rolled-out", name=o.name(d), image=args["image"])


def rollout_within(ctx: Ctx, args: dict[str, Any]) -> Result:
    """Every recorded instant of the rollout to ``image`` kept ReplicaSet sizes under ``maxPods``
    (default: replicas + maxSurge of that instant) and available pods over ``minAvailable``."""
    d, points, why, _ = _rollout_points(ctx, args)
    if d is None or not points:
        return False, why
    say_ = {"name": o.name(d), "image": args["image"]}
    for p in points:
        limit = int(args.get("maxPods", p.ceiling))
        if p.old_replicas + p.new_replicas > limit:
            got = p.old_replicas + p.new_replicas
            return False, ctx.say("too-many-pods", at=_at(p.t), got=got, limit=limit, **say_)
        least = args.get("minAvailable")
        if least is not None and p.available < int(least):
            return False, ctx.say(
                "too-few-available", at=_at(p.t), got=p.available, limit=least, **say_
            )
    most = max(p.old_replicas + p.new_replicas for p in points)
    least_seen = min(p.available for p in points)
    return True, ctx.say("within-ok", most=most, least=least_seen, **say_)


def recreated(ctx: Ctx, args: dict[str, Any]) -> Result:
    """The rollout to ``image`` replaced running pods and never ran old and new ones together."""
    d, points, why, series = _rollout_points(ctx, args)
    if d is None or not points or series is None:
        return False, why
    say_ = {"name": o.name(d), "image": args["image"]}
    before = [
        p for p in series.points if p.t <= points[0].t and p.new not in {q.new for q in points}
    ]
    if not any(p.old_replicas + p.new_replicas > 0 for p in before):
        return False, ctx.say("no-old", **say_)
    for p in points:
        if p.old_replicas > 0 and p.new_replicas > 0:
            return False, ctx.say("overlap", at=_at(p.t), **say_)
    if not any(_complete(p) for p in points):
        return False, ctx.say("not-rolled-out", **say_)
    return True, ctx.say("recreated", **say_)


def _undos(series: timeline.Series) -> list[tuple[float, int]]:
    prefix = "undo to revision "
    return [
        (m.t, int(m.text[len(prefix) :]))
        for m in series.marks
        if m.text.startswith(prefix) and m.text[len(prefix) :].isdigit()
    ]


def _newest_then(rss: list[Obj], n: int) -> int:
    """The newest revision when revision ``n`` was undone to (0 when it cannot be told)."""
    for rs in rss:
        revs = revisions(rs)
        later = [r for r in revs if r > n]
        if n in revs and later:
            return later[0] - 1
    return 0


def undo(ctx: Ctx, args: dict[str, Any]) -> Result:
    """A ``rollout undo`` was recorded (to ``toRevision``), while revision ``whileRevision``
    existed: the ReplicaSet undone to was renumbered past it."""
    d, why = deployment(ctx, args)
    if d is None:
        return False, why
    name, want = o.name(d), args.get("toRevision")
    found = [(t, n) for t, n in _undos(timeline.series(ctx.cluster, d)) if want in (None, n)]
    if not found:
        target = ctx.say("to-revision", n=want) if want is not None else ""
        return False, ctx.say("no-undo", name=name, target=target)
    m = args.get("whileRevision")
    # the revision the ReplicaSet undone to got next is the newest then + 1
    seen = [(_newest_then(_rss(ctx.cluster, d), n), n) for _, n in found]
    newest, n = max(seen) if m is not None else seen[-1]
    if m is not None and newest < int(m):
        return False, ctx.say("undo-too-early", name=name, n=n, newest=newest, m=m)
    return True, ctx.say("undo-ok", name=name, n=n, newest=newest or "?")


def commands_in_order(ctx: Ctx, args: dict[str, Any]) -> Result:
    """The timeline's command marks contain ``commands`` (each a prefix of a mark) in order."""
    d, why = deployment(ctx, args)
    if d is None:
        return False, why
    marks = [m.text for m in timeline.series(ctx.cluster, d).marks]
    wanted = [str(c) for c in args["commands"]]
    i, prev = 0, None
    for text in marks:
        if i < len(wanted) and text.startswith(wanted[i]):
            prev, i = wanted[i], i + 1
    if i < len(wanted):
        seen = ", ".join(marks) or ctx.say("nothing")
        after = ctx.say("order-after", prev=prev) if prev else ""
        return False, ctx.say(
            "order-bad", name=o.name(d), seen=seen, missing=wanted[i], after=after
        )
    return True, ctx.say("order-ok", name=o.name(d), commands=" -> ".join(wanted))


def deadline_exceeded(ctx: Ctx, args: dict[str, Any]) -> Result:
    d, why = deployment(ctx, args)
    if d is None:
        return False, why
    found = timeline.timeouts(ctx.cluster, d)
    if not found:
        return False, ctx.say("no-timeout", name=o.name(d))
    t, rs = found[-1]
    return True, ctx.say("timeout-ok", rs=rs, at=_at(t))


def rolled_back_after_deadline(ctx: Ctx, args: dict[str, Any]) -> Result:
    """The last rollout that exceeded its deadline was undone, and the undo's rollout finished."""
    d, why = deployment(ctx, args)
    if d is None:
        return False, why
    name, found = o.name(d), timeline.timeouts(ctx.cluster, d)
    if not found:
        return False, ctx.say("no-timeout", name=name)
    t, rs = found[-1]
    series = timeline.series(ctx.cluster, d)
    if not any(ut >= t for ut, _ in _undos(series)):
        return False, ctx.say("not-rolled-back", name=name, rs=rs, at=_at(t))
    last = series.points[-1] if series.points else None
    if last is None or last.new == rs or not _complete(last):
        return False, ctx.say("rollback-unfinished", name=name)
    return True, ctx.say("rolled-back", name=name, at=_at(t))


def event(ctx: Ctx, args: dict[str, Any]) -> Result:
    space, reason, text = ns(args), str(args["reason"]), args.get("contains")
    for ev in reversed(ctx.cluster.list("Event", space)):
        if ev.get("reason") != reason or (args.get("type") and ev.get("type") != args["type"]):
            continue
        kind = (ev.get("involvedObject") or {}).get("kind")
        if args.get("kind") and kind != args["kind"]:
            continue
        message = str(ev.get("message") or ev.get("note") or "")
        if text and str(text) not in message:
            continue
        return True, ctx.say("event-ok", reason=reason, message=message)
    about = ctx.say("event-about", text=text) if text else ""
    return False, ctx.say("no-event", reason=reason, about=about, ns=space)
