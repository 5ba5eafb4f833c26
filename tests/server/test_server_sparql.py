"""The SPARQL 1.1 Protocol over HTTP, on the real server, with its limits."""

from __future__ import annotations

import csv
import io
import threading
import time

import httpx
import pyoxigraph as ox
import pytest

from serving import MAX_ROWS, TIMEOUT_S

pytestmark = pytest.mark.integration

ID = "https://w3id.org/medkg/id/"
GRAPH = "https://w3id.org/medkg/graph/"
GIZ_NAMES = (
    f"SELECT ?name WHERE {{ <{ID}giz> <http://www.w3.org/2000/01/rdf-schema#label> ?name }} ORDER BY ?name"
)
GIZ_EXPECTED = {("Deutsche Gesellschaft für Internationale Zusammenarbeit", "de"), ("GIZ", "en")}
AMOUNT = f"""PREFIX mkg: <https://w3id.org/medkg/def/>
CONSTRUCT {{ ?funding mkg:amount ?amount . ?amount mkg:value ?value ; mkg:currency ?currency }}
WHERE {{ ?funding mkg:recipient <{ID}cluster-solaire> ; mkg:amount ?amount .
         ?amount mkg:value ?value ; mkg:currency ?currency }}"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def names(solutions: ox.QuerySolutions) -> set[tuple[str, str]]:
    return {(s["name"].value, s["name"].language) for s in solutions}


def test_get_answers_sparql_json(server: str) -> None:
    response = httpx.get(
        f"{server}/sparql", params={"query": GIZ_NAMES}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert response.headers["vary"] == "Accept"
    bindings = response.json()["results"]["bindings"]
    assert {(b["name"]["value"], b["name"]["xml:lang"]) for b in bindings} == GIZ_EXPECTED


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_post_form_encoded_answers_in_each_parseable_format(
    server: str, accept: str, fmt: ox.QueryResultsFormat
) -> None:
    response = httpx.post(f"{server}/sparql", data={"query": GIZ_NAMES}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    assert names(ox.parse_query_results(response.content, format=fmt)) == GIZ_EXPECTED


def test_post_sparql_query_answers_csv(server: str) -> None:
    response = httpx.post(
        f"{server}/sparql",
        content=GIZ_NAMES.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows == [["name"], ["Deutsche Gesellschaft für Internationale Zusammenarbeit"], ["GIZ"]]


def test_ask_answers_a_boolean(server: str) -> None:
    query = f"ASK {{ <{ID}acme-lab> <https://w3id.org/medkg/def/country> <{ID}country/TN> }}"
    assert httpx.get(f"{server}/sparql", params={"query": query}).json()["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_answers_in_each_rdf_format(server: str, accept: str, fmt: ox.RdfFormat) -> None:
    response = httpx.post(f"{server}/sparql", data={"query": AMOUNT}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    triples = {
        (q.subject.value, q.predicate.value, q.object.value) for q in ox.parse(response.content, format=fmt)
    }
    amount = f"{ID}funding-giz-cluster-solaire-2019/amount"
    assert (amount, "https://w3id.org/medkg/def/value", "250000") in triples
    assert (amount, "https://w3id.org/medkg/def/currency", "EUR") in triples


QUOTED = "SELECT ?fact WHERE { ?fact <https://w3id.org/medkg/def/quotation> ?q ; a ?type } ORDER BY ?fact"


def facts(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [b["fact"]["value"].rsplit("/", 1)[-1] for b in response.json()["results"]["bindings"]]


def test_default_graph_is_the_union_of_the_named_graphs(server: str) -> None:
    assert facts(httpx.get(f"{server}/sparql", params={"query": QUOTED})) == [
        "cluster-solaire",
        "funding-giz-cluster-solaire-2019",
        "partnership-cluster-solaire-acme-lab-2021",
    ]


def test_default_graph_uri_narrows_the_default_graph_to_one_source(server: str) -> None:
    params = {"query": QUOTED, "default-graph-uri": GRAPH + "lab-convention-2021"}
    assert facts(httpx.get(f"{server}/sparql", params=params)) == [
        "partnership-cluster-solaire-acme-lab-2021"
    ]


def test_named_graph_uri_limits_what_graph_can_see(server: str) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = httpx.post(f"{server}/sparql", data={"query": query, "named-graph-uri": GRAPH + "reference"})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [GRAPH + "reference"]


def test_from_in_the_query_sets_the_default_graph(server: str) -> None:
    query = QUOTED.replace("WHERE", f"FROM <{GRAPH}solar-news-2019> WHERE")
    assert facts(httpx.get(f"{server}/sparql", params={"query": query})) == [
        "cluster-solaire",
        "funding-giz-cluster-solaire-2019",
    ]


def test_malformed_query_is_a_400_naming_the_position(server: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.text.startswith("malformed query: error at 1:")


def test_missing_query_and_unknown_content_type_are_errors(server: str) -> None:
    assert httpx.get(f"{server}/sparql", headers={"Accept": "application/json"}).status_code == 400
    response = httpx.post(f"{server}/sparql", content=b"x", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_unavailable_format_is_a_406(server: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": GIZ_NAMES}, headers={"Accept": "image/png"})
    assert response.status_code == 406


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
        {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
        {"data": {"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
        {"data": {"query": "LOAD <http://example.org/data.ttl>"}},
    ],
)
def test_updates_and_load_are_refused(server: str, request_kwargs: dict) -> None:
    response = httpx.post(f"{server}/sparql", **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    count = httpx.get(f"{server}/sparql", params={"query": "ASK { <http://a> <http://b> <http://c> }"})
    assert count.json()["boolean"] is False


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o { SELECT ?s WHERE { OPTIONAL { "
        "SERVICE SILENT <http://127.0.0.1:9/> { ?s ?q ?r } } } } } LIMIT 1",
    ],
)
def test_service_is_refused_even_nested(server: str, query: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": query})
    assert response.status_code == 403
    assert response.text.startswith("SERVICE is refused")


def test_a_result_over_the_row_limit_is_an_error_saying_so(server: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert f"more than {MAX_ROWS} rows" in response.text
    limited = httpx.get(
        f"{server}/sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"}
    )
    assert len(limited.json()["results"]["bindings"]) == MAX_ROWS


def test_a_query_over_the_time_limit_is_stopped_while_others_are_served(server: str) -> None:
    slow: dict[str, object] = {}

    def run_slow() -> None:
        started = time.monotonic()
        slow["response"] = httpx.get(f"{server}/sparql", params={"query": SLOW}, timeout=30)
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    # While the runaway query holds one worker, a page and a query are still answered quickly.
    started = time.monotonic()
    page = httpx.get(f"{server}/page/id/cluster-solaire", timeout=30)
    quick = httpx.get(f"{server}/sparql", params={"query": GIZ_NAMES}, timeout=30)
    assert page.status_code == 200 and "Cluster Solaire" in page.text
    assert quick.status_code == 200
    assert time.monotonic() - started < TIMEOUT_S
    assert thread.is_alive(), "the slow query should still be running"
    thread.join(30)
    response = slow["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code == 503
    assert response.text.startswith(f"the query was stopped at this endpoint's time limit of {TIMEOUT_S:g} s")
    assert TIMEOUT_S <= slow["seconds"] < TIMEOUT_S + 2  # type: ignore[operator]
    # The killed worker is replaced: both workers answer again.
    for _ in range(4):
        assert httpx.get(f"{server}/sparql", params={"query": GIZ_NAMES}, timeout=30).status_code == 200


def test_a_browser_asking_sparql_without_a_query_gets_the_editor(server: str) -> None:
    response = httpx.get(f"{server}/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert (response.status_code, response.headers["location"]) == (303, "/query")


def test_a_format_parameter_overrides_accept(server: str) -> None:
    response = httpx.get(
        f"{server}/sparql",
        params={"query": GIZ_NAMES, "format": "csv"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.text.splitlines()[1:] == [
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "GIZ",
    ]


def test_results_may_be_read_by_scripts_of_other_sites(server: str) -> None:
    response = httpx.get(
        f"{server}/sparql", params={"query": GIZ_NAMES}, headers={"Origin": "https://example.org"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
