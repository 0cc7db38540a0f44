"""``scale`` (kubectl cmd/scale/scale.go)."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import scale as ops
from minikube_lite.ops import session, targets

Obj = dict[str, Any]


def scale(inv: Invocation) -> None:
    """``scale [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)``."""
    if not inv.given("replicas"):
        raise errors.MklError('required flag(s) "replicas" not set')
    dry = output.dry_run_mode(inv)
    replicas, current = int(inv.flag("replicas")), int(inv.flag("current-replicas"))
    ops.validate(replicas, current)
    if inv.flag("all") and inv.flag("selector"):
        raise errors.MklError(
            f"found non-empty label selector \"{inv.flag('selector')}\" with previously set 'all' parameter. "
        )
    sel = cli_targets.selection(inv)
    results: list[tuple[Obj, str]] = []
    failure: errors.MklError | None = None
    with session.open_cluster(inv.profile) as cluster:
        found, missing = targets.visit(cluster, sel, inv.flag("namespace"))
        if not found:
            raise ops.no_objects(targets.aggregate(missing) if missing else None)
        for f in found:
            try:
                obj = ops.scale(cluster, f.kind, f.obj, replicas, current, inv.change_cause(), dry)
            except errors.MklError as e:
                failure = e
                break
            results.append((obj, "scaled"))
    for obj, op in results:
        output.emit(inv, obj, op, dry)
    if failure is not None:
        raise failure
    targets.raise_all(missing)
