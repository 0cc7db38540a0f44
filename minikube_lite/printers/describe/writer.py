"""``kubectl describe``: the shared pieces of describe.go (prefixWriter, tabbedString, labels,
annotations, tolerations, events, conditions).

Describers write lines with literal tabs through a ``PrefixWriter`` (two spaces per level); the
text is then aligned by the Go tabwriter (minwidth 0, padding 2), exactly like ``tabbedString``.
The per-kind layouts live in ``pod`` (Pod, pod template), ``containers`` (containers, probes,
volumes), ``workloads`` (Deployment, ReplicaSet), ``node`` and ``misc`` (the other kinds); the
kind -> describer registry is in ``describe``.  This module imports none of them.
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.clock import age, parse_time
from minikube_lite.printers.table import DESCRIBE_MINWIDTH, DESCRIBE_PADDING, tabwrite_text
from minikube_lite.records import dataclass, field

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
MAX_ANNOTATION_LEN = 140


@dataclass
class DescribeContext:
    """What a describer needs besides the object; the caller fills it from the store.

    ``events``: Event dicts about this object (any order; None = ``--show-events=false``).
    ``replicasets``: for a Deployment, the ReplicaSets it controls; ``new_rs_name`` names the new
    one (when None it is found by template equality).  ``pods``: the pods of a ReplicaSet /
    Service / Node (filtered here by owner uid / node name).  ``quotas``/``limitranges``: the
    namespace's objects.  ``endpoints``: a Service's Endpoints object.  ``secrets``: the
    namespace's Secrets (ServiceAccount).  ``lease``: a Node's Lease.  ``backends``: an
    Ingress's Services and their Endpoints.
    """

    events: list[Obj] | None = field(default_factory=list)
    replicasets: list[Obj] = field(default_factory=list)
    new_rs_name: str | None = None
    pods: list[Obj] = field(default_factory=list)
    quotas: list[Obj] | None = field(default_factory=list)
    limitranges: list[Obj] | None = field(default_factory=list)
    endpoints: Obj | None = None
    secrets: list[Obj] | None = None
    lease: Obj | None = None
    # an Ingress's backends: service name -> (the Service, its Endpoints), None when not found
    backends: dict[str, tuple[Obj | None, Obj | None]] | None = None


class PrefixWriter:
    """Mirrors describe.go prefixWriter (text is kept; the caller tabwrites it)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, level: int, text: str) -> None:
        """Mirrors prefixWriter.Write: ``level`` times two spaces, then the text."""
        self.parts.append("  " * level + text)

    def line(self, text: str) -> None:
        """Mirrors prefixWriter.WriteLine."""
        self.parts.append(text + "\n")

    def text(self) -> str:
        """Everything written so far, terminal-escaped like printers.WriteEscaped."""
        return "".join(self.parts).replace("\x1b", "^[").replace("\r", "\\r")


def tabbed(w: PrefixWriter) -> str:
    """Mirrors tabbedString: the writer's text through the describe tabwriter."""
    return tabwrite_text(w.text(), DESCRIBE_MINWIDTH, DESCRIBE_PADDING)


def meta(o: Obj) -> Obj:
    """``o.metadata`` (empty when missing)."""
    return o.get("metadata") or {}


def time_since(now: float, ts: str | None) -> str:
    """Mirrors translateTimestampSince (``<unknown>`` for a zero time)."""
    return age(now, ts)


def rfc1123z(ts: str | None) -> str:
    """Go ``t.Format(time.RFC1123Z)`` in the local zone (a zero time prints Go's zero date)."""
    from minikube_lite.clock import rfc1123z_local

    t = parse_time(ts)
    return rfc1123z_local(t) if t is not None else "Mon, 01 Jan 0001 00:00:00 +0000"


def print_labels(
    w: PrefixWriter, title: str, labels: dict[str, str] | None, indent: str = ""
) -> None:
    """Mirrors printLabelsMultilineWithIndent (keys sorted, ``<none>``)."""
    w.write(0, f"{indent}{title}:\t")
    if not labels:
        w.line("<none>")
        return
    for i, key in enumerate(sorted(labels)):
        if i:
            w.write(0, indent + "\t")
        w.write(0, f"{key}={labels[key]}\n")


def _shorten(s: str, n: int) -> str:
    raw = s.encode()
    return raw[:n].decode(errors="ignore") + "..." if len(raw) > n else s


