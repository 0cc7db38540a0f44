"""Reading the one-file state of versions before the segment directory (schema 1), to convert it.

That file was one JSON document: ``{"schemaVersion": 1, "segments": "<byte index>", "meta": {...},
"objects": {KIND: {key: object}}, "sim": {NAME: state}, "events": {shard: {key: Event}}}`` (or,
older still, the meta fields at the top level with ``objects`` and ``sim`` beside them).  It is
parsed whole, once: persist.load writes it out in the new layout and removes it.
"""

from __future__ import annotations

import json

from minikube_lite.store.segments import entry_error

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def decode(data: bytes) -> Any:
    """The state document held by a schema-1 file (plain dicts); ValueError when malformed."""
    whole = json.loads(data)
    if not isinstance(whole, dict):
        return whole
    if not (isinstance(whole.get("meta"), dict) and "segments" in whole):
        whole.pop("eventShardSeen", None)  # keyed by the old shard names: rebuilt when needed
        return whole
    meta: dict[str, Any] = whole["meta"]
    meta.pop("eventShardSeen", None)
    for group in ("objects", "sim"):
        meta[group] = whole.get(group) or {}
        if not isinstance(meta[group], dict):
            raise ValueError(f"{group!r} is not an object")
    if whole.get("events"):
        if not isinstance(whole["events"], dict):
            raise ValueError("'events' is not an object")
        merged: dict[str, Any] = {}
        for shard, value in whole["events"].items():
            why = entry_error("events", shard, value)
            if why is not None:
                raise ValueError(why)
            merged.update(value)
        meta["objects"]["Event"] = merged
    return meta
