"""The projection of the seed dataset onto a NetworkX graph, checked against what the documents say."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from medkg import namespaces as ns
from medkg.analysis.projection import Projection, flow_graph, project, undirected

FIXTURES = Path(__file__).parent / "fixtures"
SCALE_UP_CLUSTERS = {"ce3m", "cluster-2ts", "cluster-menara", "mdfc", "qoot", "valbiom"}


@pytest.fixture(scope="module")
def seed(built) -> Projection:  # type: ignore[no-untyped-def]
    return project(built.store)


def _edges(p: Projection, u: str, v: str) -> list[dict]:
    return list(p.graph.get_edge_data(u, v, default={}).values())


def test_scale_up_voucher_links_its_six_clusters_to_berytech_and_anima(seed: Projection) -> None:
    # Document 004: "Berytech, in partnership with Anima Investment Network, launched the Scale-up voucher
    # for Clusters"; "Six clusters were selected" (MDFC, Cluster Menara, 2TS, Qoot, CE3M, Valbiom).
    g = seed.graph
    selected = {u for u, v, d in g.in_edges("scale-up-voucher", data=True) if d["relation"] == "selected_for"}
    assert selected == SCALE_UP_CLUSTERS
    for cluster in SCALE_UP_CLUSTERS:
        (selection,) = _edges(seed, cluster, "scale-up-voucher")
        assert selection["fact_kind"] == "Selection"
        assert selection["sources"] == ["scale-up-voucher-2022"]
        assert "Six clusters were selected" in selection["quotation"]
    assert {d["relation"] for d in _edges(seed, "berytech", "scale-up-voucher")} == {"launches", "manages", "partnership_in"}
    assert {d["relation"] for d in _edges(seed, "anima-investment-network", "scale-up-voucher")} == {"partnership_in"}
    simple = undirected(g)
    for cluster in SCALE_UP_CLUSTERS:
        for operator in ("berytech", "anima-investment-network"):
            assert nx.shortest_path(simple, cluster, operator) == [cluster, "scale-up-voucher", operator]


def test_cluster_solaire_funders_and_supporters_are_neighbours_through_their_programmes(seed: Projection) -> None:
    # Document 002: a funding contract with the Fondation Drosos; Green Business Booster "avec le soutien de la SFI";
    # CSP indUse "en partenariat avec la Banque mondiale"; the label Taqapro "en partenariat avec AMEE et AMISOLE";
    # selected in the TAM III call "lancé par le ministère de l'Industrie et la GIZ".
    simple = undirected(seed.graph)
    through = {
        "sfi": "green-business-booster", "world-bank": "csp-induse", "amee": "taqapro", "amisole": "taqapro",
        "giz": "tam-iii-cluster-call", "mic": "tam-iii-cluster-call",
    }
    for supporter, programme in through.items():
        assert programme in simple["cluster-solaire"], programme
        assert supporter in simple[programme], (supporter, programme)
    (funding,) = [d for d in _edges(seed, "fondation-drosos", "cluster-solaire") if d["relation"] == "funds"]
    assert funding["fact_kind"] == "Funding"
    assert funding["sources"] == ["cluster-solaire-bilan-2019"]
    (support,) = _edges(seed, "sfi", "green-business-booster")
    assert (support["relation"], support["role"], support["date"]) == ("participates_in", "supporter", "2019")


def test_eu_funding_keeps_its_rate_source_and_quotation(seed: Projection) -> None:
    # Document 004: "co-funded by the EU up to 90%".
    (funding,) = _edges(seed, "eu", "the-next-society")
    assert funding["relation"] == "funds"
    assert (funding["cofunding_rate"], funding["cofunding_qualifier"]) == (0.9, "up-to")
    assert funding["fact_uri"] == ns.entity_iri("eu-cofunds-the-next-society")
    assert funding["source_title"] == "Scale-Up Voucher for Clusters: Six Mediterranean Clusters Join the Program"
    assert "co-funded by the EU up to 90%" in funding["quotation"]


def test_nodes_carry_kind_country_sectors_figures_and_sources(seed: Projection) -> None:
    menara = seed.graph.nodes["cluster-menara"]
    assert (menara["kind"], menara["category"], menara["label"], menara["country"]) == ("Cluster", "organization", "Cluster Menara", "MA")
    assert menara["sectors"] == ["agri-food", "cosmetics"]
    assert menara["figures"] == [("members", 100, None, "2022-04-11")]  # "Its 100 members" (004, 11 April 2022)
    solaire = seed.graph.nodes["cluster-solaire"]
    # Document 002: "130 membres", "10 partenariats", "une levée de fonds de 15 MDH" at the end of 2019
    assert {("members", 130, None, "2019-12-31"), ("partnerships", 10, None, "2019-12-31"),
            ("funds-raised", 15_000_000, "MAD", "2019-12-31")} <= set(solaire["figures"])
    assert solaire["sources"] == ["cluster-solaire-bilan-2019", "cluster-solaire-technopark-2021"]
    # "Valbiom is a national structure labeled by the Moroccan Ministry of Industry"
    (labelling,) = _edges(seed, "mic", "valbiom")
    assert (labelling["relation"], labelling["fact_kind"]) == ("awards_label", "Labelling")
    assert seed.graph.nodes["the-next-society"]["kind"] == "Project"
    assert seed.graph.nodes["escp-call"]["kind"] == "CallForProposals"
    assert seed.graph.nodes["rachid-bayed"]["kind"] == "Person"


def test_every_node_maps_back_to_an_iri_of_the_dataset(built, seed: Projection) -> None:  # type: ignore[no-untyped-def]
    for node, uri in seed.uris.items():
        assert seed.node_of(uri) == node
        assert seed.graph.nodes[node]["uri"] == uri
        assert built.store.query(f"ASK {{ <{uri}> ?p ?o }}", use_default_graph_as_union=True), uri
    assert seed.uris["cluster-menara"] == ns.entity_iri("cluster-menara")


def test_find_resolves_names_and_explains_ambiguity(seed: Projection) -> None:
    assert seed.find("Menara") == "cluster-menara"
    assert seed.find("cluster solaire") == "cluster-solaire"
    assert seed.find("2TS") == "cluster-2ts"
    assert seed.find(ns.entity_iri("berytech")) == "berytech"
    with pytest.raises(LookupError, match="ambiguous.*cluster-menara"):
        seed.find("cluster")
    with pytest.raises(LookupError, match="no actor or programme is called 'Atlantis'"):
        seed.find("Atlantis")


def test_country_and_sector_nodes_on_request(built) -> None:  # type: ignore[no-untyped-def]
    p = project(built.store, places=True, sectors=True)
    assert p.graph.nodes["country/MA"]["label"] == "Morocco"
    assert p.uris["country/MA"] == ns.country_iri("MA")
    assert [d["relation"] for d in p.graph.get_edge_data("cluster-menara", "country/MA").values()] == ["based_in"]
    assert {v for _, v, d in p.graph.out_edges("cluster-menara", data=True) if d["relation"] == "in_sector"} == {
        "sector/agri-food", "sector/cosmetics"}
    assert "country/MA" not in project(built.store).graph


def test_amounts_and_flows_on_a_small_fixture() -> None:
    store = ox.Store()
    store.load(path=str(FIXTURES / "ecosystem.trig"), format=ox.RdfFormat.TRIG)
    p = project(store)
    (funding,) = _edges(p, "european-union", "the-next-society")
    assert (funding["amount"], funding["currency"], funding["date"]) == (7_700_000, "EUR", "2017")
    assert p.graph.nodes["the-next-society"]["figures"] == [("budget", 7_700_000, "EUR", None)]
    flows = flow_graph(p.graph)
    # money goes from the EU into the project, from the project into its voucher, from the voucher to Menara
    assert nx.has_path(flows, "european-union", "cluster-menara")
    assert not nx.has_path(flows, "cluster-menara", "european-union")
    # a supporter's participation flows towards the programme; a partner's flows from it
    assert flows.has_edge("sfi", "green-business-booster") and not flows.has_edge("green-business-booster", "sfi")
    assert flows.has_edge("the-next-society", "berytech") and not flows.has_edge("berytech", "the-next-society")
