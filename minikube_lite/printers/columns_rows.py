"""``get`` row cells for every kind but Pod (printers.go print<Kind>), plus the label/selector
formatting helpers they share."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.clock import age, human_duration, parse_time, rfc3339
from minikube_lite.printers.columns_pod import _meta, _spec, _status, pod_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Row = Callable[[dict[str, Any], float, bool], list[str]]


# --------------------------------------------------------------------------- small helpers


def _int(v: Any) -> str:
    return str(int(v or 0))


def _created(o: Obj, now: float) -> str:
    return age(now, _meta(o).get("creationTimestamp"))


def format_labels(labels: dict[str, str] | None) -> str:
    """Mirrors labels.FormatLabels: ``k=v`` sorted by key, ``<none>`` when empty."""
    if not labels:
        return "<none>"
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels))


_OPS = {"In": " in ", "NotIn": " notin "}


def selector_string(sel: Obj | None) -> str:
    """Mirrors LabelSelectorAsSelector(sel).String(); raises ValueError on a bad operator."""
    if not sel:
        return ""
    reqs: list[tuple[str, str]] = []
    for k, v in (sel.get("matchLabels") or {}).items():
        reqs.append((k, f"{k}={v}"))
    for e in sel.get("matchExpressions") or []:
        key, op, values = e.get("key", ""), e.get("operator"), sorted(set(e.get("values") or []))
        if op in _OPS:
            if not values:
                raise ValueError(
                    f"values: Invalid value: {values}: "
                    "for 'in', 'notin' operators, values set can't be empty"
                )
            reqs.append((key, f"{key}{_OPS[op]}({','.join(values)})"))
        elif op == "Exists":
            reqs.append((key, key))
        elif op == "DoesNotExist":
            reqs.append((key, "!" + key))
        else:
            raise ValueError(f'"{op}" is not a valid label selector operator')
    reqs.sort(key=lambda r: r[0])
    return ",".join(r[1] for r in reqs)


def format_label_selector(sel: Obj | None) -> str:
    """Mirrors metav1.FormatLabelSelector: ``<none>`` when empty, ``<error>`` when invalid."""
    try:
        text = selector_string(sel)
    except ValueError:
        return "<error>"
    return text or "<none>"


def _containers_cells(template_spec: Obj) -> list[str]:
    """Mirrors layoutContainerCells: names and images joined by ``,``."""
    cs = template_spec.get("containers") or []
    return [",".join(c.get("name", "") for c in cs), ",".join(c.get("image", "") for c in cs)]


# --------------------------------------------------------------------------- workloads


def _deployment_row(d: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printDeployment."""
    spec, st = _spec(d), _status(d)
    replicas = spec.get("replicas", 1)
    cells = [
        _meta(d).get("name", ""),
        f"{int(st.get('readyReplicas') or 0)}/{int(replicas or 0)}",
        _int(st.get("updatedReplicas")),
        _int(st.get("availableReplicas")),
        _created(d, now),
    ]
    if wide:
        try:
            sel = selector_string(spec.get("selector"))
        except ValueError:
            sel = "<invalid>"
        cells += [*_containers_cells(_spec(spec.get("template") or {})), sel]
    return cells


def _replica_cells(rs: Obj, now: float) -> list[str]:
    """NAME DESIRED CURRENT READY AGE of a ReplicaSet or a ReplicationController."""
    spec, st = _spec(rs), _status(rs)
    return [
        _meta(rs).get("name", ""),
        _int(spec.get("replicas", 1)),
        _int(st.get("replicas")),
        _int(st.get("readyReplicas")),
        _created(rs, now),
    ]


