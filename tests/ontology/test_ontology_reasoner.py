"""HermiT over the ontology: consistent as shipped; an inconsistent input is explained by a
minimal set of axioms, each named with the file it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from medkg.ontology.check import check_ontology

FIXTURES = Path(__file__).parent / "fixtures" / "inconsistent"


def test_the_shipped_ontology_is_consistent_and_hermit_infers_the_defined_roles() -> None:
    report = check_ontology()
    assert report.consistent, report.text()
    assert report.unsatisfiable == []
    assert report.ok
    # the defined classes are organisations by their definition, not by an asserted axiom
    assert {
        "mkg:Funder rdfs:subClassOf mkg:Organization",
        "mkg:FundingRecipient rdfs:subClassOf mkg:Organization",
        "mkg:SelectedOrganization rdfs:subClassOf mkg:Organization",
        "mkg:PartnerOrganization rdfs:subClassOf mkg:Organization",
    } <= set(report.inferred)
    assert "HermiT: consistent." in report.text()
    assert any("xsd:gYear" in note and "mkg:forYear" in note for note in report.notes)


@pytest.fixture(scope="module")
def person_and_organization():
    return check_ontology(FIXTURES / "person-and-organization.ttl")


def test_an_organisation_typed_as_a_person_is_inconsistent(person_and_organization) -> None:
    report = person_and_organization
    assert not report.consistent
    assert not report.ok


def test_the_report_names_exactly_the_conflicting_axioms(person_and_organization) -> None:
    axioms = {(a.turtle.split("\n")[0], a.origin) for a in person_and_organization.conflict}
    assert axioms == {
        ("data:cluster-solaire-ma a mkg:Cluster .", "person-and-organization.ttl"),
        ("data:cluster-solaire-ma a mkg:Person .", "person-and-organization.ttl"),
        ("mkg:Cluster rdfs:subClassOf mkg:Organization .", "medkg.ttl"),
        ("[] a owl:AllDisjointClasses ;", "medkg.ttl"),
    }
    disjoint = next(a.turtle for a in person_and_organization.conflict if "AllDisjointClasses" in a.turtle)
    assert "mkg:Organization mkg:Person" in disjoint
    text = person_and_organization.text()
    assert "INCONSISTENT" in text and "data:cluster-solaire-ma a mkg:Person .    # from person-and-organization.ttl" in text
    # the well-typed post holder and cluster of the same file are not blamed
    assert "rachid-bayed" not in text
