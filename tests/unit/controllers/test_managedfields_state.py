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

SCENARIO_DIGEST = "43aa20d9bb690409864610281e60eb8887e07621385b0c985dcb673b9d885f0d"
ROLLING_UPDATE_DIGEST = "c628667e12fe4f1bf542810b12666dc4786a552856fd3fccd50b5d2fd5655088"


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
