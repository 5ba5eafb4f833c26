"""The MedKG ontology, its concept schemes and its SHACL shapes, shipped as package data."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

HERE = Path(__file__).parent
ONTOLOGY_FILE = HERE / "medkg.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
VOCAB_FILES = tuple(sorted((HERE / "vocab").glob("*.ttl")))


def ontology_files() -> tuple[Path, ...]:
    """The ontology and its concept schemes: what goes into the dataset's ontology graph."""
    return (ONTOLOGY_FILE, *VOCAB_FILES)


@cache
def ontology_graph() -> Graph:
    """The ontology and its concept schemes parsed once; callers read it and never change it."""
    graph = Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return graph
