"""``medkg serve --endpoint``: the same endpoint and pages in front of a real Oxigraph server."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import httpx
import pyoxigraph as ox
import pytest

from serving import free_port, running_server, wait_until_up

pytestmark = pytest.mark.integration

OXIGRAPH = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")


@pytest.fixture(scope="module")
def oxigraph(fixture_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server holding the fixture dataset, its default graph the union of the graphs."""
    location = tmp_path_factory.mktemp("oxigraph")
    subprocess.run(
        [OXIGRAPH, "load", "--location", str(location), "--file", str(fixture_dist / "medkg.nq")],
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [
            OXIGRAPH,
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/query?query=ASK%7B%7D", process)
        yield url + "/query"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def fronting(oxigraph: str, fixture_dist: Path) -> Iterator[str]:
    with running_server(fixture_dist, "--endpoint", oxigraph, "--timeout", "5") as url:
        yield url


def test_queries_go_to_the_remote_store_and_keep_the_guard(fronting: str) -> None:
    query = (
        "SELECT ?name WHERE { <https://w3id.org/medkg/id/acme-lab> <https://w3id.org/medkg/def/country> ?c . "
        "?c <http://www.w3.org/2000/01/rdf-schema#label> ?name FILTER(LANG(?name) = 'fr') }"
    )
    response = httpx.get(f"{fronting}/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.text.splitlines() == ["name", "Tunisie"]
    refused = httpx.get(
        f"{fronting}/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}
    )
    assert refused.status_code == 403


def test_entity_page_and_document_come_from_the_remote_store(fronting: str) -> None:
    page = httpx.get(f"{fronting}/id/cluster-solaire", headers={"Accept": "text/html"}, follow_redirects=True)
    assert "GIZ granted Cluster Solaire 250,000 euros in 2019 to train its members." in page.text
    document = httpx.get(f"{fronting}/data/id/giz.nt")
    found = {
        (q.predicate.value, str(q.object)) for q in ox.parse(document.content, format=ox.RdfFormat.N_TRIPLES)
    }
    assert ("http://www.w3.org/2000/01/rdf-schema#label", '"GIZ"@en') in found
