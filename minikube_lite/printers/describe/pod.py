"""describe.go: the pod template block (DescribePodTemplate) and ``describe pod``."""

from __future__ import annotations

from minikube_lite.api import quantity as qty
from minikube_lite.api.objects import Obj
from minikube_lite.printers.describe.containers import (
    describe_containers,
    describe_resources,
    describe_topology,
    describe_volumes,
)
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    maybe_events,
    meta,
    print_annotations,
    print_controller,
    print_labels,
    print_tolerations,
    rfc1123z,
    tabbed,
    time_since,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
__all__ = ["describe_pod", "describe_pod_template", "qos_class"]


# --------------------------------------------------------------------------- pod template


def describe_pod_template(template: Obj | None, w: PrefixWriter) -> None:
    """Mirrors DescribePodTemplate."""
    w.write(0, "Pod Template:\n")
    if template is None:
        w.write(1, "<unset>")
        return
    md, spec = template.get("metadata") or {}, template.get("spec") or {}
    print_labels(w, "  Labels", md.get("labels"))
    if md.get("annotations"):
        print_annotations(w, "  Annotations", md["annotations"])
    if spec.get("serviceAccountName"):
        w.write(1, f"Service Account:\t{spec['serviceAccountName']}\n")
    if spec.get("initContainers"):
        describe_containers("Init Containers", spec["initContainers"], None, None, w, "  ")
    describe_containers("Containers", spec.get("containers") or [], None, None, w, "  ")
    describe_volumes(spec.get("volumes"), w, "  ")
    describe_topology(spec.get("topologySpreadConstraints"), w, "  ")
    if spec.get("priorityClassName"):
        w.write(1, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    print_labels(w, "  Node-Selectors", spec.get("nodeSelector"))
    print_tolerations(w, "  Tolerations", spec.get("tolerations"))


# --------------------------------------------------------------------------- pod


def _resolver(pod: Obj) -> Callable[[Obj], str]:
    """Mirrors EnvValueRetriever: the value of a fieldRef for this pod."""
    import re

    def resolve(ref: Obj) -> str:
        path = ref.get("fieldPath", "")
        md, spec, st = meta(pod), pod.get("spec") or {}, pod.get("status") or {}
        m = re.fullmatch(r"metadata\.(labels|annotations)\['(.*)'\]", path)
        if m:
            return str((md.get(m.group(1)) or {}).get(m.group(2), ""))
        simple = {
            "metadata.name": md.get("name"),
            "metadata.namespace": md.get("namespace"),
            "metadata.uid": md.get("uid"),
            "spec.nodeName": spec.get("nodeName"),
            "spec.serviceAccountName": spec.get("serviceAccountName"),
            "status.hostIP": st.get("hostIP"),
            "status.podIP": st.get("podIP"),
            "status.podIPs": ",".join(i.get("ip", "") for i in st.get("podIPs") or []),
            "status.hostIPs": ",".join(i.get("ip", "") for i in st.get("hostIPs") or []),
        }
        return str(simple.get(path) or "")

    return resolve


def qos_class(pod: Obj) -> str:
    """Mirrors qos.GetPodQOS / ComputePodQOS (status.qosClass when set)."""
    st = pod.get("status") or {}
    if st.get("qosClass"):
        qos: str = st["qosClass"]
        return qos
    spec = pod.get("spec") or {}
    sums: dict[str, dict[str, int]] = {"requests": {}, "limits": {}}
    guaranteed = True
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        res = c.get("resources") or {}
        for key in ("requests", "limits"):
            for name, raw in (res.get(key) or {}).items():
                q = qty.parse_field(raw)
                if name in ("cpu", "memory") and q is not None and q.sign() > 0:
                    sums[key][name] = sums[key].get(name, 0) + q.nanos
        found = {
            n
            for n, raw in (res.get("limits") or {}).items()
            if (q := qty.parse_field(raw)) is not None and q.sign() > 0
        }
        if not {"cpu", "memory"} <= found:
            guaranteed = False
    requests, limits = sums["requests"], sums["limits"]
    if not requests and not limits:
        return "BestEffort"
    if (
        guaranteed
        and all(limits.get(n) == v for n, v in requests.items())
        and len(requests) == len(limits)
    ):
        return "Guaranteed"
    return "Burstable"


def _pod_header(pod: Obj, w: PrefixWriter, now: float) -> None:
    md, spec, st = meta(pod), pod.get("spec") or {}, pod.get("status") or {}
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    if spec.get("priority") is not None:
        w.write(0, f"Priority:\t{int(spec['priority'])}\n")
    if spec.get("priorityClassName"):
        w.write(0, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    if spec.get("runtimeClassName"):
        w.write(0, f"Runtime Class Name:\t{spec['runtimeClassName']}\n")
    if spec.get("serviceAccountName"):
        w.write(0, f"Service Account:\t{spec['serviceAccountName']}\n")
    node = spec.get("nodeName")
    w.write(0, f"Node:\t{node}/{st.get('hostIP', '')}\n" if node else "Node:\t<none>\n")
    if st.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(st['startTime'])}\n")
    print_labels(w, "Labels", md.get("labels"))
    print_annotations(w, "Annotations", md.get("annotations"))
    if md.get("deletionTimestamp") and st.get("phase") not in ("Failed", "Succeeded"):
        w.write(0, f"Status:\tTerminating (lasts {time_since(now, md['deletionTimestamp'])})\n")
        w.write(
            0, f"Termination Grace Period:\t{int(md.get('deletionGracePeriodSeconds') or 0)}s\n"
        )
    else:
        w.write(0, f"Status:\t{st.get('phase', '')}\n")
    for title, key in (("Reason", "reason"), ("Message", "message")):
        if st.get(key):
            w.write(0, f"{title}:\t{st[key]}\n")


def _pod_network(pod: Obj, w: PrefixWriter) -> None:
    spec, st = pod.get("spec") or {}, pod.get("status") or {}
    seccomp = (spec.get("securityContext") or {}).get("seccompProfile")
    if seccomp:
        w.write(0, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
        if seccomp.get("type") == "Localhost":
            w.write(0, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")
    w.write(0, f"IP:\t{st.get('podIP', '')}\n")
    ips = st.get("podIPs") or []
    if not ips:
        w.write(0, "IPs:\t<none>\n")
    else:
        w.write(0, "IPs:\n")
        for ip in ips:
            w.write(1, f"IP:\t{ip.get('ip', '')}\n")
    controlled = print_controller(pod)
    if controlled:
        w.write(0, f"Controlled By:\t{controlled}\n")
    if st.get("nominatedNodeName"):
        w.write(0, f"NominatedNodeName:\t{st['nominatedNodeName']}\n")
    if spec.get("resources") is not None:
        w.write(0, "Resources:\n")
        describe_resources(spec["resources"], w, 1)


def _pod_conditions(pod: Obj, w: PrefixWriter) -> None:
    spec, st = pod.get("spec") or {}, pod.get("status") or {}
    conds = st.get("conditions") or []
    gates = spec.get("readinessGates") or []
    if gates:
        w.write(0, "Readiness Gates:\n  Type\tStatus\n")
        for g in gates:
            found = next((c for c in conds if c.get("type") == g.get("conditionType")), None)
            w.write(
                1,
                f"{g.get('conditionType', '')} \t"
                f"{found.get('status', '') if found else '<none>'} \n",
            )
    if conds:
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for c in conds:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')} \n")


def describe_pod(pod: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describePod."""
    w = PrefixWriter()
    spec, st = pod.get("spec") or {}, pod.get("status") or {}
    _pod_header(pod, w, now)
    _pod_network(pod, w)
    resolve = _resolver(pod)
    if spec.get("initContainers"):
        describe_containers(
            "Init Containers",
            spec["initContainers"],
            st.get("initContainerStatuses"),
            resolve,
            w,
            "",
        )
    describe_containers(
        "Containers", spec.get("containers") or [], st.get("containerStatuses"), resolve, w, ""
    )
    if spec.get("ephemeralContainers"):
        describe_containers(
            "Ephemeral Containers",
            spec["ephemeralContainers"],
            st.get("ephemeralContainerStatuses"),
            resolve,
            w,
            "",
        )
    _pod_conditions(pod, w)
    describe_volumes(spec.get("volumes"), w, "")
    w.write(0, f"QoS Class:\t{qos_class(pod)}\n")
    print_labels(w, "Node-Selectors", spec.get("nodeSelector"))
    print_tolerations(w, "Tolerations", spec.get("tolerations"))
    describe_topology(spec.get("topologySpreadConstraints"), w, "")
    maybe_events(w, ctx, now)
    return tabbed(w)
