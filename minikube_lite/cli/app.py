"""Entry point: find the command, parse its flags, run its handler, render errors in one place."""

from __future__ import annotations

import importlib
import os
import sys

from minikube_lite import errors
from minikube_lite.cli import parser
from minikube_lite.cli.io import IO, klog
from minikube_lite.cli.spec import Command
from minikube_lite.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n"


class UndeclaredFlagError(LookupError):
    """A handler read a flag its command does not declare in cli/commands.py (a bug)."""


@dataclass
class Invocation:
    """Everything a handler needs for one run: parsed words and flags, streams, program name."""

    # The test suite sets this (tests/conftest.py): reading a flag the command does not declare
    # raises instead of answering None, so every flag a handler or an Options.complete reads
    # is checked against the command table on every path the tests run.
    strict_flags: ClassVar[bool] = False

    prog: str
    parsed: parser.Parsed
    io: IO
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def args(self) -> list[str]:
        return self.parsed.args

    def flag(self, name: str) -> Any:
        """The flag's value (its default when not typed); the parser fills in every declared one."""
        if self.strict_flags and name not in self.parsed.flags:
            raise UndeclaredFlagError(self._undeclared(name))
        return self.parsed.flags.get(name)

    def optional_flag(self, name: str) -> Any:
        """A flag that some of the commands sharing a helper do not declare: None for those."""
        return self.parsed.flags.get(name)

    def given(self, name: str) -> bool:
        if self.strict_flags and name not in self.parsed.flags:
            raise UndeclaredFlagError(self._undeclared(name))
        return any(n == name for n, _ in self.parsed.typed)

    def warn(self, where: str, msg: str) -> None:
        """A klog warning on stderr, now (``W1207 08:14:32.927787    3910 helpers.go:714] msg``)."""
        self.io.err(klog("W", where, msg))

    def _undeclared(self, name: str) -> str:
        return f"{self.command_path!r} reads --{name}, which cli/commands.py does not declare"

    @property
    def profile(self) -> str | None:
        """``--profile`` as typed (an empty one too: persist.profile_name refuses it), else None."""
        profile: str | None = self.flag("profile") if self.given("profile") else None
        return profile

    @property
    def command_path(self) -> str:
        return " ".join([self.prog, *self.parsed.path])

    def change_cause(self) -> str | None:
        """kubectl's --record value.

        prog + positional words + each flag as --name=value, in typed order.
        """
        if not self.flag("record"):
            return None
        words = [
            self.prog,
            *self.parsed.path,
            *self.parsed.args[: self.parsed.dash_at if self.parsed.dash_at >= 0 else None],
        ]
        flags = [f"--{n}={v}" for n, v in self.parsed.typed if n not in ("profile",)]
        return " ".join(words + flags)

    def usage_error(self, msg: str) -> errors.UsageError:
        return errors.UsageError(msg, self.command_path)


def prog_name(argv0: str | None = None) -> str:
    """The name the user invoked (``mkl``, ``minikube-lite``, ``kubectl`` through a symlink or
    the ``alias`` function, which says it in ``MKL_PROG``)."""
    shown = os.environ.get("MKL_PROG", "") if argv0 is None else ""
    if shown and shown.isprintable() and " " not in shown:
        return shown
    name = os.path.basename(argv0 if argv0 is not None else sys.argv[0])
    if not name or name in ("__main__.py", "-c", "python", "python3") or name.endswith(".py"):
        return "mkl"
    return name


_ROOT: Command | None = None


def root() -> Command:
    global _ROOT
    if _ROOT is None:
        from minikube_lite.cli import commands

        _ROOT = commands.build()
    return _ROOT


def go_args(argv: list[str]) -> list[str]:
    """Arguments as Go sees them: bytes that are not UTF-8 become U+FFFD.

    Python decodes argv with surrogateescape, so such bytes arrive as lone surrogates, which no
    UTF-8 encoder (the state file, stdout) accepts; kubectl keeps the bytes and its JSON
    encoding turns each into U+FFFD, which is what the API server stores.
    """
    if all(a.isascii() for a in argv):
        return argv
    from minikube_lite.api import limits

    return [limits.go_string(a) for a in argv]


