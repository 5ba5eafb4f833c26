"""Fixtures of the map tests: a real headless Chromium (shared helper) and the maps of the seed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium_context  # noqa: F401  (fixture; tests/ is on sys.path through tests/conftest.py)

from medkg.analysis.projection import Projection, project


@pytest.fixture(scope="session")
def seed_projection(built) -> Projection:  # type: ignore[no-untyped-def]
    return project(built.store)


@pytest.fixture(scope="session")
def seed_maps(seed_projection: Projection, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The maps `medkg map --focus cluster-solaire` writes for the seed data, by name."""
    from medkg.viz.build import draw_maps

    out = tmp_path_factory.mktemp("maps")
    return {w.path.stem: w.path for w in draw_maps(seed_projection, out, focus=["cluster-solaire"], depth=2)}
