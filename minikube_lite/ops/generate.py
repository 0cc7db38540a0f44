"""The objects ``kubectl create NAME ...`` builds before sending them (cmd/create/create_*.go).

Pure builders: each returns the object as kubectl's generator builds it, its fields inserted in
the Go struct's order (``-o json`` of a client dry run prints them in that order; maps such as
labels and data are inserted sorted, as encoding/json prints maps).  Nothing here reads a cluster.
"""

from __future__ import annotations

import re

from minikube_lite import errors
from minikube_lite.api import names
from minikube_lite.api.objects import Obj
from minikube_lite.api.quantity import QuantityError, parse_quantity


def meta(name: str, labels: dict[str, str] | None = None) -> Obj:
    """ObjectMeta in struct order (name, namespace, labels, annotations); the namespace is set
    later, by :func:`with_namespace`, only when ``-n`` gave one."""
    md: Obj = {"name": name}
    if labels:
        md["labels"] = dict(sorted(labels.items()))
    return md


def with_namespace(obj: Obj, namespace: str) -> Obj:
    """The object with ``metadata.namespace`` at its struct position (after the name)."""
    old = obj.get("metadata", {})
    md: Obj = {"name": old.get("name", ""), "namespace": namespace}
    md.update((k, v) for k, v in old.items() if k not in md)
    return {k: (md if k == "metadata" else v) for k, v in obj.items()}


def with_annotation(obj: Obj, key: str, value: str) -> Obj:
    """The object with one more annotation, ``annotations`` at its struct position (after
    the labels), keys sorted as Go prints a map."""
    old = obj.get("metadata", {})
    notes = dict(sorted({**(old.get("annotations") or {}), key: value}.items()))
    md: Obj = {k: old[k] for k in ("name", "namespace", "labels") if k in old}
    md["annotations"] = notes
    md.update((k, v) for k, v in old.items() if k not in md)
    return {k: (md if k == "metadata" else v) for k, v in obj.items()}


def typed_json(obj: Obj) -> str:
    """json.Marshal of a typed object: compact, fields in the order built, HTML-safe."""
    import json

    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def save_config(obj: Obj) -> Obj:
    """util.CreateOrUpdateAnnotation for ``--save-config``: the object's own JSON (as built, with
    its namespace) in the last-applied annotation."""
    from minikube_lite.api.objects import LAST_APPLIED_ANNOTATION

    return with_annotation(obj, LAST_APPLIED_ANNOTATION, typed_json(obj) + "\n")


def typed(kind: str, api_version: str, metadata: Obj, **fields: object) -> Obj:
    """TypeMeta first (kind, apiVersion), then metadata, then the kind's fields in order."""
    return {"kind": kind, "apiVersion": api_version, "metadata": metadata, **fields}


def namespace_object(name: str) -> Obj:
    """create_namespace.go."""
    return typed("Namespace", "v1", meta(name), spec={}, status={})


def container_name(image: str) -> str:
    """create_deployment.go buildPodSpec: the image's last path element without tag or digest;
    sanitizeAndUniquify turns ``_`` and ``.`` into ``-`` and adds a random suffix (here drawn
    from a generator seeded by the name, so the same command prints the same name)."""
    name = image.split("/")[-1].split(":")[0].split("@")[0]
    if "_" not in name and "." not in name:
        return name
    from zlib import crc32

    from minikube_lite.ids import Rng

    suffix = Rng(crc32(name.encode())).suffix()
    return f"{name.replace('_', '-').replace('.', '-')}-{suffix}"


def deployment_object(
    name: str, images: list[str], replicas: int, port: int, command: list[str]
) -> Obj:
    """create_deployment.go createDeployment: ``--port`` and the command go to the first
    container only."""
    containers: list[Obj] = []
    for i, img in enumerate(images):
        c: Obj = {"name": container_name(img), "image": img}
        if i == 0 and command:
            c["command"] = list(command)
        if i == 0 and port >= 0:
            c["ports"] = [{"containerPort": port}]
        c["resources"] = {}
        containers.append(c)
    labels = {"app": name}
    spec: Obj = {
        "replicas": replicas,
        "selector": {"matchLabels": dict(labels)},
        "template": {"metadata": {"labels": dict(labels)}, "spec": {"containers": containers}},
        "strategy": {},
    }
    return typed("Deployment", "apps/v1", meta(name, labels), spec=spec, status={})


