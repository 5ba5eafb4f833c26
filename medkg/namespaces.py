"""IRIs MedKG mints, in one place so that loaders, queries, maps and the server agree.

Terms live under ``{base}def/`` (fixed: they are the published vocabulary); entities, source
documents and named graphs live under a base that a deployment may change with ``MEDKG_BASE``.
"""

from __future__ import annotations

import os

DEFAULT_BASE = "https://w3id.org/medkg/"

DEF = "https://w3id.org/medkg/def/"
"""The ontology namespace (prefix ``mkg:``)."""

ONTOLOGY_IRI = "https://w3id.org/medkg/def"

PREFIXES: dict[str, str] = {
    "mkg": DEF,
    "sector": DEF + "sector/",
    "service": DEF + "service/",
    "role": DEF + "role/",
    "kind": DEF + "partnership-kind/",
    "quantity": DEF + "quantity/",
    "qualifier": DEF + "qualifier/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
}


def base() -> str:
    """The base of data IRIs: ``MEDKG_BASE`` if set (must end with '/'), else the default."""
    value = os.environ.get("MEDKG_BASE", DEFAULT_BASE)
    if not value.endswith("/"):
        raise ValueError(f"MEDKG_BASE must end with '/': {value!r}")
    return value


def entity_iri(slug: str, *, base_iri: str | None = None) -> str:
    """IRI of a curated entity or fact node."""
    return f"{base_iri or base()}id/{slug}"


def country_iri(code: str, *, base_iri: str | None = None) -> str:
    """IRI of a country, by its ISO 3166-1 alpha-2 code."""
    return f"{base_iri or base()}id/country/{code.upper()}"


def document_iri(doc_id: str, *, base_iri: str | None = None) -> str:
    """IRI of a source document."""
    return f"{base_iri or base()}source/{doc_id}"


def graph_iri(name: str, *, base_iri: str | None = None) -> str:
    """IRI of a named graph: one per source document, plus ``ontology`` and ``inferred``."""
    return f"{base_iri or base()}graph/{name}"


def dataset_iri(*, base_iri: str | None = None) -> str:
    """IRI of the dataset as a whole (described in void.ttl)."""
    return f"{base_iri or base()}dataset"
