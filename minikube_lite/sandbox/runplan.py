"""What a container's main process does over time, modelled from its argv, for run plans [SIM].

The process is not run: its ``sh -c`` scripts are parsed by the exec shell's own parser
(``shell_parse``, one grammar for both) and the tree is walked here with simulated time as the
only effect.  ``sleep N`` moves the clock and ``exit N`` ends the process; ``touch``, ``rm`` and
``> file`` make files appear and disappear over time, which liveness ``exec`` probes such as
``cat /tmp/healthy`` observe; ``echo``/``printf`` write log lines; ``while``/``until`` loops,
``tail -f``, ``sleep infinity`` and servers run forever (a loop is followed for at most
``MAX_LOOP_SECONDS`` or ``MAX_LOOP_LINES`` and then taken as endless); ``for`` runs its body once
per word; ``if`` takes its first true branch; ``true``/``false``, ``!``, ``&&`` and ``||`` follow
exit statuses.  Anything else succeeds at once and silently, and a script that does not parse
does nothing.  Words are not expanded except a ``for`` loop's variable (``echo $HOME`` logs
``$HOME``); a pipeline's members run one after another.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Sequence

from minikube_lite.records import dataclass
from minikube_lite.sandbox import SHELLS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from minikube_lite.sandbox import shell_ast as ast

SERVERS = frozenset(
    {"nginx", "httpd", "httpd-foreground", "apache2-foreground", "docker-entrypoint.sh", "postgres"}
)
FOREVER_COMMANDS = frozenset(
    {
        "nginx",
        "httpd",
        "httpd-foreground",
        "apache2-foreground",
        "top",
        "watch",
        "yes",
        "nc",
        "crond",
    }
)
MAX_LOOP_LINES = 200
MAX_LOOP_SECONDS = 3600.0
MAX_DEPTH = 16  # nested sh -c, as in the exec shell
_SLEEP_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_UNEXPANDED = {"var": "${0}", "param": "${{{0}}}", "cmd": "$({0})", "arith": "$(({0}))"}

FileSpan = tuple[str, float, float | None]  # (path, exists from, until)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the process does: exits with ``code`` after ``seconds``, unless it runs ``forever``."""

    forever: bool
    seconds: float
    code: int
    files: tuple[FileSpan, ...]
    logs: tuple[tuple[float, str], ...]


def is_server_command(argv: Sequence[str]) -> bool:
    return bool(argv) and posixpath.basename(argv[0]) in SERVERS


def run(argv: Sequence[str], stdin: bool = False) -> Outcome:
    """The outcome of a process started as ``argv`` (``sh``, ``sleep 3600``, ``sh -c "…"``).

    ``stdin``: the container keeps stdin open (``stdin: true``, as ``run -i`` makes it): its
    process (anything but a server) waits for the attach that runs it (``run -i`` runs it in
    the exec sandbox, with the cluster's network), so here it only keeps running.
    """
    walk = _Walk()
    name = posixpath.basename(argv[0]) if argv else "sh"
    if stdin and not is_server_command(argv):
        walk.forever = True
    elif name in SHELLS and "-c" not in argv[1:]:
        walk.exited = 0  # an interactive shell with no stdin exits at once
    else:
        walk.command(list(argv))
    files = [(path, start, None) for path, start in walk.files.items()] + walk.done_files
    code = walk.exited if walk.exited is not None else walk.status
    return Outcome(walk.forever, walk.t, code, tuple(files), tuple(walk.logs))


def probe(argv: Sequence[str], exists: Callable[[str], bool]) -> tuple[int, str]:
    """Exit code and output of a probe command run against the container's files (``exists``)."""
    if not argv:
        return 0, ""
    walk = _Walk(exists)
    walk.command(list(argv))
    code = walk.exited if walk.exited is not None else walk.status
    return code, "\n".join(line for _, line in walk.logs)


def seconds(arg: str) -> float | None:
    """busybox sleep argument: ``30``, ``1.5``, ``2m``, ``infinity`` (None); junk sleeps 0."""
    if arg == "infinity":
        return None
    try:
        if arg and arg[-1] in _SLEEP_UNITS:
            return float(arg[:-1]) * _SLEEP_UNITS[arg[-1]]
        return float(arg)
    except ValueError:
        return 0.0


