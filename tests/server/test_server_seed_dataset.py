"""The server over the dataset built from the curated seed sources: URIs resolve, the catalog runs."""

from __future__ import annotations

import html
import re
from typing import Iterator

import httpx
import pyoxigraph as ox
import pytest

from medkg.queries.catalog import catalog
from serving import running_server

pytestmark = pytest.mark.integration

ID = "https://w3id.org/medkg/id/"
DEF = "https://w3id.org/medkg/def/"


@pytest.fixture(scope="module")
def seed_server(built) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with running_server(built.out_dir) as url:
        yield url


def test_cluster_solaire_resolves_to_turtle_holding_its_seed_facts(seed_server: str) -> None:
    response = httpx.get(
        f"{seed_server}/id/cluster-solaire", headers={"Accept": "text/turtle"}, follow_redirects=True
    )
    assert response.url.path == "/data/id/cluster-solaire.ttl"
    found = {
        (q.subject.value, q.predicate.value, q.object.value)
        for q in ox.parse(response.content, format=ox.RdfFormat.TURTLE)
    }
    cluster = ID + "cluster-solaire"
    assert (cluster, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", DEF + "Cluster") in found
    assert (cluster, DEF + "country", ID + "country/MA") in found
    assert (cluster, DEF + "sector", DEF + "sector/cleantech") in found
    assert (ID + "drosos-funds-cluster-solaire", DEF + "recipient", cluster) in found


def test_every_catalog_query_runs_from_its_form_with_its_defaults(seed_server: str) -> None:
    for name in catalog():
        page = httpx.get(f"{seed_server}/query", params={"catalog": name})
        assert page.status_code == 200, name
        text = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page.text, re.S).group(1))  # type: ignore[union-attr]
        response = httpx.post(
            f"{seed_server}/sparql",
            data={"query": text},
            headers={"Accept": "application/sparql-results+json, text/turtle;q=0.5"},
        )
        assert response.status_code == 200, f"{name}: {response.text}"


def test_funders_of_cluster_solaire_names_fondation_drosos(seed_server: str) -> None:
    page = httpx.get(f"{seed_server}/query", params={"catalog": "funders-of", "cluster": "cluster-solaire"})
    text = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page.text, re.S).group(1))  # type: ignore[union-attr]
    rows = httpx.post(f"{seed_server}/sparql", data={"query": text}).json()["results"]["bindings"]
    funders = {(r["supporterName"]["value"], r["relation"]["value"]) for r in rows if "supporterName" in r}
    assert ("Fondation Drosos", "funding") in funders


def test_home_page_shows_the_triple_count_void_states(seed_server: str, built) -> None:  # type: ignore[no-untyped-def]
    void = {
        (q.subject.value, q.predicate.value): q.object.value
        for q in ox.parse(path=str(built.out_dir / "void.ttl"), format=ox.RdfFormat.TURTLE)
    }
    triples = int(void[("https://w3id.org/medkg/dataset", "http://rdfs.org/ns/void#triples")])
    page = httpx.get(seed_server + "/").text
    assert f"<dt>triples</dt><dd>{triples:,}</dd>" in page


def test_the_ontology_graph_resolves_with_its_size_from_void(seed_server: str, built) -> None:  # type: ignore[no-untyped-def]
    graph = "https://w3id.org/medkg/graph/ontology"
    size = len(list(built.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))))
    response = httpx.get(
        f"{seed_server}/graph/ontology", headers={"Accept": "text/turtle"}, follow_redirects=True
    )
    found = {
        (q.subject.value, q.predicate.value, q.object.value)
        for q in ox.parse(response.content, format=ox.RdfFormat.TURTLE)
    }
    assert (graph, "http://rdfs.org/ns/void#triples", str(size)) in found
    page = httpx.get(f"{seed_server}/page/graph/ontology").text
    assert f"This named graph holds {size} statements." in page
