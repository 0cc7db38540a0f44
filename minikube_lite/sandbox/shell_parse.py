"""Parser of the simulated exec shell: tokens -> AST (``;`` ``&&`` ``||`` ``|``, redirections,
``( … )``, ``{ …; }``, ``for``, ``while``/``until``, ``if``).  Nothing here executes anything."""

from __future__ import annotations

from minikube_lite.sandbox.shell_ast import (
    ASSIGN_RE,
    KEYWORDS,
    NAME_RE,
    AndOr,
    For,
    Group,
    If,
    Node,
    Part,
    Pipeline,
    Redir,
    Seq,
    ShellSyntaxError,
    Simple,
    Token,
    While,
    Word,
)
from minikube_lite.sandbox.shell_lex import Lexer, merge_parts

__all__ = [
    "NAME_RE",
    "AndOr",
    "For",
    "Group",
    "If",
    "Node",
    "Part",
    "Pipeline",
    "Redir",
    "Seq",
    "ShellSyntaxError",
    "Simple",
    "While",
    "Word",
    "parse",
]


MAX_NESTING = (
    48  # compound commands inside each other in one script (the executor has the same bound)
)


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.toks = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.toks[self.i]

    def take(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def keyword(self) -> str | None:
        kind, val = self.peek()
        return (
            val.literal
            if kind == "WORD" and isinstance(val, Word) and val.literal in KEYWORDS
            else None
        )

    def unexpected(self) -> ShellSyntaxError:
        kind, val = self.peek()
        if kind == "EOF":
            return ShellSyntaxError("eof")
        text = val.literal if isinstance(val, Word) else str(val)
        return ShellSyntaxError("unexpected", "newline" if text == "\n" else str(text))

    def expect_kw(self, word: str) -> None:
        if self.keyword() != word:
            raise self.unexpected()
        self.take()

    def program(self) -> Seq:
        seq = self.seq(frozenset())
        if self.peek()[0] != "EOF":
            raise self.unexpected()
        return seq

    def seq(self, stop: frozenset[str]) -> Seq:
        out = Seq()
        while True:
            while self.peek() == ("OP", "\n"):
                self.take()
            kind, val = self.peek()
            if kind == "EOF" or (kind == "OP" and val in (")", ";;")) or self.keyword() in stop:
                return out
            out.items.append(self.and_or())
            if self.peek()[0] == "OP" and self.peek()[1] in (";", "&", "\n"):
                self.take()
                continue
            return out

    def and_or(self) -> AndOr:
        node = AndOr(self.pipeline())
        while self.peek()[0] == "OP" and self.peek()[1] in ("&&", "||"):
            op = str(self.take()[1])
            while self.peek() == ("OP", "\n"):
                self.take()
            node.rest.append((op, self.pipeline()))
        return node

    def pipeline(self) -> Pipeline:
        negate = False
        if self.keyword() == "!":
            self.take()
            negate = True
        cmds = [self.command()]
        while self.peek() == ("OP", "|"):
            self.take()
            while self.peek() == ("OP", "\n"):
                self.take()
            cmds.append(self.command())
        return Pipeline(cmds, negate)

    def command(self) -> Node:
        kw = self.keyword()
        if self.peek() == ("OP", "(") or kw in ("{", "for", "while", "until", "if"):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise ShellSyntaxError("unsupported", f"more than {MAX_NESTING} nested blocks")
            try:
                return self.compound(kw)
            finally:
                self.depth -= 1
        if kw is not None:
            raise self.unexpected()
        return self.simple()

    def compound(self, kw: str | None) -> Node:
        if self.peek() == ("OP", "("):
            self.take()
            body = self.seq(frozenset())
            if self.take() != ("OP", ")"):
                self.i -= 1
                raise self.unexpected()
            return self.redirs_after(Group(body, True))
        if kw == "{":
            self.take()
            body = self.seq(frozenset({"}"}))
            self.expect_kw("}")
            return self.redirs_after(Group(body, False))
        if kw == "for":
            return self.redirs_after(self.for_clause())
        if kw in ("while", "until"):
            self.take()
            cond = self.seq(frozenset({"do"}))
            self.expect_kw("do")
            body = self.seq(frozenset({"done"}))
            self.expect_kw("done")
            return self.redirs_after(While(cond, body, kw == "until"))
        return self.redirs_after(self.if_clause())

    def for_clause(self) -> For:
        self.take()
        kind, val = self.take()
        name = val.literal if isinstance(val, Word) else None
        if kind != "WORD" or not name or not NAME_RE.fullmatch(name):
            self.i -= 1
            raise self.unexpected()
        words: list[Word] | None = None
        while self.peek() == ("OP", "\n"):
            self.take()
        if self.keyword() == "in":
            self.take()
            words = []
            while self.peek()[0] == "WORD":
                words.append(self.take()[1])  # type: ignore[arg-type]
        if self.peek()[0] == "OP" and self.peek()[1] in (";", "\n"):
            self.take()
        while self.peek() == ("OP", "\n"):
            self.take()
        self.expect_kw("do")
        body = self.seq(frozenset({"done"}))
        self.expect_kw("done")
        return For(name, words, body)

    def if_clause(self) -> If:
        self.take()
        clauses: list[tuple[Seq, Seq]] = []
        orelse = None
        while True:
            cond = self.seq(frozenset({"then"}))
            self.expect_kw("then")
            body = self.seq(frozenset({"elif", "else", "fi"}))
            clauses.append((cond, body))
            kw = self.keyword()
            self.take()
            if kw == "elif":
                continue
            if kw == "else":
                orelse = self.seq(frozenset({"fi"}))
                self.expect_kw("fi")
            elif kw != "fi":
                self.i -= 1
                raise self.unexpected()
            return If(clauses, orelse)

    def redirs_after(self, node: Node) -> Node:
        while self.redirect_next():
            node.redirs.append(self.redirect())
        return node

    def redirect_next(self) -> bool:
        kind, val = self.peek()
        return kind == "IONUM" or (kind == "OP" and val in (">", ">>", "<", ">&", "&>", "<&"))

    def redirect(self) -> Redir:
        fd = -1
        if self.peek()[0] == "IONUM":
            fd = int(self.take()[1])  # type: ignore[call-overload]
        op = str(self.take()[1])
        if fd < 0:
            fd = 0 if op.startswith("<") else 1
        kind, target = self.peek()
        if kind != "WORD":
            raise self.unexpected()
        self.take()
        return Redir(fd, op, target)  # type: ignore[arg-type]

    def simple(self) -> Simple:
        cmd = Simple()
        while True:
            kind, val = self.peek()
            if self.redirect_next():
                cmd.redirs.append(self.redirect())
            elif kind == "WORD" and isinstance(val, Word):
                self.take()
                m = (
                    ASSIGN_RE.match(val.parts[0].text)
                    if val.parts and val.parts[0].kind == "lit" and not val.parts[0].quoted
                    else None
                )
                if m and not cmd.words:
                    first = Part("lit", val.parts[0].text[m.end() :], False)
                    cmd.assigns.append((m.group(1), Word(merge_parts([first, *val.parts[1:]]))))
                else:
                    cmd.words.append(val)
            else:
                break
        if not (cmd.words or cmd.assigns or cmd.redirs):
            raise self.unexpected()
        return cmd


def parse(script: str) -> Seq:
    """Parse a script; raises ShellSyntaxError."""
    return _Parser(Lexer(script).tokens()).program()
