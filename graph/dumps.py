"""Writing the dataset as files any RDF tool reads, byte for byte the same for the same sources.

Quads are sorted before serialising and no blank node is ever minted, so two builds of the same
sources give identical files. Named graphs survive in TriG, N-Quads and JSON-LD; the Turtle
dump is the union of all graphs as one graph (graph names are dropped there, by design).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from medkg.namespaces import PREFIXES

DUMPS = {
    "medkg.trig": ox.RdfFormat.TRIG,
    "medkg.nq": ox.RdfFormat.N_QUADS,
    "medkg.ttl": ox.RdfFormat.TURTLE,
    "medkg.jsonld": ox.RdfFormat.JSON_LD,
}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _key(term: object) -> str:
    return str(term)


def sorted_quads(store: ox.Store) -> list[ox.Quad]:
    """Every quad of the store in one fixed order: graph, subject, predicate, object."""
    return sorted(store, key=lambda q: (_key(q.graph_name), _key(q.subject), _key(q.predicate), _key(q.object)))


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union graph: each triple once, whichever graphs state it."""
    triples = {q.triple for q in quads}
    return sorted(triples, key=lambda t: (_key(t.subject), _key(t.predicate), _key(t.object)))


def write_dumps(store: ox.Store, out_dir: Path) -> dict[str, Path]:
    """Write every dump format into ``out_dir``; returns the files written by name."""
    quads = sorted_quads(store)
    triples = union_triples(quads)
    written: dict[str, Path] = {}
    for name, fmt in DUMPS.items():
        path = out_dir / name
        if fmt == ox.RdfFormat.JSON_LD:
            path.write_text(jsonld(quads), encoding="utf-8")
            written[name] = path
            continue
        data: Iterable[ox.Quad] | Iterable[ox.Triple] = triples if fmt == ox.RdfFormat.TURTLE else quads
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD) else None
        ox.serialize(data, str(path), fmt, prefixes=prefixes)
        written[name] = path
    return written


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and "/" not in iri[len(namespace) :]:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _object(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"@id": term.value}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return {"@value": term.value}
    return {"@value": term.value, "@type": _compact(term.datatype.value)}


def jsonld(quads: list[ox.Quad]) -> str:
    """JSON-LD with one object per named graph, written in the quads' (sorted) order.

    pyoxigraph's JSON-LD writer groups nodes in hash order, which differs between runs; this
    writer keeps the dump byte-identical across builds. Predicates and types are compacted
    with the project's prefixes, declared in the @context.
    """
    graphs = []
    for graph, in_graph in groupby(quads, key=lambda q: q.graph_name):
        nodes = []
        for subject, about in groupby(in_graph, key=lambda q: q.subject):
            node: dict[str, object] = {"@id": _object(subject)["@id"]}
            for predicate, values in groupby(about, key=lambda q: q.predicate):
                objects = [q.object for q in values]
                if predicate.value == RDF_TYPE and all(isinstance(o, ox.NamedNode) for o in objects):
                    node["@type"] = [_compact(o.value) for o in objects]
                else:
                    node[_compact(predicate.value)] = [_object(o) for o in objects]
            nodes.append(node)
        graphs.append({"@id": graph.value, "@graph": nodes})  # type: ignore[union-attr]
    document = {"@context": dict(PREFIXES), "@graph": graphs}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
