"""The fake registry as users see it: list images, add your own behaviour profile, remove it."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.ops import manifests, options
from minikube_lite.records import dataclass
from minikube_lite.sandbox import images
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ONE_IMAGE = "exactly one IMAGE reference is required"
DEFAULT_BODY = "Hello from {tag} on {hostname}\n"


def listing(cluster: Cluster) -> list[dict[str, Any]]:
    """Every image the registry serves, with whether the node has it cached."""
    cache = cluster.state.get("nodeImages", {})
    out = []
    for p in images.catalogue(cluster.state.get("images")):
        out.append(
            {
                "image": p.ref,
                "size": p.size,
                "serves": f"HTTP :{p.http_port}" if p.http_port else ("sh" if p.shell else "-"),
                "cached": p.ref in cache,
                "source": "user" if p.user else "built-in",
            }
        )
    return out


def add(cluster: Cluster, ref: str, profile: dict[str, Any]) -> str:
    """Register a user image; returns its normalized reference."""
    try:
        prof = images.add_user_image(cluster.state.setdefault("images", {}), ref, profile)
    except images.InvalidReference as e:
        raise errors.MklError(f'invalid image reference "{ref}": {e}') from None
    except (TypeError, ValueError, AttributeError) as e:
        raise errors.MklError(f"invalid image profile for {ref}: {e}") from None
    cluster.dirty = True
    return prof.ref


def remove(cluster: Cluster, ref: str) -> str:
    try:
        full = images.parse_reference(ref).full
    except images.InvalidReference as e:
        raise errors.MklError(f'invalid image reference "{ref}": {e}') from None
    store = cluster.state.get("images", {})
    if full not in store:
        raise errors.MklError(
            f'image "{full}" is not a user image (built-in images cannot be removed)'
        )
    del store[full]
    cluster.dirty = True
    return full


def _one_image(flags: options.Flags, command_path: str) -> str:
    if len(flags.args) != 1:
        raise errors.UsageError(ONE_IMAGE, command_path)
    return flags.args[0]


@dataclass(frozen=True, slots=True)
class ImageListOptions:
    """``image ls [-o json|name]``."""

    output: str | None

    @classmethod
    def complete(cls, flags: options.Flags) -> ImageListOptions:
        return cls(output=flags.flag("output"))

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self, cluster: Cluster) -> list[dict[str, Any]]:
        """The rows the cli prints (a table, JSON or names)."""
        return listing(cluster)


@dataclass(frozen=True, slots=True)
class ImageAddOptions:
    """``image add IMAGE``: a behaviour profile from a file or from flags.

    The numeric flags stay as typed until ``run``: a bad one fails there, as it always did.
    """

    ref: str
    from_file: str | None
    http_port: int | None
    body: str | None
    path: str | None
    startup_seconds: str | None
    exit_after: str | None
    exit_code: str | None
    size: str | None
    require_env: tuple[str, ...]
    shell: bool

    @classmethod
    def complete(cls, flags: options.Flags, command_path: str) -> ImageAddOptions:
        return cls(
            ref=_one_image(flags, command_path),
            from_file=flags.flag("from-file"),
            http_port=flags.flag("http-port"),
            body=flags.flag("body"),
            path=flags.flag("path"),
            startup_seconds=flags.flag("startup-seconds"),
            exit_after=flags.flag("exit-after"),
            exit_code=flags.flag("exit-code"),
            size=flags.flag("size"),
            require_env=tuple(flags.flag("require-env") or ()),
            shell=bool(flags.flag("shell")),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self, cluster: Cluster, stdin: str | None = None) -> str:
        """Register the image; returns its normalized reference (``stdin``: for --from-file -)."""
        return add(cluster, self.ref, self.profile(stdin))

    def profile(self, stdin: str | None = None) -> dict[str, Any]:
        """The behaviour profile: the one document of --from-file, or the flags'."""
        if self.from_file:
            docs = manifests.read([self.from_file], stdin)
            objs = [d for _, ds in docs for d in ds]
            if len(objs) != 1:
                raise errors.MklError(
                    f"{self.from_file}: expected one profile document, found {len(objs)}"
                )
            return objs[0]
        prof: dict[str, Any] = {}
        if self.http_port is not None:
            body = self.body if self.body is not None else DEFAULT_BODY
            if not body.endswith("\n"):
                body += "\n"
            prof["http"] = {
                "port": self.http_port,
                "routes": {self.path or "/": {"status": 200, "body": body}},
            }
        for key, value, conv in (
            ("startupSeconds", self.startup_seconds, float),
            ("exitAfter", self.exit_after, float),
            ("exitCode", self.exit_code, int),
            ("size", self.size, int),
        ):
            if value is not None:
                prof[key] = conv(value)
        if self.require_env:
            prof["requiredEnv"] = list(self.require_env)
        if self.shell:
            prof["shell"] = True
        return prof


@dataclass(frozen=True, slots=True)
class ImageRemoveOptions:
    """``image rm IMAGE``: only user images can go."""

    ref: str

    @classmethod
    def complete(cls, flags: options.Flags, command_path: str) -> ImageRemoveOptions:
        return cls(ref=_one_image(flags, command_path))

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self, cluster: Cluster) -> str:
        """Remove the image; returns its normalized reference."""
        return remove(cluster, self.ref)
