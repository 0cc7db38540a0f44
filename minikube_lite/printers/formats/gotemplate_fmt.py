"""Go's fmt for template values (fmt/print.go, fmt/format.go): Sprint, Sprintln, Sprintf.

Values are decoded JSON (str, int=int64, float=float64, bool, None=nil, dict, list) plus the
template's own literal types (``GoInt`` = Go ``int``, ``GoByte`` = ``uint8``).  Maps and slices
format element by element with the same verb, as fmt does.
"""

from __future__ import annotations

import math

from minikube_lite.api.patch.govalue import go_float, go_quote
from minikube_lite.printers.formats.gotemplate_nodes import GoInt

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class GoByte(int):
    """A byte from indexing a string (Go ``uint8``)."""

    __slots__ = ()


def type_name(v: Any) -> str:
    """reflect.TypeOf(v).String() (``<nil>`` for nil)."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, GoInt):
        return "int"
    if isinstance(v, GoByte):
        return "uint8"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    return type(v).__name__


def sprint(*args: Any) -> str:
    """fmt.Sprint: a space between operands when neither is a string."""
    out: list[str] = []
    for i, a in enumerate(args):
        if i and not isinstance(a, str) and not isinstance(args[i - 1], str):
            out.append(" ")
        out.append(fmt_v(a))
    return "".join(out)


def sprintln(*args: Any) -> str:
    return " ".join(fmt_v(a) for a in args) + "\n"


def fmt_v(v: Any) -> str:
    return _Spec("v").format(v)


class _Spec:
    __slots__ = ("minus", "plus", "prec", "sharp", "space", "verb", "width", "zero")

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.minus = self.plus = self.sharp = self.zero = self.space = False
        self.width: int | None = None
        self.prec: int | None = None

    def pad(self, s: str, numeric: bool = False) -> str:
        if self.width is None or len(s) >= self.width:
            return s
        fill = self.width - len(s)
        if self.minus:
            return s + " " * fill
        if self.zero:
            if numeric and s[:1] in "+- ":
                return s[0] + "0" * fill + s[1:]
            return "0" * fill + s
        return " " * fill + s

    def bad(self, v: Any) -> str:
        """badVerb: the value as ``%v`` with this verb's flags and width."""
        if v is None:
            return f"%!{self.verb}(<nil>)"
        as_v = _Spec("v")
        as_v.minus, as_v.plus, as_v.sharp = self.minus, self.plus, self.sharp
        as_v.zero, as_v.space, as_v.width, as_v.prec = self.zero, self.space, self.width, self.prec
        return f"%!{self.verb}({type_name(v)}={as_v.format(v)})"

    def format(self, v: Any) -> str:
        verb = self.verb
        if v is None:
            return self.pad("<nil>") if verb == "v" else self.bad(v)
        if isinstance(v, dict):
            if verb == "v" and self.sharp:
                return _sharp(v)
            items = " ".join(f"{self.format(k)}:{self.format(v[k])}" for k in sorted(v))
            return "map[" + items + "]"
        if isinstance(v, list):
            if verb == "v" and self.sharp:
                return _sharp(v)
            return "[" + " ".join(self.format(x) for x in v) + "]"
        if isinstance(v, bool):
            if verb in "vt":
                return self.pad("true" if v else "false")
            return self.bad(v)
        if isinstance(v, int):
            return self.integer(v)
        if isinstance(v, float):
            return self.floating(v)
        if isinstance(v, str):
            return self.string(v)
        return self.pad(str(v))

    def string(self, s: str) -> str:
        verb = self.verb
        if self.prec is not None and verb in "svqxX":
            s = s[: self.prec]
        if verb in "sv":
            return self.pad(go_quote(s) if self.sharp and verb == "v" else s)
        if verb == "q":
            if self.sharp and "`" not in s and all(c.isprintable() or c == "\t" for c in s):
                return self.pad("`" + s + "`")
            return self.pad(go_quote(s))
        if verb in "xX":
            data = s.encode()
            pre = ("0X" if verb == "X" else "0x") if self.sharp else ""
            h = [f"{b:02X}" if verb == "X" else f"{b:02x}" for b in data]
            text = (" ".join(pre + x for x in h)) if self.space else pre + "".join(h)
            return self.pad(text)
        return self.bad(s)

    def integer(self, n: int) -> str:  # noqa: C901 - one case per integer verb
        verb = self.verb
        if verb in "vd":
            digits = str(abs(n))
        elif verb == "b":
            digits = format(abs(n), "b")
        elif verb in "oO":
            digits = format(abs(n), "o")
        elif verb == "x":
            digits = format(abs(n), "x")
        elif verb == "X":
            digits = format(abs(n), "X")
        elif verb == "c":
            return self.pad(chr(n) if 0 <= n <= 0x10FFFF else "\ufffd")
        elif verb == "q":
            return self.pad("'" + go_quote(chr(n))[1:-1].replace("'", "\\'") + "'")
        elif verb == "U":
            return self.pad(f"U+{n:04X}")
        elif verb in "eEfFgG":
            return self.bad(n)
        else:
            return self.bad(n)
        if self.prec is not None:
            digits = digits.rjust(self.prec, "0")
            if self.prec == 0 and n == 0:
                digits = ""
        if self.sharp or verb == "O":
            digits = {"o": "0", "O": "0o", "x": "0x", "X": "0X", "b": ""}.get(verb, "") + digits
        sign = "-" if n < 0 else "+" if self.plus else " " if self.space else ""
        if self.zero and self.prec is None and not self.minus:
            return self.pad(sign + digits, numeric=True) if sign else self.pad(digits)
        saved, self.zero = self.zero, False
        try:
            return self.pad(sign + digits)
        finally:
            self.zero = saved

    def floating(self, f: float) -> str:
        verb = self.verb
        if verb in "xX":
            return self.pad(_hex_float(f, verb == "X"), numeric=True)
        if verb not in "veEfFgG":
            return self.bad(f)
        if verb == "v" and self.prec is not None:
            verb = "g"
        if verb == "v" or (verb in "gG" and self.prec is None):
            text = go_float(f)
            if verb == "G":
                text = text.upper()
        else:
            prec = 6 if self.prec is None else self.prec
            text = f"%.{prec}{verb}" % f
            if text in ("inf", "-inf", "nan", "INF", "-INF", "NAN"):
                text = go_float(f)
        if self.plus and not text.startswith("-"):
            text = "+" + text
        elif self.space and not text.startswith("-"):
            text = " " + text
        return self.pad(text, numeric=True)


