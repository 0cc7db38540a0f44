"""``cluster start``: the clock mode, speed and seed of a new profile (minikube-lite only).

Options in kubectl's shape (Complete, Validate, Run); the flag errors read like pflag's
(``invalid argument "x" for "--speed" flag: ...``).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.ops import options, session
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _speed(raw: Any, command_path: str) -> float:
    """--speed: a positive, finite number of simulated seconds per wall second."""
    try:
        v = float(raw)
    except (TypeError, ValueError):
        raise errors.UsageError(
            f'invalid argument "{raw}" for "--speed" flag: not a number', command_path
        ) from None
    if not v > 0 or v != v or v == float("inf"):
        raise errors.UsageError(
            f'invalid argument "{raw}" for "--speed" flag: must be greater than 0', command_path
        )
    return v


@dataclass(frozen=True, slots=True)
class StartOptions:
    """``cluster start [--clock real|manual] [--speed N] [--seed N]``."""

    profile: str | None
    clock: str
    speed: float
    seed: int | None

    @classmethod
    def complete(cls, flags: options.Flags, profile: str | None, command_path: str) -> StartOptions:
        """--clock first, then --speed (each a usage error when it does not parse)."""
        mode = flags.flag("clock")
        if mode not in ("real", "manual"):
            raise errors.UsageError(
                f'invalid argument "{mode}" for "--clock" flag: must be "real" or "manual"',
                command_path,
            )
        return cls(
            profile=profile,
            clock=mode,
            speed=_speed(flags.flag("speed"), command_path),
            seed=flags.flag("seed"),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self) -> tuple[Cluster, bool]:
        """Create the profile unless it exists: (its cluster, created?)."""
        return session.create_profile(self.profile, self.clock, self.speed, self.seed)
