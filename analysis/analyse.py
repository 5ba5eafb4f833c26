"""One analysis run: every measure computed once, then written as a report, CSV files and RDF."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from medkg.analysis import measures as m
from medkg.analysis.projection import Projection, project, undirected


@dataclass
class Analysis:
    projection: Projection
    simple: nx.Graph
    settings: m.Settings
    centrality: m.Centrality
    brokers: list[m.Broker]
    bridges: list[tuple[str, str]]
    communities: list[list[str]]
    reach: list[m.Reach]
    chains: dict[tuple[str, str], list[m.Chain]]
    coverage: m.Coverage
    started: dt.datetime
    seconds: dict[str, float] = field(default_factory=dict)
    build_date: str | None = None
    """When the analysed dataset was built (dct:issued of void.ttl), if known."""

    def label(self, node: str) -> str:
        return self.projection.graph.nodes[node]["label"]

    def community_of(self) -> dict[str, int]:
        return {v: i + 1 for i, members in enumerate(self.communities) for v in members}


def default_chain_pairs(projection: Projection, reach: list[m.Reach], limit: int = 3) -> list[tuple[str, str]]:
    """For each funder, the cluster it reaches by the longest route (the least obvious connection);
    the funders whose routes are longest first, direct fundings left out."""
    farthest: dict[str, m.Reach] = {}
    for r in sorted(reach, key=lambda r: (-r.hops, r.cluster)):
        if r.hops > 1:
            farthest.setdefault(r.funder, r)
    ranked = sorted(farthest.values(), key=lambda r: (-r.hops, r.funder))
    return [(r.cluster, r.funder) for r in ranked[:limit]]


def analyse(projection: Projection, settings: m.Settings = m.Settings(),
            chain_pairs: list[tuple[str, str]] | None = None) -> Analysis:
    """Compute every measure on ``projection``; ``chain_pairs`` are (id or name, id or name)."""
    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    seconds: dict[str, float] = {}

    def timed(name: str, fn, *args):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        result = fn(*args)
        seconds[name] = time.perf_counter() - t0
        return result

    graph = projection.graph
    actors = [v for v, d in graph.nodes(data=True) if d["category"] not in ("country", "sector")]
    simple = undirected(graph.subgraph(actors))
    central = timed("centrality", m.centrality, simple, settings)
    brokers = timed("brokers", m.brokers, simple)
    bridges = timed("bridges", m.bridge_edges, simple)
    communities = timed("communities", m.communities, simple, settings)
    reach = timed("reach", m.funder_reach, projection)
    pairs = chain_pairs if chain_pairs is not None else default_chain_pairs(projection, reach)
    t0 = time.perf_counter()
    chains = {}
    for a, b in pairs:
        chains[(projection.find(a), projection.find(b))] = m.shortest_chains(projection, a, b)
    seconds["chains"] = time.perf_counter() - t0
    coverage = timed("coverage", m.sector_coverage, projection)
    return Analysis(projection, simple, settings, central, brokers, bridges, communities, reach, chains,
                    coverage, started, seconds)


def build_date(dist_dir: Path) -> str | None:
    """The dataset's build date as void.ttl states it (dct:issued), or None without void.ttl."""
    void = dist_dir / "void.ttl"
    if not void.exists():
        return None
    for triple in ox.parse(path=str(void), format=ox.RdfFormat.TURTLE):
        if triple.predicate.value == "http://purl.org/dc/terms/issued":
            return triple.object.value
    return None


def run(store: ox.Store, out_dir: Path, settings: m.Settings = m.Settings(),
        chain_pairs: list[tuple[str, str]] | None = None, built: str | None = None) -> Analysis:
    """Project ``store``, analyse it and write ``out_dir``: report.md, one CSV per measure and
    analysis.trig (the measures in their own named graph). ``built`` is the dataset's build date."""
    from medkg.analysis.rdf import write_trig
    from medkg.analysis.report import write_report
    from medkg.analysis.tables import write_tables

    analysis = analyse(project(store), settings, chain_pairs)
    analysis.build_date = built
    out_dir.mkdir(parents=True, exist_ok=True)
    write_tables(analysis, out_dir)
    write_trig(analysis, out_dir / "analysis.trig")
    write_report(analysis, out_dir / "report.md")
    return analysis
