"""``port-forward`` and ``service --url``: what is forwarded, per-connection answers, the registry.

``port-forward TYPE/NAME`` resolves to ONE pod when it starts, as kubectl does: a Deployment,
ReplicaSet or Service picks its best pod (``sort.Reverse(ActivePods)``, polymorphichelpers
AttachablePodForObject), and a Service port becomes that pod's container port (named targetPorts
included, translateServicePortToTargetPort).  Every connection goes to that pod.  The first
connection the pod cannot take (deleted, finished, nothing listening on the port) ends the
forward: client-go closes its stream connection after an error and kubectl exits with
``error: lost connection to pod``.  So a port-forward to a Service breaks during a rolling update,
exactly as on a real cluster.

``service NAME --url`` is minikube's tunnel, and it goes through the Service: each new connection
is sent to one of the Service's ready endpoints *at that moment*, picked at random as kube-proxy's
iptables rules do (``-m statistic --mode random``; ``sessionAffinity: ClientIP`` sticks to one).
The draws come from an :class:`ids.Rng` seeded with the cluster's seed and kept in the tunnel's
process, so they are reproducible for a given ``--seed`` and never make a request write the state
file.

Running forwards are recorded as small JSON files under ``$MKL_HOME/forwards/`` so that
``mkl service NAME --url`` can print the URL of a tunnel another terminal runs.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import re

from minikube_lite import errors, ids
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import options, resources
from minikube_lite.ops.sandbox import attach, traffic
from minikube_lite.records import asdict, dataclass, field
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_INT = re.compile(r"[+-]?[0-9]+")  # what Go's strconv.Atoi accepts


class Refused(Exception):
    """A connection the target cannot take; ``message`` is what kubectl's error stream carries.

    For a port-forward this ends the session (``error: lost connection to pod``); a tunnel only
    closes that one connection, as a TCP connection to a Service without endpoints is refused.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Port:
    local: int  # 0: pick a free one
    # port-forward: the container port (what kubectl prints after ->); tunnel: the Service port
    remote: int
    service_port: int | None = None  # tunnel: the Service port its connections go to
    address: str | None = None  # ADDR: prefix of the port spec (minikube-lite extension)


@dataclass
class Forward:
    namespace: str
    kind: str
    name: str
    pod: str  # port-forward: the one pod every connection goes to ("" for a tunnel)
    pod_uid: str
    ports: list[Port] = field(default_factory=list)
    tunnel: bool = False  # ``service --url``: a new endpoint per connection, through the Service


@dataclass
class Backend:
    """Where one connection goes: a pod (by name and uid) and a container port."""

    pod: str
    uid: str
    port: int


def parse_ports(specs: list[str]) -> list[tuple[str | None, str, str]]:
    """``[ADDR:][LOCAL:]REMOTE`` -> (address, local, remote) strings (kubectl splitPort)."""
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
            local, remote = parts[0], parts[1]
        else:
            raise errors.MklError(f"invalid port format '{spec}'")
        out.append((addr, local, remote))
    return out


def _uint16(text: str, what: str) -> int:
    """client-go parsePorts: ``strconv.ParseUint(text, 10, 16)`` with its error text."""
    digits = text.isascii() and text.isdigit()
    if not digits or int(text) > 65535:
        why = "value out of range" if digits else "invalid syntax"
        raise errors.MklError(
            f"error parsing {what} port '{text}': strconv.ParseUint: parsing \"{text}\": {why}"
        )
    return int(text)


def plan(cluster: Cluster, ns: str, resource: str, specs: list[str]) -> Forward:
    """kubectl port-forward's Complete + RunPortForward checks: the pod and the port pairs."""
    k, obj = attach.lookup(cluster, ns, resource)
    pod = obj if k.kind == "Pod" else attach.pod_for(cluster, ns, resource)[0]
    parsed = parse_ports(specs)
    if k.kind == "Service":
        _check_udp(
            _service_protocols(obj),
            [remote for _, _, remote in parsed],
            lambda r: _service_port_by_name(obj, r),
        )
        pairs = [_translate_service_port(obj, pod, local, remote) for _, local, remote in parsed]
    else:
        _check_udp(
            _pod_protocols(pod),
            [remote for _, _, remote in parsed],
            lambda r: _container_port_by_name(pod, r),
        )
        pairs = [_convert_named_port(pod, local, remote) for _, local, remote in parsed]
    phase = pod.get("status", {}).get("phase")
    if phase != "Running":
        raise errors.MklError(
            f"unable to forward port because pod is not running. Current status={phase}"
        )
    fwd = Forward(ns, k.kind, o.name(obj), o.name(pod), o.uid(pod))
    for (addr, _, _), (local, remote) in zip(parsed, pairs, strict=True):
        port = Port(_uint16(local or "0", "local"), _uint16(remote, "remote"), None, addr)
        if port.remote == 0:
            raise errors.MklError("remote port must be > 0")
        fwd.ports.append(port)
    return fwd


