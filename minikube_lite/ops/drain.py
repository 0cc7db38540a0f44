"""``drain``: cordon, then evict (or delete) the node's pods, with kubectl's filters and texts.

Ports ``staging/src/k8s.io/kubectl/pkg/drain/filters.go`` (``makeFilters``: ``skipDeletedFilter``,
``daemonSetFilter``, ``mirrorPodFilter``, ``localStorageFilter``, ``unreplicatedFilter``;
``PodDeleteList.Warnings``/``errors``), ``pkg/drain/drain.go`` (``GetPodsForDeletion``,
``evictPods``/``deletePods``) and ``staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go``
(``RunDrain``, ``deleteOrEvictPodsSimple``).  An eviction here is the API server's: authorized as
``create pods/eviction``, then store/eviction.py (the pod's PodDisruptionBudget may refuse it
with 429, which cli/cmd_node.py retries every EVICT_RETRY_DELAY).  The
wait for the pods to go is cli/cmd_drain.py's (the clock has to move).  Nothing here prints.
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import nodes, options, resources
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

POD = kinds.KINDS["Pod"]
EVICT_RETRY_DELAY = 5.0  # drain.Helper.EvictErrorRetryDelay as kubectl drain sets it
DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods"
LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)"
LOCAL_STORAGE_WARNING = "deleting Pods with local storage"
UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)"
UNMANAGED_WARNING = "deleting Pods that declare no controller"
MIRROR_ANNOTATION = "kubernetes.io/config.mirror"

# A filter's verdict: (delete, reason "Okay"|"Skip"|"Warning"|"Error", message)
Status = tuple[bool, str, str]
OKAY: Status = (True, "Okay", "")
SKIP: Status = (False, "Skip", "")


@dataclass(frozen=True, slots=True)
class DrainOptions:
    """Port of drain.Helper's settings after Complete."""

    cordon: nodes.CordonOptions
    force: bool
    ignore_daemonsets: bool
    delete_emptydir_data: bool
    grace_period: int
    timeout: float  # seconds; 0: no limit
    pod_selector: str
    disable_eviction: bool
    skip_wait_seconds: int

    @classmethod
    def complete(cls, flags: options.Flags, command_path: str | None = None) -> DrainOptions:
        """``command_path``: for pflag's ``See '... --help' for usage.`` on a bad --timeout."""
        raw = flags.flag("timeout") or "0s"
        try:
            timeout = clock.parse_duration(str(raw))
        except ValueError as e:
            raise errors.UsageError(
                f'invalid argument "{raw}" for "--timeout" flag: {e}', command_path, flag_error=True
            ) from None
        return cls(
            nodes.CordonOptions.complete(flags, "drain"),
            bool(flags.flag("force")),
            bool(flags.flag("ignore-daemonsets")),
            bool(flags.flag("delete-emptydir-data") or flags.flag("delete-local-data")),
            int(flags.flag("grace-period")),
            float(timeout),
            flags.flag("pod-selector") or "",
            bool(flags.flag("disable-eviction")),
            int(flags.flag("skip-wait-for-delete-timeout") or 0),
        )

    def validate(self) -> list[errors.MklError]:
        """Complete's check of --pod-selector (the node arguments: ``cordon.validate()``)."""
        if self.pod_selector:
            from minikube_lite.api import labels

            try:
                labels.parse_selector(self.pod_selector)
            except errors.MklError:
                return [
                    errors.MklError("--pod-selector=<pod_selector> must be a valid label selector")
                ]
        return []

    # -- GetPodsForDeletion ------------------------------------------------------------------

    def pods_for_deletion(self, cluster: Cluster, node: str) -> tuple[list[Obj], str, list[str]]:
        """(pods to evict, the Warnings() line, the errors()); pods in list order."""
        from minikube_lite.api import labels

        resources.authorize(cluster, "list", POD, None)  # pods across namespaces, by node
        sel = labels.parse_selector(self.pod_selector) if self.pod_selector else None
        verdicts: list[tuple[Obj, Status]] = []
        for pod in cluster.list("Pod"):
            if (pod.get("spec") or {}).get("nodeName") != node:
                continue
            if sel is not None and not sel.matches(o.labels(pod)):
                continue
            verdicts.append((pod, self._filter(cluster, pod)))
        pods = [p for p, (delete, _, _) in verdicts if delete]
        return pods, _grouped(verdicts, "Warning", "; "), _errors(verdicts)

    def _filter(self, cluster: Cluster, pod: Obj) -> Status:
        """makeFilters, in order; the first that keeps the pod decides."""
        status = OKAY
        for f in (
            self._skip_deleted,
            self._daemon_set,
            _mirror,
            self._local_storage,
            self._unreplicated,
        ):
            status = f(cluster, pod)
            if not status[0]:
                break
        return status

    def _skip_deleted(self, cluster: Cluster, pod: Obj) -> Status:
        return SKIP if should_skip(cluster, pod, self.skip_wait_seconds) else OKAY

    def _daemon_set(self, cluster: Cluster, pod: Obj) -> Status:
        """No DaemonSets are simulated: a DaemonSet-owned pod's owner is never found."""
        ref = o.controller_ref(pod)
        if ref is None or ref.get("kind") != "DaemonSet" or _finished(pod):
            return OKAY
        msg = f'daemonsets.apps "{ref.get("name", "")}" not found'
        return (True, "Warning", msg) if self.force else (False, "Error", msg)

    def _local_storage(self, cluster: Cluster, pod: Obj) -> Status:
        volumes = (pod.get("spec") or {}).get("volumes") or []
        if not any(isinstance(v, dict) and "emptyDir" in v for v in volumes) or _finished(pod):
            return OKAY
        if not self.delete_emptydir_data:
            return (False, "Error", LOCAL_STORAGE_FATAL)
        return (True, "Warning", LOCAL_STORAGE_WARNING)

    def _unreplicated(self, cluster: Cluster, pod: Obj) -> Status:
        if _finished(pod) or o.controller_ref(pod) is not None:
            return OKAY
        if self.force:
            return (True, "Warning", UNMANAGED_WARNING)
        return (False, "Error", UNMANAGED_FATAL)

    # -- DeleteOrEvictPods -------------------------------------------------------------------

    def evict(self, cluster: Cluster, pod: Obj, dry_server: bool) -> None:
        """One eviction (``create pods/eviction``, then a graceful DELETE with the eviction's
        grace period) or, with --disable-eviction, one DELETE.  A pod already gone is fine."""
        ns, name = o.namespace(pod), o.name(pod)
        cur = cluster.get("Pod", ns, name)
        if getattr(cluster, "user", None) is not None:
            from minikube_lite.store.rbac import rbac

            if self.disable_eviction:
                rbac.check(cluster, "delete", POD, ns, name)
            else:
                rbac.check(cluster, "create", POD, ns, name, "eviction")
        if cur is None or o.uid(cur) != o.uid(pod):
            return
        grace = None if self.grace_period < 0 else self.grace_period
        if self.disable_eviction:
            if not dry_server:
                apiserver.delete_pod(cluster, cur, grace=grace)
            return
        from minikube_lite.store import eviction

        eviction.evict(cluster, cur, grace, dry_server)


