"""``edit`` and ``create --edit``: what goes into the editor, and how the edited text is applied.

Port of kubectl's ``staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go`` (EditOptions,
editHeader.writeTo, editResults.addError, visitToPatch, visitToCreate, visitAnnotation, hasLines,
hashOnLineBreak) and ``cmdutil.StripComments``/``ManualStrip`` (cmd/util/helpers.go).  The editor
itself runs in cli/cmd_edit.py, between two short holds of the profile lock: the objects are read
under one, the patch (computed against what was read) is applied under the next, so a change
made meanwhile by another command is kept.  Nothing here prints or launches anything.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import manifests, options, resources, targets
from minikube_lite.records import dataclass, field
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HEADER = (
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
    "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
    "# reopened with the relevant failures.\n"
    "#\n"
)
SOURCE = "edited-file"
NO_CHANGES = "Edit cancelled, no changes made."
EMPTY = "Edit cancelled, saved file was empty."
NO_VALID_CHANGES = "Edit cancelled, no valid changes were saved."
CHANGED_IDENTITY = "At least one of apiVersion, kind and name was changed"
STRICT = ("strict", "true")


@dataclass(frozen=True, slots=True)
class Reason:
    """Port of editReason: why the file is reopened (a head line and its bullet points)."""

    head: str
    other: tuple[str, ...] = ()


def hash_on_line_break(s: str) -> str:
    """Port of hashOnLineBreak: a ``# `` after every newline not already followed by ``#``."""
    out: list[str] = []
    for i, ch in enumerate(s):
        if ch == "\n" and i + 1 < len(s) and s[i + 1] != "#":
            out.append("\n# ")
        else:
            out.append(ch)
    return "".join(out)


APPLY_HEADER = (
    "# Please edit the 'last-applied-configuration' annotations below.\n"
    "# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n"
    "#\n"
)


def header(reasons: list[Reason], apply_mode: bool = False) -> str:
    """Port of editHeader.writeTo (``apply_mode``: ApplyEditMode's text)."""
    out = [APPLY_HEADER if apply_mode else HEADER]
    for r in reasons:
        out.append(f"# {hash_on_line_break(r.head)}{':' if r.other else ''}\n")
        out.extend(f"# * {hash_on_line_break(x)}\n" for x in r.other)
        out.append("#\n")
    return "".join(out)


def manual_strip(text: str) -> str:
    """Port of cmdutil.ManualStrip: drop the lines that start with ``#`` (not ``#!``)."""
    lines = text.split("\n")
    out: list[str] = []
    for i, ln in enumerate(lines):
        s = ln.strip()
        if s.startswith("#") and not s.startswith("#!"):
            continue
        out.append(ln + ("\n" if i < len(lines) - 1 else ""))
    return "".join(out)


def strip_comments(text: str) -> str:
    """Port of cmdutil.StripComments: the first document as JSON, or ManualStrip when invalid."""
    import json

    from minikube_lite.api.patch import decode

    try:
        return json.dumps(decode.yaml_to_json(text), sort_keys=True, ensure_ascii=False)
    except (errors.MklError, ValueError):
        return manual_strip(text)


def has_lines(text: str) -> bool:
    """Port of hasLines: some line is neither blank nor a comment."""
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith("#"):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Original:
    """What was read under the first lock: the objects to edit and the command's namespace."""

    objects: tuple[tuple[kinds.Kind, Obj], ...]
    namespace: str


@dataclass(frozen=True, slots=True)
class Step:
    """One edited object's outcome, in order: its patch (``--output-patch``), then a printed
    line (``obj`` with ``op``) or an error line for stderr."""

    patch: dict[str, Any] | None = None
    obj: Obj | None = None
    op: str = ""
    error: str = ""


@dataclass(slots=True)
class Applied:
    """Port of editResults after one pass."""

    steps: list[Step] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    retryable: int = 0
    notfound: int = 0
    invalid: int = 0

    def add_error(self, err: errors.MklError, k: kinds.Kind, name: str) -> None:
        """Port of editResults.addError: count the error and say it as kubectl does."""
        res = k.resource
        if isinstance(err, errors.InvalidError):
            self.invalid += 1
            causes = tuple(str(c) for c in err.causes)
            self.reasons.append(Reason(f'{res} "{name}" was not valid', causes))
            self.steps.append(Step(error=f'error: {res} "{name}" is invalid'))
        elif isinstance(err, errors.NotFoundError):
            self.notfound += 1
            self.steps.append(Step(error=f'error: {res} "{name}" could not be found on the server'))
        else:
            self.retryable += 1
            msg = (
                targets.status_message(err) if isinstance(err, errors.ServerError) else err.message
            )
            self.steps.append(Step(error=f'error: {res} "{name}" could not be patched: {msg}'))


