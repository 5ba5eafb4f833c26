"""Check the ontology with a real OWL reasoner (HermiT, through owlready2) and its shapes with SHACL.

owlready2 only answers "inconsistent", which does not help a curator. When HermiT refuses the
input, this module finds a minimal set of axioms that still conflict (QuickXplain: split the
candidates in halves and keep only the halves needed for the conflict), first among the
statements of the data under check (or, for the ontology alone, its individual assertions), then
among the class and property axioms, and prints those axioms in Turtle with the file each one
comes from.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
import pyshacl
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef

from medkg.namespaces import PREFIXES
from medkg.ontology import SHAPES_FILE, ontology_files

SH = "http://www.w3.org/ns/shacl#"
_ANNOTATION_NAMESPACES = (
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/vocab/vann/",
)

Triple = tuple
Axiom = tuple[Triple, ...]
"""One axiom: a triple together with the blank-node structure it points to."""

# Each reasoner call is a short-lived JVM: the client compiler alone starts it about 40% faster.
# Passed through JDK_JAVA_OPTIONS, read by the java launcher only, because owlready2 builds the
# command line itself.
_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"

# Datatypes outside the OWL 2 datatype map: HermiT refuses them, so ranges naming them are left
# out and literals typed with them are read as plain strings (the report says so).
NON_OWL2_DATATYPES = {XSD.gYear, XSD.gYearMonth, XSD.gMonth, XSD.gDay, XSD.gMonthDay, XSD.date}

# Declarations: they only say what kind of term an IRI is, so they stay in every reasoner call
# while the other axioms are searched for a conflict.
_DECLARATION_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.Ontology,
    OWL.NamedIndividual,
    RDFS.Datatype,
}
_LOGICAL_PREDICATES = {
    RDF.type,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    OWL.disjointWith,
    OWL.inverseOf,
    OWL.sameAs,
    OWL.differentFrom,
    OWL.propertyDisjointWith,
    OWL.complementOf,
    OWL.unionOf,
    OWL.intersectionOf,
    OWL.oneOf,
    OWL.hasKey,
    OWL.propertyChainAxiom,
}


@dataclass
class ConflictAxiom:
    """An axiom of a minimal conflicting set, in Turtle, and the file it was read from."""

    turtle: str
    origin: str


@dataclass
class CheckReport:
    """What HermiT and the SHACL meta-shapes say about the ontology, its vocabularies and shapes."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    conflict: list[ConflictAxiom] = field(default_factory=list)
    shapes_problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    triples: int = 0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable and not self.shapes_problems

    def text(self) -> str:
        lines = [f"Checked {self.triples} triples from {', '.join(self.files)}."]
        if self.consistent:
            lines.append("HermiT: consistent.")
        else:
            lines.append("HermiT: INCONSISTENT. A minimal set of conflicting axioms:")
            lines += [
                f"  {a.turtle.replace(chr(10), chr(10) + '    ')}    # from {a.origin}"
                for a in self.conflict
            ]
        if self.unsatisfiable:
            lines.append("Unsatisfiable classes (no individual can belong to them):")
            lines += [f"  {c}" for c in self.unsatisfiable]
        if self.inferred:
            lines.append(f"Inferred by HermiT ({len(self.inferred)}):")
            lines += [f"  {i}" for i in self.inferred]
        if self.shapes_problems:
            lines.append("Shapes problems:")
            lines += [f"  {p}" for p in self.shapes_problems]
        else:
            lines.append("Shapes: well-formed SHACL, every node shape has a target.")
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    __str__ = text


def check_ontology(*extra: Path, shapes: Path = SHAPES_FILE) -> CheckReport:
    """Reason over the ontology and vocabularies (plus ``extra`` Turtle files) and check ``shapes``."""
    files = [*ontology_files(), *extra]
    graph, origin = _load(files)
    extra_triples = [t for t, name in origin.items() if name in {f.name for f in extra}]
    graph, notes = _for_hermit(graph)
    report = CheckReport(
        consistent=True, files=[f.name for f in files], triples=len(graph), notes=notes
    )
    reasoner = _Hermit()
    outcome = reasoner.run(graph)
    if outcome is None:
        report.consistent = False
        report.conflict = [
            ConflictAxiom(_turtle(axiom), origin.get(axiom[0], "?"))
            for axiom in minimal_conflict(graph, reasoner.consistent, first=extra_triples)
        ]
    else:
        report.unsatisfiable, report.inferred = outcome
    report.shapes_problems = check_shapes(shapes)
    return report


