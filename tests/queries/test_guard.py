"""The query guard refuses updates and federation before any store sees the query."""

from __future__ import annotations

import pytest

from medkg.queries.guard import QueryRefused, inspect_query


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o { SELECT ?s WHERE { OPTIONAL { service silent <http://x/> { ?s ?q ?r } } } } }",
        "PREFIX x: <http://x/>\nASK { ?s ?p ?o MINUS { SeRvIcE ?endpoint { ?s ?p ?o } } }",
    ],
)
def test_service_anywhere_is_refused_with_403(query: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE is refused") as refused:
        inspect_query(query)
    assert refused.value.status == 403


@pytest.mark.parametrize(
    ("query", "keyword"),
    [
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
        ("PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("DROP ALL", "DROP"),
        ("SELECT * WHERE { ?s ?p ?o } ; CLEAR ALL", "CLEAR"),
    ],
)
def test_updates_are_refused_with_403(query: str, keyword: str) -> None:
    with pytest.raises(QueryRefused, match=f"{keyword} is refused: this endpoint is read-only") as refused:
        inspect_query(query)
    assert refused.value.status == 403


def test_keywords_inside_strings_iris_comments_variables_and_prefixed_names_are_not_keywords() -> None:
    # service: is a real MedKG prefix (the service scheme); ?service a variable of the catalog.
    query = """PREFIX service: <https://w3id.org/medkg/def/service/>
    # a SERVICE in a comment, and LOAD too
    SELECT ?service WHERE {
      ?cluster <https://w3id.org/medkg/def/offersService> service:incubation .
      FILTER(?service != "SERVICE <http://evil/>" && ?x != '''DROP ALL''')
      BIND(<http://example.org/SERVICE> AS ?iri)
    }"""
    info = inspect_query(query)
    assert (info.form, info.has_dataset_clause) == ("SELECT", False)


def test_from_clause_is_noticed_so_that_the_query_dataset_is_respected() -> None:
    assert inspect_query("ASK FROM <https://w3id.org/medkg/graph/reference> { ?s ?p ?o }").has_dataset_clause


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "empty query"), ("  \n ", "empty query"), ("FETCH everything", "expected SELECT, CONSTRUCT")],
)
def test_what_is_no_query_is_a_400(query: str, message: str) -> None:
    with pytest.raises(QueryRefused, match=message) as refused:
        inspect_query(query)
    assert refused.value.status == 400


@pytest.mark.parametrize(
    "query",
    [
        r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        r"PREFIX a: <http://x/> SELECT * WHERE { ?s a:\u0020SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        r"SELECT * WHERE { ?s ?p ?o } \U0000000A INSERT DATA { <http://a> <http://b> <http://c> }",
    ],
)
def test_codepoint_escapes_cannot_hide_a_keyword(query: str) -> None:
    # SPARQL 1.1 (section 19.2) replaces \u escapes before parsing: so does the guard.
    with pytest.raises(QueryRefused) as refused:
        inspect_query(query)
    assert refused.value.status == 403


def test_local_runs_refuse_service_before_the_store_sees_it() -> None:
    """`medkg sparql` on the embedded store: SERVICE would make pyoxigraph fetch a remote URL."""
    import pyoxigraph as ox

    from medkg.queries.run import LocalStore
    from medkg.queries.run import QueryRefused as RunRefused

    store = LocalStore(ox.Store())
    with pytest.raises(RunRefused, match="SERVICE is refused"):
        store.execute("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", {})