EDIT_MANAGER = "kubectl-edit"


@dataclass(frozen=True, slots=True)
class EditOptions:
    """Port of EditOptions after Complete (normal and edit-before-create modes)."""

    args: tuple[str, ...]
    filenames: tuple[str, ...]
    namespace: str | None
    output: str  # yaml | json
    output_patch: bool
    save_config: bool
    cause: str | None
    windows_line_endings: bool
    validate_mode: str = "strict"  # --validate: strict | warn | ignore (true/false)
    create_mode: bool = False
    manager: str = EDIT_MANAGER  # --field-manager
    apply_mode: bool = False  # apply edit-last-applied (ApplyEditMode)

    @classmethod
    def complete(
        cls, flags: options.Flags, cause: str | None, create_mode: bool, apply_mode: bool = False
    ) -> EditOptions:
        default = "kubectl-create" if create_mode else EDIT_MANAGER
        if apply_mode:
            default = "kubectl-client-side-apply"
        return cls(
            args=tuple(flags.args),
            filenames=tuple(flags.flag("filename") or ()),
            namespace=flags.flag("namespace"),
            output=flags.flag("output") or "yaml",
            output_patch=not (create_mode or apply_mode) and bool(flags.flag("output-patch")),
            save_config=not apply_mode and bool(flags.flag("save-config")),
            cause=cause,
            windows_line_endings=bool(flags.flag("windows-line-endings")),
            validate_mode=str(flags.flag("validate") or "strict").lower(),
            create_mode=create_mode,
            manager=options.field_manager(flags, default),
            apply_mode=apply_mode,
        )

    def validate(self) -> list[errors.MklError]:
        if self.output not in ("yaml", "json"):
            return [
                errors.MklError(
                    "unable to match a printer suitable for the output format "
                    f'"{self.output}", allowed formats are: json,yaml'
                )
            ]
        return []

    @property
    def ext(self) -> str:
        return ".json" if self.output == "json" else ".yaml"

    def header(self, reasons: list[Reason]) -> str:
        """The commented header (YAML only: JSON has no comments)."""
        return "" if self.output == "json" else header(reasons, self.apply_mode)

    def read(self, cluster: Cluster, sel: targets.Selection) -> Original:
        """The objects named (kubectl reads them all first: any lookup error stops the edit)."""
        found, errs = targets.visit(cluster, sel, self.namespace)
        targets.raise_all(errs)
        if not found and not self.apply_mode:  # (edit-last-applied: no annotation found)
            raise errors.MklError("edit cancelled, no objects found")
        objs = tuple((f.kind, o.deepcopy(f.obj)) for f in found)
        return Original(objs, resources.current_namespace(cluster, self.namespace))

    def parse(self, text: str) -> list[manifests.Manifest]:
        """The edited file's objects (a List is flattened); an error here is a syntax error."""
        return [manifests.resolve(SOURCE, d) for d in manifests.parse_text(text, SOURCE)]

    def prepare(self, docs: list[manifests.Manifest], namespace: str) -> None:
        """Each edited object in the command's namespace, then annotated (--save-config,
        --record); an error here ends the edit, with the file kept."""
        for m in docs:
            require_namespace(m, namespace)
            self._annotate(m.obj)

    def _annotate(self, obj: Obj) -> None:
        """Port of visitAnnotation: ``--save-config`` then ``--record`` on the edited object."""
        if self.save_config:
            from minikube_lite.ops import create

            o.set_annotation(obj, o.LAST_APPLIED_ANNOTATION, create.last_applied(obj))
        if self.cause is not None:
            o.set_annotation(obj, o.CHANGE_CAUSE_ANNOTATION, self.cause)

    def apply(
        self, cluster: Cluster, original: Original, edited: list[manifests.Manifest]
    ) -> Applied:
        """Port of visitToPatch / visitToCreate over every edited object."""
        out = Applied()
        for m in edited:
            if self.create_mode:
                _create(cluster, m, out, self.validate_mode, self.manager)
            else:
                _patch(cluster, original, m, out, self)
        return out


def edit_list(objs: list[Obj]) -> Obj:
    """The List kubectl edit builds for several objects (its metadata stays empty)."""
    return {"apiVersion": "v1", "items": list(objs), "kind": "List", "metadata": {}}


