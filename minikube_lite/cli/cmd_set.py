"""``set image``, ``set env``, ``set resources``, ``set serviceaccount`` (kubectl cmd/set/)."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session, set_pod, targets
from minikube_lite.ops import set_image as ops


def image(inv: Invocation) -> None:
    """``set image (TYPE NAME | TYPE/NAME | -f FILE) CONTAINER=IMAGE ...``."""
    opts = ops.SetImageOptions.complete(inv, inv.change_cause())
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
            output.emit(inv, ops.typed_roundtrip(edit.kind, edit.after), op, dry, typed=True)
    targets.raise_all(errs)


def env(inv: Invocation) -> None:
    """``set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N`` (no --list/--from in mkl)."""
    opts = ops.SetEnvOptions.complete(inv, lambda specs: cli_targets.stdin_text(inv, specs))
    if opts.local:
        edits = opts.edit_local(cli_targets.local_docs(inv, list(opts.resources)))
        _print_local(inv, edits, "env updated", opts.dry_run)
        return
    sel = cli_targets.selection(inv, list(opts.resources))
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, sel)
    _print_edits(inv, result, opts.dry_run)


def selector(inv: Invocation) -> None:
    """``set selector (-f FILE | TYPE NAME) EXPRESSIONS [--resource-version=V]``."""
    from minikube_lite.ops import set_selector

    opts = set_selector.SetSelectorOptions.complete(inv, inv.change_cause())
    if opts.local:
        result = opts.edit_local(cli_targets.local_docs(inv, list(opts.resources)))
    else:
        sel = cli_targets.selection(inv, list(opts.resources))
        with session.open_cluster(inv.profile) as cluster:
            result = opts.run(cluster, sel)
    for obj in result.written:
        output.emit(inv, obj, set_selector.OP, opts.dry_run)
    targets.raise_all(list(result.errors))


def _set_pod(inv: Invocation, opts: set_pod.SetPodOptions) -> None:
    """set resources|serviceaccount: ``--local`` edits the files' objects and prints them."""
    if opts.local:
        errs: list[errors.MklError] = []
        for edit in opts.edit_local(cli_targets.local_docs(inv, list(opts.resources))):
            errs.extend(edit.errors)
            if not edit.errors and (edit.changed or opts.what == "serviceaccount"):
                obj = ops.typed_roundtrip(edit.kind, edit.after)
                output.emit(inv, obj, set_pod.OPERATIONS[opts.what], opts.dry_run, typed=True)
        targets.raise_all(errs)
        return
    sel = cli_targets.selection(inv, list(opts.resources))
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, sel)
    _print_edits(inv, result, opts.dry_run)


def resources(inv: Invocation) -> None:
    """``set resources (-f FILENAME | TYPE NAME) --limits=... --requests=... [-c NAME]``."""
    _set_pod(inv, set_pod.SetPodOptions.for_resources(inv, inv.change_cause()))


def serviceaccount(inv: Invocation) -> None:
    """``set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT``."""
    _set_pod(inv, set_pod.SetPodOptions.for_serviceaccount(inv, inv.change_cause()))
