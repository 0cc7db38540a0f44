"""The AST of the simulated exec shell (a small POSIX ``sh`` subset), built by shell_parse.

Words with single/double quotes and backslashes; ``$VAR``, ``${VAR}``, ``${VAR:-x}``, ``$?``,
``$(…)`` and backquotes; operators ``;`` ``&&`` ``||`` ``|`` ``&`` and newlines; redirections
``>``, ``>>``, ``<``, ``2>``, ``2>&1``, ``>&2``, ``&>``; compound commands ``( … )``, ``{ …; }``,
``for``, ``while``/``until`` and ``if``.  Nothing here executes anything.
"""

from __future__ import annotations

import re

from minikube_lite.records import dataclass, field

NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ASSIGN_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
KEYWORDS = frozenset(
    {"for", "in", "do", "done", "if", "then", "elif", "else", "fi", "while", "until", "{", "}", "!"}
)


class ShellSyntaxError(Exception):
    """``kind`` is ``unexpected`` (with the token), ``unterminated`` (quote) or ``eof``."""

    def __init__(self, kind: str, token: str = "") -> None:
        super().__init__(f"{kind} {token}".strip())
        self.kind = kind
        self.token = token


@dataclass(frozen=True, slots=True)
class Part:
    kind: str  # lit | var | param | cmd
    text: str
    quoted: bool


@dataclass(frozen=True, slots=True)
class Word:
    parts: tuple[Part, ...]

    @property
    def literal(self) -> str | None:
        """The text when the word is one unquoted literal (keywords, assignments), else None."""
        if len(self.parts) == 1 and self.parts[0].kind == "lit" and not self.parts[0].quoted:
            return self.parts[0].text
        return None


@dataclass(frozen=True, slots=True)
class Redir:
    fd: int
    op: str  # > >> < >& &>
    target: Word


@dataclass
class Simple:
    assigns: list[tuple[str, Word]] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class Seq:
    items: list[AndOr] = field(default_factory=list)


@dataclass
class Pipeline:
    commands: list[Node]
    negate: bool = False


@dataclass
class AndOr:
    first: Pipeline
    rest: list[tuple[str, Pipeline]] = field(default_factory=list)


@dataclass
class Group:
    body: Seq
    subshell: bool
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class For:
    var: str
    words: list[Word] | None
    body: Seq
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class While:
    cond: Seq
    body: Seq
    until: bool
    redirs: list[Redir] = field(default_factory=list)


@dataclass
class If:
    clauses: list[tuple[Seq, Seq]]
    orelse: Seq | None
    redirs: list[Redir] = field(default_factory=list)


Node = Simple | Group | For | While | If
Token = tuple[str, object]  # ("WORD", Word) | ("OP", str) | ("IONUM", int) | ("EOF", "")
