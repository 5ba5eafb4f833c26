"""What the server says about one resource: its triples (for RDF documents) and its page's content.

Every query here names graphs explicitly (``GRAPH ?g``), so it reads the union of the named graphs
on the local store and on a remote store alike, and it knows which source graph says what.
IRIs written into these queries come from :class:`~medkg.server.iris.IriMap` (checked characters)
or from the store itself, and go through ``pyoxigraph.NamedNode`` before being written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from medkg.namespaces import DEF, PREFIXES
from medkg.server.iris import IriMap
from medkg.server.results import QueryResult, Solutions, Term
from medkg.server.workers import QueryRequest

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
SKOS_PREF = PREFIXES["skos"] + "prefLabel"
SKOS_ALT = PREFIXES["skos"] + "altLabel"
DCT_TITLE = PREFIXES["dct"] + "title"
LABELS = (RDFS_LABEL, SKOS_PREF, SKOS_ALT, DCT_TITLE)
DEFINITIONS = (PREFIXES["skos"] + "definition", PREFIXES["rdfs"] + "comment", PREFIXES["dct"] + "description")
QUOTATION = DEF + "quotation"
SOURCE = DEF + "source"
CLASS_TYPES = {PREFIXES["owl"] + "Class", PREFIXES["rdfs"] + "Class"}
PROPERTY_TYPES = {
    PREFIXES["owl"] + t for t in ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")
} | {PREFIXES["rdf"] + "Property"}

OUTGOING_LIMIT = 2000
INCOMING_LIMIT = 1000
MAP_NODES = 32
MAP_SKIPPED = {RDF_TYPE, SOURCE}
"""Links the map leaves out: types and provenance would tie every node to a few hubs."""
PAGE_ROWS = 5000


class Backend(Protocol):
    """Anything that answers a :class:`QueryRequest`: the worker pool or a remote endpoint."""

    async def run(self, request: QueryRequest, *, timeout: float | None = None) -> QueryResult: ...


def iri(value: str) -> str:
    """``value`` written as a SPARQL IRI; pyoxigraph rejects what is not an IRI."""
    return str(ox.NamedNode(value))


async def select(backend: Backend, query: str) -> list[dict[str, Term]]:
    result = await backend.run(QueryRequest(query, max_rows=PAGE_ROWS))
    assert isinstance(result, Solutions), "a SELECT query answers solutions"
    return result.dicts()


def _values(name: str, iris: list[str]) -> str:
    return f"VALUES ?{name} {{ {' '.join(iri(i) for i in iris)} }}"


async def resource_triples(backend: Backend, subject: str) -> list[ox.Triple]:
    """The resource's document: its own triples, those of the nodes it owns, and incoming links.

    Owned nodes are the structured values minted below the resource's IRI (``{fact}/amount``),
    which have no other page of their own worth visiting.
    """
    node = ox.NamedNode(subject)
    outgoing = await select(
        backend,
        f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {iri(subject)} ?p ?o }} }} LIMIT {OUTGOING_LIMIT}",
    )
    incoming = await select(
        backend,
        f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {iri(subject)} }} }} LIMIT {INCOMING_LIMIT}",
    )
    triples = [ox.Triple(node, row["p"], row["o"]) for row in outgoing]
    owned = _owned(subject, [row["o"] for row in outgoing])
    if owned:
        rows = await select(
            backend, f"SELECT DISTINCT ?x ?p ?o WHERE {{ {_values('x', owned)} GRAPH ?g {{ ?x ?p ?o }} }}"
        )
        triples += [ox.Triple(row["x"], row["p"], row["o"]) for row in rows]
    triples += [ox.Triple(row["s"], row["p"], node) for row in incoming]
    return triples


def _owned(subject: str, objects: list[Term]) -> list[str]:
    prefix = subject + "/"
    return sorted({o.value for o in objects if isinstance(o, ox.NamedNode) and o.value.startswith(prefix)})


@dataclass
class Link:
    """A resource as a page shows it: its label, and our page for it if we serve one."""

    iri: str
    label: str
    url: str | None


@dataclass
class Value:
    """One object of a statement: a link or a literal, with the graphs that state it."""

    link: Link | None = None
    text: str = ""
    language: str = ""
    datatype: str = ""
    graphs: list[Link] = field(default_factory=list)
    quotation: str = ""
    quotation_language: str = ""
    source: Link | None = None
    owned: list[tuple[Link, list[Value]]] = field(default_factory=list)


@dataclass
class Group:
    """All values of one property, outgoing or incoming."""

    predicate: Link
    values: list[Value]


@dataclass
class ResourceView:
    """Everything an HTML page shows about one resource."""

    iri: str
    title: str
    labels: list[tuple[str, str, str]]
    """(kind, language, text) for every label in every language."""
    types: list[Link]
    definitions: list[tuple[str, str]]
    quotations: list[tuple[str, str, Link | None]]
    outgoing: list[Group]
    incoming: list[Group]
    facts: list[Value]
    """Nodes that point here and carry a quotation: the facts about this resource, with their sources."""
    kind: str
    """'class', 'property', 'graph', 'source' or 'entity', for the page's extra section."""
    count: int | None
    """Instances of a class, uses of a property, statements in a graph."""
    map_nodes: list[dict[str, object]]
    map_edges: list[dict[str, object]]


