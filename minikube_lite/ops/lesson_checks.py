"""The check vocabulary of lessons: end-state checks here, checks over what happened in
ops/lesson_history.py.

A step's ``checks`` are one-key maps, ``- deploymentExists: web`` or ``- readyReplicas:
{deployment: web, count: 4}``.  ``parse`` validates one against ``CHECKS`` (names, arguments and
their types); ``evaluate`` runs it on a Cluster and returns (passed, reason in the student's
language).  docs/lessons.md documents every check.
"""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import lesson_history as h
from minikube_lite.ops.lesson_history import Ctx, Result
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True, slots=True)
class Check:
    """One word of the vocabulary: its arguments (name -> type), the required ones, the argument
    a plain scalar fills (``deploymentExists: web``), and the function that evaluates it."""

    params: dict[str, str]
    required: tuple[str, ...]
    short: str | None
    run: Callable[[Ctx, dict[str, Any]], Result]


# ----- end state ---------------------------------------------------------------------------------


def deployment_exists(ctx: Ctx, args: dict[str, Any]) -> Result:
    name, ns = str(args["name"]), h.ns(args)
    if ctx.cluster.get("Deployment", ns, name) is None:
        return False, ctx.say("no-deployment", name=name, ns=ns)
    return True, ctx.say("deployment-exists", name=name, ns=ns)


def namespace_exists(ctx: Ctx, args: dict[str, Any]) -> Result:
    name = str(args["name"])
    if ctx.cluster.get("Namespace", None, name) is None:
        return False, ctx.say("no-namespace", name=name)
    return True, ctx.say("namespace-exists", name=name)


def ready_replicas(ctx: Ctx, args: dict[str, Any]) -> Result:
    d, why = h.deployment(ctx, args)
    if d is None:
        return False, why
    got, want = int((d.get("status") or {}).get("readyReplicas") or 0), int(args["count"])
    key = "ready-ok" if got == want else "ready-bad"
    return got == want, ctx.say(key, name=o.name(d), got=got, want=want)


def image(ctx: Ctx, args: dict[str, Any]) -> Result:
    d, why = h.deployment(ctx, args)
    if d is None:
        return False, why
    containers = o.containers(o.pod_template(d))
    if args.get("container"):
        containers = [c for c in containers if c.get("name") == args["container"]]
    got = ", ".join(str(c.get("image")) for c in containers) or "-"
    ok = any(c.get("image") == args["image"] for c in containers)
    return ok, ctx.say("image-ok" if ok else "image-bad", name=o.name(d), got=got, **args)


def paused(ctx: Ctx, args: dict[str, Any]) -> Result:
    d, why = h.deployment(ctx, args)
    if d is None:
        return False, why
    got, want = bool(d["spec"].get("paused")), bool(args.get("value", True))
    key = "paused-ok" if got == want else "paused-bad"
    return got == want, ctx.say(key, name=o.name(d), got=str(got).lower(), want=str(want).lower())


def _fields(ctx: Ctx, d: Obj, wanted: list[tuple[str, Any, Any]]) -> Result:
    for field, got, want in wanted:
        if want is not None and str(got) != str(want):
            return False, ctx.say("field-bad", name=o.name(d), field=field, got=got, want=want)
    shown = ", ".join(f"{f} {g}" for f, g, w in wanted if w is not None)
    return True, ctx.say("field-ok", name=o.name(d), field=shown, got="").rstrip()


def strategy(ctx: Ctx, args: dict[str, Any]) -> Result:
    d, why = h.deployment(ctx, args)
    if d is None:
        return False, why
    s = d["spec"].get("strategy") or {}
    rolling = s.get("rollingUpdate") or {}
    return _fields(
        ctx,
        d,
        [
            ("strategy.type", s.get("type", "RollingUpdate"), args.get("type")),
            ("maxSurge", rolling.get("maxSurge", "-"), args.get("maxSurge")),
            ("maxUnavailable", rolling.get("maxUnavailable", "-"), args.get("maxUnavailable")),
        ],
    )


def min_ready_seconds(ctx: Ctx, args: dict[str, Any]) -> Result:
    d, why = h.deployment(ctx, args)
    if d is None:
        return False, why
    got = int(d["spec"].get("minReadySeconds") or 0)
    return _fields(ctx, d, [("minReadySeconds", got, int(args["seconds"]))])


