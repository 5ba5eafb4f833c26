"""Fixtures for the query catalog: the seed dataset locally, and the same published to a real
Oxigraph server started on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from medkg.queries.publish import publish
from medkg.queries.run import Endpoint, LocalStore

from queries_support import OxigraphServer


@pytest.fixture(scope="session")
def local(built) -> LocalStore:  # type: ignore[no-untyped-def]
    """The seed dataset in the embedded store."""
    return LocalStore(built.store)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def remote(built, oxigraph: OxigraphServer) -> Endpoint:  # type: ignore[no-untyped-def]
    """The seed dataset published to the Oxigraph server, queried through SPARQLWrapper."""
    publish(built.store, oxigraph.store)
    return Endpoint(oxigraph.query, timeout=20)
