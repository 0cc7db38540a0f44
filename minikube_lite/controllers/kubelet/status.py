"""Pod status as the kubelet reports it (``pkg/kubelet/status/generate.go``, ``kubelet_pods.go``).

Pure functions from the kubelet's per-pod record to ``pod.status``: conditions in the 1.29+
order, containerStatuses as the API shows them, the phase (getPhase) and the QoS class.
"""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.api import knownsets
from minikube_lite.api.objects import Obj
from minikube_lite.store import apiserver

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NODE_IP = "192.168.49.2"
CONDITION_ORDER = (
    "PodReadyToStartContainers",
    "Initialized",
    "Ready",
    "ContainersReady",
    "PodScheduled",
)


def container_state(crec: Obj) -> tuple[Obj, Obj]:
    """(state, lastState) of a container record."""
    last = {"terminated": crec["last"]} if crec.get("last") else {}
    stage = crec.get("stage")
    if stage in ("running", "killing"):
        return {"running": {"startedAt": clock.rfc3339(crec["startedAt"])}}, last
    if stage == "exited" and crec.get("term"):
        return {"terminated": crec["term"]}, last
    waiting = dict(crec.get("waiting") or {"reason": "ContainerCreating"})
    return {"waiting": waiting}, last


def container_status(spec: Obj, crec: Obj) -> Obj:
    """One containerStatuses entry (field set of a 1.34 kubelet)."""
    get = crec.get
    stage = get("stage")
    if stage == "running" or stage == "killing":  # (container_state, without a call)
        last = {"terminated": crec["last"]} if get("last") else {}
        state: Obj = {"running": {"startedAt": clock.rfc3339(crec["startedAt"])}}
        running = True
    else:
        state, last = container_state(crec)
        running = False
    st: Obj = {
        "image": get("imageRef") or spec.get("image", ""),
        "imageID": get("imageID", ""),
        "lastState": last,
        "name": spec.get("name", ""),
        "ready": bool(running and get("ready")),
        "restartCount": int(get("restarts", 0)),
        "started": bool(running and get("startedFlag")),
        "state": state,
    }
    cid = get("cid")
    if cid:
        st["containerID"] = "containerd://" + cid
        mounts = []
        for m in spec.get("volumeMounts") or ():
            vm = {"mountPath": m.get("mountPath"), "name": m.get("name")}
            if m.get("readOnly"):
                vm["readOnly"], vm["recursiveReadOnly"] = True, "Disabled"
            mounts.append(vm)
        if mounts:
            st["volumeMounts"] = mounts
    return st


def phase(pod: Obj, statuses: list[Obj]) -> str:
    """getPhase for regular containers (no init containers)."""
    waiting = running = stopped = succeeded = 0
    for st in statuses:
        state = st["state"]
        if "running" in state:
            running += 1
        elif "terminated" in state:
            stopped += 1
            succeeded += state["terminated"].get("exitCode") == 0
        elif st["lastState"].get("terminated"):
            stopped += 1
        else:
            waiting += 1
    if waiting:
        return "Pending"
    if running:
        return "Running"
    policy = pod.get("spec", {}).get("restartPolicy", "Always")
    if stopped and policy == "Always":
        return "Running"
    if stopped and succeeded == stopped:
        return "Succeeded"
    if stopped and policy == "Never":
        return "Failed"
    return "Running" if stopped else "Pending"


def _cond(
    ctype: str,
    status: str,
    now: float,
    old: dict[str, Obj],
    reason: str = "",
    message: str = "",
    known: knownsets.Known | None = None,
) -> Obj:
    prev = old.get(ctype)
    ltt = (
        prev.get("lastTransitionTime")
        if prev is not None and prev.get("status") == status
        else clock.rfc3339(now)
    )
    if known is None or type(ltt) not in _FLAT:
        return _new_cond(ctype, status, ltt, reason, message)
    # A known dict (shared by every pod in this state; never changed in place): its content
    # is a function of these five str/None values.
    key = (ctype, status, ltt, reason, message)
    found: Any = known.interned.get(key)
    if found is None:
        found = known.add(key, _new_cond(ctype, status, ltt, reason, message))
    made: Obj = found
    return made


_FLAT = (str, type(None))


def _known_copy(cond: Obj, known: knownsets.Known | None) -> Obj:
    """``dict(cond)``, or a known dict with the same content (``cond`` itself when known)."""
    if known is None:
        return dict(cond)
    held = known.objs.get(id(cond)) is cond
    if held:
        return cond
    pairs = tuple(cond.items())
    for k, v in pairs:
        if type(k) is not str or type(v) not in _FLAT:
            return dict(cond)
    key = ("=", pairs)
    found: Any = known.interned.get(key)
    if found is None:
        found = known.add(key, dict(cond))
    made: Obj = found
    return made


def _new_cond(ctype: str, status: str, ltt: Any, reason: str, message: str) -> Obj:
    c: Obj = {"lastProbeTime": None, "lastTransitionTime": ltt, "status": status, "type": ctype}
    if reason:
        c["reason"] = reason
    if message:
        c["message"] = message
    return c


