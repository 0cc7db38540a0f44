"""``annotate`` and ``label`` (kubectl cmd/annotate/annotate.go, cmd/label/label.go)."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import meta, session, targets

Obj = dict[str, Any]


def _validate(
    inv: Invocation, res: list[str], changes: meta.Changes, dry: str, what: str, example: str
) -> None:
    """AnnotateOptions.Validate / LabelOptions.Validate (first failing check wins)."""
    cli_targets.check_all_and_selector(inv)
    files = inv.flag("filename") or []
    if inv.flag("local"):
        if dry == "server":
            raise errors.MklError(
                "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
            )
        if res:
            raise errors.MklError(
                f"can only use local files by -f {example} or --filename={example.split('.')[0]}.json when --local=true is set"
            )
        if not files:
            raise errors.MklError(
                f"one or more files must be specified as -f {example} or --filename={example.split('.')[0]}.json"
            )
    elif not res and not files:
        raise errors.MklError(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>"
        )
    if changes.empty:
        raise errors.MklError(f"at least one {what} update is required")


def annotate(inv: Invocation) -> None:
    """``annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N``."""
    dry = output.dry_run_mode(inv)
    res, changes = meta.parse_annotate_args(inv.args)
    _validate(inv, res, changes, dry, "annotation", "rsrc.yaml")
    meta.validate_annotations(changes)
    overwrite = bool(inv.flag("overwrite"))
    if inv.flag("local"):
        _local(inv, lambda obj: (meta.annotate(obj, changes, overwrite, None), "annotated"), dry)
        return
    sel = cli_targets.selection(inv, res)
    with session.open_cluster(inv.profile) as cluster:
        found, errs = targets.visit(cluster, sel, inv.flag("namespace"))
        results, run_errs = meta.run_annotate(
            cluster, found, changes, overwrite, inv.change_cause(), dry
        )
    for obj in results:
        output.emit(inv, obj, "annotated", dry)
    errs += run_errs
    targets.raise_all(errs)


def label(inv: Invocation) -> None:
    """``label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N``."""
    dry = output.dry_run_mode(inv)
    res, changes = meta.parse_label_args(inv.args)
    _validate(inv, res, changes, dry, "label", "pod.yaml")
    overwrite = bool(inv.flag("overwrite"))
    if inv.flag("local"):
        _local(inv, lambda obj: meta.label(obj, changes, overwrite, None), dry)
        return
    sel = cli_targets.selection(inv, res)
    with session.open_cluster(inv.profile) as cluster:
        found, errs = targets.visit(cluster, sel, inv.flag("namespace"))
        lines, run_errs = meta.run_label(
            cluster, found, changes, overwrite, inv.change_cause(), dry
        )
    errs += run_errs
    for obj, msg in lines:
        if obj is None:
            inv.io.out(msg + "\n")
        else:
            output.emit(inv, obj, msg, dry)
    targets.raise_all(errs)


def _local(inv: Invocation, edit: Any, dry: str) -> None:
    """``--local``: edit the ``-f`` objects and print them; the server is never contacted."""
    docs = cli_targets.local_docs(inv, [])
    errs: list[errors.MklError] = []
    for m in docs:
        try:
            obj, msg = edit(m.obj)
        except errors.MklError as e:
            errs.append(e)
            continue
        output.emit(inv, obj, msg, dry)
    targets.raise_all(errs)
