"""The catalog on a real Oxigraph server: same rows as the embedded store, harmless parameters,
clear errors from endpoints that are closed, refuse or hang, and publishing that replaces."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from medkg.queries import catalog as cat
from medkg.queries.publish import PublishError, publish
from medkg.queries.results import Graph, Table
from medkg.queries.run import Endpoint, EndpointError, LocalStore, QueryRefused, run_catalog, run_query

from queries_support import OxigraphServer, free_port

pytestmark = pytest.mark.integration

CATALOG = cat.catalog()
INJECTION = 'x" } ; DROP ALL ; #'
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _same(local: object, remote: object) -> None:
    if isinstance(local, Graph):
        assert isinstance(remote, Graph)
        assert _canonical(local) == _canonical(remote)  # blank nodes (in the ontology) get new names remotely
        return
    assert isinstance(local, Table) and isinstance(remote, Table)
    assert local.variables == remote.variables
    key = lambda row: [str(t) for t in row]  # noqa: E731
    assert sorted(local.rows, key=key) == sorted(remote.rows, key=key)


def _canonical(graph: Graph) -> set[str]:
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in graph.triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(q) for q in dataset}


def _open_params(query: cat.CatalogQuery) -> dict[str, str]:
    return {p.name: "" for p in query.params}


@pytest.mark.parametrize("name", sorted(CATALOG))
@pytest.mark.parametrize("variant", ["defaults", "open", "with-sources", "one-source"])
def test_the_whole_catalog_gives_the_same_rows_locally_and_remotely(
    name: str, variant: str, local: LocalStore, remote: Endpoint
) -> None:
    query = CATALOG[name]
    options: dict[str, object] = {
        "defaults": {},
        "open": {"params": _open_params(query)},
        "with-sources": {"with_sources": query.sources},
        "one-source": {"source": "cluster-solaire-bilan-2019", "with_sources": query.sources},
    }[variant]
    expected = run_catalog(local, query, **options)  # type: ignore[arg-type]
    _same(expected, run_catalog(remote, query, **options))  # type: ignore[arg-type]


def test_rows_are_not_empty_where_the_seed_has_answers(local: LocalStore, remote: Endpoint) -> None:
    """Guards the comparison above from passing on two empty answers."""
    empty = {n for n, q in CATALOG.items() if not getattr(run_catalog(remote, q), "rows", [1])}
    assert empty == {"disagreements"}


def _count(target: LocalStore | Endpoint) -> int:
    result = run_query(target, COUNT)
    assert isinstance(result, Table)
    return int(result.rows[0][0].value)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "param"), [("funders-of", "cluster"), ("missing-country-or-sector", "gap"), ("selected-for", "programme")]
)
def test_an_injection_attempt_matches_nothing_and_changes_nothing(
    name: str, param: str, local: LocalStore, remote: Endpoint
) -> None:
    before = (_count(local), _count(remote))
    for target in (local, remote):
        result = run_catalog(target, CATALOG[name], {param: INJECTION})
        assert isinstance(result, Table) and result.rows == []
    assert (_count(local), _count(remote)) == before


def test_an_injected_string_in_a_free_query_is_only_a_string(local: LocalStore, remote: Endpoint) -> None:
    query = "SELECT ?label ?name WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(STR(?label) = ?name) }"
    before = _count(remote)
    for target in (local, remote):
        found = run_query(target, query, {"name": ox.Literal(INJECTION)})
        assert isinstance(found, Table) and found.rows == []
        found = run_query(target, query, {"name": ox.Literal("Fondation Drosos")})
        assert [row[0].value for row in found.rows] == ["Fondation Drosos"]  # type: ignore[union-attr]
    assert _count(remote) == before


def test_a_closed_port_is_a_clear_error() -> None:
    endpoint = Endpoint(f"http://127.0.0.1:{free_port()}/query", timeout=2)
    with pytest.raises(EndpointError, match=r"cannot reach http://127\.0\.0\.1:\d+/query"):
        run_catalog(endpoint, CATALOG["clusters"])


class _Stub(http.server.BaseHTTPRequestHandler):
    status = 400
    delay = 0.0

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(self.delay)
        body = b"Parser error: unexpected token at line 1"
        try:
            self.send_response(self.status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up first
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stub() -> Iterator[type[_Stub]]:
    handler = type("Handler", (_Stub,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.url = f"http://127.0.0.1:{server.server_address[1]}/query"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


def test_a_refused_query_says_what_the_endpoint_said(stub: type[_Stub]) -> None:
    stub.status = 400
    with pytest.raises(QueryRefused, match="refused the query: Parser error: unexpected token at line 1"):
        run_query(Endpoint(stub.url, timeout=5), "SELECT * WHERE { ?s ?p ?o }", source="any")  # type: ignore[attr-defined]


def test_a_server_error_is_reported_with_its_status(stub: type[_Stub]) -> None:
    stub.status = 503
    with pytest.raises(EndpointError, match="HTTP 503"):
        run_query(Endpoint(stub.url, timeout=5), "SELECT * WHERE { ?s ?p ?o }")  # type: ignore[attr-defined]


def test_a_slow_endpoint_times_out_within_the_timeout(stub: type[_Stub]) -> None:
    stub.delay = 3.0
    start = time.monotonic()
    with pytest.raises(EndpointError, match=r"did not answer within 0\.5 s"):
        run_catalog(Endpoint(stub.url, timeout=0.5), CATALOG["clusters"])  # type: ignore[attr-defined]
    assert time.monotonic() - start < 2.5


def test_publishing_again_replaces_each_graph(built, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    server = OxigraphServer(tmp_path_factory.mktemp("republish"))
    try:
        first = publish(built.store, server.store)
        second = publish(built.store, server.store)
        assert second.graphs == first.graphs and first.protocol == "Graph Store Protocol"
        assert _count(Endpoint(server.query)) == first.triples == sum(1 for _ in built.store)
        assert "https://w3id.org/medkg/graph/scale-up-voucher-2022" in dict(first.graphs)
    finally:
        server.stop()


def test_a_store_without_the_graph_store_protocol_gets_sparql_update(built, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    server = OxigraphServer(tmp_path_factory.mktemp("update-only"))
    try:
        no_gsp = server.url + "/no-graph-store-here"
        report = publish(built.store, no_gsp, update_endpoint=server.update)
        publish(built.store, None, update_endpoint=server.update)  # again, update only: still one copy
        assert report.protocol.startswith("SPARQL Update")
        assert _count(Endpoint(server.query)) == report.triples == sum(1 for _ in built.store)
        with pytest.raises(PublishError, match="answered HTTP 404"):
            publish(built.store, no_gsp)
    finally:
        server.stop()


def test_publishing_to_a_closed_port_is_a_clear_error(built) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PublishError, match="cannot reach"):
        publish(built.store, f"http://127.0.0.1:{free_port()}/store", timeout=2)
