"""Go text/template's executor (text/template/exec.go) over decoded JSON.

Go's reflect values map onto Python values plus two facts: ``MISSING`` (an invalid Value, what a
missing map key yields under ``missingkey=default``) and whether a value is still wrapped in
``interface {}`` (map and slice elements are; pipeline results are not), which only shows in
error texts.  Errors carry Go's text: ``template: output:1:2: executing "output" at <...>: ...``.
"""

from __future__ import annotations

from minikube_lite.printers.formats import gotemplate_nodes as p
from minikube_lite.printers.formats.gotemplate_fmt import fmt_v, sprint, sprintf, sprintln
from minikube_lite.printers.formats.gotemplate_fmt import type_name as _tn
from minikube_lite.printers.formats.gotemplate_funcs import (
    BUILTINS,
    MISSING,
    FuncError,
    Spec,
    truth,
)
from minikube_lite.printers.formats.gotemplate_lex import quote

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below

# Go stops at 100000 nested {{template}} calls; Python's stack holds fewer, so the limit here is
# lower, but the error names Go's (what kubectl prints for a runaway recursion).
_MAX_DEPTH = 200
_GO_MAX_DEPTH = 100000
Val = tuple[Any, bool]  # (value, wrapped in interface {})

_FUNCS: dict[str, Spec] = dict(BUILTINS)
_FUNCS["print"] = ((), "any", sprint)
_FUNCS["println"] = ((), "any", sprintln)
_FUNCS["printf"] = (("string",), "any", lambda f, *a: sprintf(f, list(a)))
_FUNCS["and"] = (("value",), "value", None)  # type: ignore[assignment]
_FUNCS["or"] = (("value",), "value", None)  # type: ignore[assignment]
_FUNCS["call"] = (("value",), "value", None)  # type: ignore[assignment]


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


def type_name(v: Any, iface: bool = False) -> str:
    return "interface {}" if iface else _tn(v)


