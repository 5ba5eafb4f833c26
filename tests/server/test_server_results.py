"""The four SPARQL result formats the server writes read back to the same terms."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest

from medkg.server.results import Boolean, Solutions, serialize_results

XSD = "http://www.w3.org/2001/XMLSchema#"
TRICKY = Solutions(
    ["org", "name", "amount"],
    [
        (
            ox.NamedNode("https://w3id.org/medkg/id/giz"),
            ox.Literal('GIZ, "the agency"\n<b>&</b>\tx', language="en"),
            ox.Literal("250000", datatype=ox.NamedNode(XSD + "decimal")),
        ),
        (ox.NamedNode("https://w3id.org/medkg/id/qoot"), None, ox.Literal("Qoot")),
    ],
)


@pytest.mark.parametrize(
    ("media", "fmt"),
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ],
)
def test_terms_survive_a_round_trip(media: str, fmt: ox.QueryResultsFormat) -> None:
    parsed = ox.parse_query_results(serialize_results(TRICKY, media), format=fmt)
    assert [v.value for v in parsed.variables] == ["org", "name", "amount"]
    rows = [tuple(solution[v] for v in ("org", "name", "amount")) for solution in parsed]
    assert rows == TRICKY.rows


def test_csv_quotes_what_needs_quoting_and_leaves_unbound_cells_empty() -> None:
    rows = list(csv.reader(io.StringIO(serialize_results(TRICKY, "text/csv").decode(), newline="")))
    assert rows == [
        ["org", "name", "amount"],
        ["https://w3id.org/medkg/id/giz", 'GIZ, "the agency"\n<b>&</b>\tx', "250000"],
        ["https://w3id.org/medkg/id/qoot", "", "Qoot"],
    ]


@pytest.mark.parametrize("value", [True, False])
def test_ask_answers_in_json_and_xml(value: bool) -> None:
    for media, fmt in (
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ):
        assert bool(ox.parse_query_results(serialize_results(Boolean(value), media), format=fmt)) is value
