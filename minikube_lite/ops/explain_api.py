"""``explain TYPE[.FIELD...] [--recursive]``: the fields of the kinds mkl serves, with types.

kubectl explain renders the server's OpenAPI v3 document through its ``plaintext`` template
(``pkg/explain/v2/templates/plaintext.tmpl``); here the document is the struct table of
``api/schema.py`` with the descriptions of ``api/field_docs.py``, rendered in the same layout:
GROUP/KIND/VERSION, ``FIELD: name <type>`` (with ``ENUM:``), ``DESCRIPTION:`` wrapped at 76
columns, ``FIELDS:`` sorted by name with ``-required-`` and ``enum:``, one line per field and nested
fields indented two spaces under ``--recursive``.  Text is wrapped as the template's ``wrap``
does (go-wordwrap: long words kept whole, line breaks kept).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import field_docs, field_types, kinds, schema
from minikube_lite.ops import options
from minikube_lite.records import dataclass

_SCALARS = {"s": "string", "i32": "integer", "i64": "integer", "b": "boolean", "t": "string"}
_NAMED = {
    "io": "IntOrString",
    "q": "Quantity",
    "by": "string",
    "any": "Object",
    "map": "map[string]string",
    "qmap": "map[string]Quantity",
    "bymap": "map[string]string",
}
NO_TYPE = (
    'You must specify the type of resource to explain. Use "{prog} api-resources" for a '
    "complete list of supported resources."
)


def type_guess(typ: str) -> str:
    """The template's typeGuess: ``integer``, ``[]Container``, ``map[string]string``, ..."""
    if typ.startswith("[]"):
        return "[]" + type_guess(typ[2:])
    if typ.startswith("@"):
        return "string"
    return _SCALARS.get(typ) or _NAMED.get(typ) or typ


def struct_of(typ: str) -> str | None:
    """The struct whose fields a value of ``typ`` has (list items included), if any."""
    while typ.startswith("[]"):
        typ = typ[2:]
    return typ if typ in schema._RAW or typ in field_types.STRUCTS else None


def fields(struct: str) -> dict[str, str]:
    """A struct's fields and their types: api/schema.py's, with the loosely decoded ones
    (``any``) given their explain types from api/field_docs.py."""
    raw = field_types.STRUCTS.get(struct)
    if raw is not None:
        return {n: t or "s" for n, _, t in (item.partition(":") for item in raw.split())}
    out = dict(schema.fields_of(struct))
    for name in out:
        out[name] = field_types.TYPE_OF.get(f"{struct}.{name}", out[name])
    return out


def wrap(text: str, width: int) -> str:
    """The template's ``wrap`` (kubectl 1.37): go-wordwrap's WrapString, which ends a line before
    the word that would pass ``width``, keeps a longer word whole and keeps line breaks."""
    return wrap_string(text, width)


def wrap_string(s: str, lim: int) -> str:  # port of go-wordwrap WrapString
    """Port of WrapString (mitchellh/go-wordwrap): spaces before a break are dropped."""
    out: list[str] = []
    current = 0
    word: list[str] = []
    space: list[str] = []
    for ch in s:
        if ch == "\n":
            if not word:
                if current + len(space) <= lim:
                    out.extend(space)
            else:
                out.extend(space)
                out.extend(word)
                word = []
            space = []
            out.append(ch)
            current = 0
        elif ch.isspace() and ch != "\u00a0":
            if not space or word:
                current += len(space) + len(word)
                out.extend(space)
                out.extend(word)
                space, word = [], []
            space.append(ch)
        else:
            word.append(ch)
            if current + len(space) + len(word) > lim and len(word) < lim:
                out.append("\n")
                current = 0
                space = []
    if not word:
        if current + len(space) <= lim:
            out.extend(space)
    else:
        out.extend(space)
        out.extend(word)
    return "".join(out)


def indent(text: str, n: int) -> str:
    """sprig's indent: every line (also the one after a final newline) gets ``n`` spaces."""
    pad = " " * n
    return pad + text.replace("\n", "\n" + pad)


def _enum_short(key: str, ind: int) -> str:
    values = field_types.ENUMS.get(key)
    if not values:
        return ""
    shown = ", ".join(v or '""' for v in values[:4]) + (", ...." if len(values) > 4 else "")
    return "\n" + " " * ind + "enum: " + shown


