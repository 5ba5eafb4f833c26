"""Writing results: an aligned table for people, the W3C result formats for programs.

SELECT and ASK results go out as SPARQL 1.1 Query Results JSON, CSV or TSV; the JSON is
written here (the format is small and exact), CSV and TSV by pyoxigraph's own serialisers from
that JSON, so the escaping rules of each specification are those of a conforming implementation.
CONSTRUCT and DESCRIBE results go out as Turtle or JSON-LD.
"""

from __future__ import annotations

import json
import unicodedata

import pyoxigraph as ox

from medkg import namespaces as ns
from medkg.queries.results import Boolean, Graph, Result, Table
from medkg.queries.terms import Term

TABLE_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("turtle", "json-ld")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
MAX_CELL = 80


def prefixes() -> dict[str, str]:
    """Prefixes for compact output: the vocabularies, and the dataset's own IRIs under the base."""
    return {
        **ns.PREFIXES,
        "id": ns.entity_iri(""),
        "country": ns.country_iri("XX")[:-2],
        "source": ns.document_iri(""),
        "graph": ns.graph_iri(""),
    }


def render(result: Result, fmt: str) -> str:
    """The result in a named format; a format that does not fit the result is an error."""
    if isinstance(result, Graph):
        if fmt in ("table", "turtle"):
            return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes()).decode()
        if fmt == "json-ld":
            return ox.serialize(result.triples, format=ox.RdfFormat.JSON_LD, prefixes=prefixes()).decode()
        raise ValueError(f"a CONSTRUCT or DESCRIBE result is a graph: use --format turtle or json-ld, not {fmt}")
    if fmt == "table":
        return table(result)
    if fmt == "json":
        return sparql_json(result)
    if fmt in ("csv", "tsv"):
        parsed = ox.parse_query_results(sparql_json(result).encode(), ox.QueryResultsFormat.JSON)
        out_format = ox.QueryResultsFormat.CSV if fmt == "csv" else ox.QueryResultsFormat.TSV
        return parsed.serialize(format=out_format).decode()
    raise ValueError(f"a SELECT or ASK result is a table: use --format {', '.join(TABLE_FORMATS)}, not {fmt}")


def sparql_json(result: Table | Boolean) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if isinstance(result, Boolean):
        return json.dumps({"head": {}, "boolean": result.value})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None} for row in result.rows
    ]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _json_term(term: Term | ox.BlankNode) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    raise TypeError(f"no JSON form for {term!r}")


def compact(term: Term | ox.BlankNode | None, known: dict[str, str] | None = None) -> str:
    """A cell as a person reads it: prefixed names for IRIs, the text of literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        best = ""
        for prefix, namespace in (known or prefixes()).items():
            if term.value.startswith(namespace) and len(namespace) > len(best):
                best, name = namespace, prefix
        return f"{name}:{term.value[len(best):]}" if best else f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def table(result: Table | Boolean) -> str:
    """An aligned text table, one line per row, long cells cut at a readable width."""
    if isinstance(result, Boolean):
        return "true" if result.value else "false"
    known = prefixes()
    header = list(result.variables)
    cells = [[_cell(compact(t, known)) for t in row] for row in result.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = [_line(header, widths), "  ".join("-" * w for w in widths)]
    lines += [_line(row, widths) for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def _cell(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _width(text: str) -> int:
    """Display width: combining marks take no column, wide East Asian characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()
