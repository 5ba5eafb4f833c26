"""Network measures that answer a policy team's questions about the projected ecosystem.

Centrality says who is central, brokerage who connects groups that would otherwise be apart,
communities which actors work together, reach which clusters a funder's money or programmes
arrive at, chains how two named actors are connected, and coverage which sectors each country's
clusters cover. Every function takes the graphs of :mod:`medkg.analysis.projection` and returns
plain data, so the report, the CSV files, the RDF graph and the maps all show the same numbers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from medkg.analysis.projection import RELATIONS, Projection, flow_graph, undirected

FUNDING_RELATIONS = frozenset({"funds", "funds_via_programme", "funds_project"})


@dataclass(frozen=True)
class Settings:
    """How measures are computed; recorded with the results so that they can be reproduced."""

    approximate_above: int = 500
    """Past this many nodes, betweenness is estimated from a sample of source nodes."""
    betweenness_samples: int = 100
    seed: int = 42


@dataclass
class Centrality:
    """Per-node measures and how each was computed."""

    values: dict[str, dict[str, Any]]
    method: dict[str, str]
    sample_size: int | None = None
    """Source nodes sampled for betweenness, or None when it is exact."""


def structural_holes(simple: nx.Graph) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """Burt's effective size and constraint of every node of an unweighted undirected graph.

    The same numbers as ``nx.effective_size`` and ``nx.constraint`` (checked by the tests), computed
    from neighbourhood intersections: in an unweighted graph a node spends 1/degree of its time on
    each neighbour, so both measures only need, for each edge, the neighbours the two ends share.
    networkx's general code costs the cube of a node's degree, which a programme with hundreds of
    selected clusters turns into minutes; this costs the sum over edges of the smaller degree.
    """
    neighbours = {v: set(simple[v]) - {v} for v in simple}
    effective: dict[str, float | None] = {}
    constraint: dict[str, float | None] = {}
    for i, ni in neighbours.items():
        d_i = len(ni)
        if d_i == 0:
            effective[i] = constraint[i] = None
            continue
        ties = 0
        total = 0.0
        for j in ni:
            shared = ni & neighbours[j] if d_i <= len(neighbours[j]) else neighbours[j] & ni
            ties += len(shared)
            indirect = sum(1.0 / len(neighbours[q]) for q in shared)
            total += ((1.0 + indirect) / d_i) ** 2
        effective[i] = d_i - ties / d_i  # ties counts each tie among neighbours twice: n - 2t/n
        constraint[i] = total
    return effective, constraint


def centrality(simple: nx.Graph, settings: Settings = Settings()) -> Centrality:
    """Degree, betweenness and PageRank, plus Burt's effective size and constraint."""
    n = simple.number_of_nodes()
    sample = min(settings.betweenness_samples, n) if n > settings.approximate_above else None
    betweenness = nx.betweenness_centrality(simple, k=sample, normalized=True, seed=settings.seed if sample else None)
    pagerank = nx.pagerank(simple, alpha=0.85, weight=None) if n else {}
    degree_c = nx.degree_centrality(simple) if n > 1 else {v: 0.0 for v in simple}
    effective, constraint = structural_holes(simple)
    values = {
        v: {
            "degree": simple.degree(v),
            "degree_centrality": degree_c[v],
            "betweenness": betweenness[v],
            "pagerank": pagerank.get(v, 0.0),
            "effective_size": effective[v],
            "constraint": constraint[v],
        }
        for v in simple
    }
    method = {
        "degree": "number of distinct neighbours in the undirected projection",
        "betweenness": (f"Brandes betweenness estimated from {sample} sampled source nodes (seed {settings.seed})"
                        if sample else "exact Brandes betweenness, normalised"),
        "pagerank": "PageRank, damping 0.85, unweighted undirected projection",
        "effective_size": "Burt's effective size (structural holes), unweighted",
        "constraint": "Burt's constraint (structural holes), unweighted",
    }
    return Centrality(values=values, method=method, sample_size=sample)


@dataclass
class Broker:
    node: str
    countries: list[str]
    sectors: list[str]
    cross_country_edges: int
    cross_sector_edges: int


def brokers(simple: nx.Graph) -> list[Broker]:
    """Nodes whose neighbours lie in more than one country or sector: the bridges between them.

    A programme has no country of its own, so it bridges countries when its participants come
    from several. Sorted by the number of countries, then sectors, spanned.
    """
    found = []
    for v in simple:
        countries: set[str] = set()
        sectors: set[str] = set()
        cross_c = cross_s = 0
        own_c = simple.nodes[v].get("country")
        own_s = set(simple.nodes[v].get("sectors") or ())
        for w in simple[v]:
            data = simple.nodes[w]
            if data.get("country"):
                countries.add(data["country"])
                cross_c += bool(own_c and data["country"] != own_c)
            theirs = set(data.get("sectors") or ())
            sectors |= theirs
            cross_s += bool(own_s and theirs and not own_s & theirs)
        if own_c:
            countries.add(own_c)
        sectors |= own_s
        if len(countries) > 1 or len(sectors) > 1:
            found.append(Broker(v, sorted(countries), sorted(sectors), cross_c, cross_s))
    found.sort(key=lambda b: (-len(b.countries), -len(b.sectors), b.node))
    return found