class Executor:
    def __init__(self, text: str, trees: dict[str, p.ListNode], missing_error: bool) -> None:
        self.text = text
        self.trees = trees
        self.missing_error = missing_error
        self.out: list[str] = []
        self.node: p.Node | None = None
        self.name = "output"
        self.vars: list[tuple[str, Val]] = []
        self.depth = 0

    # ------------------------------------------------------------------ errors

    def at(self, node: p.Node) -> None:
        self.node = node

    def fail(self, msg: str) -> p.TemplateError:
        if self.node is None:
            return p.TemplateError(f"template: {self.name}: {msg}")
        pos = self.node.pos
        head = self.text[:pos]
        nl = head.rfind("\n")
        col = pos if nl < 0 else pos - nl - 1
        line = 1 + head.count("\n")
        return p.TemplateError(
            f'template: output:{line}:{col}: executing "{self.name}" at <{self.node}>: {msg}'
        )

    # ------------------------------------------------------------------ walking

    def execute(self, data: Any) -> None:
        self.vars = [("$", (data, False))]
        self.walk((data, False), self.trees["output"])

    def walk(self, dot: Val, node: p.Node) -> None:
        self.at(node)
        if isinstance(node, p.Text):
            self.out.append(node.text)
        elif isinstance(node, p.ListNode):
            for n in node.nodes:
                self.walk(dot, n)
        elif isinstance(node, p.Action):
            val = self.pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.at(node)
                self.out.append("<no value>" if val is MISSING else fmt_v(val))
        elif isinstance(node, p.Branch):
            mark = len(self.vars)
            try:
                if node.kind == "range":
                    self.walk_range(dot, node)
                else:
                    self.walk_if(dot, node)
            finally:
                del self.vars[mark:]
        elif isinstance(node, p.TemplateCall):
            self.walk_template(dot, node)
        elif isinstance(node, p.Keyword):
            raise _Break() if node.word == "break" else _Continue()

    def walk_if(self, dot: Val, node: p.Branch) -> None:
        val = self.pipeline(dot, node.pipe)
        if truth(val):
            self.walk((val, False) if node.kind == "with" else dot, node.body)
        elif node.orelse is not None:
            self.walk(dot, node.orelse)

    def walk_range(self, dot: Val, node: p.Branch) -> None:
        self.at(node)
        val = self.pipeline(dot, node.pipe)
        mark = len(self.vars)
        decl = node.pipe.decl
        items: list[tuple[Val, Val]]
        if isinstance(val, list):
            items = [((p.GoInt(i), False), (e, True)) for i, e in enumerate(val)]
        elif isinstance(val, dict):
            items = [((k, False), (val[k], True)) for k in sorted(val)]
        elif isinstance(val, int) and not isinstance(val, bool):
            if len(decl) > 1:
                raise self.fail(f"can't use {fmt_v(val)} to iterate over more than one variable")
            items = [((type(val)(i), False), (type(val)(i), False)) for i in range(val)]
        elif val is MISSING:
            items = []
        else:
            raise self.fail(f"range can't iterate over {fmt_v(val)}")
        if not items:
            if node.orelse is not None:
                self.walk(dot, node.orelse)
            return
        for key, elem in items:
            self.set_range_vars(node.pipe, key, elem)
            try:
                self.walk(elem, node.body)
            except _Continue:
                pass
            except _Break:
                break
            finally:
                del self.vars[mark:]

    def set_range_vars(self, pipe: p.Pipe, key: Val, elem: Val) -> None:
        decl = pipe.decl
        if not decl:
            return
        if pipe.is_assign:
            self.set_var(decl[0].idents[0], key if len(decl) > 1 else elem)
            if len(decl) > 1:
                self.set_var(decl[1].idents[0], elem)
            return
        self.vars[-1] = (self.vars[-1][0], elem)
        if len(decl) > 1:
            self.vars[-2] = (self.vars[-2][0], key)

    def walk_template(self, dot: Val, node: p.TemplateCall) -> None:
        self.at(node)
        tree = self.trees.get(node.name)
        if tree is None:
            raise self.fail(f"template {quote(node.name)} not defined")
        if self.depth >= _MAX_DEPTH:
            raise self.fail(f"exceeded maximum template depth ({_GO_MAX_DEPTH})")
        new_dot = self.pipeline(dot, node.pipe) if node.pipe is not None else MISSING
        saved = self.vars, self.name
        self.vars, self.name = [("$", (new_dot, False))], node.name
        self.depth += 1
        try:
            self.walk((new_dot, False), tree)
        finally:
            self.vars, self.name = saved
            self.depth -= 1

    # ------------------------------------------------------------------ variables

    def var(self, name: str) -> Val:
        for n, v in reversed(self.vars):
            if n == name:
                return v
        raise self.fail(f"undefined variable: {name}")

    def set_var(self, name: str, val: Val) -> None:
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                self.vars[i] = (name, val)
                return
        raise self.fail(f"undefined variable: {name}")

    # ------------------------------------------------------------------ evaluation

    def pipeline(self, dot: Val, pipe: p.Pipe | None) -> Any:
        """evalPipeline: the value, unwrapped from interface{} (nil becomes MISSING)."""
        if pipe is None:
            return MISSING
        self.at(pipe)
        val: Any = _NOFINAL
        for cmd in pipe.cmds:
            val = self.command(dot, cmd, val)[0]
            if val is None:
                val = MISSING
        for v in pipe.decl:
            if pipe.is_assign:
                self.set_var(v.idents[0], (val, False))
            else:
                self.vars.append((v.idents[0], (val, False)))
        return val

    def command(self, dot: Val, cmd: p.Command, final: Any) -> Val:
        first = cmd.args[0]
        if isinstance(first, p.Field):
            return self.field_node(dot, first, cmd.args, final)
        if isinstance(first, p.Chain):
            return self.chain_node(dot, first, cmd.args, final)
        if isinstance(first, p.Leaf) and first.kind == "ident":
            return self.function(dot, first, cmd, cmd.args, final)
        if isinstance(first, p.Pipe):
            self.not_a_function(cmd.args, final)
            return (self.pipeline(dot, first), False)
        self.at(first)
        self.not_a_function(cmd.args, final)
        assert isinstance(first, p.Leaf)
        if first.kind == "dot":
            return dot
        if first.kind == "nil":
            raise self.fail("nil is not a command")
        return (first.value, False)

    def not_a_function(self, args: list[p.Node], final: Any) -> None:
        if len(args) > 1 or final is not _NOFINAL:
            raise self.fail(f"can't give argument to non-function {args[0]}")

    def field_node(self, dot: Val, node: p.Field, args: list[p.Node], final: Any) -> Val:
        self.at(node)
        if node.var:
            val = self.var(node.idents[0])
            if len(node.idents) == 1:
                self.not_a_function(args, final)
                return val
            return self.field_chain(val, node, node.idents[1:], args, final)
        return self.field_chain(dot, node, node.idents, args, final)

    def chain_node(self, dot: Val, node: p.Chain, args: list[p.Node], final: Any) -> Val:
        self.at(node)
        if isinstance(node.node, p.Leaf) and node.node.kind == "nil":
            raise self.fail(f"indirection through explicit nil in {node}")
        recv = self.arg_value(dot, node.node)
        return self.field_chain(recv, node, node.fields, args, final)

    def field_chain(
        self, recv: Val, node: p.Node, idents: list[str], args: list[p.Node], final: Any
    ) -> Val:
        for name in idents[:-1]:
            recv = self.field(name, node, [], _NOFINAL, recv)
        return self.field(idents[-1], node, args, final, recv)

    def field(self, name: str, node: p.Node, args: list[p.Node], final: Any, recv: Val) -> Val:
        v, iface = recv
        if v is MISSING:
            if self.missing_error:
                raise self.fail(f"nil data; no entry for key {quote(name)}")
            return (MISSING, False)
        if v is None:
            raise self.fail(f"nil pointer evaluating {type_name(v, iface)}.{name}")
        if isinstance(v, dict):
            if len(args) > 1 or final is not _NOFINAL:
                raise self.fail(f"{name} is not a method but has arguments")
            if name in v:
                return (v[name], True)
            if self.missing_error:
                raise self.fail(f"map has no entry for key {quote(name)}")
            return (MISSING, False)
        raise self.fail(f"can't evaluate field {name} in type {type_name(v, iface)}")

    def arg_value(self, dot: Val, node: p.Node) -> Val:
        """evalArg for an untyped (reflect.Value / interface{}) parameter."""
        self.at(node)
        if isinstance(node, p.Field):
            return self.field_node(dot, node, [node], _NOFINAL)
        if isinstance(node, p.Chain):
            return self.chain_node(dot, node, [node], _NOFINAL)
        if isinstance(node, p.Pipe):
            return (self.pipeline(dot, node), False)
        if isinstance(node, p.Leaf):
            if node.kind == "ident":
                return self.function(dot, node, node, [node], _NOFINAL)
            if node.kind == "dot":
                return dot
            if node.kind == "nil":
                return (None, False)
            return (node.value, False)
        raise self.fail(f"can't handle {node} for arg of type interface {{}}")

    def typed_arg(self, dot: Val, kind: str, node: p.Node) -> Any:
        if kind == "string" and isinstance(node, p.Leaf) and node.kind not in ("dot", "ident"):
            self.at(node)
            if node.kind == "nil":
                raise self.fail("cannot assign nil to string")
            if node.kind != "string":
                raise self.fail(f"expected string; found {node}")
            return node.value
        if kind == "value" and isinstance(node, p.Leaf) and node.kind == "nil":
            return MISSING
        val = self.arg_value(dot, node)[0]
        self.at(node)
        return self.validate(val, kind)

    def validate(self, val: Any, kind: str) -> Any:
        if kind == "string":
            if val is MISSING:
                raise self.fail("invalid value; expected string")
            if not isinstance(val, str):
                raise self.fail(f"wrong type for value; expected string; got {_tn(val)}")
        if kind == "any" and val is MISSING:
            return None
        return val

    def function(self, dot: Val, ident: p.Leaf, cmd: p.Node, args: list[p.Node], final: Any) -> Val:
        self.at(ident)
        name = ident.value
        fixed, variadic, fn = _FUNCS[name]
        rest = args[1:]
        n_in = len(rest) + (final is not _NOFINAL)
        if variadic is not None and n_in < len(fixed):
            raise self.fail(
                f"wrong number of args for {name}: want at least {len(fixed)} got {len(rest)}"
            )
        if variadic is None and n_in != len(fixed):
            raise self.fail(f"wrong number of args for {name}: want {len(fixed)} got {n_in}")
        if name in ("and", "or"):
            return (self.and_or(dot, name, rest, final), False)
        kinds = [fixed[i] if i < len(fixed) else str(variadic) for i in range(n_in)]
        argv = [self.typed_arg(dot, k, a) for k, a in zip(kinds, rest, strict=False)]
        if final is not _NOFINAL:
            argv.append(self.validate(final, kinds[-1]))
        if name == "call":
            self.at(cmd)
            what = "call of nil" if argv[0] in (MISSING, None) else "non-function"
            if what == "non-function":
                what = f"non-function {rest[0] if rest else 'final'} of type {_tn(argv[0])}"
            raise self.fail(f"error calling call: {what}")
        try:
            return (fn(*argv), False)
        except FuncError as e:
            self.at(cmd)
            raise self.fail(f"error calling {name}: {e}") from None

    def and_or(self, dot: Val, name: str, args: list[p.Node], final: Any) -> Any:
        v: Any = MISSING
        for a in args:
            v = self.typed_arg(dot, "value", a)
            if truth(v) == (name == "or"):
                return v
        if final is not _NOFINAL:
            v = final
        return v


_NOFINAL: Any = object()


def execute(text: str, trees: dict[str, p.ListNode], data: Any, missing_error: bool) -> str:
    """Run the ``output`` tree on ``data``; raises TemplateError (``partial`` = text so far)."""
    ex = Executor(text, trees, missing_error)
    try:
        ex.execute(data)
    except p.TemplateError as e:
        e.partial = "".join(ex.out)  # type: ignore[attr-defined]
        raise
    except RecursionError:
        err = p.TemplateError("template: output: exceeded maximum template depth")
        err.partial = "".join(ex.out)  # type: ignore[attr-defined]
        raise err from None
    return "".join(ex.out)
