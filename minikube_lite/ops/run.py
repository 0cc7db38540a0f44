"""``run NAME --image=I``: kubectl's RunOptions and its two generators (a Pod, and the Service
of ``--expose``), ported from staging/src/k8s.io/kubectl/pkg/cmd/run/run.go and
staging/src/k8s.io/kubectl/pkg/generate/versioned/run.go (BasicPod) / service.go (ServiceV2).

The objects are built in the Go structs' field order (``kind``, ``apiVersion``, ``metadata``,
``spec``, ``status``; a container's ``name``, ``image``, ``command``, ``args``, ...), because a
client dry run prints them as kubectl encodes its typed objects: ``-o json`` in that order,
``-o yaml`` sorted.  The attached part (``-i``/``-t``/``--attach``, ``--rm``) is the CLI's: it
waits for the pod, attaches the simulated shell and removes what was created.
"""

from __future__ import annotations

import re

from minikube_lite import clock, errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import create, options
from minikube_lite.ops.manifests import Manifest
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

RESTART_POLICIES = ("Always", "OnFailure", "Never")
PULL_POLICIES = ("Always", "IfNotPresent", "Never")
ATTACH_DRY_RUN = (
    "--dry-run=[server|client] can't be used with attached containers options "
    "(--attach, --stdin, or --tty)"
)
# validation.IsEnvVarName: a C identifier with dots and dashes, not starting with a digit
_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")
_GO_INT = re.compile(r"[+-]?[0-9]+")


def restart_policy(restart: str, interactive: bool) -> str:
    """Port of getRestartPolicy: unset means OnFailure with ``-i``, else Always."""
    if not restart:
        return "OnFailure" if interactive else "Always"
    if restart in RESTART_POLICIES:
        return restart
    raise errors.MklError(
        f"invalid restart policy: {restart}, valid values are: {', '.join(RESTART_POLICIES)}"
    )


def parse_labels(spec: str) -> dict[str, str]:
    """Port of generate.ParseLabels: ``k=v,k2=v2`` (no key validation: the server does that)."""
    labels: dict[str, str] = {}
    for item in spec.split(","):
        parts = item.split("=")
        if len(parts) != 2:
            raise errors.MklError(f"unexpected label spec: {item}")
        if not parts[0]:
            raise errors.MklError("unexpected empty label key")
        labels[parts[0]] = parts[1]
    return labels


def parse_envs(specs: list[str]) -> list[Obj]:
    """Port of parseEnvs (generate/versioned/run.go): ``NAME=value`` each, NAME an env name."""
    envs: list[Obj] = []
    for spec in specs:
        name, eq, value = spec.partition("=")
        if not eq or not name or not _ENV_NAME.fullmatch(name):
            raise errors.MklError(f"invalid env: {spec}")
        envs.append({"name": name, "value": value} if value else {"name": name})
    return envs


