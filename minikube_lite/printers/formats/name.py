"""``-o name``: cli-runtime printers/name.go NamePrinter."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def name_line(obj: dict[str, Any]) -> str:
    """Mirrors name.go printObj: ``<kind lower>[.<group>]/<name>`` (no newline)."""
    kind = str(obj.get("kind") or "").lower()
    api_version = str(obj.get("apiVersion") or "")
    group = api_version.rsplit("/", 1)[0] if "/" in api_version else ""
    name: str = (obj.get("metadata") or {}).get("name", "")
    if not kind:
        return name
    return f"{kind}.{group}/{name}" if group else f"{kind}/{name}"
