"""What a process inside a simulated container sees: its env, files, tools and run plan [SIM].

``context()`` builds an :class:`ExecContext` for one container of one pod at cluster.now; the exec
shell, curl/wget and the HTTP model read it.  Environment variables follow the kubelet
(``makeEnvironmentVariables``): service links for the Services that existed when the container
started, then the container's ``env``/``envFrom`` (fieldRef, configMapKeyRef, secretKeyRef).

The cluster itself is not held: an exec'd process reaches it through its :class:`World`, one
short ``look()`` per request (the cluster as it is now) and ``sleep()`` for time passing.  The
world belongs to the caller (ops/execute.py opens the profile for each look and waits on the
wall clock; :class:`StillWorld` is one frozen in-memory cluster), so the shell stays pure.
"""

from __future__ import annotations

import base64
import contextlib
import re
from collections.abc import Iterator

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops.sandbox import netcmds
from minikube_lite.ops.sandbox.runtime import container_status, hostname_of, running
from minikube_lite.ops.sandbox.world import Here, World
from minikube_lite.records import dataclass
from minikube_lite.sandbox import simfs
from minikube_lite.sandbox.context import ContainerGone, ExecContext, toolset
from minikube_lite.store.cluster import Cluster

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
_REF_VAR = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


@dataclass(frozen=True, slots=True)
class PodRef:
    """Which container instance an exec runs in: a restart or a new pod with the name is another."""

    namespace: str
    name: str
    uid: str
    container: str
    started: str  # the running container's startedAt


def ref_of(pod: Obj, container: str) -> PodRef:
    running_state = container_status(pod, container).get("state", {}).get("running") or {}
    return PodRef(
        o.namespace(pod) or "default",
        o.name(pod),
        o.uid(pod),
        container,
        str(running_state.get("startedAt", "")),
    )


def alive(cluster: Cluster, ref: PodRef) -> Obj | None:
    """The exec'd pod when its container still runs the instance the exec started in."""
    pod = cluster.get("Pod", ref.namespace, ref.name)
    if pod is None or o.uid(pod) != ref.uid:
        return None
    running_state = container_status(pod, ref.container).get("state", {}).get("running")
    if running_state is None or str(running_state.get("startedAt", "")) != ref.started:
        return None
    return pod


class StillWorld:
    """One in-memory cluster where time stands still: ``sleep`` returns at once (recorded)."""

    def __init__(self, cluster: Cluster, ref: PodRef) -> None:
        self.cluster, self.ref, self.now = cluster, ref, cluster.now
        self.slept: list[float] = []

    @contextlib.contextmanager
    def look(self) -> Iterator[Here]:
        pod = alive(self.cluster, self.ref)
        if pod is None:
            raise ContainerGone()
        self.now = self.cluster.now
        yield Here(self.cluster, pod)

    def sleep(self, seconds: float) -> bool:
        self.slept.append(seconds)
        return False


def context(
    cluster: Cluster,
    pod: Obj,
    container: Obj,
    tty: bool = False,
    fs: simfs.SimFS | None = None,
    world: World | None = None,
) -> ExecContext:
    """The view of ``container`` in ``pod`` at ``cluster.now`` (default world: a still one)."""
    host = hostname_of(pod)
    ip = str(pod.get("status", {}).get("podIP") or "")
    busybox, missing = toolset(str(container.get("image", "")))
    run = running(cluster, pod, container)
    start = cluster.now - run[1] if run else cluster.now
    if fs is None:
        ca = cluster.get("ConfigMap", o.namespace(pod), "kube-root-ca.crt") or {}
        fs = simfs.SimFS(
            simfs.pod_files(
                o.name(pod),
                o.namespace(pod),
                ip,
                host,
                str(ca.get("data", {}).get("ca.crt", "")),
                token=mounts_token(container),
            )
        )
        fs.cwd = str(container.get("workingDir") or "/")
    env = {"PATH": PATH, "HOSTNAME": host}
    if tty:
        env["TERM"] = "xterm"
    env.update(service_env(cluster, o.namespace(pod), start))
    env.update(container_env(cluster, pod, container))
    env.setdefault("HOME", "/root")
    world = (
        world
        if world is not None
        else StillWorld(cluster, ref_of(pod, str(container.get("name", ""))))
    )
    ctx = ExecContext(
        world,
        pod,
        container,
        host,
        ip,
        env,
        fs,
        busybox,
        missing,
        tty,
        extra=netcmds.commands(world),
    )
    if run is not None:  # files the image's process creates over time (its uptime moves with now)
        plan, uptime, t0 = run[0], run[1], cluster.now
        fs.exists_in_image = lambda p: plan.file_exists(p, uptime + ctx.now - t0)
    return ctx


def mounts_token(container: Obj) -> bool:
    """Whether ``container`` sees the service account's files: it mounts a volume at their
    directory (the ServiceAccount admission plugin adds that mount of the pod's
    ``kube-api-access-`` volume unless automountServiceAccountToken is false)."""
    return any(
        isinstance(m, dict) and str(m.get("mountPath", "")).rstrip("/") == simfs.SA_DIR
        for m in container.get("volumeMounts") or ()
    )


