"""``create -f``, ``apply -f`` and the ``create namespace|deployment|service`` generators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import create as ops
from minikube_lite.ops import manifests, session


def _read(inv: Invocation) -> list[tuple[str, list[dict[str, Any]]]]:
    files = inv.flag("filename") or []
    return manifests.read(files, cli_targets.stdin_text(inv, files))


def _each_manifest(
    inv: Invocation, one: Callable[[Any, Any, str], tuple[dict[str, Any], str, str | None]]
) -> None:
    """The ``-f`` loop of create/apply: ``one(cluster, manifest, dry)`` gives (object, operation,
    warning) for each manifest; errors are collected and raised at the end.  Nothing is printed
    before the state is saved: a failed save shows no success line."""
    if not inv.flag("filename"):
        raise errors.MklError("must specify one of -f and -k")
    dry = output.dry_run_mode(inv)
    docs = _read(inv)
    errs: list[errors.MklError] = []
    results: list[tuple[dict[str, Any], str, str | None]] = []
    with session.open_cluster(inv.profile) as cluster:
        for source, objs in docs:
            for raw in objs:
                try:
                    m = manifests.resolve(source, raw)
                    results.append(one(cluster, m, dry))
                except errors.MklError as e:
                    errs.append(e)
    for obj, op, warning in results:
        if warning:
            inv.io.err(warning)
        output.emit(inv, obj, op, dry)
    _raise(errs)


def create(inv: Invocation) -> None:
    if inv.args:
        raise inv.usage_error(f"Unexpected args: {inv.args}")

    def one(cluster: Any, m: Any, dry: str) -> tuple[dict[str, Any], str, str | None]:
        obj = ops.create_one(
            cluster,
            m,
            inv.flag("namespace"),
            cause=inv.change_cause(),
            save_config=bool(inv.flag("save-config")),
            dry_run=dry,
            validate=inv.flag("validate") or "strict",
        )
        return obj, "created", None

    _each_manifest(inv, one)


def _raise(errs: list[errors.MklError]) -> None:
    if len(errs) == 1:
        raise errs[0]
    if errs:
        raise errors.AggregateError(errs)


def apply(inv: Invocation) -> None:
    _each_manifest(
        inv,
        lambda cluster, m, dry: ops.apply_one(
            cluster, m, inv.flag("namespace"), cause=inv.change_cause(), dry_run=dry
        ),
    )


def _one_name(inv: Invocation, what: str) -> str:
    args = inv.args[: inv.parsed.dash_at] if inv.parsed.dash_at >= 0 else inv.args
    if len(args) != 1:
        raise inv.usage_error(f"exactly one NAME is required, got {len(args)}")
    return args[0]


def _create_generated(inv: Invocation, kind: str, obj: dict[str, Any]) -> None:
    from minikube_lite.api import kinds
    from minikube_lite.ops.manifests import Manifest

    dry = output.dry_run_mode(inv)
    with session.open_cluster(inv.profile) as cluster:
        created = ops.generated(
            cluster, Manifest("", obj, kinds.KINDS[kind]), inv.flag("namespace"), dry
        )
    output.emit(inv, created, "created", dry)


def namespace(inv: Invocation) -> None:
    name = _one_name(inv, "namespace")
    _create_generated(inv, "Namespace", ops.namespace_object(name))


def deployment(inv: Invocation) -> None:
    name = _one_name(inv, "deployment")
    images = inv.flag("image") or []
    if not images:
        raise errors.MklError('required flag(s) "image" not set')
    command = inv.args[inv.parsed.dash_at :] if inv.parsed.dash_at >= 0 else []
    if command and len(images) > 1:
        raise errors.MklError("cannot specify multiple --image options and command")
    replicas = inv.flag("replicas")
    _create_generated(
        inv,
        "Deployment",
        ops.deployment_object(
            name, images, replicas if replicas is not None else 1, inv.flag("port"), command
        ),
    )


def service_clusterip(inv: Invocation) -> None:
    name = _one_name(inv, "service")
    tcp = inv.flag("tcp") or []
    cip = inv.flag("clusterip")
    if not tcp and cip != "None":
        raise errors.MklError("at least one tcp port specifier must be provided")
    _create_generated(inv, "Service", ops.service_object(name, "ClusterIP", tcp, cip, 0))


def service_nodeport(inv: Invocation) -> None:
    name = _one_name(inv, "service")
    tcp = inv.flag("tcp") or []
    if not tcp:
        raise errors.MklError("at least one tcp port specifier must be provided")
    _create_generated(
        inv, "Service", ops.service_object(name, "NodePort", tcp, None, inv.flag("node-port") or 0)
    )
