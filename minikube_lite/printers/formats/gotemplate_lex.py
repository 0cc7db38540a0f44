"""Go text/template's lexer (text/template/parse/lex.go): the template text to a token list.

Go lexes lazily, so a lexical error after a parse error is never seen; here the whole text is
lexed up front and a lexical error ends the list as an ``ERROR`` token, which the parser reports
only when it reaches it (the same first error wins).
"""

from __future__ import annotations

from minikube_lite.records import dataclass

# token types
ERROR, EOF, TEXT, LDELIM, RDELIM, SPACE = "error", "EOF", "text", "{{", "}}", "space"
BOOL, CHAR, CHARCONST, NUMBER, STRING, RAW = "bool", "char", "charconst", "number", "str", "raw"
FIELD, VARIABLE, IDENT, DOT, NIL = "field", "variable", "ident", "dot", "nil"
ASSIGN, DECLARE, PIPE, LPAREN, RPAREN = "=", ":=", "|", "(", ")"
KEYWORDS = frozenset(
    ("block", "break", "continue", "define", "else", "end", "if", "range", "template", "with")
)
_SPACE = " \t\r\n"


@dataclass(slots=True)
class Token:
    typ: str
    val: str
    pos: int
    line: int

    def __str__(self) -> str:
        """item.String(): how parse errors name a token."""
        if self.typ == EOF:
            return "EOF"
        if self.typ == ERROR:
            return self.val
        if self.typ in KEYWORDS or self.typ in (DOT, NIL):  # Go's keyword item types
            return f"<{self.val}>"
        if len(self.val) > 10:
            return quote(self.val[:10]) + "..."
        return quote(self.val)


def quote(s: str) -> str:
    from minikube_lite.api.patch.govalue import go_quote

    return go_quote(s)


def char_name(ch: str) -> str:
    """Go's ``%#U``: U+007D '}'."""
    return f"U+{ord(ch):04X} '{ch}'" if ch.isprintable() else f"U+{ord(ch):04X}"


