"""Go text/template's parse tree (text/template/parse/node.go): the nodes, whose ``str()`` is
node.go's ``String`` (execution errors quote it as ``at <...>``), and literal decoding
(strconv.Unquote, parse.newNumber).
"""

from __future__ import annotations

import re

from minikube_lite.errors import MklError
from minikube_lite.printers.formats import gotemplate_lex as lx

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class TemplateError(MklError):
    """A parse or execution error, with Go's text."""


class Node:
    __slots__ = ("pos",)

    def __init__(self, pos: int) -> None:
        self.pos = pos


class Text(Node):
    __slots__ = ("text",)

    def __init__(self, pos: int, text: str) -> None:
        super().__init__(pos)
        self.text = text

    def __str__(self) -> str:
        return self.text


class ListNode(Node):
    __slots__ = ("nodes",)

    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.nodes: list[Node] = []

    def __str__(self) -> str:
        return "".join(str(n) for n in self.nodes)


class Leaf(Node):
    """Dot, nil, bool, number, string, identifier: ``text`` is what String() prints."""

    __slots__ = ("kind", "text", "value")

    def __init__(self, pos: int, kind: str, text: str, value: Any = None) -> None:
        super().__init__(pos)
        self.kind, self.text, self.value = kind, text, value

    def __str__(self) -> str:
        return self.text


class Field(Node):
    """``.a.b`` (``var`` False) or ``$x.a`` (``var`` True: idents[0] is the variable)."""

    __slots__ = ("idents", "var")

    def __init__(self, pos: int, text: str, var: bool) -> None:
        super().__init__(pos)
        self.var = var
        self.idents = text.split(".") if var else text[1:].split(".")

    def __str__(self) -> str:
        return ".".join(self.idents) if self.var else "." + ".".join(self.idents)


class Chain(Node):
    __slots__ = ("fields", "node")

    def __init__(self, pos: int, node: Node) -> None:
        super().__init__(pos)
        self.node = node
        self.fields: list[str] = []

    def __str__(self) -> str:
        head = f"({self.node})" if isinstance(self.node, Pipe) else str(self.node)
        return head + "".join("." + f for f in self.fields)


class Command(Node):
    __slots__ = ("args",)

    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.args: list[Node] = []

    def __str__(self) -> str:
        return " ".join(f"({a})" if isinstance(a, Pipe) else str(a) for a in self.args)


class Pipe(Node):
    __slots__ = ("cmds", "decl", "is_assign", "line")

    def __init__(self, pos: int, line: int) -> None:
        super().__init__(pos)
        self.line = line
        self.decl: list[Field] = []
        self.is_assign = False
        self.cmds: list[Command] = []

    def __str__(self) -> str:
        head = ", ".join(str(v) for v in self.decl) + " := " if self.decl else ""
        return head + " | ".join(str(c) for c in self.cmds)


class Action(Node):
    __slots__ = ("pipe",)

    def __init__(self, pos: int, pipe: Pipe) -> None:
        super().__init__(pos)
        self.pipe = pipe

    def __str__(self) -> str:
        return "{{" + str(self.pipe) + "}}"


class Branch(Node):
    """if / range / with."""

    __slots__ = ("body", "kind", "orelse", "pipe")

    def __init__(self, kind: str, pipe: Pipe, body: ListNode, orelse: ListNode | None) -> None:
        super().__init__(pipe.pos)
        self.kind, self.pipe, self.body, self.orelse = kind, pipe, body, orelse

    def __str__(self) -> str:
        tail = "{{else}}" + str(self.orelse) if self.orelse is not None else ""
        return f"{{{{{self.kind} {self.pipe}}}}}{self.body}{tail}{{{{end}}}}"


class TemplateCall(Node):
    __slots__ = ("name", "pipe")

    def __init__(self, pos: int, name: str, pipe: Pipe | None) -> None:
        super().__init__(pos)
        self.name, self.pipe = name, pipe

    def __str__(self) -> str:
        arg = f" {self.pipe}" if self.pipe is not None else ""
        return f"{{{{template {lx.quote(self.name)}{arg}}}}}"


class Keyword(Node):
    """break, continue, and the parser-internal end / else."""

    __slots__ = ("word",)

    def __init__(self, pos: int, word: str) -> None:
        super().__init__(pos)
        self.word = word

    def __str__(self) -> str:
        return "{{" + self.word + "}}"


_ESC = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def unquote(text: str) -> str:
    """strconv.Unquote of a Go string, raw string or character literal."""
    q, body = text[0], text[1:-1]
    if q == "`":
        return body.replace("\r", "")
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            if ch == q and q == "'":
                raise ValueError
            out.append(ch)
            i += 1
            continue
        c = body[i + 1 : i + 2]
        if c in _ESC:
            out.append(_ESC[c])
            i += 2
        elif c == q:
            out.append(c)
            i += 2
        elif c in ("x", "u", "U"):
            n = {"x": 2, "u": 4, "U": 8}[c]
            digits = body[i + 2 : i + 2 + n]
            if len(digits) != n or not re.fullmatch("[0-9a-fA-F]+", digits):
                raise ValueError
            out.append(chr(int(digits, 16)))
            i += 2 + n
        elif re.fullmatch("[0-7]{3}", body[i + 1 : i + 4]):
            out.append(chr(int(body[i + 1 : i + 4], 8)))
            i += 4
        else:
            raise ValueError
    s = "".join(out)
    if q == "'" and len(s) != 1:
        raise ValueError
    return s


def number(text: str) -> int | float:
    """parse.newNumber + exec's idealConstant: an int literal (Go ``int``) or a float64."""
    if text.startswith("'"):
        return GoInt(ord(unquote(text)))
    t = text.replace("_", "")
    is_hex = re.match(r"[+-]?0[xX]", t) is not None
    if re.fullmatch(r"[+-]?0[0-7]+", t):
        return GoInt(int(t, 8))
    try:
        return GoInt(int(t, 0))
    except ValueError:
        pass
    if is_hex and "p" not in t.lower():
        raise ValueError
    f = float.fromhex(t) if is_hex else float(t)
    if not any(c in t for c in ".eEpP"):
        raise OverflowError
    return f


class GoInt(int):
    """An integer literal in a template: Go's ``int`` (JSON numbers are ``int64``)."""

    __slots__ = ()
