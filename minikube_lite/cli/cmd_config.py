"""``config view|get-contexts|current-context|set-context``: parse, then ops.config's Options
(complete, validate, run), then print (one context per profile)."""

from __future__ import annotations

from minikube_lite.cli.app import Invocation
from minikube_lite.ops import config, session
from minikube_lite.store import persist


def view(inv: Invocation) -> None:
    opts = config.ViewOptions.complete(inv, persist.profile_name(inv.profile))
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        text = opts.run(cluster)
    inv.io.out(text)


def get_contexts(inv: Invocation) -> None:
    opts = config.GetContextsOptions.complete(inv, persist.profile_name(inv.profile))
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        rows = opts.run(cluster)
    if opts.output == "name":
        inv.io.out(rows[0][0] + "\n")
        return
    from minikube_lite.printers import table

    inv.io.out(table.tabwrite(rows, 6, 3))


def current_context(inv: Invocation) -> None:
    inv.io.out(persist.profile_name(inv.profile) + "\n")


def set_context(inv: Invocation) -> None:
    opts = config.SetContextOptions.complete(inv, persist.profile_name(inv.profile))
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        line = opts.run(cluster)
    inv.io.out(line)
