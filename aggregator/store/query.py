"""The search language of ``baotinh search``, topic feeds and datasette's search box.

Words are matched with accents, ``đ`` and case ignored (``lu lut`` = ``lũ lụt``), all of them
(``lũ lụt`` needs both). On top of that, what people type into news search boxes:

- ``lũ OR "sạt lở"``: either side; ``"sạt lở"`` in quotes is a phrase (the words side by side);
- ``NOT`` / a leading ``-``: ``bão -"bão giá"`` leaves out what matches the excluded part;
- ``AND`` (the default between words), ``( … )`` for grouping, ``đường*`` for every word it begins.

Operators are written in capitals (a lower-case ``or`` is a word). The result is an FTS5
expression over the folded columns the index holds, every word quoted, so nothing a user types
can reach FTS5's own syntax. A query that makes no sense (an open bracket, ``OR`` with nothing
after it, only exclusions) raises ``QueryError`` with what is wrong; callers that must always
answer (a search box) fall back to ``plain_expression``: every word, nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aggregator.text import fold

# A "-" right before a quote or a bracket excludes what follows; elsewhere it is punctuation.
_LEXEME = re.compile(
    r'(?P<exclude>-(?=["(]))|(?P<phrase>"[^"]*(?:"\*?)?)|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)'
)
_WORD = re.compile(r"\w+")
_OPERATORS = ("OR", "AND", "NOT")
# Brackets inside brackets, at most: FTS5's own parser overflows not far beyond.
MAX_DEPTH = 8


class QueryError(ValueError):
    """A query the search language cannot read; the message says what is wrong, for the user."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "term", "op", "open", "close"
    text: str  # the FTS5 form of a term, or the operator
    words: tuple[str, ...] = ()  # a term's folded words
    prefix: bool = False  # a term's last word begins words (``word*``)
    broken: str = ""  # what is wrong with it (an unclosed quote), for the strict reader


def _term(words: list[str], prefix: bool, broken: str = "") -> _Token:
    text = f'"{" ".join(words)}"' + ("*" if prefix else "")
    return _Token("term", text, tuple(words), prefix, broken)


def _lex(query: str) -> list[_Token]:
    """Tokens of *query*; an unclosed quote is a term marked ``broken`` (the lenient reader keeps it)."""
    tokens: list[_Token] = []
    for match in _LEXEME.finditer(query):
        lexeme, kind = match.group(), match.lastgroup
        if kind == "exclude":
            tokens.append(_Token("op", "NOT"))
        elif kind in ("open", "close"):
            tokens.append(_Token(kind, lexeme))
        elif lexeme in _OPERATORS:
            tokens.append(_Token("op", lexeme))
        elif kind == "phrase":
            unstarred = lexeme.rstrip("*")
            closed = len(unstarred) > 1 and unstarred.endswith('"')
            inner = lexeme[1:].rstrip("*")[:-1] if closed else lexeme[1:]
            words = _WORD.findall(fold(inner))
            broken = "" if closed else f"a quotation mark is not closed: {lexeme}"
            if words:
                tokens.append(_term(words, prefix=closed and lexeme.endswith("*"), broken=broken))
            elif broken:
                tokens.append(_Token("term", "", broken=broken))
        else:
            negated = lexeme.startswith("-") and len(lexeme) > 1
            body = lexeme[1:] if negated else lexeme
            words = _WORD.findall(fold(body))
            if not words:
                continue  # punctuation alone (a dash between words) says nothing
            if negated:
                tokens.append(_Token("op", "NOT"))
            tokens.append(_term(words, prefix=body.endswith("*")))
    return tokens


