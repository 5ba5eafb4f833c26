"""SPARQL CONSTRUCT rules that materialise the ontology's defined classes in the build.

The build does not run an OWL reasoner over the data; it runs these rules on the union of all
graphs (the ontology included), which gives the same members for the defined classes this
ontology uses: ``C ≡ A ⊓ ∃P.D``. Class membership follows ``rdfs:subClassOf*`` and a property
with an ``owl:inverseOf`` also matches its inverse read backwards (``?x mkg:funds ?f`` is
``?f mkg:funder ?x``). Rules OWL cannot state ride along as ``mkg:inferenceRule`` annotations.
Unlike HermiT, the rules do not type a node from a property's domain or range: the loader
types every entity it writes, and the shapes check that facts have their parts.
"""

from __future__ import annotations


from rdflib import OWL, Graph, URIRef
from rdflib.collection import Collection

from medkg.namespaces import PREFIXES
from medkg.ontology import ontology_graph

MKG_INFERENCE_RULE = URIRef(PREFIXES["mkg"] + "inferenceRule")




def _prefix_block() -> str:
    return "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())


def _qname(term: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        local = str(term)[len(namespace) :]
        if str(term).startswith(namespace) and local and local.replace("_", "a").replace("-", "a").isalnum():
            return f"{prefix}:{local}"
    return f"<{term}>"


def _inverses(graph: Graph, prop: URIRef) -> list[URIRef]:
    found = set(graph.objects(prop, OWL.inverseOf)) | set(graph.subjects(OWL.inverseOf, prop))
    return sorted(p for p in found if isinstance(p, URIRef))


def _defined_class_rule(graph: Graph, cls: URIRef, base: URIRef, prop: URIRef, filler: URIRef) -> str:
    path = " | ".join([_qname(prop), *(f"^{_qname(inv)}" for inv in _inverses(graph, prop))])
    return (
        f"{_prefix_block()}\n"
        f"CONSTRUCT {{ ?x a {_qname(cls)} }}\n"
        "WHERE {\n"
        f"  ?x a/rdfs:subClassOf* {_qname(base)} .\n"
        f"  ?x ({path}) ?y .\n"
        f"  ?y a/rdfs:subClassOf* {_qname(filler)} .\n"
        "}"
    )


def _defined_classes(graph: Graph):
    """(class, A, P, D) for each ``class owl:equivalentClass [ owl:intersectionOf ( A [ P some D ] ) ]``."""
    for cls, definition in graph.subject_objects(OWL.equivalentClass):
        members = graph.value(definition, OWL.intersectionOf)
        if not isinstance(cls, URIRef) or members is None:
            continue
        parts = list(Collection(graph, members))
        named = [p for p in parts if isinstance(p, URIRef)]
        restrictions = [p for p in parts if graph.value(p, OWL.someValuesFrom) is not None]
        if len(parts) != 2 or len(named) != 1 or len(restrictions) != 1:
            raise ValueError(f"{cls}: only C ⊓ ∃P.D definitions are turned into rules")
        restriction = restrictions[0]
        yield cls, named[0], graph.value(restriction, OWL.onProperty), graph.value(restriction, OWL.someValuesFrom)


def inference_rules(graph: Graph | None = None) -> list[tuple[str, str]]:
    """(name, SPARQL CONSTRUCT) for every defined class and every ``mkg:inferenceRule``, sorted by name."""
    graph = ontology_graph() if graph is None else graph
    rules = [
        (_qname(cls), _defined_class_rule(graph, cls, base, prop, filler))
        for cls, base, prop, filler in _defined_classes(graph)
    ]
    for cls, text in graph.subject_objects(MKG_INFERENCE_RULE):
        rules.append((f"{_qname(cls)} (rule)", f"{_prefix_block()}\n{str(text).strip()}"))
    return sorted(rules)

