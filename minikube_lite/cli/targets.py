"""An Invocation's resource words, ``-f``, ``-l`` and ``--all`` into an ops.targets.Selection."""

from __future__ import annotations

import sys

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import targets

TYPE_CHECKING = False
if TYPE_CHECKING:  # read only with -f
    from minikube_lite.ops import manifests


def stdin_text(inv: Invocation, files: list[str]) -> str | None:
    """Standard input, read once (bounded), only when ``-f -`` asks for it."""
    if "-" not in files:
        return None
    from minikube_lite.ops import manifests

    return manifests.read_stream(inv.io.stdin if inv.io.stdin is not None else sys.stdin)


def selection(
    inv: Invocation, args: list[str] | None = None, *, allow_empty_selector: bool = False
) -> targets.Selection:
    """The objects the command names (resource args default to all positional words).

    Shared by commands without ``--all`` (rollout) or ``-l`` (patch): those read as unset.
    """
    files = inv.optional_flag("filename") or []
    docs = targets.load_docs(files, stdin_text(inv, files)) if files else []
    return targets.Selection(
        args=list(inv.args if args is None else args),
        docs=docs,
        has_files=bool(files),
        selector=inv.optional_flag("selector"),
        select_all=bool(inv.optional_flag("all")),
        allow_empty_selector=allow_empty_selector,
    )


def local_docs(inv: Invocation, resource_args: list[str]) -> list[manifests.Manifest]:
    """``--local``: only ``-f`` objects, never the server (builder.LocalParam)."""
    if resource_args:
        raise errors.PlainError(targets.LOCAL_RESOURCE)
    files = inv.flag("filename") or []
    if not files:
        raise errors.MklError(targets.MISSING_RESOURCE)
    return targets.load_docs(files, stdin_text(inv, files))
