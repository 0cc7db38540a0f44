"""``port-forward`` and ``service --url``: what is forwarded, per-request answers, the registry.

kubectl picks one pod and forwards to it for the whole session (pod/NAME, deploy/NAME).  For
``svc/NAME`` minikube-lite answers every request through the Service's ready endpoints,
round-robin [SIM, interface.md], so a curl loop on the host watches a rolling update happen.
Running forwards are recorded as small JSON files under ``$MKL_HOME/forwards/`` so that
``mkl service NAME --url`` can print the URL of a forward another terminal runs.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
from typing import Any

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.ops import attach, traffic
from minikube_lite.records import asdict, dataclass, field
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]


class LostPod(Exception):
    """The forwarded pod is gone: kubectl ends with ``error: lost connection to pod``."""


@dataclass
class Port:
    local: int  # 0: pick a free one
    remote: int  # container port (what kubectl prints after ->)
    service_port: int | None = None  # svc mode: the Service port asked for
    address: str | None = None  # ADDR: prefix of the port spec (minikube-lite extension)


@dataclass
class Forward:
    namespace: str
    kind: str
    name: str
    pod: str
    pod_uid: str
    ports: list[Port] = field(default_factory=list)

    @property
    def service(self) -> bool:
        return self.kind == "Service"


def parse_ports(specs: list[str]) -> list[tuple[str | None, str, str]]:
    """``[ADDR:][LOCAL:]REMOTE`` -> (address, local, remote) strings (client-go parsePorts)."""
    out = []
    for spec in specs:
        addr = None
        if spec.startswith("["):
            end = spec.find("]:")
            if end > 0:
                addr, spec = spec[1:end], spec[end + 2 :]
        parts = spec.split(":")
        if len(parts) == 3 and addr is None:
            addr, parts = parts[0], parts[1:]
        if len(parts) == 1:
            local, remote = parts[0], parts[0]
        elif len(parts) == 2:
            local, remote = parts[0] or "0", parts[1]
        else:
            raise errors.MklError(f"invalid port format '{spec}'")
        out.append((addr, local, remote))
    return out


def _uint16(text: str, what: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        why = "value out of range" if text.isdigit() else "invalid syntax"
        raise errors.MklError(f'error parsing {what} port \'{text}\': strconv.ParseUint: parsing "{text}": {why}')
    return int(text)


def plan(cluster: Cluster, ns: str, resource: str, specs: list[str]) -> Forward:
    """Resolve TYPE/NAME and the port specs the way kubectl's Complete() does."""
    k, obj = attach.lookup(cluster, ns, resource)
    pod = obj if k.kind == "Pod" else attach.pod_for(cluster, ns, resource)[0]
    fwd = Forward(ns, k.kind, o.name(obj), o.name(pod), o.uid(pod))
    for addr, local_s, remote_s in parse_ports(specs):
        if remote_s == "":
            raise errors.MklError("remote port cannot be empty")
        if k.kind == "Service":
            sp = _service_port(obj, remote_s)
            remote = traffic.target_port(sp, pod)
            if remote is None:
                raise errors.MklError(f"Pod '{o.name(pod)}' does not have a named port '{sp.get('targetPort')}'")
            local_s = str(sp["port"]) if local_s == remote_s and not remote_s.isdigit() else local_s
            port = Port(0, remote, int(sp["port"]), addr)
        else:
            remote = int(remote_s) if remote_s.isdigit() else _named_container_port(pod, remote_s)
            port = Port(0, remote, None, addr)
        port.local = _uint16(local_s, "local")
        _uint16(str(port.remote), "remote")
        if port.remote == 0:
            raise errors.MklError("remote port must be > 0")
        fwd.ports.append(port)
    phase = pod.get("status", {}).get("phase")
    if phase != "Running":
        raise errors.MklError(f"unable to forward port because pod is not running. Current status={phase}")
    return fwd


def _service_port(svc: Obj, remote: str) -> Obj:
    ports = svc.get("spec", {}).get("ports") or []
    if not remote.isdigit():
        sp = next((p for p in ports if p.get("name") == remote), None)
        if sp is None:
            raise errors.MklError(f"Service '{o.name(svc)}' does not have a named port '{remote}'")
        return dict(sp)
    sp = next((p for p in ports if int(p.get("port", 0)) == int(remote)), None)
    if sp is None:
        raise errors.MklError(f"Service {o.name(svc)} does not have a service port {remote}")
    return dict(sp)


def _named_container_port(pod: Obj, name: str) -> int:
    for c in o.containers(pod):
        for p in c.get("ports") or ():
            if p.get("name") == name:
                return int(p.get("containerPort", 0))
    raise errors.MklError(f"Pod '{o.name(pod)}' does not have a named port '{name}'")


