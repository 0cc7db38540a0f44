"""``create -f``, ``apply -f`` and the ``create namespace|deployment|service`` generators."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import create as ops
from minikube_lite.ops import session, targets


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
        raise inv.usage_error(f"Unexpected args: [{' '.join(inv.args)}]")  # Go's %v of []string
    if inv.flag("edit"):
        from minikube_lite.cli import cmd_edit

        cmd_edit.create_with_edit(inv)
        return
    _from_files(inv, apply=False)


def apply(inv: Invocation) -> None:
    _from_files(inv, apply=True)


def _one_name(inv: Invocation, what: str) -> str:
    args = inv.args[: inv.parsed.dash_at] if inv.parsed.dash_at >= 0 else inv.args
    if len(args) != 1:
        raise inv.usage_error(f"exactly one NAME is required, got {len(args)}")
    return args[0]


def _create_generated(inv: Invocation, opts: ops.GeneratedOptions) -> None:
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        created = opts.run(cluster)
    output.emit(inv, created, "created", opts.dry_run, typed=opts.dry_run == "client")


def namespace(inv: Invocation) -> None:
    name = _one_name(inv, "namespace")
    _create_generated(inv, ops.GeneratedOptions.for_namespace(inv, name))


def deployment(inv: Invocation) -> None:
    name = _one_name(inv, "deployment")
    command = inv.args[inv.parsed.dash_at :] if inv.parsed.dash_at >= 0 else []
    _create_generated(inv, ops.GeneratedOptions.for_deployment(inv, name, command))


def service_clusterip(inv: Invocation) -> None:
    name = _one_name(inv, "service")
    _create_generated(inv, ops.GeneratedOptions.for_service(inv, name, "ClusterIP"))


def service_nodeport(inv: Invocation) -> None:
    name = _one_name(inv, "service")
    _create_generated(inv, ops.GeneratedOptions.for_service(inv, name, "NodePort"))


def service_loadbalancer(inv: Invocation) -> None:
    name = _one_name(inv, "service")
    _create_generated(inv, ops.GeneratedOptions.for_service(inv, name, "LoadBalancer"))


def service_externalname(inv: Invocation) -> None:
    name = _one_name(inv, "service")
    _create_generated(inv, ops.GeneratedOptions.for_service(inv, name, "ExternalName"))