def _check_output(handler: str, fmt: str | None) -> None:
    """A verb that prints objects refuses an unusable ``-o`` before it touches the cluster."""
    if fmt:
        from minikube_lite.cli import printflags

        if printflags.prints_objects(handler):
            printflags.check(fmt)


def run(argv: list[str], io: IO | None = None, prog: str = "mkl") -> int:
    """Run one command line; returns the exit code.  Tests call this in-process."""
    io = io or IO()
    argv = go_args(argv)
    from minikube_lite.cli import commands

    if argv[:1] == ["__complete"]:  # the completion scripts' hidden entry (cli/completion.py)
        from minikube_lite.cli import completion

        words = completion.candidates(root(), commands.GLOBAL_FLAGS, argv[1:])
        io.out("".join(w + "\n" for w in words))
        return 0

    gmap = {f.name: f for f in commands.GLOBAL_FLAGS} | {
        "-" + f.short: f for f in commands.GLOBAL_FLAGS if f.short
    }
    try:
        cmd, path = parser.find_command(root(), argv, gmap)
        if not path and argv:
            from minikube_lite.cli import cobra

            cobra.check_root_words(root(), argv, gmap, prog)
            words = cobra.strip_flags(argv, gmap)
            if words and words[0] == "help":
                return _help_command(words[1:], io, prog)
        parsed = parser.parse(cmd, path, argv, commands.GLOBAL_FLAGS, prog)
        if parsed.flags.get("help") or not cmd.handler:
            return _help(cmd, path, parsed, io, prog)
        inv = Invocation(prog, parsed, io)
        if parsed.flags.get("record") and cmd.record:
            io.err(RECORD_WARNING)
        module, func = cmd.handler.split(":")
        handler = getattr(importlib.import_module(f"minikube_lite.cli.{module}"), func)
        _check_output(cmd.handler, parsed.flags.get("output"))
        if parsed.flags.get("as") or parsed.flags.get("as-group"):
            from minikube_lite.ops import session

            with session.acting_as(parsed.flags.get("as"), parsed.flags.get("as-group")):
                handler(inv)
        else:
            handler(inv)
        return 0
    except errors.MklError as err:
        if os.environ.get("MKL_DEBUG"):
            raise
        text = err.render()
        if text:
            io.err(text + "\n")
        return err.exit_code
    except KeyboardInterrupt:
        return 130


def _help(cmd: Command, path: list[str], parsed: parser.Parsed, io: IO, prog: str) -> int:
    """``--help``, or a group typed without its subcommand: kubectl's DefaultSubCommandRun prints
    the help (to the stream the group names) and exits 1; a word after it is an unknown command
    (RequireNoArguments)."""
    from minikube_lite.cli import commands, helptext

    bare = not parsed.flags.get("help")
    if bare and parsed.args and path:  # the root's stray words: cobra.check_root_words
        raise errors.UsageError(f'unknown command "{parsed.args[0]}"', " ".join([prog, *path]))
    text = helptext.render(cmd, path, prog, commands.GLOBAL_FLAGS)
    if bare and cmd.bare_help:
        (io.err if cmd.bare_help == "err" else io.out)(text)
        return 1
    io.out(text)
    return 0


def _help_command(words: list[str], io: IO, prog: str) -> int:
    """cobra's ``help [command]``: that command's help on stdout; an unknown topic and the
    root's help on stderr.  Exit 0 either way."""
    from minikube_lite.cli import cobra, commands, helptext

    cmd, path = cobra.help_topic(root(), words)
    if cmd is None:
        io.err(cobra.unknown_help_topic(words))
        io.err(helptext.render(root(), [], prog, commands.GLOBAL_FLAGS))
        return 0
    io.out(helptext.render(cmd, path, prog, commands.GLOBAL_FLAGS))
    return 0


def main() -> None:
    """Console-script entry point."""
    io = IO()
    try:
        code = run(sys.argv[1:], io, prog_name())
        sys.stdout.flush()
    except BrokenPipeError:
        # `mkl get pods | head -1`: the reader went away; exit quietly, as pip does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    sys.exit(code)
