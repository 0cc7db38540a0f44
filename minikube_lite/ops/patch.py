"""``patch``: apply a strategic / merge / JSON patch to a stored object (or a file with --local).

Port of kubectl ``cmd/patch/patch.go`` (Validate, RunPatch, patchOperation), kubectl 1.34.  The
server half of a PATCH (apply the patch to the stored object, then update) is done here with
``api.patch.patch.apply_patch`` and ``store.apiserver.update``.  Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.api.patch import patch as patchlib
from minikube_lite.controllers import timeline
from minikube_lite.ops import options, targets
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True, slots=True)
class Request:
    """A parsed ``patch`` invocation."""

    patch: Any  # the decoded patch document
    patch_type: str  # json | merge | strategic


@dataclass(frozen=True, slots=True)
class PatchResult:
    """(object, operation) per object patched, and the errors met (lookups, then requests)."""

    patched: tuple[tuple[Obj, str], ...]
    errors: tuple[errors.MklError, ...]
    found_any: bool


PATCH_MANAGER = "kubectl-patch"


@dataclass(frozen=True, slots=True)
class PatchOptions:
    """Port of PatchOptions after Complete (cmd/patch/patch.go)."""

    patch: str | None  # -p
    patch_file: str | None
    patch_type: str | None  # --type as typed
    local: bool
    has_args: bool
    namespace: str | None
    cause: str | None
    dry_run: str
    manager: str = PATCH_MANAGER  # --field-manager

    @classmethod
    def complete(cls, flags: options.Flags, cause: str | None) -> PatchOptions:
        dry_run = options.dry_run(flags)
        return cls(
            patch=flags.flag("patch"),
            patch_file=flags.flag("patch-file"),
            patch_type=flags.flag("type"),
            local=bool(flags.flag("local")),
            has_args=bool(flags.args),
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=dry_run,
            manager=options.field_manager(flags, PATCH_MANAGER),
        )

    def validate(self) -> list[errors.MklError]:
        """Port of PatchOptions.Validate (same checks, same order)."""
        errs: list[errors.MklError] = []
        if self.patch and self.patch_file:
            errs.append(errors.MklError("cannot specify --patch and --patch-file together"))
        if not self.patch and not self.patch_file:
            errs.append(
                errors.MklError(
                    "must specify --patch or --patch-file containing the contents of the patch"
                )
            )
        if self.local and self.has_args:
            errs.append(errors.MklError("cannot specify --local and server resources"))
        if self.local and self.dry_run == "server":
            errs.append(
                errors.MklError(
                    "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
                )
            )
        t = self.patch_type
        if t and t.lower() not in patchlib.PATCH_TYPES:
            errs.append(errors.MklError(f'--type must be one of [json merge strategic], not "{t}"'))
        return errs

    def request(self) -> Request:
        """The patch document: ``-p`` text or the ``--patch-file`` contents, decoded."""
        text = read_patch_file(self.patch_file) if self.patch_file else str(self.patch)
        return parse(text, self.patch_type)

    def run(self, cluster: Cluster, sel: targets.Selection, req: Request) -> PatchResult:
        """Port of RunPatch: every object is tried; errors are collected."""
        found, errs = targets.visit(cluster, sel, self.namespace)
        done: list[tuple[Obj, str]] = []
        for f in found:
            try:
                done.append(
                    patch_one(cluster, f.kind, f.obj, req, self.cause, self.dry_run, self.manager)
                )
            except errors.MklError as e:
                errs.append(e)
        return PatchResult(tuple(done), tuple(errs), bool(found))


def read_patch_file(path: str) -> str:
    """``--patch-file``: the file's text (at most limits.MAX_INPUT_BYTES), or kubectl's error."""
    from minikube_lite.ops import manifests

    return manifests.read_bounded(path, "unable to read patch file: open")


def parse(text: str, patch_type: str | None) -> Request:
    """yaml.ToJSON of the patch text (errors: ``unable to parse "<patch>": ...``)."""
    ptype = (patch_type or "strategic").lower()
    return Request(patchlib.parse_patch(text, ptype), ptype)


def patched(k: kinds.Kind, obj: Obj, req: Request) -> Obj:
    """The object with the patch applied (getPatchedJSON on the server or locally)."""
    return patchlib.apply_patch(o.deepcopy(obj), req.patch, req.patch_type, k.kind)


def operation(did_patch: bool) -> str:
    """Port of patchOperation."""
    return "patched" if did_patch else "patched (no change)"


def patch_one(
    cluster: Cluster,
    k: kinds.Kind,
    obj: Obj,
    req: Request,
    cause: str | None,
    dry_run: str,
    manager: str = PATCH_MANAGER,
    *,
    check: Callable[[Obj], object] | None = None,
) -> tuple[Obj, str]:
    """PATCH one stored object; returns (object as returned by the server, operation text).

    ``check(patched)`` runs on the patched object before it is stored (the API server's field
    validation of a PATCH request: it may raise, or drop fields)."""
    if dry_run != "client":
        apiserver.check_request_size(req.patch)  # the PATCH body
    new = patched(k, obj, req)
    if check is not None:
        check(new)
    if dry_run == "client":
        return new, operation(not o.semantic_equal(obj, new))
    _keep_identity(obj, new)
    stored, changed = apiserver.update(
        cluster, k.kind, new, dry_run=dry_run == "server", manager=manager
    )
    if (
        changed and dry_run == "none" and k.kind == "Deployment"
    ):  # issue 7: a mark on the rollout timeline
        timeline.mark(cluster, stored, "patch")
    if (
        cause is not None
        and dry_run == "none"
        and o.annotations(stored).get(o.CHANGE_CAUSE_ANNOTATION) != cause
    ):
        recorded = o.deepcopy(stored)
        o.set_annotation(recorded, o.CHANGE_CAUSE_ANNOTATION, cause)
        stored, _ = apiserver.update(cluster, k.kind, recorded, manager=manager)
    return stored, operation(changed)


def patch_local(k: kinds.Kind, obj: Obj, req: Request) -> tuple[Obj, str]:
    """``--local``: patch the file's object; returns (patched object, operation text)."""
    new = patched(k, obj, req)
    return new, operation(new != obj)


def _keep_identity(old: Obj, new: Obj) -> None:
    """A patch cannot rename or move an object: name and namespace stay as stored."""
    meta = o.meta(new)
    meta["name"] = o.name(old)
    if o.namespace(old):
        meta["namespace"] = o.namespace(old)
