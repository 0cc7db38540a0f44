"""``expose``: the Service generator of kubectl expose.go.

Selector, ports and labels by introspection.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import options, targets
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

EXPOSABLE = frozenset({"Pod", "Service", "Deployment", "ReplicaSet", "ReplicationController"})


@dataclass(frozen=True, slots=True)
class Request:
    port: str = ""
    target_port: str = ""
    type: str = ""
    name: str = ""
    protocol: str = ""
    selector: str = ""
    labels: str = ""
    cluster_ip: str = ""
    external_ip: str = ""
    session_affinity: str = ""


def _group_kind(k: kinds.Kind) -> str:
    return f"{k.kind}.{k.group}" if k.group else k.kind


def selector_for(k: kinds.Kind, obj: Obj) -> dict[str, str]:
    """polymorphichelpers.MapBasedSelectorForObject."""
    if k.kind == "Pod":
        lbls = o.labels(obj)
        if not lbls:
            raise errors.MklError(
                "couldn't retrieve selectors via --selector flag or introspection: the pod has "
                "no labels and cannot be exposed"
            )
        return dict(lbls)
    if k.kind == "Service":
        sel = obj.get("spec", {}).get("selector") or {}
        if not sel:
            raise errors.MklError(
                "couldn't retrieve selectors via --selector flag or introspection: the service "
                "has no pod selector set"
            )
        return dict(sel)
    if k.kind == "ReplicationController":  # a plain label map (MakeLabels(t.Spec.Selector))
        return dict(obj.get("spec", {}).get("selector") or {})
    sel = obj.get("spec", {}).get("selector") or {}
    if sel.get("matchExpressions"):
        raise errors.MklError(
            "couldn't retrieve selectors via --selector flag or introspection: "
            f'couldn\'t convert expressions - "{sel["matchExpressions"]}" to map-based selector '
            "format"
        )
    return dict(sel.get("matchLabels") or {})


def ports_for(k: kinds.Kind, obj: Obj) -> list[tuple[str, str]]:
    """(port, protocol) pairs of the exposed object (PortsForObject / ProtocolsForObject)."""
    if k.kind == "Service":
        return [
            (str(p.get("port")), str(p.get("protocol", "TCP")))
            for p in obj.get("spec", {}).get("ports") or ()
        ]
    holder = obj if k.kind == "Pod" else o.pod_template(obj)
    return [
        (str(p.get("containerPort")), str(p.get("protocol", "TCP")))
        for c in o.containers(holder)
        for p in c.get("ports") or ()
    ]


def _parse_map(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in (x for x in text.split(",") if x):
        key, eq, value = item.partition("=")
        if not eq:
            raise errors.MklError(f"invalid label spec: {item}")
        out[key] = value
    return out


def service(k: kinds.Kind, obj: Obj, req: Request) -> Obj:
    """The Service ``kubectl expose`` would create for ``obj``."""
    if k.kind not in EXPOSABLE:
        raise errors.MklError(f"cannot expose a {_group_kind(k)}")
    selector = _parse_map(req.selector) if req.selector else selector_for(k, obj)
    if not selector:
        raise errors.MklError("selector must be specified")
    spec = _spec(_ports(k, obj, req), selector, req)
    lbls = _parse_map(req.labels) if req.labels else dict(o.labels(obj))
    meta: Obj = {"name": req.name or o.name(obj)[:63], "namespace": o.namespace(obj)}
    if lbls:
        meta["labels"] = dict(sorted(lbls.items()))
    # the Go struct's field order (a client dry run prints it as built)
    return {
        "kind": "Service",
        "apiVersion": "v1",
        "metadata": meta,
        "spec": spec,
        "status": {"loadBalancer": {}},
    }


def _ports(k: kinds.Kind, obj: Obj, req: Request) -> list[Obj]:
    """spec.ports: --port or the introspected ports, named ``port-N`` when there are several."""
    found = ports_for(k, obj)
    protocols = dict(found)
    port_list = [req.port] if req.port else [p for p, _ in found]
    if not port_list and req.cluster_ip != "None":
        raise errors.MklError("couldn't find port via --port flag or introspection")
    ports = []
    for i, text in enumerate(port_list):
        try:
            num = int(text)
        except ValueError:
            raise errors.MklError(f'strconv.Atoi: parsing "{text}": invalid syntax') from None
        p: Obj = {"name": f"port-{i + 1}"} if len(port_list) > 1 else {}
        p["protocol"] = req.protocol or protocols.get(text, "TCP")
        p["port"] = num
        target = req.target_port or text
        p["targetPort"] = int(target) if target.isdigit() else target
        ports.append(p)
    return ports


def _spec(ports: list[Obj], selector: dict[str, str], req: Request) -> Obj:
    """The Service spec: ports, selector and the optional type, IPs and session affinity."""
    spec: Obj = {"ports": ports} if ports else {}
    spec["selector"] = dict(sorted(selector.items()))
    if req.cluster_ip:
        spec["clusterIP"] = req.cluster_ip
    if req.type:
        spec["type"] = req.type
    if req.external_ip:
        spec["externalIPs"] = [req.external_ip]
    if req.session_affinity:
        if req.session_affinity not in ("None", "ClientIP"):
            raise errors.MklError(f"unknown session affinity: {req.session_affinity}")
        spec["sessionAffinity"] = req.session_affinity
    return spec


def run(
    cluster: Cluster,
    found: list[targets.Found],
    req: Request,
    cause: str | None,
    dry: str,
    ns_flag: str | None,
    manager: str = "kubectl-expose",
) -> list[Obj]:
    """ExposeServiceOptions.RunExpose: one Service per object, as stored (or as it would be)."""
    results: list[Obj] = []
    for f in found:
        svc = service(f.kind, f.obj, req)
        if cause:
            o.set_annotation(svc, o.CHANGE_CAUSE_ANNOTATION, cause)
        if dry == "client":  # never sent: no defaults, no clusterIP (namespace only with -n)
            if not ns_flag:
                svc["metadata"].pop("namespace", None)
            results.append(svc)
        else:
            results.append(
                apiserver.create(cluster, "Service", svc, dry_run=dry == "server", manager=manager)
            )
    return results


@dataclass(frozen=True, slots=True)
class ExposeOptions:
    """Port of ExposeServiceOptions after Complete (cmd/expose/expose.go)."""

    request: Request
    namespace: str | None
    cause: str | None
    dry_run: str
    manager: str = "kubectl-expose"  # --field-manager

    @classmethod
    def complete(cls, flags: options.Flags, cause: str | None) -> ExposeOptions:
        dry_run = options.dry_run(flags)

        def text(name: str) -> str:
            return str(flags.flag(name) or "")

        request = Request(
            port=text("port"),
            target_port=text("target-port"),
            type=text("type"),
            name=text("name"),
            protocol=text("protocol"),
            selector=text("selector"),
            labels=text("labels"),
            cluster_ip=text("cluster-ip"),
            external_ip=text("external-ip"),
            session_affinity=text("session-affinity"),
        )
        return cls(
            request=request,
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=dry_run,
            manager=options.field_manager(flags, "kubectl-expose"),
        )

    def validate(self) -> list[errors.MklError]:
        return []  # the generator's checks need the object (service())

    def run(
        self, cluster: Cluster, sel: targets.Selection
    ) -> tuple[list[Obj], list[errors.MklError]]:
        """RunExpose: the Services (as stored, or as they would be) and the lookups that failed."""
        if sel.has_files:  # RunExpose takes the objects as the files hold them (no GET)
            ns = self.namespace
            found = [
                targets.Found(m.kind, _in_namespace(m.obj, targets.file_namespace(cluster, m, ns)))
                for m in sel.docs
            ]
            errs: list[errors.MklError] = []
        else:
            found, errs = targets.visit(cluster, sel, self.namespace)
        done = run(
            cluster, found, self.request, self.cause, self.dry_run, self.namespace, self.manager
        )
        return done, errs


def _in_namespace(obj: Obj, namespace: str) -> Obj:
    out = o.deepcopy(obj)
    o.meta(out)["namespace"] = namespace
    return out
