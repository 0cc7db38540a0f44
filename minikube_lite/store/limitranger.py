"""LimitRanger admission for pods (``plugin/pkg/admission/limitranger/admission.go``).

Two phases, as upstream registers them: ``mutate`` (Admit: fill missing requests/limits from the
``defaultRequest``/``default`` of every ``type: Container`` item, annotate the pod with
``kubernetes.io/limit-ranger``) runs in the mutating chain; ``validate`` (Validate: min, max and
maxLimitRequestRatio per container and per pod) runs in the validating chain.  Messages are
upstream's; several violations of one LimitRange are joined like ``utilerrors.NewAggregate``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Context, Decimal

from minikube_lite.api.objects import Obj
from minikube_lite.api.quantity import Quantity, parse_quantity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Resources = dict[str, Quantity]
Check = Callable[[str, str, Quantity, Resources, Resources], "str | None"]

ANNOTATION = "kubernetes.io/limit-ranger"


def _q(value: Any) -> Quantity:
    return parse_quantity(value if isinstance(value, (str, int, float)) else str(value))


def _resources(c: Obj, section: str) -> Resources:
    return {k: _q(v) for k, v in ((c.get("resources") or {}).get(section) or {}).items()}


def _items(lr: Obj) -> list[Obj]:
    return [i for i in (lr.get("spec") or {}).get("limits") or [] if isinstance(i, dict)]


# ----- Admit: defaults -------------------------------------------------------------------------


def default_requirements(lr: Obj) -> tuple[dict[str, str], dict[str, str]]:
    """Port of defaultContainerResourceRequirements: (requests, limits) of the Container items."""
    requests: dict[str, str] = {}
    limits: dict[str, str] = {}
    for item in _items(lr):
        if item.get("type") == "Container":
            requests.update({k: str(v) for k, v in (item.get("defaultRequest") or {}).items()})
            limits.update({k: str(v) for k, v in (item.get("default") or {}).items()})
    return requests, limits


def _merge_container(
    c: Obj, requests: dict[str, str], limits: dict[str, str], prefix: str
) -> list[str]:
    """Port of mergeContainerResources: set what is missing, say what was set."""
    res = c.setdefault("resources", {})
    set_limits = [k for k in limits if k not in (res.get("limits") or {})]
    set_requests = [k for k in requests if k not in (res.get("requests") or {})]
    for section, keys, values in (
        ("limits", set_limits, limits),
        ("requests", set_requests, requests),
    ):
        if keys:
            res.setdefault(section, {}).update({k: values[k] for k in keys})
    notes = []
    if set_requests:
        notes.append(f"{', '.join(sorted(set_requests))} request for {prefix} {c.get('name', '')}")
    if set_limits:
        notes.append(f"{', '.join(sorted(set_limits))} limit for {prefix} {c.get('name', '')}")
    return notes


def mutate(limit_ranges: list[Obj], pod: Obj) -> None:
    """Port of PodMutateLimitFunc for every LimitRange of the namespace, in list order."""
    spec = pod.get("spec") or {}
    for lr in limit_ranges:
        requests, limits = default_requirements(lr)
        notes: list[str] = []
        for c in spec.get("containers") or []:
            notes += _merge_container(c, requests, limits, "container")
        for c in spec.get("initContainers") or []:
            notes += _merge_container(c, requests, limits, "init container")
        if notes:
            meta = pod.setdefault("metadata", {})
            meta.setdefault("annotations", {})[ANNOTATION] = "LimitRanger plugin set: " + "; ".join(
                notes
            )


# ----- Validate: min / max / ratio ----------------------------------------------------------------


def min_constraint(
    kind: str, r: str, enforced: Quantity, req: Resources, lim: Resources
) -> str | None:
    """Port of minConstraint."""
    if r not in req:
        return f"minimum {r} usage per {kind} is {enforced}.  No request is specified"
    if enforced > req[r]:
        return f"minimum {r} usage per {kind} is {enforced}, but request is {req[r]}"
    if r in lim and enforced > lim[r]:
        return f"minimum {r} usage per {kind} is {enforced}, but limit is {lim[r]}"
    return None


def max_constraint(
    kind: str, r: str, enforced: Quantity, req: Resources, lim: Resources
) -> str | None:
    """Port of maxConstraint."""
    if r not in lim:
        return f"maximum {r} usage per {kind} is {enforced}.  No limit is specified"
    if lim[r] > enforced:
        return f"maximum {r} usage per {kind} is {enforced}, but limit is {lim[r]}"
    if r in req and req[r] > enforced:
        return f"maximum {r} usage per {kind} is {enforced}, but request is {req[r]}"
    return None


def ratio_constraint(
    kind: str, r: str, enforced: Quantity, req: Resources, lim: Resources
) -> str | None:
    """Port of limitRequestRatioConstraint (ratio printed with six decimals, half-even)."""
    head = f"{r} max limit to request ratio per {kind} is {enforced}"
    if r not in req or req[r].is_zero():
        return f"{head}, but no request is specified or request is 0"
    if r not in lim or lim[r].is_zero():
        return f"{head}, but no limit is specified or limit is 0"
    limit, request = abs(lim[r].value), abs(req[r].value)
    if limit > request * enforced.value:
        ratio = Context(prec=60).divide(
            Decimal(limit.numerator * request.denominator),
            Decimal(limit.denominator * request.numerator),
        )
        return (
            f"{head}, but provided ratio is "
            f"{ratio.quantize(Decimal('0.000001'), rounding=ROUND_HALF_EVEN)}"
        )
    return None


_CHECKS: tuple[tuple[str, Check], ...] = (
    ("min", min_constraint),
    ("max", max_constraint),
    ("maxLimitRequestRatio", ratio_constraint),
)


def _check_item(item: Obj, kind: str, req: Resources, lim: Resources) -> list[str]:
    """min, then max, then ratio; resources in name order (Go ranges over a map here)."""
    out = []
    for key, check in _CHECKS:
        for r, v in sorted((item.get(key) or {}).items()):
            msg = check(kind, r, _q(v), req, lim)
            if msg:
                out.append(msg)
    return out


def pod_totals(spec: Obj, section: str) -> Resources:
    """podRequests/podLimits: Σ containers, then max with every init container (sidecars added)."""
    total: Resources = {}
    for c in spec.get("containers") or []:
        for k, v in _resources(c, section).items():
            total[k] = total[k] + v if k in total else v
    sidecars: Resources = {}
    init_max: Resources = {}
    for c in spec.get("initContainers") or []:
        own = _resources(c, section)
        if c.get("restartPolicy") == "Always":
            for k, v in own.items():
                total[k] = total[k] + v if k in total else v
                sidecars[k] = sidecars[k] + v if k in sidecars else v
            own = dict(sidecars)
        else:
            own = {
                k: own.get(k, Quantity(0)) + sidecars.get(k, Quantity(0)) for k in {*own, *sidecars}
            }
        for k, v in own.items():
            if k not in init_max or v > init_max[k]:
                init_max[k] = v
    for k, v in init_max.items():
        if k not in total or v > total[k]:
            total[k] = v
    return total


def validate_one(lr: Obj, pod: Obj) -> list[str]:
    """Port of PodValidateLimitFunc (create: nothing is 'unchanged')."""
    spec = pod.get("spec") or {}
    errs: list[str] = []
    for item in _items(lr):
        kind = str(item.get("type") or "")
        if kind == "Container":
            for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
                errs += _check_item(item, kind, _resources(c, "requests"), _resources(c, "limits"))
        elif kind == "Pod":
            errs += _check_item(
                item, kind, pod_totals(spec, "requests"), pod_totals(spec, "limits")
            )
    return errs


def aggregate(messages: list[str]) -> str:
    """utilerrors.NewAggregate(...).Error().

    One message as is, several de-duplicated in ``[...]``.
    """
    if len(messages) == 1:
        return messages[0]
    seen: list[str] = []
    for m in messages:
        if m not in seen:
            seen.append(m)
    return seen[0] if len(seen) == 1 else "[" + ", ".join(seen) + "]"


def validate(limit_ranges: list[Obj], pod: Obj) -> str | None:
    """runLimitFunc: the first LimitRange that rejects the pod gives the error text."""
    for lr in limit_ranges:
        errs = validate_one(lr, pod)
        if errs:
            return aggregate(errs)
    return None
