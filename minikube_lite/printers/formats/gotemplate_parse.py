"""Go text/template's parser (text/template/parse/parse.go): tokens to node trees.

``parse`` returns the named trees (``output`` and every ``define``/``block``); errors carry Go's
text, ``template: output:LINE: MSG``.
"""

from __future__ import annotations

from minikube_lite.printers.formats import gotemplate_lex as lx
from minikube_lite.printers.formats.gotemplate_nodes import (
    Action,
    Branch,
    Chain,
    Command,
    Field,
    Keyword,
    Leaf,
    ListNode,
    Node,
    Pipe,
    TemplateCall,
    TemplateError,
    Text,
    number,
    unquote,
)

FUNCS = frozenset(
    [
        "and",
        "call",
        "html",
        "index",
        "slice",
        "js",
        "len",
        "not",
        "or",
        "print",
        "printf",
        "println",
        "urlquery",
        "eq",
        "ge",
        "gt",
        "le",
        "lt",
        "ne",
        "exists",
        "base64decode",
    ]
)
_OPERANDS = frozenset(
    (lx.BOOL, lx.CHARCONST, lx.DOT, lx.FIELD, lx.IDENT, lx.NUMBER, lx.NIL, lx.RAW, lx.STRING)
).union((lx.VARIABLE, lx.LPAREN))


