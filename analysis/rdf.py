"""The measures as RDF in their own named graph, so they can be queried beside the data.

Layout (no blank nodes, values hang below their owner as the dataset layout asks):

- ``{entity}/measure/{name}``: a ``schema:PropertyValue`` with ``schema:about`` the entity,
  ``schema:propertyID`` the measure's name, ``schema:value`` and ``schema:measurementTechnique``
  the method node;
- ``{base}id/analysis/{name}``: a ``prov:Plan`` describing how the measure was computed (exact or
  sampled, sample size, seed);
- ``{base}id/analysis``: the ``prov:Activity`` of the run, with its start and end time and the
  dataset it used (with that dataset's build date, ``dct:issued``); the graph
  ``{base}graph/analysis`` is ``prov:wasGeneratedBy`` it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

import pyoxigraph as ox

from medkg import namespaces as ns
from medkg.analysis.analyse import Analysis

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"

GRAPH_NAME = "analysis"
MEASURES = ("degree", "betweenness", "pagerank", "effective_size", "constraint", "community", "clusters_reached",
            "countries_spanned")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: Any) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=_n(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_n(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(float(value)), datatype=_n(XSD + "double"))
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=_n(XSD + "dateTime"))
    return ox.Literal(str(value))


def measure_iri(entity_uri: str, name: str) -> str:
    return f"{entity_uri}/measure/{name.replace('_', '-')}"


def quads(a: Analysis, finished: dt.datetime | None = None) -> Iterator[ox.Quad]:
    """Every quad of the analysis graph."""
    base = a.projection.base
    graph = _n(ns.graph_iri(GRAPH_NAME, base_iri=base))
    activity = _n(f"{base}id/analysis")
    dataset = _n(ns.dataset_iri(base_iri=base))
    finished = finished or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    def q(s: ox.NamedNode, p: str, o: Any) -> ox.Quad:
        return ox.Quad(s, _n(p), o if isinstance(o, (ox.NamedNode, ox.Literal)) else _lit(o), graph)

    yield q(graph, RDF + "type", _n(PROV + "Entity"))
    yield q(graph, PROV + "wasGeneratedBy", activity)
    yield q(graph, PROV + "wasDerivedFrom", dataset)
    yield q(graph, DCT + "created", finished)
    yield q(activity, RDF + "type", _n(PROV + "Activity"))
    yield q(activity, RDFS + "label", ox.Literal("Network analysis of the MedKG dataset", language="en"))
    yield q(activity, PROV + "used", dataset)
    yield q(activity, PROV + "startedAtTime", a.started)
    yield q(activity, PROV + "endedAtTime", finished)
    yield q(activity, SCHEMA + "numberOfItems", a.simple.number_of_nodes())
    if a.build_date:
        date_type = XSD + ("date" if len(a.build_date) == 10 else "dateTime")
        yield q(dataset, DCT + "issued", ox.Literal(a.build_date, datatype=_n(date_type)))
    methods = dict(a.centrality.method)
    methods["community"] = f"Louvain communities (networkx louvain_communities, seed {a.settings.seed})"
    methods["clusters_reached"] = "clusters reached by a funder's money or programmes along the flow graph"
    methods["countries_spanned"] = "countries of the node and its neighbours, for nodes that bridge countries"
    plans = {}
    for name in MEASURES:
        plan = _n(f"{base}id/analysis/{name.replace('_', '-')}")
        plans[name] = plan
        yield q(plan, RDF + "type", _n(PROV + "Plan"))
        yield q(plan, RDFS + "label", ox.Literal(name.replace("_", " "), language="en"))
        yield q(plan, DCT + "description", ox.Literal(methods.get(name, name), language="en"))
        yield q(activity, PROV + "used", plan)
    if a.centrality.sample_size is not None:
        yield q(plans["betweenness"], SCHEMA + "sampleSize", a.centrality.sample_size)

    community = a.community_of()
    reached: dict[str, set[str]] = {}
    for r in a.reach:
        reached.setdefault(r.funder, set()).add(r.cluster)
    spanned = {b.node: len(b.countries) for b in a.brokers if len(b.countries) > 1}
    for node, values in sorted(a.centrality.values.items()):
        entity = a.projection.uris[node]
        row = dict(values)
        row["community"] = community.get(node)
        row["clusters_reached"] = len(reached[node]) if node in reached else None
        row["countries_spanned"] = spanned.get(node)
        for name in MEASURES:
            value = row.get(name)
            if value is None:
                continue
            s = _n(measure_iri(entity, name))
            yield q(s, RDF + "type", _n(SCHEMA + "PropertyValue"))
            yield q(s, SCHEMA + "about", _n(entity))
            yield q(s, SCHEMA + "propertyID", name)
            yield q(s, SCHEMA + "value", value)
            yield q(s, SCHEMA + "measurementTechnique", plans[name])
            yield q(s, PROV + "wasGeneratedBy", activity)


def write_trig(a: Analysis, path: Path) -> None:
    """Write the analysis graph as TriG."""
    prefixes = {"schema": SCHEMA, "prov": PROV, "dct": DCT, "xsd": XSD, "rdfs": RDFS,
                "id": f"{a.projection.base}id/", "g": f"{a.projection.base}graph/"}
    ox.serialize(list(quads(a)), str(path), ox.RdfFormat.TRIG, prefixes=prefixes)