def bridge_edges(simple: nx.Graph) -> list[tuple[str, str]]:
    """Edges whose removal would cut the network in two (graph-theoretic bridges), endpoints sorted."""
    return sorted(tuple(sorted(e)) for e in nx.bridges(simple))  # type: ignore[misc]


def communities(simple: nx.Graph, settings: Settings = Settings()) -> list[list[str]]:
    """Louvain communities (fixed seed), largest first, members sorted."""
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, seed=settings.seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


@dataclass
class Reach:
    funder: str
    cluster: str
    hops: int
    path: list[str]
    intermediaries: list[str]
    """Organisations that carry the support: on the route, or operating a programme on it."""

    @property
    def direct(self) -> bool:
        return not self.intermediaries


def funders(projection: Projection) -> list[str]:
    """Organisations that fund something, or support a programme."""
    found = set()
    for u, _, data in projection.graph.edges(data=True):
        if data["relation"] in FUNDING_RELATIONS or (data["relation"] == "participates_in" and data.get("role") == "supporter"):
            found.add(u)
    return sorted(found)


OPERATING_RELATIONS = frozenset({"launches", "manages", "participates_in", "partnership_in", "application_office"})
"""Relations by which an organisation runs a programme or call (a participation as supporter or
beneficiary does not make one an operator)."""


def operators(graph: nx.MultiDiGraph, programme: str) -> set[str]:
    """Organisations that launch, manage, implement or partner in a programme or call."""
    found = set()
    for u, v, data in list(graph.in_edges(programme, data=True)) + list(graph.out_edges(programme, data=True)):
        other = u if v == programme else v
        if data["relation"] in OPERATING_RELATIONS and data.get("role") not in ("supporter", "beneficiary") \
                and graph.nodes[other]["category"] == "organization":
            found.add(other)
    return found


def _routes(pred: dict[str, list[str]], source: str, target: str, limit: int) -> list[list[str]]:
    """Up to ``limit`` shortest routes from source to target, read back from BFS predecessors."""
    found: list[list[str]] = []
    stack = [[target]]
    while stack and len(found) < limit:
        path = stack.pop()
        if path[-1] == source:
            found.append(path[::-1])
            continue
        stack.extend(path + [p] for p in sorted(pred[path[-1]], reverse=True))
    return sorted(found)


def funder_reach(projection: Projection, target_kinds: tuple[str, ...] = ("Cluster",), max_routes: int = 20) -> list[Reach]:
    """Which clusters each funder's money or programmes reach, and through whom.

    Support travels along the flow graph (:func:`~medkg.analysis.projection.flow_graph`): from a
    funder to what it funds, from a programme to its parts, calls, selected organisations and
    partners, from an organisation to the programmes it launches or manages. A cluster that runs
    a programme the support reaches is reached too (SFI supports the Green Business Booster that
    Cluster solaire runs). ``hops`` is the length of the shortest route; the intermediaries are
    the organisations on the shortest routes (at most ``max_routes`` of them) and those that run
    a programme or call on them: funders -> programmes -> intermediaries -> clusters.
    """
    graph = projection.graph
    flows = flow_graph(graph)
    targets = {v for v, d in graph.nodes(data=True) if d["kind"] in target_kinds}
    programmes = {v for v, d in graph.nodes(data=True) if d["category"] == "programme"}
    run_by: dict[str, set[str]] = {}

    def ops(programme: str) -> set[str]:
        if programme not in run_by:
            run_by[programme] = operators(graph, programme)
        return run_by[programme]

    rows = []
    for funder in funders(projection):
        pred, dist = nx.predecessor(flows, funder, return_seen=True)
        reached: dict[str, tuple[int, list[list[str]]]] = {}
        for t in targets & dist.keys() - {funder}:
            reached[t] = (dist[t], _routes(pred, funder, t, max_routes))
        for p in sorted(programmes & dist.keys()):
            for t in sorted(ops(p) & targets - {funder}):
                hops = dist[p] + 1
                if t not in reached or hops < reached[t][0]:
                    reached[t] = (hops, [r + [t] for r in _routes(pred, funder, p, max_routes)])
                elif hops == reached[t][0] and len(reached[t][1]) < max_routes:
                    reached[t][1].extend(r + [t] for r in _routes(pred, funder, p, max_routes - len(reached[t][1])))
        for cluster in sorted(reached):
            hops, routes = reached[cluster]
            routes.sort()
            carriers: set[str] = set()
            for route in routes:
                for v in route[1:-1]:
                    if graph.nodes[v]["category"] == "organization":
                        carriers.add(v)
                    elif v in programmes:
                        carriers |= ops(v)
            carriers -= {funder, cluster}
            rows.append(Reach(funder, cluster, hops, routes[0], sorted(carriers)))
    return rows


