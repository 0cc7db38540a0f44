"""create / apply / the generators (create namespace|deployment|service)."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.api.patch import decode
from minikube_lite.ops import generate, manifests, options, resources
from minikube_lite.ops.manifests import Manifest
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CREATE_MANAGER = "kubectl-create"
APPLY_MANAGER = "kubectl-client-side-apply"


def target_namespace(cluster: Cluster, m: Manifest, ns_flag: str | None) -> Obj:
    """Copy the manifest and settle its namespace (-n must agree with the file's)."""
    obj = o.deepcopy(m.obj)
    meta = o.meta(obj)
    file_ns = meta.get("namespace")
    if m.kind.namespaced:
        if file_ns and ns_flag and file_ns != ns_flag:
            raise errors.MklError(
                f'the namespace from the provided object "{file_ns}" does not match the '
                f'namespace "{ns_flag}". '
                f"You must pass '--namespace={file_ns}' to perform this operation."
            )
        meta["namespace"] = file_ns or resources.current_namespace(cluster, ns_flag)
    return obj


def strict_check(kind: str, obj: Obj, validate: str = "strict") -> None:
    """Server-side strict field validation (unknown fields -> BadRequest)."""
    if validate in ("ignore", "false"):
        return
    from minikube_lite.api import schema

    schema.check_decode(obj, strict=True)


def last_applied(obj: Obj) -> str:
    """The last-applied-configuration value, as kubectl's GetModifiedConfiguration writes it."""
    from minikube_lite.api.patch import patch

    return patch.last_applied_configuration(obj)[1]


def create_one(
    cluster: Cluster,
    m: Manifest,
    ns_flag: str | None,
    *,
    cause: str | None = None,
    save_config: bool = False,
    dry_run: str = "none",
    validate: str = "strict",
    manager: str = CREATE_MANAGER,
) -> Obj:
    """`create -f` for one document: returns the created object.

    ``dry_run`` is none|client|server.  A client dry run never reaches the API server (no
    AlreadyExists, NotFound namespace, validation or admission): it returns the object kubectl
    would have sent.
    """
    obj = target_namespace(cluster, m, ns_flag)
    if cause is not None:
        o.set_annotation(obj, o.CHANGE_CAUSE_ANNOTATION, cause)
    if save_config:
        o.set_annotation(obj, o.LAST_APPLIED_ANNOTATION, last_applied(obj))
    if dry_run == "client":
        return obj
    try:
        strict_check(m.kind.kind, obj, validate)
        return apiserver.create(
            cluster, m.kind.kind, obj, dry_run=dry_run == "server", manager=manager
        )
    except errors.InvalidError:
        raise
    except errors.ServerError as e:
        raise e.with_source(m.source) from None


def apply_one(
    cluster: Cluster,
    m: Manifest,
    ns_flag: str | None,
    *,
    cause: str | None = None,
    dry_run: str = "none",
    manager: str = APPLY_MANAGER,
) -> tuple[Obj, str, str | None]:
    """Client-side apply: returns (object, "created"|"configured"|"unchanged", warning).

    A client dry run reads the live object (kubectl's GET) but writes nothing: a missing object
    is "created" as sent, a present one is patched locally (PatchLocal).
    """
    obj = target_namespace(cluster, m, ns_flag)
    if dry_run != "client":
        strict_check(m.kind.kind, obj)
    if cause is not None:
        o.set_annotation(obj, o.CHANGE_CAUSE_ANNOTATION, cause)
    applied = last_applied(obj)
    o.set_annotation(obj, o.LAST_APPLIED_ANNOTATION, applied)
    k = m.kind
    live = cluster.get(k.kind, o.namespace(obj) or None if k.namespaced else None, o.name(obj))
    if live is None:
        if dry_run == "client":
            return obj, "created", None
        try:
            return (
                apiserver.create(
                    cluster, k.kind, obj, dry_run=dry_run == "server", manager=manager
                ),
                "created",
                None,
            )
        except errors.InvalidError:
            raise
        except errors.ServerError as e:
            raise e.with_source(m.source) from None
    from minikube_lite.api.patch.strategicpatch import diff, merge

    warning = None
    prev_text = o.annotations(live).get(o.LAST_APPLIED_ANNOTATION)
    prev = None
    if prev_text:
        try:
            prev = decode.loads_json(prev_text)  # bounded: the annotation is user text
        except ValueError:
            prev = None
    else:
        warning = (
            f"Warning: resource {k.plural}/{o.name(obj)} is missing the "
            "kubectl.kubernetes.io/last-applied-configuration "
            "annotation which is required by kubectl apply. kubectl apply should only be used on "
            "resources created "
            "declaratively by either kubectl create --save-config or kubectl apply. The missing "
            "annotation will be "
            "patched automatically.\n"
        )
    if dry_run == "client":
        delta = diff.three_way_patch(prev, obj, live, k.kind)
        return (
            merge.strategic_merge(live, delta, k.kind),
            ("configured" if delta else "unchanged"),
            warning,
        )
    new = diff.three_way_apply(prev, obj, live, k.kind)
    try:
        stored, changed = apiserver.update(
            cluster, k.kind, new, dry_run=dry_run == "server", manager=manager
        )
    except errors.ConflictError as e:
        raise _apply_conflict(e, m, diff.three_way_patch(prev, obj, live, k.kind), obj) from None
    return stored, ("configured" if changed else "unchanged"), warning


def _apply_conflict(
    e: errors.ConflictError, m: Manifest, patch: Any, obj: Obj
) -> errors.ServerError:
    """kubectl apply's text for a patch the server refused (cmd/apply/apply.go and
    staging/src/k8s.io/kubectl/pkg/cmd/apply/patcher.go): the patch,
    the resource.Info, then the source twice (AddSourceToErr, "applying patch" and "patching")."""
    import json

    k = m.kind
    group = k.group
    info = (
        f'Resource: "{group}/{k.version}, Resource={k.plural}", '
        f'GroupVersionKind: "{group}/{k.version}, Kind={k.kind}"\n'
        f'Name: "{o.name(obj)}", Namespace: "{o.namespace(obj) or ""}"'
    )
    body = json.dumps(patch, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    inner = e.with_source(m.source, "patching")
    return inner.with_source(m.source, f"applying patch:\n{body}\nto:\n{info}\nfor:")


def generated(
    cluster: Cluster, m: Manifest, ns_flag: str | None, dry_run: str, manager: str = CREATE_MANAGER
) -> Obj:
    """A generator's object: sent (or, for a client dry run, returned unsent, as built, with a
    namespace only when ``-n`` gave one, as kubectl does)."""
    if dry_run == "client":
        obj = o.deepcopy(m.obj)
        if ns_flag and m.kind.namespaced:
            obj = generate.with_namespace(obj, ns_flag)
        return obj
    return apiserver.create(
        cluster,
        m.kind.kind,
        target_namespace(cluster, m, ns_flag),
        dry_run=dry_run == "server",
        manager=manager,
    )


# ----- create -f / apply -f: the Options shape ---------------------------------------------------

Sources = list[tuple[str, list[Obj]]]  # (source name, the objects it holds)


@dataclass(frozen=True, slots=True)
class FileResult:
    """Per object (object, operation, warning), and the errors (ContinueOnError)."""

    done: tuple[tuple[Obj, str, str | None], ...]
    errors: tuple[errors.MklError, ...]


@dataclass(frozen=True, slots=True)
class FileOptions:
    """Port of CreateOptions / ApplyOptions after Complete (cmd/create/create.go,
    cmd/apply/apply.go), for the ``-f`` path both share."""

    apply: bool  # apply -f (else create -f)
    filenames: tuple[str, ...]
    stdin: str | None  # standard input when ``-f -`` asks for it
    namespace: str | None
    cause: str | None
    save_config: bool  # create only
    validation: str  # --validate: strict | warn | ignore (create only)
    dry_run: str
    manager: str  # --field-manager

    @classmethod
    def complete(
        cls, flags: options.Flags, cause: str | None, stdin: str | None, *, apply: bool
    ) -> FileOptions:
        """``-f`` is required (``-k`` is not supported), then ``--dry-run``."""
        if not flags.flag("filename"):
            raise errors.MklError("must specify one of -f and -k")
        dry_run = options.dry_run(flags)
        return cls(
            apply=apply,
            filenames=tuple(flags.flag("filename")),
            stdin=stdin,
            namespace=flags.flag("namespace"),
            cause=cause,
            save_config=False if apply else bool(flags.flag("save-config")),
            validation="strict" if apply else (flags.flag("validate") or "strict"),
            dry_run=dry_run,
            manager=options.field_manager(flags, APPLY_MANAGER if apply else CREATE_MANAGER),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def read(self) -> Sources:
        """The ``-f`` sources (files, directories, URLs' stand-ins, stdin), before the lock."""
        return manifests.read(list(self.filenames), self.stdin)

    def run(self, cluster: Cluster, sources: Sources) -> FileResult:
        """RunCreate / RunApply: every object, errors collected and raised at the end."""
        done: list[tuple[Obj, str, str | None]] = []
        errs: list[errors.MklError] = []
        for source, objs in sources:
            for raw in objs:
                try:
                    done.append(self._one(cluster, manifests.resolve(source, raw)))
                except errors.MklError as e:
                    errs.append(e)
        return FileResult(tuple(done), tuple(errs))

    def _one(self, cluster: Cluster, m: Manifest) -> tuple[Obj, str, str | None]:
        if self.apply:
            return apply_one(
                cluster,
                m,
                self.namespace,
                cause=self.cause,
                dry_run=self.dry_run,
                manager=self.manager,
            )
        obj = create_one(
            cluster,
            m,
            self.namespace,
            cause=self.cause,
            save_config=self.save_config,
            dry_run=self.dry_run,
            validate=self.validation,
            manager=self.manager,
        )
        return obj, "created", None


# ----- create namespace|deployment|service: the generators' Options ------------------------------


@dataclass(frozen=True, slots=True)
class GeneratedOptions:
    """Port of CreateNamespaceOptions / CreateDeploymentOptions / ServiceOptions after Complete:
    the generated object, ready to send (cmd/create/create_{namespace,deployment,service}.go)."""

    kind: str
    obj: Obj
    namespace: str | None
    dry_run: str
    save_config: bool = False
    manager: str = CREATE_MANAGER  # --field-manager

    @classmethod
    def of(cls, flags: options.Flags, obj: Obj) -> GeneratedOptions:
        """The options for a built object (ops/generate.py), with ``-n``, ``--dry-run`` and
        ``--save-config``."""
        return cls(
            kind=obj["kind"],
            obj=obj,
            namespace=flags.flag("namespace"),
            dry_run=options.dry_run(flags),
            save_config=bool(flags.flag("save-config")),
            manager=options.field_manager(flags, CREATE_MANAGER),
        )

    @classmethod
    def for_namespace(cls, flags: options.Flags, name: str) -> GeneratedOptions:
        return cls.of(flags, generate.namespace_object(name))

    @classmethod
    def for_deployment(
        cls, flags: options.Flags, name: str, command: list[str]
    ) -> GeneratedOptions:
        """``--image`` is required; several images cannot take a command."""
        images = flags.flag("image") or []
        if not images:
            raise errors.MklError('required flag(s) "image" not set')
        if command and len(images) > 1:
            raise errors.MklError("cannot specify multiple --image options and command")
        replicas = flags.flag("replicas")
        obj = generate.deployment_object(
            name, images, replicas if replicas is not None else 1, flags.flag("port"), command
        )
        return cls.of(flags, obj)

    @classmethod
    def for_service(cls, flags: options.Flags, name: str, stype: str) -> GeneratedOptions:
        """``create service clusterip|nodeport|loadbalancer|externalname`` (ServiceOptions)."""
        tcp = list(flags.flag("tcp") or [])
        cip = str(flags.flag("clusterip") or "") if stype == "ClusterIP" else ""
        external = ""
        if stype == "ExternalName":
            external = str(flags.flag("external-name") or "")
            if not flags.given("external-name"):
                raise errors.MklError('required flag(s) "external-name" not set')
        node_port = int(flags.flag("node-port") or 0) if stype == "NodePort" else 0
        generate.service_checks(stype, tcp, cip, external)
        obj = generate.service_object(name, stype, tcp, cip, node_port, external)
        # ServiceOptions.Complete never reads --save-config: kubectl accepts it and ignores it
        return cls(obj["kind"], obj, flags.flag("namespace"), options.dry_run(flags), False)

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self, cluster: Cluster) -> Obj:
        """The object as created (or, for a client dry run, as it would be sent).  A server's
        refusal is wrapped the way each generator's Run wraps it (``failed to create configmap:
        configmaps "c" already exists``); namespace, role and clusterrole pass it on as is."""
        k = kinds.KINDS[self.kind]
        obj = self.obj
        if self.save_config:  # the annotation holds the object as sent, namespace included
            if self.namespace and k.namespaced:
                obj = generate.with_namespace(obj, self.namespace)
            obj = generate.save_config(obj)
        m = Manifest("", obj, k)
        try:
            return generated(cluster, m, self.namespace, self.dry_run, self.manager)
        except errors.ServerError as e:
            what = _FAILED_TO_CREATE.get(self.kind)
            if what is None:
                raise
            if self.kind == "Service":
                what = f"{self.obj['spec']['type']} service:"
            from minikube_lite.ops.targets import status_message

            raise errors.MklError(f"failed to create {what} {status_message(e)}") from None


# kubectl's generators wrap the server's error with fmt.Errorf("failed to create ...", err).
_FAILED_TO_CREATE = {
    "Deployment": "deployment:",
    "Job": "job:",
    "CronJob": "cronjob:",
    "PodDisruptionBudget": "poddisruptionbudgets:",
    "PriorityClass": "priorityclass:",
    "Ingress": "ingress:",
    "ConfigMap": "configmap:",
    "Secret": "secret",  # create_secret*.go: "failed to create secret %v"
    "Service": "service:",
    "ServiceAccount": "serviceaccount:",
    "ResourceQuota": "quota:",
    "RoleBinding": "rolebinding:",
    "ClusterRoleBinding": "clusterrolebinding:",
}
