"""``medkg serve --store``: workers open a persistent Oxigraph store read-only instead of loading the dump."""

from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from serving import running_server

pytestmark = pytest.mark.integration


def test_a_persistent_store_is_served_read_only(fixture_dist: Path, tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = ox.Store(str(location))
    store.bulk_load(path=str(fixture_dist / "medkg.nq"), format=ox.RdfFormat.N_QUADS)
    quads = len(store)
    store.flush()
    del store
    with running_server(fixture_dist, "--store", str(location), "--workers", "2") as url:
        query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        response = httpx.get(f"{url}/sparql", params={"query": query}, headers={"Accept": "text/csv"})
        assert response.text.splitlines() == ["n", str(quads)]
        page = httpx.get(f"{url}/page/id/giz")
        assert '<h1 id="title">GIZ</h1>' in page.text
