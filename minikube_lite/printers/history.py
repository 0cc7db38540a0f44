"""``kubectl rollout history`` text (polymorphichelpers/history.go DeploymentHistoryViewer and
rollout_history.go, printed through the name printer)."""

from __future__ import annotations

from minikube_lite.printers.table import DESCRIBE_MINWIDTH, DESCRIBE_PADDING, tabwrite

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CHANGE_CAUSE = "kubernetes.io/change-cause"
REVISION = "deployment.kubernetes.io/revision"


def history_table(name_prefix_and_name: str, revisions: list[tuple[int, str | None]]) -> str:
    """``deployment.apps/web `` + newline + the REVISION/CHANGE-CAUSE table + an empty line,
    or ``No rollout history found.`` when ``revisions`` is empty."""
    head = f"{name_prefix_and_name} \n"
    if not revisions:
        return head + "No rollout history found.\n"
    lines = [["REVISION", "CHANGE-CAUSE"]]
    lines += [[str(r), cause or "<none>"] for r, cause in sorted(revisions, key=lambda rc: rc[0])]
    return head + tabwrite(lines, DESCRIBE_MINWIDTH, DESCRIBE_PADDING) + "\n"


def revision_detail(title_line: str, template: dict[str, Any]) -> str:
    """``<title_line>`` + newline + DescribePodTemplate written with literal tabs + an empty line.

    ``title_line`` is e.g. ``deployment.apps/web with revision #2``.
    """
    from minikube_lite.printers.describe.pod import describe_pod_template
    from minikube_lite.printers.describe.writer import PrefixWriter

    w = PrefixWriter()
    describe_pod_template(template, w)
    return f"{title_line}\n{w.text()}\n"


def _revision_of(rs: dict[str, Any]) -> int | None:
    raw = ((rs.get("metadata") or {}).get("annotations") or {}).get(REVISION)
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


def history_templates(replicasets: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Mirrors ViewHistory's map: revision → the RS pod template, with the RS's change-cause
    (if non-empty) copied into the template's annotations.  RSes without a revision are skipped."""
    import copy

    out: dict[int, dict[str, Any]] = {}
    for rs in replicasets:
        rev = _revision_of(rs)
        if rev is None:
            continue
        template = copy.deepcopy((rs.get("spec") or {}).get("template") or {})
        cause = ((rs.get("metadata") or {}).get("annotations") or {}).get(CHANGE_CAUSE)
        if cause:
            md = template.setdefault("metadata", {})
            md.setdefault("annotations", {})
            md["annotations"] = {**(md["annotations"] or {}), CHANGE_CAUSE: cause}
        out[rev] = template
    return out


def history_revisions(replicasets: list[dict[str, Any]]) -> list[tuple[int, str | None]]:
    """(revision, change-cause) pairs for ``history_table``, ascending."""
    templates = history_templates(replicasets)
    return [
        (rev, ((t.get("metadata") or {}).get("annotations") or {}).get(CHANGE_CAUSE))
        for rev, t in sorted(templates.items())
    ]