def _alnum(ch: str) -> bool:
    return ch == "_" or ch.isalnum()


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = self.start = 0
        self.line = self.start_line = 1
        self.tokens: list[Token] = []
        self.paren = 0

    def emit(self, typ: str) -> None:
        val = self.text[self.start : self.pos]
        self.tokens.append(Token(typ, val, self.start, self.start_line))
        self.ignore()

    def ignore(self) -> None:
        self.line += self.text.count("\n", self.start, self.pos)
        self.start, self.start_line = self.pos, self.line

    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.text[i] if i < len(self.text) else ""

    def fail(self, msg: str) -> None:
        self.tokens.append(Token(ERROR, msg, self.start, self.start_line))

    def run(self) -> list[Token]:
        while self.text_part() and self.action():
            pass
        return self.tokens

    def text_part(self) -> bool:
        """lexText + lexLeftDelim (comments skipped); False at the end of input or on error."""
        while True:
            step = self.text_or_comment()
            if step is not None:
                return step

    def text_or_comment(self) -> bool | None:
        """One text run and the delimiter after it; None after a comment (text goes on)."""
        x = self.text.find("{{", self.pos)
        if x < 0:
            self.pos = len(self.text)
            if self.pos > self.start:
                self.emit(TEXT)
            self.tokens.append(Token(EOF, "", self.pos, self.line))
            return False
        trim = _left_trim(self.text, x + 2)
        end = x
        if trim:
            while end > self.start and self.text[end - 1] in _SPACE:
                end -= 1
        if end > self.start:
            self.pos = end
            self.emit(TEXT)
        self.pos = x
        self.ignore()
        after = x + 2 + (2 if trim else 0)
        if self.text.startswith("/*", after):
            return self.comment(after)
        self.pos = x + 2
        self.emit(LDELIM)
        self.pos = after
        self.ignore()
        self.paren = 0
        return True

    def comment(self, at: int) -> bool | None:
        self.pos = at + 2
        x = self.text.find("*/", self.pos)
        if x < 0:
            self.fail("unclosed comment")
            return False
        self.pos = x + 2
        delim, trim = self.at_right_delim()
        if not delim:
            self.fail("comment ends before closing delimiter")
            return False
        self.pos += (2 if trim else 0) + 2
        if trim:
            self.skip_space()
        self.ignore()
        return None

    def skip_space(self) -> None:
        while self.peek() and self.peek() in _SPACE:
            self.pos += 1

    def at_right_delim(self) -> tuple[bool, bool]:
        t, p = self.text, self.pos
        if p + 1 < len(t) and t[p] in _SPACE and t[p + 1] == "-" and t.startswith("}}", p + 2):
            return True, True
        return t.startswith("}}", p), False

    def action(self) -> bool:
        """lexInsideAction up to and including the right delimiter."""
        while True:
            delim, trim = self.at_right_delim()
            if delim:
                if self.paren:
                    self.fail("unclosed left paren")
                    return False
                if trim:
                    self.pos += 2
                    self.ignore()
                self.pos += 2
                self.emit(RDELIM)
                if trim:
                    self.skip_space()
                    self.ignore()
                return True
            if not self.action_token():
                return False

    def action_token(self) -> bool:  # noqa: C901 - one branch per character class, as lex.go
        ch = self.peek()
        if not ch:
            self.fail("unclosed action")
            return False
        if ch in _SPACE:
            return self.space()
        self.pos += 1
        if ch == "=":
            self.emit(ASSIGN)
        elif ch == ":":
            if self.peek() != "=":
                self.fail("expected :=")
                return False
            self.pos += 1
            self.emit(DECLARE)
        elif ch == "|":
            self.emit(PIPE)
        elif ch in "\"`'":
            return self.quoted(ch)
        elif ch == "$":
            return self.field_or_var(VARIABLE)
        elif ch == "." and not ("0" <= self.peek() <= "9" and self.peek()):
            return self.field_or_var(FIELD)
        elif ch in "+-." or "0" <= ch <= "9":
            self.pos -= 1
            return self.number()
        elif _alnum(ch):
            return self.identifier()
        elif ch == "(":
            self.emit(LPAREN)
            self.paren += 1
        elif ch == ")":
            self.paren -= 1
            if self.paren < 0:
                self.fail("unexpected right paren")
                return False
            self.emit(RPAREN)
        elif ch.isascii() and ch.isprintable():
            self.emit(CHAR)
        else:
            self.fail(f"unrecognized character in action: {char_name(ch)}")
            return False
        return True

    def space(self) -> bool:
        while self.peek() and self.peek() in _SPACE:
            if self.peek(1) == "-" and self.text.startswith("}}", self.pos + 2):
                break
            self.pos += 1
        self.emit(SPACE)  # never empty: action() took a " -}}" here as the delimiter
        return True

    def at_terminator(self) -> bool:
        ch = self.peek()
        return not ch or ch in _SPACE or ch in ".,|:()" or self.text.startswith("}}", self.pos)

    def field_or_var(self, typ: str) -> bool:
        if self.at_terminator():
            self.emit(VARIABLE if typ == VARIABLE else DOT)
            return True
        while self.peek() and _alnum(self.peek()):
            self.pos += 1
        if not self.at_terminator():
            self.fail(f"bad character {char_name(self.peek())}")
            return False
        self.emit(typ)
        return True

    def identifier(self) -> bool:
        while self.peek() and _alnum(self.peek()):
            self.pos += 1
        if not self.at_terminator():
            self.fail(f"bad character {char_name(self.peek())}")
            return False
        word = self.text[self.start : self.pos]
        if word in KEYWORDS:
            self.emit(word)
        elif word in ("true", "false"):
            self.emit(BOOL)
        elif word == "nil":
            self.emit(NIL)
        else:
            self.emit(IDENT)
        return True

    def quoted(self, q: str) -> bool:
        while True:
            ch = self.peek()
            self.pos += 1
            if q != "`" and ch == "\\":
                ch = self.peek()
                self.pos += 1
                if ch and ch != "\n":
                    continue
            if not ch or (ch == "\n" and q != "`"):
                what = {'"': "quoted string", "`": "raw quoted string", "'": "character constant"}
                self.fail(f"unterminated {what[q]}")
                return False
            if ch == q:
                break
        self.emit({'"': STRING, "`": RAW, "'": CHARCONST}[q])
        return True

    def number(self) -> bool:
        if not self.scan_number():
            self.pos = max(self.pos, self.start + 1)
            self.fail(f"bad number syntax: {quote(self.text[self.start : self.pos])}")
            return False
        self.emit(NUMBER)
        return True

    def accept(self, chars: str) -> bool:
        if self.peek() and self.peek() in chars:
            self.pos += 1
            return True
        return False

    def accept_run(self, chars: str) -> None:
        while self.accept(chars):
            pass

    def scan_number(self) -> bool:
        self.accept("+-")
        digits, exp = "0123456789_", "eE"
        if self.accept("0"):
            if self.accept("xX"):
                digits, exp = "0123456789abcdefABCDEF_", "pP"
            elif self.accept("oO"):
                digits, exp = "01234567_", ""
            elif self.accept("bB"):
                digits, exp = "01_", ""
        self.accept_run(digits)
        if self.accept("."):
            self.accept_run(digits)
        if exp and self.accept(exp):
            self.accept("+-")
            self.accept_run("0123456789_")
        self.accept("i")
        if self.peek() and _alnum(self.peek()):
            self.pos += 1
            return False
        return True


def _left_trim(text: str, at: int) -> bool:
    return len(text) > at + 1 and text[at] == "-" and text[at + 1] in _SPACE


def lex(text: str) -> list[Token]:
    """The tokens of ``text``, ending with EOF or an ERROR token."""
    return _Lexer(text).run()