def _pick_label(labels: list[ox.Literal]) -> str | None:
    if not labels:
        return None
    by_language = {
        label.language or "": label.value
        for label in sorted(labels, key=lambda lit: (lit.language or "", lit.value))
    }
    for language in ("en", "", "fr", "it"):
        if language in by_language:
            return by_language[language]
    return next(iter(by_language.values()))


def compact(value: str) -> str:
    """``prefix:local`` for IRIs in a known namespace (the longest wins), else the IRI itself."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{value[len(PREFIXES[best]) :]}" if best else value


class Labeller:
    """Labels and page links for the IRIs a page mentions, fetched in one query."""

    def __init__(self, iris: IriMap) -> None:
        self.iris = iris
        self.labels: dict[str, list[ox.Literal]] = defaultdict(list)
        self.extra: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))

    async def fetch(self, backend: Backend, wanted: set[str]) -> None:
        if not wanted:
            return
        details = (RDFS_LABEL, SKOS_PREF, DCT_TITLE, RDF_TYPE, QUOTATION, SOURCE)
        rows = await select(
            backend,
            f"SELECT DISTINCT ?x ?p ?o WHERE {{ {_values('x', sorted(wanted))} {_values('p', list(details))} "
            f"GRAPH ?g {{ ?x ?p ?o }} }}",
        )
        for row in rows:
            subject, predicate, obj = row["x"].value, row["p"].value, row["o"]
            if predicate in (RDFS_LABEL, SKOS_PREF, DCT_TITLE) and isinstance(obj, ox.Literal):
                self.labels[subject].append(obj)
            else:
                self.extra[subject][predicate].append(obj)

    def link(self, value: str) -> Link:
        url = self.iris.page_url_for_iri(value)
        fallback = compact(value)
        if fallback == value and url is not None:
            fallback = url[len("/page/") :]  # e.g. graph/solar-news-2019
        return Link(value, _pick_label(self.labels.get(value, [])) or fallback, url)


def _literal_value(term: ox.Literal) -> Value:
    datatype = term.datatype.value
    shown = "" if term.language or datatype.endswith("#string") else compact(datatype)
    return Value(text=term.value, language=term.language or "", datatype=shown)


async def resource_view(backend: Backend, iris: IriMap, subject: str) -> ResourceView | None:
    """The content of ``subject``'s page, or None when no graph says anything about it."""
    s = iri(subject)
    outgoing = await select(
        backend, f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {s} ?p ?o }} }} LIMIT {OUTGOING_LIMIT}"
    )
    incoming = await select(
        backend, f"SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p {s} }} }} LIMIT {INCOMING_LIMIT}"
    )
    types = sorted({row["o"].value for row in outgoing if row["p"].value == RDF_TYPE})
    is_graph = subject.startswith(iris.base + "graph/")
    graph_size = None
    if is_graph:
        rows = await select(backend, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {s} {{ ?a ?b ?c }} }}")
        graph_size = int(rows[0]["n"].value) if rows else 0
    if not outgoing and not incoming and not graph_size:
        return None

    owned = _owned(subject, [row["o"] for row in outgoing])
    owned_rows = []
    if owned:
        owned_rows = await select(
            backend, f"SELECT DISTINCT ?x ?p ?o WHERE {{ {_values('x', owned)} GRAPH ?g {{ ?x ?p ?o }} }}"
        )
    wanted: set[str] = {subject, *types}
    for row in outgoing:
        wanted.add(row["p"].value)
        wanted.add(row["g"].value)
        document = _document_of_graph(iris, row["g"].value)
        if document:
            wanted.add(document)
        if isinstance(row["o"], ox.NamedNode):
            wanted.add(row["o"].value)
    for row in incoming:
        wanted.update((row["s"].value, row["p"].value, row["g"].value))
    for row in owned_rows:
        wanted.add(row["p"].value)
        if isinstance(row["o"], ox.NamedNode):
            wanted.add(row["o"].value)
    labeller = Labeller(iris)
    await labeller.fetch(backend, wanted)
    # Sources of the facts pointing here need their labels too.
    sources = {
        t.value for x in labeller.extra.values() for t in x.get(SOURCE, []) if isinstance(t, ox.NamedNode)
    }
    missing = sources - wanted
    if missing:
        await labeller.fetch(backend, missing)

    owned_values: dict[str, list[tuple[Link, list[Value]]]] = {}
    by_owner: dict[str, dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
    for row in owned_rows:
        value = labeller_value(labeller, row["o"])
        by_owner[row["x"].value][row["p"].value].append(value)
    for owner, predicates in by_owner.items():
        owned_values[owner] = [(labeller.link(p), vs) for p, vs in sorted(predicates.items())]

    labels: list[tuple[str, str, str]] = []
    definitions: list[tuple[str, str]] = []
    quotations: list[tuple[str, str, Link | None]] = []
    source_of_subject = next((row["o"].value for row in outgoing if row["p"].value == SOURCE), None)
    out_groups: dict[str, dict[str, Value]] = defaultdict(dict)
    for row in outgoing:
        predicate, obj, graph = row["p"].value, row["o"], row["g"].value
        if predicate in LABELS and isinstance(obj, ox.Literal):
            kind = "alternative name" if predicate == SKOS_ALT else "name"
            entry = (kind, obj.language or "", obj.value)
            if entry not in labels:
                labels.append(entry)
        if predicate in DEFINITIONS and isinstance(obj, ox.Literal):
            entry2 = (obj.language or "", obj.value)
            if entry2 not in definitions:
                definitions.append(entry2)
        if predicate == QUOTATION and isinstance(obj, ox.Literal):
            # Each source graph quotes its own document: graph/{id} was derived from source/{id}.
            document = _document_of_graph(iris, graph) or source_of_subject
            source = labeller.link(document) if document else None
            quotations.append((obj.value, obj.language or "", source))
        key = str(obj)  # N-Triples form: one entry per distinct term, whatever graphs state it
        group = out_groups[predicate]
        if key not in group:
            group[key] = labeller_value(labeller, obj)
            if isinstance(obj, ox.NamedNode) and obj.value in owned_values:
                group[key].owned = owned_values[obj.value]
        graph_link = labeller.link(graph)
        if graph_link not in group[key].graphs:
            group[key].graphs.append(graph_link)

    in_groups: dict[str, dict[str, Value]] = defaultdict(dict)
    facts: dict[str, Value] = {}
    for row in incoming:
        other, predicate, graph = row["s"].value, row["p"].value, row["g"].value
        group2 = in_groups[predicate]
        if other not in group2:
            value = Value(link=labeller.link(other))
            extra = labeller.extra.get(other, {})
            quotes = [q for q in extra.get(QUOTATION, []) if isinstance(q, ox.Literal)]
            if quotes:
                value.quotation, value.quotation_language = quotes[0].value, quotes[0].language or ""
                srcs = extra.get(SOURCE, [])
                value.source = labeller.link(srcs[0].value) if srcs else None
                facts.setdefault(other, value)
            group2[other] = value
        graph_link = labeller.link(graph)
        if graph_link not in group2[other].graphs:
            group2[other].graphs.append(graph_link)

    kind = "entity"
    count = None
    type_set = set(types)
    if type_set & CLASS_TYPES:
        kind = "class"
        rows = await select(backend, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a {s} }} }}")
        count = int(rows[0]["n"].value)
    elif type_set & PROPERTY_TYPES:
        kind = "property"
        rows = await select(backend, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?x {s} ?y }} }}")
        count = int(rows[0]["n"].value)
    elif is_graph:
        kind, count = "graph", graph_size
    elif subject.startswith(iris.base + "source/"):
        kind = "source"

    def ordered(groups: dict[str, dict]) -> list[Group]:
        result = [Group(labeller.link(p), list(values.values())) for p, values in groups.items()]
        return sorted(result, key=lambda g: (g.predicate.iri != RDF_TYPE, g.predicate.label.lower()))

    nodes, edges = _neighbourhood(labeller, subject, outgoing, incoming, set(owned))
    return ResourceView(
        iri=subject,
        title=labeller.link(subject).label,
        labels=sorted(labels),
        types=[labeller.link(t) for t in types],
        definitions=definitions,
        quotations=quotations,
        outgoing=ordered(out_groups),
        incoming=ordered(in_groups),
        facts=list(facts.values()),
        kind=kind,
        count=count,
        map_nodes=nodes,
        map_edges=edges,
    )


