"""The one function that writes values into SPARQL text for remote endpoints, and where it writes them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from medkg.queries.terms import sparql_iri, sparql_term, values_block, where_brace, with_values

XSD = "http://www.w3.org/2001/XMLSchema#"
NASTY = [
    'x" } ; DROP ALL ; #',
    "x' } ; DROP ALL ; #",
    'back\\slash and \\" escaped quote',
    'triple """ quotes \'\'\' both',
    "line\nbreak\r\ttab\b\f and \x00 nul \x7f del",
    "Ministère de l’Industrie — «Maroc» 😀",
    "}} } WHERE { ?s ?p ?o } #",
]


@pytest.mark.parametrize("text", NASTY)
def test_a_string_comes_back_from_the_engine_exactly_as_it_was_given(text: str) -> None:
    store = ox.Store()
    query = f"SELECT ?v WHERE {{ BIND({sparql_term(ox.Literal(text))} AS ?v) }}"
    assert [row["v"].value for row in store.query(query)] == [text]


@pytest.mark.parametrize("text", NASTY)
def test_language_tagged_and_typed_literals_keep_their_tag_and_type(text: str) -> None:
    store = ox.Store()
    tagged = ox.Literal(text, language="fr")
    typed = ox.Literal("2023-06-14T15:00:00", datatype=ox.NamedNode(XSD + "dateTime"))
    query = f"SELECT ?a ?b WHERE {{ BIND({sparql_term(tagged)} AS ?a) BIND({sparql_term(typed)} AS ?b) }}"
    (row,) = list(store.query(query))
    assert (row["a"], row["b"]) == (tagged, typed)


@pytest.mark.parametrize("iri", ["http://e/x> } ; DROP ALL ; #", "http://e/a b", 'http://e/"q"', "http://e/{x}", "http://e/\\"])
def test_an_iri_that_could_leave_its_brackets_is_refused(iri: str) -> None:
    with pytest.raises(ValueError, match="not a valid IRI"):
        sparql_iri(iri)


def test_values_block_binds_one_row() -> None:
    block = values_block({"cluster": ox.NamedNode("https://w3id.org/medkg/id/cluster-solaire"), "n": ox.Literal(3)})
    assert block == f'VALUES (?cluster ?n) {{ (<https://w3id.org/medkg/id/cluster-solaire> "3"^^<{XSD}integer>) }}'
    with pytest.raises(ValueError, match="variable name"):
        values_block({"x) {} DROP ALL": ox.Literal("v")})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE {"),
        ("select * { ?s ?p ?o }", "select * {"),
        ("ASK { ?s ?p ?o }", "ASK {"),
        ("# a comment with WHERE { in it\nSELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE {"),
        ('SELECT ?s (" WHERE { " AS ?x) WHERE { ?s ?p ?o }', 'AS ?x) WHERE {'),
        ("PREFIX ex: <http://e/x#where>\nSELECT ?s WHERE { ?s ex:where ?o }", "SELECT ?s WHERE {"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "} WHERE {"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT WHERE {"),
        ("SELECT * { { SELECT ?s WHERE { ?s ?p ?o } } }", "SELECT * {"),
        ("SELECT ?s FROM <http://e/g> WHERE { ?s ?p ?o }", "> WHERE {"),
    ],
)
def test_values_go_at_the_start_of_the_outer_where_group(query: str, expected: str) -> None:
    at = where_brace(query)
    assert query[: at + 1].endswith(expected)


def test_a_query_without_a_group_cannot_take_parameters() -> None:
    with pytest.raises(ValueError, match="no WHERE group"):
        where_brace("DESCRIBE <http://e/x>")


def test_values_and_substitutions_give_the_same_rows() -> None:
    store = ox.Store()
    ex = "http://e/"
    for s, o in (("a", "1"), ("b", "2")):
        store.add(ox.Quad(ox.NamedNode(ex + s), ox.NamedNode(ex + "p"), ox.Literal(o)))
    query = "SELECT ?s ?o WHERE { ?s <http://e/p> ?o OPTIONAL { ?s <http://e/q> ?x FILTER(?o = '1') } }"
    binding = {"o": ox.Literal("1")}
    substituted = [(r["s"], r["o"]) for r in store.query(query, substitutions={ox.Variable("o"): ox.Literal("1")})]
    valued = [(r["s"], r["o"]) for r in store.query(with_values(query, binding))]
    assert substituted == valued == [(ox.NamedNode(ex + "a"), ox.Literal("1"))]
