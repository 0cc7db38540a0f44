"""Builders for the API objects the tests create (the shared copy; not a test module).

Upstream's tests build objects with tiny helpers (``deployment("foo", ...)``, ``rs("foo-v2", ...)``
in pkg/controller/deployment/*_test.go); these are ours.  Each returns a fresh manifest as a
user would write it (before API defaulting), with keys in the order kubectl users write them, so
``to_yaml`` gives the same document as the hand-written YAML the CLI tests used to carry.

* ``deployment("web")``: deployment ``web``, 3 x nginx:1.14.2, port 80, labels ``app: web``.
* ``http_go()``: the lesson's deployment ``http-go`` (gasbugs/http-go:v1 on port 8080).
* ``pod("p")``: a bare pod labelled ``run: p`` (what ``kubectl run p`` makes).
* ``replication_controller("v1")``: the lesson's "old way", an RC of http-go pods labelled
  ``app: http-go, version: v1`` (no selector: the API server defaults it to those labels).
* ``statefulset("web")``: an apps/v1 StatefulSet of 3 nginx pods ``web-0..2`` (``app: web``,
  serviceName ``nginx``).
* ``job("hello", "echo", "hi")``: a batch/v1 Job of one busybox container running that command
  (``restartPolicy: Never``; as ``kubectl create job hello --image=busybox -- echo hi`` makes).
* ``service("http-go", {"app": "http-go"})``: a ClusterIP Service 80 -> 8080 with that selector.
* ``write(path, obj)`` / ``to_yaml(obj)``: the manifest as a file for ``-f``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

Obj = dict[str, Any]

NGINX = "nginx:1.14.2"
HTTP_GO_V1 = "gasbugs/http-go:v1"
HTTP_GO_V2 = "gasbugs/http-go:v2"
# spec fields written before the selector (as in the lesson's manifests); others follow the template
_SPEC_HEAD = ("minReadySeconds", "strategy")

# The API server's texts for a bad qualified name and a bad label value (apimachinery
# util/validation/validation.go), shared by the name and the label selector tests.
QNAME_RX = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
QNAME_BODY = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is "
    f"'{QNAME_RX}')"
)
VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', "
    "'_' or '.', and "
    "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
    "or '12345', "
    "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)


def container(name: str = "web", image: str = NGINX, port: int | None = 80, **fields: Any) -> Obj:
    """One container: ``ports: [{containerPort: port}]`` unless ``port`` is None;
    ``fields`` follow.
    """
    c: Obj = {"name": name, "image": image}
    if port is not None:
        c["ports"] = [{"containerPort": port}]
    c.update(fields)
    return c


def deployment(
    name: str = "web",
    replicas: int | None = 3,
    image: str = NGINX,
    *,
    port: int | None = 80,
    namespace: str | None = None,
    labels: dict[str, str] | None = None,
    containers: list[Obj] | None = None,
    **spec: Any,
) -> Obj:
    """A Deployment manifest; ``labels`` (default ``app: NAME``) label it, select and template.

    ``spec`` takes camelCase fields: ``minReadySeconds`` and ``strategy`` go before the selector,
    anything else (``paused``, ``revisionHistoryLimit``, ...) after the template.
    ``replicas=None`` leaves the field out (the API server defaults it to 1).
    """
    labels = labels or {"app": name}
    meta: Obj = {"name": name}
    if namespace is not None:
        meta["namespace"] = namespace
    meta["labels"] = dict(labels)
    s: Obj = {} if replicas is None else {"replicas": replicas}
    s.update({k: spec.pop(k) for k in _SPEC_HEAD if k in spec})
    s["selector"] = {"matchLabels": dict(labels)}
    s["template"] = {
        "metadata": {"labels": dict(labels)},
        "spec": {"containers": containers or [container(name, image, port)]},
    }
    s.update(spec)
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta, "spec": s}


def http_go(
    replicas: int = 4, image: str = HTTP_GO_V1, *, port: int | None = 8080, **spec: Any
) -> Obj:
    """The lesson's deployment ``http-go``: container ``http-go`` serving on port 8080."""
    return deployment("http-go", replicas, image, port=port, **spec)


def rolling(surge: Any, unavailable: Any) -> Obj:
    """A RollingUpdate strategy with the given maxSurge / maxUnavailable."""
    return {
        "type": "RollingUpdate",
        "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable},
    }


def pod(name: str = "p", image: str = NGINX, **spec: Any) -> Obj:
    """A bare Pod labelled ``run: NAME`` with one container named after it;
    ``spec`` fields follow.
    """
    p: Obj = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {"run": name}},
        "spec": {"containers": [{"name": name, "image": image}]},
    }
    p["spec"].update(spec)
    return p


def replication_controller(
    version: str = "v1", replicas: int | None = 3, image: str | None = None, **spec: Any
) -> Obj:
    """ReplicationController ``http-go-VERSION``: ``replicas`` x gasbugs/http-go:VERSION on 8080,
    template labels ``app: http-go, version: VERSION``, no selector; ``spec`` fields follow."""
    s: Obj = {} if replicas is None else {"replicas": replicas}
    s["template"] = {
        "metadata": {"labels": {"app": "http-go", "version": version}},
        "spec": {"containers": [container("http-go", image or f"gasbugs/http-go:{version}", 8080)]},
    }
    s.update(spec)
    meta = {"name": f"http-go-{version}"}
    return {"apiVersion": "v1", "kind": "ReplicationController", "metadata": meta, "spec": s}


def statefulset(
    name: str = "web", replicas: int | None = 3, image: str = NGINX, **spec: Any
) -> Obj:
    """A StatefulSet ``name`` of nginx pods labelled ``app: NAME`` behind Service ``nginx``
    (the tutorial's ``web``); ``spec`` fields (podManagementPolicy, updateStrategy,
    volumeClaimTemplates ...) come after the template."""
    labels = {"app": name}
    s: Obj = {} if replicas is None else {"replicas": replicas}
    s["serviceName"] = "nginx"
    s["selector"] = {"matchLabels": dict(labels)}
    c: Obj = {"name": "nginx", "image": image, "ports": [{"containerPort": 80, "name": "web"}]}
    s["template"] = {"metadata": {"labels": dict(labels)}, "spec": {"containers": [c]}}
    s.update(spec)
    return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": name}, "spec": s}


def job(
    name: str = "hello", *command: str, restart: str = "Never", image: str = "busybox", **spec: Any
) -> Obj:
    """Job ``name``: one container ``name`` of ``image`` running ``command`` (the image's own
    when empty), ``restartPolicy: restart``; ``spec`` fields (backoffLimit, parallelism ...)
    come first, as kubectl prints them."""
    c: Obj = {"name": name, "image": image}
    if command:
        c["command"] = list(command)
    s: Obj = dict(spec)
    s["template"] = {"spec": {"containers": [c], "restartPolicy": restart}}
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name}, "spec": s}


def service(name: str, selector: dict[str, str], port: int = 80, target: int = 8080) -> Obj:
    """A ClusterIP Service ``name`` (port -> target) selecting ``selector``."""
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name},
        "spec": {"selector": dict(selector), "ports": [{"port": port, "targetPort": target}]},
    }


def to_yaml(*objs: Obj) -> str:
    """The objects as one YAML stream (documents separated by ``---``), keys in builder order."""
    return "---\n".join(yaml.safe_dump(o, sort_keys=False) for o in objs)


def write(path: Path, *objs: Obj) -> str:
    """Write the objects to ``path`` as YAML; returns the path as the tests pass it to ``-f``."""
    path.write_text(to_yaml(*objs))
    return str(path)