def _translate_service_port(svc: Obj, pod: Obj, local: str, remote: str) -> tuple[str, str]:
    """translateServicePortToTargetPort: a Service port (number or name) -> the container port."""
    if _INT.fullmatch(remote):
        number = int(remote)
    else:
        number = _service_port_by_name(svc, remote)
        if local == remote:
            local = str(number)
    return local, str(_container_port_for_service_port(svc, pod, number))


def _container_port_for_service_port(svc: Obj, pod: Obj, number: int) -> int:
    """LookupContainerPortNumberByServicePort (a headless Service forwards the port as given)."""
    spec = svc.get("spec", {})
    if spec.get("clusterIP") == "None":
        return number
    for sp in spec.get("ports") or ():
        if int(sp.get("port", 0)) != number:
            continue
        tp = sp.get("targetPort")
        if tp is None or isinstance(tp, int) or (isinstance(tp, str) and tp.isdigit()):
            return int(tp or 0) or number
        return _container_port_by_name(pod, str(tp))
    raise errors.MklError(f"Service {o.name(svc)} does not have a service port {number}")


def _convert_named_port(pod: Obj, local: str, remote: str) -> tuple[str, str]:
    """convertPodNamedPortToNumber: a named container port -> its number."""
    if remote == "":
        raise errors.MklError("remote port cannot be empty")
    if _INT.fullmatch(remote):
        return local, remote
    number = str(_container_port_by_name(pod, remote))
    return (number if local == remote else local), number


def _service_port_by_name(svc: Obj, name: str) -> int:
    for sp in svc.get("spec", {}).get("ports") or ():
        if sp.get("name", "") == name:
            return int(sp.get("port", 0))
    raise errors.MklError(f"Service '{o.name(svc)}' does not have a named port '{name}'")


def _container_port_by_name(pod: Obj, name: str) -> int:
    for c in o.containers(pod):
        for p in c.get("ports") or ():
            if p.get("name", "") == name:
                return int(p.get("containerPort", 0))
    raise errors.MklError(f"Pod '{o.name(pod)}' does not have a named port '{name}'")


def _service_protocols(svc: Obj) -> list[tuple[int, str]]:
    return [
        (int(p.get("port", 0)), str(p.get("protocol", "TCP")))
        for p in svc.get("spec", {}).get("ports") or ()
    ]


def _pod_protocols(pod: Obj) -> list[tuple[int, str]]:
    return [
        (int(p.get("containerPort", 0)), str(p.get("protocol", "TCP")))
        for c in o.containers(pod)
        for p in c.get("ports") or ()
    ]


def _check_udp(protocols: list[tuple[int, str]], remotes: list[str], by_name: Any) -> None:
    """checkUDPPortInService / checkUDPPortInPod: a port that is UDP only cannot be forwarded."""
    udp_only = {n for n, p in protocols if p == "UDP"} - {n for n, p in protocols if p == "TCP"}
    for remote in remotes:
        number = int(remote) if _INT.fullmatch(remote) else by_name(remote)
        if number in udp_only:
            raise errors.MklError(f"UDP protocol is not supported for {remote}")


# ----- one connection -----------------------------------------------------------------------------


def sandbox_id(pod_uid: str) -> str:
    """The pod's (simulated) containerd sandbox id, the "pod" kubelet's port-forward errors name."""
    import hashlib

    return hashlib.sha256(pod_uid.encode()).hexdigest()


