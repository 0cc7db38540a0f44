"""``set image`` and ``set env``: edit the pod template of a Pod, Deployment, ReplicaSet,
ReplicationController or StatefulSet.

Ports of kubectl ``cmd/set/set_image.go`` and ``cmd/set/set_env.go`` (with ``cmd/set/helper.go``
and ``polymorphichelpers/updatepodspec.go``).  kubectl computes a strategic merge patch between
the object before and after the edit and skips the write when it is empty; here that is "the
edited object equals the stored one".  Nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import timeline
from minikube_lite.ops import options, targets
from minikube_lite.records import dataclass, field
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ENV_NAME_RE = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
ENV_NAME_MSG = (
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', "
    "or '.', "
    "and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', "
    "regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
)
ENV_ARG_RE = re.compile(r"^(.+)=(.*)$", re.S)


@dataclass(slots=True)
class Edit:
    """The outcome of editing one object.

    The new version, and the errors met (kubectl's allErrs).
    """

    kind: kinds.Kind
    before: Obj
    after: Obj
    errors: list[errors.MklError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """kubectl's "the patch is not {}"."""
        return not o.semantic_equal(self.before, self.after)


def pod_spec(k: kinds.Kind, obj: Obj) -> Obj:
    """Port of UpdatePodSpecForObjectFn's type switch: the PodSpec to edit, in place."""
    if k.kind == "Pod":
        spec: Obj = obj.setdefault("spec", {})
        return spec
    if k.kind in ("Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"):
        template_spec: Obj = (
            obj.setdefault("spec", {}).setdefault("template", {}).setdefault("spec", {})
        )
        return template_spec
    raise errors.MklError(
        f"the object is not a pod or does not have a pod template: *{k.version}.{k.kind}"
    )


def object_name(k: kinds.Kind, obj: Obj, local: bool = False) -> str:
    """resource.Info.ObjectName(): ``deployments/web`` (server objects have a REST mapping);
    local file objects use the lower-case kind: ``pod/p``, ``deployment.apps/web`` + newline."""
    if not local:
        return f"{k.plural}/{o.name(obj)}"
    if not k.group:
        return f"{k.kind.lower()}/{o.name(obj)}"
    return f"{k.kind.lower()}.{k.group}/{o.name(obj)}\n"


def _set_image(containers: list[Obj], name: str, image: str) -> bool:
    """Port of set_image.go setImage."""
    found = False
    for c in containers:
        if c.get("name") == name or name == "*":
            found = True
            c["image"] = image
    return found


def edit_images(
    k: kinds.Kind, obj: Obj, images: dict[str, str], cause: str | None, local: bool = False
) -> Edit:
    """The body of SetImageOptions.Run's patch function for one object."""
    after = o.deepcopy(obj)
    edit = Edit(k, obj, after)
    try:
        spec = pod_spec(k, after)
    except errors.MklError as e:
        edit.after = obj
        edit.errors.append(errors.MklError(f"error: {object_name(k, obj, local)} {e.message}\n"))
        return edit
    for name, image in images.items():
        init_found = _set_image(spec.get("initContainers") or [], name, image)
        found = _set_image(spec.get("containers") or [], name, image)
        if not found and not init_found:
            edit.errors.append(errors.MklError(f'error: unable to find container named "{name}"'))
    if cause is not None:
        o.set_annotation(after, o.CHANGE_CAUSE_ANNOTATION, cause)
    return edit


SET_MANAGER = "kubectl-set"


def write(
    cluster: Cluster, edit: Edit, dry_run: str, what: str = "image", manager: str = SET_MANAGER
) -> Obj:
    """Send a changed object to the API server (the PATCH); returns what the server returned."""
    try:
        stored, _ = apiserver.update(
            cluster, edit.kind.kind, edit.after, dry_run=dry_run == "server", manager=manager
        )
    except errors.ServerError as e:
        raise errors.MklError(
            f"failed to patch {what} update to pod template: {targets.status_message(e)}"
        ) from None
    if (
        dry_run == "none" and edit.kind.kind == "Deployment"
    ):  # issue 7: a mark on the rollout timeline
        timeline.mark(
            cluster,
            stored,
            f"set image {timeline.changed_images(edit.before, stored)}"
            if what == "image"
            else f"set {what}",
        )
    return stored


# ----- set env ------------------------------------------------------------------------------------


def split_env_args(args: list[str]) -> tuple[list[str], list[str]]:
    """Port of envutil.SplitEnvironmentFromResources."""
    resources_: list[str] = []
    env: list[str] = []
    first = True
    for s in args:
        is_env = bool(ENV_ARG_RE.match(s)) or s.endswith("-")
        if is_env:
            first = False
            env.append(s)
        elif first:
            resources_.append(s)
        else:
            raise errors.MklError(
                f"all resources must be specified before environment changes: {' '.join(args)}"
            )
    return resources_, env


def parse_env(specs: list[str], stdin_text: str | None) -> tuple[list[Obj], list[str]]:
    """Port of envutil.ParseEnv.

    ``NAME=value``, ``NAME-`` and ``-`` (read NAME=value lines from stdin).
    """
    env: list[Obj] = []
    remove: list[str] = []
    for spec in specs:
        if spec == "-":
            if stdin_text is None:
                raise errors.MklError("when '-' is used, STDIN must be open")
            env.extend(
                _env_var(line)
                for line in stdin_text.splitlines()
                if line.strip() and not line.startswith("#")
            )
        elif "=" in spec:
            env.append(_env_var(spec))
        elif spec.endswith("-"):
            remove.append(spec[:-1])
        else:
            raise errors.MklError(f"unknown environment variable: {spec}")
    names = {e["name"] for e in env}
    if any(r in names for r in remove):
        raise errors.MklError(
            "can not both modify and remove the same environment variable in the same command"
        )
    return env, remove


def _env_var(spec: str) -> Obj:
    name, _, value = spec.partition("=")
    if not ENV_NAME_RE.match(name):
        raise errors.MklError(f'"{name}" is not a valid key name: {ENV_NAME_MSG}')
    return {"name": name, "value": value} if value else {"name": name}


def select_string(s: str, spec: str) -> bool:
    """Port of set/helper.go selectString (``*`` wildcards)."""
    if spec == "*":
        return True
    if "*" not in spec:
        return s == spec
    pattern = "^" + ".*".join(re.escape(p) for p in spec.split("*")) + "$"
    return re.match(pattern, s, re.S) is not None


def update_env(existing: list[Obj], env: list[Obj], remove: list[str]) -> list[Obj]:
    """Port of set/helper.go updateEnv: replace in place, append new, drop removed."""
    out: list[Obj] = []
    covered = set(remove)
    newer = {e["name"]: e for e in env}
    for e in existing:
        n = str(e.get("name"))
        if n in covered:
            continue
        if n in newer:
            covered.add(n)
            out.append(dict(newer[n]))
            continue
        out.append(e)
    for e in env:
        if e["name"] not in covered:
            covered.add(e["name"])
            out.append(dict(e))
    return out


def edit_env(
    k: kinds.Kind,
    obj: Obj,
    env: list[Obj],
    remove: list[str],
    selector: str,
    overwrite: bool,
    local: bool = False,
) -> Edit:
    """The body of EnvOptions.RunEnv's patch function for one object."""
    after = o.deepcopy(obj)
    edit = Edit(k, obj, after)
    try:
        spec = pod_spec(k, after)
        containers = [
            c
            for c in (spec.get("containers") or []) + (spec.get("initContainers") or [])
            if select_string(str(c.get("name", "")), selector)
        ]
        if not containers:
            edit.warnings.append(
                f"Warning: {k.kind}/{o.name(obj)} does not have any containers matching "
                f'"{selector}"\n'
            )
        for c in containers:
            if not overwrite:
                _no_overwrites(c.get("env") or [], env)
            new_env = update_env(c.get("env") or [], env, remove)
            if new_env:
                c["env"] = new_env
            else:
                c.pop("env", None)
    except errors.MklError as e:
        edit.after = obj
        edit.errors.append(errors.MklError(f"error: {object_name(k, obj, local)} {e.message}\n"))
    return edit


def _no_overwrites(existing: list[Obj], env: list[Obj]) -> None:
    for e in env:
        cur = next((x for x in existing if x.get("name") == e["name"]), None)
        if cur is not None and cur.get("value", "") != e.get("value", ""):
            raise errors.MklError(
                f"'{cur['name']}' already has a value ({cur.get('value', '')}), and --overwrite "
                "is false"
            )


# ----- --local output -----------------------------------------------------------------------------


def typed_roundtrip(k: kinds.Kind, obj: Obj) -> Obj:
    """What kubectl prints for a file object after decoding it into its Go type and encoding it
    again (``--local``): non-omitempty zero fields appear (``status: {}``, ``strategy: {}``,
    ``resources: {}``)."""
    out = o.deepcopy(obj)
    if k.kind not in ("Pod", "Deployment", "ReplicaSet", "StatefulSet"):
        return out
    status = out.setdefault("status", {})
    if k.kind == "Deployment":
        out.setdefault("spec", {}).setdefault("strategy", {})
    if k.kind == "StatefulSet" and isinstance(status, dict):  # replicas, availableReplicas: no
        out.setdefault("spec", {}).setdefault("updateStrategy", {})  # omitempty
        status.setdefault("replicas", 0)
        status.setdefault("availableReplicas", 0)
    try:
        spec = pod_spec(k, out)
    except errors.MklError:
        return out
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        if isinstance(c, dict):
            c.setdefault("resources", {})
    from minikube_lite.api import typed_order

    return typed_order.order(out)  # -o json prints the Go struct's field order


# ----- the Options shape ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EditResult:
    """Objects written (as stored) with their operation, warnings met, errors (continue on)."""

    written: tuple[tuple[Obj, str], ...]
    warnings: tuple[str, ...]
    errors: tuple[errors.MklError, ...]


def apply_edits(
    cluster: Cluster, edits: list[Edit], dry_run: str, what: str, manager: str = SET_MANAGER
) -> EditResult:
    """kubectl's per-object PATCH loop of set image / set env: skip no-ops, go on after errors."""
    written: list[tuple[Obj, str]] = []
    warnings: list[str] = []
    errs: list[errors.MklError] = []
    for edit in edits:
        errs.extend(edit.errors)
        warnings.extend(edit.warnings)
        if not edit.changed:
            continue
        try:
            stored = (
                edit.after if dry_run == "client" else write(cluster, edit, dry_run, what, manager)
            )
        except errors.MklError as e:
            errs.append(e)
            continue
        written.append((stored, f"{what} updated"))
    return EditResult(tuple(written), tuple(warnings), tuple(errs))


@dataclass(frozen=True, slots=True)
class SetImageOptions:
    """Port of SetImageOptions after Complete (cmd/set/set_image.go)."""

    resources: tuple[str, ...]  # resource words before the CONTAINER=IMAGE pairs
    images: dict[str, str]
    has_files: bool
    local: bool
    select_all: bool
    selector: str | None
    namespace: str | None
    cause: str | None
    dry_run: str
    manager: str = SET_MANAGER  # --field-manager

    @classmethod
    def complete(cls, flags: options.Flags, cause: str | None) -> SetImageOptions:
        dry_run = options.dry_run(flags)
        res, pairs = targets.split_pairs(flags.args, "image")
        images, _ = targets.parse_pairs(pairs, "image", False)
        return cls(
            resources=tuple(res),
            images=images,
            has_files=bool(flags.flag("filename")),
            local=bool(flags.flag("local")),
            select_all=bool(flags.flag("all")),
            selector=flags.flag("selector"),
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=dry_run,
            manager=options.field_manager(flags, SET_MANAGER),
        )

    def validate(self) -> list[errors.MklError]:
        """Port of SetImageOptions.Validate: every failed check (shown one per line)."""
        errs: list[errors.MklError] = []
        if self.select_all and self.selector:
            errs.append(errors.MklError("cannot set --all and --selector at the same time"))
        if not (self.local or self.resources or self.has_files):
            errs.append(errors.MklError(RESOURCE_NAMES_REQUIRED))
        if not self.images:
            errs.append(errors.MklError("at least one image update is required"))
        elif len(self.images) > 1 and "*" in self.images:
            errs.append(
                errors.MklError(
                    "all containers are already specified by *, but saw more than one "
                    "container_name=container_image pairs"
                )
            )
        if self.local and self.dry_run == "server":
            errs.append(errors.MklError(LOCAL_SERVER_DRY_RUN))
        return errs

    def edit_local(self, docs: list[Any]) -> list[Edit]:
        """``--local``: the ``-f`` objects edited, never sent (validated after reading them)."""
        targets.raise_all(self.validate())
        return [edit_images(m.kind, m.obj, self.images, self.cause, local=True) for m in docs]

    def run(self, cluster: Cluster, sel: targets.Selection) -> EditResult:
        """Port of Complete's builder visit (NotFound first), Validate, then RunImage."""
        found, missing = targets.visit(cluster, sel, self.namespace)
        targets.raise_all(missing)
        targets.raise_all(self.validate())
        edits = [edit_images(f.kind, f.obj, self.images, self.cause) for f in found]
        return apply_edits(cluster, edits, self.dry_run, "image", self.manager)


LOCAL_SERVER_DRY_RUN = (
    "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
)
RESOURCE_NAMES_REQUIRED = (
    "one or more resources must be specified as <resource> <name> or <resource>/<name>"
)


@dataclass(frozen=True, slots=True)
class SetEnvOptions:
    """Port of EnvOptions after Complete (cmd/set/set_env.go); no --list / --from in mkl."""

    resources: tuple[str, ...]
    env: tuple[Obj, ...]  # the variables to set
    remove: tuple[str, ...]  # NAME- removals
    containers: str  # --containers selector, "*" for all
    overwrite: bool
    local: bool
    namespace: str | None
    dry_run: str
    manager: str = SET_MANAGER  # --field-manager

    @classmethod
    def complete(
        cls, flags: options.Flags, read_stdin: Callable[[list[str]], str | None]
    ) -> SetEnvOptions:
        """The checks come in kubectl's order, around the --dry-run parse, so they are raised
        here (validate() has nothing left); ``read_stdin(specs)`` serves ``-e -``."""
        if flags.flag("all") and flags.flag("selector"):
            raise errors.MklError("cannot set --all and --selector at the same time")
        res, env_args = split_env_args(flags.args)
        dry_run = options.dry_run(flags)
        local = bool(flags.flag("local"))
        if local and dry_run == "server":
            raise errors.MklError(LOCAL_SERVER_DRY_RUN)
        if not flags.flag("filename") and not res:
            raise errors.MklError(RESOURCE_NAMES_REQUIRED)
        specs = [*(flags.flag("env") or []), *env_args]
        env, remove = parse_env(specs, read_stdin(specs))
        return cls(
            resources=tuple(res),
            env=tuple(env),
            remove=tuple(remove),
            containers=flags.flag("containers") or "*",
            overwrite=flags.flag("overwrite") is not False,
            local=local,
            namespace=flags.flag("namespace"),
            dry_run=dry_run,
            manager=options.field_manager(flags, SET_MANAGER),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def _edit(self, k: kinds.Kind, obj: Obj, local: bool = False) -> Edit:
        return edit_env(
            k, obj, list(self.env), list(self.remove), self.containers, self.overwrite, local=local
        )

    def edit_local(self, docs: list[Any]) -> list[Edit]:
        return [self._edit(m.kind, m.obj, local=True) for m in docs]

    def run(self, cluster: Cluster, sel: targets.Selection) -> EditResult:
        """RunEnv: NotFound first, then every object edited and written."""
        found, missing = targets.visit(cluster, sel, self.namespace)
        targets.raise_all(missing)
        edits = [self._edit(f.kind, f.obj) for f in found]
        return apply_edits(cluster, edits, self.dry_run, "env", self.manager)
