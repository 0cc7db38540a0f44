"""encoding/json's syntax errors, for ``kubectl patch --type json`` given invalid JSON.

kubectl hands text that starts with ``{`` to json.Unmarshal untouched, so a typo there is reported
with Go's scanner message (``invalid character 'x' looking for beginning of value``).  This is a
small validator that stops at the first error the way encoding/json's scanner does.
"""

from __future__ import annotations

from minikube_lite.api import limits
from minikube_lite.api.patch.govalue import go_quote

_DIGITS = "0123456789"


class _GoSyntaxError(Exception):
    """json.SyntaxError."""


def go_json_error(text: str) -> str:
    """encoding/json's syntax error text for invalid JSON (``invalid character ...``)."""
    try:
        end = _scan_value(text, _skip_ws(text, 0), "looking for beginning of value")
        end = _skip_ws(text, end)
        if end < len(text):
            raise _bad(text[end], "after top-level value")
    except _GoSyntaxError as e:
        return str(e)
    except IndexError:
        return "unexpected end of JSON input"
    return "unexpected end of JSON input"


def _bad(c: str, context: str) -> _GoSyntaxError:
    """``invalid character <quoteChar(c)> <context>``."""
    quoted = "'\\''" if c == "'" else "'\"'" if c == '"' else "'" + go_quote(c)[1:-1] + "'"
    return _GoSyntaxError(f"invalid character {quoted} {context}")


def _skip_ws(t: str, i: int) -> int:
    """Skip the four JSON whitespace characters."""
    while i < len(t) and t[i] in " \t\r\n":
        i += 1
    return i


def _scan_value(t: str, i: int, context: str, depth: int = 0) -> int:
    """One JSON value starting at i; returns the index after it."""
    c = t[i]
    if c in "{[" and depth >= limits.MAX_DEPTH:
        raise _bad(c, "exceeded max depth")  # encoding/json's limit is 10000; mkl's is lower
    if c == "{":
        return _scan_container(t, i, "}", "after object key:value pair", depth + 1)
    if c == "[":
        return _scan_container(t, i, "]", "after array element", depth + 1)
    if c == '"':
        return _scan_string(t, i)
    if c == "-" or c in _DIGITS:
        return _scan_number(t, i)
    for word in ("true", "false", "null"):
        if c == word[0]:
            for j, want in enumerate(word[1:], 1):
                if t[i + j] != want:
                    raise _bad(t[i + j], f"in literal {word} (expecting '{want}')")
            return i + len(word)
    raise _bad(c, context)


def _scan_container(t: str, i: int, close: str, after_item: str, depth: int) -> int:
    """An object or array: items separated by commas."""
    is_obj = close == "}"
    i = _skip_ws(t, i + 1)
    if t[i] == close:
        return i + 1
    while True:
        if is_obj:
            if t[i] != '"':
                raise _bad(t[i], "looking for beginning of object key string")
            i = _skip_ws(t, _scan_string(t, i))
            if t[i] != ":":
                raise _bad(t[i], "after object key")
            i = _skip_ws(t, i + 1)
        i = _skip_ws(t, _scan_value(t, i, "looking for beginning of value", depth))
        if t[i] == close:
            return i + 1
        if t[i] != ",":
            raise _bad(t[i], after_item)
        i = _skip_ws(t, i + 1)


def _scan_string(t: str, i: int) -> int:
    """A string literal starting at the quote at i (stateInString and its escapes)."""
    i += 1
    while True:
        c = t[i]
        if c == '"':
            return i + 1
        if c == "\\":
            e = t[i + 1]
            if e == "u":
                for h in t[i + 2 : i + 6].ljust(4, "\0")[:4]:
                    if h not in "0123456789abcdefABCDEF":
                        if h == "\0" and i + 6 > len(t):
                            raise IndexError
                        raise _bad(h, "in \\u hexadecimal character escape")
                i += 6
                continue
            if e not in '"\\/bfnrt':
                raise _bad(e, "in string escape code")
            i += 2
            continue
        if ord(c) < 0x20:
            raise _bad(c, "in string literal")
        i += 1


def _scan_number(t: str, i: int) -> int:
    """A number literal (stateNeg, state0, state1, stateDot, stateE)."""
    if t[i] == "-":
        i += 1
        if t[i] not in _DIGITS:
            raise _bad(t[i], "in numeric literal")
    if t[i] == "0":
        i += 1
    else:
        while i < len(t) and t[i] in _DIGITS:
            i += 1
    if i < len(t) and t[i] == ".":
        i += 1
        if t[i] not in _DIGITS:
            raise _bad(t[i], "after decimal point in numeric literal")
        while i < len(t) and t[i] in _DIGITS:
            i += 1
    if i < len(t) and t[i] in "eE":
        i += 1
        if i < len(t) and t[i] in "+-":
            i += 1
        if t[i] not in _DIGITS:
            raise _bad(t[i], "in exponent of numeric literal")
        while i < len(t) and t[i] in _DIGITS:
            i += 1
    return i