def _document_of_graph(iris: IriMap, graph: str) -> str | None:
    prefix = iris.base + "graph/"
    return iris.base + "source/" + graph[len(prefix) :] if graph.startswith(prefix) else None


def labeller_value(labeller: Labeller, term: Term) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value(link=labeller.link(term.value))
    if isinstance(term, ox.Literal):
        return _literal_value(term)
    return Value(text=str(term))


def _neighbourhood(
    labeller: Labeller, subject: str, outgoing: list[dict], incoming: list[dict], owned: set[str]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Nodes and edges for the page's map: the resource, what it links to and what links to it."""
    centre = labeller.link(subject)
    nodes: dict[str, dict[str, object]] = {
        subject: {"id": subject, "label": centre.label, "url": centre.url, "group": "centre"}
    }
    edges: list[dict[str, object]] = []
    seen: set[tuple[str, str, str]] = set()

    def add(other: str, predicate: str, source: str, target: str, group: str) -> None:
        if (source, predicate, target) in seen:
            return
        if other not in nodes:
            if len(nodes) >= MAP_NODES:
                return
            link = labeller.link(other)
            nodes[other] = {"id": other, "label": link.label, "url": link.url, "group": group}
        seen.add((source, predicate, target))
        edges.append({"from": source, "to": target, "label": labeller.link(predicate).label})

    for row in outgoing:
        obj, predicate = row["o"], row["p"].value
        if isinstance(obj, ox.NamedNode) and predicate not in MAP_SKIPPED and obj.value not in owned:
            add(obj.value, predicate, subject, obj.value, "out")
    for row in incoming:
        if row["p"].value not in MAP_SKIPPED:
            add(row["s"].value, row["p"].value, row["s"].value, subject, "in")
    return list(nodes.values()), edges
