"""kubectl JSONPath templates: the parser (client-go util/jsonpath/parser.go).

Values are JSON-shaped Python data; Go's reflect kinds map as dict→map, list→slice, str→string,
int→int64, float→float64, bool→bool, None→nil.  Go iterates maps in random order where the
wildcard/recursive operators walk them; here keys are walked in sorted order.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_EOF = ""
_DICT_KEY = re.compile(r"^'([^']*)'$")
_SLICE = re.compile(r"^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$")
_FILTER = re.compile(r"^([^!<>=]+)([!<>=]+)(.+?)$", re.S)


class JSONPathError(Exception):
    """A parse or execution error, with client-go's message."""


# --------------------------------------------------------------------------- nodes
# A node is a tuple: ("list", [nodes]) ("text", s) ("field", name) ("array", params)
# ("filter", left, right, op) ("int", n) ("float", f) ("bool", b) ("wildcard",) ("recursive",)
# ("union", [lists]) ("identifier", name).  params = [(known, value, derived)] * 3.


def _is_terminator(r: str) -> bool:
    return r in (_EOF, " ", "\t", "\r", "\n", ".", ",", "[", "]", "$", "@", "{", "}")


def _is_alnum(r: str) -> bool:
    return r == "_" or (r != _EOF and r.isalnum())


class _Parser:
    """Mirrors util/jsonpath/parser.go."""

    def __init__(self, text: str) -> None:
        self.input = text
        self.pos = 0
        self.start = 0
        self.width = 0
        self.root: list[Any] = []

    def parse(self) -> list[Any]:
        """Mirrors Parser.Parse: the root node list."""
        self._parse_text(self.root)
        return self.root

    def _consume(self) -> str:
        value = self.input[self.start : self.pos]
        self.start = self.pos
        return value

    def _next(self) -> str:
        if self.pos >= len(self.input):
            self.width = 0
            return _EOF
        self.width = 1
        self.pos += 1
        return self.input[self.pos - 1]

    def _peek(self) -> str:
        r = self._next()
        self.pos -= self.width
        return r

    def _parse_text(self, cur: list[Any]) -> None:
        while True:
            if self.input.startswith("{", self.pos):
                if self.pos > self.start:
                    cur.append(("text", self._consume()))
                self.pos += 1
                self._consume()
                node: list[Any] = []
                cur.append(("list", node))
                self._inside(node)
                return
            if self._next() == _EOF:
                break
        if self.pos > self.start:
            cur.append(("text", self._consume()))

    def _inside(self, cur: list[Any]) -> None:
        while True:
            rest = self.input[self.pos :]
            if rest.startswith("}"):
                self.pos += 1
                self._consume()
                self._parse_text(self.root)
                return
            if rest.startswith("[?("):
                self._filter(cur)
                continue
            if rest.startswith(".."):
                self._recursive(cur)
                continue
            r = self._next()
            if r == _EOF or r in "\r\n":
                raise JSONPathError("unclosed action")
            if r in " @$":
                self._consume()
            elif r == "[":
                self._array(cur)
            elif r in "\"'":
                self._quote(cur, r)
            elif r == ".":
                self._field(cur)
            elif r in "+-" or r.isdigit():
                self.pos -= self.width
                self._number(cur)
            elif _is_alnum(r):
                self.pos -= self.width
                self._identifier(cur)
            else:
                raise JSONPathError(
                    f"unrecognized character in action: U+{ord(r):04X} {_go_quote_rune(r)}"
                )

    def _identifier(self, cur: list[Any]) -> None:
        while not _is_terminator(self._next()):
            pass
        self.pos -= self.width
        value = self._consume()
        cur.append(
            ("bool", value == "true") if value in ("true", "false") else ("identifier", value)
        )

    def _recursive(self, cur: list[Any]) -> None:
        if cur and cur[-1][0] == "recursive":
            raise JSONPathError("invalid multiple recursive descent")
        self.pos += 2
        self._consume()
        cur.append(("recursive",))
        if _is_alnum(self._peek()):
            self._field(cur)

    def _number(self, cur: list[Any]) -> None:
        if self._peek() in "+-":
            self._next()
        while True:
            r = self._next()
            if r != "." and not (r != _EOF and r.isdigit()):
                self.pos -= self.width
                break
        value = self._consume()
        if re.fullmatch(r"[-+]?\d+", value):
            cur.append(("int", int(value)))
            return
        try:
            cur.append(("float", float(value)))
        except ValueError:
            raise JSONPathError(f"cannot parse number {value}") from None

    def _array(self, cur: list[Any]) -> None:
        while True:
            r = self._next()
            if r in (_EOF, "\n"):
                raise JSONPathError("unterminated array")
            if r == "]":
                break
        text = self._consume()[1:-1]
        if text == "*":
            text = ":"
        parts = text.split(",")
        if len(parts) > 1:
            cur.append(("union", [_parse_action(f"[{p.strip(' ')}]") for p in parts]))
            return
        m = _DICT_KEY.match(text)
        if m:
            cur.extend(_parse_action("." + m.group(1)))
            return
        m = _SLICE.match(text)
        if not m:
            raise JSONPathError(f"invalid array index {text}")
        cur.append(("array", _slice_params(list(m.groups()))))

    def _filter(self, cur: list[Any]) -> None:
        self.pos += 3
        self._consume()
        begin = end = False
        pair = ""
        while True:
            r = self._next()
            if r in (_EOF, "\n"):
                raise JSONPathError("unterminated filter")
            if r in "\"'":
                if not begin:
                    begin, pair = True, r
                    continue
                if self.input[self.pos - 2] != "\\" and r == pair:
                    end = True
            elif r == ")" and begin == end:
                break
        if self._next() != "]":
            raise JSONPathError("unclosed array expect ]")
        text = self._consume()[:-2]
        m = _FILTER.match(text)
        if m is None:
            cur.append(("filter", _parse_action(text), [], "exists"))
        else:
            cur.append(("filter", _parse_action(m.group(1)), _parse_action(m.group(3)), m.group(2)))

    def _quote(self, cur: list[Any], end: str) -> None:
        while True:
            r = self._next()
            if r in (_EOF, "\n"):
                raise JSONPathError("unterminated quoted string")
            if r == end and self.input[self.pos - 2] != "\\":
                break
        value = self._consume()
        cur.append(("text", _unquote(value)))

    def _field(self, cur: list[Any]) -> None:
        self._consume()
        while True:
            r = self._next()
            if r == "\\":
                self._next()
            elif _is_terminator(r):
                self.pos -= self.width
                break
        value = self._consume()
        cur.append(("wildcard",) if value == "*" else ("field", value.replace("\\", "")))


