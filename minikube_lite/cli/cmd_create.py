"""``create -f``, ``apply -f`` and the ``create namespace|deployment|service`` generators."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import create as ops
from minikube_lite.ops import session


def _from_files(inv: Invocation, *, apply: bool) -> None:
    """The ``-f`` path of create/apply.  Nothing is printed before the state is saved: a failed
    save shows no success line."""
    files = inv.flag("filename") or []
    stdin = cli_targets.stdin_text(inv, files)
    opts = ops.FileOptions.complete(inv, inv.change_cause(), stdin, apply=apply)
    sources = opts.read()
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, sources)
    for obj, op, warning in result.done:
        if warning:
            inv.io.err(warning)
        output.emit(inv, obj, op, opts.dry_run)
    errs = list(result.errors)
    if len(errs) == 1:
        raise errs[0]
    if errs:
        raise errors.AggregateError(errs)


def create(inv: Invocation) -> None:
    if inv.args:
        raise inv.usage_error(f"Unexpected args: {inv.args}")
    _from_files(inv, apply=False)


def apply(inv: Invocation) -> None:
    _from_files(inv, apply=True)


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
