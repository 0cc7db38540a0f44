"""``get``: which objects a ``get`` shows, per requested kind, in request order.

Port of the request half of kubectl ``staging/src/k8s.io/kubectl/pkg/cmd/get/get.go``
(GetOptions: Complete, Validate, Run up to the printer); the printing stays in cli/cmd_get.py.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.ops import resources
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from minikube_lite.ops import options
Groups = list[tuple[kinds.Kind, list[Obj]]]


@dataclass(frozen=True, slots=True)
class GetResult:
    """Objects per requested kind, the NotFound/Forbidden errors, the namespace (None: all), now."""

    groups: Groups
    errors: list[errors.MklError]
    namespace: str | None
    now: float


@dataclass(frozen=True, slots=True)
class GetOptions:
    """Port of GetOptions after Complete."""

    refs: tuple[resources.Ref, ...]
    output: str  # "" for the default table
    namespace: str | None
    all_namespaces: bool
    selector: str | None
    watch: bool  # -w or --watch-only
    sort_by: str | None
    no_headers: bool
    show_labels: bool
    field_selector: str | None = None
    label_columns: tuple[str, ...] = ()
    ignore_not_found: bool = False
    show_kind: bool = False

    @classmethod
    def complete(cls, flags: options.Flags) -> GetOptions:
        return cls(
            refs=tuple(resources.parse_refs(flags.args)),
            output=flags.flag("output") or "",
            namespace=flags.flag("namespace"),
            all_namespaces=bool(flags.flag("all-namespaces")),
            selector=flags.flag("selector"),
            watch=bool(flags.flag("watch") or flags.flag("watch-only")),
            sort_by=flags.flag("sort-by"),
            no_headers=bool(flags.flag("no-headers")),
            show_labels=bool(flags.flag("show-labels")),
            field_selector=(flags.flag("field-selector") or "").strip() or None,
            label_columns=tuple(
                c.strip() for v in flags.flag("label-columns") or () for c in v.split(",") if c
            ),
            ignore_not_found=bool(flags.flag("ignore-not-found")),
            show_kind=bool(flags.flag("show-kind")),
        )

    def validate(self) -> list[errors.MklError]:
        """The builder's visitBySelector: ``TYPE NAME`` with ``-l``/``--field-selector``."""
        if (self.selector or self.field_selector) and any(r.name is not None for r in self.refs):
            return [errors.MklError("name cannot be provided when a selector is specified")]
        return []

    @property
    def single(self) -> bool:
        """One named object: ``-o json`` prints it, not a List."""
        return len(self.refs) == 1 and self.refs[0].name is not None

    def run(self, cluster: Cluster) -> GetResult:
        """The objects per requested kind (in request order) and the errors met."""
        ns = None if self.all_namespaces else resources.current_namespace(cluster, self.namespace)
        groups: Groups = []
        errs: list[errors.MklError] = []
        for ref in self.refs:
            if ref.name is None:
                items = resources.list_kind(
                    cluster, ref.kind, ns, self.selector, self.field_selector
                )
            else:
                try:
                    resources.authorize(cluster, "get", ref.kind, ns or "default", ref.name)
                except errors.ForbiddenError as e:
                    errs.append(e)
                    continue
                obj = cluster.get(
                    ref.kind.kind, (ns or "default") if ref.kind.namespaced else None, ref.name
                )
                if obj is None:
                    if not self.ignore_not_found:
                        errs.append(resources.not_found(ref.kind, ref.name))
                    continue
                items = [obj]
            for i, (k, lst) in enumerate(groups):
                if k == ref.kind:
                    groups[i] = (k, lst + [x for x in items if x not in lst])
                    break
            else:
                groups.append((ref.kind, items))
        return GetResult(groups, errs, ns, cluster.now)
