"""``annotate`` and ``label``: edit metadata maps with kubectl's --overwrite rules.

Ports of kubectl ``cmd/annotate/annotate.go`` (parseAnnotations, validateAnnotations,
validateNoAnnotationOverwrites, updateAnnotations) and ``cmd/label/label.go`` (parseLabels,
validateNoOverwrites, labelFunc, updateDataChangeMsg), kubectl 1.34.  Nothing here prints.
"""

from __future__ import annotations

import json

from minikube_lite import errors
from minikube_lite.api import names
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.api.patch.govalue import go_quote
from minikube_lite.ops import options, targets
from minikube_lite.records import dataclass, field
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

MSG_NOT_LABELED = "not labeled"
MSG_LABELED = "labeled"
MSG_UNLABELED = "unlabeled"


@dataclass(frozen=True, slots=True)
class Changes:
    """``KEY=VALUE`` updates (in the order typed) and ``KEY-`` removals."""

    new: dict[str, str] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.new and not self.remove


# ----- annotate ----------------------------------------------------------------------------------


def parse_annotate_args(args: list[str]) -> tuple[list[str], Changes]:
    """AnnotateOptions.Complete's argument split and parseAnnotations."""
    res, pairs = targets.split_pairs(args, "annotation")
    new, remove = targets.parse_pairs(pairs, "annotation", True)
    return res, Changes(new, remove)


def validate_annotations(ch: Changes) -> None:
    """Port of validateAnnotations: a key cannot be both set and removed."""
    both = [k for k in ch.remove if k in ch.new]
    if both:
        raise errors.MklError(
            "can not both modify and remove the following annotation(s) in the same command: "
            f"{', '.join(both)}"
        )


def update_annotations(obj: Obj, ch: Changes, overwrite: bool) -> None:
    """Port of updateAnnotations (with validateNoAnnotationOverwrites); edits ``obj`` in place."""
    current = o.annotations(obj)
    if not overwrite:
        found = [
            f"'{k}' already has a value ({current[k]})"
            for k in sorted(ch.new)
            if k != o.CHANGE_CAUSE_ANNOTATION and k in current and current[k] != ch.new[k]
        ]
        if found:
            raise errors.MklError(
                "--overwrite is false but found the following declared annotation(s): "
                + "; ".join(found)
            )
    ann = dict(current)
    ann.update(ch.new)
    for k in ch.remove:
        ann.pop(k, None)
    _set_map(obj, "annotations", ann)


def annotate(obj: Obj, ch: Changes, overwrite: bool, cause: str | None) -> Obj:
    """One object of RunAnnotate: record the command first, then apply the changes."""
    new = o.deepcopy(obj)
    if cause is not None:
        o.set_annotation(new, o.CHANGE_CAUSE_ANNOTATION, cause)
    update_annotations(new, ch, overwrite)
    return new


# ----- label -------------------------------------------------------------------------------------


def parse_label_args(args: list[str]) -> tuple[list[str], Changes]:
    """LabelOptions.Complete's argument split and parseLabels."""
    res, pairs = targets.split_pairs(args, "label")
    new: dict[str, str] = {}
    remove: list[str] = []
    for spec in pairs:
        if "=" in spec:
            parts = spec.split("=")
            if len(parts) != 2:
                raise errors.MklError(f"invalid label spec: {spec}")
            errs = names.is_valid_label_value(parts[1])
            if errs:
                raise errors.MklError(f"invalid label value: {go_quote(spec)}: {';'.join(errs)}")
            new[parts[0]] = parts[1]
        elif spec.endswith("-"):
            remove.append(spec[:-1])
        else:
            raise errors.MklError(f"unknown label spec: {spec}")
    if any(r in new for r in remove):
        raise errors.MklError("can not both modify and remove a label in the same command")
    return res, Changes(new, remove)


def label_func(obj: Obj, ch: Changes, overwrite: bool) -> None:
    """Port of labelFunc (with validateNoOverwrites); edits ``obj`` in place."""
    current = o.labels(obj)
    if not overwrite:
        found = [
            errors.MklError(f"'{k}' already has a value ({current[k]}), and --overwrite is false")
            for k in sorted(ch.new)
            if k in current and current[k] != ch.new[k]
        ]
        if found:
            raise targets.aggregate(found)
    lbl = dict(current)
    lbl.update(ch.new)
    for k in ch.remove:
        lbl.pop(k, None)
    _set_map(obj, "labels", lbl)


def missing_removals(obj: Obj, ch: Changes) -> list[str]:
    """Keys to remove that the object does not have (kubectl prints ``label "x" not found.``)."""
    return [k for k in ch.remove if k not in o.labels(obj)]


def label(obj: Obj, ch: Changes, overwrite: bool, cause: str | None) -> tuple[Obj, str]:
    """One object of RunLabel: apply the changes, then record; returns (new object, message)."""
    new = o.deepcopy(obj)
    label_func(new, ch, overwrite)
    if cause is not None:
        o.set_annotation(new, o.CHANGE_CAUSE_ANNOTATION, cause)
    return new, data_change_msg(obj, new, overwrite)


def data_change_msg(old: Obj, new: Obj, overwrite: bool) -> str:
    """Port of updateDataChangeMsg: compares the objects' JSON encodings (and their lengths)."""
    a, b = go_json(old), go_json(new)
    if a == b:
        return MSG_NOT_LABELED
    if not overwrite and len(b) < len(a):
        return MSG_UNLABELED
    return MSG_LABELED


def go_json(obj: Obj) -> bytes:
    """``json.Marshal`` of an unstructured object: compact, keys sorted, HTML-escaped, UTF-8."""
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode("utf-8")


