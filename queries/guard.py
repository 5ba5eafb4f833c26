"""Checking a SPARQL request before any store sees it.

pyoxigraph evaluates ``SERVICE`` by making real HTTP requests, even on a read-only store, and it
cannot stop a query once started; so a public endpoint must refuse federation (nested too) and
updates before evaluation. The check works on tokens, not on text: keywords inside strings,
IRIs and comments, variables (``?service``) and prefixed names (``service:incubation``, a real
MedKG prefix) are not keywords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)

# One alternative per token kind; order matters (long strings before short ones).
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             |'''(?:[^'\\]|\\.|'(?!''))*'''
             |"(?:[^"\\\n\r]|\\.)*"
             |'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[A-Za-z0-9_.\-\u00c0-\uffff]*)
  | (?P<pname>[A-Za-z\u00c0-\uffff][A-Za-z0-9_.\-\u00b7\u00c0-\uffff]*:(?:[A-Za-z0-9_:.%\\\-\u00b7\u00c0-\uffff])*
             |:(?:[A-Za-z0-9_:.%\\\-\u00b7\u00c0-\uffff])*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*=<>!+\-/|^?])
    """,
    re.VERBOSE | re.DOTALL,
)


class QueryRefused(ValueError):
    """A request this endpoint will not evaluate; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QueryInfo:
    """What the server needs to know about a query before sending it to a store."""

    form: str
    """SELECT, CONSTRUCT, DESCRIBE or ASK."""
    has_dataset_clause: bool
    """True when the query names its own dataset with FROM / FROM NAMED."""


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape_codepoints(query: str) -> str:
    """The query as a SPARQL 1.1 parser sees it: ``\\uXXXX`` escapes are replaced before parsing
    (section 19.2), so ``\\u0053ERVICE`` is SERVICE to an engine that follows the letter of it."""

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryRefused(f"malformed query: {match.group()} is no Unicode character")
        return chr(code)

    return _CODEPOINT.sub(replace, query)


def _keywords(query: str) -> list[tuple[str, int]]:
    """The bare words of ``query`` upper-cased with their offsets; raises on text that is no SPARQL token."""
    words: list[tuple[str, int]] = []
    pos = 0
    while pos < len(query):
        match = _TOKEN.match(query, pos)
        if match is None:
            line = query.count("\n", 0, pos) + 1
            snippet = query[pos : pos + 20].splitlines()[0] if query[pos:].strip() else ""
            raise QueryRefused(f"malformed query at line {line}: unexpected text {snippet!r}")
        if match.lastgroup == "word":
            words.append((match.group().upper(), pos))
        pos = match.end()
    return words


def inspect_query(query: str) -> QueryInfo:
    """Classify ``query`` and refuse what a read-only public endpoint must not run.

    Raises :class:`QueryRefused` with 403 for updates, ``LOAD`` and ``SERVICE`` (anywhere in the
    query) and 400 for an empty query or one whose form cannot be told.
    """
    if not query or not query.strip():
        raise QueryRefused("empty query: send a SPARQL query in the 'query' parameter")
    words = _keywords(_unescape_codepoints(query))
    names = {word for word, _ in words}
    if "SERVICE" in names:
        raise QueryRefused(
            "SERVICE is refused: this endpoint does not federate queries to other endpoints", 403
        )
    # The prologue is BASE/PREFIX declarations; the first keyword after it names the operation.
    update = next((word for word, _ in words if word in UPDATE_KEYWORDS), None)
    if update is not None:
        raise QueryRefused(
            f"{update} is refused: this endpoint is read-only and accepts no SPARQL Update", 403
        )
    # The prologue is BASE/PREFIX declarations; the first keyword after it names the operation.
    form = next((word for word, _ in words if word not in ("BASE", "PREFIX")), "")
    if form not in QUERY_FORMS:
        raise QueryRefused(
            f"malformed query: expected SELECT, CONSTRUCT, DESCRIBE or ASK, found {form or 'nothing'!r}"
        )
    return QueryInfo(form=form, has_dataset_clause="FROM" in names)


def refuse_update_request() -> QueryRefused:
    """The answer to a request that carries an ``update`` parameter or an update media type."""
    return QueryRefused("SPARQL Update is refused: this endpoint is read-only", 403)