class _Parser:
    """Recursive descent over the tokens: OR of AND-groups; an AND-group may exclude with NOT."""

    def __init__(self, tokens: list[_Token], query: str) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0
        self.query = query

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> str:
        expression = self.either()
        if (token := self.peek()) is not None:
            raise QueryError(f"unexpected {token.text!r} in {self.query!r} (a bracket closed twice?)")
        return expression

    def either(self) -> str:
        parts = [self.group()]
        while (token := self.peek()) is not None and token.text == "OR" and token.kind == "op":
            self.take()
            if self.peek() is None or self.peek().kind in ("op", "close"):
                raise QueryError(f"OR needs words on both sides: {self.query!r}")
            parts.append(self.group())
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def group(self) -> str:
        wanted: list[str] = []
        excluded: list[str] = []
        while (token := self.peek()) is not None and token.kind != "close" and token.text != "OR":
            if token.kind == "op" and token.text == "AND":
                self.take()
                after = self.peek()
                if after is None or after.kind == "close" or (after.kind == "op" and after.text != "NOT"):
                    raise QueryError(f"AND needs words on both sides: {self.query!r}")
                continue
            if token.kind == "op" and token.text == "NOT":
                self.take()
                if self.peek() is None or self.peek().kind in ("op", "close"):
                    raise QueryError(f"NOT (or -) needs the words to leave out: {self.query!r}")
                excluded.append(self.atom())
                continue
            wanted.append(self.atom())
        if not wanted:
            if excluded:
                raise QueryError(
                    f'{self.query!r} only leaves words out; say what to look for too (bão -"bão giá")'
                )
            if (token := self.peek()) is not None and token.text == "OR":
                raise QueryError(f"OR needs words on both sides: {self.query!r}")
            raise QueryError(f"no words to look for in {self.query!r}")
        found = wanted[0] if len(wanted) == 1 else "(" + " AND ".join(wanted) + ")"
        if not excluded:
            return found
        return (
            f"({found} NOT "
            + (excluded[0] if len(excluded) == 1 else "(" + " OR ".join(excluded) + ")")
            + ")"
        )

    def atom(self) -> str:
        token = self.take()
        if token.kind == "term":
            if token.broken:
                raise QueryError(token.broken)
            return token.text
        if token.kind == "open":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"brackets nested more than {MAX_DEPTH} deep: {self.query!r}")
            inner = self.either()
            self.depth -= 1
            if self.peek() is None or self.peek().kind != "close":
                raise QueryError(f"a bracket is not closed: {self.query!r}")
            self.take()
            return inner
        raise QueryError(f"unexpected {token.text!r} in {self.query!r}")


def parse(query: str) -> str:
    """The FTS5 expression for *query* (see the module docstring); ``QueryError`` if it is wrong."""
    tokens = _lex(query or "")
    if broken := next((t.broken for t in tokens if t.broken), ""):
        raise QueryError(broken)
    if not any(t.kind == "term" for t in tokens):
        raise QueryError(f"no words to look for in {query!r}")
    return _Parser(tokens, query).parse()


def _wanted(tokens: list[_Token]) -> list[_Token]:
    """The terms a query looks for, read tolerantly: what NOT, ``-`` or ``-( … )`` excludes is left out."""
    wanted = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        at += 1
        if token.kind == "op" and token.text == "NOT":
            depth = 0
            while at < len(tokens):  # skip the excluded term, or the whole excluded bracket
                depth += {"open": 1, "close": -1}.get(tokens[at].kind, 0)
                at += 1
                if depth <= 0:
                    break
        elif token.kind == "term" and token.words:
            wanted.append(token)
    return wanted


def plain_expression(query: str) -> str:
    """Every word *query* looks for, each required (no operators, nothing excluded): "" if none."""
    terms = []
    for token in _wanted(_lex(query or "")):
        *first, last = token.words
        terms += [f'"{w}"' for w in first] + [f'"{last}"' + ("*" if token.prefix else "")]
    return " ".join(terms)


def lenient(query: str) -> str:
    """``parse(query)``, or every word of it when it does not parse: a search box always answers."""
    try:
        return parse(query)
    except QueryError:
        return plain_expression(query)


def words(query: str) -> list[str]:
    """The folded words a query looks for (a prefix word keeps its ``*``), for ranking hits."""
    return [
        word + ("*" if token.prefix and i == len(token.words) - 1 else "")
        for token in _wanted(_lex(query or ""))
        for i, word in enumerate(token.words)
    ]