def print_annotations(w: PrefixWriter, title: str, annotations: dict[str, str] | None) -> None:
    """Mirrors printAnnotationsMultiline (last-applied hidden, long values folded)."""
    w.write(0, f"{title}:\t")
    keys = sorted(k for k in annotations or {} if k != LAST_APPLIED)
    if not keys:
        w.line("<none>")
        return
    assert annotations is not None
    for i, key in enumerate(keys):
        if i:
            w.write(0, "\t")
        value = str(annotations[key])
        value = value[:-1] if value.endswith("\n") else value
        if len(value.encode()) + len(key.encode()) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(0, f"{key}:\n")
            for s in value.split("\n"):
                w.write(0, f"\t  {_shorten(s, MAX_ANNOTATION_LEN - 2)}\n")
        else:
            w.write(0, f"{key}: {value}\n")


def print_tolerations(w: PrefixWriter, title: str, tolerations: list[Obj] | None) -> None:
    """Mirrors printTolerationsMultilineWithIndent (sorted by key)."""
    w.write(0, f"{title}:\t")
    if not tolerations:
        w.line("<none>")
        return
    for i, t in enumerate(sorted(tolerations, key=lambda t: t.get("key", ""))):
        if i:
            w.write(0, "\t")
        text = t.get("key", "")
        if t.get("value"):
            text += "=" + str(t["value"])
        if t.get("effect"):
            text += ":" + t["effect"]
        if t.get("operator") == "Exists" and not t.get("value"):
            text += " op=Exists" if t.get("key") or t.get("effect") else "op=Exists"
        if t.get("tolerationSeconds") is not None:
            text += f" for {int(t['tolerationSeconds'])}s"
        w.write(0, text + "\n")


def print_controller(o: Obj) -> str:
    """Mirrors printController: ``Kind/name`` of the controller owner reference."""
    for ref in meta(o).get("ownerReferences") or []:
        if ref.get("controller"):
            return f"{ref.get('kind', '')}/{ref.get('name', '')}"
    return ""


def _event_sort_key(e: Obj) -> float:
    t = parse_time(e.get("lastTimestamp"))
    return t if t is not None else float("-inf")


def event_age(e: Obj, now: float) -> str:
    """The Age cell of DescribeEvents (``<last> (xN over <first>)`` for repeated events)."""
    first = (
        age(now, e.get("eventTime")) if e.get("eventTime") else age(now, e.get("firstTimestamp"))
    )
    series = e.get("series")
    if series is not None:
        last = age(now, series.get("lastObservedTime"))
        return f"{last} (x{int(series.get('count') or 0)} over {first})"
    count = int(e.get("count") or 0)
    if count > 1:
        return f"{age(now, e.get('lastTimestamp'))} (x{count} over {first})"
    return first


def describe_events(w: PrefixWriter, events: list[Obj], now: float) -> None:
    """Mirrors DescribeEvents (sorted by lastTimestamp; ties keep the given order)."""
    if not events:
        w.write(0, "Events:\t<none>\n")
        return
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    for e in sorted(events, key=_event_sort_key):
        source = (
            (e.get("source") or {}).get("component")
            or e.get("reportingComponent")
            or e.get("reportingController")
            or ""
        )
        msg = (e.get("message") or "").strip()
        w.write(
            1, f"{e.get('type', '')}\t{e.get('reason', '')}\t{event_age(e, now)}\t{source}\t{msg}\n"
        )


def describe_conditions(w: PrefixWriter, conditions: list[Obj] | None) -> None:
    """The Deployment/ReplicaSet Conditions table (``  <Type> \\t<Status>\\t<Reason>``)."""
    if not conditions:
        return
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
    w.write(1, "----\t------\t------\n")
    for c in conditions:
        w.write(1, f"{c.get('type', '')} \t{c.get('status', '')}\t{c.get('reason', '')}\n")


def events_for(kind: str, obj: Obj, events: list[Obj]) -> list[Obj]:
    """The events ``describe`` shows for ``obj`` (searchEvents' field selector: involvedObject
    name, namespace, kind and uid).  Pods match without the kind (PodDescriber clears it); Nodes
    also match events whose uid is the node name (kubelet's events)."""
    md = meta(obj)
    uids = {md.get("uid")} if md.get("uid") else set()
    if kind == "Node":
        uids.add(md.get("name"))
    out = []
    for e in events:
        inv = e.get("involvedObject") or {}
        if inv.get("name") != md.get("name") or (inv.get("namespace") or "") != (
            md.get("namespace") or ""
        ):
            continue
        if kind != "Pod" and inv.get("kind") != kind:
            continue
        if uids and inv.get("uid") not in uids:
            continue
        out.append(e)
    return out


def maybe_events(w: PrefixWriter, ctx: DescribeContext, now: float) -> None:
    """``if events != nil { DescribeEvents(...) }``."""
    if ctx.events is not None:
        describe_events(w, ctx.events, now)