def parse_port(text: str) -> int:
    """``--port`` as the pod generator reads it: strconv.Atoi, then int32 (Go wraps around)."""
    if not _GO_INT.fullmatch(text) or not -(2**63) <= int(text) < 2**63:
        raise errors.MklError("--port must be a number")
    n = int(text) & 0xFFFFFFFF
    return n - 2**32 if n >= 2**31 else n


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Port of RunOptions after ToOptions/Complete/Validate (cmd/run/run.go)."""

    name: str
    image: str
    args: tuple[str, ...]  # after ``--``: the container's args (its command with --command)
    command: bool
    restart: str  # the resolved restart policy
    port: str
    expose: bool
    env: tuple[str, ...]
    labels: str
    annotations: tuple[str, ...]
    pull_policy: str
    privileged: bool
    stdin: bool
    tty: bool
    attach: bool
    remove: bool
    leave_stdin_open: bool
    quiet: bool
    namespace: str | None
    dry_run: str
    manager: str  # --field-manager
    cause: str | None
    pod_running_timeout: float  # seconds: waiting for the attached pod to run (and to end)

    @classmethod
    def complete(cls, flags: options.Flags, dash_at: int, cause: str | None) -> RunOptions:
        """Flags and words as kubectl's RunFlags.ToOptions reads them (``-i`` implies --attach
        unless ``--attach`` is typed)."""
        dry_run = options.dry_run(flags)
        args = flags.args
        if not args or dash_at == 0:
            raise errors.MklError("NAME is required for run")
        stdin = bool(flags.flag("stdin"))
        attach = bool(flags.flag("attach")) if flags.given("attach") else stdin
        return cls(
            name=args[0],
            image=flags.flag("image") or "",
            args=tuple(args[1:]),
            command=bool(flags.flag("command")),
            restart=flags.flag("restart") or "",
            port=flags.flag("port") or "",
            expose=bool(flags.flag("expose")),
            env=tuple(flags.flag("env") or ()),
            labels=flags.flag("labels") or "",
            annotations=tuple(flags.flag("annotations") or ()),
            pull_policy=flags.flag("image-pull-policy") or "",
            privileged=bool(flags.flag("privileged")),
            stdin=stdin,
            tty=bool(flags.flag("tty")),
            attach=attach,
            remove=bool(flags.flag("rm")),
            leave_stdin_open=bool(flags.flag("leave-stdin-open")),
            quiet=bool(flags.flag("quiet")),
            namespace=flags.flag("namespace"),
            dry_run=dry_run,
            manager=options.field_manager(flags, "kubectl-run"),
            cause=cause,
            pod_running_timeout=_timeout(flags.flag("pod-running-timeout")),
        )

    def validate(self) -> list[errors.MklError]:
        """Port of RunOptions.Validate (the first problem, as kubectl returns one)."""
        from minikube_lite.sandbox import images

        if not self.image:
            return [errors.MklError('required flag(s) "image" not set')]
        try:
            images.parse_reference(self.image)
        except images.InvalidReference:
            return [errors.MklError(f'invalid image name "{self.image}": invalid reference format')]
        problems = [
            (
                self.tty and not self.stdin,
                "-i/--stdin is required for containers with -t/--tty=true",
            ),
            (self.expose and not self.port, "--port must be set when exposing a service"),
        ]
        for bad, msg in problems:
            if bad:
                return [errors.MklError(msg)]
        try:
            restart_policy(self.restart, self.stdin)
        except errors.MklError as e:
            return [e]
        later = [
            (not self.attach and self.remove, "--rm should only be used for attached containers"),
            (self.attach and self.dry_run != "none", ATTACH_DRY_RUN),
            (
                self.pull_policy not in ("", *PULL_POLICIES),
                f"invalid image pull policy: {self.pull_policy}, valid values are: "
                + ", ".join(PULL_POLICIES),
            ),
        ]
        return [errors.MklError(msg) for bad, msg in later if bad][:1]

    @property
    def restart_policy(self) -> str:
        return restart_policy(self.restart, self.stdin)

    @property
    def waits_for_exit_code(self) -> bool:
        """kubectl waits for the pod to end (and returns its exit code) unless it restarts."""
        return not self.leave_stdin_open and self.restart_policy in ("Never", "OnFailure")

    def objects(self) -> list[Obj]:
        """The Pod, then (``--expose``) its Service, as the generators build them."""
        pod = pod_object(self)
        out = [pod]
        if self.expose:
            out.append(service_object(self.name, self.port, self.labels))
        return out

    def run(self, cluster: Cluster) -> list[Obj]:
        """Create (or, for a dry run, only build) the objects; returns them as stored/built."""
        built = self.objects()  # the generators' errors come before any request
        done = []
        for obj in built:
            k = kinds.KINDS[obj["kind"]]
            done.append(
                create.generated(
                    cluster, Manifest("", obj, k), self.namespace, self.dry_run, self.manager
                )
            )
        return done


def _timeout(text: str | None) -> float:
    try:
        seconds = clock.parse_duration(text) if text else 60.0
    except ValueError as e:
        raise errors.MklError(
            f'invalid argument "{text}" for "--pod-running-timeout" flag: {e}'
        ) from None
    if seconds <= 0:
        raise errors.MklError("--pod-running-timeout must be higher than zero")
    return seconds


def remove(cluster: Cluster, created: list[Obj]) -> list[str]:
    """``--rm``: delete what run created (IgnoreNotFound, the default grace period); the delete
    printer's lines (``pod "tmp" deleted from default namespace``)."""
    from minikube_lite.store import apiserver

    lines = []
    for obj in created:
        k = kinds.KINDS[obj["kind"]]
        ns, name = o.namespace(obj), o.name(obj)
        live = cluster.get(k.kind, ns, name)
        if live is None:
            continue
        apiserver.delete(cluster, k.kind, live)
        lines.append(f'{k.kind.lower()} "{name}" deleted from {ns} namespace\n')
    return lines


def _metadata(name: str, labels: dict[str, str], annotations: dict[str, str]) -> Obj:
    meta: Obj = {"name": name}
    if labels:
        meta["labels"] = labels
    if annotations:
        meta["annotations"] = annotations
    return meta


def _annotations(opts: RunOptions) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in opts.annotations:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise errors.MklError(f"invalid annotation spec: {item}")
        out[key] = value
    if opts.cause is not None:
        out[o.CHANGE_CAUSE_ANNOTATION] = opts.cause
    return out


def pod_object(opts: RunOptions) -> Obj:
    """Port of BasicPod.Generate (and the --privileged/--annotations/--record additions)."""
    envs = parse_envs(list(opts.env))
    labels = parse_labels(opts.labels) if opts.labels else {"run": opts.name}
    c: Obj = {"name": opts.name, "image": opts.image}
    if opts.args:
        c["command" if opts.command else "args"] = list(opts.args)
    if opts.port:
        c["ports"] = [{"containerPort": parse_port(opts.port)}]
    if envs:
        c["env"] = envs
    c["resources"] = {}
    if opts.pull_policy:
        c["imagePullPolicy"] = opts.pull_policy
    if opts.privileged:
        c["securityContext"] = {"privileged": True}
    if opts.stdin:
        c["stdin"] = True
        if not opts.leave_stdin_open:
            c["stdinOnce"] = True
    if opts.tty:
        c["tty"] = True
    return {
        "kind": "Pod",
        "apiVersion": "v1",
        "metadata": _metadata(opts.name, labels, _annotations(opts)),
        "spec": {
            "containers": [c],
            "restartPolicy": opts.restart_policy,
            "dnsPolicy": "ClusterFirst",
        },
        "status": {},
    }


def service_object(name: str, port: str, labels: str) -> Obj:
    """Port of ServiceGeneratorV2 as ``run --expose`` calls it: the selector is the pod's
    labels (``run=NAME`` without ``--labels``), one TCP port whose targetPort is the port."""
    selector = parse_labels(labels or f"run={name}")
    n = parse_port(port)
    return {
        "kind": "Service",
        "apiVersion": "v1",
        "metadata": _metadata(name, parse_labels(labels) if labels else {}, {}),
        "spec": {
            "ports": [{"protocol": "TCP", "port": n, "targetPort": n}],
            "selector": selector,
        },
        "status": {"loadBalancer": {}},
    }
