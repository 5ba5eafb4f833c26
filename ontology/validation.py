"""SHACL validation of MedKG data against ``shapes.ttl``, with the ontology mixed in.

The ontology is mixed into the data (what pyshacl's ``ont_graph`` does, done here without
copying the data) rather than reasoned over: the mixed-in ``rdfs:subClassOf`` triples are
enough for ``sh:targetClass mkg:Organization`` to reach clusters and agencies, and skipping
RDFS inference keeps large graphs fast (benchmarks/bench_shacl.py). A dataset is validated as
the union of its graphs, the way queries see it: a fact's document is described in the same
source graph, but the subclass axioms live in the ontology graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyshacl
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from medkg.ontology import SHAPES_FILE, ontology_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
_PREFIXES = {
    "https://w3id.org/medkg/def/shapes/": "mkgsh:",
    "https://w3id.org/medkg/def/": "mkg:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://purl.org/dc/terms/": "dct:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: which node broke which shape, at which path, with which value."""

    severity: str  # "Violation", "Warning" or "Info"
    focus_node: Node
    path: Node | None
    value: Node | None
    message: str
    source_shape: Node

    def render(self) -> str:
        parts = [f"{self.severity}: {_short(self.focus_node)}"]
        if self.path is not None:
            parts.append(f" {_short(self.path)}")
        if self.value is not None:
            parts.append(f" = {_short(self.value)}")
        parts.append(f" — {self.message} [{_short(self.source_shape)}]")
        return "".join(parts)


@dataclass
class ValidationReport:
    """Whether the data conforms (warnings do not break conformance) and every result."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    def text(self) -> str:
        """A plain report: a summary line, then violations before warnings."""
        head = (
            "Data conforms to the MedKG shapes"
            if self.conforms
            else "Data does NOT conform to the MedKG shapes"
        )
        head += f" ({len(self.violations)} violations, {len(self.warnings)} warnings)."
        order = {"Violation": 0, "Warning": 1, "Info": 2}
        lines = sorted(self.results, key=lambda r: (order.get(r.severity, 3), str(r.focus_node)))
        return "\n".join([head, *(r.render() for r in lines)])

    __str__ = text


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")




def validate(data: Graph | Dataset) -> ValidationReport:
    """Validate MedKG data (a graph, or a dataset taken as the union of its graphs).

    A plain graph is validated in place: the ontology triples it lacks are added for the run
    and removed afterwards, which spares copying a large graph.
    """
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        graph = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            graph.add((s, p, o))
    else:
        graph = data
    added = [triple for triple in ontology_graph() if triple not in graph]
    for triple in added:
        graph.add(triple)
    try:
        conforms, report, _ = pyshacl.validate(
            graph,
            shacl_graph=_shapes(),
            inference="none",
            allow_warnings=True,
            advanced=False,
            inplace=True,
        )
    finally:
        if graph is data:
            for triple in added:
                graph.remove(triple)
    return ValidationReport(conforms=bool(conforms), results=_results(report))


def _results(report: Graph) -> list[ValidationResult]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        message = report.value(node, SH.resultMessage)
        results.append(
            ValidationResult(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus_node=report.value(node, SH.focusNode),
                path=report.value(node, SH.resultPath),
                value=report.value(node, SH.value),
                message=str(message) if message is not None else "",
                source_shape=report.value(node, SH.sourceShape),
            )
        )
    return results


def _short(node: Node) -> str:
    if isinstance(node, URIRef):
        for namespace, prefix in _PREFIXES.items():
            if node.startswith(namespace):
                return prefix + node[len(namespace) :]
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    return str(node)
