"""``expose (-f FILENAME | TYPE NAME) [--port] [--target-port] [--type] [--name]``.

Parse, then ops.expose.ExposeOptions (complete, validate, run), then ``service/NAME exposed``.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session


def expose(inv: Invocation) -> None:
    from minikube_lite.cli import targets as cli_targets
    from minikube_lite.ops import expose as ops_expose
    from minikube_lite.ops import targets

    files = inv.flag("filename") or []
    docs = targets.load_docs(files, cli_targets.stdin_text(inv, files)) if files else []
    sel = targets.Selection(args=list(inv.args), docs=docs, has_files=bool(files))
    opts = ops_expose.ExposeOptions.complete(inv, inv.change_cause())
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        results, errs = opts.run(cluster, sel)
    for svc in results:
        output.emit(inv, svc, "exposed", opts.dry_run, typed=opts.dry_run == "client")
    if errs:
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)
