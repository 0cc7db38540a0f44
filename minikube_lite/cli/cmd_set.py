"""``set image`` and ``set env`` (kubectl cmd/set/set_image.go, set_env.go)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session, targets
from minikube_lite.ops import set_image as ops

Obj = dict[str, Any]


def _validate_image(inv: Invocation, has_resources: bool, images: dict[str, str], dry: str) -> None:
    """SetImageOptions.Validate: every failed check, one per line."""
    errs: list[errors.MklError] = []
    if inv.flag("all") and inv.flag("selector"):
        errs.append(errors.MklError("cannot set --all and --selector at the same time"))
    if not has_resources:
        errs.append(
            errors.MklError(
                "one or more resources must be specified as <resource> <name> or <resource>/<name>"
            )
        )
    if not images:
        errs.append(errors.MklError("at least one image update is required"))
    elif len(images) > 1 and "*" in images:
        errs.append(
            errors.MklError(
                "all containers are already specified by *, but saw more than one container_name=container_image pairs"
            )
        )
    if inv.flag("local") and dry == "server":
        errs.append(
            errors.MklError(
                "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
            )
        )
    targets.raise_all(errs)


def image(inv: Invocation) -> None:
    """``set image (TYPE NAME | TYPE/NAME | -f FILE) CONTAINER=IMAGE ...``."""
    dry = output.dry_run_mode(inv)
    res, pairs = targets.split_pairs(inv.args, "image")
    images, _ = targets.parse_pairs(pairs, "image", False)
    if inv.flag("local"):
        docs = cli_targets.local_docs(inv, res)
        _validate_image(inv, True, images, dry)
        edits = [
            ops.edit_images(m.kind, m.obj, images, inv.change_cause(), local=True) for m in docs
        ]
        _print_local(inv, edits, "image updated", dry)
        return
    sel = cli_targets.selection(inv, res)

    def make_edits(found: list[Any]) -> list[ops.Edit]:
        _validate_image(inv, bool(res) or sel.has_files, images, dry)
        return [ops.edit_images(f.kind, f.obj, images, inv.change_cause()) for f in found]

    _edit_in_cluster(inv, sel, dry, "image", make_edits)


def _edit_in_cluster(
    inv: Invocation,
    sel: Any,
    dry: str,
    what: str,
    make_edits: Callable[[list[Any]], list[ops.Edit]],
) -> None:
    """Edit the selected objects (``make_edits(found)``) and write every changed one (kubectl's
    per-object PATCH loop, continuing on errors); print the results, then raise the errors."""
    results: list[tuple[Obj, str]] = []
    errs: list[errors.MklError] = []
    with session.open_cluster(inv.profile) as cluster:
        found, missing = targets.visit(cluster, sel, inv.flag("namespace"))
        targets.raise_all(missing)
        for edit in make_edits(found):
            errs.extend(edit.errors)
            for w in edit.warnings:
                inv.io.err(w)
            if not edit.changed:
                continue
            try:
                stored = edit.after if dry == "client" else ops.write(cluster, edit, dry, what)
            except errors.MklError as e:
                errs.append(e)
                continue
            results.append((stored, f"{what} updated"))
    for obj, op in results:
        output.emit(inv, obj, op, dry)
    targets.raise_all(errs)


def _print_local(inv: Invocation, edits: list[ops.Edit], op: str, dry: str) -> None:
    errs: list[errors.MklError] = []
    for edit in edits:
        errs.extend(edit.errors)
        for w in edit.warnings:
            inv.io.err(w)
        if edit.changed:
            output.emit(inv, ops.typed_roundtrip(edit.kind, edit.after), op, dry)
    targets.raise_all(errs)


def env(inv: Invocation) -> None:
    """``set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N`` (no --list/--from in mkl)."""
    if inv.flag("all") and inv.flag("selector"):
        raise errors.MklError("cannot set --all and --selector at the same time")
    res, env_args = ops.split_env_args(inv.args)
    dry = output.dry_run_mode(inv)
    if inv.flag("local") and dry == "server":
        raise errors.MklError(
            "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
        )
    if not inv.flag("filename") and not res:
        raise errors.MklError(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>"
        )
    specs = [*(inv.flag("env") or []), *env_args]
    env_vars, remove = ops.parse_env(specs, cli_targets.stdin_text(inv, specs))
    selector, overwrite = inv.flag("containers") or "*", inv.flag("overwrite") is not False
    if inv.flag("local"):
        docs = cli_targets.local_docs(inv, res)
        _print_local(
            inv,
            [
                ops.edit_env(m.kind, m.obj, env_vars, remove, selector, overwrite, local=True)
                for m in docs
            ],
            "env updated",
            dry,
        )
        return
    _edit_in_cluster(
        inv,
        cli_targets.selection(inv, res),
        dry,
        "env",
        lambda found: [
            ops.edit_env(f.kind, f.obj, env_vars, remove, selector, overwrite) for f in found
        ],
    )
