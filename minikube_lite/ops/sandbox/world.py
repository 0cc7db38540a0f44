"""How an exec'd process reaches the cluster: one short look at a time, and time passing.

The shell itself only sleeps through its world (``sandbox`` never sees a Cluster); the commands
that talk to the cluster (curl, wget, nslookup in netcmds.py) hold the world and look through
it, once per request.  Implementations: podenv.StillWorld (one in-memory cluster where time
stands still) and execute.LiveWorld (the profile opened for each look, the wall clock waited on).
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from minikube_lite.api.objects import Obj
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object  # structural typing is the type checker's; at run time a plain base


@dataclass(frozen=True, slots=True)
class Here:
    """One look at the cluster: the cluster now and the exec'd pod in it."""

    cluster: Cluster
    pod: Obj


class World(Protocol):
    """The cluster as an exec'd process sees it."""

    now: float  # simulated now as of the last look or sleep

    def look(self) -> AbstractContextManager[Here]:
        """The cluster now (raises ContainerGone); writes made inside are kept."""
        ...

    def sleep(self, seconds: float) -> bool:
        """Let ``seconds`` of simulated time pass; True when it waited on the wall clock."""
        ...