def service_env(cluster: Cluster, namespace: str, started: float) -> dict[str, str]:
    """Docker-link style variables of the Services that existed when the container started."""
    out: dict[str, str] = {}
    services = [
        s
        for s in cluster.list("Service", namespace)
        if o.name(s) != "kubernetes" or namespace != "default"
    ]
    master = cluster.get("Service", "default", "kubernetes")
    for svc in [*services, *([master] if master else [])]:
        created = clock.parse_time(o.meta(svc).get("creationTimestamp"))
        ip = svc.get("spec", {}).get("clusterIP")
        if not ip or ip == "None" or (created is not None and created > started):
            continue
        out.update(_links(o.name(svc), ip, svc.get("spec", {}).get("ports") or []))
    return out


def _links(name: str, ip: str, ports: list[Obj]) -> dict[str, str]:
    if not ports:
        return {}
    n = name.upper().replace("-", "_")
    first = ports[0]
    out = {f"{n}_SERVICE_HOST": ip, f"{n}_SERVICE_PORT": str(first.get("port"))}
    for p in ports:
        if p.get("name"):
            out[f"{n}_SERVICE_PORT_{p['name'].upper().replace('-', '_')}"] = str(p.get("port"))
    proto = str(first.get("protocol", "TCP")).lower()
    out[f"{n}_PORT"] = f"{proto}://{ip}:{first.get('port')}"
    for p in ports:
        pr = str(p.get("protocol", "TCP"))
        key = f"{n}_PORT_{p.get('port')}_{pr.upper()}"
        out[key] = f"{pr.lower()}://{ip}:{p.get('port')}"
        out[key + "_PROTO"] = pr.lower()
        out[key + "_PORT"] = str(p.get("port"))
        out[key + "_ADDR"] = ip
    return out


def container_env(cluster: Cluster, pod: Obj, container: Obj) -> dict[str, str]:
    """``envFrom`` then ``env`` in order, with ``$(VAR)`` references expanded (kubelet)."""
    ns = o.namespace(pod)
    out: dict[str, str] = {}
    for src in container.get("envFrom") or ():
        prefix = str(src.get("prefix", ""))
        for k, v in _source_data(cluster, ns, src).items():
            out[prefix + k] = v
    for item in container.get("env") or ():
        name = str(item.get("name", ""))
        if "value" in item or "valueFrom" not in item:
            value = _REF_VAR.sub(
                lambda m: out.get(m.group(1), m.group(0)), str(item.get("value", ""))
            )
        else:
            value = _value_from(cluster, pod, container, item["valueFrom"])
        out[name] = value
    return out


def _source_data(cluster: Cluster, ns: str, src: Obj) -> dict[str, str]:
    if "configMapRef" in src:
        cm = cluster.get("ConfigMap", ns, str(src["configMapRef"].get("name", ""))) or {}
        return {k: str(v) for k, v in (cm.get("data") or {}).items()}
    if "secretRef" in src:
        sec = cluster.get("Secret", ns, str(src["secretRef"].get("name", ""))) or {}
        return _secret_data(sec)
    return {}


def _secret_data(sec: Obj) -> dict[str, str]:
    out = {k: str(v) for k, v in (sec.get("stringData") or {}).items()}
    for k, v in (sec.get("data") or {}).items():
        try:
            out[k] = base64.b64decode(str(v)).decode("utf-8", "replace")
        except (ValueError, TypeError):
            out[k] = str(v)
    return out


def _value_from(cluster: Cluster, pod: Obj, container: Obj, vf: Obj) -> str:
    ns = o.namespace(pod)
    if "fieldRef" in vf:
        return field_path(pod, str(vf["fieldRef"].get("fieldPath", "")))
    if "configMapKeyRef" in vf:
        ref = vf["configMapKeyRef"]
        cm = cluster.get("ConfigMap", ns, str(ref.get("name", ""))) or {}
        return str((cm.get("data") or {}).get(ref.get("key"), ""))
    if "secretKeyRef" in vf:
        ref = vf["secretKeyRef"]
        sec = cluster.get("Secret", ns, str(ref.get("name", ""))) or {}
        return _secret_data(sec).get(str(ref.get("key")), "")
    if "resourceFieldRef" in vf:
        res = str(vf["resourceFieldRef"].get("resource", ""))
        kind, _, what = res.partition(".")
        return str((container.get("resources", {}).get(kind) or {}).get(what, "0"))
    return ""


def field_path(pod: Obj, path: str) -> str:
    """The downward API fields (``metadata.name``, ``status.podIP``, ``metadata.labels['app']``)."""
    m = re.fullmatch(r"metadata\.(labels|annotations)\['(.+)'\]", path)
    if m:
        return str(pod.get("metadata", {}).get(m.group(1), {}).get(m.group(2), ""))
    simple = {
        "metadata.name": o.name(pod),
        "metadata.namespace": o.namespace(pod),
        "metadata.uid": o.uid(pod),
        "spec.nodeName": pod.get("spec", {}).get("nodeName", ""),
        "spec.serviceAccountName": pod.get("spec", {}).get("serviceAccountName", ""),
        "status.podIP": pod.get("status", {}).get("podIP", ""),
        "status.hostIP": pod.get("status", {}).get("hostIP", ""),
    }
    return str(simple.get(path, ""))
