"""The VoID/DCAT description of the dataset: what it holds, where it comes from, how to get it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from medkg import __version__
from medkg import namespaces as ns
from medkg.graph.dumps import DUMPS

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
MEDIA_TYPES = {
    "medkg.trig": "application/trig",
    "medkg.nq": "application/n-quads",
    "medkg.ttl": "text/turtle",
    "medkg.jsonld": "application/ld+json",
}
VOCABULARIES = ("mkg", "org", "schema", "foaf", "prov", "skos", "dct", "rdfs")


def build_date() -> dt.date:
    """The build's date: from SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()


def _count(store: ox.Store, query: str) -> list[tuple[str, int]]:
    return [(row[0].value, int(row[1].value)) for row in store.query(query, use_default_graph_as_union=True)]


def entities_per_class(store: ox.Store) -> list[tuple[str, int]]:
    """Distinct subjects per MedKG class, outside the ontology graph."""
    onto = ns.graph_iri("ontology")
    query = f"""
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          GRAPH ?g {{ ?s a ?class }} FILTER (?g != <{onto}> && STRSTARTS(STR(?class), "{ns.DEF}"))
        }} GROUP BY ?class ORDER BY ?class"""
    return _count(store, query)


def triples_per_graph(store: ox.Store) -> list[tuple[str, int]]:
    return _count(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")


def describe(store: ox.Store, issued: dt.date, sources: Iterable[tuple[str, str]]) -> list[ox.Triple]:
    """The dataset description as triples; ``sources`` pairs each graph name with its document IRI."""
    dataset = ox.NamedNode(ns.dataset_iri())
    base = ns.base()
    out: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Triple(s, ox.NamedNode(p), o))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))

    add(dataset, str(RDF_TYPE.value), ox.NamedNode(VOID + "Dataset"))
    add(dataset, str(RDF_TYPE.value), ox.NamedNode(DCAT + "Dataset"))
    add(dataset, DCT + "title", ox.Literal("MedKG: the Mediterranean cluster ecosystem", language="en"))
    add(
        dataset,
        DCT + "description",
        ox.Literal(
            "Clusters, their funders, programmes, calls, fundings, partnerships and sectors in the "
            "Mediterranean, curated from source documents with the quoted sentence behind every fact.",
            language="en",
        ),
    )
    add(dataset, DCT + "license", ox.NamedNode(LICENSE))
    add(dataset, DCT + "issued", ox.Literal(issued.isoformat(), datatype=ox.NamedNode(XSD + "date")))
    add(dataset, "http://www.w3.org/2002/07/owl#versionInfo", ox.Literal(__version__))
    add(dataset, VOID + "uriSpace", ox.Literal(base + "id/"))
    add(dataset, VOID + "sparqlEndpoint", ox.NamedNode(base + "sparql"))
    for prefix in VOCABULARIES:
        add(dataset, VOID + "vocabulary", ox.NamedNode(ns.PREFIXES[prefix]))

    total = sum(n for _, n in triples_per_graph(store))
    add(dataset, VOID + "triples", integer(total))
    subjects = next(iter(store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))[0]
    add(dataset, VOID + "distinctSubjects", integer(int(subjects.value)))
    classes = entities_per_class(store)
    add(dataset, VOID + "entities", integer(sum(n for _, n in classes)))
    add(dataset, VOID + "classes", integer(len(classes)))
    for cls, n in classes:
        part = ox.NamedNode(f"{ns.dataset_iri()}/class/{cls[len(ns.DEF):]}")
        add(dataset, VOID + "classPartition", part)
        add(part, VOID + "class", ox.NamedNode(cls))
        add(part, VOID + "entities", integer(n))

    documents = dict(sources)
    for graph, n in triples_per_graph(store):
        node = ox.NamedNode(graph)
        add(dataset, VOID + "subset", node)
        add(node, str(RDF_TYPE.value), ox.NamedNode(VOID + "Dataset"))
        add(node, VOID + "triples", integer(n))
        if graph in documents:
            add(node, DCT + "source", ox.NamedNode(documents[graph]))

    for name in DUMPS:
        url = ox.NamedNode(f"{base}dumps/{name}")
        add(dataset, VOID + "dataDump", url)
        dist = ox.NamedNode(f"{ns.dataset_iri()}/distribution/{Path(name).suffix[1:]}")
        add(dataset, DCAT + "distribution", dist)
        add(dist, str(RDF_TYPE.value), ox.NamedNode(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", url)
        add(dist, DCAT + "mediaType", ox.Literal(MEDIA_TYPES[name]))
    return sorted(out, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def write_void(triples: list[ox.Triple], path: Path) -> None:
    prefixes = {p: ns.PREFIXES[p] for p in ("void", "dcat", "dct", "xsd", "mkg")}
    ox.serialize(triples, str(path), ox.RdfFormat.TURTLE, prefixes=prefixes)
