"""Which container instance runs in a pod, and what its process does: the runtime's view [SIM].

The kubelet's record is the truth for the pods it runs
(``controllers/kubelet/kubelet.py running_plan``); the rest is read from the pod's
``containerStatuses``.  The exec context, the network model and
``logs`` all ask here, so none of them needs another.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.sandbox import images
from minikube_lite.store.cluster import Cluster


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
    from minikube_lite.controllers.kubelet import containers as kubelet_containers

    prof = profile_of(cluster, str(container.get("image", "")))
    return kubelet_containers.plan_for(cluster, pod, container, prof) if prof is not None else None


def running(cluster: Cluster, pod: Obj, container: Obj) -> tuple[images.Plan, float] | None:
    """(plan, uptime) of the container's running process, None when nothing runs.

    The kubelet's record is the truth for pods it runs; a pod it never saw (tests that write
    status by hand) is judged by its ``containerStatuses``.
    """
    rec = cluster.state.get("kubelet", {}).get(f"{o.namespace(pod)}/{o.name(pod)}")
    if rec is not None and rec.get("uid") == o.uid(pod):
        from minikube_lite.controllers.kubelet import kubelet

        return kubelet.running_plan(cluster, pod, container.get("name"))
    start = started_at(pod, str(container.get("name", "")))
    plan = plan_of(cluster, pod, container) if start is not None else None
    return (plan, cluster.now - start) if plan is not None and start is not None else None


def hostname_of(pod: Obj) -> str:
    return str(pod.get("spec", {}).get("hostname") or o.name(pod))[:63]