def should_skip(cluster: Cluster, pod: Obj, seconds: int) -> bool:
    """shouldSkipPod: deleting for longer than --skip-wait-for-delete-timeout seconds."""
    ts = clock.parse_time(o.meta(pod).get("deletionTimestamp"))
    return seconds > 0 and ts is not None and int(cluster.now - ts) > seconds


def _finished(pod: Obj) -> bool:
    return (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed")


def _mirror(cluster: Cluster, pod: Obj) -> Status:
    return SKIP if MIRROR_ANNOTATION in o.annotations(pod) else OKAY


def _grouped(verdicts: list[tuple[Obj, Status]], reason: str, sep: str) -> str:
    """``message: ns/a, ns/b`` per message (Go's map order is random; first seen here)."""
    groups: dict[str, list[str]] = {}
    for pod, (_, r, msg) in verdicts:
        if r == reason:
            groups.setdefault(msg, []).append(f"{o.namespace(pod)}/{o.name(pod)}")
    return sep.join(f"{m}: {', '.join(ps)}" for m, ps in groups.items())


def _errors(verdicts: list[tuple[Obj, Status]]) -> list[str]:
    """PodDeleteList.errors: ``cannot delete <message>: ns/a, ns/b`` per message."""
    groups: dict[str, list[str]] = {}
    for pod, (_, r, msg) in verdicts:
        if r == "Error":
            groups.setdefault(msg or "unexpected error", []).append(
                f"{o.namespace(pod)}/{o.name(pod)}"
            )
    out = []
    for msg, pods in groups.items():
        head = msg if msg.lower().startswith("cannot delete") else f"cannot delete {msg}"
        out.append(f"{head}: {', '.join(pods)}")
    return out


def aggregate(msgs: list[str]) -> str:
    """utilerrors.NewAggregate(...).Error(): one message as it is, several in brackets."""
    return msgs[0] if len(msgs) == 1 else "[" + ", ".join(msgs) + "]"


def pending(cluster: Cluster, pods: list[Obj]) -> list[Obj]:
    """waitForDelete's look: the pods still there under the same uid."""
    out = []
    for p in pods:
        cur = cluster.get("Pod", o.namespace(p), o.name(p))
        if cur is not None and o.uid(cur) == o.uid(p):
            out.append(p)
    return out