def job_checks(image: str, command: list[str], from_: str) -> None:
    """create_job.go Validate: exactly one of ``--image`` and ``--from``; no command with
    ``--from``."""
    if bool(image) == bool(from_):
        raise errors.MklError("either --image or --from must be specified")
    if command and from_:
        raise errors.MklError("cannot specify --from and command")


def job_object(name: str, image: str, command: list[str]) -> Obj:
    """create_job.go createJob: one container named after the Job, restartPolicy Never."""
    c: Obj = {"name": name, "image": image}
    if command:
        c["command"] = list(command)
    c["resources"] = {}
    pod_spec: Obj = {"containers": [c], "restartPolicy": "Never"}
    spec: Obj = {"template": {"metadata": {}, "spec": pod_spec}}
    return typed("Job", "batch/v1", meta(name), spec=spec, status={})


def job_from_cronjob(name: str, cj: Obj) -> Obj:
    """create_job.go createJobFromCronJob: the template's labels and spec, the
    ``cronjob.kubernetes.io/instantiate: manual`` annotation (then the template's), and the
    CronJob as controller (without blockOwnerDeletion)."""
    jt = (cj.get("spec") or {}).get("jobTemplate") or {}
    jmeta = jt.get("metadata") or {}
    annotations = {
        "cronjob.kubernetes.io/instantiate": "manual",
        **(jmeta.get("annotations") or {}),
    }
    md: Obj = {"name": name}
    if jmeta.get("labels"):
        md["labels"] = dict(sorted(jmeta["labels"].items()))
    md["annotations"] = dict(sorted(annotations.items()))
    cmeta = cj.get("metadata") or {}
    md["ownerReferences"] = [
        {
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "name": cmeta.get("name", ""),
            "uid": cmeta.get("uid", ""),
            "controller": True,
        }
    ]
    spec = json_copy(jt.get("spec") or {})
    return typed("Job", "batch/v1", md, spec=spec, status={})


def json_copy(v: Obj) -> Obj:
    import json

    out: Obj = json.loads(json.dumps(v))
    return out


def cronjob_object(name: str, image: str, schedule: str, restart: str, command: list[str]) -> Obj:
    """create_cronjob.go: ``--image`` and ``--schedule`` are required; createCronJob: one
    container named after the CronJob, restartPolicy OnFailure unless ``--restart``."""
    missing = [f'"{f}"' for f, v in (("image", image), ("schedule", schedule)) if not v]
    if missing:
        raise errors.MklError(f"required flag(s) {', '.join(missing)} not set")
    c: Obj = {"name": name, "image": image}
    if command:
        c["command"] = list(command)
    c["resources"] = {}
    pod_spec: Obj = {"containers": [c], "restartPolicy": restart or "OnFailure"}
    job_spec: Obj = {"template": {"metadata": {}, "spec": pod_spec}}
    spec: Obj = {
        "schedule": schedule,
        "jobTemplate": {"metadata": {"name": name}, "spec": job_spec},
    }
    return typed("CronJob", "batch/v1", meta(name), spec=spec, status={})


