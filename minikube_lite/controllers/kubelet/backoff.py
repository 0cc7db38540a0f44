"""client-go ``util/flowcontrol/backoff.go`` as the kubelet uses it: initial 10 s, max 300 s,
no jitter.

Entries live in ``cluster.state["backoff"]`` keyed ``<pod uid>_<image>`` (image pulls) and
``<pod uid>/<container>`` (crash loops), so they survive the JSON round trip of every command.
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.store.cluster import Cluster

BACKOFF_INITIAL = 10.0
BACKOFF_MAX = 300.0


def entries(cluster: Cluster) -> dict[str, Obj]:
    entries: dict[str, Obj] = cluster.state.setdefault("backoff", {})
    return entries


def backoff_next(cluster: Cluster, key: str, event_time: float) -> float:
    """Backoff.Next: 10 s on a fresh or expired entry, else double (≤ 300 s); lastUpdate = now."""
    entry = entries(cluster).get(key)
    if entry is None or event_time - entry["last"] > 2 * BACKOFF_MAX:
        delay = BACKOFF_INITIAL
    else:
        delay = min(entry["backoff"] * 2, BACKOFF_MAX)
    entries(cluster)[key] = {"backoff": delay, "last": cluster.now}
    return delay


def in_backoff_since_update(cluster: Cluster, key: str, t: float) -> Obj | None:
    """Backoff.IsInBackOffSinceUpdate (image pulls): ``t - lastUpdate`` inside the back-off."""
    entry = entries(cluster).get(key)
    if entry is None or t - entry["last"] > 2 * BACKOFF_MAX:
        return None
    return entry if t - entry["last"] < entry["backoff"] else None


def in_backoff_since(cluster: Cluster, key: str, event_time: float) -> Obj | None:
    """Backoff.IsInBackOffSince: the entry when ``now - event_time`` is inside its back-off."""
    entry = entries(cluster).get(key)
    if entry is None or event_time - entry["last"] > 2 * BACKOFF_MAX:
        return None
    return entry if cluster.now - event_time < entry["backoff"] else None
