"""Label selectors: parsing, matching and formatting, with upstream's error texts.

Port of k8s.io/apimachinery/pkg/labels (selector.go: Requirement, Selector, the Lexer and
Parser behind ``labels.Parse``, SelectorFromSet; labels.go: FormatLabels) and of the
LabelSelector helpers in k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
(LabelSelectorAsSelector, FormatLabelSelector, ParseToLabelSelector).  The key and value
checks are ``api.names``; validating a LabelSelector field is ``api.validation.meta``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from minikube_lite.api.names import is_qualified_name, is_valid_label_value
from minikube_lite.api.patch.govalue import go_quote
from minikube_lite.errors import BadRequestError, MklError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_INT_RE = re.compile(r"[+-]?[0-9]+")


class SelectorError(MklError):
    """A selector string or LabelSelector that labels.Parse / LabelSelectorAsSelector rejects."""


class Requirement:
    """labels.Requirement; ``op`` is one of = == != in notin exists ! gt lt (selection.Operator)."""

    __slots__ = ("key", "op", "values")

    def __init__(self, key: str, op: str, values: Iterable[str] = ()) -> None:
        self.key = key
        self.op = op
        self.values = tuple(values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Requirement):
            return NotImplemented
        return (self.key, self.op, self.values) == (other.key, other.op, other.values)

    def __hash__(self) -> int:
        return hash((self.key, self.op, self.values))

    def __repr__(self) -> str:
        return f"Requirement({self.key!r}, {self.op!r}, {self.values!r})"

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Requirement.Matches."""
        op, present = self.op, self.key in labels
        if op in ("in", "=", "=="):
            return present and labels[self.key] in self.values
        if op in ("notin", "!="):
            return not present or labels[self.key] not in self.values
        if op == "exists":
            return present
        if op == "!":
            return not present
        return present and _compare(op, labels[self.key], self.values)

    def __str__(self) -> str:
        """Requirement.String (values sorted)."""
        head = ("!" if self.op == "!" else "") + self.key
        if self.op in ("exists", "!"):
            return head
        vals = ",".join(sorted(self.values))
        if self.op in ("in", "notin"):
            return f"{head} {self.op} ({vals})"
        sym = {"gt": ">", "lt": "<"}.get(self.op, self.op)
        return f"{head}{sym}{vals}"


def _compare(op: str, value: str, values: tuple[str, ...]) -> bool:
    lhs, rhs = _go_int(value), _go_int(values[0]) if values else None
    if lhs is None or rhs is None:
        return False
    return lhs > rhs if op == "gt" else lhs < rhs


class Selector:
    """labels.Selector: AND of requirements; ``nothing`` matches no object at all."""

    __slots__ = ("nothing", "requirements")

    def __init__(self, requirements: Iterable[Requirement] = (), nothing: bool = False) -> None:
        self.requirements = tuple(requirements)
        self.nothing = nothing

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Selector):
            return NotImplemented
        return (self.requirements, self.nothing) == (other.requirements, other.nothing)

    def __hash__(self) -> int:
        return hash((self.requirements, self.nothing))

    def __repr__(self) -> str:
        return "Selector(<nothing>)" if self.nothing else f"Selector({str(self)!r})"

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        """Selector.Matches: every requirement holds (never for Nothing)."""
        if self.nothing:
            return False
        lbl = labels or {}
        return all(r.matches(lbl) for r in self.requirements)

    def empty(self) -> bool:
        """Selector.Empty(): True for Everything (not for Nothing)."""
        return not self.nothing and not self.requirements

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


EVERYTHING = Selector()
NOTHING = Selector(nothing=True)


def new_requirement(key: str, op: str, values: Iterable[str], path: str = "") -> Requirement:
    """labels.NewRequirement; raises SelectorError with upstream's aggregated message."""
    vals = list(values)
    errs: list[str] = []
    key_errs = is_qualified_name(key)
    if key_errs:
        errs.append(f"{_child(path, 'key')}: Invalid value: {go_quote(key)}: {'; '.join(key_errs)}")
    errs.extend(_value_count_errors(op, vals, _child(path, "values")))
    for i, v in enumerate(vals):
        v_errs = is_valid_label_value(v)
        if v_errs:
            vpath = f"{_child(path, 'values')}[{i}][{key}]"
            errs.append(f"{vpath}: Invalid value: {go_quote(v)}: {'; '.join(v_errs)}")
    if errs:
        uniq = list(dict.fromkeys(errs))
        raise SelectorError(uniq[0] if len(uniq) == 1 else "[" + ", ".join(uniq) + "]")
    return Requirement(key, op, tuple(vals))