def answer(cluster: Cluster, fwd: Forward, port: Port, method: str, path: str, agent: str) -> traffic.Response:
    """Answer one forwarded request at cluster.now (raises NetError, or LostPod in pod mode)."""
    if fwd.service:
        svc = cluster.get("Service", fwd.namespace, fwd.name)
        sp = next((p for p in (svc or {}).get("spec", {}).get("ports") or () if int(p.get("port", 0)) == port.service_port), None)
        if svc is None or sp is None:
            raise traffic.NetError("refused", fwd.name, port.remote, detail="service gone")
        pod, tport = traffic.service_backend(cluster, svc, sp, fwd.name)
        return traffic.serve(cluster, pod, tport, path, method, "127.0.0.1", agent)
    pod = check_pod(cluster, fwd)
    return traffic.serve(cluster, pod, port.remote, path, method, "127.0.0.1", agent)


def check_pod(cluster: Cluster, fwd: Forward) -> Obj:
    """The forwarded pod, or LostPod once it is gone or finished."""
    pod = cluster.get("Pod", fwd.namespace, fwd.pod)
    if pod is None or o.uid(pod) != fwd.pod_uid or pod.get("status", {}).get("phase") in ("Succeeded", "Failed"):
        raise LostPod()
    return pod


def listen_addresses(flag: list[str] | None) -> list[tuple[str, str]]:
    """client-go parseAddresses: (ip, failure mode); ``localhost`` means 127.0.0.1 and ::1."""
    out: list[tuple[str, str]] = []
    for item in [a.strip() for v in (flag or ["localhost"]) for a in v.split(",") if a.strip()]:
        if item == "localhost":
            out += [("127.0.0.1", "all"), ("::1", "all")]
            continue
        try:
            ipaddress.ip_address(item)
        except ValueError:
            raise errors.MklError(f"{item} is not a valid IP") from None
        out.append((item, "any"))
    seen: set[str] = set()
    return [a for a in out if not (a[0] in seen or seen.add(a[0]))]  # type: ignore[func-returns-value]


# ----- registry of running forwards ----------------------------------------------------------------


def _dir() -> str:
    from minikube_lite.store import persist

    return os.path.join(str(persist.home()), "forwards")


def register(profile: str, fwd: Forward, bound: list[tuple[str, int]]) -> str:
    """Write this process's forward record (0600, atomically, never through a link); returns its
    path (removed by unregister).  Temporary files of killed forwards are removed on the way."""
    from minikube_lite.store import persist

    directory = persist.private_dir("forwards")
    _remove_dead_temps(directory)
    path = directory / f"{os.getpid()}.json"
    rec = {"pid": os.getpid(), "profile": profile, "forward": asdict(fwd), "bound": bound}
    try:
        persist.write_private(path, json.dumps(rec).encode())
    except (OSError, ValueError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise errors.StoreError(f"cannot write forward record {path}: {why}") from None
    return str(path)


def _remove_dead_temps(directory: os.PathLike[str]) -> None:
    """``.PID.json.RANDOM.tmp`` (and older ``PID.json.tmp``) of processes that are gone."""
    from minikube_lite.store import persist

    try:
        with os.scandir(directory) as it:
            names = [e.name for e in it if e.name.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        target = persist.temp_target(name) or (name[:-4] if name.endswith(".json.tmp") else "")
        pid = target.removesuffix(".json")
        if target.endswith(".json") and pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, name))


def unregister(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def service_urls(profile: str, ns: str, name: str) -> list[str]:
    """``http://127.0.0.1:PORT`` of every live forward of Service ns/name (stale records removed)."""
    urls: list[str] = []
    try:
        names = sorted(os.listdir(_dir()))
    except OSError:
        return urls
    for fname in names:
        if not fname.endswith(".json"):
            continue
        path = os.path.join(_dir(), fname)
        try:
            with open(path, encoding="utf-8") as f:
                rec = json.load(f)
        except (OSError, ValueError):
            continue
        if not _alive(int(rec.get("pid", 0))):
            unregister(path)
            continue
        fw = rec.get("forward", {})
        if rec.get("profile") == profile and fw.get("kind") == "Service" and fw.get("namespace") == ns and fw.get("name") == name:
            urls += [f"http://{_host(ip)}:{port}" for ip, port in rec.get("bound", []) if ip != "::1"]
    return list(dict.fromkeys(urls))


def _host(ip: str) -> str:
    return f"[{ip}]" if ":" in ip else ip
