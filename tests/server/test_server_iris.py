"""Request paths map to MedKG IRIs and back, and nothing else becomes an IRI."""

from __future__ import annotations

import pytest

from medkg.server.iris import IriMap

MAP = IriMap("https://w3id.org/medkg/")


@pytest.mark.parametrize(
    ("path", "iri"),
    [
        ("/id/cluster-solaire", "https://w3id.org/medkg/id/cluster-solaire"),
        ("/id/country/MA", "https://w3id.org/medkg/id/country/MA"),
        (
            "/id/drosos-funds-cluster-solaire/amount",
            "https://w3id.org/medkg/id/drosos-funds-cluster-solaire/amount",
        ),
        ("/source/scale-up-voucher-2022", "https://w3id.org/medkg/source/scale-up-voucher-2022"),
        ("/graph/reference", "https://w3id.org/medkg/graph/reference"),
        ("/def/Cluster", "https://w3id.org/medkg/def/Cluster"),
        ("/def/sector/cleantech", "https://w3id.org/medkg/def/sector/cleantech"),
        ("/def", "https://w3id.org/medkg/def"),
        ("/dataset", "https://w3id.org/medkg/dataset"),
    ],
)
def test_paths_and_iris_correspond_both_ways(path: str, iri: str) -> None:
    assert MAP.iri_for_path(path) == iri
    assert MAP.path_for_iri(iri) == path


@pytest.mark.parametrize(
    "path", ["/id/", "/id", "/elsewhere/x", "/id/a>b", "/id/a b", '/id/a"b', "/id/a{b}", "/def/", "id/x"]
)
def test_other_paths_name_no_iri(path: str) -> None:
    assert MAP.iri_for_path(path) is None


def test_ontology_terms_keep_their_fixed_namespace_under_another_base() -> None:
    other = IriMap("http://127.0.0.1:8000/")
    assert other.iri_for_path("/def/Cluster") == "https://w3id.org/medkg/def/Cluster"
    assert other.iri_for_path("/id/giz") == "http://127.0.0.1:8000/id/giz"
    assert other.path_for_iri("https://w3id.org/medkg/id/giz") is None
    with pytest.raises(ValueError, match="must end with '/'"):
        IriMap("http://127.0.0.1:8000")
