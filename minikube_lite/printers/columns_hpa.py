"""``get hpa`` cells: port of printers.go printHorizontalPodAutoscaler and formatHPAMetrics."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.clock import age
from minikube_lite.printers.columns_pod import _meta, _spec, _status

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_MAX_SHOWN = 2  # formatHPAMetrics' maximum


def _value_pair(target: dict[str, Any], current: dict[str, Any] | None) -> tuple[str, str]:
    """(current, target) of a Value/AverageValue target; the marker says which of the two."""
    if target.get("averageValue") is not None:
        cur = (current or {}).get("averageValue")
        return ("<unknown>" if cur is None else str(cur)), f"{target['averageValue']} (avg)"
    cur = (current or {}).get("value")
    return ("<unknown>" if cur is None else str(cur)), str(target.get("value") or "0")


def _metric_cell(spec: dict[str, Any], status: dict[str, Any] | None) -> str:
    typ = spec.get("type")
    if typ in ("External", "Object", "Pods"):
        src = spec.get(str(typ).lower()) or {}
        st = ((status or {}).get(str(typ).lower()) or {}).get("current")
        cur, tgt = _value_pair(src.get("target") or {}, st)
        if typ == "Pods":
            tgt = tgt.removesuffix(" (avg)")
        return f"{cur}/{tgt}"
    if typ in ("Resource", "ContainerResource"):
        field = "resource" if typ == "Resource" else "containerResource"
        src = spec.get(field) or {}
        target = src.get("target") or {}
        st = ((status or {}).get(field) or {}).get("current")
        name = src.get("name", "")
        if target.get("averageValue") is not None:
            value = (st or {}).get("averageValue")
            return f"{name}: {'<unknown>' if value is None else value}/{target['averageValue']}"
        util = (st or {}).get("averageUtilization")
        cur = "<unknown>" if util is None else f"{util}%"
        want = target.get("averageUtilization")
        return f"{name}: {cur}/{'<auto>' if want is None else f'{want}%'}"
    return "<unknown type>"


def format_hpa_metrics(specs: list[dict[str, Any]], statuses: list[dict[str, Any]]) -> str:
    """Port of formatHPAMetrics: the first two metrics, ``+ N more...`` for the others."""
    if not specs:
        return "<none>"
    cells = [
        _metric_cell(s, statuses[i] if i < len(statuses) else None) for i, s in enumerate(specs)
    ]
    text = ", ".join(cells[:_MAX_SHOWN])
    if len(cells) > _MAX_SHOWN:
        return f"{text} + {len(cells) - _MAX_SHOWN} more..."
    return text


def hpa_row(hpa: Obj, now: float, wide: bool) -> list[str]:
    """Port of printHorizontalPodAutoscaler: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE."""
    spec, st = _spec(hpa), _status(hpa)
    ref = spec.get("scaleTargetRef") or {}
    low = spec.get("minReplicas")
    return [
        _meta(hpa).get("name", ""),
        f"{ref.get('kind', '')}/{ref.get('name', '')}",
        format_hpa_metrics(spec.get("metrics") or [], st.get("currentMetrics") or []),
        "<unset>" if low is None else str(int(low)),
        str(int(spec.get("maxReplicas") or 0)),
        str(int(st.get("currentReplicas") or 0)),
        age(now, _meta(hpa).get("creationTimestamp")),
    ]
