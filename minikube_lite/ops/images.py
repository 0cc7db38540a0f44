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


def listing(cluster: Cluster, patterns: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every image the registry serves (those ``patterns`` match, when given), with whether the
    node has it cached.
    """
    cache = cluster.state.get("nodeImages", {})
    out = []
    for p in images.catalogue(cluster.state.get("images")):
        if patterns and not any(_matches(p, pat) for pat in patterns):
            continue
        out.append(
            {
                "image": p.ref,
                "repository": p.repository,
                "tag": p.tag,
                "size": p.size,
                "serves": _serves(p),
                "cached": p.ref in cache,
                "source": "user" if p.user else "built-in",
            }
        )
    return out


def short_name(repository: str) -> str:
    """The name as people type it: ``docker.io/library/nginx`` → ``nginx``."""
    for prefix in ("docker.io/library/", "docker.io/"):
        if repository.startswith(prefix):
            return repository[len(prefix) :]
    return repository


def _serves(p: images.Profile) -> str:
    if p.http_port:
        return f"HTTP :{p.http_port}"
    if p.http_echo:
        return "HTTP :5678"
    if p.tcp_ports:
        return "TCP :" + ",".join(str(port) for port in p.tcp_ports)
    return "sh" if p.shell else "-"


def _matches(p: images.Profile, pattern: str) -> bool:
    """A repository name (every tag), a reference, or a glob over ``name:tag`` either spelt
    short (``nginx:1.27*``) or in full (``docker.io/library/nginx:*``).
    """
    import fnmatch

    if any(c in pattern for c in "*?["):
        short = f"{short_name(p.repository)}:{p.tag}"
        return fnmatch.fnmatchcase(short, pattern) or fnmatch.fnmatchcase(p.ref, pattern)
    try:
        ref = images.parse_reference(pattern)
    except images.InvalidReference:
        return False
    if ":" not in pattern.rpartition("/")[2] and "@" not in pattern:
        return ref.repository == p.repository
    return ref.full == p.ref


def summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per repository: its tags (a few named, then how many), what it serves, the tags
    cached on the node, and where it comes from.
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["repository"], []).append(r)
    out = []
    for repo in sorted(groups, key=short_name):
        tags = [r["tag"] for r in groups[repo]]
        cached = [r["tag"] for r in groups[repo] if r["cached"]]
        out.append(
            {
                "image": short_name(repo),
                "tags": _tag_summary(tags),
                "serves": groups[repo][0]["serves"],
                "cached": ", ".join(cached[:3])
                + (f", … ({len(cached)})" if len(cached) > 3 else ""),
                "source": "+".join(sorted({r["source"] for r in groups[repo]})),
            }
        )
    return out


SUMMARY_TAGS = 5


def _tag_summary(tags: list[str]) -> str:
    """``latest, v1, v2, v3``; past SUMMARY_TAGS: ``latest``, a few plain names and the newest
    versions, then ``… (N tags)``.
    """
    if len(tags) <= SUMMARY_TAGS:
        return ", ".join(sorted(tags, key=lambda t: (t != "latest", t)))
    names = [t for t in tags if not t[:1].isdigit() and "-" not in t]
    names.sort(key=lambda t: (t != "latest", t != "stable", t))
    versions = [t for t in tags if t[:1].isdigit() and "-" not in t]
    versions.sort(key=_version_key, reverse=True)
    shown = (names[:2] + versions)[: SUMMARY_TAGS - 2]
    return ", ".join(shown) + f", … ({len(tags)} tags)"


def _version_key(tag: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else -1 for p in tag.split("."))


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
    """``image ls [IMAGE|PATTERN...] [-o json|name]``: one row per repository, or with
    arguments (or ``-o``) one per tag.
    """

    output: str | None
    patterns: tuple[str, ...]

    @classmethod
    def complete(cls, flags: options.Flags) -> ImageListOptions:
        return cls(output=flags.flag("output"), patterns=tuple(flags.args))

    def validate(self) -> list[errors.MklError]:
        if self.output not in (None, "", "json", "name"):
            return [
                errors.MklError(
                    "unable to match a printer suitable for the output format "
                    f'"{self.output}", allowed formats are: json,name'
                )
            ]
        return []

    def run(self, cluster: Cluster) -> list[dict[str, Any]]:
        """The rows the cli prints (a table, JSON or names)."""
        return listing(cluster, self.patterns)


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
