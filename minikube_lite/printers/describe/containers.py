"""describe.go: containers (describeContainers and friends), volumes and topology constraints."""

from __future__ import annotations

import math

from minikube_lite.api import quantity as qty
from minikube_lite.api.objects import Obj
from minikube_lite.printers.describe.writer import PrefixWriter, rfc1123z

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Resolver = Callable[[Any], str] | None


# --------------------------------------------------------------------------- containers


def _ports(ports: list[Obj], field: str) -> str:
    """Mirrors describeContainerPorts / describeContainerHostPorts."""
    out = []
    for p in ports:
        text = f"{int(p.get(field) or 0)}/{p.get('protocol', '')}"
        if p.get("name"):
            text += f" ({p['name']})"
        out.append(text)
    return ", ".join(out)


def _basic_info(c: Obj, status: Obj | None, space: str, w: PrefixWriter) -> None:
    """Mirrors describeContainerBasicInfo."""
    w.write(1, f"{' ' if space else ''}{c.get('name', '')}:\n")
    if status is not None:
        w.write(2, f"Container ID:\t{status.get('containerID', '')}\n")
    w.write(2, f"Image:\t{c.get('image', '')}\n")
    if status is not None:
        w.write(2, f"Image ID:\t{status.get('imageID', '')}\n")
    for label, field in (("Port", "containerPort"), ("Host Port", "hostPort")):
        text = _ports(c.get("ports") or [], field)
        if "," in text:
            w.write(2, f"{label}s:\t{text}\n")
        else:
            w.write(2, f"{label}:\t{text or '<none>'}\n")
    seccomp = (c.get("securityContext") or {}).get("seccompProfile")
    if seccomp:
        w.write(2, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
        if seccomp.get("type") == "Localhost":
            w.write(3, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")


def _command(c: Obj, w: PrefixWriter) -> None:
    """Mirrors describeContainerCommand."""
    for title, key in (("Command", "command"), ("Args", "args")):
        if c.get(key):
            w.write(2, f"{title}:\n")
            for item in c[key]:
                for s in str(item).split("\n"):
                    w.write(3, f"{s}\n")


def describe_resources(res: Obj | None, w: PrefixWriter, level: int) -> None:
    """Mirrors describeResources (names sorted, quantities canonical)."""
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        values = (res or {}).get(key) or {}
        if values:
            w.write(level, f"{title}:\n")
        for name in sorted(values):
            w.write(level + 1, f"{name}:\t{qty.field_text(values[name])}\n")


def _state(title: str, state: Obj, w: PrefixWriter) -> None:
    """Mirrors describeStatus."""
    if state.get("running") is not None:
        w.write(2, f"{title}:\tRunning\n")
        w.write(3, f"Started:\t{rfc1123z(state['running'].get('startedAt'))}\n")
    elif state.get("waiting") is not None:
        w.write(2, f"{title}:\tWaiting\n")
        if state["waiting"].get("reason"):
            w.write(3, f"Reason:\t{state['waiting']['reason']}\n")
    elif state.get("terminated") is not None:
        t = state["terminated"]
        w.write(2, f"{title}:\tTerminated\n")
        if t.get("reason"):
            w.write(3, f"Reason:\t{t['reason']}\n")
        if t.get("message"):
            w.write(3, f"Message:\t{t['message']}\n")
        w.write(3, f"Exit Code:\t{int(t.get('exitCode') or 0)}\n")
        if int(t.get("signal") or 0) > 0:
            w.write(3, f"Signal:\t{int(t['signal'])}\n")
        w.write(3, f"Started:\t{rfc1123z(t.get('startedAt'))}\n")
        w.write(3, f"Finished:\t{rfc1123z(t.get('finishedAt'))}\n")
    else:
        w.write(2, f"{title}:\tWaiting\n")


def _container_state(status: Obj, w: PrefixWriter) -> None:
    """Mirrors describeContainerState."""
    _state("State", status.get("state") or {}, w)
    last = status.get("lastState") or {}
    if last.get("terminated") is not None:
        _state("Last State", last, w)
    w.write(2, f"Ready:\t{'True' if status.get('ready') else 'False'}\n")
    w.write(2, f"Restart Count:\t{int(status.get('restartCount') or 0)}\n")


def _port_text(port: Any) -> str:
    return "" if port is None else str(port)


def _url(scheme: str, host: str, path: str) -> str:
    """net/url URL.String for scheme, host and path."""
    out = scheme + ":" if scheme else ""
    if scheme or host:
        if host or path:
            out += "//"
        out += host
    if path and not path.startswith("/") and host:
        out += "/"
    return out + path


def describe_probe(p: Obj) -> str:
    """Mirrors DescribeProbe."""
    attrs = (
        f"delay={int(p.get('initialDelaySeconds') or 0)}s "
        f"timeout={int(p.get('timeoutSeconds') or 0)}s "
        f"period={int(p.get('periodSeconds') or 0)}s "
        f"#success={int(p.get('successThreshold') or 0)} "
        f"#failure={int(p.get('failureThreshold') or 0)}"
    )
    if p.get("exec") is not None:
        return f"exec [{' '.join(str(x) for x in p['exec'].get('command') or [])}] {attrs}"
    if p.get("httpGet") is not None:
        h = p["httpGet"]
        host, port = h.get("host", ""), _port_text(h.get("port"))
        hostport = (f"[{host}]:{port}" if ":" in host else f"{host}:{port}") if port else host
        url = _url(str(h.get("scheme", "")).lower(), hostport, h.get("path", ""))
        return f"http-get {url} {attrs}"
    if p.get("tcpSocket") is not None:
        t = p["tcpSocket"]
        return f"tcp-socket {t.get('host', '')}:{_port_text(t.get('port'))} {attrs}"
    if p.get("grpc") is not None:
        g = p["grpc"]
        return f"grpc <pod>:{int(g.get('port') or 0)} {g.get('service', '')} {attrs}"
    return f"unknown {attrs}"


def _probes(c: Obj, w: PrefixWriter) -> None:
    for title, key in (
        ("Liveness", "livenessProbe"),
        ("Readiness", "readinessProbe"),
        ("Startup", "startupProbe"),
    ):
        if c.get(key) is not None:
            w.write(2, f"{title}:\t{describe_probe(c[key])}\n")


def _env_from(c: Obj, w: PrefixWriter) -> None:
    """Mirrors describeContainerEnvFrom."""
    w.write(2, "Environment Variables from:\n")
    for e in c.get("envFrom") or []:
        ref, kind = (
            (e.get("configMapRef"), "ConfigMap")
            if e.get("configMapRef")
            else (e.get("secretRef"), "Secret")
        )
        ref = ref or {}
        optional = "true" if ref.get("optional") else "false"
        source = f"{kind} with prefix '{e['prefix']}'" if e.get("prefix") else kind
        w.write(3, f"{ref.get('name', '')}\t{source}\tOptional: {optional}\n")


def _resource_field_value(c: Obj, ref: Obj) -> str:
    """Mirrors resourcehelper.ExtractContainerResourceValue (ceil(value / divisor))."""
    resource = ref.get("resource", "")
    kind, _, name = resource.partition(".")
    raw = ((c.get("resources") or {}).get(kind) or {}).get(name) if name else None
    value = qty.parse_field(raw) if raw is not None else qty.Quantity(0)
    divisor = qty.parse_field(ref.get("divisor") or "1") or qty.Quantity(1)
    if value is None or divisor is None or divisor.value == 0:
        return ""
    if name == "cpu":
        return str(math.ceil(value.milli_value() / divisor.milli_value()))
    return str(math.ceil(value.int_value() / divisor.value))


def _env(c: Obj, resolver: Resolver, w: PrefixWriter) -> None:
    """Mirrors describeContainerEnvVars."""
    env = c.get("env") or []
    w.write(2, "Environment:" + ("" if env else "\t<none>") + "\n")
    for e in env:
        name, vf = e.get("name", ""), e.get("valueFrom")
        if vf is None:
            for i, s in enumerate(str(e.get("value", "")).split("\n")):
                w.write(3, f"{name}:\t{s}\n" if i == 0 else f"\t{s}\n")
        elif vf.get("fieldRef") is not None:
            f = vf["fieldRef"]
            value = resolver(f) if resolver else ""
            w.write(3, f"{name}:\t{value} ({f.get('apiVersion', '')}:{f.get('fieldPath', '')})\n")
        elif vf.get("resourceFieldRef") is not None:
            r = vf["resourceFieldRef"]
            value = _resource_field_value(c, r)
            if value == "0" and r.get("resource") in ("limits.cpu", "limits.memory"):
                value = "node allocatable"
            w.write(3, f"{name}:\t{value} ({r.get('resource', '')})\n")
        elif vf.get("secretKeyRef") is not None:
            s = vf["secretKeyRef"]
            opt = "true" if s.get("optional") else "false"
            w.write(
                3,
                f"{name}:\t<set to the key '{s.get('key', '')}' in secret '{s.get('name', '')}'>"
                f"\tOptional: {opt}\n",
            )
        elif vf.get("configMapKeyRef") is not None:
            s = vf["configMapKeyRef"]
            opt = "true" if s.get("optional") else "false"
            w.write(
                3,
                f"{name}:\t<set to the key '{s.get('key', '')}' of config map "
                f"'{s.get('name', '')}'>\tOptional: {opt}\n",
            )


def _mounts(c: Obj, w: PrefixWriter) -> None:
    """Mirrors describeContainerVolumes."""
    mounts = c.get("volumeMounts") or []
    none = "" if mounts else "\t<none>"
    w.write(2, f"Mounts:{none}\n")
    for m in sorted(mounts, key=lambda m: m.get("mountPath", "")):
        flags = ["ro" if m.get("readOnly") else "rw"]
        if m.get("subPath"):
            flags.append(f'path="{m["subPath"]}"')
        w.write(3, f"{m.get('mountPath', '')} from {m.get('name', '')} ({','.join(flags)})\n")
    devices = c.get("volumeDevices") or []
    if devices:
        w.write(2, f"Devices:{none}\n")
        for d in sorted(devices, key=lambda d: d.get("devicePath", "")):
            w.write(3, f"{d.get('devicePath', '')} from {d.get('name', '')}\n")


def describe_containers(
    label: str,
    containers: list[Obj],
    statuses: list[Obj] | None,
    resolver: Resolver,
    w: PrefixWriter,
    space: str,
) -> None:
    """Mirrors describeContainers."""
    by_name = {s.get("name"): s for s in statuses or []}
    w.write(0, f"{space}{label}:{'' if containers else ' <none>'}\n")
    for c in containers:
        status = by_name.get(c.get("name"))
        _basic_info(c, status, space, w)
        _command(c, w)
        if status is not None:
            _container_state(status, w)
        describe_resources(c.get("resources"), w, 2)
        _probes(c, w)
        if c.get("envFrom"):
            _env_from(c, w)
        _env(c, resolver, w)
        _mounts(c, w)


# --------------------------------------------------------------------------- volumes


def _optional(src: Obj) -> str:
    return "true" if src.get("optional") else "false"


def _volume_lines(v: Obj) -> list[str] | None:
    """The LEVEL_2 text of one volume source (describe.go print*VolumeSource)."""
    if v.get("hostPath") is not None:
        h = v["hostPath"]
        return [
            f"Type:\tHostPath (bare host directory volume)\n    Path:\t{h.get('path', '')}\n"
            f"    HostPathType:\t{h.get('type') or '<none>'}\n"
        ]
    if v.get("emptyDir") is not None:
        e = v["emptyDir"]
        size = qty.parse_field(e.get("sizeLimit"))
        limit = size.canonical() if size is not None and size.sign() > 0 else "<unset>"
        return [
            f"Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
            f"    Medium:\t{e.get('medium', '')}\n    SizeLimit:\t{limit}\n"
        ]
    if v.get("secret") is not None:
        s = v["secret"]
        return [
            "Type:\tSecret (a volume populated by a Secret)\n"
            f"    SecretName:\t{s.get('secretName', '')}\n"
            f"    Optional:\t{_optional(s)}\n"
        ]
    if v.get("configMap") is not None:
        c = v["configMap"]
        return [
            "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
            f"    Name:\t{c.get('name', '')}\n"
            f"    Optional:\t{_optional(c)}\n"
        ]
    if v.get("persistentVolumeClaim") is not None:
        c = v["persistentVolumeClaim"]
        ro = "true" if c.get("readOnly") else "false"
        return [
            "Type:\tPersistentVolumeClaim "
            "(a reference to a PersistentVolumeClaim in the same namespace)\n"
            f"    ClaimName:\t{c.get('claimName', '')}\n    ReadOnly:\t{ro}\n"
        ]
    if v.get("downwardAPI") is not None:
        return _downward_api(v["downwardAPI"])
    if v.get("projected") is not None:
        return _projected(v["projected"])
    return None


def _downward_api(d: Obj) -> list[str]:
    lines = ["Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n"]
    for item in d.get("items") or []:
        if item.get("fieldRef") is not None:
            lines.append(f"\x00{item['fieldRef'].get('fieldPath', '')} -> {item.get('path', '')}\n")
        if item.get("resourceFieldRef") is not None:
            lines.append(
                f"\x00{item['resourceFieldRef'].get('resource', '')} -> {item.get('path', '')}\n"
            )
    return lines


def _projected(p: Obj) -> list[str]:
    lines = ["Type:\tProjected (a volume that contains injected data from multiple sources)\n"]
    for src in p.get("sources") or []:
        if src.get("secret") is not None:
            s = src["secret"]
            lines.append(f"SecretName:\t{s.get('name', '')}\n    Optional:\t{_optional(s)}\n")
        elif src.get("downwardAPI") is not None:
            lines.append("DownwardAPI:\ttrue\n")
        elif src.get("configMap") is not None:
            c = src["configMap"]
            lines.append(f"ConfigMapName:\t{c.get('name', '')}\n    Optional:\t{_optional(c)}\n")
        elif src.get("serviceAccountToken") is not None:
            seconds = int(src["serviceAccountToken"].get("expirationSeconds") or 0)
            lines.append(f"TokenExpirationSeconds:\t{seconds}\n")
    return lines


def describe_volumes(volumes: list[Obj] | None, w: PrefixWriter, space: str) -> None:
    """Mirrors describeVolumes."""
    if not volumes:
        w.write(0, f"{space}Volumes:\t<none>\n")
        return
    w.write(0, f"{space}Volumes:\n")
    for v in volumes:
        w.write(1, f"{' ' if space else ''}{v.get('name', '')}:\n")
        lines = _volume_lines(v)
        if lines is None:
            w.write(1, "<unknown>\n")
            continue
        for line in lines:
            if line.startswith("\x00"):
                w.write(3, line[1:])
            else:
                w.write(2, line)


def describe_topology(tscs: list[Obj] | None, w: PrefixWriter, space: str) -> None:
    """Mirrors describeTopologySpreadConstraints."""
    from minikube_lite.printers.columns import format_label_selector

    if not tscs:
        return
    w.write(0, f"{space}Topology Spread Constraints:\t")
    for i, t in enumerate(sorted(tscs, key=lambda t: t.get("topologyKey", ""))):
        if i:
            w.write(0, space + "\t")
        text = (
            f"{t.get('topologyKey', '')}:{t.get('whenUnsatisfiable', '')} "
            f"when max skew {int(t.get('maxSkew') or 0)} is exceeded"
        )
        if t.get("labelSelector") is not None:
            text += f" for selector {format_label_selector(t['labelSelector'])}"
        w.write(0, text + "\n")
