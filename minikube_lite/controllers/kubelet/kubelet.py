"""The simulated kubelet of node ``minikube`` (pkg/kubelet/kubelet.go syncPod,
pod_workers.go; timings: docs/architecture.md (Simulation decisions)).

One sync per pod key: accept a newly bound pod (its sandbox is ready ``SANDBOX_DELAY`` later:
volumes mounted, IP from 10.244.0.3 up), run the container lifecycle that is due (see
``containers``), write ``pod.status`` when it changed, and ask for a timer at the next
pending instant.  A pod being deleted gets ``Killing`` events and is removed once its processes
stopped: 1 s for images that honour SIGTERM, the grace period for those that ignore it.

Not modelled: init containers, sidecars, ephemeral containers, in-place resize, pod-level
``spec.containers[].image`` changes after start, node pressure/eviction.
"""

from __future__ import annotations

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.controllers.kubelet import containers as kc
from minikube_lite.controllers.kubelet import status as kubelet_status
from minikube_lite.sandbox import images
from minikube_lite.store import fieldmanager
from minikube_lite.store.cluster import Cluster

MIN_TERMINATION = 1.0  # [SIM] a process that honours SIGTERM is gone after 1 s


def _records(cluster: Cluster) -> dict[str, Obj]:
    state = cluster.state
    records: dict[str, Obj] | None = state.get("kubelet")
    if records is None:  # (setdefault would build a dict on every sync)
        records = state.setdefault("kubelet", {})
    return records


def sync(cluster: Cluster, key: str) -> None:
    """Reconcile one pod at ``cluster.now``."""
    pod = cluster.get_key("Pod", key)
    recs = _records(cluster)
    rec = recs.get(key)
    meta = pod.get("metadata", {}) if pod is not None else {}
    uid = str(meta.get("uid", ""))
    if rec is not None and (pod is None or rec["uid"] != uid):
        forget(cluster, key)
        rec = None
    if pod is None or pod.get("spec", {}).get("nodeName") != kc.HOST:
        return
    if rec is None:
        rec = recs[key] = {
            "uid": uid,
            "seen": cluster.now,
            "sandbox": None,
            "c": {},
            "next": cluster.now + kc.SANDBOX_DELAY,
        }
    if meta.get("deletionTimestamp"):
        terminate(cluster, key, pod, rec)
        return
    if rec["next"] is None or rec["next"] > cluster.now:
        _schedule(cluster, key, rec)
        return
    ctx = kc.PodCtx(cluster, key, pod, rec)
    if rec["sandbox"] is None:
        start_sandbox(ctx)
    if rec["sandbox"] is not None:
        kc.advance(ctx)
    write_status(ctx)
    rec["next"] = _next_wake(rec)
    _schedule(cluster, key, rec)


def _schedule(cluster: Cluster, key: str, rec: Obj) -> None:
    if rec.get("next") is not None:
        cluster.schedule(rec["next"], "kubelet", key)


def _next_wake(rec: Obj) -> float | None:
    if rec["sandbox"] is None:
        return float(rec.get("mountAt") or rec["seen"] + kc.SANDBOX_DELAY)
    best: float | None = None
    for crec in rec["c"].values():
        nxt = crec.get("next")
        if nxt is not None and (best is None or nxt[0] < best):
            best = nxt[0]
        probes = crec.get("probes")
        if probes:  # (most containers have no probe)
            for pr in probes.values():
                if best is None or pr["next"] < best:
                    best = pr["next"]
    return best


def forget(cluster: Cluster, key: str) -> None:
    """Drop the kubelet's record and back-off entries of a pod that is gone."""
    rec = _records(cluster).pop(key, None)
    if rec is None:
        return
    prefix = rec["uid"]
    entries = cluster.state.get("backoff", {})
    for k in [k for k in entries if k.startswith(prefix)]:
        del entries[k]


def allocate_ip(cluster: Cluster) -> str:
    """[SIM] host-local IPAM: sequential addresses in 10.244.0.0/16 from 10.244.0.3."""
    ipam = cluster.state.setdefault("podIPAM", {"next": 3})
    n = int(ipam["next"])
    while n % 256 in (0, 255) or n > 65534:
        n = 3 if n > 65534 else n + 1
    ipam["next"] = n + 1
    return f"10.244.{n >> 8}.{n & 255}"


