"""The SHACL shapes accept well-formed data and reject each kind of mistake for its own reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from medkg.ontology.check import check_shapes
from medkg.ontology.validation import validate

FIXTURES = Path(__file__).parent / "fixtures" / "shacl"
ID = "https://w3id.org/medkg/id/"
MKG = "https://w3id.org/medkg/def/"
SHAPES = "https://w3id.org/medkg/def/shapes/"


def _graph(name: str) -> Graph:
    return Graph().parse(FIXTURES / name, format="turtle")


def test_the_shapes_are_well_formed_shacl_with_targets_and_messages() -> None:
    assert check_shapes() == []


def test_a_well_formed_dataset_conforms_with_no_result_at_all() -> None:
    data = Dataset()
    data.parse(FIXTURES / "good.trig", format="trig")
    report = validate(data)
    assert report.conforms, report.text()
    assert report.results == []


@pytest.mark.parametrize(
    ("fixture", "focus", "path", "shape", "value"),
    [
        ("funding-without-funder.ttl", "funding-without-funder", "funder", "Funding-funder", None),
        ("amount-as-string.ttl", "giz-funds-menara/amount", "value", "MonetaryAmount-value", Literal("9,000 euros")),
        ("currency-not-iso.ttl", "giz-funds-menara/amount", "currency", "MonetaryAmount-currency", Literal("euros")),
        ("date-as-text.ttl", "menara-selected", "date", "date-datatype", Literal("in the spring of 2022")),
        ("two-countries.ttl", "two-seats", "country", "Organization-country-max", None),
        ("fact-without-source.ttl", "giz-menara-partnership", "source", "Fact-source", None),
    ],
)
def test_each_mistake_is_rejected_for_its_own_reason(
    fixture: str, focus: str, path: str, shape: str, value: Literal | None
) -> None:
    report = validate(_graph(fixture))
    assert not report.conforms
    assert len(report.violations) == 1, report.text()
    result = report.violations[0]
    assert result.focus_node == URIRef(ID + focus)
    assert result.path == URIRef(MKG + path)
    assert result.source_shape == URIRef(SHAPES + shape)
    if value is not None:
        assert result.value == value
    assert result.message  # every shape says what is wrong in words
    assert f"mkgsh:{shape}" in report.text() and focus in report.text()


def test_a_missing_country_is_a_warning_that_does_not_break_conformance() -> None:
    data = _graph("two-countries.ttl")
    data.remove((URIRef(ID + "two-seats"), URIRef(MKG + "country"), None))
    report = validate(data)
    assert report.conforms
    assert [(r.severity, r.focus_node, r.source_shape) for r in report.results] == [
        ("Warning", URIRef(ID + "two-seats"), URIRef(SHAPES + "Organization-country-missing"))
    ]
    assert "Warning:" in report.text() and "two-seats" in report.text()


def test_target_classes_reach_subclasses_through_the_mixed_in_ontology() -> None:
    """mkg:Cluster is only a subclass of mkg:Organization, mkg:Partnership of mkg:Fact."""
    report = validate(_graph("fact-without-source.ttl"))
    assert {r.source_shape for r in report.results} == {URIRef(SHAPES + "Fact-source")}


def test_a_cofunding_rate_above_one_is_rejected() -> None:
    data = Dataset()
    data.parse(FIXTURES / "good.trig", format="trig")
    funding = URIRef(ID + "drosos-funds-cluster-solaire")
    graph = data.graph(URIRef("https://w3id.org/medkg/graph/cluster-solaire-news"))
    graph.set((funding, URIRef(MKG + "cofundingRate"), Literal("90", datatype="http://www.w3.org/2001/XMLSchema#decimal")))
    report = validate(data)
    assert [(r.focus_node, r.source_shape) for r in report.violations] == [
        (funding, URIRef(SHAPES + "cofundingRate-range"))
    ]


def test_the_seed_dataset_has_no_violation(built) -> None:
    data = Dataset()
    data.parse(data=(built.out_dir / "medkg.trig").read_text(encoding="utf-8"), format="trig")
    report = validate(data)
    assert report.violations == [], report.text()
    # the seed documents do not state the seat of GIZ: a warning, not an error
    assert (URIRef(ID + "giz"), URIRef(SHAPES + "Organization-country-missing")) in {
        (r.focus_node, r.source_shape) for r in report.warnings
    }
