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
_LEXEME = re.compile(r'(?P<exclude>-(?=["(]))|"[^"]*"?|[()]|[^\s()"]+')
_WORD = re.compile(r"\w+")
_OPERATORS = ("OR", "AND", "NOT")


class QueryError(ValueError):
    """A query the search language cannot read; the message says what is wrong, for the user."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "term", "op", "open", "close"
    text: str  # the FTS5 form of a term, or the operator


def _term(words: list[str], prefix: bool) -> str:
    return f'"{" ".join(words)}"' + ("*" if prefix else "")


def _lex(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _LEXEME.finditer(query):
        lexeme = match.group()
        if match.lastgroup == "exclude":
            tokens.append(_Token("op", "NOT"))
        elif lexeme == "(":
            tokens.append(_Token("open", lexeme))
        elif lexeme == ")":
            tokens.append(_Token("close", lexeme))
        elif lexeme in _OPERATORS:
            tokens.append(_Token("op", lexeme))
        elif lexeme.startswith('"'):
            if len(lexeme) == 1 or not lexeme.endswith('"'):
                raise QueryError(f"a quotation mark is not closed: {lexeme}")
            words = _WORD.findall(fold(lexeme[1:-1]))
            if words:
                tokens.append(_Token("term", _term(words, prefix=False)))
        else:
            negated = lexeme.startswith("-") and len(lexeme) > 1
            body = lexeme[1:] if negated else lexeme
            words = _WORD.findall(fold(body))
            if not words:
                continue  # punctuation alone (a dash between words) says nothing
            if negated:
                tokens.append(_Token("op", "NOT"))
            tokens.append(_Token("term", _term(words, prefix=body.endswith("*"))))
    return tokens


class _Parser:
    """Recursive descent over the tokens: OR of AND-groups; an AND-group may exclude with NOT."""

    def __init__(self, tokens: list[_Token], query: str) -> None:
        self.tokens = tokens
        self.at = 0
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
                if self.peek() is None or (self.peek().kind == "op" and self.peek().text != "NOT"):
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
            return token.text
        if token.kind == "open":
            inner = self.either()
            if self.peek() is None or self.peek().kind != "close":
                raise QueryError(f"a bracket is not closed: {self.query!r}")
            self.take()
            return inner
        raise QueryError(f"unexpected {token.text!r} in {self.query!r}")


def parse(query: str) -> str:
    """The FTS5 expression for *query* (see the module docstring); ``QueryError`` if it is wrong."""
    tokens = _lex(query or "")
    if not any(t.kind == "term" for t in tokens):
        raise QueryError(f"no words to look for in {query!r}")
    return _Parser(tokens, query).parse()


def plain_expression(query: str) -> str:
    """Every word of *query* required, operators and quotes read as nothing: "" if it has no word."""
    terms = []
    kept = " ".join(w for w in (query or "").split() if w not in _OPERATORS)
    for token in re.findall(r"\w+\*?", fold(kept)):
        word = token.rstrip("*")
        terms.append(f'"{word}"*' if token.endswith("*") else f'"{word}"')
    return " ".join(terms)


def lenient(query: str) -> str:
    """``parse(query)``, or every word of it when it does not parse: a search box always answers."""
    try:
        return parse(query)
    except QueryError:
        return plain_expression(query)


def words(query: str) -> list[str]:
    """The folded words a query looks for (prefix words keep their ``*``), for ranking hits."""
    kept: list[str] = []
    excluding = False
    for match in _LEXEME.finditer(query or ""):
        lexeme = match.group()
        if match.lastgroup == "exclude" or lexeme == "NOT":
            excluding = True
            continue
        if not (excluding or lexeme in _OPERATORS or (lexeme.startswith("-") and len(lexeme) > 1)):
            kept += re.findall(r"\w+\*?", fold(lexeme.strip('"')))
        excluding = excluding and lexeme == "("
    return kept
