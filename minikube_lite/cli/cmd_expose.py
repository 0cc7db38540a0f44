"""``expose (-f FILENAME | TYPE NAME) [--port] [--target-port] [--type] [--name]`` -> ``service/NAME exposed``."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.cli import output
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session


def expose(inv: Invocation) -> None:
    from minikube_lite.cli import targets as cli_targets
    from minikube_lite.ops import expose as ops_expose
    from minikube_lite.ops import targets
    from minikube_lite.store import apiserver

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
    results: list[dict[str, object]] = []
    with session.open_cluster(inv.profile) as cluster:
        found, errs = targets.visit(cluster, sel, inv.flag("namespace"))
        for f in found:
            svc = ops_expose.service(f.kind, f.obj, req)
            cause = inv.change_cause()
            if cause:
                o.set_annotation(svc, o.CHANGE_CAUSE_ANNOTATION, cause)
            if dry == "client":  # never sent: no defaults, no clusterIP (namespace only with -n)
                if not inv.flag("namespace"):
                    svc["metadata"].pop("namespace", None)
                results.append(svc)
            else:
                results.append(apiserver.create(cluster, "Service", svc, dry_run=dry == "server"))
    for svc in results:
        output.emit(inv, svc, "exposed", dry)
    if errs:
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)