# ---------------------------------------------------------------------------
# Reading and preparing the input
# ---------------------------------------------------------------------------


def _load(files: Sequence[Path]) -> tuple[Graph, dict[Triple, str]]:
    graph, origin = Graph(), {}
    for path in files:
        part = Graph().parse(path, format="turtle")
        for triple in part:
            origin.setdefault(triple, path.name)
            graph.add(triple)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph, origin


def _for_hermit(source: Graph) -> tuple[Graph, list[str]]:
    """A copy of ``source`` without what HermiT cannot read, and notes on what was left out."""
    graph = Graph(namespace_manager=source.namespace_manager)
    for triple in source:
        graph.add(triple)
    notes = []
    for subject, datatype in list(graph.subject_objects(RDFS.range)):
        if datatype in NON_OWL2_DATATYPES:
            graph.remove((subject, RDFS.range, datatype))
            notes.append(
                f"range {graph.qname(datatype)} of {graph.qname(subject)} not checked by HermiT "
                "(outside the OWL 2 datatype map)"
            )
    retyped = [(s, p, o) for s, p, o in graph if isinstance(o, Literal) and o.datatype in NON_OWL2_DATATYPES]
    for s, p, o in retyped:
        graph.remove((s, p, o))
        graph.add((s, p, Literal(str(o))))
    if retyped:
        notes.append(
            f"{len(retyped)} date literal(s) read as plain text by HermiT "
            "(xsd:date, xsd:gYear and xsd:gYearMonth are outside the OWL 2 datatype map)"
        )
    return graph, sorted(notes)


# ---------------------------------------------------------------------------
# HermiT through owlready2
# ---------------------------------------------------------------------------


class _Hermit:
    """Runs HermiT on an rdflib graph: owlready2 reads N-Triples, not Turtle, hence the file."""

    def __init__(self) -> None:
        owlready2.JAVA_EXE = shutil.which("java") or owlready2.JAVA_EXE

    def _world(self, graph: Graph) -> tuple[owlready2.World, owlready2.Ontology]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "input.nt"
            graph.serialize(path, format="nt", encoding="utf-8")
            world = owlready2.World()
            onto = world.get_ontology("urn:medkg:check").load(fileobj=path.open("rb"), format="ntriples")
        return world, onto

    def _reason(self, world: owlready2.World, onto: owlready2.Ontology) -> bool:
        logging.getLogger("owlready2").setLevel(logging.ERROR)
        saved = os.environ.get("JDK_JAVA_OPTIONS")
        os.environ["JDK_JAVA_OPTIONS"] = " ".join(filter(None, [saved, _JVM_OPTIONS]))
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False
        finally:
            if saved is None:
                del os.environ["JDK_JAVA_OPTIONS"]
            else:
                os.environ["JDK_JAVA_OPTIONS"] = saved
        return True

    def consistent(self, graph: Graph) -> bool:
        return self._reason(*self._world(graph))

    def run(self, graph: Graph) -> tuple[list[str], list[str]] | None:
        """None when inconsistent, else (unsatisfiable classes, inferred statements)."""
        world, onto = self._world(graph)
        before = {e: set(e.is_a) for e in [*world.classes(), *_individuals(graph, world)]}
        if not self._reason(world, onto):
            return None
        unsatisfiable = sorted(_name(graph, c) for c in world.inconsistent_classes())
        inferred = []
        for entity, parents in before.items():
            kind = "a" if isinstance(entity, owlready2.Thing) else "rdfs:subClassOf"
            for new in set(entity.is_a) - parents:
                if isinstance(new, owlready2.ThingClass):
                    inferred.append(f"{_name(graph, entity)} {kind} {_name(graph, new)}")
        return unsatisfiable, sorted(inferred)


def hermit_inferred_types(graph: Graph) -> set[tuple[str, str]]:
    """(individual IRI, class IRI) for every class membership HermiT infers that was not asserted.

    ``graph`` should hold the ontology as well as the data; raises ValueError when inconsistent.
    """
    graph, _ = _for_hermit(graph)
    reasoner = _Hermit()
    world, onto = reasoner._world(graph)
    before = {i: set(i.is_a) for i in _individuals(graph, world)}
    if not reasoner._reason(world, onto):
        raise ValueError("HermiT finds the graph inconsistent; run check_ontology to see why")
    return {
        (individual.iri, cls.iri)
        for individual, asserted in before.items()
        for cls in individual.INDIRECT_is_a
        if isinstance(cls, owlready2.ThingClass) and cls not in asserted
    }


