"""The simulated file system an ``exec`` shell sees [SIM]: a dict of path -> text, never the host's.

Read-only files come from the pod (``/etc/hostname``, ``/etc/hosts``, ``/etc/resolv.conf``, the
service-account mount) and the image (files its run plan creates, such as ``/tmp/healthy``);
writes go to an in-memory overlay that lives as long as the shell session.  No function here
touches ``open()``, ``os`` or ``pathlib``: paths are strings, resolved with ``posixpath`` only.

The overlay is small, like a container's writable layer on a full disk: a file holds at most
``MAX_FILE`` characters, all written files together (paths included) ``MAX_LAYER``, and there are
at most ``MAX_FILES`` of them; past that a write fails with ``No space left on device``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from minikube_lite.records import dataclass, field

CLUSTER_DNS = "10.96.0.10"
MAX_FILE = 1 << 20
MAX_LAYER = 8 << 20
MAX_FILES = 10_000
NO_SPACE = "No space left on device"
ROOT_DIRS = (
    "bin",
    "dev",
    "etc",
    "home",
    "lib",
    "media",
    "mnt",
    "opt",
    "proc",
    "root",
    "run",
    "sbin",
    "srv",
    "sys",
    "tmp",
    "usr",
    "var",
)
SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"
DIRS = frozenset(
    {
        "/",
        *(f"/{d}" for d in ROOT_DIRS),
        "/usr/bin",
        "/usr/local",
        "/usr/local/bin",
        "/usr/share",
        "/var/run",
        "/var/log",
        "/proc/1",
    }
)
PASSWD = (
    "root:x:0:0:root:/root:/bin/sh\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "bin:x:2:2:bin:/bin:/usr/sbin/nologin\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
)
FAKE_TOKEN = (
    "eyJhbGciOiJSUzI1NiIsImtpZCI6Im1pbmlrdWJlLWxpdGUifQ."
    "eyJpc3MiOiJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbCIsInNpbXVsYXRl"
    "ZCI6dHJ1ZX0."
    "c2ltdWxhdGVkLXNpZ25hdHVyZQ"
)


class FsError(Exception):
    """A file-system error: ``reason`` is the errno text (``No such file or directory``)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class SimFS:
    """Files of one container as a shell session sees them."""

    base: dict[str, str]
    exists_in_image: Callable[[str], bool] = lambda _p: False
    overlay: dict[str, str] = field(default_factory=dict)
    cwd: str = "/"
    used: int = 0  # characters in the overlay, paths included

    def abspath(self, path: str) -> str:
        if not path:
            return self.cwd
        joined = path if path.startswith("/") else posixpath.join(self.cwd, path)
        norm = posixpath.normpath(joined)
        return "/" + norm.lstrip("/")

    def read(self, path: str) -> str:
        p = self.abspath(path)
        if p in ("/dev/null", "/dev/zero"):
            return ""
        if p in self.overlay:
            return self.overlay[p]
        if p in self.base:
            return self.base[p]
        if self.exists_in_image(p):
            return ""
        if self.is_dir(p):
            raise FsError(path, "Is a directory")
        raise FsError(path, "No such file or directory")

    def write(self, path: str, text: str, append: bool = False) -> None:
        p = self.abspath(path)
        if p in ("/dev/null", "/dev/stdout", "/dev/stderr"):
            return
        if self.is_dir(p):
            raise FsError(path, "Is a directory")
        parent = posixpath.dirname(p)
        if not self.is_dir(parent):
            raise FsError(path, "No such file or directory")
        if p.startswith(("/proc/", "/sys/")) or p.startswith(SA_DIR + "/"):
            raise FsError(path, "Read-only file system")
        old = ""
        if append:
            try:
                old = self.read(p)
            except FsError:
                old = ""
        self._make_room(path, p, len(old) + len(text))
        self.overlay[p] = old + text if old else text

    def _make_room(self, path: str, p: str, size: int) -> None:
        """Refuse a write that would pass the overlay's bounds (before the text is built)."""
        prev = self.overlay.get(p)
        if prev is None and len(self.overlay) >= MAX_FILES:
            raise FsError(path, NO_SPACE)
        used = self.used - (len(p) + len(prev) if prev is not None else 0) + len(p) + size
        if size > MAX_FILE or used > MAX_LAYER:
            raise FsError(path, NO_SPACE)
        self.used = used

    def exists(self, path: str) -> bool:
        p = self.abspath(path)
        try:
            self.read(p)
            return True
        except FsError:
            return self.is_dir(p)

    def _files(self) -> list[str]:
        return [*self.base, *self.overlay]

    def is_dir(self, path: str) -> bool:
        """Directories are fixed (DIRS and the pod's files): a write needs its directory to exist,
        so the overlay never adds one, and this does not grow with the files a script writes."""
        p = self.abspath(path)
        if p in DIRS:
            return True
        prefix = p.rstrip("/") + "/"
        return any(k.startswith(prefix) for k in self.base)

    def listdir(self, path: str) -> list[str]:
        p = self.abspath(path)
        if not self.is_dir(p):
            self.read(p)  # raises for a missing path
            return [posixpath.basename(p)]
        prefix = "/" if p == "/" else p.rstrip("/") + "/"
        names = set()
        for k in (*DIRS, *self._files()):
            if k.startswith(prefix) and k != prefix:
                names.add(k[len(prefix) :].split("/")[0])
        return sorted(n for n in names if n)

    def chdir(self, path: str) -> None:
        p = self.abspath(path)
        if not self.is_dir(p):
            raise FsError(
                path, "No such file or directory" if not self.exists(p) else "Not a directory"
            )
        self.cwd = p


def pod_files(
    pod_name: str, namespace: str, pod_ip: str, hostname: str, ca_crt: str, token: bool = True
) -> dict[str, str]:
    """The files kubelet and the runtime put into a container (values as on a real node); the
    service account's ``token``, ``ca.crt`` and ``namespace`` (and so their directories) only
    when ``token``: the container mounts the pod's token volume at SA_DIR."""
    hosts = (
        "# Kubernetes-managed hosts file.\n"
        "127.0.0.1\tlocalhost\n"
        "::1\tlocalhost ip6-localhost ip6-loopback\n"
        "fe00::0\tip6-localnet\n"
        "fe00::0\tip6-mcastprefix\n"
        "fe00::1\tip6-allnodes\n"
        "fe00::2\tip6-allrouters\n"
    )
    if pod_ip:
        hosts += f"{pod_ip}\t{hostname}\n"
    files = {
        "/etc/hostname": hostname + "\n",
        "/etc/hosts": hosts,
        "/etc/resolv.conf": (
            f"search {namespace}.svc.cluster.local svc.cluster.local cluster.local\n"
            f"nameserver {CLUSTER_DNS}\n"
            "options ndots:5\n"
        ),
        "/etc/passwd": PASSWD,
        "/etc/os-release": 'NAME="minikube-lite simulated container"\nID=mkl\n',
        "/dev/null": "",
        "/proc/version": "Linux version 6.8.0-minikube-lite (simulated)\n",
    }
    if token:
        files[f"{SA_DIR}/namespace"] = namespace
        files[f"{SA_DIR}/token"] = FAKE_TOKEN
        files[f"{SA_DIR}/ca.crt"] = ca_crt
    return files