class Balancer:
    """kube-proxy for one tunnel: a random ready endpoint per new connection (iptables mode)."""

    def __init__(self, seed: int, fwd: Forward) -> None:
        self.rng = ids.Rng(ids.fnv1a_32(f"{seed}/tunnel/{fwd.namespace}/{fwd.name}".encode()))
        self.sticky: dict[int, str] = {}  # sessionAffinity ClientIP: Service port -> pod uid

    def pick(self, svc: Obj, number: int, ready: list[tuple[str, Obj]]) -> Obj:
        if svc.get("spec", {}).get("sessionAffinity") == "ClientIP":
            uid = self.sticky.get(number)
            pod = next((p for _, p in ready if o.uid(p) == uid), None)
            if pod is None:
                pod = ready[self.rng.randint(0, len(ready) - 1)][1]
                self.sticky[number] = o.uid(pod)
            return pod
        return ready[self.rng.randint(0, len(ready) - 1)][1]


def connect(cluster: Cluster, fwd: Forward, port: Port, balancer: Balancer | None) -> Backend:
    """Where a new connection on ``port`` goes (a tunnel raises Refused without ready endpoints)."""
    if not fwd.tunnel or balancer is None:
        return Backend(fwd.pod, fwd.pod_uid, port.remote)
    svc = cluster.get("Service", fwd.namespace, fwd.name)
    sp = next(
        (
            p
            for p in (svc or {}).get("spec", {}).get("ports") or ()
            if int(p.get("port", 0)) == port.service_port
        ),
        None,
    )
    if svc is None or sp is None:
        raise Refused(f"service {fwd.namespace}/{fwd.name} has no port {port.service_port}")
    ready = traffic.ready_endpoints(cluster, svc)
    if not ready:
        raise Refused(f"service {fwd.namespace}/{fwd.name} has no ready endpoints")
    pod = balancer.pick(svc, int(sp.get("port", 0)), ready)
    tport = traffic.target_port(sp, pod)
    if tport is None:
        raise Refused(f"pod {o.name(pod)} has no port named {sp.get('targetPort')}")
    return Backend(o.name(pod), o.uid(pod), tport)


def answer(
    cluster: Cluster,
    fwd: Forward,
    backend: Backend,
    method: str,
    path: str,
    agent: str,
    headers: tuple[tuple[str, str], ...] | None = None,
) -> traffic.Response | None:
    """The answer to one request on a connection to ``backend`` at cluster.now.

    None: the container took the connection but answers no HTTP (close it).  Refused: the pod is
    gone, finished, or nothing listens on the port.
    """
    pod = cluster.get("Pod", fwd.namespace, backend.pod)
    sandbox = sandbox_id(backend.uid)
    prefix = f"error forwarding port {backend.port} to pod {sandbox}, uid : "
    if pod is None or o.uid(pod) != backend.uid:
        raise Refused(f'{prefix}failed to find sandbox "{sandbox}" in store: not found')
    if pod.get("status", {}).get("phase") in ("Succeeded", "Failed"):
        raise Refused(f'{prefix}network namespace for sandbox "{sandbox}" is closed')
    client = (
        "127.0.0.1" if not fwd.tunnel else "10.244.0.1"
    )  # port-forward dials inside the pod; a tunnel comes through the node
    try:
        return traffic.serve(
            cluster, pod, backend.port, path, method, client, agent, headers=headers
        )
    except traffic.NetError as e:
        if e.kind == "empty":
            return None
        p = backend.port
        raise Refused(
            f'{prefix}failed to connect to localhost:{p} inside namespace "{sandbox}", '
            f"IPv4: dial tcp4 127.0.0.1:{p}: connect: connection refused "
            f"IPv6 dial tcp6 [::1]:{p}: connect: connection refused "
        ) from None


@dataclass(frozen=True, slots=True)
class PortForwardOptions:
    """Port of PortForwardOptions after Complete (staging/src/k8s.io/kubectl/pkg/cmd/portforward/
    portforward.go)."""

    resource: str
    ports: tuple[str, ...]  # [ADDR:][LOCAL:]REMOTE as typed
    namespace: str | None
    address: tuple[str, ...] | None  # --address as given (None: localhost)

    @classmethod
    def complete(cls, flags: options.Flags, command_path: str) -> PortForwardOptions:
        """TYPE/NAME and at least one port are required (a usage error otherwise)."""
        if len(flags.args) < 2:
            raise errors.UsageError(
                "TYPE/NAME and list of ports are required for port-forward", command_path
            )
        address = flags.flag("address")
        return cls(
            resource=flags.args[0],
            ports=tuple(flags.args[1:]),
            namespace=flags.flag("namespace"),
            address=None if address is None else tuple(address),
        )

    def validate(self) -> list[errors.MklError]:
        """Nothing to check before the cluster is read: the ports are checked against the pod."""
        return []

    def run(self, cluster: Cluster) -> Forward:
        """The pod and the port pairs to forward (the listeners are the cli's)."""
        ns = resources.current_namespace(cluster, self.namespace)
        return plan(cluster, ns, self.resource, list(self.ports))

    def listen(self) -> list[tuple[str, str]]:
        """The addresses to listen on (client-go parseAddresses)."""
        return listen_addresses(None if self.address is None else list(self.address))