def _child(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _value_count_errors(op: str, vals: list[str], vpath: str) -> list[str]:
    """The operator/value-count rules of NewRequirement (values rendered as JSON)."""
    shown = json.dumps(vals, separators=(",", ":"), ensure_ascii=False) if vals else "null"
    if op in ("in", "notin") and not vals:
        msg = "for 'in', 'notin' operators, values set can't be empty"
    elif op in ("=", "==", "!=") and len(vals) != 1:
        msg = "exact-match compatibility requires one single value"
    elif op in ("exists", "!") and vals:
        msg = "values set must be empty for exists and does not exist"
    elif op in ("gt", "lt"):
        errs = (
            []
            if len(vals) == 1
            else [
                f"{vpath}: Invalid value: {shown}: "
                "for 'Gt', 'Lt' operators, exactly one value is required"
            ]
        )
        bad = "for 'Gt', 'Lt' operators, the value must be an integer"
        return errs + [
            f"{vpath}[{i}]: Invalid value: {go_quote(v)}: {bad}"
            for i, v in enumerate(vals)
            if _go_int(v) is None
        ]
    else:
        return []
    return [f"{vpath}: Invalid value: {shown}: {msg}"]


def _go_int(text: str) -> int | None:
    """strconv.ParseInt(text, 10, 64), or None."""
    if not _INT_RE.fullmatch(text):
        return None
    value = int(text)
    return value if -(2**63) <= value < 2**63 else None


_OPS = {"in": "in", "notin": "notin", "=": "=", "==": "==", "!=": "!=", ">": "gt", "<": "lt"}
_SPECIAL = frozenset("=!(),><")
_SYMBOLS = ("!=", "==", "=", "!", "(", ")", ",", ">", "<")
_BINARY_OPS = "in, notin, =, ==, !=, gt, lt"


def _lex(text: str) -> list[tuple[str, str]]:
    """labels Lexer: (kind, literal) tokens; kind is 'id', 'end', 'err' or the symbol/keyword."""
    toks: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            toks.append(("end", ""))
            return toks
        if text[i] in _SPECIAL:
            j = i
            while j < n and text[j] in _SPECIAL:
                j += 1
            sym = next((s for s in _SYMBOLS if text.startswith(s, i) and i + len(s) <= j), None)
            if sym is None:
                toks.append(("err", f"error expected: keyword found '{text[i:j]}'"))
                i = j
            else:
                toks.append((sym, sym))
                i += len(sym)
            continue
        j = i
        while j < n and text[j] not in _SPECIAL and text[j] not in " \t\r\n":
            j += 1
        word = text[i:j]
        toks.append((word if word in ("in", "notin") else "id", word))
        i = j


class _Parser:
    """labels Parser: recursive descent over the token list (errors match upstream)."""

    def __init__(self, text: str) -> None:
        self.toks = _lex(text)
        self.pos = 0

    def peek(self, values: bool = True) -> tuple[str, str]:
        """The next token (``in``/``notin`` read as identifiers in value context)."""
        kind, lit = self.toks[self.pos]
        return ("id" if values and kind in ("in", "notin") else kind), lit

    def take(self, values: bool = True) -> tuple[str, str]:
        """Consume and return the next token."""
        tok = self.peek(values)
        self.pos += 1
        return tok

    def parse(self) -> list[Requirement]:
        """Parser.parse: comma-separated requirements."""
        reqs: list[Requirement] = []
        while True:
            kind, lit = self.peek()
            if kind == "end":
                return reqs
            if kind not in ("id", "!"):
                raise SelectorError(f"found '{lit}', expected: !, identifier, or 'end of string'")
            try:
                reqs.append(self.requirement())
            except SelectorError as e:
                raise SelectorError(f"unable to parse requirement: {e.message}") from None
            kind, lit = self.take()
            if kind == "end":
                return reqs
            if kind != ",":
                raise SelectorError(f"found '{lit}', expected: ',' or 'end of string'")
            kind2, lit2 = self.peek()
            if kind2 not in ("id", "!"):
                raise SelectorError(f"found '{lit2}', expected: identifier after ','")

    def requirement(self) -> Requirement:
        """Parser.parseRequirement."""
        negate = self.peek()[0] == "!"
        if negate:
            self.take()
        kind, key = self.take()
        if kind != "id":
            raise SelectorError(f"found '{key}', expected: identifier")
        errs = is_qualified_name(key)
        if errs:
            raise SelectorError(f"<nil>: Invalid value: {go_quote(key)}: {'; '.join(errs)}")
        if self.peek()[0] in ("end", ","):
            return new_requirement(key, "!" if negate else "exists", [])
        if negate:
            return new_requirement(
                key, "!", []
            )  # upstream: DoesNotExist, trailing tokens then fail
        kind, lit = self.take(values=False)
        if kind not in _OPS:
            raise SelectorError(f"found '{lit}', expected: {_BINARY_OPS}")
        op = _OPS[kind]
        vals = self.set_values() if op in ("in", "notin") else self.exact_value()
        return new_requirement(key, op, sorted(vals))

    def set_values(self) -> set[str]:
        """Parser.parseValues: ``(a,b)``."""
        kind, lit = self.take()
        if kind != "(":
            raise SelectorError(f"found '{lit}' expected: '('")
        kind, lit = self.peek()
        if kind == ")":
            self.take()
            return {""}
        if kind not in ("id", ","):
            raise SelectorError(f"found '{lit}', expected: ',', ')' or identifier")
        vals = self.identifiers()
        if self.take()[0] != ")":
            raise SelectorError(f"found '{lit}', expected: ')'")
        return vals

    def identifiers(self) -> set[str]:
        """Parser.parseIdentifiersList."""
        vals: set[str] = set()
        while True:
            kind, lit = self.take()
            if kind == "id":
                vals.add(lit)
                kind2, lit2 = self.peek()
                if kind2 == ")":
                    return vals
                if kind2 != ",":
                    raise SelectorError(f"found '{lit2}', expected: ',' or ')'")
            elif kind == ",":
                if not vals:
                    vals.add("")
                kind2 = self.peek()[0]
                if kind2 == ")":
                    vals.add("")
                    return vals
                if kind2 == ",":
                    self.take()
                    vals.add("")
            else:
                raise SelectorError(f"found '{lit}', expected: ',', or identifier")

    def exact_value(self) -> set[str]:
        """Parser.parseExactValue."""
        if self.peek()[0] in ("end", ","):
            return {""}
        kind, lit = self.take()
        if kind == "id":
            return {lit}
        raise SelectorError(f"found '{lit}', expected: identifier")


def parse_selector(text: str) -> Selector:
    """labels.Parse (kubectl ``-l``); raises SelectorError with upstream's message."""
    reqs = _Parser(text).parse()
    return Selector(tuple(sorted(reqs, key=lambda r: r.key)))


def couldnt_parse(text: str, err: SelectorError) -> SelectorError:
    """metav1.ParseToLabelSelector's wrapping of a parse error."""
    return SelectorError(f'couldn\'t parse the selector string "{text}": {err.message}')


def list_selector_error(resource: str, label_selector: str, err: SelectorError) -> BadRequestError:
    """The BadRequest kubectl shows when the server rejects ``-l`` (cli-runtime Selector.Visit).

    ``resource`` is the GroupVersionResource string, e.g. ``/v1, Resource=pods`` or
    ``apps/v1, Resource=deployments``.  (unverified: server-side wording of the inner error)
    """
    return BadRequestError(
        f'Unable to find "{resource}" that match label selector "{label_selector}", '
        f'field selector "": {err.message}'
    )


_LS_OPS = {"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!"}
_LS_OP_NAMES = {v: k for k, v in _LS_OPS.items()}


def parse_to_label_selector(text: str) -> dict[str, Any]:
    """metav1.ParseToLabelSelector: a selector string as a LabelSelector (``k=v`` and ``k==v``
    go to matchLabels, the rest to matchExpressions in key order); ``!=``, ``gt`` and ``lt``
    have no LabelSelector form."""
    try:
        reqs = parse_selector(text).requirements
    except SelectorError as e:
        raise couldnt_parse(text, e) from None
    match_labels: dict[str, str] = {}
    exprs: list[dict[str, Any]] = []
    for r in reqs:
        if r.op in ("=", "=="):
            match_labels[r.key] = r.values[0]
        elif r.op in ("gt", "lt"):
            raise SelectorError(f'"{r.op}" isn\'t supported in label selectors')
        elif r.op not in _LS_OP_NAMES:
            raise SelectorError(f"{go_quote(r.op)} is not a valid label selector operator")
        else:
            values = sorted(set(r.values))
            exprs.append({"key": r.key, "operator": _LS_OP_NAMES[r.op], "values": values})
    return {"matchLabels": match_labels, "matchExpressions": exprs}


def from_label_selector(ls: Mapping[str, Any] | None) -> Selector:
    """metav1.LabelSelectorAsSelector: None matches nothing, ``{}`` matches everything."""
    if ls is None:
        return NOTHING
    match_labels: Mapping[str, Any] = ls.get("matchLabels") or {}
    exprs: list[Mapping[str, Any]] = ls.get("matchExpressions") or []
    if not match_labels and not exprs:
        return EVERYTHING
    reqs = [new_requirement(str(k), "=", [str(v)]) for k, v in match_labels.items()]
    for e in exprs:
        op = _LS_OPS.get(str(e.get("operator")))
        if op is None:
            raise SelectorError(
                f"{go_quote(str(e.get('operator') or ''))} is not a valid label selector operator"
            )
        reqs.append(
            new_requirement(str(e.get("key") or ""), op, [str(v) for v in e.get("values") or []])
        )
    return Selector(tuple(sorted(reqs, key=lambda r: r.key)))


def selector_from_set(labels: Mapping[str, str] | None) -> Selector:
    """labels.SelectorFromSet (Service selectors): empty/None matches everything."""
    reqs = [Requirement(k, "=", (v,)) for k, v in sorted((labels or {}).items())]
    return Selector(tuple(reqs))


def format_label_selector(ls: Mapping[str, Any] | None) -> str:
    """metav1.FormatLabelSelector: ``k=v,k2 in (a,b)``, ``<none>`` if empty, ``<error>`` if bad."""
    try:
        text = str(from_label_selector(ls))
    except SelectorError:
        return "<error>"
    return text or "<none>"


def format_labels(labels: Mapping[str, str] | None) -> str:
    """labels.FormatLabels: sorted ``k=v`` joined by ``,``; ``<none>`` when empty."""
    text = ",".join(f"{k}={v}" for k, v in sorted((labels or {}).items()))
    return text or "<none>"
