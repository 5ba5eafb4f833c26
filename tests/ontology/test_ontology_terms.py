"""The ontology file itself: it parses, every term is labelled and defined, the alignments hold,
and the code's term list (``MKG``) is exactly what the ontology declares."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection

from medkg.namespaces import DEF
from medkg.ontology import ONTOLOGY_FILE, VOCAB_FILES, ontology_files
from medkg.ontology.terms import MKG

ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return g


def _declared(g: Graph, *types: URIRef) -> set[URIRef]:
    return {
        s
        for t in types
        for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(DEF) and "/" not in s[len(DEF) :]
    }


def test_the_ontology_and_the_three_concept_schemes_parse() -> None:
    assert {p.name for p in VOCAB_FILES} == {"kinds.ttl", "sectors.ttl", "services.ttl"}
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    assert (URIRef("https://w3id.org/medkg/def"), RDF.type, OWL.Ontology) in g


def test_every_class_and_property_has_english_french_italian_labels_and_an_english_definition(onto: Graph) -> None:
    terms = _declared(onto, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    assert MKG.Funding in terms and MKG.cofundingRate in terms
    missing = []
    for term in sorted(terms):
        langs = {o.language for o in onto.objects(term, RDFS.label) if isinstance(o, Literal)}
        if not {"en", "fr", "it"} <= langs:
            missing.append(f"{term}: labels in {sorted(langs)}")
        if not any(o.language == "en" for o in onto.objects(term, SKOS.definition)):
            missing.append(f"{term}: no English definition")
    assert missing == []


def test_every_concept_and_scheme_has_english_french_italian_labels(onto: Graph) -> None:
    concepts = set(onto.subjects(RDF.type, SKOS.Concept)) | set(onto.subjects(RDF.type, SKOS.ConceptScheme))
    assert URIRef(DEF + "sector/cleantech") in concepts
    missing = [
        str(c)
        for c in concepts
        if not {"en", "fr", "it"} <= {o.language for o in onto.objects(c, SKOS.prefLabel)}
    ]
    assert missing == []


def test_the_term_list_in_code_is_exactly_what_the_ontology_declares(onto: Graph) -> None:
    declared = _declared(
        onto, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, SKOS.ConceptScheme
    )
    in_code = {URIRef(DEF + name) for name in MKG.__annotations__}
    assert in_code - declared == set(), "terms in MKG that the ontology does not declare"
    assert declared - in_code == set(), "terms the ontology declares that MKG lacks"


def test_a_misspelt_term_fails_at_once() -> None:
    with pytest.raises(AttributeError, match="Fundng"):
        MKG.Fundng  # noqa: B018


def _ancestors(g: Graph, term: URIRef, prop: URIRef) -> set[URIRef]:
    return set(g.transitive_objects(term, prop))


@pytest.mark.parametrize(
    ("term", "prop", "ancestor"),
    [
        (MKG.Cluster, RDFS.subClassOf, URIRef(ORG + "FormalOrganization")),
        (MKG.Cluster, RDFS.subClassOf, URIRef(SCHEMA + "Organization")),
        (MKG.Funding, RDFS.subClassOf, URIRef(SCHEMA + "MonetaryGrant")),
        (MKG.Funding, RDFS.subClassOf, URIRef("http://purl.org/cerif/frapo/Funding")),
        (MKG.Programme, RDFS.subClassOf, URIRef(SCHEMA + "FundingScheme")),
        (MKG.Programme, RDFS.subClassOf, URIRef("http://data.europa.eu/s66#FundingScheme")),
        (MKG.Person, RDFS.subClassOf, URIRef(FOAF + "Person")),
        (MKG.Post, RDFS.subClassOf, URIRef(ORG + "Post")),
        (MKG.Membership, RDFS.subClassOf, URIRef(ORG + "Membership")),
        (MKG.Fact, RDFS.subClassOf, URIRef(PROV + "Entity")),
        (MKG.Country, RDFS.subClassOf, URIRef(SCHEMA + "Place")),
        (MKG.partner, RDFS.subPropertyOf, URIRef(ORG + "hasMember")),
        (MKG.holder, RDFS.subPropertyOf, URIRef(ORG + "heldBy")),
        (MKG.postIn, RDFS.subPropertyOf, URIRef(ORG + "postIn")),
        (MKG.source, RDFS.subPropertyOf, URIRef(PROV + "wasDerivedFrom")),
        (MKG.funder, RDFS.subPropertyOf, URIRef(SCHEMA + "funder")),
        (MKG.parentOrganization, RDFS.subPropertyOf, URIRef(ORG + "subOrganizationOf")),
    ],
)
def test_alignment_to_reused_vocabularies(onto: Graph, term: URIRef, prop: URIRef, ancestor: URIRef) -> None:
    assert ancestor in _ancestors(onto, term, prop)


def test_inverse_pairs_behind_the_defined_classes(onto: Graph) -> None:
    pairs = {(s, o) for s, o in onto.subject_objects(OWL.inverseOf)}
    assert {
        (MKG.funds, MKG.funder),
        (MKG.receives, MKG.recipient),
        (MKG.selectedIn, MKG.selectedOrganization),
        (MKG.partnerIn, MKG.partner),
    } <= pairs


def test_person_organization_place_and_fact_are_disjoint(onto: Graph) -> None:
    groups = [
        set(Collection(onto, onto.value(axiom, OWL.members)))
        for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    assert any({MKG.Person, MKG.Organization, MKG.Place, MKG.Fact} <= group for group in groups)


def test_country_is_functional(onto: Graph) -> None:
    assert (MKG.country, RDF.type, OWL.FunctionalProperty) in onto


def test_sectors_map_to_nace_rev2_concept_iris(onto: Graph) -> None:
    """The EU's NACE Rev. 2 concepts are data.europa.eu/ux2/nace2/ + the code without dots
    (sections by their letter), and each mapping agrees with the sector's notation."""
    nace = "http://data.europa.eu/ux2/nace2/"
    cleantech = URIRef(DEF + "sector/cleantech")
    assert (cleantech, SKOS.closeMatch, URIRef(nace + "3511")) in onto
    assert str(onto.value(cleantech, SKOS.notation)) == "35.11"
    for concept, target in onto.subject_objects(SKOS.closeMatch):
        assert re.fullmatch(re.escape(nace) + r"([A-U]|\d{2,4})", str(target)), target
        notation = str(onto.value(concept, SKOS.notation))
        assert notation.replace(".", "") in {str(t)[len(nace) :] for t in onto.objects(concept, SKOS.closeMatch)}