def pdb_object(name: str, selector: str, min_available: str, max_unavailable: str) -> Obj:
    """create_pdb.go Validate (a selector, exactly one of the two counts, each ``[0-9]+%?``)
    and createPodDisruptionBudgets (intstr.Parse: a number is an int, else a string)."""
    if not selector:
        raise errors.MklError("a selector must be specified")
    if not max_unavailable and not min_available:
        raise errors.MklError("one of min-available or max-unavailable must be specified")
    if max_unavailable and min_available:
        raise errors.MklError("min-available and max-unavailable cannot be both specified")
    for flag, value in (("min-available", min_available), ("max-unavailable", max_unavailable)):
        if value and not re.fullmatch(r"[0-9]+%?", value):
            raise errors.MklError(f"invalid format specified for {flag}")
    from minikube_lite.api import labels

    spec: Obj = {}
    if min_available:
        spec["minAvailable"] = _intstr(min_available)
    sel = labels.parse_to_label_selector(selector)
    exprs = [{k: v for k, v in e.items() if v} for e in sel.get("matchExpressions") or ()]
    sel = {"matchLabels": sel.get("matchLabels"), "matchExpressions": exprs}
    spec["selector"] = {k: v for k, v in sel.items() if v}  # omitempty
    if max_unavailable:
        spec["maxUnavailable"] = _intstr(max_unavailable)
    status = {"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0}
    return typed("PodDisruptionBudget", "policy/v1", meta(name), spec=spec, status=status)


def priorityclass_object(
    name: str, value: int, global_default: bool, description: str, preemption: str
) -> Obj:
    """create_priorityclass.go createPriorityClass: value, globalDefault and description as
    given (omitted when empty), the preemption policy as given (not checked here)."""
    fields: Obj = {"value": value}
    if global_default:
        fields["globalDefault"] = True
    if description:
        fields["description"] = description
    if preemption:
        fields["preemptionPolicy"] = preemption
    return typed("PriorityClass", "scheduling.k8s.io/v1", meta(name), **fields)


def _intstr(text: str) -> int | str:
    """intstr.Parse: a number that fits an int32 is an int, anything else the string."""
    if text.isdigit() and text.isascii() and int(text) < 2**31:
        return int(text)
    return text


def parse_port(text: str) -> tuple[int, int | str]:
    """create_service.go parsePorts: ``port[:targetPort]``, the target a number or a name."""
    head, *rest = text.split(":")
    port = _port_number(head)
    if not rest:
        return port, port
    target = rest[0]
    if not re.fullmatch(r"[+-]?\d+", target):
        errs = names.is_valid_port_name(target)
        if errs:
            raise errors.MklError(",".join(errs))
        return port, target
    num = int(target)
    if not 1 <= num <= 65535:
        raise errors.MklError("must be between 1 and 65535, inclusive")
    return port, num


def _port_number(text: str) -> int:
    """utilsnet.ParsePort(text, allowZero=true): strconv.ParseUint(text, 10, 16)."""
    if not text.isascii() or not text.isdigit():
        raise errors.MklError(f'strconv.ParseUint: parsing "{text}": invalid syntax')
    port = int(text)
    if port > 65535:
        raise errors.MklError(f'strconv.ParseUint: parsing "{text}": value out of range')
    return port


def service_object(
    name: str, stype: str, tcp: list[str], cluster_ip: str, node_port: int, external: str = ""
) -> Obj:
    """create_service.go createService (every type: the ``--tcp`` pairs, ``app: NAME``)."""
    ports: list[Obj] = []
    for pair in tcp:
        port, target = parse_port(pair)
        p: Obj = {"name": pair.replace(":", "-"), "protocol": "TCP", "port": port}
        p["targetPort"] = target
        if node_port:
            p["nodePort"] = node_port
        ports.append(p)
    spec: Obj = {"ports": ports} if ports else {}
    spec["selector"] = {"app": name}
    if cluster_ip:
        spec["clusterIP"] = cluster_ip
    spec["type"] = stype
    if external:
        spec["externalName"] = external
    return typed("Service", "v1", meta(name, {"app": name}), spec=spec, status={"loadBalancer": {}})


def service_checks(stype: str, tcp: list[str], cluster_ip: str, external: str) -> None:
    """ServiceOptions.Validate."""
    if cluster_ip == "None" and stype != "ClusterIP":
        raise errors.MklError("ClusterIP=None can only be used with ClusterIP service type")
    if cluster_ip != "None" and not tcp and stype != "ExternalName":
        raise errors.MklError("at least one tcp port specifier must be provided")
    if stype == "ExternalName" and names.is_dns1123_subdomain(external):
        raise errors.MklError(f"invalid service external name {external}")


def serviceaccount_object(name: str) -> Obj:
    """create_serviceaccount.go."""
    return typed("ServiceAccount", "v1", meta(name))


def quota_object(name: str, hard: str, scopes: str) -> Obj:
    """create_quota.go createQuota: ``--hard`` as canonical quantities, ``--scopes`` as given
    (the API server checks them)."""
    spec: Obj = {}
    limits = _parse_hard(hard)
    if limits:
        spec["hard"] = dict(sorted(limits.items()))
    if scopes:
        if "" in scopes.split(","):
            raise errors.MklError('invalid resource quota scope ""')
        spec["scopes"] = scopes.split(",")
    return typed("ResourceQuota", "v1", meta(name), spec=spec, status={})


def _parse_hard(text: str) -> dict[str, str]:
    """populateResourceListV1: ``name=quantity`` statements, comma-separated."""
    out: dict[str, str] = {}
    for item in text.split(",") if text else ():
        parts = item.split("=")
        if len(parts) != 2:
            raise errors.MklError(f"Invalid argument syntax {item}, expected <resource>=<value>")
        try:
            out[parts[0]] = str(parse_quantity(parts[1]))
        except QuantityError as e:
            raise errors.MklError(str(e)) from None
    return out