def _set_map(obj: Obj, key: str, value: dict[str, str]) -> None:
    meta = o.meta(obj)
    if value:
        meta[key] = value
    else:
        meta.pop(key, None)


# ----- the requests ------------------------------------------------------------------------------


def run_annotate(
    cluster: Cluster,
    found: list[targets.Found],
    ch: Changes,
    overwrite: bool,
    cause: str | None,
    dry: str,
    manager: str,
) -> tuple[list[Obj], list[errors.MklError]]:
    """AnnotateOptions.RunAnnotate: the objects as stored (or as they would be), and the errors."""
    results: list[Obj] = []
    errs: list[errors.MklError] = []
    for f in found:
        try:
            if dry == "client":
                results.append(annotate(f.obj, ch, overwrite, None))
                continue
            new = annotate(f.obj, ch, overwrite, cause)
            stored, _ = apiserver.update(
                cluster, f.kind.kind, new, dry_run=dry == "server", manager=manager
            )
            results.append(stored)
        except errors.MklError as e:
            errs.append(e)
    return results, errs


def run_label(
    cluster: Cluster,
    found: list[targets.Found],
    ch: Changes,
    overwrite: bool,
    cause: str | None,
    dry: str,
    manager: str,
) -> tuple[list[tuple[Obj | None, str]], list[errors.MklError]]:
    """LabelOptions.RunLabel: (object, message) per line (None: a bare message), and the errors."""
    lines: list[tuple[Obj | None, str]] = []
    errs: list[errors.MklError] = []
    for f in found:
        try:
            if dry == "client":
                lines.append(label(f.obj, ch, overwrite, None))
                continue
            lines.extend((None, f'label "{k}" not found.') for k in missing_removals(f.obj, ch))
            new, msg = label(f.obj, ch, overwrite, cause)
            apiserver.update(cluster, f.kind.kind, new, dry_run=dry == "server", manager=manager)
            lines.append((new, msg))
        except errors.MklError as e:
            errs.append(e)
    return lines, errs


# ----- the Options shape ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetaOptions:
    """Port of AnnotateOptions / LabelOptions after Complete (annotate.go, label.go)."""

    label: bool  # label (else annotate)
    resources: tuple[str, ...]  # resource words before the KEY=VALUE / KEY- pairs
    changes: Changes
    overwrite: bool
    local: bool
    has_files: bool
    select_all: bool
    selector: str | None
    namespace: str | None
    cause: str | None
    dry_run: str
    manager: str

    @classmethod
    def complete(cls, flags: options.Flags, cause: str | None, *, label: bool) -> MetaOptions:
        """``--dry-run``, then the argument split (parseLabels / parseAnnotations)."""
        dry_run = options.dry_run(flags)
        parse = parse_label_args if label else parse_annotate_args
        res, changes = parse(flags.args)
        return cls(
            label=label,
            resources=tuple(res),
            changes=changes,
            overwrite=bool(flags.flag("overwrite")),
            local=bool(flags.flag("local")),
            has_files=bool(flags.flag("filename")),
            select_all=bool(flags.flag("all")),
            selector=flags.flag("selector"),
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=dry_run,
            manager=options.field_manager(flags, "kubectl-label" if label else "kubectl-annotate"),
        )

    def validate(self) -> list[errors.MklError]:
        """AnnotateOptions.Validate / LabelOptions.Validate (kubectl stops at the first)."""
        what, example = ("label", "pod.yaml") if self.label else ("annotation", "rsrc.yaml")
        json_name = example.split(".")[0] + ".json"
        errs: list[errors.MklError] = []
        if self.select_all and self.selector:
            errs.append(errors.MklError("cannot set --all and --selector at the same time"))
        if self.local:
            if self.dry_run == "server":
                errs.append(
                    errors.MklError(
                        "cannot specify --local and --dry-run=server - did you mean "
                        "--dry-run=client?"
                    )
                )
            if self.resources:
                errs.append(
                    errors.MklError(
                        f"can only use local files by -f {example} or --filename={json_name} "
                        "when --local=true is set"
                    )
                )
            if not self.has_files:
                errs.append(
                    errors.MklError(
                        f"one or more files must be specified as -f {example} or "
                        f"--filename={json_name}"
                    )
                )
        elif not self.resources and not self.has_files:
            errs.append(
                errors.MklError(
                    "one or more resources must be specified as <resource> <name> or "
                    "<resource>/<name>"
                )
            )
        if self.changes.empty:
            errs.append(errors.MklError(f"at least one {what} update is required"))
        if not self.label:
            try:
                validate_annotations(self.changes)
            except errors.MklError as e:
                errs.append(e)
        return errs

    def edit_local(self, obj: Obj) -> tuple[Obj, str]:
        """``--local``: the edit alone, never sent."""
        if self.label:
            return label(obj, self.changes, self.overwrite, None)
        return annotate(obj, self.changes, self.overwrite, None), "annotated"

    def run(
        self, cluster: Cluster, sel: targets.Selection
    ) -> tuple[list[tuple[Obj | None, str]], list[errors.MklError]]:
        """RunAnnotate / RunLabel: (object or None for a bare message, operation), errors."""
        found, errs = targets.visit(cluster, sel, self.namespace)
        args = (
            cluster,
            found,
            self.changes,
            self.overwrite,
            self.cause,
            self.dry_run,
            self.manager,
        )
        if self.label:
            lines, run_errs = run_label(*args)
        else:
            objs, run_errs = run_annotate(*args)
            lines = [(obj, "annotated") for obj in objs]
        return lines, errs + run_errs
