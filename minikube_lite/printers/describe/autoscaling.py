"""describe.go: HorizontalPodAutoscaler (describeHorizontalPodAutoscalerV2,
printDirectionBehavior)."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    maybe_events,
    meta,
    print_annotations,
    print_labels,
    rfc1123z,
    tabbed,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _current(statuses: list[Any], i: int, field: str) -> dict[str, Any] | None:
    st = statuses[i] if i < len(statuses) and isinstance(statuses[i], dict) else {}
    src = st.get(field)
    return (src.get("current") or {}) if isinstance(src, dict) else None


def _resource_metric(w: PrefixWriter, metric: Obj, statuses: list[Any], i: int) -> None:
    """The Resource / ContainerResource case of the Metrics section."""
    container = metric.get("type") == "ContainerResource"
    field = "containerResource" if container else "resource"
    src = metric.get(field) or {}
    target = src.get("target") or {}
    if container:
        w.write(1, f'resource {src.get("name", "")} of container "{src.get("container", "")}"')
    else:
        w.write(1, f"resource {src.get('name', '')} on pods")
    cur = _current(statuses, i, field)
    if target.get("averageValue") is not None:
        shown = (
            "<unknown>" if cur is None or cur.get("averageValue") is None else cur["averageValue"]
        )
        w.write(0, f":\t{shown} / {target['averageValue']}\n")
        return
    shown = "<unknown>"
    if cur is not None and cur.get("averageUtilization") is not None:
        shown = f"{cur['averageUtilization']}% ({cur.get('averageValue', '0')})"
    want = target.get("averageUtilization")
    w.write(
        1, f"(as a percentage of request):\t{shown} / {'<auto>' if want is None else f'{want}%'}\n"
    )


def _other_metric(w: PrefixWriter, metric: Obj, statuses: list[Any], i: int) -> None:
    """External, Pods and Object metrics: ``current / target`` of their value."""
    typ = str(metric.get("type") or "")
    field = typ[:1].lower() + typ[1:]
    src = metric.get(field) or {}
    name = (src.get("metric") or {}).get("name", "")
    target = src.get("target") or {}
    cur = _current(statuses, i, field) or {}
    if typ == "Object":
        obj = src.get("describedObject") or {}
        w.write(1, f'"{name}" on {obj.get("kind", "")}/{obj.get("name", "")}')
    elif typ == "Pods":
        w.write(1, f'"{name}" on pods')
    else:
        w.write(1, f'"{name}" (target {"average " if "averageValue" in target else ""}value)')
    key = "averageValue" if "averageValue" in target else "value"
    w.write(0, f":\t{cur.get(key, '<unknown>')} / {target.get(key, '')}\n")


def _behavior(w: PrefixWriter, direction: str, rules: Any) -> None:
    """Port of printDirectionBehavior."""
    if not isinstance(rules, dict):
        return
    w.write(1, f"{direction}:\n")
    if rules.get("stabilizationWindowSeconds") is not None:
        w.write(2, f"Stabilization Window: {rules['stabilizationWindowSeconds']} seconds\n")
    policies = rules.get("policies") or []
    if policies:
        w.write(2, f"Select Policy: {rules.get('selectPolicy') or 'Max'}\n")
        w.write(2, "Policies:\n")
        for p in policies:
            w.write(
                3,
                f"- Type: {p.get('type', '')}\tValue: {p.get('value', 0)}\t"
                f"Period: {p.get('periodSeconds', 0)} seconds\n",
            )


def describe_horizontal_pod_autoscaler(hpa: Obj, ctx: DescribeContext, now: float) -> str:
    """Port of describeHorizontalPodAutoscalerV2."""
    w = PrefixWriter()
    m, spec, st = meta(hpa), hpa.get("spec") or {}, hpa.get("status") or {}
    w.write(0, f"Name:\t{m.get('name', '')}\n")
    w.write(0, f"Namespace:\t{m.get('namespace', '')}\n")
    print_labels(w, "Labels", m.get("labels"))
    print_annotations(w, "Annotations", m.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(m.get('creationTimestamp'))}\n")
    ref = spec.get("scaleTargetRef") or {}
    w.write(0, f"Reference:\t{ref.get('kind', '')}/{ref.get('name', '')}\n")
    w.write(0, "Metrics:\t( current / target )\n")
    statuses = st.get("currentMetrics") or []
    for i, metric in enumerate(spec.get("metrics") or []):
        if metric.get("type") in ("Resource", "ContainerResource"):
            _resource_metric(w, metric, statuses, i)
        elif metric.get("type") in ("External", "Pods", "Object"):
            _other_metric(w, metric, statuses, i)
        else:
            w.write(1, f"<unknown metric type {metric.get('type', '')!s}>\n")
    low = spec.get("minReplicas")
    w.write(0, f"Min replicas:\t{'<unset>' if low is None else low}\n")
    w.write(0, f"Max replicas:\t{spec.get('maxReplicas', 0)}\n")
    behavior = spec.get("behavior")
    if isinstance(behavior, dict):
        w.write(0, "Behavior:\n")
        _behavior(w, "Scale Up", behavior.get("scaleUp"))
        _behavior(w, "Scale Down", behavior.get("scaleDown"))
    w.write(0, f"{ref.get('kind', '')} pods:\t")
    w.write(0, f"{st.get('currentReplicas', 0)} current / {st.get('desiredReplicas', 0)} desired\n")
    conditions = st.get("conditions") or []
    if conditions:
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tReason\tMessage\n")
        w.write(1, "----\t------\t------\t-------\n")
        for c in conditions:
            w.write(
                1,
                f"{c.get('type', '')}\t{c.get('status', '')}\t{c.get('reason', '')}\t"
                f"{c.get('message', '')}\n",
            )
    maybe_events(w, ctx, now)
    return tabbed(w)