def conditions(
    pod: Obj,
    statuses: list[Obj],
    sandbox_ready: bool,
    now: float,
    pod_phase: str | None = None,
    known: knownsets.Known | None = None,
) -> list[Obj]:
    """The five kubelet-generated conditions, keeping lastTransitionTime when the status holds.

    ``pod_phase``: ``phase(pod, statuses)`` when the caller has it.  ``known``: the
    conditions are known dicts from there (fieldmanager.known: shared, never changed), and
    the list is remembered there by all it is a function of: the old conditions' exact key
    (knownsets.elements_key), the flags, the message and ``now`` as the conditions spell it."""
    prev = pod.get("status", {}).get("conditions")
    unready = [st["name"] for st in statuses if not st["ready"]]
    if pod_phase is None:
        pod_phase = phase(pod, statuses)
    done = pod_phase in ("Succeeded", "Failed")
    if known is None:
        return _conditions(prev, unready, done, sandbox_ready, now, None)
    pkey = knownsets.elements_key(prev, known) if prev else ()
    if pkey is None:
        return _conditions(prev, unready, done, sandbox_ready, now, known)
    msg = "" if done or not unready else f"containers with unready status: [{' '.join(unready)}]"
    key = ("conditions", pkey, sandbox_ready, bool(unready), done, msg, clock.rfc3339(now))
    found: list[Obj] | None = known.interned.get(key)
    if found is not None:
        return found
    made = _conditions(prev, unready, done, sandbox_ready, now, known)
    if known.objs.get(id(made)) is made:  # a known list (of known dicts): remembered
        known.remember(key, made)
    return made


def _conditions(
    prev: Any, unready: list[str], done: bool, sandbox_ready: bool, now: float, k: Any
) -> list[Obj]:
    old = {c.get("type"): c for c in prev or ()}
    out = [
        _cond(
            "PodReadyToStartContainers", "True" if sandbox_ready else "False", now, old, "", "", k
        ),
        _cond("Initialized", "True", now, old, "", "", k),
    ]
    if unready:
        reason = "PodCompleted" if done else "ContainersNotReady"
        msg = "" if done else f"containers with unready status: [{' '.join(unready)}]"
        out.append(_cond("Ready", "False", now, old, reason, msg, k))
        out.append(_cond("ContainersReady", "False", now, old, reason, msg, k))
    else:
        out.append(_cond("Ready", "True", now, old, "", "", k))
        out.append(_cond("ContainersReady", "True", now, old, "", "", k))
    sched = old.get("PodScheduled")
    out.append(
        _known_copy(sched, k)
        if sched is not None
        else _cond("PodScheduled", "True", now, old, "", "", k)
    )
    return out if k is None else _known_list(out, k)


def _known_list(conds: list[Obj], known: knownsets.Known) -> list[Obj]:
    """The known list of these known dicts (``conds`` itself when one is not known): shared
    like them, never changed in place (writers of conditions build new lists); the elements'
    ids determine its content, and it holds them, so they stay theirs."""
    objs = known.objs
    for c in conds:
        if objs.get(id(c)) is not c:
            return conds
    key = ("[]", *map(id, conds))
    found: Any = known.interned.get(key)
    if found is None:
        found = known.add(key, conds)
    made: list[Obj] = found
    return made


def _host_ips(known: knownsets.Known | None) -> list[Obj]:
    """``[{"ip": NODE_IP}]``: with ``known``, the known list (shared by every pod's status,
    never changed in place, as the conditions: fieldmanager.known), whose comparisons are
    remembered by id."""
    if known is None:
        return [{"ip": NODE_IP}]
    key = ("hostIPs", NODE_IP)
    found: Any = known.interned.get(key)
    if found is None:
        ip: Obj = known.add(("ip", NODE_IP), {"ip": NODE_IP})
        found = known.add(key, [ip])
    made: list[Obj] = found
    return made


def pod_status(pod: Obj, rec: Obj, now: float, known: knownsets.Known | None = None) -> Obj:
    """The whole ``status`` of a pod the kubelet has accepted (``known``: see conditions)."""
    spec_containers = pod.get("spec", {}).get("containers") or []
    statuses = [container_status(c, rec["c"].get(c.get("name", ""), {})) for c in spec_containers]
    old = pod.get("status") or {}
    pod_phase = phase(pod, statuses)
    status: Obj = {
        "conditions": conditions(
            pod, statuses, rec.get("sandbox") is not None, now, pod_phase, known
        ),
        "containerStatuses": statuses,
        "hostIP": NODE_IP,
        "hostIPs": _host_ips(known),
        "phase": pod_phase,
        "qosClass": old.get("qosClass") or apiserver.pod_qos_class(pod),
        "startTime": clock.rfc3339(rec["seen"]),
    }
    if rec.get("ip"):
        status["podIP"] = rec["ip"]
        status["podIPs"] = [{"ip": rec["ip"]}]
    return status