def _hex_float(f: float, upper: bool) -> str:
    """strconv's 'x' format, shortest: 0x1.cp+01."""
    if math.isinf(f) or math.isnan(f):
        return go_float(f)
    text = f.hex()  # [-]0x1.c000000000000p+1
    sign = "-" if text.startswith("-") else ""
    mant, _, exp = text.lstrip("-")[2:].partition("p")
    mant = mant.rstrip("0").rstrip(".")
    e = int(exp)
    out = f"{sign}0x{mant}p{'-' if e < 0 else '+'}{abs(e):02d}"
    return out.upper() if upper else out


def _sharp(v: Any) -> str:
    if isinstance(v, dict):
        body = ", ".join(f"{go_quote(k)}:{_sharp(v[k])}" for k in sorted(v))
        return "map[string]interface {}{" + body + "}"
    if isinstance(v, list):
        return "[]interface {}{" + ", ".join(_sharp(x) for x in v) + "}"
    if v is None:
        return "interface {}(nil)"
    if isinstance(v, str):
        return go_quote(v)
    return fmt_v(v)


class _Printf:
    """One Sprintf: the format, the arguments and the argument cursor (``[n]`` moves it)."""

    def __init__(self, fmt: str, args: list[Any]) -> None:
        self.fmt, self.args = fmt, args
        self.i = self.argi = 0
        self.reordered = False
        self.bad_index = False

    def index(self) -> None:
        """An explicit ``[n]`` argument index, if one is here."""
        fmt, i = self.fmt, self.i
        if i >= len(fmt) or fmt[i] != "[":
            return
        j = fmt.find("]", i)
        self.reordered = True
        if j < 0 or not fmt[i + 1 : j].isdigit() or not 0 < int(fmt[i + 1 : j]) <= len(self.args):
            self.bad_index = True
            self.i = j + 1 if j >= 0 else len(fmt)
            return
        self.argi = int(fmt[i + 1 : j]) - 1
        self.i = j + 1

    def number(self) -> tuple[int | None, bool]:
        """A width or precision: digits, or ``*`` taking an int argument (ok False if not)."""
        fmt = self.fmt
        self.index()
        if self.i < len(fmt) and fmt[self.i] == "*":
            self.i += 1
            if self.argi < len(self.args):
                v = self.args[self.argi]
                self.argi += 1
                if isinstance(v, int) and not isinstance(v, bool):
                    return int(v), True
            return None, False
        j = self.i
        while self.i < len(fmt) and fmt[self.i].isdigit():
            self.i += 1
        return (int(fmt[j : self.i]) if self.i > j else None), True

    def spec(self, out: list[str]) -> _Spec:
        """The flags, width and precision after a ``%``."""
        spec = _Spec("")
        fmt = self.fmt
        while self.i < len(fmt) and fmt[self.i] in "#0+- ":
            c = fmt[self.i]
            spec.sharp |= c == "#"
            spec.zero |= c == "0"
            spec.plus |= c == "+"
            spec.minus |= c == "-"
            spec.space |= c == " "
            self.i += 1
        spec.width, ok = self.number()
        if not ok:
            out.append("%!(BADWIDTH)")
        elif spec.width is not None and spec.width < 0:
            spec.minus, spec.width = True, -spec.width
        if self.i < len(fmt) and fmt[self.i] == ".":
            self.i += 1
            spec.prec, ok = self.number()
            if not ok or (spec.prec is not None and spec.prec < 0):
                out.append("%!(BADPREC)")
                spec.prec = None
            elif spec.prec is None:
                spec.prec = 0
        self.index()
        return spec

    def run(self) -> str:
        out: list[str] = []
        fmt, n = self.fmt, len(self.fmt)
        while self.i < n:
            j = fmt.find("%", self.i)
            if j < 0:
                out.append(fmt[self.i :])
                break
            out.append(fmt[self.i : j])
            self.i = j + 1
            self.bad_index = False
            spec = self.spec(out)
            if self.i >= n:
                out.append("%!(NOVERB)")
                break
            verb = fmt[self.i]
            self.i += 1
            if verb == "%":
                out.append("%")
                continue
            out.append(self.verb(spec, verb))
        if not self.reordered and self.argi < len(self.args):
            extra = ", ".join(
                "<nil>" if a is None else f"{type_name(a)}={fmt_v(a)}"
                for a in self.args[self.argi :]
            )
            out.append(f"%!(EXTRA {extra})")
        return "".join(out)

    def verb(self, spec: _Spec, verb: str) -> str:
        spec.verb = verb
        if verb == "v":
            spec.plus = False  # %+v is "with field names", not a sign
        if self.bad_index:
            return f"%!{verb}(BADINDEX)"
        if self.argi >= len(self.args):
            return f"%!{verb}(MISSING)"
        arg = self.args[self.argi]
        self.argi += 1
        if verb == "T":
            return spec.pad(type_name(arg))
        if verb not in "vdbcoOqxXUeEfFgGst":
            return spec.bad(arg)
        return spec.format(arg)


def sprintf(fmt: str, args: list[Any]) -> str:
    """fmt.Sprintf with Go's error forms (%!d(string=x), %!v(MISSING), %!(EXTRA ...))."""
    return _Printf(fmt, args).run()
