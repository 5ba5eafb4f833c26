"""Human-readable documentation of the ontology: one self-contained HTML page, plus the ontology
serialised as Turtle, N-Triples and JSON-LD beside it.

The page is rendered with Jinja2 and autoescape on: labels and definitions are data, not markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from medkg.namespaces import ONTOLOGY_IRI, PREFIXES
from medkg.ontology import ontology_files

DCT = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")
LANGUAGES = ("en", "fr", "it")
# Vocabularies the ontology aligns to, by prefix: what the page lists as alignments.
ALIGNED = {
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "frapo": "http://purl.org/cerif/frapo/",
    "eurio": "http://data.europa.eu/s66#",
    "nace": "http://data.europa.eu/ux2/nace2/",
}
_ALL_PREFIXES = {**PREFIXES, **ALIGNED}


@dataclass
class Ref:
    """A link to a term: its short name, full IRI, and an in-page anchor when documented here."""

    name: str
    iri: str
    anchor: str | None = None


@dataclass
class Term:
    kind: str
    iri: str
    name: str
    anchor: str
    labels: dict[str, str]
    definition: str
    parents: list[Ref] = field(default_factory=list)
    alignments: list[Ref] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    disjoint: list[Ref] = field(default_factory=list)
    inverse: list[Ref] = field(default_factory=list)
    characteristics: list[str] = field(default_factory=list)
    domain: list[Ref] = field(default_factory=list)
    range: list[Ref] = field(default_factory=list)
    rule: str | None = None


@dataclass
class Concept:
    iri: str
    name: str
    anchor: str
    labels: dict[str, str]
    alt_labels: list[str]
    definition: str
    notation: str | None
    broader: list[Ref]
    mappings: list[tuple[str, Ref]]


@dataclass
class Scheme:
    iri: str
    name: str
    anchor: str
    labels: dict[str, str]
    definition: str
    concepts: list[Concept]


def _graph() -> Graph:
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    for prefix, namespace in _ALL_PREFIXES.items():
        g.bind(prefix, namespace, override=True)
    return g


def _short(term: Node) -> str:
    text = str(term)
    for prefix, namespace in sorted(_ALL_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>"


def _anchor(term: Node) -> str:
    return _short(term).replace(":", "-").replace("/", "-").strip("<>")


def _ref(term: Node, documented: set[Node]) -> Ref:
    return Ref(_short(term), str(term), _anchor(term) if term in documented else None)


def _labels(g: Graph, term: Node, prop: URIRef = RDFS.label) -> dict[str, str]:
    found = {}
    for value in g.objects(term, prop):
        if isinstance(value, Literal) and value.language in LANGUAGES:
            found[value.language] = str(value)
    return {lang: found[lang] for lang in LANGUAGES if lang in found}


def _english(g: Graph, term: Node, prop: URIRef) -> str:
    values = [v for v in g.objects(term, prop) if isinstance(v, Literal)]
    english = [v for v in values if v.language == "en"] or values
    return str(english[0]) if english else ""


def _expression(g: Graph, node: Node) -> str:
    """A class expression in readable Manchester-like syntax."""
    if isinstance(node, URIRef):
        return _short(node)
    for op, word in ((OWL.intersectionOf, " and "), (OWL.unionOf, " or ")):
        members = g.value(node, op)
        if members is not None:
            return "(" + word.join(_expression(g, m) for m in Collection(g, members)) + ")"
    prop = g.value(node, OWL.onProperty)
    if prop is not None:
        for op, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only"), (OWL.hasValue, "value")):
            filler = g.value(node, op)
            if filler is not None:
                return f"{_short(prop)} {word} {_expression(g, filler)}"
    complement = g.value(node, OWL.complementOf)
    if complement is not None:
        return f"not {_expression(g, complement)}"
    return "(anonymous class)"


def _disjoint(g: Graph, cls: URIRef) -> set[Node]:
    found = set(g.objects(cls, OWL.disjointWith)) | set(g.subjects(OWL.disjointWith, cls))
    for axiom in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(g, g.value(axiom, OWL.members)))
        if cls in members:
            found |= set(members) - {cls}
    return found


def _terms(g: Graph) -> tuple[list[Term], list[Term], list[Term], list[Term]]:
    mkg = PREFIXES["mkg"]
    kinds = [
        ("Class", OWL.Class, RDFS.subClassOf),
        ("Object property", OWL.ObjectProperty, RDFS.subPropertyOf),
        ("Datatype property", OWL.DatatypeProperty, RDFS.subPropertyOf),
        ("Annotation property", OWL.AnnotationProperty, RDFS.subPropertyOf),
    ]
    subjects = {
        kind: sorted(s for s in g.subjects(RDF.type, t) if isinstance(s, URIRef) and str(s).startswith(mkg))
        for kind, t, _ in kinds
    }
    documented = {s for terms in subjects.values() for s in terms}
    groups = []
    for kind, _, parent_prop in kinds:
        terms = []
        for s in subjects[kind]:
            parents = [o for o in g.objects(s, parent_prop) if isinstance(o, URIRef)]
            characteristics = [
                _short(t)
                for t in g.objects(s, RDF.type)
                if t in (OWL.FunctionalProperty, OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.InverseFunctionalProperty)
            ]
            inverse = set(g.objects(s, OWL.inverseOf)) | set(g.subjects(OWL.inverseOf, s))
            rule = g.value(s, URIRef(mkg + "inferenceRule"))
            terms.append(
                Term(
                    kind=kind,
                    iri=str(s),
                    name=_short(s),
                    anchor=_anchor(s),
                    labels=_labels(g, s),
                    definition=_english(g, s, SKOS.definition),
                    parents=[_ref(p, documented) for p in sorted(parents) if str(p).startswith(mkg)],
                    alignments=[_ref(p, documented) for p in sorted(parents) if not str(p).startswith(mkg)],
                    equivalent=[_expression(g, e) for e in g.objects(s, OWL.equivalentClass)]
                    + [_short(e) for e in g.objects(s, OWL.equivalentProperty)],
                    disjoint=[_ref(d, documented) for d in sorted(_disjoint(g, s))] if kind == "Class" else [],
                    inverse=[_ref(i, documented) for i in sorted(inverse)],
                    characteristics=sorted(characteristics),
                    domain=[_ref(d, documented) for d in sorted(g.objects(s, RDFS.domain)) if not isinstance(d, BNode)],
                    range=[_ref(r, documented) for r in sorted(g.objects(s, RDFS.range)) if not isinstance(r, BNode)],
                    rule=str(rule) if rule is not None else None,
                )
            )
        groups.append(terms)
    return tuple(groups)  # type: ignore[return-value]


def _schemes(g: Graph) -> list[Scheme]:
    schemes = []
    for scheme in sorted(g.subjects(RDF.type, SKOS.ConceptScheme)):
        members = sorted(g.subjects(SKOS.inScheme, scheme))
        documented = set(members)
        concepts = []
        for c in members:
            mappings = [
                (_short(rel), _ref(target, documented))
                for rel in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
                for target in sorted(g.objects(c, rel))
            ]
            notation = g.value(c, SKOS.notation)
            concepts.append(
                Concept(
                    iri=str(c),
                    name=_short(c),
                    anchor=_anchor(c),
                    labels=_labels(g, c, SKOS.prefLabel),
                    alt_labels=sorted(f"{v} ({v.language})" for v in g.objects(c, SKOS.altLabel)),
                    definition=_english(g, c, SKOS.definition),
                    notation=str(notation) if notation is not None else None,
                    broader=[_ref(b, documented) for b in sorted(g.objects(c, SKOS.broader))],
                    mappings=mappings,
                )
            )
        schemes.append(
            Scheme(
                iri=str(scheme),
                name=_short(scheme),
                anchor=_anchor(scheme),
                labels=_labels(g, scheme, SKOS.prefLabel),
                definition=_english(g, scheme, SKOS.definition),
                concepts=concepts,
            )
        )
    return schemes


def _header(g: Graph) -> dict[str, str]:
    onto = URIRef(ONTOLOGY_IRI)
    return {
        "iri": ONTOLOGY_IRI,
        "title": _english(g, onto, DCT.title),
        "description": _english(g, onto, DCT.description),
        "version": str(g.value(onto, OWL.versionInfo) or ""),
        "version_iri": str(g.value(onto, OWL.versionIRI) or ""),
        "license": str(g.value(onto, DCT.license) or ""),
        "creator": str(g.value(onto, DCT.creator) or ""),
        "created": str(g.value(onto, DCT.created) or ""),
        "namespace": str(g.value(onto, VANN.preferredNamespaceUri) or PREFIXES["mkg"]),
        "prefix": str(g.value(onto, VANN.preferredNamespacePrefix) or "mkg"),
    }


def render_html(graph: Graph | None = None) -> str:
    """The documentation page as a string."""
    g = graph if graph is not None else _graph()
    classes, object_props, datatype_props, annotation_props = _terms(g)
    env = Environment(
        loader=PackageLoader("medkg.ontology", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("ontology.html.j2").render(
        header=_header(g),
        sections=[
            ("classes", "Classes", classes),
            ("object-properties", "Object properties", object_props),
            ("datatype-properties", "Datatype properties", datatype_props),
            ("annotation-properties", "Annotation properties", annotation_props),
        ],
        schemes=_schemes(g),
        languages=LANGUAGES,
        prefixes=sorted(_ALL_PREFIXES.items()),
    )


def write_docs(out_dir: Path) -> Path:
    """Write index.html and medkg.ttl/.nt/.jsonld (ontology and concept schemes) to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    g = _graph()
    index = out_dir / "index.html"
    index.write_text(render_html(g), encoding="utf-8")
    g.serialize(out_dir / "medkg.ttl", format="turtle", encoding="utf-8")
    g.serialize(out_dir / "medkg.nt", format="nt", encoding="utf-8")
    g.serialize(out_dir / "medkg.jsonld", format="json-ld", encoding="utf-8", auto_compact=True)
    return index
