"""``create configmap|secret|serviceaccount|quota|role|clusterrole|rolebinding|
clusterrolebinding`` and the kinds mkl does not simulate (job, cronjob, ...).

Each builds its object (ops/generate*.py) before the lock, then goes the way of the other
generators (cli/cmd_create.py): sent through the API server, or printed as built for
``--dry-run=client``.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.cli.cmd_create import _create_generated, _one_name
from minikube_lite.ops import create as ops
from minikube_lite.ops import generate, generate_data


def _send(inv: Invocation, obj: Obj) -> None:
    _create_generated(inv, ops.GeneratedOptions.of(inv, obj))


def _sources(inv: Invocation) -> generate_data.Sources:
    return generate_data.Sources(
        files=tuple(inv.flag("from-file") or ()),
        literals=tuple(inv.flag("from-literal") or ()),
        env_files=tuple(inv.flag("from-env-file") or ()),
    )


def configmap(inv: Invocation) -> None:
    name = _one_name(inv, "configmap")
    env = dict(inv.io.env)
    _send(
        inv,
        generate_data.configmap_object(name, _sources(inv), bool(inv.flag("append-hash")), env),
    )


def secret_generic(inv: Invocation) -> None:
    name = _one_name(inv, "secret")
    obj = generate_data.secret_object(
        name,
        str(inv.flag("type") or ""),
        _sources(inv),
        bool(inv.flag("append-hash")),
        dict(inv.io.env),
    )
    _send(inv, obj)


def serviceaccount(inv: Invocation) -> None:
    _send(inv, generate.serviceaccount_object(_one_name(inv, "serviceaccount")))


def quota(inv: Invocation) -> None:
    name = _one_name(inv, "quota")
    hard, scopes = str(inv.flag("hard") or ""), str(inv.flag("scopes") or "")
    _send(inv, generate.quota_object(name, hard, scopes))


def not_simulated(inv: Invocation) -> None:
    """``create job|cronjob|...``: kubectl's generator exists, the kind is not served here."""
    raise errors.MklError(
        f'mkl does not simulate {inv.parsed.path[-1]}s: "create {inv.parsed.path[-1]}" is not '
        "supported (see README, What differs from a real cluster)"
    )


def secret_tls(inv: Invocation) -> None:
    name = _one_name(inv, "secret")
    cert, key = str(inv.flag("cert") or ""), str(inv.flag("key") or "")
    _send(inv, generate_data.tls_object(name, cert, key, bool(inv.flag("append-hash"))))


def secret_docker_registry(inv: Invocation) -> None:
    name = _one_name(inv, "secret")
    obj = generate_data.docker_registry_object(
        name,
        str(inv.flag("docker-username") or ""),
        str(inv.flag("docker-password") or ""),
        str(inv.flag("docker-email") or ""),
        str(inv.flag("docker-server") or ""),
        tuple(inv.flag("from-file") or ()),
        bool(inv.flag("append-hash")),
    )
    _send(inv, obj)
