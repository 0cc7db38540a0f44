"""The stored clock, typed: what ``doc["clock"]`` holds, read and written only here.

A manual clock keeps ``now``; a real one is ``startSim + (wall - startWall) x speed + advanced``
(docs/architecture.md (Simulation decisions)).
"""

from __future__ import annotations

from typing import Any

from minikube_lite.records import dataclass


@dataclass(frozen=True, slots=True)
class ClockState:
    """One profile's clock settings and anchors."""

    mode: str  # real | manual
    speed: float  # as stored (callers that divide by it use ``speed or 1.0``)
    now: float  # the last simulated instant saved
    start_sim: float
    start_wall: float
    advanced: float  # seconds `clock advance` added to a real clock

    @property
    def manual(self) -> bool:
        return self.mode == "manual"


def of(doc: dict[str, Any]) -> ClockState:
    """The clock of a state document."""
    c = doc["clock"]
    now = float(c["now"])
    return ClockState(
        mode=str(c.get("mode")),
        speed=float(c.get("speed", 1.0)),
        now=now,
        start_sim=float(c.get("startSim", now)),
        start_wall=float(c.get("startWall", 0.0)),
        advanced=float(c.get("advanced", 0.0)),
    )


def settings(doc: object) -> tuple[str, float] | None:
    """(mode, speed) of a document that may be unreadable or old (cluster reset); else None."""
    c = doc.get("clock") if isinstance(doc, dict) else None
    if not isinstance(c, dict):
        return None
    return ("manual" if c.get("mode") == "manual" else "real"), float(c.get("speed", 1.0))


def add_advance(doc: dict[str, Any], seconds: float) -> None:
    """`clock advance` on a real clock: the offset grows (a manual clock just moves ``now``)."""
    c = doc["clock"]
    c["advanced"] = float(c.get("advanced", 0.0)) + seconds


def move_start_wall(doc: dict[str, Any], by: float) -> None:
    """Shift a real clock's wall anchor (the wall clock stepped back by ``-by`` seconds)."""
    c = doc["clock"]
    c["startWall"] = float(c["startWall"]) + by