def _individuals(graph: Graph, world: owlready2.World) -> list[owlready2.Thing]:
    """The named individuals of the input (owlready2 lists only those declared as such)."""
    found: dict[str, owlready2.Thing] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if isinstance(subject, URIRef) and str(subject) not in found and _is_assertion((subject, RDF.type, cls)):
            entity = world[str(subject)]
            if isinstance(entity, owlready2.Thing):
                found[str(subject)] = entity
    return list(found.values())


def _name(graph: Graph, entity: owlready2.EntityClass | owlready2.Thing) -> str:
    try:
        return graph.qname(URIRef(entity.iri))
    except Exception:  # an IRI rdflib cannot shorten
        return f"<{entity.iri}>"


# ---------------------------------------------------------------------------
# Minimal conflicting sets
# ---------------------------------------------------------------------------


def axioms(graph: Graph) -> tuple[list[Triple], list[Axiom], list[Axiom]]:
    """Split a graph into declarations (kept in every reasoner call), individual assertions and
    class or property axioms; an axiom keeps the blank nodes it points to. Annotations (labels,
    definitions, SKOS and Dublin Core statements) cannot conflict and are left out, which
    makes each reasoner call smaller."""
    always: list[Triple] = []
    abox: list[Axiom] = []
    tbox: list[Axiom] = []
    owned = set()  # blank nodes reachable from a named subject's axiom
    emitted: set[BNode] = set()
    for s, p, o in graph:
        if isinstance(s, URIRef) and isinstance(o, BNode):
            owned |= _bnode_closure(graph, o)
    for s, p, o in sorted(graph):
        if isinstance(s, BNode):
            if s in owned:
                continue
            # a top-level anonymous axiom, such as owl:AllDisjointClasses, taken whole once
            if s not in emitted:
                emitted.add(s)
                tbox.append(tuple(sorted(_closure_triples(graph, s))))
            continue
        triple = (s, p, o)
        if p == RDF.type and o in _DECLARATION_TYPES:
            always.append(triple)
            continue
        if _is_annotation(graph, triple):  # cannot take part in a conflict: left out
            continue
        axiom = (triple, *sorted(_closure_triples(graph, o))) if isinstance(o, BNode) else (triple,)
        if p in _LOGICAL_PREDICATES and not _is_assertion(triple):
            tbox.append(axiom)
        else:
            abox.append(axiom)
    return always, abox, tbox


def _is_annotation(graph: Graph, triple: Triple) -> bool:
    """Declarations and annotations: they name and describe, they cannot conflict."""
    s, p, o = triple
    if p == RDF.type:
        return o in _DECLARATION_TYPES
    if p in _LOGICAL_PREDICATES:
        return False
    return (
        str(p).startswith(_ANNOTATION_NAMESPACES)
        or p in (RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy)
        or (p, RDF.type, OWL.AnnotationProperty) in graph
        or p in (OWL.versionInfo, OWL.versionIRI, OWL.imports)
    )


def _is_assertion(triple: Triple) -> bool:
    """A statement about individuals: a type that is not OWL's own vocabulary, or sameAs/differentFrom."""
    s, p, o = triple
    if p in (OWL.sameAs, OWL.differentFrom):
        return True
    return p == RDF.type and not str(o).startswith((str(OWL), str(RDFS)))


def _bnode_closure(graph: Graph, node: BNode) -> set[BNode]:
    seen, todo = set(), [node]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        todo += [o for o in graph.objects(n) if isinstance(o, BNode)]
    return seen


def _closure_triples(graph: Graph, node: BNode) -> set[Triple]:
    return {t for b in _bnode_closure(graph, node) for t in graph.triples((b, None, None))}


def minimal_conflict(
    graph: Graph, consistent: Callable[[Graph], bool], first: Iterable[Triple] = ()
) -> list[Axiom]:
    """A minimal set of axioms of an inconsistent graph that still conflict.

    The search runs in two rounds so that the answer points at what a curator wrote: first among
    the axioms in ``first`` (the data under check) or, without any, the individual assertions,
    with everything else in the background; then among the rest, with only the axioms the first
    round kept. The second round starts from the axioms that share a term with the first
    round's answer (a syntactic module), and widens to all of them if that is not enough.
    """
    always, abox, tbox = axioms(graph)
    first = set(first)
    if first:
        preferred = [a for a in abox + tbox if a[0] in first]
        rest = [a for a in abox + tbox if a[0] not in first]
    else:
        preferred, rest = abox, tbox

    def build(parts: Iterable[Axiom]) -> Graph:
        g = Graph()
        for triple in always:
            g.add(triple)
        for axiom in parts:
            for triple in axiom:
                g.add(triple)
        return g

    def inconsistent(parts: list[Axiom]) -> bool:
        return not consistent(build(parts))

    if inconsistent(rest):  # the conflict lies in the background alone
        return _quickxplain([], rest, inconsistent)
    found = _quickxplain(rest, preferred, inconsistent, known_consistent=True)
    module = _module(found, rest)
    if not inconsistent(found + module):
        module = rest
    return found + _quickxplain(found, module, inconsistent)


