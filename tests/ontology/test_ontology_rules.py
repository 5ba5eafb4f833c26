"""The SPARQL rules the build runs infer the same role members as HermiT does from the OWL
definitions, on a small example and on the seed dataset."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from medkg.ontology import ontology_files
from medkg.ontology.check import hermit_inferred_types
from medkg.ontology.rules import inference_rules
from medkg.ontology.terms import MKG

FIXTURES = Path(__file__).parent / "fixtures"
ID = "https://w3id.org/medkg/id/"
ROLES = {str(MKG.Funder), str(MKG.FundingRecipient), str(MKG.SelectedOrganization), str(MKG.PartnerOrganization)}


def _rule_members(store: ox.Store) -> set[tuple[str, str]]:
    found = set()
    for _, query in inference_rules():
        for triple in store.query(query, use_default_graph_as_union=True):
            found.add((triple.subject.value, triple.object.value))
    return {(s, c) for s, c in found if c in ROLES}


def _hermit_members(graph: Graph) -> set[tuple[str, str]]:
    return {(s, c) for s, c in hermit_inferred_types(graph) if c in ROLES}


def _short(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(s.removeprefix(ID), c.rsplit("/", 1)[1]) for s, c in pairs}


def test_one_rule_per_defined_class_plus_the_annotated_rule() -> None:
    names = [name for name, _ in inference_rules()]
    assert names == [
        "mkg:CrossBorderPartnership (rule)",
        "mkg:Funder",
        "mkg:FundingRecipient",
        "mkg:PartnerOrganization",
        "mkg:SelectedOrganization",
    ]
    funder = dict(inference_rules())["mkg:Funder"]
    assert "PREFIX mkg: <https://w3id.org/medkg/def/>" in funder
    assert "(mkg:funds | ^mkg:funder)" in funder  # the inverse read backwards
    assert "a/rdfs:subClassOf* mkg:Organization" in funder


@pytest.fixture(scope="module")
def example() -> tuple[Graph, ox.Store]:
    graph = Graph()
    store = ox.Store()
    for path in [*ontology_files(), FIXTURES / "roles.ttl"]:
        graph.parse(path, format="turtle")
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"urn:graph:{path.stem}"))
    return graph, store


def test_rules_find_the_expected_role_members(example) -> None:
    _, store = example
    assert _short(_rule_members(store)) == {
        ("fondation-drosos", "Funder"),
        ("giz", "Funder"),  # stated as "GIZ mkg:funds ...", the inverse of mkg:funder
        ("cluster-solaire", "FundingRecipient"),
        ("cluster-menara", "FundingRecipient"),
        ("cluster-menara", "SelectedOrganization"),
        ("cluster-solaire", "PartnerOrganization"),
        ("mitc", "PartnerOrganization"),
    }


def test_rules_and_hermit_agree_on_the_example(example) -> None:
    graph, store = example
    assert _rule_members(store) == _hermit_members(graph)


def test_rules_and_hermit_agree_on_the_seed_dataset(built) -> None:
    """HermiT reasons over every graph but the inferred one; the build's rules filled that one."""
    inferred = ox.NamedNode("https://w3id.org/medkg/graph/inferred")
    graph = Graph()
    graph.parse(
        data=ox.serialize((q.triple for q in built.store if q.graph_name != inferred), format=ox.RdfFormat.N_TRIPLES),
        format="nt",
    )
    by_rules = {
        (q.subject.value, q.object.value)
        for q in built.store.quads_for_pattern(None, None, None, inferred)
        if q.object.value in ROLES
    }
    assert (ID + "cluster-solaire", str(MKG.FundingRecipient)) in by_rules
    assert by_rules == _hermit_members(graph)
