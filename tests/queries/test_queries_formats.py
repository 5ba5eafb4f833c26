"""Output formats: the W3C result formats exactly, an aligned table for people, graphs as RDF."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pyoxigraph as ox
import pytest

from medkg.queries.formats import render
from medkg.queries.results import Boolean, Graph, Table

XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/medkg/id/"
TABLE = Table(
    ["org", "name", "amount", "note"],
    [
        (ox.NamedNode(ID + "fondation-drosos"), ox.Literal("Fondation Drosos", language="fr"),
         ox.Literal("15000000", datatype=ox.NamedNode(XSD + "decimal")), ox.Literal('says "hi", twice\nthen stops')),
        (ox.NamedNode(ID + "giz"), ox.Literal("GIZ", language="fr"), None, None),
    ],
)  # fmt: skip


def test_json_is_the_sparql_results_json_format() -> None:
    assert json.loads(render(TABLE, "json")) == {
        "head": {"vars": ["org", "name", "amount", "note"]},
        "results": {
            "bindings": [
                {
                    "org": {"type": "uri", "value": ID + "fondation-drosos"},
                    "name": {"type": "literal", "value": "Fondation Drosos", "xml:lang": "fr"},
                    "amount": {"type": "literal", "value": "15000000", "datatype": XSD + "decimal"},
                    "note": {"type": "literal", "value": 'says "hi", twice\nthen stops'},
                },
                {"org": {"type": "uri", "value": ID + "giz"}, "name": {"type": "literal", "value": "GIZ", "xml:lang": "fr"}},
            ]
        },
    }
    assert json.loads(render(Boolean(True), "json")) == {"head": {}, "boolean": True}


def test_csv_follows_the_sparql_csv_format() -> None:
    assert render(TABLE, "csv") == (
        "org,name,amount,note\r\n"
        f'{ID}fondation-drosos,Fondation Drosos,15000000,"says ""hi"", twice\nthen stops"\r\n'
        f"{ID}giz,GIZ,,\r\n"
    )


def test_tsv_writes_terms_in_their_rdf_syntax() -> None:
    lines = render(TABLE, "tsv").split("\n")
    assert lines[0] == "?org\t?name\t?amount\t?note"
    assert lines[1].split("\t")[:3] == [f"<{ID}fondation-drosos>", '"Fondation Drosos"@fr', f'"15000000"^^<{XSD}decimal>']
    assert lines[1].split("\t")[3] == '"says \\"hi\\", twice\\nthen stops"'
    assert lines[2] == f'<{ID}giz>\t"GIZ"@fr\t\t'


def test_the_table_is_aligned_and_compact() -> None:
    lines = render(TABLE, "table").splitlines()
    assert lines[0].split() == ["org", "name", "amount", "note"]
    assert lines[2].startswith("id:fondation-drosos  Fondation Drosos  15000000  says \"hi\", twice then stops")
    assert lines[3].startswith("id:giz" + " " * 15 + "GIZ")
    assert lines[0].index("name") == lines[2].index("Fondation") == lines[3].index("GIZ")
    assert lines[-1] == "(2 rows)"


def test_long_cells_are_cut_in_the_table_only() -> None:
    long = Table(["q"], [(ox.Literal("x" * 200),)])
    assert render(long, "table").splitlines()[2] == "x" * 79 + "…"
    assert "x" * 200 in render(long, "csv")


def test_graphs_come_out_as_turtle_or_json_ld_and_parse_back() -> None:
    triple = ox.Triple(ox.NamedNode(ID + "escp-call"), ox.NamedNode("https://w3id.org/medkg/def/expectedGrants"),
                       ox.Literal("12", datatype=ox.NamedNode(XSD + "integer")))  # fmt: skip
    graph = Graph([triple])
    turtle = render(graph, "turtle")
    assert "id:escp-call mkg:expectedGrants 12" in turtle
    assert [q.triple for q in ox.parse(turtle.encode(), ox.RdfFormat.TURTLE)] == [triple]
    assert [q.triple for q in ox.parse(render(graph, "json-ld").encode(), ox.RdfFormat.JSON_LD)] == [triple]
    with pytest.raises(ValueError, match="use --format turtle or json-ld"):
        render(graph, "csv")
    with pytest.raises(ValueError, match="a SELECT or ASK result is a table"):
        render(TABLE, "turtle")


def test_records_are_plain_python_values() -> None:
    table = Table(
        ["iri", "n", "d", "when", "at", "text", "year"],
        [(ox.NamedNode(ID + "x"), ox.Literal(12), ox.Literal("9000", datatype=ox.NamedNode(XSD + "decimal")),
          ox.Literal("2019-12-23", datatype=ox.NamedNode(XSD + "date")),
          ox.Literal("2023-06-14T15:00:00", datatype=ox.NamedNode(XSD + "dateTime")),
          ox.Literal("secrétaire permanent", language="fr"),
          ox.Literal("2019", datatype=ox.NamedNode(XSD + "gYear")))],
    )  # fmt: skip
    assert table.records() == [
        {"iri": ID + "x", "n": 12, "d": Decimal(9000), "when": dt.date(2019, 12, 23), "at": dt.datetime(2023, 6, 14, 15),
         "text": "secrétaire permanent", "year": "2019"}
    ]  # fmt: skip
