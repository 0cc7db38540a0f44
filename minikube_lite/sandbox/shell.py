"""The simulated ``exec`` shell: runs an AST from shell_parse over built-in commands only.

Safety by construction: this package has no code path to a host process or a host file.  Every
command name is looked up in the tables of ops/shell_cmds.py and ops/netcmds.py (pure Python over
the cluster model and a SimFS); anything else is "not found".  Redirections write to the SimFS.

Bounded by construction too (ops/shell_io.py has the numbers): values, argument lists, variables,
pipes and files have a size cap (the shell's own out-of-memory message); nesting has a depth cap;
a loop runs ``MAX_LOOP`` times and an exec ``MAX_STEPS`` commands, counted from the last sleep
that waited on the wall clock, so a monitoring loop with a ``sleep`` runs until Ctrl-C while a
loop that only spins is stopped.  The shell never sleeps or reads a clock itself: ``sleep`` asks
the exec's world (podenv.World) to let time pass.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from minikube_lite.records import dataclass, field
from minikube_lite.sandbox import shell_arith, shell_words
from minikube_lite.sandbox import shell_parse as ast
from minikube_lite.sandbox.shell_io import (
    MAX_ARGV,
    MAX_STEPS,
    MAX_VARS,
    Budget,
    Buffer,
    FileSink,
    LoopLimit,
    Streams,
    check_size,
)
from minikube_lite.sandbox.simfs import FsError, SimFS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object  # structural typing is the type checker's; at run time a plain base

MAX_DEPTH = 16  # nested sh -c / $( ) levels
MAX_NESTING = 48  # compound commands inside each other, across nested shells
MAX_LOOP = 1_000  # iterations of one loop between two wall-clock sleeps


class ShellExit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class LoopControl(Exception):
    """``break N`` / ``continue N``: leaves ``levels`` enclosing loops of the running shell."""

    def __init__(self, kind: str, levels: int) -> None:
        super().__init__(kind, levels)
        self.kind, self.levels = kind, levels


Command = Callable[["Shell", list[str], Streams], int]


class Container(Protocol):
    """What a shell and its commands see of their container (ExecContext implements it).

    The command tables come from the container too: ``builtin`` (``cd``, ``exit``…) and
    ``executable`` (the image's ``$PATH``, including commands the caller registered, such as the
    network tools), so the interpreter never imports the commands it runs.
    """

    fs: SimFS
    budget: Budget
    hostname: str
    pod_ip: str
    busybox: bool
    tty: bool

    @property
    def now(self) -> float: ...

    @property
    def namespace(self) -> str: ...

    def sleep(self, seconds: float) -> None: ...

    def builtin(self, name: str) -> Command | None: ...

    def executable(self, arg0: str) -> Command | None: ...


@dataclass
class Shell:
    """One shell process (``sh``, ``bash``) inside a simulated container."""

    ctx: Container
    name: str = "sh"  # $0 as invoked: sh, /bin/sh, bash
    dialect: str = "ash"  # ash | dash | bash: error message style
    vars: dict[str, str] = field(default_factory=dict)
    positional: list[str] = field(default_factory=list)
    status: int = 0
    depth: int = 0
    interactive: bool = False
    subst_status: int = 0  # status of the last $( ) in the current simple command
    loops: int = 0  # loops of this shell being run (break/continue outside one do nothing)

    @property
    def fs(self) -> SimFS:
        return self.ctx.fs

    # ----- entry points ---------------------------------------------------------------------------
    def run_script(self, script: str, io: Streams) -> int:
        """Parse and run a script; a syntax error prints the dialect's message (status 2)."""
        try:
            tree = ast.parse(script)
        except ast.ShellSyntaxError as e:
            io.err.write(self.syntax_message(e) + "\n")
            self.status = 2
            return 2
        try:
            self.status = self.seq(tree, io)
        except ShellExit as e:
            self.status = e.code
            if self.interactive:
                raise
        return self.status

    def child(self, name: str, dialect: str) -> Shell:
        """A new shell process (``sh -c``): exported variables only, one level deeper."""
        if self.depth + 1 > MAX_DEPTH:
            raise LoopLimit("too many nested shells")
        return Shell(self.ctx, name, dialect, dict(self.vars), depth=self.depth + 1)

    # ----- messages per dialect -------------------------------------------------------------------
    def prefix(self) -> str:
        if self.dialect == "dash":
            return f"{self.name}: 1: "
        if self.dialect == "bash":
            return f"{self.name}: " if self.interactive else f"{self.name}: line 1: "
        return f"{self.name}: "

    def not_found(self, cmd: str) -> str:
        if self.dialect == "bash":
            return f"{self.prefix()}{cmd}: command not found"
        return f"{self.prefix()}{cmd}: not found"

    def syntax_message(self, e: ast.ShellSyntaxError) -> str:
        if e.kind == "unsupported":
            return f"{self.name}: {e.token}: not supported by the minikube-lite shell"
        if self.dialect == "bash":
            if e.kind == "unterminated":
                return (
                    f"{self.name}: -c: line 1: unexpected EOF while looking for matching "
                    f"`{e.token[-1]}'"
                )
            token = "newline" if e.kind == "eof" else e.token
            return f"{self.name}: -c: line 1: syntax error near unexpected token `{token}'"
        if e.kind == "unterminated":
            return (
                f"{self.prefix()}Syntax error: Unterminated quoted string"
                if self.dialect == "dash"
                else f"{self.name}: syntax error: unterminated quoted string"
            )
        token = "end of file" if e.kind == "eof" else e.token
        if self.dialect == "dash":
            return (
                f'{self.prefix()}Syntax error: "{token}" unexpected'
                if e.kind != "eof"
                else f"{self.prefix()}Syntax error: end of file unexpected"
            )
        return (
            f'{self.name}: syntax error: unexpected "{token}"'
            if e.kind != "eof"
            else f"{self.name}: syntax error: unexpected end of file"
        )

    # ----- execution ------------------------------------------------------------------------------
    def step(self) -> None:
        budget = self.ctx.budget
        budget.steps += 1
        if budget.steps > MAX_STEPS:
            raise LoopLimit(f"more than {MAX_STEPS} commands")

    def iterations(self) -> Callable[[], None]:
        """A counter for one loop: call it before each pass; a wall-clock sleep resets it."""
        budget = self.ctx.budget
        count, naps = 0, budget.naps

        def tick() -> None:
            nonlocal count, naps
            if budget.naps != naps:
                count, naps = 0, budget.naps
            if count >= MAX_LOOP:
                raise LoopLimit(f"a loop ran {MAX_LOOP} times")
            count += 1

        return tick

    def check_vars(self) -> None:
        """Variables live in the shell's memory: all of them together stay under ``MAX_VARS``."""
        total = (
            sum(map(len, self.vars))
            + sum(map(len, self.vars.values()))
            + sum(map(len, self.positional))
        )
        check_size(total, MAX_VARS)

    def expand_words(self, words: list[ast.Word], io: Streams) -> list[str]:
        """Expand the words of one command; the argument list stays under ``MAX_ARGV``."""
        out: list[str] = []
        total = 0
        for word in words:
            for w in self.expand(word, io):
                total += len(w) + 8
                check_size(total, MAX_ARGV)
                out.append(w)
        return out

    def seq(self, node: ast.Seq, io: Streams) -> int:
        status = 0
        for item in node.items:
            status = self.and_or(item, io)
        return status

    def and_or(self, node: ast.AndOr, io: Streams) -> int:
        status = self.pipeline(node.first, io)
        for op, pipe in node.rest:
            if (op == "&&") == (status == 0):
                status = self.pipeline(pipe, io)
        self.status = status
        return status

    def pipeline(self, node: ast.Pipeline, io: Streams) -> int:
        stdin = io.stdin
        status = 0
        for i, cmd in enumerate(node.commands):
            last = i == len(node.commands) - 1
            buf = Buffer()
            try:
                status = self.command(cmd, Streams(io.out if last else buf, io.err, stdin))
            except ShellExit as e:  # each member of a real pipeline is its own process
                if len(node.commands) == 1:
                    raise
                status = e.code
            stdin = buf.text()
        if node.negate:
            status = 0 if status else 1
        self.status = status
        return status

    def command(self, node: ast.Node, io: Streams) -> int:
        self.step()
        try:
            io = self.redirected(node.redirs, io)
        except FsError as e:
            io.err.write(self.redirect_error(e) + "\n")
            return 1
        if isinstance(node, ast.Simple):
            return self.simple(node, io)
        budget = self.ctx.budget
        budget.nesting += 1
        try:
            if budget.nesting > MAX_NESTING:
                raise LoopLimit(f"more than {MAX_NESTING} nested commands")
            return self.compound(node, io)
        finally:
            budget.nesting -= 1

    def compound(self, node: ast.Group | ast.For | ast.While | ast.If, io: Streams) -> int:
        if isinstance(node, ast.Group):
            if node.subshell:
                sub = Shell(
                    self.ctx,
                    self.name,
                    self.dialect,
                    dict(self.vars),
                    list(self.positional),
                    self.status,
                    self.depth,
                )
                try:
                    return sub.seq(node.body, io)
                except ShellExit as e:
                    return e.code
            return self.seq(node.body, io)
        if isinstance(node, ast.For):
            return self.for_loop(node, io)
        if isinstance(node, ast.While):
            return self.while_loop(node, io)
        return self.if_clause(node, io)

    def for_loop(self, node: ast.For, io: Streams) -> int:
        items = list(self.positional) if node.words is None else self.expand_words(node.words, io)
        status, tick = 0, self.iterations()
        for item in items:
            tick()
            self.vars[node.var] = item
            self.check_vars()
            status, stop = self.loop_pass(lambda: self.seq(node.body, io))
            if stop:
                break
        return status

    def while_loop(self, node: ast.While, io: Streams) -> int:
        status, tick = 0, self.iterations()
        while True:
            tick()
            ok, stop = self.loop_pass(lambda: int(self.seq(node.cond, io) == 0))
            if stop:
                return status
            if bool(ok) == node.until:
                return status
            status, stop = self.loop_pass(lambda: self.seq(node.body, io))
            if stop:
                return status

    def loop_pass(self, body: Callable[[], int]) -> tuple[int, bool]:
        """Run one part of a loop pass; (status, leave the loop) after ``break``/``continue``."""
        self.loops += 1
        try:
            return body(), False
        except LoopControl as e:
            if e.levels > 1:
                e.levels -= 1
                raise
            return 0, e.kind == "break"
        finally:
            self.loops -= 1

    def if_clause(self, node: ast.If, io: Streams) -> int:
        for cond, body in node.clauses:
            if self.seq(cond, io) == 0:
                return self.seq(body, io)
        return self.seq(node.orelse, io) if node.orelse is not None else 0

    def simple(self, node: ast.Simple, io: Streams) -> int:
        self.subst_status = 0
        argv = self.expand_words(node.words, io)
        values = {name: self.expand(word, io, split=False)[0] for name, word in node.assigns}
        if not argv:
            self.vars.update(values)
            self.check_vars()
            return self.subst_status
        saved = {k: self.vars.get(k) for k in values}
        self.vars.update(values)
        try:
            self.check_vars()
            return self.run(argv, io)
        finally:
            for k, v in saved.items():
                if v is None:
                    self.vars.pop(k, None)
                else:
                    self.vars[k] = v

    def run(self, argv: list[str], io: Streams) -> int:
        """Run one command by name (shell built-ins first, then the image's executables)."""
        fn = self.ctx.builtin(argv[0]) or self.ctx.executable(argv[0])
        if fn is None:
            io.err.write(self.not_found(argv[0]) + "\n")
            return 127
        try:
            return fn(self, argv, io)
        except FsError as e:
            io.err.write(f"{posixpath.basename(argv[0])}: {e.path}: {e.reason}\n")
            return 1

    # ----- redirections ---------------------------------------------------------------------------
    def redirected(self, redirs: list[ast.Redir], io: Streams) -> Streams:
        if not redirs:
            return io
        io = Streams(io.out, io.err, io.stdin)
        for r in redirs:
            target = self.expand(r.target, io, split=False)[0]
            if r.op in (">&", "<&") and target in ("1", "2"):
                sink = io.out if target == "1" else io.err
                if r.fd == 2:
                    io.err = sink
                else:
                    io.out = sink
                continue
            if r.op == "<" or r.op == "<&":
                io.stdin = self.fs.read(target)
                continue
            if r.op != ">>":
                self.fs.write(target, "")
            sink = FileSink(self.fs, target)
            if r.op in ("&>", ">&"):
                io.out = io.err = sink
            elif r.fd == 2:
                io.err = sink
            else:
                io.out = sink
        return io

    def redirect_error(self, e: FsError) -> str:
        if self.dialect == "dash":
            return (
                f"{self.prefix()}cannot create {e.path}: "
                f"{'Directory nonexistent' if 'No such' in e.reason else e.reason}"
            )
        if self.dialect == "bash":
            return f"{self.prefix()}{e.path}: {e.reason}"
        return (
            f"{self.name}: can't create {e.path}: "
            f"{'nonexistent directory' if 'No such' in e.reason else e.reason}"
        )

    # ----- expansion ------------------------------------------------------------------------------
    def expand(self, word: ast.Word, io: Streams, split: bool = True) -> list[str]:
        """Parameter and command substitution, then field splitting of unquoted results."""
        values = (
            (p.text if p.kind == "lit" else self.substitute(p, io), p.kind == "lit" or p.quoted)
            for p in word.parts
        )
        return shell_words.fields(values, split)

    def substitute(self, part: ast.Part, io: Streams) -> str:
        if part.kind == "var":
            return self.variable(part.text)
        if part.kind == "param":
            return self.parameter(part.text)
        if part.kind == "arith":
            return self.arithmetic(part.text, io)
        return self.command_output(part.text, io)

    def arithmetic(self, expr: str, io: Streams) -> str:
        try:
            return str(shell_arith.arith(expr, self.vars))
        except ValueError as e:
            io.err.write(f'{self.prefix()}arithmetic expression: {e}: "{expr}"\n')
            self.subst_status = 2
            return "0"

    def variable(self, name: str) -> str:
        special = {
            "?": str(self.status),
            "$": "1",
            "#": str(len(self.positional)),
            "@": " ".join(self.positional),
            "*": " ".join(self.positional),
            "!": "",
            "-": "",
            "0": self.name,
        }
        if name in special:
            return special[name]
        if name.isdigit():
            idx = int(name) - 1
            return self.positional[idx] if idx < len(self.positional) else ""
        return self.vars.get(name, "")

    def parameter(self, text: str) -> str:
        if text.startswith("#") and len(text) > 1:
            return str(len(self.variable(text[1:])))
        for op in (":-", ":=", ":+", "-", "="):
            name, sep, alt = text.partition(op)
            if sep and ast.NAME_RE.fullmatch(name):
                val = self.variable(name)
                unset = name not in self.vars if ":" not in op else not val
                if op in (":+",):
                    return alt if not unset else ""
                if unset and op in (":=", "="):
                    self.vars[name] = alt
                    self.check_vars()
                return alt if unset else val
        return self.variable(text)

    def command_output(self, script: str, io: Streams) -> str:
        """``$( )`` and backquotes: a subshell over the same built-ins, output captured."""
        if self.depth + 1 > MAX_DEPTH:
            raise LoopLimit("command substitution nested too deeply")
        buf = Buffer()
        sub = Shell(
            self.ctx,
            self.name,
            self.dialect,
            dict(self.vars),
            list(self.positional),
            self.status,
            self.depth + 1,
        )
        sub.run_script(script, Streams(buf, io.err, ""))
        self.subst_status = sub.status
        return buf.text().rstrip("\n")


def shell_dialect(ctx: Container, arg0: str) -> str:
    """Error-message style of the shell ``arg0``: bash, else busybox ash or Debian's dash."""
    base = posixpath.basename(arg0)
    if base == "bash":
        return "bash"
    return "ash" if ctx.busybox else "dash"
