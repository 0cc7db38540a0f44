"""``cluster-info dump``: the nodes, each namespace's workload lists and every pod's logs.

Port of kubectl ``cmd/clusterinfo/clusterinfo_dump.go`` (ClusterInfoDumpOptions.Complete, Run,
setupOutputWriter's file names, printContainer).  ``run`` only reads the cluster: it returns the
chunks in the order upstream writes them, each with the file it goes to under
``--output-directory``; the CLI prints them (one printer for the run) or writes the files.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import logs, options, resources
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

FORMATS = ("json", "yaml")
NO_PRINTER = (
    'unable to match a printer suitable for the output format "{fmt}", allowed formats are: '
    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,"
    "template,templatefile,yaml"
)
# (kind, file name) per namespace, in Run's order; DaemonSet is not served by mkl: its List is
# the empty one a cluster without any prints.
NAMESPACED = (
    ("Event", "events"),
    ("ReplicationController", "replication-controllers"),
    ("Service", "services"),
    ("DaemonSet", "daemonsets"),
    ("Deployment", "deployments"),
    ("ReplicaSet", "replicasets"),
    ("Pod", "pods"),
)
_API_VERSION = {"DaemonSet": "apps/v1"}


@dataclass(frozen=True, slots=True)
class Chunk:
    """What the dump writes, and the file (relative to --output-directory) it goes to: a
    List for the printer (``doc``) or a pod's log text."""

    path: str
    doc: Obj | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class DumpOptions:
    """Port of ClusterInfoDumpOptions after Complete."""

    output: str
    output_dir: str
    all_namespaces: bool
    namespaces: tuple[str, ...]
    namespace: str | None  # -n (else the context's namespace)
    show_managed_fields: bool

    @classmethod
    def complete(cls, flags: options.Flags) -> DumpOptions:
        fmt = str(flags.flag("output") or "json")
        if fmt not in FORMATS:
            raise errors.MklError(NO_PRINTER.format(fmt=fmt))
        return cls(
            output=fmt,
            output_dir=str(flags.flag("output-directory") or ""),
            all_namespaces=bool(flags.flag("all-namespaces")),
            namespaces=tuple(flags.flag("namespaces") or ()),
            namespace=flags.flag("namespace"),
            show_managed_fields=bool(flags.flag("show-managed-fields")),
        )

    @property
    def to_stdout(self) -> bool:
        """setupOutputWriter: an empty directory or ``-`` means stdout."""
        return self.output_dir in ("", "-")

    def run(self, cluster: Cluster) -> list[Chunk]:
        """Port of Run: the nodes, then per namespace its lists and its pods' logs."""
        ext = "." + self.output
        nodes = resources.list_kind(cluster, kinds.KINDS["Node"], None)
        out = [Chunk("nodes" + ext, typed_list(cluster, "Node", nodes))]
        for ns in self._namespaces(cluster):
            pods: list[Obj] = []
            for kind, file in NAMESPACED:
                items = _items(cluster, kind, ns)
                pods = items if kind == "Pod" else pods
                out.append(Chunk(f"{ns}/{file}{ext}", typed_list(cluster, kind, items)))
            out += [Chunk(f"{ns}/{o.name(p)}/logs.txt", text=pod_logs(cluster, p)) for p in pods]
        return out

    def _namespaces(self, cluster: Cluster) -> list[str]:
        """-A: every namespace; else --namespaces; else kube-system and the current one."""
        if self.all_namespaces:
            ns_kind = kinds.KINDS["Namespace"]
            return [o.name(n) for n in resources.list_kind(cluster, ns_kind, None)]
        if self.namespaces:
            return list(self.namespaces)
        return ["kube-system", resources.current_namespace(cluster, self.namespace)]


def _items(cluster: Cluster, kind: str, ns: str) -> list[Obj]:
    k = kinds.KINDS.get(kind)
    return [] if k is None else resources.list_kind(cluster, k, ns)


def typed_list(cluster: Cluster, kind: str, items: list[Obj]) -> Obj:
    """A typed client's ``<Kind>List``: the list's kind and version set by the printer's type
    setter, the items without theirs (a typed list's items carry no TypeMeta)."""
    k = kinds.KINDS.get(kind)
    return {  # the Go struct's field order (the JSON printer keeps it; YAML sorts)
        "kind": kind + "List",
        "apiVersion": k.api_version if k else _API_VERSION.get(kind, "v1"),
        "metadata": {"resourceVersion": str(cluster.resource_version)},
        "items": [{f: v for f, v in x.items() if f not in ("apiVersion", "kind")} for x in items],
    }


def pod_logs(cluster: Cluster, pod: Obj) -> str:
    """printContainer for each init container, then each container: the START line, the
    container's log (as ``logs POD -c C`` reads it), the END line."""
    spec = pod.get("spec", {})
    parts: list[str] = []
    for c in [*(spec.get("initContainers") or ()), *(spec.get("containers") or ())]:
        what = f"container {c.get('name', '')} of pod {o.namespace(pod)}/{o.name(pod)}"
        parts.append(f"==== START logs for {what} ====\n")
        parts.append(_container_log(cluster, pod, c))
        parts.append(f"==== END logs for {what} ====\n")
    return "".join(parts)


def _container_log(cluster: Cluster, pod: Obj, container: Obj) -> str:
    try:
        inst = logs.instance(pod, str(container.get("name", "")), False)
    except errors.MklError as e:
        return f"Request log error: {e.message}\n"
    if inst is None:
        return ""
    return logs.render(logs.lines(cluster, pod, container, inst), logs.Options(), cluster.now)
