"""Measures on small graphs whose answers are known by hand, and funder reach and coverage on a fixture."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from medkg.analysis import measures as m
from medkg.analysis.projection import project

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def two_triangles() -> nx.Graph:
    """Triangle a-b-c (Morocco, agri-food) and triangle d-e-f (Tunisia, textiles) joined through x: c-x-d."""
    g = nx.Graph()
    for v in "abc":
        g.add_node(v, country="MA", sectors=["agri-food"], kind="Cluster")
    for v in "def":
        g.add_node(v, country="TN", sectors=["technical-textiles"], kind="Cluster")
    g.add_node("x", country=None, sectors=[], kind="Programme")
    g.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "x"), ("x", "d")])
    return g


def test_centrality_by_hand(two_triangles: nx.Graph) -> None:
    c = m.centrality(two_triangles)
    v = c.values
    # every one of the 3 x 3 pairs across the two sides passes through x: 9 / ((7-1)(7-2)/2) = 0.6
    assert v["x"]["betweenness"] == pytest.approx(0.6)
    # c lies between {a, b} and {x, d, e, f}: 2 x 4 = 8 pairs, 8 / 15
    assert v["c"]["betweenness"] == pytest.approx(8 / 15)
    assert v["a"]["betweenness"] == 0.0
    assert (v["c"]["degree"], v["x"]["degree"], v["a"]["degree"]) == (3, 2, 2)
    # Burt: x has two contacts that share no tie, each taking half its time: constraint 0.25 + 0.25
    assert v["x"]["constraint"] == pytest.approx(0.5)
    assert v["x"]["effective_size"] == pytest.approx(2.0)
    # PageRank follows the symmetry of the graph
    assert v["a"]["pagerank"] == pytest.approx(v["f"]["pagerank"])
    assert v["c"]["pagerank"] > v["a"]["pagerank"]
    assert sum(d["pagerank"] for d in v.values()) == pytest.approx(1.0)
    assert c.sample_size is None
    assert c.method["betweenness"] == "exact Brandes betweenness, normalised"


def test_bridges_brokers_and_communities_by_hand(two_triangles: nx.Graph) -> None:
    assert m.bridge_edges(two_triangles) == [("c", "x"), ("d", "x")]
    brokers = m.brokers(two_triangles)
    assert brokers[0].node == "x"
    assert (brokers[0].countries, brokers[0].sectors) == (["MA", "TN"], ["agri-food", "technical-textiles"])
    # c and d each touch the programme x, which has no country, so only x spans both countries
    assert [b.node for b in brokers if len(b.countries) > 1] == ["x"]
    found = m.communities(two_triangles)
    assert len(found) == 2
    assert {frozenset("abc"), frozenset("def")} == {frozenset(set(c) - {"x"}) for c in found}
    assert found == m.communities(two_triangles)  # fixed seed: the same answer every run


def test_large_graphs_switch_to_sampled_betweenness_and_say_so() -> None:
    g = nx.star_graph(39)  # hub 0 and 39 leaves: every path between two leaves runs through the hub
    for v in g:
        g.nodes[v].update(country=None, sectors=[], kind="Cluster")
    settings = m.Settings(approximate_above=30, betweenness_samples=12, seed=3)
    c = m.centrality(g, settings)
    assert c.sample_size == 12
    assert c.method["betweenness"] == "Brandes betweenness estimated from 12 sampled source nodes (seed 3)"
    assert c.values == m.centrality(g, settings).values  # the seed makes the sample repeatable
    exact = m.centrality(g, m.Settings(approximate_above=100)).values
    assert exact[0]["betweenness"] == 1.0
    assert c.values[0]["betweenness"] == pytest.approx(1.0, abs=0.15)
    assert all(c.values[v]["betweenness"] == 0.0 for v in range(1, 40))


@pytest.fixture(scope="module")
def fixture_projection():  # type: ignore[no-untyped-def]
    store = ox.Store()
    store.load(path=str(FIXTURES / "ecosystem.trig"), format=ox.RdfFormat.TRIG)
    return project(store)


def test_funder_reach_on_the_fixture(fixture_projection) -> None:  # type: ignore[no-untyped-def]
    reach = {(r.funder, r.cluster): r for r in m.funder_reach(fixture_projection)}
    assert set(reach) == {
        ("european-union", "cluster-menara"), ("european-union", "qoot"), ("european-union", "2ts"),
        ("fondation-drosos", "cluster-solaire"), ("sfi", "cluster-solaire"),
    }
    eu = reach[("european-union", "cluster-menara")]
    # two routes of three steps: through the voucher that selected Menara, or through Berytech, which selected it
    assert eu.path in (["european-union", "the-next-society", "scale-up-voucher", "cluster-menara"],
                       ["european-union", "the-next-society", "berytech", "cluster-menara"])
    assert (eu.hops, eu.intermediaries, eu.direct) == (3, ["anima", "berytech"], False)
    drosos = reach[("fondation-drosos", "cluster-solaire")]
    assert (drosos.hops, drosos.direct) == (1, True)
    sfi = reach[("sfi", "cluster-solaire")]
    assert sfi.path == ["sfi", "green-business-booster", "cluster-solaire"]
    assert sfi.direct  # the booster is run by Cluster solaire itself


def test_sector_coverage_and_gaps_on_the_fixture(fixture_projection) -> None:  # type: ignore[no-untyped-def]
    coverage = m.sector_coverage(fixture_projection)
    assert {c: dict(n) for c, n in coverage.counts.items()} == {
        "LB": {"agri-food": 1}, "MA": {"agri-food": 1, "cosmetics": 1, "cleantech": 1}, "TN": {"technical-textiles": 1}}
    assert coverage.gaps == {
        "LB": ["cleantech", "cosmetics", "technical-textiles"], "MA": ["technical-textiles"],
        "TN": ["agri-food", "cleantech", "cosmetics"]}


def test_structural_holes_agree_with_networkx(built) -> None:  # type: ignore[no-untyped-def]
    from medkg.analysis.projection import undirected

    graphs = [undirected(project(built.store).graph), nx.gnp_random_graph(60, 0.08, seed=5), nx.karate_club_graph()]
    for g in graphs:
        g.add_node("alone")
        effective, constraint = m.structural_holes(g)
        expected_e, expected_c = nx.effective_size(g), nx.constraint(g)
        for v in g:
            if g.degree(v) == 0:  # undefined for an isolated node (networkx: NaN)
                assert effective[v] is None and constraint[v] is None
            else:
                assert effective[v] == pytest.approx(expected_e[v]), v
                assert constraint[v] == pytest.approx(expected_c[v]), v