@dataclass(frozen=True, slots=True)
class ServicePlan:
    """What ``service NAME`` found: the namespace, the tunnel (None: no such Service), the seed."""

    namespace: str
    tunnel: Forward | None
    seed: int


@dataclass(frozen=True, slots=True)
class ServiceOptions:
    """minikube's ``service NAME [-n NS]`` and ``service list`` (cmd/minikube/cmd/service.go)."""

    name: str  # "" for ``service list``
    namespace: str | None

    @classmethod
    def complete(cls, flags: options.Flags, command_path: str) -> ServiceOptions:
        """``list`` or exactly one Service name (a usage error otherwise)."""
        args = flags.args
        if args == ["list"]:
            return cls(name="", namespace=flags.flag("namespace"))
        if not args:
            raise errors.UsageError("Please specify a service name", command_path)
        if len(args) != 1:
            raise errors.UsageError("Only one service name may be specified", command_path)
        return cls(name=args[0], namespace=flags.flag("namespace"))

    @property
    def listing(self) -> bool:
        return not self.name

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self, cluster: Cluster) -> ServicePlan:
        """The tunnel to the Service's TCP ports (no pod needs to exist yet)."""
        ns = resources.current_namespace(cluster, self.namespace)
        svc = cluster.get("Service", ns, self.name)
        tunnel = None if svc is None else service_forward(ns, svc)
        return ServicePlan(ns, tunnel, int(cluster.doc.get("seed", 0)))

    def services(self, cluster: Cluster) -> list[Obj]:
        """``service list``: the Services of -n, or of every namespace."""
        return cluster.list("Service", self.namespace or None)


def service_forward(ns: str, svc: Obj) -> Forward:
    """A tunnel to every TCP port of the Service (no pod needs to exist yet)."""
    fwd = Forward(ns, "Service", svc["metadata"]["name"], "", "", tunnel=True)
    for p in svc.get("spec", {}).get("ports") or ():
        if p.get("protocol", "TCP") == "TCP":
            fwd.ports.append(Port(0, int(p.get("port", 0)), int(p.get("port", 0))))
    return fwd


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


# ----- registry of running forwards ---------------------------------------------------------------


def _dir() -> str:
    from minikube_lite.store import persist

    return os.path.join(persist.home(), "forwards")


def register(profile: str, fwd: Forward, bound: list[tuple[str, int]]) -> str:
    """Write this process's forward record (0600, atomically, never through a link); returns its
    path (removed by unregister).  Temporary files of killed forwards are removed on the way."""
    from minikube_lite.store import persist

    directory = persist.private_dir("forwards")
    _remove_dead_temps(directory)
    path = os.path.join(directory, f"{os.getpid()}.json")
    rec = {"pid": os.getpid(), "profile": profile, "forward": asdict(fwd), "bound": bound}
    try:
        persist.write_private(path, json.dumps(rec).encode())
    except (OSError, ValueError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise errors.StoreError(f"cannot write forward record {path}: {why}") from None
    return str(path)


def _remove_dead_temps(directory: str) -> None:
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
    """``http://127.0.0.1:PORT`` of every live tunnel to Service ns/name (stale records removed).

    Only ``service --url`` tunnels count: a ``port-forward svc/NAME`` is tied to one pod and does
    not reach the Service.
    """
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
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            with os.fdopen(fd, encoding="utf-8") as f:
                rec = json.load(f)
        except (OSError, ValueError):
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("pid"), int):
            continue
        if not _alive(int(rec.get("pid", 0))):
            unregister(path)
            continue
        fw = rec.get("forward", {})
        if (
            rec.get("profile") == profile
            and fw.get("tunnel")
            and fw.get("namespace") == ns
            and fw.get("name") == name
        ):
            urls += [
                f"http://{_host(ip)}:{port}" for ip, port in rec.get("bound", []) if ip != "::1"
            ]
    return list(dict.fromkeys(urls))


def _host(ip: str) -> str:
    return f"[{ip}]" if ":" in ip else ip