def _go_quote_rune(r: str) -> str:
    return "'" + r + "'" if r.isprintable() else repr(r)


def _slice_params(groups: list[str | None]) -> list[tuple[bool, int, bool]]:
    """The three slice parameters of parseArray: (known, value, derived)."""
    params: list[tuple[bool, int, bool]] = []
    for i, raw in enumerate(groups):
        text = raw or ""
        if text:
            if i > 0:
                text = text[1:]
            if i > 0 and text == "":
                params.append((False, 0, False))
            else:
                try:
                    params.append((True, int(text), False))
                except ValueError:
                    raise JSONPathError(f"array index {text} is not a number") from None
        elif i == 1:
            params.append((True, params[0][1] + 1, True))
        else:
            params.append((False, 0, False))
    return params


_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
}


def _unquote(value: str) -> str:
    """Mirrors UnquoteExtend (strconv.Unquote that also accepts single quotes)."""
    quote, body = value[0], value[1:-1]
    if "\\" not in body and quote not in body:
        return body
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == quote:
            raise JSONPathError(f"unquote string {value} error invalid syntax")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt in ("x", "u", "U"):
            n = {"x": 2, "u": 4, "U": 8}[nxt]
            out.append(chr(int(body[i + 2 : i + 2 + n], 16)))
            i += 2 + n
        else:
            raise JSONPathError(f"unquote string {value} error invalid syntax")
    return "".join(out)


def _parse_action(text: str) -> list[Any]:
    """Mirrors parseAction: parse ``{text}`` and return the inner list's nodes."""
    root = _Parser("{" + text + "}").parse()
    nodes: list[Any] = root[0][1]
    return nodes


def parse(template: str) -> list[Any]:
    """Parse a template; raises JSONPathError with client-go's message."""
    return _Parser(template).parse()
