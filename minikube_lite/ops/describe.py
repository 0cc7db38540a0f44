"""What ``describe`` needs besides the object: its events, ReplicaSets, pods, quotas..."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import manifests, options, resources
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def context(cluster: Cluster, kind: str, obj: Obj, show_events: bool = True) -> dict[str, Any]:
    """The related objects describe shows for ``obj``.

    Fields of printers.describe.DescribeContext.  ``show_events=False`` (``--show-events=false``)
    reads no events: the describers then print no ``Events:`` section at all, as kubectl's.
    """
    ns = o.namespace(obj)
    ctx: dict[str, Any] = {"events": cluster.events_for(obj) if show_events else None}
    if kind == "Deployment":
        ctx["replicasets"] = cluster.owned("ReplicaSet", o.uid(obj), o.namespace(obj))
    elif kind in ("ReplicaSet", "ReplicationController", "StatefulSet"):
        ctx["pods"] = cluster.owned("Pod", o.uid(obj), o.namespace(obj))
    elif kind == "Service":
        ctx["endpoints"] = cluster.get("Endpoints", ns, o.name(obj))
    elif kind == "Namespace":
        ctx["quotas"] = cluster.list("ResourceQuota", o.name(obj))
        ctx["limitranges"] = cluster.list("LimitRange", o.name(obj))
    elif kind == "Node":
        ctx["pods"] = [
            p for p in cluster.list("Pod") if p.get("spec", {}).get("nodeName") == o.name(obj)
        ]
    elif kind == "ServiceAccount":
        ctx["secrets"] = cluster.list("Secret", ns)
    elif kind == "Ingress":
        ctx["backends"] = _ingress_backends(cluster, obj)
    return ctx


def _ingress_backends(cluster: Cluster, ing: Obj) -> dict[str, tuple[Obj | None, Obj | None]]:
    """The Services an Ingress's backends name, with their Endpoints."""
    ns, spec = o.namespace(ing), ing.get("spec") or {}
    backends = [spec.get("defaultBackend") or {}]
    for rule in spec.get("rules") or []:
        backends += [p.get("backend") or {} for p in (rule.get("http") or {}).get("paths") or []]
    out: dict[str, tuple[Obj | None, Obj | None]] = {}
    for b in backends:
        name = str((b.get("service") or {}).get("name") or "")
        if name and name not in out:
            out[name] = (cluster.get("Service", ns, name), cluster.get("Endpoints", ns, name))
    return out


# ----- the Options shape (staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go) ---------------


@dataclass(frozen=True, slots=True)
class Match:
    """One object to describe, what describe shows with it, and whether a name prefix found it."""

    kind: str
    obj: Obj
    context: dict[str, Any]
    prefix: bool  # DescribeMatchingResources (no separator between descriptions)


@dataclass(frozen=True, slots=True)
class DescribeResult:
    matches: tuple[Match, ...]
    errors: tuple[errors.MklError, ...]
    namespace: str | None  # None: all namespaces
    now: float


@dataclass(frozen=True, slots=True)
class DescribeOptions:
    """Port of DescribeOptions after Complete."""

    args: tuple[str, ...]
    filenames: tuple[str, ...]
    stdin: str | None  # standard input when ``-f -`` asks for it
    selector: str | None
    namespace: str | None
    all_namespaces: bool
    show_events: bool = True

    @classmethod
    def complete(cls, flags: options.Flags, stdin: str | None) -> DescribeOptions:
        return cls(
            args=tuple(flags.args),
            filenames=tuple(flags.flag("filename") or ()),
            stdin=stdin,
            selector=flags.flag("selector"),
            namespace=flags.flag("namespace"),
            all_namespaces=bool(flags.flag("all-namespaces")),
            show_events=flags.flag("show-events") is not False,
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self, cluster: Cluster) -> DescribeResult:
        """Port of DescribeOptions.Run up to the describer: the objects, in request order."""
        ns = None if self.all_namespaces else resources.current_namespace(cluster, self.namespace)
        matches: list[Match] = []
        errs: list[errors.MklError] = []
        for ref in self._refs():
            try:
                objs, prefix = self._matches(cluster, ref, ns)
            except errors.MklError as e:
                errs.append(e)
                continue
            kind = ref.kind.kind
            matches.extend(
                Match(kind, obj, context(cluster, kind, obj, self.show_events), prefix)
                for obj in objs
            )
        return DescribeResult(tuple(matches), tuple(errs), ns, cluster.now)

    def _refs(self) -> list[resources.Ref]:
        if not self.filenames:
            return resources.parse_refs(list(self.args))
        refs = []
        for source, objs in manifests.read(list(self.filenames), self.stdin):
            for raw in objs:
                m = manifests.resolve(source, raw)
                refs.append(resources.Ref(m.kind, o.name(raw)))
        return refs

    def _matches(
        self, cluster: Cluster, ref: resources.Ref, ns: str | None
    ) -> tuple[list[Obj], bool]:
        """(objects, prefix_mode): the named object, else every object whose name starts with it."""
        k = ref.kind
        if ref.name is None:
            return resources.list_kind(cluster, k, ns, self.selector), False
        obj = cluster.get(k.kind, (ns or "default") if k.namespaced else None, ref.name)
        if obj is not None:
            return [obj], False
        found = [x for x in resources.list_kind(cluster, k, ns) if o.name(x).startswith(ref.name)]
        if not found:
            raise resources.not_found(k, ref.name)
        return found, True
