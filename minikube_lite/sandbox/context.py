"""One container as a process inside it sees it: files, env, tools, and a world for time [SIM].

:class:`ExecContext` is what the shell's :class:`~minikube_lite.sandbox.shell.Container` protocol
asks for.  It holds plain data about the pod (as the exec found it) and reaches anything beyond
through two seams given by the caller: a :class:`World` to let time pass, and ``extra`` commands
registered into the image's ``$PATH`` (the network tools, which need the cluster, come from
ops/sandbox/netcmds.py).  Nothing here knows a Cluster.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from minikube_lite.api.objects import Obj
from minikube_lite.records import dataclass, field
from minikube_lite.sandbox import images, shell_cmds
from minikube_lite.sandbox.shell import Command
from minikube_lite.sandbox.shell_io import Budget
from minikube_lite.sandbox.simfs import SimFS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object  # structural typing is the type checker's; at run time a plain base

PATH_DIRS = frozenset(
    {"/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"}
)
BUSYBOX_REPOS = frozenset({"docker.io/library/busybox", "docker.io/library/alpine"})


class ContainerGone(Exception):
    """The exec'd container stopped (pod deleted or replaced, container exited or restarted):
    the runtime kills the exec'd process with it, and kubectl reports exit code 137."""


class World(Protocol):
    """How time passes for an exec'd process (the caller's: a live cluster, or a still one)."""

    @property
    def now(self) -> float:
        """Simulated now as of the last look or sleep."""
        ...

    def sleep(self, seconds: float) -> bool:
        """Let ``seconds`` of simulated time pass (may raise ContainerGone); True when it waited on
        the wall clock."""
        ...


@dataclass
class ExecContext:
    """One container as seen from inside; time passes through ``world``."""

    world: World
    pod: Obj  # as the exec found it: name, namespace, uid and IP do not change while it runs
    container: Obj
    hostname: str
    pod_ip: str
    env: dict[str, str]
    fs: SimFS
    busybox: bool = False
    missing: frozenset[str] = frozenset()
    tty: bool = False
    budget: Budget = field(default_factory=Budget)
    extra: Mapping[str, Command] = field(default_factory=dict)  # registered by the caller

    @property
    def namespace(self) -> str:
        return str(self.pod.get("metadata", {}).get("namespace", "") or "") or "default"

    @property
    def now(self) -> float:
        """Simulated now, as of the last look or sleep (the shell itself takes no time)."""
        return self.world.now

    def sleep(self, seconds: float) -> None:
        """Let time pass; a wait on the wall clock refills the runaway budget (not spinning)."""
        if self.world.sleep(seconds):
            self.budget.rested()

    def builtin(self, name: str) -> Command | None:
        """A command only a shell has (``cd``, ``exit``, ``export``…)."""
        return shell_cmds.SHELL_BUILTINS.get(name)

    def executable(self, arg0: str) -> Command | None:
        """The command behind ``arg0`` in this image's $PATH, or None (``not found``)."""
        name, in_path = command_name(arg0)
        if not in_path or name in self.missing:
            return None
        return shell_cmds.EXECUTABLES.get(name) or self.extra.get(name)


def command_name(arg0: str) -> tuple[str, bool]:
    """(basename, found-in-PATH-style location) for ``curl``, ``/usr/bin/curl``, ``./x``."""
    if "/" not in arg0:
        return arg0, True
    base = posixpath.basename(arg0)
    return base, posixpath.dirname(posixpath.normpath(arg0)) in PATH_DIRS


def toolset(image: str) -> tuple[bool, frozenset[str]]:
    """(busybox userland?, executables the image lacks): busybox/alpine have no curl or bash."""
    try:
        ref = images.parse_reference(image)
    except images.InvalidReference:
        return False, frozenset({"ash"})
    if ref.repository in BUSYBOX_REPOS:
        return True, frozenset({"curl", "bash", "dash"})
    if "alpine" in ref.tag:
        return True, frozenset({"bash", "dash"})
    return False, frozenset({"ash"})
