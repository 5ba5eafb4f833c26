"""Putting the dataset together in the store: sources, reference data, ontology, inferences.

Identifiers are checked across every source before a single quad is written, so a bad
reference is reported with its file and line rather than discovered later as a dangling node.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pycountry
import pyoxigraph as ox
from rdflib.compare import to_canonical_graph

from medkg import namespaces as ns
from medkg.graph.convert import to_ox
from medkg.loaders.base import Definition, EntityIndex, Location, Problem, Source, SourceError
from medkg.ontology import ontology_graph

Progress = Callable[[str], None]

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"

REFERENCE_GRAPH = "reference"
ONTOLOGY_GRAPH = "ontology"
INFERRED_GRAPH = "inferred"

# Wikidata items of the countries the ecosystem spans; others carry their ISO code only.
WIKIDATA_COUNTRIES = {
    "DZ": "Q262", "EG": "Q79", "FR": "Q142", "DE": "Q183", "IT": "Q38", "JO": "Q810", "LB": "Q822",
    "MA": "Q1028", "PS": "Q219060", "ES": "Q29", "TN": "Q948", "TR": "Q43", "GR": "Q41", "BE": "Q31",
}  # fmt: skip


def index_sources(sources: Sequence[Source]) -> EntityIndex:
    """Check identifiers across all sources and return the index the loaders emit with."""
    index = EntityIndex()
    problems: list[Problem] = []
    documents: dict[str, Source] = {}
    for source in sources:
        if source.document_id in documents:
            other = documents[source.document_id]
            problems.append(
                Problem(Location(source.path, 1), f"duplicate document id {source.document_id!r} (also in {other.path})")
            )
        documents[source.document_id] = source
        for definition in source.definitions():
            index.definitions.setdefault(definition.ident, []).append(definition)
        for ident, name in source.names().items():
            index.names.setdefault(ident, name)
    for ident, defs in sorted(index.definitions.items()):
        problems.extend(_definition_conflicts(ident, defs))
    for source in sources:
        for ref in source.references():
            kind = index.kind_of(ref.ident)
            if kind is None:
                problems.append(Problem(ref.location, f"{ref.field}: {ref.ident!r} is defined in no source"))
            elif kind not in ref.kinds:
                expected = " or ".join(sorted(ref.kinds))
                problems.append(Problem(ref.location, f"{ref.field}: {ref.ident!r} is a {kind}, expected {expected}"))
    if problems:
        raise SourceError(problems)
    return index


def _definition_conflicts(ident: str, defs: list[Definition]) -> Iterable[Problem]:
    first = defs[0]
    seen_files: set[Path] = set()
    for other in defs:
        where = f"{first.location}"
        if other is not first and (other.kind == "fact" or first.kind == "fact"):
            yield Problem(other.location, f"duplicate identifier {ident!r} (first defined at {where})")
        elif other is not first and (other.kind, other.rdf_type) != (first.kind, first.rdf_type):
            yield Problem(
                other.location,
                f"{ident!r} is a {other.rdf_type} here but a {first.rdf_type} at {where}: one id, one kind of thing",
            )
        elif other.location.path in seen_files:
            yield Problem(other.location, f"duplicate identifier {ident!r} in the same file (first at {where})")
        seen_files.add(other.location.path)


def load_sources(store: ox.Store, sources: Sequence[Source], index: EntityIndex, progress: Progress) -> None:
    """Each source into its own named graph."""
    for n, source in enumerate(sources, 1):
        store.extend(source.quads(index))
        if n % 500 == 0 or n == len(sources):
            progress(f"  loaded {n}/{len(sources)} sources")


def load_ontology(store: ox.Store) -> None:
    """The ontology and its concept schemes, in their own graph.

    OWL axioms need blank nodes; they are given canonical labels (RDF canonicalisation, as
    rdflib implements it) so that the dumps stay byte-identical from one build to the next.
    """
    graph = ox.NamedNode(ns.graph_iri(ONTOLOGY_GRAPH))
    canonical = to_canonical_graph(ontology_graph())
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in canonical)


def load_reference(store: ox.Store) -> None:
    """Countries referred to anywhere: ISO 3166 code and names in English, French and Italian."""
    graph = ox.NamedNode(ns.graph_iri(REFERENCE_GRAPH))
    prefix = ns.country_iri("XX")[:-2]
    used = sorted(
        {q.object.value for q in store.quads_for_pattern(None, None, None) if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(prefix)}
    )
    doc = ox.NamedNode(ns.document_iri("iso-3166"))
    quads = [
        ox.Quad(doc, RDF_TYPE, ox.NamedNode(ns.DEF + "SourceDocument"), graph),
        ox.Quad(doc, ox.NamedNode(DCT + "title"), ox.Literal("ISO 3166-1 country codes", language="en"), graph),
        ox.Quad(doc, RDFS_LABEL, ox.Literal("ISO 3166-1 country codes", language="en"), graph),
        ox.Quad(doc, ox.NamedNode(DCT + "publisher"), ox.Literal("International Organization for Standardization"), graph),
        ox.Quad(graph, RDF_TYPE, ox.NamedNode(PROV + "Entity"), graph),
        ox.Quad(graph, ox.NamedNode(PROV + "wasDerivedFrom"), doc, graph),
    ]
    translations = {lang: _country_names(lang) for lang in ("fr", "it")}
    for iri in used:
        code = iri[len(prefix) :]
        country = pycountry.countries.get(alpha_2=code)
        node = ox.NamedNode(iri)
        name = getattr(country, "common_name", None) or country.name
        quads += [
            ox.Quad(node, RDF_TYPE, ox.NamedNode(ns.DEF + "Country"), graph),
            ox.Quad(node, ox.NamedNode(ns.DEF + "isoCode"), ox.Literal(code), graph),
            ox.Quad(node, RDFS_LABEL, ox.Literal(name, language="en"), graph),
            ox.Quad(node, ox.NamedNode(ns.DEF + "source"), doc, graph),
        ]
        for lang, names in translations.items():
            quads.append(ox.Quad(node, RDFS_LABEL, ox.Literal(names(country.name), language=lang), graph))
        if code in WIKIDATA_COUNTRIES:
            wd = ox.NamedNode("http://www.wikidata.org/entity/" + WIKIDATA_COUNTRIES[code])
            quads.append(ox.Quad(node, OWL_SAME_AS, wd, graph))
    store.extend(quads)


def _country_names(lang: str) -> Callable[[str], str]:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:  # pragma: no cover - pycountry ships these catalogues
        return lambda name: name


def infer(store: ox.Store, rules: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Materialise what the ontology's defined classes and rules infer, in their own graph."""
    graph = ox.NamedNode(ns.graph_iri(INFERRED_GRAPH))
    counts: dict[str, int] = {}
    for name, query in rules:
        triples = list(store.query(query, use_default_graph_as_union=True))
        store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        counts[name] = len(triples)
    return counts
