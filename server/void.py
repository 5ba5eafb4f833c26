"""The dataset's own description (``dist/void.ttl``): served at ``/.well-known/void`` and summarised on the home page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from medkg.namespaces import PREFIXES

VOID = PREFIXES["void"]
DCT = PREFIXES["dct"]
DCAT = PREFIXES["dcat"]

COUNTS = ("triples", "entities", "classes", "properties", "distinctSubjects", "distinctObjects", "documents")


@dataclass
class Subset:
    iri: str
    title: str
    triples: int | None
    source: str | None = None
    """The source document the graph was curated from (``dct:source``), if it is one."""


@dataclass
class Summary:
    """What the home page shows of the VoID description."""

    title: str = "MedKG"
    description: str = ""
    counts: list[tuple[str, int]] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)
    license: str | None = None
    subsets: list[Subset] = field(default_factory=list)


class VoidDescription:
    """``void.ttl`` parsed once: it is ours, small, and read-only while the server runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.triples: list[ox.Triple] = [
            quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        ]

    def describe(self, iri: str, dataset_iri: str) -> list[ox.Triple]:
        """The VoID triples about ``iri``: all of them for the dataset itself, else its own."""
        if iri == dataset_iri:
            return list(self.triples)
        return [t for t in self.triples if t.subject.value == iri]

    def _objects(self, subject: str, predicate: str) -> list[ox.NamedNode | ox.Literal]:
        return [
            t.object for t in self.triples if t.subject.value == subject and t.predicate.value == predicate
        ]

    def _text(self, subject: str, predicate: str) -> str:
        values = [o for o in self._objects(subject, predicate) if isinstance(o, ox.Literal)]
        english = [v for v in values if v.language in ("en", None, "")]
        return (english or values)[0].value if values else ""

    def summary(self, dataset_iri: str) -> Summary:
        """Title, counts, dates, licence and subsets of ``dataset_iri`` (or of the first void:Dataset)."""
        subjects = {t.subject.value for t in self.triples}
        if dataset_iri not in subjects:
            datasets = [
                t.subject.value
                for t in self.triples
                if t.predicate.value == PREFIXES["rdf"] + "type" and t.object.value == VOID + "Dataset"
            ]
            if not datasets:
                return Summary()
            dataset_iri = datasets[0]
        summary = Summary(
            title=self._text(dataset_iri, DCT + "title") or "MedKG",
            description=self._text(dataset_iri, DCT + "description"),
        )
        for name in COUNTS:
            values = self._objects(dataset_iri, VOID + name)
            if values and isinstance(values[0], ox.Literal):
                summary.counts.append((name, int(values[0].value)))
        for name in ("issued", "modified", "created"):
            text = self._text(dataset_iri, DCT + name)
            if text:
                summary.dates.append((name, text))
        licenses = self._objects(dataset_iri, DCT + "license")
        summary.license = licenses[0].value if licenses else None
        for subset in self._objects(dataset_iri, VOID + "subset"):
            triples = [o for o in self._objects(subset.value, VOID + "triples") if isinstance(o, ox.Literal)]
            sources = self._objects(subset.value, DCT + "source")
            summary.subsets.append(
                Subset(
                    iri=subset.value,
                    title=self._text(subset.value, DCT + "title") or subset.value.rsplit("/", 1)[-1],
                    triples=int(triples[0].value) if triples else None,
                    source=sources[0].value if sources else None,
                )
            )
        summary.subsets.sort(key=lambda s: s.title.lower())
        return summary
