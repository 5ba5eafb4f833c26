"""The shortest chain of stated relations between two named actors of the seed data."""

from __future__ import annotations

import pytest

from medkg.analysis.measures import shortest_chains
from medkg.analysis.projection import Projection, project


@pytest.fixture(scope="module")
def seed(built) -> Projection:  # type: ignore[no-untyped-def]
    return project(built.store)


def test_cluster_menara_reaches_the_eu_through_the_voucher_and_the_next_society(seed: Projection) -> None:
    # Document 004: Menara was selected for the Scale-up voucher, which builds on THE NEXT SOCIETY,
    # which the EU co-funds up to 90%.
    chains = shortest_chains(seed, "Cluster Menara", "EU")
    first = chains[0]
    assert first.nodes == ["cluster-menara", "scale-up-voucher", "the-next-society", "eu"]
    assert [(s.source, s.relation, s.target) for s in first.steps] == [
        ("cluster-menara", "selected_for", "scale-up-voucher"),
        ("scale-up-voucher", "part_of", "the-next-society"),
        ("eu", "funds", "the-next-society"),
    ]
    funding = first.steps[-1].data
    assert (funding["fact"], funding["cofunding_rate"], funding["sources"]) == (
        "eu-cofunds-the-next-society", 0.9, ["scale-up-voucher-2022"])
    assert first.describe(seed) == (
        "Cluster Menara is selected for Scale-up voucher for Clusters; "
        "Scale-up voucher for Clusters is part of THE NEXT SOCIETY; "
        "EU funds THE NEXT SOCIETY (up to 90% co-funding)")
    # no other chain is as short: Berytech, which runs the voucher, adds a step
    assert len(chains) == 1


def test_chain_between_cluster_solaire_and_its_funder_is_one_step(seed: Projection) -> None:
    (chain,) = shortest_chains(seed, "cluster-solaire", "Fondation Drosos")
    assert [(s.source, s.relation, s.target) for s in chain.steps] == [("fondation-drosos", "funds", "cluster-solaire")]


def test_unconnected_and_unknown_actors(seed: Projection) -> None:
    # ClusterXchange (document 003) is named but related to nothing else in the sources
    assert shortest_chains(seed, "ClusterXchange", "Cluster Menara") == []
    with pytest.raises(LookupError, match="no actor or programme is called 'Atlantis'"):
        shortest_chains(seed, "Atlantis", "EU")