_LOCAL_WHEN_SUBJECT_UNUSED = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, RDF.type}


def _module(seed: list[Axiom], axioms_: list[Axiom]) -> list[Axiom]:
    """The axioms that can matter to the terms of ``seed``: those about a term already reached,
    and those that mention one unless they only constrain a term nothing uses (C ⊑ D with C
    unused says nothing about D's members)."""
    terms = {t for a in seed for triple in a for t in triple if isinstance(t, URIRef)}
    chosen: list[Axiom] = []
    remaining = list(axioms_)
    grew = True
    while grew:
        grew = False
        for axiom in list(remaining):
            subject, predicate, _ = axiom[0]
            mentioned = {t for triple in axiom for t in triple if isinstance(t, URIRef)}
            about = isinstance(subject, URIRef) and subject in terms
            touches = bool(mentioned & terms) and predicate not in _LOCAL_WHEN_SUBJECT_UNUSED
            if about or touches or (isinstance(subject, BNode) and mentioned & terms):
                chosen.append(axiom)
                remaining.remove(axiom)
                terms |= mentioned
                grew = True
    return chosen


def _quickxplain(
    background: list[Axiom],
    candidates: list[Axiom],
    inconsistent: Callable[[list[Axiom]], bool],
    *,
    known_consistent: bool = False,
) -> list[Axiom]:
    """Junker's QuickXplain: a minimal subset of candidates inconsistent with the background
    (which must be inconsistent with all of them)."""
    if not known_consistent and inconsistent(background):
        return []

    def qx(base: list[Axiom], delta_added: bool, cands: list[Axiom]) -> list[Axiom]:
        if delta_added and inconsistent(base):
            return []
        if len(cands) == 1:
            return list(cands)
        half = len(cands) // 2
        c1, c2 = cands[:half], cands[half:]
        d2 = qx(base + c1, bool(c1), c2)
        d1 = qx(base + d2, bool(d2), c1)
        return d1 + d2

    return qx(background, False, candidates) if candidates else []


def _turtle(axiom: Axiom) -> str:
    """An axiom in Turtle without its prefix lines."""
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    g.bind("data", "https://w3id.org/medkg/id/")
    for triple in axiom:
        g.add(triple)
    text = g.serialize(format="turtle")
    body = [line for line in text.splitlines() if line and not line.startswith("@prefix")]
    return "\n".join(body)


# ---------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------


def check_shapes(path: Path = SHAPES_FILE) -> list[str]:
    """Problems of a shapes file: SHACL-for-SHACL violations and node shapes without a target."""
    try:
        shapes = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser error types
        return [f"{path.name} does not parse: {exc}"]
    problems = []
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=_meta_shapes(), inference="none")
    if not conforms:
        problems.append(f"{path.name} breaks the SHACL-for-SHACL shapes:\n{text}")
    sh = lambda name: URIRef(SH + name)  # noqa: E731
    targets = [sh(t) for t in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")]
    referenced = set(shapes.objects(None, sh("property"))) | set(shapes.objects(None, sh("node")))
    for shape in shapes.subjects(RDF.type, sh("NodeShape")):
        if shape not in referenced and not any(shapes.value(shape, t) for t in targets):
            problems.append(f"{shapes.qname(shape)} has no target and no shape refers to it")
    for shape in set(shapes.subjects(None, None)):
        if (shape, RDF.type, sh("NodeShape")) in shapes or (shape, RDF.type, sh("PropertyShape")) in shapes:
            if isinstance(shape, URIRef) and shapes.value(shape, sh("message")) is None:
                problems.append(f"{shapes.qname(shape)} has no sh:message")
    return sorted(problems)


def _meta_shapes() -> Graph:
    """The SHACL-for-SHACL shapes that pyshacl ships."""
    return Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl", format="turtle")