def mount_error(cluster: Cluster, pod: Obj) -> str | None:
    """MountVolume.SetUp failures for configMap/secret volumes that do not exist."""
    ns = o.namespace(pod)
    for vol in pod.get("spec", {}).get("volumes") or ():
        for field, kind, word, name_key in (
            ("configMap", "ConfigMap", "configmap", "name"),
            ("secret", "Secret", "secret", "secretName"),
        ):
            src = vol.get(field)
            if (
                src
                and not src.get("optional")
                and cluster.get(kind, ns, src.get(name_key, "")) is None
            ):
                return (
                    f'MountVolume.SetUp failed for volume "{vol.get("name")}" : '
                    f'{word} "{src.get(name_key, "")}" not found'
                )
    return None


def start_sandbox(ctx: kc.PodCtx) -> None:
    """Volumes, the sandbox and its IP; then the first container's start attempt."""
    err = mount_error(ctx.cluster, ctx.pod)
    if err is not None:
        ctx.event(None, "Warning", "FailedMount", err)
        ctx.rec["mountAt"] = ctx.now + kc.RETRY_DELAY
        for c in ctx.specs:
            ctx.rec["c"].setdefault(
                c, {"stage": "waiting", "waiting": {"reason": "ContainerCreating"}, "next": None}
            )
        return
    ctx.rec["sandbox"] = ctx.now
    ctx.rec["ip"] = allocate_ip(ctx.cluster)
    ctx.rec["c"] = {
        c: {"stage": "waiting", "waiting": {"reason": "ContainerCreating"}, "next": None}
        for c in ctx.specs
    }
    if ctx.rec["c"]:
        ctx.rec["pass"] = 0
        next(iter(ctx.rec["c"].values()))["next"] = [ctx.now, "attempt"]


def write_status(ctx: kc.PodCtx) -> None:
    """Write pod.status when it differs from the stored one."""
    if ctx.rec["sandbox"] is None and not ctx.rec["c"]:
        return
    shared = fieldmanager.known(ctx.cluster)
    status = kubelet_status.pod_status(ctx.pod, ctx.rec, ctx.now, shared)
    if ctx.rec["sandbox"] is None:
        status.pop("podIP", None)
        status.pop("podIPs", None)
    old = ctx.pod.get("status")
    if status != old:
        ctx.pod["status"] = status
        ip = ctx.rec.get("ip")
        fieldmanager.status_update(
            ctx.cluster,
            ctx.pod,
            old,
            fieldmanager.KUBELET,
            pod_ip=ip if type(ip) is str else None,
            shared=shared,
        )
        ctx.cluster.touch("Pod", ctx.pod)


def terminate(cluster: Cluster, key: str, pod: Obj, rec: Obj) -> None:
    """Graceful termination: Killing events, then the pod object goes away."""
    if rec.get("termAt") is None:
        ctx = kc.PodCtx(cluster, key, pod, rec)
        grace = float(
            o.meta(pod).get(
                "deletionGracePeriodSeconds",
                pod.get("spec", {}).get("terminationGracePeriodSeconds", 30),
            )
        )
        delay = 0.0
        for cname, crec in rec["c"].items():
            if crec.get("stage") not in ("running", "killing"):
                continue
            ctx.event(cname, "Normal", "Killing", f"Stopping container {cname}")
            plan = kc.current_plan(ctx, cname)
            honours = plan is not None and plan.sigterm_seconds is not None
            stop = (
                max(MIN_TERMINATION, plan.sigterm_seconds or 0.0)
                if honours and plan is not None
                else grace
            )
            delay = max(delay, min(stop, grace))
        rec["termAt"] = cluster.now + delay
    deadline = common.ts(o.meta(pod).get("deletionTimestamp"))
    if deadline is not None and deadline < rec["termAt"]:
        rec["termAt"] = max(deadline, cluster.now)  # deleted again with a shorter grace period
    rec["next"] = rec["termAt"]
    if cluster.now >= rec["termAt"]:
        cluster.remove("Pod", pod)
        forget(cluster, key)
        return
    cluster.schedule(rec["termAt"], "kubelet", key)


def running_plan(
    cluster: Cluster, pod: Obj, container: str | None = None
) -> tuple[images.Plan, float] | None:
    """(plan, uptime) of a running container, for exec, logs and port-forward; None if not
    running."""
    rec = _records(cluster).get(f"{o.namespace(pod)}/{o.name(pod)}")
    if rec is None or rec.get("uid") != o.uid(pod):
        return None
    names = list(rec["c"])
    cname = container or (names[0] if names else "")
    crec = rec["c"].get(cname)
    if crec is None or crec.get("stage") not in ("running", "killing"):
        return None
    plan = kc.current_plan(kc.PodCtx(cluster, "", pod, rec), cname)
    if plan is None:
        return None
    return plan, cluster.now - float(crec.get("startedAt", cluster.now))