class Parser:
    def __init__(self, text: str, name: str = "output") -> None:
        self.name = name
        self.toks = lx.lex(text)
        self.i = self.hi = 0
        self.vars = ["$"]
        self.range_depth = 0
        self.action_line = 0
        self.trees: dict[str, ListNode] = {}

    # ------------------------------------------------------------------ tokens

    def next(self) -> lx.Token:
        tok = self.toks[min(self.i, len(self.toks) - 1)]
        self.i += 1
        self.hi = max(self.hi, self.i - 1)
        return tok

    def peek(self) -> lx.Token:
        tok = self.next()
        self.i -= 1
        return tok

    def next_non_space(self) -> lx.Token:
        tok = self.next()
        while tok.typ == lx.SPACE:
            tok = self.next()
        return tok

    def peek_non_space(self) -> lx.Token:
        tok = self.next_non_space()
        self.i -= 1
        return tok

    def fail(self, msg: str) -> TemplateError:
        line = self.toks[min(self.hi, len(self.toks) - 1)].line
        return TemplateError(f"template: {self.name}:{line}: {msg}")

    def unexpected(self, tok: lx.Token, context: str) -> TemplateError:
        if tok.typ == lx.ERROR:
            extra = ""
            if self.action_line and self.action_line != tok.line:
                extra = f" in action started at {self.name}:{self.action_line}"
                if tok.val.endswith(" action"):
                    extra = extra[len(" in action") :]
            return self.fail(f"{tok}{extra}")
        return self.fail(f"unexpected {tok} in {context}")

    def expect(self, typ: str, context: str) -> lx.Token:
        tok = self.next_non_space()
        if tok.typ != typ:
            raise self.unexpected(tok, context)
        return tok

    # ------------------------------------------------------------------ structure

    def parse(self) -> dict[str, ListNode]:
        root = ListNode(self.peek().pos)
        while self.peek().typ != lx.EOF:
            if self.peek().typ == lx.LDELIM:
                save = self.i
                self.next()
                if self.next_non_space().typ == "define":
                    self.definition()
                    continue
                self.i = save
            n = self.text_or_action()
            if isinstance(n, Keyword) and n.word in ("end", "else"):
                raise self.fail(f"unexpected {n}")
            root.nodes.append(n)
        self.add(self.name, root)
        return self.trees

    def add(self, name: str, root: ListNode) -> None:
        old = self.trees.get(name)
        if old is not None and _is_empty(root):
            return
        if old is not None and not _is_empty(old):
            raise self.fail(f"template: multiple definition of template {lx.quote(name)}")
        self.trees[name] = root

    def sub_list(self) -> tuple[ListNode, Node]:
        """A defined template's body, parsed with its own variables."""
        saved = self.vars, self.range_depth
        self.vars, self.range_depth = ["$"], 0
        try:
            return self.item_list()
        finally:
            self.vars, self.range_depth = saved

    def definition(self) -> None:
        context = "define clause"
        tok = self.next_non_space()
        if tok.typ not in (lx.STRING, lx.RAW):
            raise self.unexpected(tok, context)
        name = self.unquote(tok)
        self.expect(lx.RDELIM, context)
        body, end = self.sub_list()
        if not (isinstance(end, Keyword) and end.word == "end"):
            raise self.fail(f"unexpected {end} in {context}")
        self.add(name, body)

    def item_list(self) -> tuple[ListNode, Node]:
        lst = ListNode(self.peek_non_space().pos)
        while self.peek_non_space().typ != lx.EOF:
            n = self.text_or_action()
            if isinstance(n, Keyword) and n.word in ("end", "else"):
                return lst, n
            lst.nodes.append(n)
        raise self.fail("unexpected EOF")

    def text_or_action(self) -> Node:
        tok = self.next_non_space()
        if tok.typ == lx.TEXT:
            return Text(tok.pos, tok.val)
        if tok.typ == lx.LDELIM:
            self.action_line = tok.line
            try:
                return self.action()
            finally:
                self.action_line = 0
        raise self.unexpected(tok, "input")

    def action(self) -> Node:
        tok = self.next_non_space()
        typ = tok.typ
        if typ in ("if", "range", "with"):
            return self.control(typ)
        if typ in ("break", "continue"):
            t2 = self.next_non_space()
            if t2.typ != lx.RDELIM:
                raise self.unexpected(t2, "{{" + typ + "}}")
            if not self.range_depth:
                raise self.fail(f"{{{{{typ}}}}} outside {{{{range}}}}")
            return Keyword(tok.pos, typ)
        if typ == "end":
            return Keyword(self.expect(lx.RDELIM, "end").pos, "end")
        if typ == "else":
            peek = self.peek_non_space()
            if peek.typ in ("if", "with"):
                return Keyword(peek.pos, "else")
            return Keyword(self.expect(lx.RDELIM, "else").pos, "else")
        if typ in ("template", "block"):
            return self.template(typ)
        self.i -= 1
        pos = self.peek().pos
        return Action(pos, self.pipeline("command", lx.RDELIM))

    def control(self, kind: str) -> Branch:
        mark = len(self.vars)
        try:
            pipe = self.pipeline(kind, lx.RDELIM)
            self.range_depth += kind == "range"
            body, nxt = self.item_list()
            self.range_depth -= kind == "range"
            orelse = None
            if isinstance(nxt, Keyword) and nxt.word == "else":
                if kind in ("if", "with") and self.peek().typ == kind:
                    self.next()
                    orelse = ListNode(nxt.pos)
                    orelse.nodes.append(self.control(kind))
                else:
                    orelse, nxt = self.item_list()
                    if not (isinstance(nxt, Keyword) and nxt.word == "end"):
                        raise self.fail(f"expected end; found {nxt}")
            return Branch(kind, pipe, body, orelse)
        finally:
            del self.vars[mark:]

    def template(self, typ: str) -> TemplateCall:
        context = f"{typ} clause"
        tok = self.next_non_space()
        if tok.typ not in (lx.STRING, lx.RAW):
            raise self.unexpected(tok, context)
        name = self.unquote(tok)
        pipe = None
        if typ == "block":
            pipe = self.pipeline(context, lx.RDELIM)
            body, end = self.sub_list()
            if not (isinstance(end, Keyword) and end.word == "end"):
                raise self.fail(f"unexpected {end} in {context}")
            self.add(name, body)
        elif self.next_non_space().typ != lx.RDELIM:
            self.i -= 1
            pipe = self.pipeline(context, lx.RDELIM)
        return TemplateCall(tok.pos, name, pipe)

    # ------------------------------------------------------------------ pipelines

    def pipeline(self, context: str, end: str) -> Pipe:
        tok = self.peek_non_space()
        pipe = Pipe(tok.pos, tok.line)
        self.declarations(pipe, context)
        while True:
            tok = self.next_non_space()
            if tok.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if tok.typ not in _OPERANDS:
                raise self.unexpected(tok, context)
            self.i -= 1
            pipe.cmds.append(self.command())

    def declarations(self, pipe: Pipe, context: str) -> None:
        while True:
            v = self.peek_non_space()
            if v.typ != lx.VARIABLE:
                return
            save = self.i
            self.next_non_space()
            nxt = self.peek_non_space()
            if nxt.typ in (lx.ASSIGN, lx.DECLARE):
                pipe.is_assign = nxt.typ == lx.ASSIGN
                self.next_non_space()
                pipe.decl.append(Field(v.pos, v.val, True))
                self.vars.append(v.val)
                return
            if nxt.typ == lx.CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(Field(v.pos, v.val, True))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (lx.VARIABLE, lx.RDELIM, lx.RPAREN):
                        continue
                    raise self.fail("range can only initialize variables")
                raise self.fail(f"too many declarations in {context}")
            self.i = save
            return

    def check_pipeline(self, pipe: Pipe, context: str) -> None:
        if not pipe.cmds:
            raise self.fail(f"missing value for {context}")
        for i, c in enumerate(pipe.cmds[1:]):
            a = c.args[0]
            if isinstance(a, Leaf) and a.kind in ("bool", "dot", "nil", "number", "string"):
                raise self.fail(f"non executable command in pipeline stage {i + 2}")

    def command(self) -> Command:
        cmd = Command(self.peek_non_space().pos)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            tok = self.next()
            if tok.typ == lx.SPACE:
                continue
            if tok.typ in (lx.RDELIM, lx.RPAREN):
                self.i -= 1
            elif tok.typ != lx.PIPE:
                raise self.unexpected(tok, "operand")
            break
        if not cmd.args:
            raise self.fail("empty command")
        return cmd

    def operand(self) -> Node | None:
        node = self.term()
        if node is None or self.peek().typ != lx.FIELD:
            return node
        chain = Chain(self.peek().pos, node)
        while self.peek().typ == lx.FIELD:
            chain.fields.append(self.next().val[1:])
        if isinstance(node, Field):
            return Field(chain.pos, str(chain), node.var)
        if isinstance(node, Leaf) and node.kind != "ident":
            raise self.fail(f"unexpected . after term {lx.quote(str(node))}")
        return chain

    def term(self) -> Node | None:
        tok = self.next_non_space()
        typ, val, pos = tok.typ, tok.val, tok.pos
        if typ == lx.IDENT:
            if val not in FUNCS:
                raise self.fail(f"function {lx.quote(val)} not defined")
            return Leaf(pos, "ident", val, val)
        if typ == lx.DOT:
            return Leaf(pos, "dot", ".")
        if typ == lx.NIL:
            return Leaf(pos, "nil", "nil")
        if typ == lx.VARIABLE:
            name = val.split(".")[0]
            if name not in self.vars:
                raise self.fail(f"undefined variable {lx.quote(name)}")
            return Field(pos, val, True)
        if typ == lx.FIELD:
            return Field(pos, val, False)
        if typ == lx.BOOL:
            return Leaf(pos, "bool", val, val == "true")
        if typ in (lx.NUMBER, lx.CHARCONST):
            return Leaf(pos, "number", val, self.number(val))
        if typ == lx.LPAREN:
            return self.pipeline("parenthesized pipeline", lx.RPAREN)
        if typ in (lx.STRING, lx.RAW):
            return Leaf(pos, "string", val, self.unquote(tok))
        self.i -= 1
        return None

    def number(self, text: str) -> int | float:
        try:
            return number(text)
        except OverflowError:
            raise self.fail(f"integer overflow: {lx.quote(text)}") from None
        except ValueError:
            if text.startswith("'"):
                raise self.fail(f"malformed character constant: {text}") from None
            raise self.fail(f"illegal number syntax: {lx.quote(text)}") from None

    def unquote(self, tok: lx.Token) -> str:
        try:
            return unquote(tok.val)
        except (ValueError, IndexError):
            raise self.fail("invalid syntax") from None


def _is_empty(root: ListNode) -> bool:
    return all(isinstance(n, Text) and not n.text.strip() for n in root.nodes)


def parse(text: str, name: str = "output") -> dict[str, ListNode]:
    """The named trees of ``text``; raises TemplateError with Go's parse error text."""
    return Parser(text, name).parse()
