"""``autoscale (-f FILENAME | TYPE NAME) [--min=N] --max=M [--cpu=CPU] [--memory=MEMORY]``.

Parse, then ops.autoscale.AutoscaleOptions (complete, validate, run), then
``horizontalpodautoscaler.autoscaling/NAME autoscaled``.
"""

from __future__ import annotations

from minikube_lite.cli import output
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session

CPU_PERCENT_DEPRECATED = (
    "Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity "
    "format (e.g., '70%' for utilization or '500m' for milliCPU).\n"
)


def autoscale(inv: Invocation) -> None:
    from minikube_lite.cli import targets as cli_targets
    from minikube_lite.ops import autoscale as ops_autoscale
    from minikube_lite.ops import targets

    if inv.given("cpu-percent"):  # pflag's MarkDeprecated, printed when the flag is parsed
        inv.io.err(CPU_PERCENT_DEPRECATED)
    files = inv.flag("filename") or []
    docs = targets.load_docs(files, cli_targets.stdin_text(inv, files)) if files else []
    sel = targets.Selection(args=list(inv.args), docs=docs, has_files=bool(files))
    opts = ops_autoscale.AutoscaleOptions.complete(inv, inv.change_cause())
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        results = opts.run(cluster, sel)
    for hpa in results:
        op = "created" if opts.dry_run == "client" else "autoscaled"
        output.emit(inv, hpa, op, opts.dry_run, typed=opts.dry_run == "client")
