"""``annotate`` and ``label``: parse, then ops.meta.MetaOptions (complete, validate, run), print."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import meta, session, targets


def annotate(inv: Invocation) -> None:
    """``annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N``."""
    _run(inv, label=False)


def label(inv: Invocation) -> None:
    """``label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N``."""
    _run(inv, label=True)


def _run(inv: Invocation, *, label: bool) -> None:
    opts = meta.MetaOptions.complete(inv, inv.change_cause(), label=label)
    targets.raise_first(opts.validate())
    if opts.local:
        _local(inv, opts)
        return
    sel = cli_targets.selection(inv, list(opts.resources))
    with session.open_cluster(inv.profile) as cluster:
        lines, errs = opts.run(cluster, sel)
    for obj, msg in lines:
        if obj is None:
            inv.io.out(msg + "\n")
        else:
            output.emit(inv, obj, msg, opts.dry_run)
    targets.raise_all(errs)


def _local(inv: Invocation, opts: meta.MetaOptions) -> None:
    """``--local``: edit the ``-f`` objects and print them; the server is never contacted."""
    docs = cli_targets.local_docs(inv, [])
    errs: list[errors.MklError] = []
    for m in docs:
        try:
            obj, msg = opts.edit_local(m.obj)
        except errors.MklError as e:
            errs.append(e)
            continue
        output.emit(inv, obj, msg, opts.dry_run)
    targets.raise_all(errs)