def field_detail(struct: str, name: str, level: int, short: bool) -> str:
    """The template's fieldDetail: ``name\\t<type>`` (``-required-``, ``enum:``), then the
    description unless ``short``."""
    ind = level * 2
    key = f"{struct}.{name}"
    typ = fields(struct)[name]
    text = " " * ind + f"{name}\t<{type_guess(typ)}>"
    text += " -required-" if key in field_types.REQUIRED else ""
    text += _enum_short(key, ind) + "\n"
    if not short:
        desc = field_docs.field(struct, name) or "<no description>"
        text += indent(wrap(desc, 78 - ind), ind + 2) + "\n\n"
    return text


def field_list(struct: str, level: int, recursive: bool, seen: frozenset[str]) -> str:
    """The template's fieldList: every field, sorted; under ``--recursive`` each field's own
    fields follow one level deeper (a struct already on the path is not entered again)."""
    out: list[str] = []
    table = fields(struct)
    for name in sorted(table):
        out.append(field_detail(struct, name, level, recursive))
        sub = struct_of(table[name]) if recursive else None
        if sub is not None and sub not in seen:
            out.append(field_list(sub, level + 1, True, seen | {sub}))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class ExplainOptions:
    """Port of ExplainOptions (cmd/explain/explain.go) after Complete."""

    args: tuple[str, ...]
    recursive: bool
    api_version: str
    prog: str

    @classmethod
    def complete(cls, flags: options.Flags, prog: str) -> ExplainOptions:
        return cls(
            args=tuple(flags.args),
            recursive=bool(flags.flag("recursive")),
            api_version=str(flags.flag("api-version") or ""),
            prog=prog,
        )

    def validate(self) -> list[errors.MklError]:
        """Port of ExplainOptions.Validate."""
        if not self.args:
            return [errors.MklError(NO_TYPE.format(prog=self.prog))]
        if len(self.args) > 1:
            return [errors.MklError("We accept only this format: explain RESOURCE")]
        return []

    def run(self) -> ExplainResult:
        """The explanation of ``TYPE[.FIELD...]``: the text, and the error that cut it short (the
        template has printed the GROUP/KIND/VERSION head when it finds a field missing)."""
        resource, *path = self.args[0].split(".")
        k = kinds.lookup(resource)
        if k is None or (self.api_version and self.api_version != k.api_version):
            # kubectl prints the RESTMapper's error without its "error: " prefix
            raise errors.PlainError(f'the server doesn\'t have a resource type "{resource}"')
        head = f"GROUP:      {k.group}\n" if k.group else ""
        head += f"KIND:       {k.kind}\nVERSION:    {k.version}\n\n"
        try:
            return ExplainResult(head + explain_path(k.kind, path, self.recursive) + "\n", None)
        except errors.MklError as e:
            return ExplainResult(head, e)


@dataclass(frozen=True, slots=True)
class ExplainResult:
    text: str
    error: errors.MklError | None


def explain_path(kind: str, path: list[str], recursive: bool) -> str:
    """The template's ``output``: follow ``path`` from the kind's struct, then describe what it
    reaches (FIELD line, DESCRIPTION, FIELDS)."""
    struct: str | None = kind
    owner, typ = kind, kind
    for name in path:
        table = fields(struct) if struct is not None else {}
        if name not in table:
            raise errors.MklError(f'field "{name}" does not exist')
        owner, typ = str(struct), table[name]
        struct = struct_of(typ)
    if path:
        key = f"{owner}.{path[-1]}"
        text = f"FIELD: {path[-1]} <{type_guess(typ)}>\n"
        values = field_types.ENUMS.get(key)
        if values:
            text += "ENUM:" + "".join(f"\n    {v or chr(34) * 2}" for v in values)
        text += "\n\n"
        parts = [field_docs.field(owner, path[-1]), field_docs.TYPES.get(struct or "", "")]
    else:
        text, parts = "", [field_docs.KINDS.get(kind, "")]
    desc = "".join(p + "\n" for p in parts if p) or "<empty>"
    text += "DESCRIPTION:\n" + indent(wrap(desc, 76), 4) + "\n"
    if struct is not None:
        text += "FIELDS:\n" + field_list(struct, 1, recursive, frozenset({struct}))
    return text
