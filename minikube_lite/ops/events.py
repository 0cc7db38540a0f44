"""``events``: the namespace's (or every namespace's) events, oldest first, optionally only those
about one object (``--for TYPE/NAME``) or of some types (``--types=Warning``).

Port of kubectl ``cmd/events/events.go`` (EventsFlags.ToOptions, EventsOptions.Validate and Run,
decodeResourceTypeName, SortableEvents, filteredEventType), sorted with Go's sort.Sort
(gosort.py).  The rows are printers/events.py's.
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.ops import options, resources
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster


def decode_for(text: str) -> tuple[kinds.Kind, str]:
    """Port of decodeResourceTypeName for ``--for``: ``TYPE/NAME`` only."""
    if "/" not in text:
        raise errors.MklError("--for must be in resource/name form")
    parts = text.split("/")
    if len(parts) != 2:
        raise errors.MklError("arguments in resource/name form may not have more than one slash")
    k = kinds.lookup(parts[0])
    if k is None:  # the RESTMapper's error, printed without "error: "
        raise errors.PlainError(f'the server doesn\'t have a resource type "{parts[0]}"')
    return k, parts[1]


def event_time(ev: Obj) -> float:
    """SortableEvents' key: the series' last observation, else lastTimestamp, else eventTime."""
    series = ev.get("series")
    text = (series or {}).get("lastObservedTime") or ev.get("lastTimestamp") or ev.get("eventTime")
    return clock.parse_time(text) or 0.0


@dataclass(frozen=True, slots=True)
class EventsResult:
    events: tuple[Obj, ...]
    namespace: str | None  # None: all namespaces
    now: float


@dataclass(frozen=True, slots=True)
class EventsOptions:
    """Port of EventsOptions after ToOptions."""

    all_namespaces: bool
    namespace: str | None  # -n as typed
    for_object: tuple[kinds.Kind, str] | None
    types: tuple[str, ...]  # sorted, deduplicated (sets.NewString(...).List())

    @classmethod
    def complete(cls, flags: options.Flags) -> EventsOptions:
        for_text = flags.flag("for") or ""
        types = sorted({t for v in flags.flag("types") or [] for t in v.split(",")})
        return cls(
            all_namespaces=bool(flags.flag("all-namespaces")),
            namespace=flags.flag("namespace"),
            for_object=decode_for(for_text) if for_text else None,
            types=tuple(types),
        )

    def validate(self) -> list[errors.MklError]:
        """Port of EventsOptions.Validate."""
        if any(t.lower() not in ("normal", "warning") for t in self.types):
            return [errors.MklError("valid --types are Normal or Warning")]
        return []

    def wanted(self, ev: Obj) -> bool:
        """filteredEventType and the ``--for`` field selector."""
        if self.types and not any(t.lower() == str(ev.get("type", "")).lower() for t in self.types):
            return False
        if self.for_object is None:
            return True
        inv = ev.get("involvedObject") or {}
        k, name = self.for_object
        return inv.get("kind") == k.kind and inv.get("name") == name

    def run(self, cluster: Cluster, watch: bool = False) -> EventsResult:
        """Run: list (one namespace or all), filter, sort by event time (stable)."""
        ns = None if self.all_namespaces else resources.current_namespace(cluster, self.namespace)
        resources.authorize(cluster, "list", kinds.KINDS["Event"], ns)
        found = [ev for ev in cluster.list("Event", ns) if self.wanted(ev)]
        if not watch:  # a watch sends the existing events in list order, unsorted
            found = sort_events(found)
        return EventsResult(tuple(found), ns, cluster.now)


def sort_events(found: list[Obj]) -> list[Obj]:
    """``sort.Sort(SortableEvents(items))``: Go's unstable sort over the API list order, so
    events of the same instant come out as kubectl prints them."""
    keyed = [(event_time(ev), ev) for ev in found]
    if len(keyed) <= 12 or len({t for t, _ in keyed}) == len(keyed):
        keyed.sort(key=_first)  # no ties, or insertion sort's stable order: the same result
    else:
        from minikube_lite import gosort

        gosort.sort(keyed, lambda x, y: bool(x[0] < y[0]))
    return [ev for _, ev in keyed]


def _first(pair: tuple[float, Obj]) -> float:
    return pair[0]
