"""``scale``: parse, then ops.scale.ScaleOptions (complete, validate, run), then print."""

from __future__ import annotations

from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import scale as ops
from minikube_lite.ops import session, targets


def scale(inv: Invocation) -> None:
    """``scale [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)``."""
    opts = ops.ScaleOptions.complete(inv, inv.change_cause())
    errs = opts.validate()
    if errs:
        raise errs[0]
    sel = cli_targets.selection(inv)
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, sel)
    for obj in result.scaled:
        output.emit(inv, obj, "scaled", opts.dry_run)
    if result.failure is not None:
        raise result.failure
    targets.raise_all(list(result.missing))
