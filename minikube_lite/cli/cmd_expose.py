"""``expose (-f FILENAME | TYPE NAME) [--port] [--target-port] [--type] [--name]`` -> ``service/NAME exposed``."""

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
    dry = output.dry_run_mode(inv)
    req = ops_expose.Request(
        *(
            str(inv.flag(f) or "")
            for f in (
                "port",
                "target-port",
                "type",
                "name",
                "protocol",
                "selector",
                "labels",
                "cluster-ip",
                "external-ip",
                "session-affinity",
            )
        )
    )
    with session.open_cluster(inv.profile) as cluster:
        found, errs = targets.visit(cluster, sel, inv.flag("namespace"))
        results = ops_expose.run(
            cluster, found, req, inv.change_cause(), dry, inv.flag("namespace")
        )
    for svc in results:
        output.emit(inv, svc, "exposed", dry)
    if errs:
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)
