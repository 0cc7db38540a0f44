"""``set selector``: replace a Service's ``spec.selector`` (switch traffic between pod sets).

Port of kubectl ``cmd/set/set_selector.go`` (SetSelectorOptions: Complete, Validate,
RunSelector, updateSelectorForObject, getResourcesAndSelector).  The last argument is the
selector, parsed by metav1.ParseToLabelSelector; only Services take one, and only as plain
``key=value`` pairs (a Service selects by equality).  Unlike ``set image``, an unchanged selector
is still sent and reported as updated, as kubectl does.  Nothing here prints.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import labels as L
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import options, targets
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

OP = "selector updated"


def _expressions_text(exprs: list[Obj]) -> str:
    """Go's ``%v`` of a []LabelSelectorRequirement: ``[{app In [a b]} {x Exists []}]``."""
    items = (f"{{{e['key']} {e['operator']} [{' '.join(e['values'])}]}}" for e in exprs)
    return "[" + " ".join(items) + "]"


def update_selector(k: kinds.Kind, obj: Obj, selector: Obj) -> Obj:
    """Port of updateSelectorForObject: a copy of ``obj`` with the new selector (Services only)."""
    if k.kind != "Service":
        raise errors.MklError("setting a selector is only supported for Services")
    if selector["matchExpressions"]:
        raise errors.MklError(
            f"match expression {_expressions_text(selector['matchExpressions'])} not supported "
            "on this object"
        )
    after = o.deepcopy(obj)
    spec = after.setdefault("spec", {})
    if selector["matchLabels"]:
        spec["selector"] = dict(selector["matchLabels"])
    else:
        spec.pop("selector", None)  # an empty map is omitted (omitempty)
    return after


def service_roundtrip(obj: Obj) -> Obj:
    """A file Service as kubectl prints it after decoding into v1.Service: ``status.loadBalancer``
    is not omitempty."""
    out = o.deepcopy(obj)
    status = out.setdefault("status", {})
    if isinstance(status, dict):
        status.setdefault("loadBalancer", {})
    return out


@dataclass(frozen=True, slots=True)
class SetSelectorResult:
    """The objects written or printed (in order) and the errors met (ContinueOnError)."""

    written: tuple[Obj, ...]
    errors: tuple[errors.MklError, ...]


@dataclass(frozen=True, slots=True)
class SetSelectorOptions:
    """Port of SetSelectorOptions after Complete."""

    resources: tuple[str, ...]
    selector: Obj | None  # a LabelSelector; None without arguments
    resource_version: str
    local: bool
    namespace: str | None
    cause: str | None
    dry_run: str
    manager: str = "kubectl-set"  # --field-manager

    @classmethod
    def complete(cls, flags: options.Flags, cause: str | None) -> SetSelectorOptions:
        """Complete: the dry-run strategy, then getResourcesAndSelector (the last word is the
        selector; a parse error stops here)."""
        dry_run = options.dry_run(flags)
        args = list(flags.args)
        selector = L.parse_to_label_selector(args[-1]) if args else None
        return cls(
            resources=tuple(args[:-1]),
            selector=selector,
            resource_version=str(flags.flag("resource-version") or ""),
            local=bool(flags.flag("local")),
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=dry_run,
            manager=options.field_manager(flags, "kubectl-set"),
        )

    def validate(self) -> list[errors.MklError]:
        """Port of SetSelectorOptions.Validate."""
        return [] if self.selector is not None else [errors.MklError("one selector is required")]

    def _edit(self, k: kinds.Kind, obj: Obj) -> Obj:
        """The patch function's body: resource version, selector, change-cause."""
        assert self.selector is not None  # validate() ran
        after = update_selector(k, obj, self.selector)
        if self.resource_version:
            o.meta(after)["resourceVersion"] = self.resource_version
        if self.cause is not None:
            o.set_annotation(after, o.CHANGE_CAUSE_ANNOTATION, self.cause)
        return after

    def edit_local(self, docs: list[Any]) -> SetSelectorResult:
        """``--local``: the ``-f`` objects edited and printed, never sent."""
        targets.raise_first(self.validate())
        return self._visit([(m.kind, m.obj) for m in docs], None)

    def run(self, cluster: Cluster, sel: targets.Selection) -> SetSelectorResult:
        """Validate, then RunSelector: every object patched (or printed for a client dry run)."""
        targets.raise_first(self.validate())
        found, missing = targets.visit(cluster, sel, self.namespace)
        result = self._visit([(f.kind, f.obj) for f in found], cluster)
        return SetSelectorResult(result.written, (*missing, *result.errors))

    def _visit(
        self, objs: list[tuple[kinds.Kind, Obj]], cluster: Cluster | None
    ) -> SetSelectorResult:
        written: list[Obj] = []
        errs: list[errors.MklError] = []
        for k, obj in objs:
            try:
                after = self._edit(k, obj)
                if cluster is None or self.dry_run == "client":
                    written.append(service_roundtrip(after) if cluster is None else after)
                else:
                    written.append(self._write(cluster, k, obj, after))
            except errors.MklError as e:
                errs.append(e)
        return SetSelectorResult(tuple(written), tuple(errs))

    def _write(self, cluster: Cluster, k: kinds.Kind, obj: Obj, after: Obj) -> Obj:
        """The strategic merge PATCH; a ``--resource-version`` in it must match the stored one."""
        stored_rv = o.meta(obj).get("resourceVersion")
        if self.resource_version and self.resource_version != stored_rv:
            raise errors.ConflictError(
                f'Operation cannot be fulfilled on {k.resource} "{o.name(obj)}": the object has '
                "been modified; please apply your changes to the latest version and try again"
            )
        o.meta(after)["resourceVersion"] = stored_rv
        stored, _ = apiserver.update(
            cluster, k.kind, after, dry_run=self.dry_run == "server", manager=self.manager
        )
        return stored
