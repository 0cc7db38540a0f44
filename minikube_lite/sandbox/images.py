"""The fake container registry and per-image behaviour profiles [SIM]
(docs/architecture.md (Simulation decisions)).

A pull succeeds iff the normalized reference is in the catalogue: the built-in one shipped in
``data/images.json`` plus user-added images kept in ``cluster.state["images"]`` (pass that dict as
``extra``).  A :class:`Profile` says what a container of the image does; :func:`plan` combines it
with the container's command, args, env and memory limit into a :class:`Plan` (when the process
exits and how, which ports answer, which files exist when), which the kubelet, probes, ``exec``,
``logs`` and ``port-forward`` all read.  Nothing here reads the wall clock or draws randomness.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence

from minikube_lite.records import dataclass
from minikube_lite.sandbox import echo, runplan
from minikube_lite.sandbox.echo import Request

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

DEFAULT_DOMAIN = "docker.io"
PULL_SECONDS = 3.0
FAILED_PULL_SECONDS = 1.0

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_DOMAIN = (
    r"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:"
    r"[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?)"
)
_REF_RE = re.compile(
    rf"^(?:(?P<domain>{_DOMAIN})/)?(?P<path>{_COMPONENT}(?:/{_COMPONENT})*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?(?:@(?P<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+."
    r"][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$"
)


class InvalidReference(ValueError):
    """The image name cannot be parsed (kubelet: InvalidImageName)."""


@dataclass(frozen=True, slots=True)
class Reference:
    raw: str
    repository: str  # docker.io/library/nginx
    tag: str  # "" when only a digest is given
    digest: str

    @property
    def full(self) -> str:
        """The normalized reference: ``docker.io/library/nginx:1.14.2`` (or ``…@sha256:…``)."""
        if self.digest:
            return f"{self.repository}@{self.digest}"
        return f"{self.repository}:{self.tag}"


@functools.lru_cache(maxsize=1024)
def parse_reference(ref: str) -> Reference:
    """Parse and normalize like containerd's reference.ParseDockerRef
    (``nginx`` → ``docker.io/library/nginx:latest``).  Cached: the kubelet resolves every
    container's image several times per start.
    """
    m = _REF_RE.match(ref or "")
    if not m or len(ref) > 255:
        raise InvalidReference(f'couldn\'t parse image name "{ref}": invalid reference format')
    domain, path = m.group("domain"), m.group("path")
    if domain and not ("." in domain or ":" in domain or domain == "localhost"):
        path, domain = f"{domain}/{path}", None
    if domain and domain != domain.lower() and "." not in domain:
        raise InvalidReference(f'couldn\'t parse image name "{ref}": invalid reference format')
    domain = domain or DEFAULT_DOMAIN
    if domain == DEFAULT_DOMAIN and "/" not in path:
        path = "library/" + path
    digest = m.group("digest") or ""
    tag = m.group("tag") or ("" if digest else "latest")
    return Reference(ref, f"{domain}/{path}", tag, digest)


@dataclass(frozen=True, slots=True)
class Route:
    path: str  # "*": any path no other route matches
    status: int
    body: str
    fail_after: float | None = None  # seconds of uptime after which the route answers 500
    echo: str = ""  # the body describes the request, in the format of an ECHO_FORMATS image


@dataclass(frozen=True, slots=True)
class Profile:
    """What an image is and does.  Hashable, so plans can be cached."""

    ref: str
    repository: str
    tag: str
    size: int
    digest: str
    http_port: int | None = None
    routes: tuple[Route, ...] = ()
    not_found_body: str = "404 page not found\n"
    tcp_ports: tuple[int, ...] = ()
    shell: bool = False
    command: tuple[str, ...] | None = None  # the image's CMD (replaced by a container's args)
    entrypoint: tuple[str, ...] = ()  # the image's ENTRYPOINT (replaced by a container's command)
    agnhost: bool = False
    startup_seconds: float = 0.0
    sigterm_seconds: float | None = 0.0  # None: ignores SIGTERM (killed after the grace period)
    sigterm_exit_code: int = 0
    memory_bytes: int = 0
    required_env: tuple[str, ...] = ()
    missing_env_exit: tuple[float, int, tuple[str, ...]] = (0.0, 1, ())
    exit_after: float | None = None  # the default process exits by itself after N s
    exit_code: int = 0
    files: tuple[str, ...] = ()
    logs: tuple[str, ...] = ()
    pull_seconds: float = PULL_SECONDS
    user: bool = False
    http_echo: bool = False
    server_commands: tuple[str, ...] = ()  # a container command that starts the image's server

    @property
    def image_id(self) -> str:
        """``docker.io/library/nginx@sha256:…`` as containerStatuses[].imageID shows it."""
        return f"{self.repository}@{self.digest}"


@dataclass(frozen=True, slots=True)
class Plan:
    """One run of a container: what the process does, relative to its start."""

    exit_after: float | None  # None: runs until stopped
    exit_code: int
    reason: (
        str  # terminated reason when it exits by itself: Completed / Error / OOMKilled / StartError
    )
    message: str = ""
    http_port: int | None = None
    routes: tuple[Route, ...] = ()
    not_found_body: str = "404 page not found\n"
    tcp_ports: tuple[int, ...] = ()
    startup_seconds: float = 0.0
    sigterm_seconds: float | None = 0.0
    sigterm_exit_code: int = 0
    files: tuple[tuple[str, float, float | None], ...] = ()  # (path, from, until)
    logs: tuple[tuple[float, str], ...] = ()
    tag: str = ""

    def serves(self, port: int, uptime: float) -> bool:
        """True when something accepts TCP connections on ``port`` at ``uptime``."""
        if uptime < self.startup_seconds or (
            self.exit_after is not None and uptime >= self.exit_after
        ):
            return False
        return port == self.http_port or port in self.tcp_ports

    def file_exists(self, path: str, uptime: float) -> bool:
        return any(
            p == path and start <= uptime and (end is None or uptime < end)
            for p, start, end in self.files
        )


# ----- catalogue ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _builtin() -> dict[str, Any]:
    # next to the package, read directly: importlib.resources costs more than the rest of a
    # small command's imports (tempfile, zipfile, typing: ~20 ms, python -X importtime)
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "images.json")
    with open(path, encoding="utf-8") as f:
        return dict(json.load(f)["repositories"])


def _digest(ref: str) -> str:
    return "sha256:" + hashlib.sha256(ref.encode()).hexdigest()


def _routes(http: Mapping[str, Any] | None) -> tuple[int | None, tuple[Route, ...]]:
    if not http:
        return None, ()
    raw = http.get("routes") or {}
    out = []
    for path, r in raw.items():
        body = r.get("body", "")
        if body.startswith("@"):
            body = raw.get(body[1:], {}).get("body", "")
        out.append(
            Route(path, int(r.get("status", 200)), body, r.get("failAfter"), str(r.get("echo", "")))
        )
    return int(http["port"]), tuple(out)


def profile_from_dict(ref: Reference, data: Mapping[str, Any], user: bool = False) -> Profile:
    """Build a Profile from catalogue/user JSON fields (camelCase keys as in images.json).

    Keys (all optional): ``size`` (bytes, Pulled event), ``digest``, ``http`` ``{port, routes:
    {path: {status, body, failAfter, echo}}}`` (bodies may use ``{tag}``/``{hostname}``/``{now}``;
    path ``*`` answers any other path; ``echo`` names an :data:`ECHO_FORMATS` request dump),
    ``notFoundBody``, ``tcpPorts``, ``shell`` (has /bin/sh), ``command`` (CMD), ``entrypoint``,
    ``serverCommands`` (programs that start the server when given as the container's command),
    ``startupSeconds`` (ports answer after this), ``sigtermSeconds`` (null: ignores SIGTERM),
    ``sigtermExitCode``, ``memoryBytes`` (OOMKilled under a smaller limit), ``requiredEnv`` (an
    entry ``A|B`` wants either) + ``missingEnvExit {after, code, logs}``, ``exitAfter``/``exitCode``
    (the default process ends by itself), ``files``, ``logs``, ``pullSeconds``, ``httpEcho``
    (hashicorp/http-echo's ``-text``/``-listen`` flags).
    """
    port, routes = _routes(data.get("http"))
    missing = data.get("missingEnvExit") or {}
    cmd = data.get("command")
    entry = data.get("entrypoint") or ()
    return Profile(
        ref=ref.full,
        repository=ref.repository,
        tag=ref.tag,
        size=int(data.get("size", 10_000_000)),
        digest=data.get("digest") or ref.digest or _digest(ref.full),
        http_port=port,
        routes=routes,
        not_found_body=str(data.get("notFoundBody", "404 page not found\n")).replace(
            "{tag}", ref.tag
        ),
        tcp_ports=tuple(int(p) for p in data.get("tcpPorts") or ()),
        shell=bool(data.get("shell", False)),
        command=tuple(cmd) if cmd else None,
        entrypoint=tuple(entry),
        agnhost=bool(data.get("agnhost", False)),
        startup_seconds=float(data.get("startupSeconds", 0) or 0),
        sigterm_seconds=None
        if data.get("sigtermSeconds", 0) is None
        else float(data.get("sigtermSeconds", 0)),
        sigterm_exit_code=int(data.get("sigtermExitCode", 0)),
        memory_bytes=int(data.get("memoryBytes", 0)),
        required_env=tuple(data.get("requiredEnv") or ()),
        missing_env_exit=(
            float(missing.get("after", 0)),
            int(missing.get("code", 1)),
            tuple(missing.get("logs") or ()),
        ),
        exit_after=None if data.get("exitAfter") is None else float(data["exitAfter"]),
        exit_code=int(data.get("exitCode", 0)),
        files=tuple(data.get("files") or ()),
        logs=tuple(data.get("logs") or ()),
        pull_seconds=float(data.get("pullSeconds", PULL_SECONDS)),
        user=user,
        http_echo=bool(data.get("httpEcho", False)),
        server_commands=tuple(data.get("serverCommands") or ()),
    )


def _near(size: int, digest: str) -> int:
    """A size within 3 % of ``size``, fixed by the tag's digest (series tags differ a little)."""
    return int(size * (0.97 + 0.06 * int(digest[7:15], 16) / 0xFFFFFFFF))


@functools.lru_cache(maxsize=64)
def repo_tags(repository: str) -> dict[str, Any]:
    """The tags of a built-in repository: its ``tags`` and, for each ``series`` entry, every
    version joined with every variant suffix (``1.27.3`` + ``-alpine``); a variant's fields
    override the profile's, its ``size`` is near what the tag pulls.  Listed tags win, then the
    first series that makes a tag.
    """
    repo = _builtin().get(repository) or {}
    out: dict[str, Any] = dict(repo.get("tags") or {})
    for series in repo.get("series") or ():
        for version in series["versions"]:
            for suffix in series["variants"]:
                tag = version + suffix
                if tag not in out:
                    out[tag] = _series_entry(repository, series, version, suffix)
    return out


def _series_entry(repository: str, series: Any, version: str, suffix: str) -> dict[str, Any]:
    fields = series["variants"][suffix]
    digest = _digest(f"{repository}:{version}{suffix}")
    return {**fields, "size": _near(int(fields["size"]), digest)}


def _tag_entry(repository: str, tag: str) -> dict[str, Any] | None:
    """One tag of :func:`repo_tags`, without building the others (a lookup per pull)."""
    repo = _builtin().get(repository) or {}
    listed = (repo.get("tags") or {}).get(tag)
    if listed is not None:
        return dict(listed)
    for series in repo.get("series") or ():
        for suffix in series["variants"]:
            version = tag[: len(tag) - len(suffix)]
            if tag.endswith(suffix) and version in series["versions"]:
                return _series_entry(repository, series, version, suffix)
    return None


@functools.lru_cache(maxsize=1024)
def _builtin_profile(full: str) -> Profile | None:
    ref = parse_reference(full)
    repo = _builtin().get(ref.repository)
    if repo is None:
        return None
    if ref.digest:
        tags = repo_tags(ref.repository)
        entry = next(
            (t for name, t in tags.items() if _digest(f"{ref.repository}:{name}") == ref.digest),
            None,
        )
    else:
        entry = _tag_entry(ref.repository, ref.tag)
    if entry is None:
        return None
    return profile_from_dict(ref, {**repo.get("profile", {}), **entry})


def lookup(image: str, extra: Mapping[str, Any] | None = None) -> Profile | None:
    """The profile of an image reference, or None when the registry does not have it.

    Raises InvalidReference for names that cannot be parsed.  ``extra`` is
    ``cluster.state["images"]``: user images keyed by normalized reference.
    """
    ref = parse_reference(image)
    if extra:
        data = extra.get(ref.full)
        if data is not None:
            return profile_from_dict(ref, data, user=True)
    return _builtin_profile(ref.full)


def add_user_image(store: dict[str, Any], image: str, profile: Mapping[str, Any]) -> Profile:
    """Register a user image (``mkl image add``) in ``store``
    (= ``cluster.state.setdefault("images", {})``).
    """
    ref = parse_reference(image)
    data = dict(profile)
    prof = profile_from_dict(ref, data, user=True)  # validates the fields
    store[ref.full] = data
    return prof


def catalogue(extra: Mapping[str, Any] | None = None) -> list[Profile]:
    """Every known image (built-in and user), sorted by reference (``mkl image ls``)."""
    out: dict[str, Profile] = {}
    for repo, entry in _builtin().items():
        for tag, fields in repo_tags(repo).items():
            ref = parse_reference(f"{repo}:{tag}")
            out[ref.full] = profile_from_dict(ref, {**entry.get("profile", {}), **fields})
    for full, data in (extra or {}).items():
        out[full] = profile_from_dict(parse_reference(full), data, user=True)
    return [out[k] for k in sorted(out)]


# ----- what a container does ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _plan(
    profile: Profile,
    command: tuple[str, ...],
    args: tuple[str, ...],
    env: frozenset[str],
    memory_limit: int | None,
    stdin: bool = False,
) -> Plan:
    base: dict[str, Any] = {
        "sigterm_seconds": profile.sigterm_seconds,
        "sigterm_exit_code": profile.sigterm_exit_code,
        "tag": profile.tag,
        "files": tuple((f, 0.0, None) for f in profile.files),
    }
    if memory_limit is not None and profile.memory_bytes > memory_limit:
        return Plan(exit_after=1.0, exit_code=137, reason="OOMKilled", **base)
    missing = [e for e in profile.required_env if not any(a in env for a in e.split("|"))]
    if missing and not command:
        after, code, logs = profile.missing_env_exit
        return Plan(
            exit_after=after,
            exit_code=code,
            reason="Error" if code else "Completed",
            logs=tuple((0.0, line) for line in logs),
            **base,
        )
    if profile.agnhost and not command:
        return _agnhost_plan(args, base)
    if profile.http_echo and not command:
        return _http_echo_plan(args, env, base)
    server = profile.http_port is not None or bool(profile.tcp_ports)
    if command:  # Kubernetes: command replaces ENTRYPOINT (and CMD), args replace CMD
        argv = list(command) + list(args)
        starts = runplan.is_server_command(argv) or (
            os.path.basename(argv[0]) in profile.server_commands
        )
        if not (server and starts):
            return _shell_plan(argv, base, stdin)
    elif profile.shell and not server:
        argv = list(profile.entrypoint) + list(args or profile.command or ("sh",))
        return _shell_plan(argv, base, stdin)
    return Plan(
        exit_after=profile.exit_after,
        exit_code=profile.exit_code,
        reason="Error" if profile.exit_code else "Completed",
        http_port=profile.http_port,
        routes=profile.routes,
        not_found_body=profile.not_found_body,
        tcp_ports=profile.tcp_ports,
        startup_seconds=profile.startup_seconds,
        logs=tuple((0.0, line) for line in profile.logs),
        **base,
    )


def _shell_plan(argv: list[str], base: dict[str, Any], stdin: bool = False) -> Plan:
    """A process started as ``argv`` (``sh``, ``sleep 3600``, ``sh -c "…"``): see runplan.py."""
    out = runplan.run(argv, stdin)
    fields = {**base, "files": tuple(dict.fromkeys((*base["files"], *out.files))), "logs": out.logs}
    if out.forever:
        return Plan(exit_after=None, exit_code=0, reason="Completed", **fields)
    return Plan(
        exit_after=out.seconds,
        exit_code=out.code,
        reason="Completed" if out.code == 0 else "Error",
        **fields,
    )


def _flag(args: Sequence[str], name: str, default: int) -> int:
    for i, a in enumerate(args):
        if a.startswith(name + "="):
            return int(a.split("=", 1)[1])
        if a == name and i + 1 < len(args):
            return int(args[i + 1])
    return default


def _agnhost_plan(args: Sequence[str], base: dict[str, Any]) -> Plan:
    """registry.k8s.io/e2e-test-images/agnhost subcommands:
    netexec, serve-hostname, liveness, pause.
    """
    sub = args[0] if args else ""
    if sub == "netexec":
        port = _flag(args, "--http-port", 8080)
        netexec = (
            Route("/", 200, "NOW: {now}"),
            Route("/hostname", 200, "{hostname}"),
            Route("/healthz", 200, ""),
            Route("/echo", 200, ""),
        )
        return Plan(
            exit_after=None, exit_code=0, reason="Completed", http_port=port, routes=netexec, **base
        )
    if sub == "serve-hostname":
        port = _flag(args, "--port", 9376)
        return Plan(
            exit_after=None,
            exit_code=0,
            reason="Completed",
            http_port=port,
            routes=(Route("/", 200, "{hostname}"),),
            **base,
        )
    if sub == "liveness":
        routes = (Route("/healthz", 200, "ok", fail_after=10.0),)
        return Plan(
            exit_after=None, exit_code=0, reason="Completed", http_port=8080, routes=routes, **base
        )
    if not sub:
        return Plan(
            exit_after=0.0, exit_code=0, reason="Completed", logs=((0.0, "Usage:"),), **base
        )
    return Plan(exit_after=None, exit_code=0, reason="Completed", **base)


def _go_flags(args: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Go's flag package: ``-name=value``/``--name value``; parsing stops at the first non-flag."""
    flags: dict[str, str] = {}
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] not in ("-", "--"):
        name, eq, value = args[i].lstrip("-").partition("=")
        if not eq and name != "version" and i + 1 < len(args):
            i += 1
            value = args[i]
        flags[name] = value
        i += 1
    return flags, list(args[i + (i < len(args) and args[i] == "--") :])


def _http_echo_plan(args: Sequence[str], env: frozenset[str], base: dict[str, Any]) -> Plan:
    """hashicorp/http-echo: answers ``-text`` on every path (``-listen``, default :5678).

    0.2.x exits 127 without ``-text`` and ignores SIGTERM (it logs it); 1.x also reads
    ECHO_TEXT (its value is not known here: the body is empty) and exits 2 on SIGTERM.
    """
    flags, rest = _go_flags(args)
    old = str(base["tag"]).startswith("0.")
    text = flags.get("text", "")
    problem = ""
    if not text and (old or "ECHO_TEXT" not in env):
        problem = "Missing -text option!" if old else "Missing -text option or ECHO_TEXT env var!"
    elif rest:
        problem = "Too many arguments!"
    if problem:
        return Plan(exit_after=0.0, exit_code=127, reason="Error", logs=((0.0, problem),), **base)
    port = flags.get("listen", ":5678").rpartition(":")[2]
    routes = (Route("/health", 200, '{"status":"ok"}\n'), Route("*", 200, text + "\n"))
    fields = {**base, "sigterm_seconds": None} if old else {**base, "sigterm_exit_code": 2}
    return Plan(
        exit_after=None,
        exit_code=0,
        reason="Completed",
        http_port=int(port) if port.isdigit() else 5678,
        routes=routes,
        **fields,
    )


def plan(
    profile: Profile,
    command: Sequence[str] | None,
    args: Sequence[str] | None,
    env: Sequence[str] = (),
    memory_limit: int | None = None,
    stdin: bool = False,
) -> Plan:
    """The run plan for a container of ``profile`` (cached; cheap to call per probe).

    ``stdin``: the container's stdin stays open (a shell waits on it instead of exiting)."""
    return _plan(
        profile, tuple(command or ()), tuple(args or ()), frozenset(env), memory_limit, stdin
    )


def http_get(
    p: Plan,
    port: int,
    path: str,
    uptime: float,
    hostname: str = "",
    now: str = "",
    request: Request | None = None,
) -> tuple[int, str] | None:
    """The answer of the container to ``GET path`` on ``port``;
    None when the connection is refused.  ``request``: what an echo route prints (else a
    plain ``GET path``).
    """
    if not p.serves(port, uptime) or port != p.http_port:
        return None
    bare = path.split("?", 1)[0] or "/"
    route = next((r for r in p.routes if r.path == bare), None) or next(
        (r for r in p.routes if r.path == "*"), None
    )
    if route is None:
        return 404, p.not_found_body
    if route.fail_after is not None and uptime > route.fail_after:
        return 500, f"error: {uptime:.1f}"
    if route.echo:
        req = request or Request(uri=path, host=f"{hostname}:{port}")
        return route.status, echo.body(route.echo, req, hostname, port)
    body = route.body.replace("{hostname}", hostname).replace("{now}", now).replace("{tag}", p.tag)
    return route.status, body


def exec_command(p: Plan, argv: Sequence[str], uptime: float) -> tuple[int, str]:
    """Exit code and output of a probe-style ``exec`` (``cat /tmp/healthy``, ``true``,
    ``sh -c …``).
    """
    return runplan.probe(argv, lambda path: p.file_exists(path, uptime))
