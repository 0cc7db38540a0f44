"""The managedFields the controllers' writes leave stay byte for byte what they were.

test_state_golden.py compares the saved state without managedFields (its fixtures predate
them); this guard compares the entries themselves, in their stored key order, for the same two
runs: the mixed scenario and the 200-replica rolling update.  The digests were taken on main
before the field manager's comparison and the create path were made cheaper (session 23);
regenerate them only for an intended change of the recorded fields:
``python -m tests.unit.controllers.test_managedfields_state``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tests.unit.controllers import test_state_golden as golden

SCENARIO_DIGEST = "aee93044ab2ab6f6edabc86e6fa19be49bdb9982c7e7649d667cb548336782d3"
ROLLING_UPDATE_DIGEST = "31bc2dd2f6adbeb1b48669a92e8ea9b9fa2089737713acc3763cf002dc1ccc71"


def managed_fields_digest(doc: dict[str, Any]) -> str:
    """sha256 of every object's managedFields (key order kept: the bytes a save writes)."""
    out: dict[str, Any] = {}
    for kind, bucket in sorted(doc.get("objects", {}).items()):
        for key, obj in sorted(bucket.items()):
            out[kind + "/" + key] = obj.get("metadata", {}).get("managedFields")
    return hashlib.sha256(json.dumps(out).encode()).hexdigest()


def test_scenario_managed_fields_are_unchanged() -> None:
    assert managed_fields_digest(golden.scenario()) == SCENARIO_DIGEST


def test_rolling_update_managed_fields_are_unchanged() -> None:
    assert managed_fields_digest(golden.rolling_update()) == ROLLING_UPDATE_DIGEST


if __name__ == "__main__":
    print(f"SCENARIO_DIGEST = {managed_fields_digest(golden.scenario())!r}")
    print(f"ROLLING_UPDATE_DIGEST = {managed_fields_digest(golden.rolling_update())!r}")
