"""``cordon``, ``uncordon`` and ``taint``: node ``spec.unschedulable`` and ``spec.taints``.

Ports ``staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go`` (``DrainCmdOptions.Complete``'s
node selection, ``RunCordonOrUncordon``, ``already``/``changed``), ``pkg/drain/cordon.go``
(``CordonHelper.UpdateIfRequired``) and ``staging/src/k8s.io/kubectl/pkg/cmd/taint/taint.go``
(``TaintOptions.Complete``/``Validate``/``RunTaint``, ``updateTaints``).  The scheduler reads both
fields (controllers/scheduler.py ``node_filter``).  Nothing here prints.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds, taints
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import options, resources
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

NODE = kinds.KINDS["Node"]
Line = tuple[Obj, str]  # the node as printed, and the printer's operation


def select_nodes(cluster: Cluster, names: list[str], selector: str | None) -> list[Obj]:
    """The builder's ``ResourceNames("nodes", ...)`` / ``LabelSelectorParam``: every name
    looked up (the first missing one is the server's NotFound), or the nodes ``-l`` selects."""
    if selector:
        return resources.list_kind(cluster, NODE, None, selector)
    return [resources.get_one(cluster, NODE, "", n) for n in names]


def node_line(node: Obj, op: str, dry: str, output: str | None) -> str:
    """The name printer (``node/minikube cordoned``; ``-o name``: ``node/minikube``)."""
    if output == "name":
        return f"node/{o.name(node)}\n"
    return f"node/{o.name(node)} {options.op_suffix(op, dry)}\n"


@dataclass(frozen=True, slots=True)
class CordonOptions:
    """Port of DrainCmdOptions after Complete, for cordon and uncordon."""

    names: tuple[str, ...]
    selector: str
    dry_run: str
    command: str  # "cordon" | "uncordon" | "drain"

    @classmethod
    def complete(cls, flags: options.Flags, command: str) -> CordonOptions:
        return cls(tuple(flags.args), flags.flag("selector") or "", options.dry_run(flags), command)

    def validate(self) -> list[errors.MklError]:
        """Complete's usage errors (the caller adds ``See '... -h'``)."""
        if not self.names and not self.selector:
            return [errors.MklError(f"USAGE: {self.command} NODE [flags]")]
        if self.names and self.selector:
            return [errors.MklError("cannot specify both a node name and a --selector option")]
        return []

    def run(self, cluster: Cluster, desired: bool) -> list[Line]:
        """RunCordonOrUncordon: PATCH spec.unschedulable where it differs (a client dry run
        sends nothing); the operation each node prints."""
        out: list[Line] = []
        for node in select_nodes(cluster, list(self.names), self.selector):
            if bool((node.get("spec") or {}).get("unschedulable")) == desired:
                out.append((node, "already cordoned" if desired else "already uncordoned"))
                continue
            shown = set_unschedulable(cluster, node, desired, self.dry_run)
            out.append((shown, "cordoned" if desired else "uncordoned"))
        return out


def set_unschedulable(cluster: Cluster, node: Obj, desired: bool, dry_run: str) -> Obj:
    """CordonHelper.PatchOrReplace: ``unschedulable: true``, or the field dropped (omitempty)."""
    new = o.deepcopy(node)
    spec = new.setdefault("spec", {})
    if desired:
        spec["unschedulable"] = True
    else:
        spec.pop("unschedulable", None)
    if dry_run == "client":
        return new
    stored, _ = apiserver.update(cluster, "Node", new, dry_run=dry_run == "server")
    return stored


@dataclass(frozen=True, slots=True)
class TaintOptions:
    """Port of TaintOptions after Complete."""

    resources: tuple[str, ...]
    add: tuple[taints.Taint, ...]
    remove: tuple[taints.Taint, ...]
    selector: str
    all_nodes: bool
    overwrite: bool
    dry_run: str

    @classmethod
    def complete(cls, flags: options.Flags) -> TaintOptions:
        """Complete: resources first, then taint changes; the grammar's errors are usage
        errors (raised as UsageError by the caller: ``UsageLike``)."""
        res: list[str] = []
        specs: list[str] = []
        for s in flags.args:
            is_taint = "=" in s or ":" in s or s.endswith("-")
            if is_taint:
                specs.append(s)
            elif specs:
                raise errors.MklError(f"all resources must be specified before taint changes: {s}")
            else:
                res.append(s)
        if not res:
            raise errors.MklError("one or more resources must be specified as <resource> <name>")
        if not specs:
            raise errors.MklError("at least one taint update is required")
        try:
            add, remove = taints.parse_taints(specs)
        except errors.MklError as e:
            raise UsageLike(e.message) from None
        return cls(
            tuple(res),
            tuple(add),
            tuple(remove),
            flags.flag("selector") or "",
            bool(flags.flag("all")),
            bool(flags.flag("overwrite")),
            options.dry_run(flags),
        )

    def validate(self) -> list[errors.MklError]:
        """Validate: a node type, no taint both modified and removed, names or -l or --all."""
        rtype = self.resources[0].lower()
        k = kinds.lookup(rtype)
        if k is None:
            return [errors.MklError(f'the server doesn\'t have a resource type "{rtype}"')]
        if k.kind != "Node":
            return [
                errors.MklError(f"invalid resource type {rtype}, only node types are supported")
            ]
        conflicts = [
            f"{r['key']}={r.get('effect', '')}"
            for a in self.add
            for r in self.remove
            if a["key"] == r["key"] and (not r.get("effect") or a.get("effect") == r["effect"])
        ]
        if conflicts:
            return [
                errors.MklError(
                    "can not both modify and remove the following taint(s) in the same "
                    f"command: {', '.join(conflicts)}"
                )
            ]
        if self.all_nodes and self.selector:
            return [
                errors.MklError("setting 'all' parameter with a non empty selector is prohibited")
            ]
        if not self.all_nodes and not self.selector and len(self.resources) < 2:
            return [
                errors.MklError(
                    "at least one resource name must be specified since 'all' parameter is not set"
                )
            ]
        return []

    def run(self, cluster: Cluster) -> tuple[list[Line], errors.MklError | None]:
        """RunTaint: every node visited in turn; the first failure stops the visit."""
        out: list[Line] = []
        try:
            if self.all_nodes:
                nodes = resources.list_kind(cluster, NODE, None)
            elif self.selector:
                nodes = select_nodes(cluster, [], self.selector)
            else:
                nodes = select_nodes(cluster, list(self.resources[1:]), None)
            for node in nodes:
                out.append(self._one(cluster, node))
        except errors.MklError as e:
            return out, e
        return out, None

    def _one(self, cluster: Cluster, node: Obj) -> Line:
        """updateTaints, then the PATCH (nothing sent on a client dry run)."""
        old = list((node.get("spec") or {}).get("taints") or [])
        if not self.overwrite:
            there = taints.already_there(old, list(self.add))
            if there:
                raise errors.MklError(
                    f"node {o.name(node)} already has {there} taint(s) with same effect(s) and "
                    "--overwrite is false"
                )
        op, new_taints, errs = taints.reorganize(
            old, self.overwrite, list(self.add), list(self.remove)
        )
        if errs:
            raise (
                errors.MklError(errs[0])
                if len(errs) == 1
                else errors.AggregateError([errors.MklError(m) for m in errs])
            )
        new = o.deepcopy(node)
        spec = new.setdefault("spec", {})
        if new_taints:
            spec["taints"] = new_taints
        else:
            spec.pop("taints", None)
        if self.dry_run == "client":
            return new, op
        stored, _ = apiserver.update(cluster, "Node", new, dry_run=self.dry_run == "server")
        return stored, op


class UsageLike(errors.MklError):
    """An error kubectl reports through UsageErrorf (the caller adds ``See '... -h'``)."""
