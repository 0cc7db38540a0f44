"""``replace -f FILENAME [--force]``: ops.replace.ReplaceOptions, then kubectl's lines."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session
from minikube_lite.ops.replace import ReplaceOptions


def replace(inv: Invocation) -> None:
    if inv.args:
        raise inv.usage_error(f"Unexpected args: [{' '.join(inv.args)}]")
    files = inv.flag("filename") or []
    stdin = cli_targets.stdin_text(inv, files)
    opts = ReplaceOptions.complete(inv, inv.change_cause(), stdin, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    sources = opts.read()
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, sources)
    for obj in result.deleted:
        k = kinds.KINDS.get(obj.get("kind", ""))
        prefix = k.name_prefix if k else str(obj.get("kind", "")).lower()
        where = f" from {o.namespace(obj)} namespace" if k and k.namespaced else ""
        inv.io.out(f'{prefix} "{o.name(obj)}" deleted{where}\n')  # as kubectl 1.37's delete
    for obj in result.replaced:
        output.emit(inv, obj, "replaced", opts.dry_run)
    if len(result.errors) == 1:
        raise result.errors[0]
    if result.errors:
        raise errors.AggregateError(list(result.errors))
