"""``set image`` and ``set env`` (kubectl cmd/set/set_image.go, set_env.go)."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session, targets
from minikube_lite.ops import set_image as ops

Obj = dict[str, Any]


def image(inv: Invocation) -> None:
    """``set image (TYPE NAME | TYPE/NAME | -f FILE) CONTAINER=IMAGE ...``."""
    opts = ops.SetImageOptions.complete(inv, inv.change_cause())
    output.warn_dry_run(inv, opts.dry_run_warning)
    if opts.local:
        edits = opts.edit_local(cli_targets.local_docs(inv, list(opts.resources)))
        _print_local(inv, edits, "image updated", opts.dry_run)
        return
    sel = cli_targets.selection(inv, list(opts.resources))
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, sel)
    _print_edits(inv, result, opts.dry_run)


def _print_edits(inv: Invocation, result: ops.EditResult, dry: str) -> None:
    """Warnings, then a line per object written, then the errors."""
    for w in result.warnings:
        inv.io.err(w)
    for obj, op in result.written:
        output.emit(inv, obj, op, dry)
    targets.raise_all(list(result.errors))


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
    sel = cli_targets.selection(inv, res)
    with session.open_cluster(inv.profile) as cluster:
        found, missing = targets.visit(cluster, sel, inv.flag("namespace"))
        targets.raise_all(missing)
        edits = [ops.edit_env(f.kind, f.obj, env_vars, remove, selector, overwrite) for f in found]
        result = ops.apply_edits(cluster, edits, dry, "env")
    _print_edits(inv, result, dry)
