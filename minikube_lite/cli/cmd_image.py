"""``mkl image ls|add|rm``: the fake registry (minikube-lite only)."""

from __future__ import annotations

import json

from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import images as ops
from minikube_lite.ops import session


def _size(n: int) -> str:
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= div:
            return f"{n / div:.1f}{unit}"
    return f"{n}B"


def ls(inv: Invocation) -> None:
    """``image ls``: parse, then ops.images.ImageListOptions (complete, validate, run), print."""
    from minikube_lite.printers import table

    opts = ops.ImageListOptions.complete(inv)
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        rows = opts.run(cluster)
    if opts.output == "json":
        inv.io.out(json.dumps(rows, indent=2) + "\n")
        return
    if opts.output == "name":
        inv.io.out("".join(r["image"] + "\n" for r in rows))
        return
    if not rows:
        inv.io.err("No images found.\n")
        return
    if not opts.patterns:  # the whole registry: one row per repository
        groups = [["IMAGE", "TAGS", "SERVES", "ON NODE", "SOURCE"]]
        groups += [
            [g["image"], g["tags"], g["serves"], g["cached"] or "-", g["source"]]
            for g in ops.summary(rows)
        ]
        inv.io.out(table.tabwrite(groups, 6, 3))
        return
    lines = [["IMAGE", "SIZE", "SERVES", "ON NODE", "SOURCE"]]
    lines += [
        [r["image"], _size(r["size"]), r["serves"], "yes" if r["cached"] else "no", r["source"]]
        for r in rows
    ]
    inv.io.out(table.tabwrite(lines, 6, 3))


def add(inv: Invocation) -> None:
    """``image add``: parse, then ops.images.ImageAddOptions (complete, validate, run), print."""
    opts = ops.ImageAddOptions.complete(inv, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    stdin = cli_targets.stdin_text(inv, [opts.from_file]) if opts.from_file else None
    with session.open_cluster(inv.profile) as cluster:
        full = opts.run(cluster, stdin)
    inv.io.out(f'image "{full}" added\n')


def rm(inv: Invocation) -> None:
    """``image rm``: parse, then ops.images.ImageRemoveOptions (complete, validate, run), print."""
    opts = ops.ImageRemoveOptions.complete(inv, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        full = opts.run(cluster)
    inv.io.out(f'image "{full}" removed\n')