def require_namespace(m: manifests.Manifest, namespace: str) -> None:
    """Port of resource.RequireNamespace: set an absent namespace, refuse a different one."""
    if not m.kind.namespaced:
        return
    meta = o.meta(m.obj)
    ns = meta.get("namespace")
    if not ns:
        meta["namespace"] = namespace
    elif ns != namespace:
        raise errors.MklError(
            f'the namespace from the provided object "{ns}" does not match the namespace '
            f"\"{namespace}\". You must pass '--namespace={ns}' to perform this operation."
        )


def two_way_patch(k: kinds.Kind, original: Obj, edited: Obj) -> dict[str, Any]:
    """CreateTwoWayMergePatch with edit's preconditions (apiVersion, kind, name, managedFields)."""
    from minikube_lite.api.patch.strategicpatch import diff

    patch = diff.two_way_patch(original, edited, k.kind)
    meta = patch.get("metadata")
    if (
        "apiVersion" in patch
        or "kind" in patch
        or "managedFields" in patch
        or (isinstance(meta, dict) and "name" in meta)
    ):
        raise errors.MklError(CHANGED_IDENTITY)
    return patch


def _original_for(original: Original, m: manifests.Manifest) -> tuple[kinds.Kind, Obj]:
    """The object read before editing with the edited one's uid."""
    uid = o.uid(m.obj)
    for k, obj in original.objects:
        if o.uid(obj) == uid:
            return k, obj
    raise errors.MklError(f"no original object found for {m.kind.kind} {o.name(m.obj)!r}")


def _as_shown(obj: Obj) -> Obj:
    """The object as the editor showed it: without managedFields (which edit hides), so the
    patch never touches them."""
    meta = obj.get("metadata")
    if not isinstance(meta, dict) or "managedFields" not in meta:
        return obj
    return {**obj, "metadata": {k: v for k, v in meta.items() if k != "managedFields"}}


def _patch(
    cluster: Cluster, original: Original, m: manifests.Manifest, out: Applied, opts: EditOptions
) -> None:
    """Port of visitToPatch for one object: skipped, edited, or an error counted in ``out``."""
    k, before = _original_for(original, m)
    before = _as_shown(before)
    if o.semantic_equal(before, m.obj):
        out.steps.append(Step(obj=m.obj, op="skipped"))
        return
    patch = two_way_patch(k, before, m.obj)
    shown = patch if opts.output_patch else None
    try:
        strict = opts.validate_mode in STRICT
        stored = patch_current(cluster, k, before, patch, strict, opts.manager)
    except errors.MklError as e:
        if shown is not None:
            out.steps.append(Step(patch=shown))
        out.add_error(e, k, o.name(before))
        return
    out.steps.append(Step(patch=shown, obj=stored, op="edited"))


def patch_current(
    cluster: Cluster,
    k: kinds.Kind,
    before: Obj,
    patch: dict[str, Any],
    strict: bool = True,
    manager: str = EDIT_MANAGER,
) -> Obj:
    """PATCH the object as it is now (not as it was read): other commands' changes are kept.

    A ``metadata.resourceVersion`` in the patch is a precondition, as the API server treats it;
    with ``strict`` (``--validate=strict``, the default) an unknown field is a BadRequest.
    """
    from minikube_lite.api import schema
    from minikube_lite.api.patch.strategicpatch import merge
    from minikube_lite.controllers import timeline
    from minikube_lite.store import apiserver

    name, ns = o.name(before), o.namespace(before) or None
    current = cluster.get(k.kind, ns if k.namespaced else None, name)
    if current is None:
        raise resources.not_found(k, name)
    rv = (patch.get("metadata") or {}).get("resourceVersion")
    if rv is not None and rv != o.meta(current).get("resourceVersion"):
        raise errors.ConflictError(
            f'Operation cannot be fulfilled on {k.resource} "{name}": the object has been '
            "modified; please apply your changes to the latest version and try again"
        )
    new = merge.strategic_merge(current, patch, k.kind)
    o.meta(new)["name"] = name
    if strict:
        schema.check_decode(new, strict=True)
    stored, changed = apiserver.update(cluster, k.kind, new, manager=manager)
    if changed and k.kind == "Deployment":
        timeline.mark(cluster, stored, "edit")
    return stored


def _create(
    cluster: Cluster, m: manifests.Manifest, out: Applied, validate: str, manager: str
) -> None:
    """Port of visitToCreate for one object (its error ends the command)."""
    from minikube_lite.ops import create

    ns = o.namespace(m.obj) or None
    obj = create.create_one(cluster, m, ns, validate=validate, manager=manager)
    out.steps.append(Step(obj=obj, op="created"))
