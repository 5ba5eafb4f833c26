"""The MedKG ontology, its concept schemes and its SHACL shapes, shipped as package data."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
ONTOLOGY_FILE = HERE / "medkg.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
VOCAB_FILES = tuple(sorted((HERE / "vocab").glob("*.ttl")))


def ontology_files() -> tuple[Path, ...]:
    """The ontology and its concept schemes: what goes into the dataset's ontology graph."""
    return (ONTOLOGY_FILE, *VOCAB_FILES)
