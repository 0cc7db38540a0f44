"""``describe TYPE [NAME_PREFIX]``: exact name first, then kubectl's name-prefix fallback.

Parse, then ops.describe.DescribeOptions (complete, validate, run), then the describers' text.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import describe as ops
from minikube_lite.ops import session, targets


def describe(inv: Invocation) -> None:
    from minikube_lite.printers.describe import describe as printer

    files = inv.flag("filename") or []
    if not inv.args and not files:
        raise errors.MklError(  # kubectl adds no "See ... -h" line here
            f'You must specify the type of resource to describe. Use "{inv.prog} api-resources" '
            "for a complete list of supported resources."
        )
    opts = ops.DescribeOptions.complete(inv, cli_targets.stdin_text(inv, files))
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster)
    chunks: list[str] = []
    for m in result.matches:
        ctx = printer.DescribeContext(**m.context)
        text = printer.describe(m.kind, m.obj, ctx, result.now)
        if m.prefix:  # DescribeMatchingResources: "%s\n" each, no separator
            chunks.append(text + "\n")
        else:  # "\n\n" between descriptions
            chunks.append(("\n\n" if chunks else "") + text)
    errs = list(result.errors)
    if not chunks and not errs:
        where = "" if result.namespace is None else f" in {result.namespace} namespace"
        inv.io.err(f"No resources found{where}.\n")
    inv.io.out("".join(chunks))
    if errs:
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)
