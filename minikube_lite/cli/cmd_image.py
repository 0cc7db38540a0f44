"""``mkl image ls|add|rm``: the fake registry (minikube-lite only)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from minikube_lite import errors
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import images as ops
from minikube_lite.ops import session

if TYPE_CHECKING:
    from typing import Any


def _size(n: int) -> str:
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= div:
            return f"{n / div:.1f}{unit}"
    return f"{n}B"


def ls(inv: Invocation) -> None:
    from minikube_lite.printers import table

    with session.open_cluster(inv.profile) as cluster:
        rows = ops.listing(cluster)
    if inv.flag("output") == "json":
        inv.io.out(json.dumps(rows, indent=2) + "\n")
        return
    if inv.flag("output") == "name":
        inv.io.out("".join(r["image"] + "\n" for r in rows))
        return
    lines = [["IMAGE", "SIZE", "SERVES", "ON NODE", "SOURCE"]]
    lines += [
        [r["image"], _size(r["size"]), r["serves"], "yes" if r["cached"] else "no", r["source"]]
        for r in rows
    ]
    inv.io.out(table.tabwrite(lines, 6, 3))


def _profile(inv: Invocation) -> dict[str, Any]:
    if inv.flag("from-file"):
        from minikube_lite.ops import manifests

        path = inv.flag("from-file")
        docs = manifests.read([path], cli_targets.stdin_text(inv, [path]))
        objs = [d for _, ds in docs for d in ds]
        if len(objs) != 1:
            raise errors.MklError(f"{path}: expected one profile document, found {len(objs)}")
        return objs[0]
    prof: dict[str, Any] = {}
    if inv.flag("http-port") is not None:
        body = (
            inv.flag("body") if inv.flag("body") is not None else "Hello from {tag} on {hostname}\n"
        )
        if not body.endswith("\n"):
            body += "\n"
        prof["http"] = {
            "port": inv.flag("http-port"),
            "routes": {inv.flag("path") or "/": {"status": 200, "body": body}},
        }
    for flag, key, conv in (
        ("startup-seconds", "startupSeconds", float),
        ("exit-after", "exitAfter", float),
        ("exit-code", "exitCode", int),
        ("size", "size", int),
    ):
        if inv.flag(flag) is not None:
            prof[key] = conv(inv.flag(flag))
    if inv.flag("require-env"):
        prof["requiredEnv"] = list(inv.flag("require-env"))
    if inv.flag("shell"):
        prof["shell"] = True
    return prof


def add(inv: Invocation) -> None:
    if len(inv.args) != 1:
        raise inv.usage_error("exactly one IMAGE reference is required")
    with session.open_cluster(inv.profile) as cluster:
        full = ops.add(cluster, inv.args[0], _profile(inv))
    inv.io.out(f'image "{full}" added\n')


def rm(inv: Invocation) -> None:
    if len(inv.args) != 1:
        raise inv.usage_error("exactly one IMAGE reference is required")
    with session.open_cluster(inv.profile) as cluster:
        full = ops.remove(cluster, inv.args[0])
    inv.io.out(f'image "{full}" removed\n')
