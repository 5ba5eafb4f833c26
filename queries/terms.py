"""Writing RDF terms into SPARQL text, for endpoints that cannot take bindings any other way.

The embedded store binds parameters through ``Store.query(substitutions=...)``; a remote SPARQL
1.1 endpoint has no such mechanism, so its bindings travel as a ``VALUES`` block. This module is
the one place where a value becomes query text: every term goes through :func:`sparql_term`,
which escapes literals and refuses IRIs that could break out of ``<...>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

Term = ox.NamedNode | ox.Literal
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# SPARQL 1.1 grammar, IRIREF: ([^<>"{}|^`\]-[#x00-#x20])*
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LANG_TAG = re.compile(r"^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_iri(iri: str) -> str:
    """``<iri>``; raises ValueError for characters an IRIREF may not hold (quotes, braces, spaces)."""
    bad = _IRI_FORBIDDEN.search(iri)
    if bad:
        raise ValueError(f"not a valid IRI (character {bad.group()!r} at {bad.start()}): {iri!r}")
    return f"<{iri}>"


def sparql_string(text: str) -> str:
    """A double-quoted SPARQL string with every special character escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def sparql_term(term: Term) -> str:
    """A term as SPARQL text: ``<iri>``, ``"text"@lang`` or ``"lexical"^^<datatype>``."""
    if isinstance(term, ox.NamedNode):
        return sparql_iri(term.value)
    if isinstance(term, ox.Literal):
        body = sparql_string(term.value)
        if term.language:
            if not _LANG_TAG.match(term.language):
                raise ValueError(f"not a valid language tag: {term.language!r}")
            return f"{body}@{term.language}"
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return body
        return f"{body}^^{sparql_iri(datatype)}"
    raise TypeError(f"cannot bind a {type(term).__name__} as a query parameter")


def values_block(bindings: Mapping[str, Term]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }``: one row binding each variable."""
    for name in bindings:
        if not _VARNAME.match(name):
            raise ValueError(f"not a usable variable name: {name!r}")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(sparql_term(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def with_values(query: str, bindings: Mapping[str, Term]) -> str:
    """The query with a VALUES block opening its WHERE group, so that every pattern, FILTER and
    OPTIONAL of that group sees the bound variables as the embedded store's substitutions do."""
    if not bindings:
        return query
    at = where_brace(query)
    return query[: at + 1] + "\n  " + values_block(bindings) + "\n" + query[at + 1 :]


def where_brace(query: str) -> int:
    """Index of the ``{`` that opens the query's WHERE group.

    Comments, strings and IRIs are skipped, so a ``{`` or ``WHERE`` inside them does not count.
    For SELECT, ASK and DESCRIBE the first brace opens the group (with or without the WHERE
    keyword); for CONSTRUCT it is the first brace after a top-level WHERE, past the template.
    """
    construct = seen_where = False
    depth = 0
    for index, token in _tokens(query):
        upper = token.upper()
        if token == "{":
            if not construct or seen_where:
                return index
            depth += 1
        elif token == "}":
            depth -= 1
        elif upper == "WHERE" and depth == 0:
            seen_where = True
        elif upper == "CONSTRUCT":
            construct = True
    raise ValueError("the query has no WHERE group to bind parameters in")


def query_form(query: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first such keyword outside comments and strings."""
    for _, token in _tokens(query):
        if token.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
            return token.upper()
    raise ValueError("not a SPARQL query: no SELECT, CONSTRUCT, ASK or DESCRIBE")


def _tokens(query: str):  # type: ignore[no-untyped-def]
    """Braces and bare words outside comments, strings and IRIs, with their positions."""
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "\"'":
            quote = query[i : i + 3] if query[i : i + 3] in ('"""', "'''") else ch
            i += len(quote)
            while i < n and not query.startswith(quote, i):
                i += 2 if query[i] == "\\" else 1
            i += len(quote)
        elif ch == "<":
            match = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>').match(query, i)
            i = match.end() if match else i + 1
        elif ch in "{}":
            yield i, ch
            i += 1
        elif ch.isalpha() or ch == ":":
            # a keyword, or a whole prefixed name (so that ``ex:where`` is not taken for WHERE)
            match = re.compile(r"[A-Za-z_:][A-Za-z0-9_\-.:%]*").match(query, i)
            assert match is not None
            yield i, match.group()
            i = match.end()
        elif ch in "?$":
            match = re.compile(r"[?$][A-Za-z0-9_]*").match(query, i)
            assert match is not None
            i = match.end()
        else:
            i += 1
