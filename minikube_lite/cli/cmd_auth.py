"""``auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]`` and ``auth can-i --list`` (cani.go)."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import resources, session


def _warn(inv: Invocation, warnings: list[str]) -> None:
    """printers.WarningPrinter.Print (the messages already end in a newline upstream)."""
    for w in warnings:
        inv.io.err(f"Warning: {w}\n\n")


def _validate(inv: Invocation) -> None:
    """Complete/Validate's argument errors."""
    if inv.flag("list"):
        if inv.args:
            raise errors.MklError("list option must be specified with no arguments")
        if inv.flag("quiet") or inv.flag("all-namespaces") or inv.flag("subresource"):
            raise errors.MklError(
                "list option can't be specified with neither quiet, all-namespaces nor subresource options"
            )
        return
    if len(inv.args) != 2:
        raise errors.MklError(
            "you must specify two arguments: verb resource or verb resource/resourceName.\n"
            f"See '{inv.prog} auth can-i -h' for help and examples."
        )
    if inv.flag("no-headers"):
        raise errors.MklError("--no-headers cannot be set without --list specified")


def can_i(inv: Invocation) -> None:
    from minikube_lite.ops import auth

    _validate(inv)
    with session.open_cluster(inv.profile, save=False) as cluster:
        ns = (
            ""
            if inv.flag("all-namespaces")
            else resources.current_namespace(cluster, inv.flag("namespace"))
        )
        if inv.flag("list"):
            rows, warnings = auth.access_list(cluster, ns)
        else:
            answer = auth.can_i(
                cluster, inv.args[0], inv.args[1], ns, inv.flag("subresource") or ""
            )
    if inv.flag("list"):
        from minikube_lite.printers import table

        _warn(inv, warnings)
        lines = rows if inv.flag("no-headers") else [auth.HEADERS, *rows]
        inv.io.out(table.tabwrite(lines, table.GET_MINWIDTH, table.GET_PADDING))
        return
    _warn(inv, answer.warnings)
    if not inv.flag("quiet"):
        inv.io.out(
            "yes\n"
            if answer.allowed
            else "no" + (f" - {answer.reason}" if answer.reason else "") + "\n"
        )
    if not answer.allowed:
        raise errors.PlainError("")  # os.Exit(1), nothing on stderr
