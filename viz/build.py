"""``medkg map``'s work: project the dataset, measure it once, and write the maps to dist/maps/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from medkg.analysis import measures as m
from medkg.analysis.projection import Projection, project
from medkg.viz import maps
from medkg.viz.render import write_map


@dataclass
class Written:
    path: Path
    nodes: int
    edges: int


def draw_maps(projection: Projection, out_dir: Path, focus: list[str] | None = None, depth: int = 2,
              settings: m.Settings = m.Settings(), measures: dict[str, dict[str, Any]] | None = None,
              reach: list[m.Reach] | None = None) -> list[Written]:
    """The ecosystem map, the funding-flows map and one ego map per ``focus`` (id or name).

    ``measures`` and ``reach`` may come from an analysis already made; otherwise they are computed.
    """
    if measures is None:
        measures = m.centrality(maps.actor_graph(projection), settings).values
    drawn = [maps.ecosystem_map(projection, measures), maps.funding_map(projection, measures, reach)]
    drawn += [maps.ego_map(projection, measures, f, depth) for f in focus or ()]
    return [Written(write_map(d, out_dir), len(d.nodes), len(d.edges)) for d in drawn]


def run(store: ox.Store, out_dir: Path, focus: list[str] | None = None, depth: int = 2) -> list[Written]:
    return draw_maps(project(store), out_dir, focus, depth)
