"""``auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]`` and ``auth can-i --list`` (cani.go)."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import auth, session


def _warn(inv: Invocation, warnings: list[str]) -> None:
    """printers.WarningPrinter.Print (the messages already end in a newline upstream)."""
    for w in warnings:
        inv.io.err(f"Warning: {w}\n\n")


def can_i(inv: Invocation) -> None:
    """``auth can-i``: parse, then ops.auth.CanIOptions (complete, validate, run), then print."""
    opts = auth.CanIOptions.complete(inv, inv.prog)
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile, save=False) as cluster:
        result = opts.run(cluster)
    _warn(inv, list(result.warnings))
    if result.rows is not None:
        from minikube_lite.printers import table

        inv.io.out(table.tabwrite(list(result.rows), table.GET_MINWIDTH, table.GET_PADDING))
        return
    inv.io.out(result.line)
    if not result.allowed:
        raise errors.PlainError("")  # os.Exit(1), nothing on stderr


def whoami(inv: Invocation) -> None:
    """``auth whoami`` (whoami.go): the SelfSubjectReview as a table, or through ``-o``."""
    fmt = inv.flag("output")
    if fmt:
        from minikube_lite.cli import printflags

        printflags.check(fmt)
    with session.open_cluster(inv.profile, save=False) as cluster:
        review = auth.self_subject_review(cluster)
    if not fmt:
        from minikube_lite.printers import table

        rows = auth.whoami_rows(review)
        inv.io.out(table.tabwrite(rows, table.GET_MINWIDTH, table.GET_PADDING))
    elif fmt == "name":
        inv.io.out("selfsubjectreview.authentication.k8s.io/<unknown>\n")
    else:
        from minikube_lite.cli import output

        output.emit(inv, review, "", typed=True)  # JSON in the Go struct's field order
