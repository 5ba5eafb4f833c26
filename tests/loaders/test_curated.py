"""The curated-YAML loader: what it writes for each record, and that it writes everything."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from pydantic import BaseModel

from medkg.graph.assemble import index_sources
from medkg.loaders import curated_schema as cs
from medkg.loaders.curated import CuratedYamlLoader, _decimal_lexical

FIXTURES = Path(__file__).parent / "fixtures"
ID = "https://w3id.org/medkg/id/"
DEF = "https://w3id.org/medkg/def/"


def _store(name: str) -> tuple[ox.Store, Any]:
    source = CuratedYamlLoader().read(FIXTURES / name)
    store = ox.Store()
    store.extend(source.quads(index_sources([source])))
    return store, source


def _ask(store: ox.Store, where: str) -> bool:
    query = f"PREFIX mkg: <{DEF}> PREFIX id: <{ID}> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ASK {{ {where} }}"
    return bool(store.query(query, use_default_graph_as_union=True))


def test_funding_is_a_node_with_amount_currency_source_and_quote() -> None:
    store, _ = _store("minimal.yaml")
    assert _ask(
        store,
        """GRAPH <https://w3id.org/medkg/graph/test-doc> {
             id:test-funding a mkg:Funding ; mkg:funder id:test-funder ; mkg:recipient id:test-cluster ;
               mkg:throughProgramme id:test-programme ; mkg:date "2019"^^xsd:gYear ;
               mkg:amount ?a ; mkg:source <https://w3id.org/medkg/source/test-doc> ;
               mkg:quotation "Test Foundation gave 15 MDH to Test Cluster."@en .
             ?a mkg:value "15000000"^^xsd:decimal ; mkg:currency "MAD" }""",
    )


def test_entity_names_keep_their_languages_and_alternatives() -> None:
    store, _ = _store("minimal.yaml")
    labels = {
        (row["l"].value, row["l"].language)
        for row in store.query(
            f"SELECT ?l WHERE {{ <{ID}test-cluster> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}",
            use_default_graph_as_union=True,
        )
    }
    assert labels == {("Test Cluster", "en"), ("Cluster Test", "fr")}
    assert _ask(store, f'id:test-cluster <http://www.w3.org/2004/02/skos/core#altLabel> "TC"@en ; mkg:country <{ID}country/MA>')


def test_measurement_keeps_value_and_date() -> None:
    store, _ = _store("minimal.yaml")
    assert _ask(
        store,
        """id:test-members a mkg:Measurement ; mkg:measuredEntity id:test-cluster ;
             mkg:quantityKind <https://w3id.org/medkg/def/quantity/members> ;
             mkg:value "130"^^xsd:decimal ; mkg:date "2019-12-31"^^xsd:date""",
    )


def test_document_description_in_its_graph() -> None:
    store, _ = _store("minimal.yaml")
    assert _ask(
        store,
        """GRAPH <https://w3id.org/medkg/graph/test-doc> {
             <https://w3id.org/medkg/source/test-doc> a mkg:SourceDocument ;
               <http://purl.org/dc/terms/identifier> "test_doc.txt" ;
               <http://purl.org/dc/terms/date> "2022-04-11"^^xsd:date .
             <https://w3id.org/medkg/graph/test-doc> <http://www.w3.org/ns/prov#wasDerivedFrom>
               <https://w3id.org/medkg/source/test-doc> }""",
    )


def _leaves(value: Any, name: str = "") -> list[tuple[str, Any]]:
    """Every value a curator wrote in a record, with the field it sits in."""
    if isinstance(value, cs.DateValue):
        return [(name, value.lexical)]
    if isinstance(value, BaseModel):
        return [leaf for field, v in value for leaf in _leaves(v, field)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v, name)]
    if isinstance(value, dict):
        return [(name, v) for v in value.values()]
    if value is None:
        return []
    if isinstance(value, Decimal):
        return [(name, _decimal_lexical(value))]
    return [(name, str(value))]


def test_nothing_a_curator_writes_vanishes() -> None:
    """Every field value of the everything fixture appears in the source's named graph."""
    store, source = _store("everything.yaml")
    text = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode()
    leaves = _leaves(source.model)
    assert len(leaves) > 150
    missing = [
        (field, value)
        for field, value in leaves
        if f'"{value}"' not in text and f"/{value}>" not in text and f'"{value}"@' not in text
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("where", "warning"),
    [
        ("document", "flagged: document flag text"),
        ("org-a", "org-a flagged: org a flag"),
        ("budget", "prog-a budget flagged: budget flag"),
        ("fact-funding", "fact-funding flagged: funding flag"),
    ],
)
def test_flags_are_warnings_with_a_line(where: str, warning: str) -> None:
    _, source = _store("everything.yaml")
    matches = [w for w in source.warnings if warning in w.message]
    assert len(matches) == 1, where
    assert matches[0].location.line is not None and matches[0].location.path.name == "everything.yaml"
