"""Query results as plain values that cross process boundaries, and their serialisations.

Workers send back rows of pyoxigraph terms (they pickle), capped at the row limit; the web
process writes them in the format the client negotiated. pyoxigraph cannot serialise a list of
solutions it did not produce itself, so the four SPARQL result formats are written here.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Union
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from medkg.namespaces import PREFIXES

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
"""Media types for SELECT and ASK results, the default first."""
RESULT_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
}

GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
"""Media types for CONSTRUCT and DESCRIBE results and for resource descriptions, the default first."""

FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}
"""Short names accepted in a ``format`` parameter, for links typed by hand."""


@dataclass
class Solutions:
    """The rows of a SELECT query; ``None`` where a variable is unbound."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Term]]:
        """Rows as ``{variable: term}`` with the unbound variables left out."""
        return [
            {name: term for name, term in zip(self.variables, row, strict=False) if term is not None} for row in self.rows
        ]


@dataclass
class Boolean:
    """The answer to an ASK query."""

    value: bool


@dataclass
class Graph:
    """The triples of a CONSTRUCT or DESCRIBE query."""

    triples: list[ox.Triple] = field(default_factory=list)


QueryResult = Union[Solutions, Boolean, Graph]


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def serialize_results(result: Solutions | Boolean, media_type: str) -> bytes:
    """``result`` written in one of :data:`RESULT_TYPES` (CSV and TSV have no boolean form)."""
    kind = RESULT_TYPES[media_type]
    if kind == "json":
        if isinstance(result, Boolean):
            return json.dumps({"head": {}, "boolean": result.value}).encode()
        doc = {
            "head": {"vars": result.variables},
            "results": {
                "bindings": [
                    {n: _json_term(t) for n, t in zip(result.variables, row, strict=False) if t is not None}
                    for row in result.rows
                ]
            },
        }
        return json.dumps(doc, ensure_ascii=False).encode()
    if kind == "xml":
        head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        if isinstance(result, Boolean):
            return f"{head}<head/><boolean>{'true' if result.value else 'false'}</boolean></sparql>".encode()
        parts = [head, "<head>"]
        parts += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
        parts.append("</head><results>")
        for row in result.rows:
            parts.append("<result>")
            for name, term in zip(result.variables, row, strict=False):
                if term is not None:
                    parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            parts.append("</result>")
        parts.append("</results></sparql>")
        return "\n".join(parts).encode()
    if isinstance(result, Boolean):
        # The CSV/TSV results format defines no boolean; answer the obvious one-cell table.
        rows: list[list[str]] = [["boolean"], ["true" if result.value else "false"]]
        if kind == "tsv":
            rows[0] = ["?boolean"]
    elif kind == "csv":
        rows = [result.variables] + [[_csv_value(t) for t in row] for row in result.rows]
    else:
        rows = [["?" + v for v in result.variables]]
        rows += [[str(t) if t is not None else "" for t in row] for row in result.rows]
    if kind == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode()
    return "".join("\t".join(row) + "\n" for row in rows).encode()


def serialize_graph(triples: list[ox.Triple], media_type: str) -> bytes:
    """``triples`` in one of :data:`GRAPH_TYPES`, with the project's prefixes where the format has any."""
    fmt = GRAPH_TYPES[media_type]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)
