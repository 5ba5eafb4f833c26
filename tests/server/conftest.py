"""The server under test: the real ``medkg serve`` on a free loopback port over a small dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from browser import chromium_context  # noqa: F401  (fixture; tests/ is on sys.path through tests/conftest.py)
from serving import MAX_ROWS, TIMEOUT_S, running_server, write_fixture_dist


@pytest.fixture(scope="session")
def fixture_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ for the fixture dataset (two source graphs, the reference graph, the real ontology)."""
    return write_fixture_dist(tmp_path_factory.mktemp("server") / "dist")


@pytest.fixture(scope="session")
def server(fixture_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The root URL of a server with a 2 s time limit and a 200-row limit."""
    log = tmp_path_factory.mktemp("server-log") / "serve.log"
    with running_server(
        fixture_dist, "--timeout", str(TIMEOUT_S), "--max-rows", str(MAX_ROWS), "--workers", "2", log=log
    ) as url:
        yield url