# ----- the vocabulary ----------------------------------------------------------------------------

_D = {"deployment": "str", "namespace": "str"}

CHECKS: dict[str, Check] = {
    "deploymentExists": Check(
        {"name": "str", "namespace": "str"}, ("name",), "name", deployment_exists
    ),
    "namespaceExists": Check({"name": "str"}, ("name",), "name", namespace_exists),
    "readyReplicas": Check({**_D, "count": "int"}, ("deployment", "count"), None, ready_replicas),
    "image": Check(
        {**_D, "image": "str", "container": "str"}, ("deployment", "image"), None, image
    ),
    "paused": Check({**_D, "value": "bool"}, ("deployment",), "deployment", paused),
    "strategy": Check(
        {**_D, "type": "str", "maxSurge": "intstr", "maxUnavailable": "intstr"},
        ("deployment",),
        None,
        strategy,
    ),
    "minReadySeconds": Check(
        {**_D, "seconds": "int"}, ("deployment", "seconds"), None, min_ready_seconds
    ),
    "changeCause": Check(
        {**_D, "revision": "int", "image": "str", "contains": "str"},
        ("deployment",),
        None,
        h.change_cause,
    ),
    "rolledOut": Check({**_D, "image": "str"}, ("deployment", "image"), None, h.rolled_out),
    "rolloutWithin": Check(
        {**_D, "image": "str", "maxPods": "int", "minAvailable": "int"},
        ("deployment", "image"),
        None,
        h.rollout_within,
    ),
    "recreated": Check({**_D, "image": "str"}, ("deployment", "image"), None, h.recreated),
    "undo": Check(
        {**_D, "toRevision": "int", "whileRevision": "int"}, ("deployment",), "deployment", h.undo
    ),
    "commandsInOrder": Check(
        {**_D, "commands": "strs"}, ("deployment", "commands"), None, h.commands_in_order
    ),
    "deadlineExceeded": Check(_D, ("deployment",), "deployment", h.deadline_exceeded),
    "rolledBackAfterDeadline": Check(
        _D, ("deployment",), "deployment", h.rolled_back_after_deadline
    ),
    "event": Check(
        {"reason": "str", "type": "str", "kind": "str", "contains": "str", "namespace": "str"},
        ("reason",),
        "reason",
        h.event,
    ),
}

_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "str": (lambda v: isinstance(v, str), "a string"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "intstr": (
        lambda v: isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool)),
        "an integer or a percentage",
    ),
    "strs": (
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v) and bool(v),
        "a list of strings",
    ),
}


def parse(item: Any) -> tuple[str, dict[str, Any]]:
    """``(name, arguments)`` of one check item; ValueError with the reason when it is malformed."""
    if not isinstance(item, dict) or len(item) != 1:
        raise ValueError("a check is a map with one key, e.g. `- deploymentExists: web`")
    name, raw = next(iter(item.items()))
    check = CHECKS.get(str(name))
    if check is None:
        raise ValueError(f'unknown check "{name}" (known: {", ".join(sorted(CHECKS))})')
    if not isinstance(raw, dict):
        if check.short is None or isinstance(raw, (list, type(None))):
            raise ValueError(f"{name} takes a map of arguments: {', '.join(check.params)}")
        raw = {check.short: raw}
    args: dict[str, Any] = {}
    for key, value in raw.items():
        kind = check.params.get(str(key))
        if kind is None:
            raise ValueError(f'{name}: unknown argument "{key}" (known: {", ".join(check.params)})')
        test, what = _TYPES[kind]
        if kind == "str" and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not test(value):
            raise ValueError(f"{name}: {key} must be {what}, got {value!r}")
        args[str(key)] = value
    missing = [k for k in check.required if k not in args]
    if missing:
        raise ValueError(f"{name}: missing {', '.join(missing)}")
    if name == "changeCause" and ("revision" in args) == ("image" in args):
        raise ValueError("changeCause: give exactly one of revision or image")
    return str(name), args


def evaluate(cluster: Cluster, name: str, args: dict[str, Any], lang: str) -> Result:
    """Run one parsed check on ``cluster``: (passed, reason in ``lang``)."""
    return CHECKS[name].run(Ctx(cluster, lang), args)