def _replicaset_row(rs: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printReplicaSet."""
    spec = _spec(rs)
    cells = _replica_cells(rs, now)
    if wide:
        template_spec = _spec(spec.get("template") or {})
        cells += [*_containers_cells(template_spec), format_label_selector(spec.get("selector"))]
    return cells


def _replication_controller_row(rc: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printReplicationController: a ReplicaSet's row with a label-map selector."""
    cells = _replica_cells(rc, now)
    if wide:
        spec = _spec(rc)
        template_spec = _spec(spec.get("template") or {})
        cells += [*_containers_cells(template_spec), format_labels(spec.get("selector"))]
    return cells


def _statefulset_row(sts: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printStatefulSet."""
    spec, st = _spec(sts), _status(sts)
    replicas = spec.get("replicas", 1)
    cells = [
        _meta(sts).get("name", ""),
        f"{int(st.get('readyReplicas') or 0)}/{int(replicas or 0)}",
        _created(sts, now),
    ]
    if wide:
        cells += _containers_cells(_spec(spec.get("template") or {}))
    return cells


def _controller_revision_row(cr: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printControllerRevision: the controller as ``statefulset.apps/web``."""
    ref = next((r for r in _meta(cr).get("ownerReferences") or () if r.get("controller")), None)
    controller = "<none>"
    if ref is not None:
        group = str(ref.get("apiVersion", "")).rpartition("/")[0]
        kind = str(ref.get("kind", "")) + (f".{group}" if group else "")
        controller = f"{kind.lower()}/{ref.get('name', '')}"
    return [_meta(cr).get("name", ""), controller, _int(cr.get("revision")), _created(cr, now)]


def _job_status(job: Obj) -> str:
    """printJob's STATUS: the first of Complete, Failed, Terminating, Suspended, FailureTarget
    that holds, else Running."""
    true = {
        c.get("type") for c in _status(job).get("conditions") or () if c.get("status") == "True"
    }
    if "Complete" in true:
        return "Complete"
    if "Failed" in true:
        return "Failed"
    if _meta(job).get("deletionTimestamp"):
        return "Terminating"
    for ctype in ("Suspended", "FailureTarget"):
        if ctype in true:
            return ctype
    return "Running"


def _job_row(job: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printJob: succeeded/completions (``of N`` for a work queue run in parallel), the
    duration from start to completion (or now)."""
    spec, st = _spec(job), _status(job)
    succeeded = int(st.get("succeeded") or 0)
    if spec.get("completions") is not None:
        completions = f"{succeeded}/{int(spec['completions'])}"
    elif int(spec.get("parallelism") or 0) > 1:
        completions = f"{succeeded}/1 of {int(spec['parallelism'])}"
    else:
        completions = f"{succeeded}/1"
    start, end = parse_time(st.get("startTime")), parse_time(st.get("completionTime"))
    duration = "" if start is None else human_duration((end if end is not None else now) - start)
    cells = [
        _meta(job).get("name", ""),
        _job_status(job),
        completions,
        duration,
        _created(job, now),
    ]
    if wide:
        template_spec = _spec(spec.get("template") or {})
        cells += [*_containers_cells(template_spec), format_label_selector(spec.get("selector"))]
    return cells


def _cronjob_row(cj: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printCronJob (printBoolPtr for SUSPEND, ``<none>`` for a missing time zone or
    schedule time)."""
    spec, st = _spec(cj), _status(cj)
    last = st.get("lastScheduleTime")
    suspend = spec.get("suspend")
    cells = [
        _meta(cj).get("name", ""),
        str(spec.get("schedule") or ""),
        "<none>" if spec.get("timeZone") is None else str(spec["timeZone"]),
        "<unset>" if suspend is None else ("True" if suspend else "False"),
        str(len(st.get("active") or [])),
        age(now, last) if last else "<none>",
        _created(cj, now),
    ]
    if wide:
        job_spec = _spec(spec.get("jobTemplate") or {})
        template_spec = _spec(job_spec.get("template") or {})
        cells += [
            *_containers_cells(template_spec),
            format_label_selector(job_spec.get("selector")),
        ]
    return cells


# --------------------------------------------------------------------------- services


def _lb_ingress(svc: Obj, wide: bool) -> str:
    """Mirrors loadBalancerStatusStringer (clipped to 16 bytes unless wide)."""
    found = set()
    for ing in (_status(svc).get("loadBalancer") or {}).get("ingress") or []:
        if ing.get("ip"):
            found.add(ing["ip"])
        elif ing.get("hostname"):
            found.add(ing["hostname"])
    text = ",".join(sorted(found))
    if not wide and len(text.encode()) > 16:
        text = text.encode()[:13].decode(errors="ignore") + "..."
    return text


def _external_ip(svc: Obj, wide: bool) -> str:
    """Mirrors getServiceExternalIP."""
    spec = _spec(svc)
    stype = spec.get("type")
    ext = spec.get("externalIPs") or []
    if stype in ("ClusterIP", "NodePort"):
        return ",".join(ext) if ext else "<none>"
    if stype == "LoadBalancer":
        lb = _lb_ingress(svc, wide)
        if ext:
            return ",".join([*(lb.split(",") if lb else []), *ext])
        return lb or "<pending>"
    if stype == "ExternalName":
        return spec.get("externalName") or ""
    return "<unknown>"


def _port_string(ports: list[Obj]) -> str:
    """Mirrors makePortString."""
    pieces = []
    for p in ports:
        proto = p.get("protocol", "")
        if int(p.get("nodePort") or 0) > 0:
            pieces.append(f"{p.get('port')}:{p['nodePort']}/{proto}")
        else:
            pieces.append(f"{p.get('port')}/{proto}")
    return ",".join(pieces)


def _service_row(svc: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printService."""
    spec = _spec(svc)
    ips = spec.get("clusterIPs") or []
    cells = [
        _meta(svc).get("name", ""),
        spec.get("type", ""),
        ips[0] if ips else "<none>",
        _external_ip(svc, wide),
        _port_string(spec.get("ports") or []) or "<none>",
        _created(svc, now),
    ]
    if wide:
        cells.append(format_labels(spec.get("selector")))
    return cells


def format_endpoints(ep: Obj, port_names: set[str] | None = None) -> str:
    """Mirrors printers.go formatEndpoints (``ip:port`` list, at most 3, then `` + N more...``)."""
    subsets = ep.get("subsets") or []
    if not subsets:
        return "<none>"
    out: list[str] = []
    count, more = 0, False
    for ss in subsets:
        addrs = ss.get("addresses") or []
        targets = [a.get("ip", "") for a in addrs]
        if ss.get("ports"):
            ports = [
                p for p in ss["ports"] if port_names is None or p.get("name", "") in port_names
            ]
            targets = [_join_host_port(ip, p.get("port")) for p in ports for ip in targets]
            count += len(addrs) * len(ports)
        else:
            count += len(addrs)
        for t in targets:
            if len(out) == 3:
                more = True
                break
            out.append(t)
    text = ",".join(out)
    return f"{text} + {count - 3} more..." if more else text


def _join_host_port(host: str, port: Any) -> str:
    """Mirrors net.JoinHostPort."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _endpoints_row(ep: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printEndpoints."""
    return [_meta(ep).get("name", ""), format_endpoints(ep), _created(ep, now)]


# --------------------------------------------------------------------------- cluster objects


def _namespace_row(ns: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printNamespace."""
    return [_meta(ns).get("name", ""), _status(ns).get("phase", ""), _created(ns, now)]


def node_roles(node: Obj) -> list[str]:
    """Mirrors findNodeRoles."""
    roles = set()
    for k, v in (_meta(node).get("labels") or {}).items():
        if k.startswith("node-role.kubernetes.io/") and k[len("node-role.kubernetes.io/") :]:
            roles.add(k[len("node-role.kubernetes.io/") :])
        elif k == "kubernetes.io/role" and v:
            roles.add(v)
    return sorted(roles)


def _node_address(node: Obj, kind: str) -> str:
    for a in _status(node).get("addresses") or []:
        if a.get("type") == kind:
            address: str = a.get("address", "")
            return address
    return "<none>"


def _node_row(node: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printNode."""
    st = _status(node)
    status = []
    ready = {c.get("type"): c for c in st.get("conditions") or []}.get("Ready")
    if ready is not None:
        status.append("Ready" if ready.get("status") == "True" else "NotReady")
    status = status or ["Unknown"]
    if _spec(node).get("unschedulable"):
        status.append("SchedulingDisabled")
    info = st.get("nodeInfo") or {}
    cells = [
        _meta(node).get("name", ""),
        ",".join(status),
        ",".join(node_roles(node)) or "<none>",
        _created(node, now),
        info.get("kubeletVersion", ""),
    ]
    if wide:
        cells += [_node_address(node, "InternalIP"), _node_address(node, "ExternalIP")]
        cells += [
            info.get(k) or "<unknown>"
            for k in ("osImage", "kernelVersion", "containerRuntimeVersion")
        ]
    return cells


def _event_row(ev: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printEvent."""
    first = ev.get("firstTimestamp")
    first_age = age(now, first) if first else age(now, ev.get("eventTime"))
    last = ev.get("lastTimestamp")
    last_age = age(now, last) if last else first_age
    count = int(ev.get("count") or 0)
    series = ev.get("series")
    if series is not None:
        last_age = age(now, series.get("lastObservedTime"))
        count = int(series.get("count") or 0)
    elif count == 0:
        count = 1
    inv = ev.get("involvedObject") or {}
    kind = (inv.get("kind") or "").lower()
    target = f"{kind}/{inv['name']}" if inv.get("name") else kind
    message = (ev.get("message") or "").strip()
    typ, reason = ev.get("type", ""), ev.get("reason", "")
    if not wide:
        return [last_age, typ, reason, target, message]
    return [
        last_age,
        typ,
        reason,
        target,
        inv.get("fieldPath", ""),
        _event_source(ev),
        message,
        first_age,
        str(count),
        _meta(ev).get("name", ""),
    ]


def _event_source(ev: Obj) -> str:
    """Mirrors formatEventSource."""
    src = ev.get("source") or {}
    component = (
        src.get("component") or ev.get("reportingComponent") or ev.get("reportingController") or ""
    )
    host = src.get("host") or ev.get("reportingInstance") or ""
    return f"{component}, {host}" if host else component


# pkg/printers/internalversion/printers.go puts AGE second (kubectl ≤1.32); kubernetes PR #129419
# (1.33) moved it last.
QUOTA_AGE_LAST = False


def _quota_row(q: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printResourceQuota (quantities in canonical form)."""
    from minikube_lite.api.quantity import field_text

    st = _status(q)
    hard, used = st.get("hard") or {}, st.get("used") or {}
    request: list[str] = []
    limit: list[str] = []
    for name in sorted(hard):
        pieces = name.split(".")
        target = limit if len(pieces) > 1 and pieces[0] == "limits" else request
        target.append(f"{name}: {field_text(used.get(name, '0'))}/{field_text(hard[name])}")
    cells = [_meta(q).get("name", ""), _created(q, now), ", ".join(request), ", ".join(limit)]
    return [cells[0], *cells[2:], cells[1]] if QUOTA_AGE_LAST else cells


def _sa_row(sa: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printServiceAccount."""
    return [_meta(sa).get("name", ""), str(len(sa.get("secrets") or [])), _created(sa, now)]


def _configmap_row(cm: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printConfigMap."""
    n = len(cm.get("data") or {}) + len(cm.get("binaryData") or {})
    return [_meta(cm).get("name", ""), str(n), _created(cm, now)]


def _secret_row(s: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printSecret."""
    return [
        _meta(s).get("name", ""),
        s.get("type", ""),
        str(len(s.get("data") or {})),
        _created(s, now),
    ]


def _binding_row(rb: Obj, now: float, wide: bool) -> list[str]:
    """Mirrors printRoleBinding / printClusterRoleBinding."""
    ref = rb.get("roleRef") or {}
    cells = [
        _meta(rb).get("name", ""),
        f"{ref.get('kind', '')}/{ref.get('name', '')}",
        _created(rb, now),
    ]
    if wide:
        users, groups, sas = [], [], []
        for s in rb.get("subjects") or []:
            if s.get("kind") == "ServiceAccount":
                sas.append(f"{s.get('namespace', '')}/{s.get('name', '')}")
            elif s.get("kind") == "User":
                users.append(s.get("name", ""))
            elif s.get("kind") == "Group":
                groups.append(s.get("name", ""))
        cells += [", ".join(users), ", ".join(groups), ", ".join(sas)]
    return cells


def _hpa_row(hpa: Obj, now: float, wide: bool) -> list[str]:
    """The HPA row of columns_hpa, imported only when an HPA is printed."""
    from minikube_lite.printers.columns_hpa import hpa_row

    return hpa_row(hpa, now, wide)


def _pdb_row(pdb: Obj, now: float, wide: bool) -> list[str]:
    """The policy kinds' rows (columns_policy, imported when one is printed)."""
    from minikube_lite.printers.columns_policy import pdb_row

    return pdb_row(pdb, now, wide)


def _pc_row(pc: Obj, now: float, wide: bool) -> list[str]:
    from minikube_lite.printers.columns_policy import pc_row

    return pc_row(pc, now, wide)


def _ingress_row(ing: Obj, now: float, wide: bool) -> list[str]:
    from minikube_lite.printers.columns_policy import ingress_row

    return ingress_row(ing, now, wide)


def _ingress_class_row(ic: Obj, now: float, wide: bool) -> list[str]:
    from minikube_lite.printers.columns_policy import ingress_class_row

    return ingress_class_row(ic, now, wide)


def _default_row(o: Obj, now: float, wide: bool) -> list[str]:
    """The apiserver's default table (rest.defaultTableConvertor): NAME, CREATED AT."""
    t = parse_time(_meta(o).get("creationTimestamp"))
    return [_meta(o).get("name", ""), rfc3339(t) if t is not None else "0001-01-01T00:00:00Z"]


_ROWS: dict[str, Row] = {
    "Deployment": _deployment_row,
    "ReplicaSet": _replicaset_row,
    "ReplicationController": _replication_controller_row,
    "Job": _job_row,
    "StatefulSet": _statefulset_row,
    "ControllerRevision": _controller_revision_row,
    "CronJob": _cronjob_row,
    "Pod": pod_row,
    "Service": _service_row,
    "Endpoints": _endpoints_row,
    "Namespace": _namespace_row,
    "Node": _node_row,
    "Event": _event_row,
    "ResourceQuota": _quota_row,
    "ServiceAccount": _sa_row,
    "ConfigMap": _configmap_row,
    "Secret": _secret_row,
    "RoleBinding": _binding_row,
    "ClusterRoleBinding": _binding_row,
    "HorizontalPodAutoscaler": _hpa_row,
    "PodDisruptionBudget": _pdb_row,
    "PriorityClass": _pc_row,
    "Ingress": _ingress_row,
    "IngressClass": _ingress_class_row,
}


def row_cells(kind: str, obj: Obj, now: float, wide: bool = False) -> list[str]:
    """The cells printers.go generates for one object (before namespace/label decoration)."""
    return _ROWS.get(kind, _default_row)(obj, now, wide)
