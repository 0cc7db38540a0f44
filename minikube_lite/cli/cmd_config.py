"""``config view|get-contexts|current-context|set-context``: parse, then ops.config's Options
(complete, validate, run), then print (one context per profile)."""

from __future__ import annotations

import os

from minikube_lite.cli.app import Invocation
from minikube_lite.ops import config, session, targets
from minikube_lite.store import persist


def view(inv: Invocation) -> None:
    if inv.args:
        raise inv.usage_error(f"unexpected arguments: [{' '.join(inv.args)}]")
    opts = config.ViewOptions.complete(inv, persist.profile_name(inv.profile))
    errs = opts.validate()
    if errs:
        raise errs[0]
    fmt = opts.output or ""
    with session.open_cluster(inv.profile) as cluster:
        if fmt.startswith("jsonpath="):
            from minikube_lite.printers.formats.jsonpath import jsonpath

            inv.io.out(jsonpath(fmt.partition("=")[2], opts.document(cluster)))
            return
        text = opts.run(cluster)
    inv.io.out(text)


def use_context(inv: Invocation) -> None:
    """``config use-context NAME``: the profile's own context is the only one."""
    if len(inv.args) != 1:  # kubectl's helpErrorf: the help on stdout, then the error
        from minikube_lite.cli import commands, helptext
        from minikube_lite.errors import MklError

        path = inv.parsed.path
        inv.io.out(helptext.render(inv.parsed.command, path, inv.prog, commands.GLOBAL_FLAGS))
        raise MklError("Unexpected args: [" + " ".join(inv.args) + "]")
    name = persist.profile_name(inv.profile)
    context = inv.args[0]
    exists = context != name and os.path.exists(persist.state_path(context))
    opts = config.UseContextOptions(name=name, context=context, exists=exists)
    targets.raise_first(opts.validate())
    inv.io.out(opts.run())


def get_contexts(inv: Invocation) -> None:
    opts = config.GetContextsOptions.complete(inv, persist.profile_name(inv.profile))
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        rows = opts.run(cluster)
    if opts.output == "name":
        inv.io.out("".join(row[0] + "\n" for row in rows))
    elif rows:
        from minikube_lite.printers import table

        inv.io.out(table.tabwrite(rows, 6, 3))
    targets.raise_all(opts.missing())


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
