"""``set resources`` and ``set serviceaccount``: edit the pod template of a Pod, Deployment or
ReplicaSet (ports of kubectl cmd/set/set_resources.go and cmd/set/set_serviceaccount.go).

They share set image's pieces (ops/set_image.py: the Edit, UpdatePodSpecForObject, the
container selector).  ``set resources`` skips an object whose edit changes nothing (kubectl's
``{}`` patch); ``set serviceaccount`` sends (and prints) every object, as kubectl does.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.api.quantity import QuantityError, parse_quantity
from minikube_lite.ops import options, targets
from minikube_lite.ops import set_image as base
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def parse_resource_list(spec: str) -> dict[str, str]:
    """parseResourceList: ``name=quantity`` statements, comma-separated, canonical quantities."""
    out: dict[str, str] = {}
    for statement in spec.split(",") if spec else ():
        parts = statement.split("=")
        if len(parts) != 2:
            raise errors.MklError(
                f"invalid argument syntax {statement}, expected <resource>=<value>"
            )
        try:
            out[parts[0]] = str(parse_quantity(parts[1]))
        except QuantityError as e:
            raise errors.MklError(str(e)) from None
    return out


def edit_resources(
    k: kinds.Kind,
    obj: Obj,
    limits: dict[str, str],
    requests: dict[str, str],
    selector: str,
    cause: str | None,
    local: bool = False,
) -> base.Edit:
    """The body of SetResourcesOptions.Run's patch function for one object."""
    after = o.deepcopy(obj)
    edit = base.Edit(k, obj, after)
    try:
        spec = base.pod_spec(k, after)
    except errors.MklError as e:
        edit.after = obj
        edit.errors.append(
            errors.MklError(f"error: {base.object_name(k, obj, local)} {e.message}\n")
        )
        return edit
    chosen = [
        c
        for c in [*(spec.get("containers") or []), *(spec.get("initContainers") or [])]
        if base.select_string(str(c.get("name", "")), selector)
    ]
    if not chosen:
        edit.errors.append(errors.MklError(f"error: unable to find container named {selector}"))
        edit.after = obj
        return edit
    for c in chosen:
        res = c.setdefault("resources", {})
        for field, values in (("limits", limits), ("requests", requests)):
            if values:
                merged = {**(res.get(field) or {}), **values}
                res[field] = dict(sorted(merged.items()))
    if cause is not None:
        o.set_annotation(after, o.CHANGE_CAUSE_ANNOTATION, cause)
    return edit


def edit_serviceaccount(
    k: kinds.Kind, obj: Obj, account: str, cause: str | None, local: bool = False
) -> base.Edit:
    """The body of SetServiceAccountOptions.Run's patch function for one object."""
    after = o.deepcopy(obj)
    edit = base.Edit(k, obj, after)
    try:
        base.pod_spec(k, after)["serviceAccountName"] = account
    except errors.MklError as e:
        edit.after = obj
        edit.errors.append(
            errors.MklError(f"error: {base.object_name(k, obj, local)} {e.message}\n")
        )
        return edit
    if cause is not None:
        o.set_annotation(after, o.CHANGE_CAUSE_ANNOTATION, cause)
    return edit


def apply(
    cluster: Cluster,
    edits: list[base.Edit],
    dry_run: str,
    what: str,
    manager: str = base.SET_MANAGER,
) -> base.EditResult:
    """The PATCH loop: ``resources`` skips no-op edits, ``serviceaccount`` sends every one."""
    written: list[tuple[Obj, str]] = []
    errs: list[errors.MklError] = []
    for edit in edits:
        errs.extend(edit.errors)
        if edit.errors or (what == "resources" and not edit.changed):
            continue
        if dry_run == "client":
            written.append((edit.after, OPERATIONS[what]))
            continue
        try:
            stored, _ = apiserver.update(
                cluster, edit.kind.kind, edit.after, dry_run=dry_run == "server", manager=manager
            )
        except errors.ServerError as e:
            errs.append(errors.MklError(f"{FAILED[what]} {targets.status_message(e)}"))
            continue
        written.append((stored, OPERATIONS[what]))
    return base.EditResult(tuple(written), (), tuple(errs))


OPERATIONS = {
    "resources": "resource requirements updated",
    "serviceaccount": "serviceaccount updated",
}
FAILED = {
    "resources": "failed to patch resources update to pod template",
    "serviceaccount": "failed to patch ServiceAccountName",
}


@dataclass(frozen=True, slots=True)
class SetPodOptions:
    """Port of SetResourcesOptions / SetServiceAccountOptions after Complete."""

    what: str  # resources | serviceaccount
    resources: tuple[str, ...]  # TYPE NAME words
    limits: dict[str, str]
    requests: dict[str, str]
    containers: str
    account: str
    local: bool
    namespace: str | None
    cause: str | None
    dry_run: str
    manager: str = base.SET_MANAGER  # --field-manager

    @classmethod
    def for_resources(cls, flags: options.Flags, cause: str | None) -> SetPodOptions:
        """Complete + Validate of set resources, in kubectl's order."""
        dry_run = options.dry_run(flags)
        local = bool(flags.flag("local"))
        if local and dry_run == "server":
            raise errors.MklError(base.LOCAL_SERVER_DRY_RUN)
        if flags.flag("all") and flags.flag("selector"):
            raise errors.MklError("cannot set --all and --selector at the same time")
        limits_s, requests_s = str(flags.flag("limits") or ""), str(flags.flag("requests") or "")
        if not limits_s and not requests_s:
            raise errors.MklError(
                "you must specify an update to requests or limits (in the form of "
                "--requests/--limits)"
            )
        return cls(
            what="resources",
            resources=tuple(flags.args),
            limits=parse_resource_list(limits_s),
            requests=parse_resource_list(requests_s),
            containers=str(flags.flag("containers") or "*"),
            account="",
            local=local,
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=dry_run,
            manager=options.field_manager(flags, base.SET_MANAGER),
        )

    @classmethod
    def for_serviceaccount(cls, flags: options.Flags, cause: str | None) -> SetPodOptions:
        """Complete of set serviceaccount: the last word is the account."""
        dry_run = options.dry_run(flags)
        local = bool(flags.flag("local"))
        if local and dry_run == "server":
            raise errors.MklError(base.LOCAL_SERVER_DRY_RUN)
        if not flags.args:
            raise errors.MklError("serviceaccount is required")
        return cls(
            what="serviceaccount",
            resources=tuple(flags.args[:-1]),
            limits={},
            requests={},
            containers="*",
            account=flags.args[-1],
            local=local,
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=dry_run,
            manager=options.field_manager(flags, base.SET_MANAGER),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def edit(self, k: kinds.Kind, obj: Obj, local: bool = False) -> base.Edit:
        if self.what == "resources":
            return edit_resources(
                k, obj, self.limits, self.requests, self.containers, self.cause, local
            )
        return edit_serviceaccount(k, obj, self.account, self.cause, local)

    def edit_local(self, docs: list[Any]) -> list[base.Edit]:
        return [self.edit(m.kind, m.obj, local=True) for m in docs]

    def run(self, cluster: Cluster, sel: targets.Selection) -> base.EditResult:
        """The builder's visit (NotFound first), then every object edited and patched."""
        found, missing = targets.visit(cluster, sel, self.namespace)
        targets.raise_all(missing)
        edits = [self.edit(f.kind, f.obj) for f in found]
        return apply(cluster, edits, self.dry_run, self.what, self.manager)
