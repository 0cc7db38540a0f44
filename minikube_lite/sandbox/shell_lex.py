"""Lexer of the simulated exec shell: script text -> tokens (words keep their quoting parts)."""

from __future__ import annotations

import re

from minikube_lite.sandbox.shell_ast import NAME_RE, Part, ShellSyntaxError, Token, Word

OPERATORS = (
    "&&",
    "||",
    ";;",
    ">>",
    ">&",
    "<&",
    "&>",
    "<<",
    ";",
    "&",
    "|",
    "(",
    ")",
    "<",
    ">",
    "\n",
)
WORD_END = " \t\n;&|()<>"
SPECIAL_VARS = "?$#@*!-0123456789"
_PLAIN = re.compile(r"[^ \t\n;&|()<>\\'\"$`]+")  # a run of characters that mean only themselves
_PLAIN_QUOTED = re.compile(r"[^\"\\$`]+")


class Lexer:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def tokens(self) -> list[Token]:
        out: list[Token] = []
        while True:
            self._blank()
            if self.i >= len(self.s):
                out.append(("EOF", ""))
                return out
            op = next((o for o in OPERATORS if self.s.startswith(o, self.i)), None)
            if op is not None:
                if op == "<<":
                    raise ShellSyntaxError("unsupported", "<<")
                self.i += len(op)
                out.append(("OP", op))
                continue
            word = self._word()
            nxt = self.s[self.i : self.i + 1]
            lit = word.literal
            if lit is not None and lit.isdigit() and nxt in ("<", ">"):
                out.append(("IONUM", int(lit)))
            else:
                out.append(("WORD", word))

    def _blank(self) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t":
                self.i += 1
            elif c == "\\" and self.s.startswith("\\\n", self.i):
                self.i += 2
            elif c == "#":
                while self.i < len(self.s) and self.s[self.i] != "\n":
                    self.i += 1
            else:
                return

    def _word(self) -> Word:
        parts: list[Part] = []
        s = self.s
        while self.i < len(s) and s[self.i] not in WORD_END:
            c = s[self.i]
            if c == "\\":
                if self.i + 1 < len(s) and s[self.i + 1] != "\n":
                    parts.append(Part("lit", s[self.i + 1], True))
                self.i += 2
            elif c == "'":
                end = s.find("'", self.i + 1)
                if end < 0:
                    raise ShellSyntaxError("unterminated", "'")
                parts.append(Part("lit", s[self.i + 1 : end], True))
                self.i = end + 1
            elif c == '"':
                parts.extend(self._double())
            elif c == "$":
                parts.append(self._dollar(False))
            elif c == "`":
                parts.append(Part("cmd", self._backquote(), False))
            else:
                m = _PLAIN.match(s, self.i)
                end = m.end() if m else self.i + 1
                parts.append(Part("lit", s[self.i : end], False))
                self.i = end
        return Word(merge_parts(parts))

    def _double(self) -> list[Part]:
        s, parts = self.s, list[Part]()
        self.i += 1
        while True:
            if self.i >= len(s):
                raise ShellSyntaxError("unterminated", '"')
            c = s[self.i]
            if c == '"':
                self.i += 1
                return parts or [Part("lit", "", True)]
            if c == "\\" and self.i + 1 < len(s) and s[self.i + 1] in '$`"\\\n':
                if s[self.i + 1] != "\n":
                    parts.append(Part("lit", s[self.i + 1], True))
                self.i += 2
            elif c == "$":
                parts.append(self._dollar(True))
            elif c == "`":
                parts.append(Part("cmd", self._backquote(), True))
            else:
                m = _PLAIN_QUOTED.match(s, self.i)
                end = m.end() if m else self.i + 1
                parts.append(Part("lit", s[self.i : end], True))
                self.i = end

    def _dollar(self, quoted: bool) -> Part:
        s, i = self.s, self.i + 1
        if s.startswith("((", i):
            end = _matching_arith(s, i + 2)
            self.i = end + 2
            return Part("arith", s[i + 2 : end], quoted)
        if s.startswith("(", i):
            end = _matching_paren(s, i + 1)
            self.i = end + 1
            return Part("cmd", s[i + 1 : end], quoted)
        if s.startswith("{", i):
            end = s.find("}", i)
            if end < 0:
                raise ShellSyntaxError("unterminated", "${")
            self.i = end + 1
            return Part("param", s[i + 1 : end], quoted)
        m = NAME_RE.match(s, i)
        if m:
            self.i = m.end()
            return Part("var", m.group(0), quoted)
        if i < len(s) and s[i] in SPECIAL_VARS:
            self.i = i + 1
            return Part("var", s[i], quoted)
        self.i = i
        return Part("lit", "$", quoted)

    def _backquote(self) -> str:
        s, out = self.s, []
        i = self.i + 1
        while i < len(s) and s[i] != "`":
            if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in "$`\\":
                out.append(s[i + 1])
                i += 2
                continue
            out.append(s[i])
            i += 1
        if i >= len(s):
            raise ShellSyntaxError("unterminated", "`")
        self.i = i + 1
        return "".join(out)


def _matching_arith(s: str, i: int) -> int:
    """Index of the ``))`` closing a ``$((`` whose expression starts at ``i``."""
    depth = 0
    while i < len(s):
        if s[i] == "(":
            depth += 1
        elif s[i] == ")":
            if depth == 0:
                if s.startswith("))", i):
                    return i
                break
            depth -= 1
        i += 1
    raise ShellSyntaxError("unterminated", "$((")


def _matching_paren(s: str, i: int) -> int:
    """Index of the ``)`` closing a ``$(`` whose content starts at ``i`` (quotes respected)."""
    depth = 1
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "'":
            end = s.find("'", i + 1)
            i = (end if end >= 0 else len(s)) + 1
            continue
        if c == '"':
            i += 1
            while i < len(s) and s[i] != '"':
                i += 2 if s[i] == "\\" else 1
            i += 1
            continue
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return i
        i += 1
    raise ShellSyntaxError("unterminated", "$(")


def merge_parts(parts: list[Part]) -> tuple[Part, ...]:
    """Join neighbouring literal parts of the same quoting (in linear time)."""
    out: list[Part] = []
    run: list[str] = []
    for p in parts:
        if run and p.kind == "lit" and out[-1].quoted == p.quoted:
            run.append(p.text)
            continue
        if len(run) > 1:
            out[-1] = Part("lit", "".join(run), out[-1].quoted)
        run = [p.text] if p.kind == "lit" else []
        out.append(p)
    if len(run) > 1:
        out[-1] = Part("lit", "".join(run), out[-1].quoted)
    return tuple(out)
