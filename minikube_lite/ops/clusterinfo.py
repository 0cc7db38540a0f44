"""``cluster-info`` and ``top``: where the control plane is, and why there are no metrics.

Ports of kubectl ``cmd/clusterinfo/clusterinfo.go`` (ClusterInfoOptions.Run, printService) and
``cmd/top/top_pod.go`` / ``top_node.go`` (Validate, then the discovery check
SupportedMetricsAPIVersionAvailable).  The simulated cluster runs no metrics-server, so ``top``
ends as it does on a cluster without one.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import labels
from minikube_lite.api import objects as o
from minikube_lite.ops import config, options
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

CLUSTER_SERVICE_LABEL = "kubernetes.io/cluster-service"
DUMP_HINT = "\nTo further debug and diagnose cluster problems, use '{prog} cluster-info dump'.\n"
NO_METRICS = "Metrics API not available"


def print_service(name: str, link: str) -> str:
    """Port of printService: ``NAME is running at LINK`` (kubectl 1.37 prints no colours, on a
    terminal or not)."""
    return f"{name} is running at {link}\n"


def cluster_info(cluster: Cluster, namespace: str | None, prog: str) -> str:
    """Port of ClusterInfoOptions.Run: the API server, then each cluster service of the
    namespace (kube-system unless ``-n``) with its API-server proxy URL."""
    ns = namespace or "kube-system"
    out = print_service("Kubernetes control plane", config.SERVER)
    for svc in cluster.list("Service", ns):
        if o.labels(svc).get(CLUSTER_SERVICE_LABEL) != "true":
            continue
        name = o.labels(svc).get("kubernetes.io/name") or o.name(svc)
        for port in svc.get("spec", {}).get("ports") or []:
            ref = o.name(svc) + (f":{port['name']}" if port.get("name") else "")
            link = f"{config.SERVER}/api/v1/namespaces/{ns}/services/{ref}/proxy"
            out += print_service(name, link)
    return out + DUMP_HINT.format(prog=prog)


@dataclass(frozen=True, slots=True)
class TopOptions:
    """Port of TopPodOptions / TopNodeOptions after Complete (the checks before any metrics)."""

    name: str | None
    selector: str | None
    sort_by: str

    @classmethod
    def complete(cls, flags: options.Flags) -> TopOptions:
        return cls(
            name=flags.args[0] if flags.args else None,
            selector=flags.flag("selector"),
            sort_by=str(flags.flag("sort-by") or ""),
        )

    def validate(self, pods: bool) -> list[errors.MklError]:
        """Port of TopPodOptions.Validate (TopNodeOptions: no NAME with -l check)."""
        errs: list[errors.MklError] = []
        if self.sort_by and self.sort_by not in ("cpu", "memory"):
            errs.append(errors.MklError("--sort-by accepts only cpu or memory"))
        if pods and self.name and self.selector:
            errs.append(errors.MklError("only one of NAME or selector can be provided"))
        return errs

    def run(self) -> None:
        """RunTopPod / RunTopNode: the selector is parsed, then discovery finds no metrics.k8s.io
        group."""
        if self.selector:
            labels.parse_selector(self.selector)
        raise errors.MklError(NO_METRICS)