@dataclass
class Step:
    """One link of a chain: ``source`` -relation-> ``target`` as the edge was stated."""

    source: str
    target: str
    relation: str
    data: dict[str, Any]


@dataclass
class Chain:
    nodes: list[str]
    steps: list[Step] = field(default_factory=list)

    def describe(self, projection: Projection) -> str:
        """The chain in one sentence-like line, with amounts and dates where the facts give them."""
        label = lambda v: projection.graph.nodes[v]["label"]  # noqa: E731
        parts = []
        for step in self.steps:
            extra = edge_figures(step.data)
            parts.append(f"{label(step.source)} {RELATIONS[step.relation].label} {label(step.target)}"
                         + (f" ({extra})" if extra else ""))
        return "; ".join(parts)


def edge_figures(data: dict[str, Any]) -> str:
    bits = []
    if data.get("amount") is not None:
        bits.append(f"{data['amount']:,} {data.get('currency') or ''}".strip())
    if data.get("cofunding_rate") is not None:
        qualifier = {"up-to": "up to ", "about": "about ", "at-least": "at least ", "more-than": "more than "}
        bits.append(f"{qualifier.get(data.get('cofunding_qualifier') or '', '')}{data['cofunding_rate']:.0%} co-funding")
    if data.get("role"):
        bits.append(f"as {data['role']}")
    if data.get("date"):
        bits.append(str(data["date"]))
    return ", ".join(bits)


def _best_edge(graph: nx.MultiDiGraph, u: str, v: str) -> Step:
    """The most informative stated edge between u and v (facts with amounts first)."""
    candidates = [(u, v, d) for d in graph.get_edge_data(u, v, default={}).values()]
    candidates += [(v, u, d) for d in graph.get_edge_data(v, u, default={}).values()]
    a, b, data = min(candidates, key=lambda c: (c[2].get("amount") is None, c[2].get("fact") is None, c[2]["relation"]))
    return Step(a, b, data["relation"], data)


def shortest_chains(projection: Projection, a: str, b: str, limit: int = 5) -> list[Chain]:
    """All shortest chains of stated relations between two actors (by id or name), at most ``limit``.

    Raises ``LookupError`` for an unknown name; returns an empty list when no chain exists.
    Countries and sectors are left out: "both are in Morocco" is not a relation between them.
    """
    source, target = projection.find(a), projection.find(b)
    graph = projection.graph
    keep = [v for v, d in graph.nodes(data=True) if d["category"] not in ("country", "sector")]
    simple = undirected(graph.subgraph(keep))
    try:
        paths = nx.all_shortest_paths(simple, source, target)
        found = []
        for path in paths:
            found.append(path)
            if len(found) >= 50:
                break
    except nx.NetworkXNoPath:
        return []
    # Chains through programmes first: they say *through what* two actors are connected.
    found.sort(key=lambda p: (sum(graph.nodes[v]["category"] != "programme" for v in p[1:-1]),
                              [graph.nodes[v]["label"].casefold() for v in p]))
    chains = []
    for path in found[:limit]:
        chains.append(Chain(path, [_best_edge(graph, u, v) for u, v in zip(path, path[1:], strict=False)]))
    return chains


@dataclass
class Coverage:
    counts: dict[str, Counter[str]]
    """country -> sector -> number of clusters"""
    gaps: dict[str, list[str]]
    """country -> sectors with clusters elsewhere in the ecosystem but none here"""
    targeted_gaps: dict[str, list[str]]
    """country -> sectors a programme targets in that country without a cluster of it there"""


def sector_coverage(projection: Projection, kinds: tuple[str, ...] = ("Cluster",)) -> Coverage:
    """Which sectors each country's clusters cover, and the sectors missing there."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    covered: set[str] = set()
    targeted: dict[str, set[str]] = defaultdict(set)
    for _, data in projection.graph.nodes(data=True):
        if data["kind"] in kinds and data.get("country"):
            counts[data["country"]].update(data["sectors"])
            covered |= set(data["sectors"])
            counts[data["country"]].update([])  # a country with unclassified clusters still appears
        elif data["category"] == "programme":
            for country in data["target_countries"]:
                targeted[country] |= set(data["sectors"])
    gaps = {c: sorted(covered - set(counts[c])) for c in sorted(counts)}
    targeted_gaps = {c: sorted(s - set(counts.get(c, ()))) for c, s in sorted(targeted.items()) if s - set(counts.get(c, ()))}
    return Coverage(counts={c: counts[c] for c in sorted(counts)}, gaps=gaps, targeted_gaps=targeted_gaps)