@functools.lru_cache(maxsize=256)
def _parse(script: str) -> ast.Seq | None:
    # Imported here for start-up time: the kubelet imports this module on every reconcile and
    # most plans (servers, ``sleep 3600``) never parse a script.  No cycle: the parser imports
    # nothing of run plans.
    from minikube_lite.sandbox import shell_parse

    try:
        return shell_parse.parse(script)
    except shell_parse.ShellSyntaxError:
        return None


class _Walk:
    """Walks one process's commands; with ``probe_files`` the container's files are read too."""

    def __init__(self, probe_files: Callable[[str], bool] | None = None) -> None:
        self.t = 0.0
        self.forever = False
        self.exited: int | None = None
        self.status = 0
        self.files: dict[str, float] = {}  # created by the process and still there: path -> since
        self.done_files: list[FileSpan] = []
        self.logs: list[tuple[float, str]] = []
        self.probe_files = probe_files
        self.vars: dict[str, str] = {}  # for-loop variables
        self.depth = 0
        self.out_to_file = self.err_to_file = False

    @property
    def stopped(self) -> bool:
        return self.forever or self.exited is not None

    def exists(self, path: str) -> bool:
        return path in self.files or (self.probe_files is not None and self.probe_files(path))

    def log(self, line: str, err: bool = False) -> None:
        if not (self.err_to_file if err else self.out_to_file):
            self.logs.append((self.t, line))

    # ----- the tree -------------------------------------------------------------------------------
    def seq(self, node: ast.Seq) -> None:
        for item in node.items:
            if self.stopped:
                return
            self.pipeline(item.first)
            for op, pipe in item.rest:
                if not self.stopped and (op == "&&") == (self.status == 0):
                    self.pipeline(pipe)

    def pipeline(self, node: ast.Pipeline) -> None:
        for cmd in node.commands:
            if self.stopped:
                return
            self.node(cmd)
        if node.negate:
            self.status = 0 if self.status else 1

    def node(self, node: ast.Node) -> None:
        saved = self.out_to_file, self.err_to_file
        self.redirect(node.redirs)
        _NODES[type(node).__name__](self, node)
        self.out_to_file, self.err_to_file = saved

    def simple(self, node: ast.Simple) -> None:
        if node.words:
            self.command([self.text(w) for w in node.words])
        else:
            self.status = 0

    def group(self, node: ast.Group) -> None:
        if node.subshell:
            self.subshell(lambda: self.seq(node.body))
        else:
            self.seq(node.body)

    def redirect(self, redirs: list[ast.Redir]) -> None:
        """Files written to exist from now on; output sent to one is no log line."""
        for r in redirs:
            if r.op.startswith("<"):
                continue
            target = self.text(r.target)
            if r.op == ">&" and target in ("1", "2"):
                if r.fd == 2:
                    self.err_to_file = self.out_to_file if target == "1" else self.err_to_file
                else:
                    self.out_to_file = self.err_to_file if target == "2" else self.out_to_file
                continue
            self.files.setdefault(target, self.t)
            if r.op in ("&>", ">&"):
                self.out_to_file = self.err_to_file = True
            elif r.fd == 2:
                self.err_to_file = True
            else:
                self.out_to_file = True

    def text(self, word: ast.Word) -> str:
        """A word as written (quotes removed), with the enclosing ``for`` loops' variables."""
        out = []
        for p in word.parts:
            if p.kind == "lit":
                out.append(p.text)
            elif p.kind in ("var", "param") and p.text in self.vars:
                out.append(self.vars[p.text])
            else:
                out.append(_UNEXPANDED[p.kind].format(p.text))
        return "".join(out)

    def subshell(self, body: Callable[[], None]) -> None:
        """``( … )`` and ``sh -c``: an ``exit`` inside ends only the child shell."""
        saved = dict(self.vars)
        body()
        self.vars = saved
        if self.exited is not None:
            self.status, self.exited = self.exited, None

    def for_loop(self, node: ast.For) -> None:
        for item in [self.text(w) for w in node.words or ()]:
            if self.stopped:
                return
            self.vars[node.var] = item
            self.seq(node.body)

    def while_loop(self, node: ast.While) -> None:
        """Followed pass by pass; a loop still going after the bounds, or whose pass takes no
        time, is endless (a shell loop with nothing to wait for spins until it is killed)."""
        start_logs = len(self.logs)
        while self.t < MAX_LOOP_SECONDS and len(self.logs) - start_logs < MAX_LOOP_LINES:
            before = self.t
            self.seq(node.cond)
            if self.stopped:
                return
            if (self.status == 0) == node.until:
                self.status = 0
                return
            self.seq(node.body)
            if self.stopped or self.t == before:
                break
        if self.exited is None:
            self.forever = True

    def if_clause(self, node: ast.If) -> None:
        for cond, body in node.clauses:
            self.seq(cond)
            if self.stopped:
                return
            if self.status == 0:
                self.seq(body)
                return
        if node.orelse is not None:
            self.seq(node.orelse)
        else:
            self.status = 0

    # ----- commands -------------------------------------------------------------------------------
    def command(self, words: list[str]) -> None:
        name, args = posixpath.basename(words[0]), words[1:]
        self.status = 0
        if name in SHELLS:
            self.shell(args)
        elif name in FOREVER_COMMANDS:
            self.forever = True
        else:
            handler = _COMMANDS.get(name)
            if handler is not None:
                handler(self, args)

    def shell(self, args: list[str]) -> None:
        if "-c" not in args or self.depth >= MAX_DEPTH:
            return
        idx = args.index("-c")
        tree = _parse(args[idx + 1]) if idx + 1 < len(args) else None
        if tree is None:
            return
        self.depth += 1
        self.subshell(lambda: self.seq(tree))
        self.depth -= 1

    def sleep(self, args: list[str]) -> None:
        secs = seconds(args[0]) if args else 0.0
        if secs is None:
            self.forever = True
        else:
            self.t += secs

    def exit(self, args: list[str]) -> None:
        self.exited = int(args[0]) if args and args[0].lstrip("-").isdigit() else self.status

    def touch(self, args: list[str]) -> None:
        for path in args:
            if not path.startswith("-"):
                self.files.setdefault(path, self.t)

    def rm(self, args: list[str]) -> None:
        for path in args:
            start = self.files.pop(path, None) if not path.startswith("-") else None
            if start is not None:
                self.done_files.append((path, start, self.t))

    def echo(self, args: list[str]) -> None:
        self.log(" ".join(a for a in args if a != "-n"))

    def false(self, args: list[str]) -> None:
        self.status = 1

    def tail(self, args: list[str]) -> None:
        if "-f" in args:
            self.forever = True

    def python(self, args: list[str]) -> None:
        if "http.server" in args:
            self.forever = True

    def test(self, args: list[str]) -> None:
        """``test``/``[``: true unless a file check (``-e``/``-f``/``-d``) fails; ``!`` negates."""
        checks = any(a in ("-e", "-f", "-d") for a in args)
        ok = all(self.exists(p) for p in _paths(args)) if checks else True
        self.status = 0 if ok != ("!" in args) else 1

    def cat(
        self, args: list[str], message: str = "cat: can't open '{0}': No such file or directory"
    ) -> None:
        for path in _paths(args):
            if not self.exists(path):
                self.status = 1
                self.log(message.format(path), err=True)

    def ls(self, args: list[str]) -> None:
        self.cat(args, "ls: {0}: No such file or directory")


# by class name: the syntax tree's module is only imported once a script is parsed (see _parse)
_NODES: dict[str, Callable[[_Walk, Any], None]] = {
    "Simple": _Walk.simple,
    "Group": _Walk.group,
    "For": _Walk.for_loop,
    "While": _Walk.while_loop,
    "If": _Walk.if_clause,
}


def _paths(args: list[str]) -> list[str]:
    return [a for a in args if not a.startswith("-") and a not in ("]", "!")]


_COMMANDS: dict[str, Callable[[_Walk, list[str]], None]] = {
    "sleep": _Walk.sleep,
    "exit": _Walk.exit,
    "touch": _Walk.touch,
    "rm": _Walk.rm,
    "echo": _Walk.echo,
    "printf": _Walk.echo,
    "cat": _Walk.cat,
    "ls": _Walk.ls,
    "test": _Walk.test,
    "[": _Walk.test,
    "false": _Walk.false,
    "tail": _Walk.tail,
    "python": _Walk.python,
}
