"""``kubectl rollout history`` text (polymorphichelpers/history.go DeploymentHistoryViewer and
rollout_history.go, printed through the name printer)."""

from __future__ import annotations

from minikube_lite.printers.table import DESCRIBE_MINWIDTH, DESCRIBE_PADDING, tabwrite

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
