"""A tiny model of ``sh -c`` scripts and busybox commands, for image run plans [SIM].

It understands what teaching manifests use: ``sleep N``, ``exit N``, ``touch``/``rm``/``echo > f``
(files appear and disappear over time, which liveness ``exec`` probes such as ``cat /tmp/healthy``
observe), ``echo`` (log lines), ``while true``/``tail -f``/``sleep infinity`` (run forever),
``for x in a b; do …; done``, ``true``/``false`` and ``&&``/``||``.  Anything else succeeds silently.
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Callable, Sequence
from typing import Any, cast

SHELLS = frozenset({"sh", "ash", "bash", "dash"})
SERVERS = frozenset({"nginx", "httpd", "httpd-foreground", "apache2-foreground", "docker-entrypoint.sh", "postgres"})
FOREVER_COMMANDS = frozenset({"nginx", "httpd", "httpd-foreground", "apache2-foreground", "top", "watch", "yes", "nc", "crond"})
SEPARATORS = frozenset({";", "&&", "||", "&", "|", ";;"})
MAX_LOOP_LINES = 200
MAX_LOOP_SECONDS = 3600.0


def is_server_command(argv: Sequence[str]) -> bool:
    return bool(argv) and posixpath.basename(argv[0]) in SERVERS


def _tokens(script: str) -> list[str] | None:
    lex = shlex.shlex(script.replace("\n", ";"), posix=True, punctuation_chars=";&|<>")
    lex.whitespace_split = True
    try:
        return list(lex)
    except ValueError:
        return None


def _split(tokens: list[str]) -> list[tuple[str, list[str]]]:
    """[(operator before the command, words)], splitting on ; && || & |."""
    out: list[tuple[str, list[str]]] = []
    op, cur = ";", cast(list[str], [])
    for tok in tokens:
        if tok in SEPARATORS:
            if cur:
                out.append((op, cur))
            op, cur = tok, []
        else:
            cur.append(tok)
    if cur:
        out.append((op, cur))
    return out


def _seconds(arg: str) -> float | None:
    """busybox sleep argument: ``30``, ``1.5``, ``2m``, ``infinity`` (None)."""
    mult = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
    if arg == "infinity":
        return None
    try:
        if arg and arg[-1] in mult:
            return float(arg[:-1]) * mult[arg[-1]]
        return float(arg)
    except ValueError:
        return 0.0


class _Run:
    """Executes a script; in ``probe`` mode time stands still and files are read at ``uptime``."""

    def __init__(self, probe_files: Callable[[str], bool] | None = None) -> None:
        self.t = 0.0
        self.forever = False
        self.exited: int | None = None
        self.status = 0
        self.files: dict[str, float] = {}
        self.done_files: list[tuple[str, float, float | None]] = []
        self.logs: list[tuple[float, str]] = []
        self.probe_files = probe_files

    def exists(self, path: str) -> bool:
        if self.probe_files is not None:
            return self.probe_files(path) or path in self.files
        return path in self.files

    def script(self, commands: list[tuple[str, list[str]]]) -> None:
        i = 0
        while i < len(commands) and not self.stopped:
            op, words = commands[i]
            if words[0] in ("while", "until", "for"):
                i = self.loop(commands, i)
                continue
            if (op == "&&" and self.status != 0) or (op == "||" and self.status == 0):
                i += 1
                continue
            self.command(words)
            i += 1

    @property
    def stopped(self) -> bool:
        return self.forever or self.exited is not None

    def loop(self, commands: list[tuple[str, list[str]]], i: int) -> int:
        """``while …; do body; done`` runs forever; ``for v in items; do body; done`` once per item."""
        head = commands[i][1]
        body: list[tuple[str, list[str]]] = []
        j = i + 1
        while j < len(commands) and commands[j][1] != ["done"]:
            op, words = commands[j]
            body.append((op, words[1:] if words[0] == "do" else words))
            j += 1
        body = [(op, w) for op, w in body if w]
        if head[0] == "for":
            var = head[1] if len(head) > 1 else "i"
            items = head[3:] if len(head) > 2 and head[2] == "in" else []
            for item in items:
                self.script([(op, [w.replace(f"${var}", item).replace("${" + var + "}", item) for w in ws]) for op, ws in body])
        else:
            self.spin(body)
        return j + 1

    def spin(self, body: list[tuple[str, list[str]]]) -> None:
        start_logs = len(self.logs)
        while body and self.t < MAX_LOOP_SECONDS and len(self.logs) - start_logs < MAX_LOOP_LINES:
            before = self.t
            self.script(body)
            if self.stopped or self.t == before:
                break
        if self.exited is None:
            self.forever = True

    def command(self, words: list[str]) -> None:
        name, args = posixpath.basename(words[0]), words[1:]
        target = self.redirect(args)
        self.status = 0
        if name in SHELLS and "-c" in args:
            idx = args.index("-c")
            tokens = _tokens(args[idx + 1]) if idx + 1 < len(args) else []
            self.script(_split(tokens or []))
        elif name == "sleep":
            secs = _seconds(args[0]) if args else 0.0
            if secs is None:
                self.forever = True
            else:
                self.t += secs
        elif name == "exit":
            self.exited = int(args[0]) if args and args[0].lstrip("-").isdigit() else self.status
        elif name == "touch" or target:
            for path in [*([a for a in args if not a.startswith("-")] if name == "touch" else []), *([target] if target else [])]:
                self.files.setdefault(path, self.t)
            if name in ("echo", "printf") and target is None:
                self.logs.append((self.t, " ".join(args)))
        elif name == "rm":
            for path in (a for a in args if not a.startswith("-")):
                start = self.files.pop(path, None)
                if start is not None:
                    self.done_files.append((path, start, self.t))
        elif name in ("echo", "printf"):
            self.logs.append((self.t, " ".join(a for a in args if a != "-n")))
        elif name in ("cat", "ls", "test", "["):
            self.check_files(name, args)
        elif name == "false":
            self.status = 1
        elif name in FOREVER_COMMANDS or (name == "tail" and "-f" in args) or (name == "python" and "http.server" in args):
            self.forever = True

    def redirect(self, args: list[str]) -> str | None:
        for op in (">", ">>"):
            if op in args:
                idx = args.index(op)
                target = args[idx + 1] if idx + 1 < len(args) else None
                del args[idx:]
                return target
        return None

    def check_files(self, name: str, args: list[str]) -> None:
        paths = [a for a in args if not a.startswith("-") and a not in ("]", "!")]
        if name in ("test", "["):
            negate = "!" in args
            ok = all(self.exists(p) for p in paths) if any(a in ("-e", "-f", "-d") for a in args) else True
            self.status = 0 if ok != negate else 1
            return
        for p in paths:
            if not self.exists(p):
                self.status = 1
                msg = f"cat: can't open '{p}': No such file or directory" if name == "cat" else f"ls: {p}: No such file or directory"
                self.logs.append((self.t, msg))


def shell_plan(plan_cls: Any, argv: list[str], base: dict[str, Any], has_shell: bool) -> Any:
    """Plan for a process started as ``argv`` (``sh``, ``sleep 3600``, ``sh -c "…"``)."""
    name = posixpath.basename(argv[0]) if argv else "sh"
    run = _Run()
    if name in SHELLS and "-c" not in argv[1:]:
        run.exited = 0  # an interactive shell with no stdin exits at once
    else:
        run.command(list(argv))
    files = dict.fromkeys(base.get("files", ()))
    for path, start in run.files.items():
        files[(path, start, None)] = None
    for rec in run.done_files:
        files[rec] = None
    fields = {**base, "files": tuple(files), "logs": tuple(run.logs)}
    if run.forever:
        return plan_cls(exit_after=None, exit_code=0, reason="Completed", **fields)
    code = run.exited if run.exited is not None else run.status
    return plan_cls(exit_after=run.t, exit_code=code, reason="Completed" if code == 0 else "Error", **fields)


def _flag(args: Sequence[str], name: str, default: int) -> int:
    for i, a in enumerate(args):
        if a.startswith(name + "="):
            return int(a.split("=", 1)[1])
        if a == name and i + 1 < len(args):
            return int(args[i + 1])
    return default


def agnhost_plan(plan_cls: Any, args: Sequence[str], base: dict[str, Any]) -> Any:
    """registry.k8s.io/e2e-test-images/agnhost subcommands: netexec, serve-hostname, liveness, pause."""
    from minikube_lite.sandbox.images import Route

    sub = args[0] if args else ""
    if sub == "netexec":
        port = _flag(args, "--http-port", 8080)
        netexec = (Route("/", 200, "NOW: {now}"), Route("/hostname", 200, "{hostname}"), Route("/healthz", 200, ""), Route("/echo", 200, ""))
        return plan_cls(exit_after=None, exit_code=0, reason="Completed", http_port=port, routes=netexec, **base)
    if sub == "serve-hostname":
        port = _flag(args, "--port", 9376)
        return plan_cls(exit_after=None, exit_code=0, reason="Completed", http_port=port, routes=(Route("/", 200, "{hostname}"),), **base)
    if sub == "liveness":
        routes = (Route("/healthz", 200, "ok", fail_after=10.0),)
        return plan_cls(exit_after=None, exit_code=0, reason="Completed", http_port=8080, routes=routes, **base)
    if not sub:
        return plan_cls(exit_after=0.0, exit_code=0, reason="Completed", logs=((0.0, "Usage:"),), **base)
    return plan_cls(exit_after=None, exit_code=0, reason="Completed", **base)


def exec_in_plan(plan: Any, argv: list[str], uptime: float) -> tuple[int, str]:
    """Run a probe command against the container's files at ``uptime``: (exit code, output)."""
    if not argv:
        return 0, ""
    run = _Run(probe_files=lambda p: plan.file_exists(p, uptime))
    run.command(list(argv))
    out = "\n".join(line for _, line in run.logs)
    code = run.exited if run.exited is not None else run.status
    return code, out
