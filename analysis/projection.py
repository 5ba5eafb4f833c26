"""The ecosystem as a NetworkX graph: the one bridge between the RDF dataset and the analyses.

Network measures need actors joined by edges, while the dataset records most relations as fact
nodes (a funding, a selection, a partnership...) that carry their own amount, date and source.
:func:`project` reads the dataset with SPARQL on the union of its named graphs and turns each
fact into the edges between the parties it names; every such edge keeps the fact's IRI, kind,
amount and currency, date, source document and quotation, so that a map or a report can always
say *says who*. :attr:`Projection.uris` maps every node id back to its IRI.

Nodes are organisations, people, programmes, projects, labels and calls (optionally countries and
sectors). A node id is the entity's slug (``cluster-menara``), ``country/MA`` for a country and
``sector/cleantech`` for a sector; an IRI outside these namespaces keeps its full text as id.

Edges point from the party that acts to the party acted upon (funder to recipient, selector to
selected, programme part to whole); :data:`RELATIONS` lists them with their wording and the
direction in which money or support flows along them.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

import networkx as nx
import pyoxigraph as ox

from medkg import namespaces as ns

MKG = ns.DEF
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"

Flow = Literal["forward", "backward", "both", "none"]


@dataclass(frozen=True)
class Relation:
    """How an edge reads in a sentence and which way support flows along it."""

    label: str
    flow: Flow


RELATIONS: dict[str, Relation] = {
    # relations stated on entities
    "unit_of": Relation("is a unit of", "none"),
    "part_of": Relation("is part of", "backward"),
    "call_of": Relation("is a call of", "backward"),
    "launches": Relation("launches", "forward"),
    "manages": Relation("manages", "forward"),
    "application_office": Relation("receives applications for", "none"),
    # relations carried by fact nodes
    "funds": Relation("funds", "forward"),
    "funds_via_programme": Relation("funds through programme", "forward"),
    "funds_project": Relation("funds project", "forward"),
    "selected_for": Relation("is selected for", "backward"),
    "selects": Relation("selects", "forward"),
    "partners_with": Relation("partners with", "none"),
    "partnership_in": Relation("partners within", "backward"),
    "participates_in": Relation("takes part in", "backward"),
    "holds_post": Relation("holds a post in", "none"),
    "member_of": Relation("is a member of", "none"),
    "awards_label": Relation("awards a label to", "forward"),
    "holds_label": Relation("holds the label", "backward"),
    # optional place and sector nodes
    "based_in": Relation("is based in", "none"),
    "in_sector": Relation("works in", "none"),
    "targets_country": Relation("targets", "none"),
    "targets_sector": Relation("targets", "none"),
}
"""Every edge relation. ``flow`` is how money or support travels: ``forward`` along the edge,
``backward`` against it, ``both`` either way, ``none`` not at all. A participation flows towards a programme only when the role is ``supporter``."""

ORGANIZATION_KINDS = (
    "Cluster", "GovernmentUnit", "PublicAuthority", "PublicAgency", "IntergovernmentalOrganization",
    "DevelopmentFinanceInstitution", "DevelopmentAgency", "Foundation", "InnovationHub",
    "BusinessNetwork", "IndustryAssociation", "Company", "Organization",
)
PROGRAMME_KINDS = ("Label", "Project", "Programme", "CallForProposals")
NODE_KINDS = ORGANIZATION_KINDS + PROGRAMME_KINDS + ("Person",)
"""Entity classes that become nodes, most specific first: an entity typed with several of
them takes the first."""

FACT_KINDS = ("Funding", "Selection", "Partnership", "Participation", "Post", "Membership", "Labelling")

CATEGORY = {k: "organization" for k in ORGANIZATION_KINDS} | {k: "programme" for k in PROGRAMME_KINDS} | {
    "Person": "person", "Country": "country", "Sector": "sector",
}

_ENTITY_LINKS = {
    # property: (relation, subject is the edge's source?)
    "parentOrganization": ("unit_of", True),
    "partOfProgramme": ("part_of", True),
    "callOf": ("call_of", True),
    "launchedBy": ("launches", False),
    "managedBy": ("manages", False),
    "applicationOffice": ("application_office", False),
}


@dataclass
class Projection:
    """The projected graph with the way back to the dataset."""

    graph: nx.MultiDiGraph
    uris: dict[str, str]
    """node id -> IRI"""
    base: str
    terms: dict[str, str] = field(default_factory=dict)
    """English names of countries (``country/MA``) and sectors (``sector/cleantech``)."""
    documents: dict[str, str] = field(default_factory=dict)
    """source document id -> title"""
    _by_uri: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_uri = {uri: node for node, uri in self.uris.items()}

    def node_of(self, uri: str) -> str:
        """The node id of an IRI (KeyError when the IRI is not a node)."""
        return self._by_uri[uri]

    def find(self, id_or_label: str) -> str:
        """The node an id, IRI, name or alternative name designates (accents and case ignored).

        Raises ``LookupError`` naming the candidates when the text is unknown or ambiguous, so a
        user typing ``--focus Menara`` learns what to type instead.
        """
        if id_or_label in self.graph:
            return id_or_label
        if id_or_label in self._by_uri:
            return self._by_uri[id_or_label]
        wanted = fold(id_or_label)
        exact = sorted(n for n, d in self.graph.nodes(data=True) if wanted in {fold(x) for x in names_of(n, d)})
        if len(exact) == 1:
            return exact[0]
        partial = exact or sorted(
            n for n, d in self.graph.nodes(data=True) if any(wanted in fold(x) for x in names_of(n, d))
        )
        if len(partial) == 1:
            return partial[0]
        if not partial:
            raise LookupError(f"no actor or programme is called {id_or_label!r}")
        shown = ", ".join(f"{n} ({self.graph.nodes[n]['label']})" for n in partial[:8])
        raise LookupError(f"{id_or_label!r} is ambiguous: it matches {shown}")


def fold(text: str) -> str:
    """Lower case without accents, for forgiving name look-ups."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def names_of(node: str, data: dict[str, Any]) -> list[str]:
    return [node, data.get("label", ""), *data.get("alt_names", ())]


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected view for measures: one edge per connected pair, ``relations`` listing
    every relation between them and ``weight`` their number."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        if simple.has_edge(u, v):
            simple[u][v]["relations"].append(data["relation"])
            simple[u][v]["weight"] += 1
        else:
            simple.add_edge(u, v, relations=[data["relation"]], weight=1)
    return simple


