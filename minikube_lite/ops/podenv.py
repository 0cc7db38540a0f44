"""What a process inside a simulated container sees: its env, files, tools and run plan [SIM].

``context()`` builds an :class:`ExecContext` for one container of one pod at cluster.now; the exec
shell, curl/wget and the HTTP model read it.  Environment variables follow the kubelet
(``makeEnvironmentVariables``): service links for the Services that existed when the container
started, then the container's ``env``/``envFrom`` (fieldRef, configMapKeyRef, secretKeyRef).
"""

from __future__ import annotations

import base64
import posixpath
import re
from typing import Any

from minikube_lite import clock, images
from minikube_lite.api import objects as o
from minikube_lite.ops import simfs
from minikube_lite.records import dataclass, field
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BUSYBOX_REPOS = frozenset({"docker.io/library/busybox", "docker.io/library/alpine"})
_REF_VAR = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


@dataclass
class ExecContext:
    """One container as seen from inside, at one simulated instant."""

    cluster: Cluster
    pod: Obj
    container: Obj
    now: float
    hostname: str
    pod_ip: str
    env: dict[str, str]
    fs: simfs.SimFS
    busybox: bool = False
    missing: frozenset[str] = frozenset()
    tty: bool = False
    steps: int = 0
    scratch: dict[str, Any] = field(default_factory=dict)

    @property
    def namespace(self) -> str:
        return o.namespace(self.pod) or "default"

    def executable(self, arg0: str) -> Any:
        """The command behind ``arg0`` in this image's $PATH, or None (``not found``)."""
        from minikube_lite.ops import netcmds, shell, shell_cmds

        name, in_path = shell.command_name(arg0)
        if not in_path or name in self.missing:
            return None
        return shell_cmds.EXECUTABLES.get(name) or netcmds.COMMANDS.get(name)


def container_status(pod: Obj, name: str) -> Obj:
    for st in pod.get("status", {}).get("containerStatuses") or ():
        if st.get("name") == name:
            return dict(st)
    return {}


def started_at(pod: Obj, name: str) -> float | None:
    """When the running instance of container ``name`` started (None when it is not running)."""
    running = container_status(pod, name).get("state", {}).get("running")
    return clock.parse_time(running.get("startedAt")) if running else None


def profile_of(cluster: Cluster, image: str) -> images.Profile | None:
    try:
        return images.lookup(image, cluster.state.get("images"))
    except images.InvalidReference:
        return None


def plan_of(cluster: Cluster, pod: Obj, container: Obj) -> images.Plan | None:
    """The run plan of a container, computed as the kubelet computes it; None for unknown images."""
    from minikube_lite.controllers import kubelet_containers

    prof = profile_of(cluster, str(container.get("image", "")))
    return kubelet_containers.plan_for(cluster, pod, container, prof) if prof is not None else None


def running(cluster: Cluster, pod: Obj, container: Obj) -> tuple[images.Plan, float] | None:
    """(plan, uptime) of the container's running process, None when nothing runs.

    The kubelet's record is the truth for pods it runs; a pod it never saw (tests that write
    status by hand) is judged by its ``containerStatuses``.
    """
    rec = cluster.state.get("kubelet", {}).get(f"{o.namespace(pod)}/{o.name(pod)}")
    if rec is not None and rec.get("uid") == o.uid(pod):
        from minikube_lite.controllers import kubelet

        return kubelet.running_plan(cluster, pod, container.get("name"))
    start = started_at(pod, str(container.get("name", "")))
    plan = plan_of(cluster, pod, container) if start is not None else None
    return (plan, cluster.now - start) if plan is not None and start is not None else None


def toolset(image: str) -> tuple[bool, frozenset[str]]:
    """(busybox userland?, executables the image lacks): busybox/alpine have no curl or bash."""
    try:
        ref = images.parse_reference(image)
    except images.InvalidReference:
        return False, frozenset({"ash"})
    if ref.repository in BUSYBOX_REPOS:
        return True, frozenset({"curl", "bash", "dash"})
    if "alpine" in ref.tag:
        return True, frozenset({"bash", "dash"})
    return False, frozenset({"ash"})


def hostname_of(pod: Obj) -> str:
    return str(pod.get("spec", {}).get("hostname") or o.name(pod))[:63]


def context(cluster: Cluster, pod: Obj, container: Obj, tty: bool = False, fs: simfs.SimFS | None = None) -> ExecContext:
    """Build the view of ``container`` in ``pod`` at ``cluster.now``."""
    host = hostname_of(pod)
    ip = str(pod.get("status", {}).get("podIP") or "")
    busybox, missing = toolset(str(container.get("image", "")))
    run = running(cluster, pod, container)
    start = cluster.now - run[1] if run else cluster.now
    if fs is None:
        ca = cluster.get("ConfigMap", o.namespace(pod), "kube-root-ca.crt") or {}
        fs = simfs.SimFS(simfs.pod_files(o.name(pod), o.namespace(pod), ip, host, str(ca.get("data", {}).get("ca.crt", ""))))
        fs.cwd = str(container.get("workingDir") or "/")
    if run is not None:
        fs.exists_in_image = lambda p, _plan=run[0], _up=run[1]: _plan.file_exists(p, _up)  # type: ignore[misc]
    env = {"PATH": PATH, "HOSTNAME": host}
    if tty:
        env["TERM"] = "xterm"
    env.update(service_env(cluster, o.namespace(pod), start))
    env.update(container_env(cluster, pod, container))
    env.setdefault("HOME", "/root")
    return ExecContext(cluster, pod, container, cluster.now, host, ip, env, fs, busybox, missing, tty)


def service_env(cluster: Cluster, namespace: str, started: float) -> dict[str, str]:
    """Docker-link style variables of the Services that existed when the container started."""
    out: dict[str, str] = {}
    services = [s for s in cluster.list("Service", namespace) if o.name(s) != "kubernetes" or namespace != "default"]
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
            value = _REF_VAR.sub(lambda m: out.get(m.group(1), m.group(0)), str(item.get("value", "")))
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


def shell_dialect(ctx: ExecContext, arg0: str) -> str:
    base = posixpath.basename(arg0)
    if base == "bash":
        return "bash"
    return "ash" if ctx.busybox else "dash"
