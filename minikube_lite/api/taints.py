"""Node taints and pod tolerations: matching, and ``kubectl taint``'s argument grammar.

Matching ports ``Toleration.ToleratesTaint`` and ``FindMatchingUntoleratedTaint``
(k8s.io/api/core/v1/toleration.go, component-helpers/scheduling/corev1/helpers.go); the grammar
ports ``parseTaints`` / ``parseTaint`` / ``reorganizeTaints`` of
``staging/src/k8s.io/kubectl/pkg/cmd/taint/utils.go``.  Taints are plain dicts
(``{"key", "value"?, "effect"}``) as the Node stores them.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below

Taint = dict[str, Any]
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
DO_NOT_SCHEDULE = ("NoSchedule", "NoExecute")  # the scheduler's TaintToleration filter
UNSCHEDULABLE_TAINT: Taint = {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}
MODIFIED, TAINTED, UNTAINTED = "modified", "tainted", "untainted"


def tolerates(toleration: dict[str, Any], taint: Taint) -> bool:
    """ToleratesTaint: an empty effect matches every effect, an empty key with ``Exists``
    every key; ``Equal`` (the default operator) needs the same value."""
    effect = toleration.get("effect") or ""
    if effect and effect != taint.get("effect"):
        return False
    key = toleration.get("key") or ""
    if key and key != taint.get("key"):
        return False
    op = toleration.get("operator") or "Equal"
    if op == "Exists":
        return True
    return op == "Equal" and (toleration.get("value") or "") == (taint.get("value") or "")


def tolerated(taint: Taint, tolerations: list[dict[str, Any]]) -> bool:
    return any(tolerates(t, taint) for t in tolerations if isinstance(t, dict))


def untolerated(
    taints: list[Taint], tolerations: list[dict[str, Any]], effects: tuple[str, ...]
) -> Taint | None:
    """FindMatchingUntoleratedTaint: the first taint of ``effects`` no toleration matches."""
    for taint in taints:
        if taint.get("effect") in effects and not tolerated(taint, tolerations):
            return taint
    return None


def to_string(taint: Taint) -> str:
    """Taint.ToString: ``key=value:effect``, ``key:effect``, ``key=value`` or ``key``."""
    out = str(taint.get("key", ""))
    if taint.get("value"):
        out += f"={taint['value']}"
    if taint.get("effect"):
        out += f":{taint['effect']}"
    return out


def _go_struct(taint: Taint) -> str:
    """Go's ``%v`` of a v1.Taint (the duplicated-taints error): ``{key value effect <nil>}``."""
    return f"{{{taint.get('key', '')} {taint.get('value', '')} {taint.get('effect', '')} <nil>}}"


def parse_taint(spec: str) -> Taint:
    """parseTaint: ``key=value:effect``, ``key:effect`` or ``key``."""
    parts = spec.split(":")
    value = ""
    effect = ""
    if len(parts) == 1:
        key = parts[0]
    elif len(parts) == 2:
        effect = parts[1]
        if effect not in EFFECTS:
            raise errors.MklError(f"invalid taint effect: {effect}, unsupported taint effect")
        kv = parts[0].split("=")
        if len(kv) > 2:
            raise errors.MklError(f"invalid taint spec: {spec}")
        key = kv[0]
        if len(kv) == 2:
            value = kv[1]
            errs = names.is_valid_label_value(value)
            if errs:
                raise errors.MklError(f"invalid taint spec: {spec}, {'; '.join(errs)}")
    else:
        raise errors.MklError(f"invalid taint spec: {spec}")
    # kubectl 1.37's own apimachinery words the too-many-slashes case as a label key
    errs = [
        "a valid label key " + e.removeprefix("a qualified name ")
        if e.startswith("a qualified name ")
        else e
        for e in names.is_qualified_name(key)
    ]
    if errs:
        raise errors.MklError(f"invalid taint spec: {spec}, {'; '.join(errs)}")
    out: Taint = {"key": key}
    if value:
        out["value"] = value
    if effect:
        out["effect"] = effect
    return out


def parse_taints(specs: list[str]) -> tuple[list[Taint], list[Taint]]:
    """parseTaints: (taints to add, taints to remove); ``key[:effect]-`` removes."""
    add: list[Taint] = []
    remove: list[Taint] = []
    seen: set[tuple[str, str]] = set()
    for spec in specs:
        if spec.endswith("-"):
            t = parse_taint(spec[:-1])
            remove.append({k: v for k, v in t.items() if k != "value"})
            continue
        t = parse_taint(spec)
        if not t.get("effect"):
            raise errors.MklError(f"invalid taint spec: {spec}")
        if (t["effect"], t["key"]) in seen:
            raise errors.MklError(
                f"duplicated taints with the same key and effect: {_go_struct(t)}"
            )
        seen.add((t["effect"], t["key"]))
        add.append(t)
    return add, remove


def _match(a: Taint, b: Taint) -> bool:
    """Taint.MatchTaint: same key and effect."""
    return a.get("key") == b.get("key") and a.get("effect") == b.get("effect")


def already_there(old: list[Taint], add: list[Taint]) -> str:
    """checkIfTaintsAlreadyExists: the keys of ``add`` the node has with the same effect."""
    return ",".join(t["key"] for t in add for o in old if _match(t, o))


def reorganize(
    old: list[Taint], overwrite: bool, add: list[Taint], remove: list[Taint]
) -> tuple[str, list[Taint], list[str]]:
    """reorganizeTaints: (operation, new taints, "not found" errors)."""
    new = [dict(t) for t in add]
    new += [dict(t) for t in old if not any(_match(n, t) for n in add)]
    added = len(old) != len(new)
    errs: list[str] = []
    deleted = False
    for r in remove:
        before = len(new)
        if r.get("effect"):
            new = [t for t in new if not _match(r, t)]
        else:
            new = [t for t in new if t.get("key") != r.get("key")]
        deleted = len(new) != before  # upstream keeps only the last removal's answer
        if not deleted:
            errs.append(f'taint "{to_string(r)}" not found')
    if (added and deleted) or overwrite:
        return MODIFIED, new, errs
    return (TAINTED if added else UNTAINTED), new, errs
