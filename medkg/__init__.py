"""MedKG: a knowledge graph of the Mediterranean cluster ecosystem, published as linked data."""

__version__ = "0.1.0"
