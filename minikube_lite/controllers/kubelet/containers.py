"""The simulated kubelet's container lifecycle (pkg/kubelet/kuberuntime).

Ports the observable behaviour of ``pkg/kubelet/images/image_manager.go`` (pull policy, pull
events, image pull back-off), ``kuberuntime_container.go`` startContainer (Created/Started events,
CreateContainerConfigError) and ``kuberuntime_manager.go`` doBackOff (CrashLoopBackOff), with
client-go ``flowcontrol.Backoff`` (initial 10 s, max 300 s, no jitter) kept in ``cluster.state``.

A container record (``rec["c"][name]``) has a displayed ``stage`` (waiting / running / killing /
exited) and ``next = [at, action]``: what happens to it next, run by :func:`advance` in time order.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api import quantity
from minikube_lite.api.objects import Obj
from minikube_lite.controllers.kubelet import prober as probes
from minikube_lite.controllers.kubelet.backoff import (
    backoff_next,
    entries,
    in_backoff_since,
    in_backoff_since_update,
)
from minikube_lite.sandbox import images
from minikube_lite.store import events
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

COMPONENT = "kubelet"
HOST = "minikube"
SANDBOX_DELAY = 1.0  # bind → kubelet sees the pod (ContainerCreating)
PLEG_DELAY = 1.0  # container exit / failed pull → the next sync reports it
RETRY_DELAY = 10.0  # pod worker back-off for config errors, FailedMount, ErrImageNeverPull


class PodCtx:
    """Everything one kubelet sync of one pod needs."""

    __slots__ = ("cluster", "key", "now", "pod", "rec", "specs")

    def __init__(self, cluster: Cluster, key: str, pod: Obj, rec: Obj) -> None:
        self.cluster = cluster
        self.key = key
        self.pod = pod
        self.rec = rec
        self.now = cluster.now
        self.specs = {c.get("name", ""): c for c in pod.get("spec", {}).get("containers") or ()}

    def event(self, cname: str | None, etype: str, reason: str, message: str) -> None:
        path = f"spec.containers{{{cname}}}" if cname else None
        events.record(
            self.cluster,
            events.EventRecord(
                self.pod, "Pod", etype, reason, message, COMPONENT, field_path=path, host=HOST
            ),
        )

    @property
    def user_images(self) -> dict[str, Any] | None:
        return self.cluster.state.get("images")

    def image_cache(self) -> dict[str, float]:
        pulled: dict[str, float] = self.cluster.state.setdefault("nodeImages", {})
        return pulled


# ----- the due-work loop --------------------------------------------------------------------------


def next_due(ctx: PodCtx) -> tuple[float, int, str, str, str] | None:
    """The earliest pending action: (at, order, action, container, probe type)."""
    best: tuple[float, int, str, str, str] | None = None
    for i, (name, crec) in enumerate(ctx.rec["c"].items()):
        nxt = crec.get("next")
        if nxt is not None:
            cand = (nxt[0], i * 10, nxt[1], name, "")
            best = cand if best is None or cand < best else best
        probes = crec.get("probes", {})
        if not probes:
            continue  # (most containers have no probe)
        for j, (ptype, pr) in enumerate(sorted(probes.items())):
            cand = (pr["next"], i * 10 + 1 + j, "probe", name, ptype)
            best = cand if best is None or cand < best else best
    return best


def advance(ctx: PodCtx) -> None:
    """Run every container action and probe that is due at ``now``, in time order."""
    for _ in range(10_000):
        item = next_due(ctx)
        if item is None or item[0] > ctx.now:
            return
        _, _, action, cname, ptype = item
        crec = ctx.rec["c"][cname]
        if action == "probe":
            probe_tick(ctx, cname, crec, ptype)
            continue
        crec["next"] = None
        ACTIONS[action](ctx, cname, crec)


def _wait(crec: Obj, reason: str, message: str = "") -> None:
    """Show a waiting state; a previous exit becomes lastState."""
    if crec.get("term"):
        crec["last"] = crec["term"]
        crec["term"] = None
    crec["stage"] = "waiting"
    crec["waiting"] = {"reason": reason, "message": message} if message else {"reason": reason}


def pass_done(ctx: PodCtx, cname: str) -> None:
    """The first sync starts containers one after another: hand over to the next one."""
    order = list(ctx.rec["c"])
    idx = ctx.rec.get("pass")
    if idx is None or idx >= len(order) or order[idx] != cname:
        return
    idx += 1
    ctx.rec["pass"] = idx if idx < len(order) else None
    if idx < len(order):
        ctx.rec["c"][order[idx]]["next"] = [ctx.now, "attempt"]


# ----- image pulls --------------------------------------------------------------------------------


def default_pull_policy(image: str) -> str:
    try:
        ref = images.parse_reference(image)
    except images.InvalidReference:
        return "IfNotPresent"
    return "Always" if ref.tag == "latest" and not ref.digest else "IfNotPresent"


def start_attempt(ctx: PodCtx, cname: str, crec: Obj) -> None:
    """EnsureImageExists, then create and start the container."""
    spec = ctx.specs.get(cname) or {}
    image = str(spec.get("image", ""))
    try:
        ref = images.parse_reference(image)
        profile = images.lookup(image, ctx.user_images)
    except images.InvalidReference as e:
        msg = f'Failed to apply default image tag "{image}": {e}'
        _wait(crec, "InvalidImageName", msg)
        ctx.event(cname, "Warning", "InspectFailed", msg)
        ctx.event(cname, "Warning", "Failed", "Error: InvalidImageName")
        pass_done(ctx, cname)
        return
    policy = spec.get("imagePullPolicy") or default_pull_policy(image)
    present = profile is not None and ref.full in ctx.image_cache()
    if policy == "Never" and not present:
        msg = f'Container image "{image}" is not present with pull policy of Never'
        _wait(crec, "ErrImageNeverPull", msg)
        ctx.event(cname, "Warning", "ErrImageNeverPull", msg)
        ctx.event(cname, "Warning", "Failed", "Error: ErrImageNeverPull")
        crec["next"] = [ctx.now + RETRY_DELAY, "attempt"]
        pass_done(ctx, cname)
        return
    if present and policy != "Always" and profile is not None:
        ctx.event(
            cname, "Normal", "Pulled", f'Container image "{image}" already present on machine'
        )
        create_container(ctx, cname, crec, profile)
        return
    entry = in_backoff_since_update(ctx.cluster, f"{ctx.rec['uid']}_{image}", ctx.now)
    if entry is not None:
        _show_pull_backoff(ctx, cname, crec, entry)
        pass_done(ctx, cname)
        return
    ctx.event(cname, "Normal", "Pulling", f'Pulling image "{image}"')
    crec["pullStart"] = ctx.now
    delay = profile.pull_seconds if profile is not None else images.FAILED_PULL_SECONDS
    crec["next"] = [ctx.now + delay, "pulled"]


def pull_done(ctx: PodCtx, cname: str, crec: Obj) -> None:
    """A pull finished: Pulled, or ErrImagePull and a back-off step."""
    image = str((ctx.specs.get(cname) or {}).get("image", ""))
    profile = images.lookup(image, ctx.user_images)
    if profile is None:
        full = images.parse_reference(image).full
        err = (
            f'rpc error: code = NotFound desc = failed to pull and unpack image "{full}": '
            f'failed to resolve reference "{full}": {full}: not found'
        )
        backoff_next(ctx.cluster, f"{ctx.rec['uid']}_{image}", ctx.now)
        crec["pullErr"] = err
        _wait(crec, "ErrImagePull", err)
        ctx.event(cname, "Warning", "Failed", f'Failed to pull image "{image}": {err}')
        ctx.event(cname, "Warning", "Failed", "Error: ErrImagePull")
        crec["next"] = [ctx.now + PLEG_DELAY, "backoff"]
        pass_done(ctx, cname)
        return
    ctx.image_cache()[profile.ref] = ctx.now
    took = _ms_duration(ctx.now - float(crec.get("pullStart", ctx.now)))
    ctx.event(
        cname,
        "Normal",
        "Pulled",
        f'Successfully pulled image "{image}" in {took} ({took} including waiting). '
        f"Image size: {profile.size} bytes.",
    )
    create_container(ctx, cname, crec, profile)


def _ms_duration(seconds: float) -> str:
    """A Go duration truncated to milliseconds (``3s``, ``1.532s``)."""
    return clock.go_duration(int(seconds * 1000) / 1000)


def show_backoff(ctx: PodCtx, cname: str, crec: Obj) -> None:
    """The sync after a failed pull reports ImagePullBackOff and waits for the back-off."""
    image = str((ctx.specs.get(cname) or {}).get("image", ""))
    entry = entries(ctx.cluster).get(f"{ctx.rec['uid']}_{image}")
    if entry is None:
        start_attempt(ctx, cname, crec)
        return
    _show_pull_backoff(ctx, cname, crec, entry)


def _show_pull_backoff(ctx: PodCtx, cname: str, crec: Obj, entry: Obj) -> None:
    image = str((ctx.specs.get(cname) or {}).get("image", ""))
    err = crec.get("pullErr", "")
    _wait(crec, "ImagePullBackOff", f'Back-off pulling image "{image}": ErrImagePull: {err}')
    ctx.event(cname, "Normal", "BackOff", f'Back-off pulling image "{image}"')
    ctx.event(cname, "Warning", "Failed", "Error: ImagePullBackOff")
    crec["next"] = [max(entry["last"] + entry["backoff"], ctx.now), "attempt"]


# ----- create / start / exit ----------------------------------------------------------------------


def config_error(cluster: Cluster, ns: str, spec: Obj) -> str | None:
    """makeEnvironmentVariables errors → CreateContainerConfigError."""
    for e in spec.get("env") or ():
        vf = e.get("valueFrom") or {}
        for field, kind, word in (
            ("configMapKeyRef", "ConfigMap", "configmap"),
            ("secretKeyRef", "Secret", "secret"),
        ):
            ref = vf.get(field)
            if not ref or ref.get("optional"):
                continue
            obj = cluster.get(kind, ns, ref.get("name", ""))
            if obj is None:
                return f'{word} "{ref.get("name", "")}" not found'
            if ref.get("key") not in (obj.get("data") or {}) and ref.get("key") not in (
                obj.get("binaryData") or {}
            ):
                return f"couldn't find key {ref.get('key')} in {kind} {ns}/{ref.get('name', '')}"
    for ef in spec.get("envFrom") or ():
        for field, kind, word in (
            ("configMapRef", "ConfigMap", "configmap"),
            ("secretRef", "Secret", "secret"),
        ):
            ref = ef.get(field)
            if (
                ref
                and not ref.get("optional")
                and cluster.get(kind, ns, ref.get("name", "")) is None
            ):
                return f'{word} "{ref.get("name", "")}" not found'
    return None


def env_names(cluster: Cluster, ns: str, spec: Obj) -> list[str]:
    """Variable names the process sees (env plus resolvable envFrom keys)."""
    names = [e.get("name", "") for e in spec.get("env") or ()]
    for ef in spec.get("envFrom") or ():
        for field, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            ref = ef.get(field)
            obj = cluster.get(kind, ns, ref.get("name", "")) if ref else None
            if obj is not None:
                names += [ef.get("prefix", "") + k for k in (obj.get("data") or {})]
    return names


# The plans of built-in images by their inputs, per cluster (the kubelet asks at every start,
# stop and probe tick).  A built-in image's Profile is a pure function of its normalized
# reference (the packaged images.json) and a plan a pure function of the profile, command, args,
# variable names, memory limit and stdin, all in the key (the variable names are read from the
# ConfigMaps and Secrets on every call): an entry stays valid for as long as the cluster lives.
# User images (``mkl image add`` may redefine one) are not cached.  The key spares
# images.plan's cache hashing the whole Profile record on every call.  Kept on the Cluster
# object (``Cluster.memo``, never saved).
_PLANS_MAX = 4096


def plan_for(cluster: Cluster, pod: Obj, spec: Obj, profile: images.Profile) -> images.Plan:
    limit = ((spec.get("resources") or {}).get("limits") or {}).get("memory")
    command, args, stdin = spec.get("command"), spec.get("args"), bool(spec.get("stdin"))
    # (env_names of a spec without env and envFrom is [], without reading the namespace)
    has_env = spec.get("env") or spec.get("envFrom")
    env = env_names(cluster, o.namespace(pod), spec) if has_env else []
    if profile.user:
        return _plan_of(profile, command, args, env, limit, stdin)
    key = (
        profile.ref,
        tuple(command) if command else (),
        tuple(args) if args else (),
        tuple(env),
        limit,
        stdin,
    )
    plans: dict[tuple[Any, ...], images.Plan] = cluster.memo("kubelet.plans")
    plan = plans.get(key)
    if plan is None:
        if len(plans) >= _PLANS_MAX:
            plans.clear()
        plan = plans[key] = _plan_of(profile, command, args, env, limit, stdin)
    return plan


def _plan_of(
    profile: images.Profile,
    command: Any,
    args: Any,
    env: list[str],
    limit: Any,
    stdin: bool,
) -> images.Plan:
    mem = quantity.parse_quantity(limit).int_value() if limit is not None else None
    return images.plan(profile, command, args, env, mem, stdin)


def create_container(ctx: PodCtx, cname: str, crec: Obj, profile: images.Profile) -> None:
    """startContainer from step 2: config errors, else Created + Started."""
    spec = ctx.specs.get(cname) or {}
    crec["imageRef"], crec["imageID"] = profile.ref, profile.image_id
    err = config_error(ctx.cluster, o.namespace(ctx.pod), spec)
    if err is not None:
        _wait(crec, "CreateContainerConfigError", err)
        ctx.event(cname, "Warning", "Failed", f"Error: {err}")
        crec["next"] = [ctx.now + RETRY_DELAY, "attempt"]
        pass_done(ctx, cname)
        return
    if crec.get("term"):
        crec["last"], crec["term"] = crec["term"], None
    crec["runs"] = int(crec.get("runs", 0)) + 1
    crec["restarts"] = crec["runs"] - 1
    crec["cid"] = ctx.cluster.rng.hex(64)
    crec["startedAt"] = ctx.now
    crec["stage"], crec["waiting"] = "running", None
    ctx.event(cname, "Normal", "Created", f"Created container: {cname}")
    ctx.event(cname, "Normal", "Started", f"Started container {cname}")
    plan = plan_for(ctx.cluster, ctx.pod, spec, profile)
    crec["probes"] = probes.init_probes(spec, ctx.now)
    crec["startedFlag"] = "startup" not in crec["probes"]
    crec["ready"] = crec["startedFlag"] and "readiness" not in crec["probes"]
    crec["next"] = [ctx.now + plan.exit_after, "exit"] if plan.exit_after is not None else None
    pass_done(ctx, cname)


def container_exit(
    ctx: PodCtx, cname: str, crec: Obj, code: int | None = None, reason: str | None = None
) -> None:
    """The process ended (by itself, OOM, or after a kill)."""
    if code is None:
        plan = current_plan(ctx, cname)
        code, reason = (plan.exit_code, plan.reason) if plan is not None else (0, "Completed")
    crec["term"] = {
        "containerID": "containerd://" + str(crec.get("cid", "")),
        "exitCode": code,
        "finishedAt": clock.rfc3339(ctx.now),
        "reason": reason or ("Completed" if code == 0 else "Error"),
        "startedAt": clock.rfc3339(float(crec.get("startedAt", ctx.now))),
    }
    crec["stage"], crec["ready"], crec["probes"], crec["exitAt"] = "exited", False, {}, ctx.now
    crec["next"] = [ctx.now + PLEG_DELAY, "notice"]


def exit_noticed(ctx: PodCtx, cname: str, crec: Obj) -> None:
    """doBackOff: restart at once, or CrashLoopBackOff until the back-off has passed."""
    policy = ctx.pod.get("spec", {}).get("restartPolicy", "Always")
    code = int((crec.get("term") or {}).get("exitCode", 0))
    if policy == "Never" or (policy == "OnFailure" and code == 0):
        return
    t_exit = float(crec.get("exitAt", ctx.now))
    entry = in_backoff_since(ctx.cluster, f"{ctx.rec['uid']}/{cname}", t_exit)
    if entry is None:
        restart(ctx, cname, crec)
        return
    pod = ctx.pod
    who = f"{o.name(pod)}_{o.namespace(pod)}({o.uid(pod)})"
    _wait(
        crec,
        "CrashLoopBackOff",
        f"back-off {clock.go_duration(entry['backoff'])} "
        f"restarting failed container={cname} pod={who}",
    )
    ctx.event(
        cname, "Warning", "BackOff", f"Back-off restarting failed container {cname} in pod {who}"
    )
    crec["next"] = [t_exit + entry["backoff"], "restart"]


def restart(ctx: PodCtx, cname: str, crec: Obj) -> None:
    backoff_next(ctx.cluster, f"{ctx.rec['uid']}/{cname}", float(crec.get("exitAt", ctx.now)))
    start_attempt(ctx, cname, crec)


def kill(ctx: PodCtx, cname: str, crec: Obj, why: str) -> None:
    """A failed liveness/startup probe: Killing, then the process stops (SIGTERM or SIGKILL)."""
    ctx.event(
        cname, "Normal", "Killing", f"Container {cname} failed {why} probe, will be restarted"
    )
    plan = current_plan(ctx, cname)
    grace = float(ctx.pod.get("spec", {}).get("terminationGracePeriodSeconds", 30))
    if plan is None or plan.sigterm_seconds is None:
        delay, code = grace, 137
    else:
        delay, code = min(plan.sigterm_seconds, grace), plan.sigterm_exit_code
    crec["stage"], crec["probes"], crec["killCode"] = "killing", {}, code
    crec["next"] = [ctx.now + delay, "killed"]


def killed(ctx: PodCtx, cname: str, crec: Obj) -> None:
    container_exit(ctx, cname, crec, int(crec.get("killCode", 137)), None)


def current_plan(ctx: PodCtx, cname: str) -> images.Plan | None:
    spec = ctx.specs.get(cname) or {}
    try:
        profile = images.lookup(str(spec.get("image", "")), ctx.user_images)
    except images.InvalidReference:
        return None
    return plan_for(ctx.cluster, ctx.pod, spec, profile) if profile is not None else None


def probe_tick(ctx: PodCtx, cname: str, crec: Obj, ptype: str) -> None:
    """One probe worker tick (worker.doProbe)."""
    spec = ctx.specs.get(cname) or {}
    pr = crec["probes"][ptype]
    pr["next"] = ctx.now + probes.period(spec, ptype)
    if crec.get("stage") != "running":
        crec["probes"] = {}
        return
    if ptype != "startup" and not crec.get("startedFlag"):
        return
    plan = current_plan(ctx, cname)
    if plan is None:
        return
    uptime = ctx.now - float(crec.get("startedAt", ctx.now))
    ok, out = probes.run_probe(
        spec, ptype, plan, uptime, str(ctx.rec.get("ip", "")), o.name(ctx.pod)
    )
    if not ok:
        ctx.event(cname, "Warning", "Unhealthy", f"{probes.TITLES[ptype]} probe failed: {out}")
    succ_needed, fail_needed = probes.thresholds(spec, ptype)
    pr["succ"], pr["fail"] = (pr["succ"] + 1, 0) if ok else (0, pr["fail"] + 1)
    if ptype == "readiness":
        if ok and pr["succ"] >= succ_needed:
            crec["ready"] = True
        elif not ok and pr["fail"] >= fail_needed:
            crec["ready"] = False
    elif ptype == "startup" and ok and pr["succ"] >= succ_needed:
        crec["startedFlag"] = True
        del crec["probes"]["startup"]
        crec["ready"] = "readiness" not in crec["probes"]
    elif not ok and pr["fail"] >= fail_needed:
        kill(ctx, cname, crec, ptype)


ACTIONS = {
    "attempt": start_attempt,
    "pulled": pull_done,
    "backoff": show_backoff,
    "exit": container_exit,
    "notice": exit_noticed,
    "restart": restart,
    "killed": killed,
}
