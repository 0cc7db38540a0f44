"""``create configmap|secret|serviceaccount|quota|role|clusterrole|rolebinding|
clusterrolebinding|job`` and the kinds mkl does not simulate (cronjob, ingress, ...).

Each builds its object (ops/generate*.py) before the lock, then goes the way of the other
generators (cli/cmd_create.py): sent through the API server, or printed as built for
``--dry-run=client``.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.cli.cmd_create import _create_generated, _one_name
from minikube_lite.ops import create as ops
from minikube_lite.ops import generate, generate_data, generate_rbac, resources, session


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


def job(inv: Invocation) -> None:
    """``create job NAME --image=IMG -- [COMMAND] [args...]`` (ops/generate.py job_object)."""
    name = _one_name(inv, "job")
    command = inv.args[inv.parsed.dash_at :] if inv.parsed.dash_at >= 0 else []
    image, from_ = str(inv.flag("image") or ""), str(inv.flag("from") or "")
    generate.job_checks(image, command, from_)
    if not from_:
        _send(inv, generate.job_object(name, image, command))
        return
    kind, _, source = from_.partition("/")
    k = resources.kind_of(kind)
    if k.kind != "CronJob" or not source:
        raise errors.MklError(f"unknown object type *v1.{k.kind}")
    with session.open_cluster(inv.profile) as cluster:
        ns = resources.current_namespace(cluster, inv.flag("namespace"))
        cj = o.deepcopy(resources.get_one(cluster, k, ns, source))
    _send(inv, generate.job_from_cronjob(name, cj))


def pdb(inv: Invocation) -> None:
    """``create pdb NAME --selector=SEL --min-available=N|--max-unavailable=N``."""
    name = _one_name(inv, "poddisruptionbudget")
    obj = generate.pdb_object(
        name,
        str(inv.flag("selector") or ""),
        str(inv.flag("min-available") or ""),
        str(inv.flag("max-unavailable") or ""),
    )
    _send(inv, obj)


def ingress(inv: Invocation) -> None:
    """``create ingress NAME --rule=host/path=svc:port[,tls[=secret]] ...``."""
    from minikube_lite.ops import generate_ingress

    name = _one_name(inv, "ingress")
    obj = generate_ingress.ingress_object(
        name,
        str(inv.flag("class") or ""),
        _list(inv, "rule"),
        _list(inv, "annotation"),
        str(inv.flag("default-backend") or ""),
    )
    _send(inv, obj)


def priorityclass(inv: Invocation) -> None:
    """``create priorityclass NAME --value=N [--global-default] [--description=...]
    [--preemption-policy=...]``; --value is an int32 flag."""
    name = _one_name(inv, "priorityclass")
    value = int(inv.flag("value") or 0)
    if not -(2**31) <= value < 2**31:
        raw = str(value)  # (as typed when written in decimal)
        raise errors.UsageError(
            f'invalid argument "{raw}" for "--value" flag: strconv.ParseInt: parsing "{raw}": '
            "value out of range",
            inv.command_path,
            flag_error=True,
        )
    obj = generate.priorityclass_object(
        name,
        value,
        bool(inv.flag("global-default")),
        str(inv.flag("description") or ""),
        str(inv.flag("preemption-policy") or ""),
    )
    _send(inv, obj)


def cronjob(inv: Invocation) -> None:
    """``create cronjob NAME --image=IMG --schedule='*/1 * * * *' -- [COMMAND] [args...]``."""
    name = _one_name(inv, "cronjob")
    command = inv.args[inv.parsed.dash_at :] if inv.parsed.dash_at >= 0 else []
    obj = generate.cronjob_object(
        name,
        str(inv.flag("image") or ""),
        str(inv.flag("schedule") or ""),
        str(inv.flag("restart") or ""),
        command,
    )
    _send(inv, obj)


_UNSIMULATED = {
    "token": ("token", "service account tokens"),
}


def not_simulated(inv: Invocation) -> None:
    """``create cronjob|ingress|pdb|priorityclass|token``: kubectl's generator exists, the
    kind is not served here."""
    word, kinds = _UNSIMULATED.get(inv.parsed.path[-1], (inv.parsed.path[-1], "them"))
    raise errors.MklError(
        f'"create {word}" is not supported: mkl does not simulate {kinds} (the README\'s '
        '"What differs from a real cluster" '
        "lists what is not simulated)"
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


def _list(inv: Invocation, name: str) -> list[str]:
    return [str(x) for x in inv.flag(name) or ()]


def role(inv: Invocation) -> None:
    name = _one_name(inv, "role")
    verbs = _list(inv, "verb")
    for w in generate_rbac.verb_warnings(generate_rbac.parse_verbs(verbs)):
        inv.io.err(w)  # CreateRoleOptions.Validate warns before it checks the resources
    obj = generate_rbac.role_object(
        name, verbs, _list(inv, "resource"), _list(inv, "resource-name")
    )
    _send(inv, obj)


def clusterrole(inv: Invocation) -> None:
    name = _one_name(inv, "clusterrole")
    verbs, resources = _list(inv, "verb"), _list(inv, "resource")
    aggregation = _map_flag(inv, "aggregation-rule")
    if resources and not aggregation and verbs:
        for w in generate_rbac.verb_warnings(generate_rbac.parse_verbs(verbs)):
            inv.io.err(w)
    obj = generate_rbac.clusterrole_object(
        name,
        verbs,
        resources,
        _list(inv, "resource-name"),
        _list(inv, "non-resource-url"),
        aggregation,
    )
    _send(inv, obj)


def _map_flag(inv: Invocation, flag: str) -> dict[str, str]:
    """cliflag.MapStringString: ``k=v,k2=v2``, repeatable."""
    out: dict[str, str] = {}
    for text in _list(inv, flag):
        for pair in text.split(","):
            key, eq, value = pair.partition("=")
            if not eq:
                raise errors.UsageError(
                    f'invalid argument "{text}" for "--{flag}" flag: malformed pair, expect '
                    "string=string",
                    inv.command_path,
                    flag_error=True,
                )
            out[key.strip()] = value.strip()
    return out


def _subjects(inv: Invocation) -> list[Obj]:
    return generate_rbac.subjects(
        _list(inv, "user"), _list(inv, "group"), _list(inv, "serviceaccount")
    )


def rolebinding(inv: Invocation) -> None:
    name = _one_name(inv, "rolebinding")
    role_name, cluster_role = str(inv.flag("role") or ""), str(inv.flag("clusterrole") or "")
    if bool(role_name) == bool(cluster_role):
        raise errors.MklError("exactly one of clusterrole or role must be specified")
    kind, ref = ("Role", role_name) if role_name else ("ClusterRole", cluster_role)
    _send(inv, generate_rbac.binding_object("RoleBinding", name, kind, ref, _subjects(inv)))


def clusterrolebinding(inv: Invocation) -> None:
    name = _one_name(inv, "clusterrolebinding")
    if not inv.given("clusterrole"):
        raise errors.MklError('required flag(s) "clusterrole" not set')
    ref = str(inv.flag("clusterrole") or "")
    obj = generate_rbac.binding_object(
        "ClusterRoleBinding", name, "ClusterRole", ref, _subjects(inv)
    )
    _send(inv, obj)