def flow_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """A directed graph in which an edge means "money or support can pass from u to v"."""
    flows = nx.DiGraph()
    flows.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        flow = RELATIONS[data["relation"]].flow
        if data["relation"] == "participates_in" and data.get("role") == "supporter":
            flow = "forward"
        if flow in ("forward", "both"):
            flows.add_edge(u, v)
        if flow in ("backward", "both"):
            flows.add_edge(v, u)
    return flows


# -- reading the dataset -----------------------------------------------------------------------


def _select(store: ox.Store, query: str) -> list[tuple[Any, ...]]:
    prefixes = f"PREFIX mkg: <{MKG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
               f"PREFIX skos: <{SKOS}>\nPREFIX dct: <{DCT}>\n"
    solutions = store.query(prefixes + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [tuple(s[n] for n in names) for s in solutions]


def _text(term: Any) -> str | None:
    return None if term is None else term.value


def _number(term: Any) -> float | int | None:
    if term is None:
        return None
    try:
        value = float(term.value)
    except ValueError:
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


class _Reader:
    """Collects node and edge data from a store; split out so :func:`project` reads as a recipe."""

    def __init__(self, store: ox.Store, base: str) -> None:
        self.store = store
        self.base = base
        self.uris: dict[str, str] = {}
        self.nodes: dict[str, dict[str, Any]] = {}
        self.documents = self._documents()

    def node_id(self, uri: str) -> str:
        for prefix in (self.base + "id/", MKG):
            if uri.startswith(prefix):
                return uri[len(prefix):]
        return uri

    def _documents(self) -> dict[str, dict[str, str]]:
        docs: dict[str, dict[str, str]] = {}
        for doc, title, ident in _select(self.store, """
            SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?i) AS ?ident) WHERE {
              ?d a mkg:SourceDocument . OPTIONAL { ?d dct:title ?t } OPTIONAL { ?d dct:identifier ?i }
            } GROUP BY ?d"""):
            doc_id = doc.value.rsplit("/", 1)[-1]
            docs[doc.value] = {"id": doc_id, "title": _text(title) or doc_id, "file": _text(ident) or ""}
        return docs

    def doc(self, uri: str | None) -> dict[str, str] | None:
        if uri is None:
            return None
        return self.documents.get(uri, {"id": uri.rsplit("/", 1)[-1], "title": uri, "file": ""})

    def entities(self) -> None:
        kinds: dict[str, set[str]] = defaultdict(set)
        values = " ".join(f"mkg:{k}" for k in NODE_KINDS)
        for entity, kind in _select(self.store, f"SELECT ?e ?k WHERE {{ VALUES ?k {{ {values} }} ?e a ?k }}"):
            if isinstance(entity, ox.NamedNode):
                kinds[entity.value].add(kind.value[len(MKG):])
        for uri in sorted(kinds):
            kind = next(k for k in NODE_KINDS if k in kinds[uri])
            node = self.node_id(uri)
            self.uris[node] = uri
            self.nodes[node] = {
                "uri": uri, "kind": kind, "category": CATEGORY[kind], "label": node, "alt_names": [],
                "country": None, "sectors": [], "services": [], "labels_held": [], "target_countries": [],
                "sources": [], "figures": [],
            }

    def names(self) -> None:
        labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
        alts: dict[str, set[str]] = defaultdict(set)
        rank = {"en": 0, "fr": 1, "it": 2}
        for entity, prop, text in _select(self.store, """
            SELECT ?e ?p ?l WHERE { VALUES ?p { rdfs:label skos:altLabel } ?e ?p ?l }"""):
            node = self.node_id(entity.value)
            if node not in self.nodes:
                continue
            if prop.value == RDFS_LABEL:
                labels[node].append((rank.get(text.language or "", 3), text.value))
            alts[node].add(text.value)
        for node, found in labels.items():
            best = min(found)[1]
            self.nodes[node]["label"] = best
            self.nodes[node]["alt_names"] = sorted(alts[node] - {best})

    def attributes(self) -> None:
        props = {"country": "country", "sector": "sectors", "offersService": "services",
                 "targetCountry": "target_countries", "targetSector": "sectors", "source": "sources"}
        values = " ".join(f"mkg:{p}" for p in props)
        for entity, prop, value in _select(self.store, f"SELECT ?e ?p ?v WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?v }}"):
            node = self.node_id(entity.value)
            if node not in self.nodes:
                continue
            key = props[prop.value[len(MKG):]]
            if key == "sources":
                item: str = self.doc(value.value)["id"]  # type: ignore[index]
            else:
                item = value.value.rsplit("/", 1)[-1]
            if key == "target_countries" and not value.value.startswith(self.base + "id/country/"):
                continue  # a region or city: the attribute lists countries only
            if key == "country":
                self.nodes[node]["country"] = item
            elif item not in self.nodes[node][key]:
                self.nodes[node][key].append(item)
        for data in self.nodes.values():
            for key in ("sectors", "services", "target_countries", "sources"):
                data[key].sort()
        for entity, prop, value, currency in _select(self.store, """
            SELECT ?e ?p ?v ?c WHERE { VALUES ?p { mkg:budget mkg:benefitValue mkg:maximumGrant }
              ?e ?p ?a . ?a mkg:value ?v ; mkg:currency ?c }"""):
            node = self.node_id(entity.value)
            if node in self.nodes:
                figure = (prop.value[len(MKG):], _number(value), currency.value, None)
                if figure not in self.nodes[node]["figures"]:
                    self.nodes[node]["figures"].append(figure)
        for entity, quantity, value, amount, currency, date in _select(self.store, """
            SELECT ?e ?q ?v ?av ?c ?d WHERE { ?m a mkg:Measurement ; mkg:measuredEntity ?e ; mkg:quantityKind ?q .
              OPTIONAL { ?m mkg:value ?v } OPTIONAL { ?m mkg:amount ?a . ?a mkg:value ?av ; mkg:currency ?c }
              OPTIONAL { ?m mkg:date ?d } }"""):
            node = self.node_id(entity.value)
            if node in self.nodes:
                figure = (quantity.value.rsplit("/", 1)[-1], _number(value if value is not None else amount),
                          _text(currency), _text(date))
                if figure not in self.nodes[node]["figures"]:
                    self.nodes[node]["figures"].append(figure)
        for data in self.nodes.values():
            data["figures"].sort(key=lambda f: (f[0], f[3] or "", str(f[1])))

    def entity_edges(self) -> list[tuple[str, str, dict[str, Any]]]:
        edges = []
        values = " ".join(f"mkg:{p}" for p in _ENTITY_LINKS)
        rows = _select(self.store, f"""
            SELECT DISTINCT ?s ?p ?o ?doc WHERE {{ VALUES ?p {{ {values} }}
              GRAPH ?g {{ ?s ?p ?o . OPTIONAL {{ ?s mkg:source ?doc }} }} }}""")
        seen: dict[tuple[str, str, str], dict[str, Any]] = {}
        for s, p, o, doc in sorted(rows, key=lambda r: tuple(_text(t) or "" for t in r)):
            relation, forward = _ENTITY_LINKS[p.value[len(MKG):]]
            a, b = self.node_id(s.value), self.node_id(o.value)
            if a not in self.nodes or b not in self.nodes:
                continue
            u, v = (a, b) if forward else (b, a)
            key = (u, v, relation)
            if key not in seen:
                seen[key] = {"relation": relation, "fact": None, "fact_kind": None, "sources": []}
                edges.append((u, v, seen[key]))
            source = self.doc(_text(doc))
            if source and source["id"] not in seen[key]["sources"]:
                seen[key]["sources"].append(source["id"])
        return edges

    def fact_edges(self) -> list[tuple[str, str, dict[str, Any]]]:
        facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        kinds: dict[str, str] = {}
        values = " ".join(f"mkg:{k}" for k in FACT_KINDS)
        for fact, kind, prop, value in _select(self.store, f"""
            SELECT ?f ?k ?p ?v WHERE {{ VALUES ?k {{ {values} }} ?f a ?k ; ?p ?v .
              FILTER(isIRI(?v) || ?p IN (mkg:date, mkg:startDate, mkg:quotation, mkg:cofundingRate)) }}"""):
            kinds[fact.value] = kind.value[len(MKG):]
            facts[fact.value][prop.value].append(value.value)
        amounts = {f.value: (_number(v), c.value, _text(q)) for f, v, c, q in _select(self.store, """
            SELECT ?f ?v ?c ?q WHERE { ?f mkg:amount ?a . ?a mkg:value ?v ; mkg:currency ?c .
              OPTIONAL { ?a mkg:valueQualifier ?q } }""")}
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for fact in sorted(facts):
            props = facts[fact]
            edges.extend(self._edges_of(fact, kinds[fact], props, amounts.get(fact)))
        return edges

    def _edges_of(self, fact: str, kind: str, props: dict[str, list[str]],
                  amount: tuple[Any, str, str | None] | None) -> Iterable[tuple[str, str, dict[str, Any]]]:
        def nodes(prop: str) -> list[str]:
            return sorted(n for n in (self.node_id(u) for u in props.get(MKG + prop, ())) if n in self.nodes)

        def first(prop: str) -> str | None:
            found = sorted(props.get(MKG + prop, ()))
            return found[0] if found else None

        source = self.doc(first("source"))
        base_attrs: dict[str, Any] = {
            "fact": self.node_id(fact), "fact_uri": fact, "fact_kind": kind,
            "date": first("date") or first("startDate"),
            "sources": [source["id"]] if source else [], "source_title": source["title"] if source else None,
            "quotation": first("quotation"),
        }
        if amount:
            base_attrs.update(amount=amount[0], currency=amount[1],
                              amount_qualifier=amount[2].rsplit("/", 1)[-1] if amount[2] else None)
        if first("cofundingRate"):
            base_attrs["cofunding_rate"] = float(first("cofundingRate"))  # type: ignore[arg-type]
            if first("cofundingQualifier"):
                base_attrs["cofunding_qualifier"] = first("cofundingQualifier").rsplit("/", 1)[-1]  # type: ignore[union-attr]
        programmes = nodes("throughProgramme")
        if programmes:
            base_attrs["programme"] = programmes[0]
        pairs: list[tuple[str, str, str]] = []
        if kind == "Funding":
            for f in nodes("funder"):
                pairs += [(f, r, "funds") for r in nodes("recipient")]
                pairs += [(f, p, "funds_via_programme") for p in programmes if p not in nodes("recipient")]
                pairs += [(f, p, "funds_project") for p in nodes("fundedProject") if p not in nodes("recipient")]
        elif kind == "Selection":
            for o in nodes("selectedOrganization"):
                pairs += [(o, p, "selected_for") for p in nodes("selectedFor")]
                pairs += [(s, o, "selects") for s in nodes("selectedBy")]
        elif kind == "Partnership":
            partners = nodes("partner")
            pairs += [(a, b, "partners_with") for i, a in enumerate(partners) for b in partners[i + 1:]]
            pairs += [(a, p, "partnership_in") for a in partners for p in programmes]
            kind_iri = first("partnershipKind")
            if kind_iri:
                base_attrs["partnership_kind"] = kind_iri.rsplit("/", 1)[-1]
        elif kind == "Participation":
            role = first("role")
            base_attrs["role"] = role.rsplit("/", 1)[-1] if role else None
            pairs += [(a, p, "participates_in") for a in nodes("participant") for p in nodes("participatesIn")]
        elif kind == "Post":
            pairs += [(h, o, "holds_post") for h in nodes("holder") for o in nodes("postIn")]
        elif kind == "Membership":
            pairs += [(m, o, "member_of") for m in nodes("member") for o in nodes("memberOf")]
        elif kind == "Labelling":
            for o in nodes("labelledOrganization"):
                pairs += [(a, o, "awards_label") for a in nodes("awardedBy")]
                pairs += [(o, lab, "holds_label") for lab in nodes("label")]
                for lab in nodes("label"):
                    held = self.nodes[o]["labels_held"]
                    if self.nodes[lab]["label"] not in held:
                        held.append(self.nodes[lab]["label"])
        for u, v, relation in pairs:
            if u != v:
                yield u, v, dict(base_attrs, relation=relation)

    def place_and_sector_nodes(self, places: bool, sectors: bool) -> list[tuple[str, str, dict[str, Any]]]:
        edges: list[tuple[str, str, dict[str, Any]]] = []
        if places:
            names = {c.value: (code.value, label.value) for c, code, label in _select(self.store, """
                SELECT ?c (SAMPLE(?k) AS ?code) (SAMPLE(?l) AS ?label) WHERE { ?c a mkg:Country ; mkg:isoCode ?k .
                  OPTIONAL { ?c rdfs:label ?l FILTER(langMatches(lang(?l), "en")) } } GROUP BY ?c""") if label}
            for node, data in list(self.nodes.items()):
                for code in ([data["country"]] if data["country"] else []) + data["target_countries"]:
                    uri = ns.country_iri(code, base_iri=self.base)
                    self._add_concept_node(f"country/{code}", uri, "Country", names.get(uri, (code, code))[1])
                    relation = "based_in" if code == data["country"] else "targets_country"
                    edges.append((node, f"country/{code}", {"relation": relation, "fact": None, "sources": []}))
        if sectors:
            labels = {c.value: l.value for c, l in _select(self.store, """
                SELECT ?c ?l WHERE { ?c skos:inScheme mkg:SectorScheme ; skos:prefLabel ?l FILTER(langMatches(lang(?l), "en")) }""")}
            for node, data in list(self.nodes.items()):
                if data["category"] not in ("organization", "programme"):
                    continue
                for sector in data["sectors"]:
                    uri = MKG + "sector/" + sector
                    self._add_concept_node(f"sector/{sector}", uri, "Sector", labels.get(uri, sector))
                    relation = "in_sector" if data["category"] == "organization" else "targets_sector"
                    edges.append((node, f"sector/{sector}", {"relation": relation, "fact": None, "sources": []}))
        return edges

    def term_names(self) -> dict[str, str]:
        names = {}
        for c, code, label in _select(self.store, """
            SELECT ?c (SAMPLE(?k) AS ?code) (SAMPLE(?l) AS ?label) WHERE { ?c a mkg:Country ; mkg:isoCode ?k .
              OPTIONAL { ?c rdfs:label ?l FILTER(langMatches(lang(?l), "en")) } } GROUP BY ?c"""):
            names[f"country/{code.value}"] = _text(label) or code.value
        for c, label in _select(self.store, """
            SELECT ?c (SAMPLE(?l) AS ?label) WHERE { ?c skos:inScheme mkg:SectorScheme ; skos:prefLabel ?l
              FILTER(langMatches(lang(?l), "en")) } GROUP BY ?c"""):
            names["sector/" + c.value.rsplit("/", 1)[-1]] = label.value
        return names

    def _add_concept_node(self, node: str, uri: str, kind: str, label: str) -> None:
        if node not in self.nodes:
            self.uris[node] = uri
            self.nodes[node] = {"uri": uri, "kind": kind, "category": CATEGORY[kind], "label": label,
                                "alt_names": [], "country": node[8:] if kind == "Country" else None,
                                "sectors": [node[7:]] if kind == "Sector" else [], "services": [],
                                "labels_held": [], "target_countries": [], "sources": [], "figures": []}


def project(store: ox.Store, *, places: bool = False, sectors: bool = False, base: str | None = None) -> Projection:
    """Project the dataset in ``store`` onto a directed multigraph of actors and programmes.

    ``places`` and ``sectors`` add country and sector nodes (with ``based_in``/``targets_country``
    and ``in_sector``/``targets_sector`` edges); measures of centrality leave them out by default
    because a country node would otherwise be the most "central actor" of its country.
    Node attributes: ``uri``, ``kind`` (the class local name), ``category`` (organization,
    programme, person, country, sector), ``label``, ``alt_names``, ``country`` (ISO code),
    ``sectors``, ``services``, ``labels_held``, ``target_countries``, ``sources`` (document ids)
    and ``figures`` (``(quantity, value, currency, date)`` tuples: budgets, member counts...).
    Edge attributes: ``relation`` (a key of :data:`RELATIONS`), ``sources``, and for edges from a
    fact node ``fact`` (its id), ``fact_uri``, ``fact_kind``, ``date``, ``quotation``,
    ``source_title`` and, where stated, ``amount``/``currency``/``amount_qualifier``,
    ``cofunding_rate``/``cofunding_qualifier``, ``programme``, ``role``, ``partnership_kind``.
    """
    reader = _Reader(store, base or ns.base())
    reader.entities()
    reader.names()
    reader.attributes()
    edges = reader.entity_edges() + reader.fact_edges() + reader.place_and_sector_nodes(places, sectors)
    graph = nx.MultiDiGraph()
    for node in sorted(reader.nodes):
        graph.add_node(node, **reader.nodes[node])
    for u, v, data in edges:
        graph.add_edge(u, v, key=f"{data['relation']}:{data.get('fact') or ''}", **data)
    return Projection(graph=graph, uris=dict(reader.uris), base=reader.base, terms=reader.term_names(),
                      documents={d["id"]: d["title"] for d in reader.documents.values()})
