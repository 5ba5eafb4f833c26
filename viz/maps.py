"""What each map shows: the nodes and edges drawn, where they sit, how big and what colour.

Three maps: the whole ecosystem, the neighbourhood of one actor (ego map) and the funding flows
(funders -> programmes -> intermediaries -> clusters). Positions are always computed here, with a
fixed seed, and the browser's physics stays off: the same data gives the same picture, and a map
of thousands of nodes is usable as soon as it is drawn. Past :data:`LARGE` nodes the layout is
done per Louvain community (each community laid out on its own, the communities then placed by
a layout of the graph between them), which keeps a few thousand nodes to a few seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from medkg.analysis import measures as m
from medkg.analysis.projection import RELATIONS, Projection, flow_graph, undirected
from medkg.viz import style

LARGE = 300
"""Above this many nodes a map is laid out by community and edge labels are left to tooltips."""

SCALE = 1000.0


@dataclass
class MapData:
    """Everything the page needs, as plain JSON-ready data."""

    name: str
    title: str
    description: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: dict[str, Any] = field(default_factory=dict)
    large: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "nodes": self.nodes, "edges": self.edges,
                "large": self.large}


def actor_graph(projection: Projection) -> nx.Graph:
    """The undirected network of actors and programmes, without country and sector nodes."""
    g = projection.graph
    return undirected(g.subgraph([v for v, d in g.nodes(data=True) if d["category"] not in ("country", "sector")]))


def layout(simple: nx.Graph, seed: int = 7, centre: str | None = None) -> dict[str, tuple[float, float]]:
    """Positions in pixels; ``centre`` is pinned in the middle (ego maps)."""
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(simple)): (0.0, 0.0)}
    if n > LARGE:
        return _community_layout(simple, seed)
    if centre:
        pos = nx.spring_layout(simple, seed=seed, k=1.6 / math.sqrt(n), iterations=100,
                               pos={centre: (0.0, 0.0)}, fixed=[centre])
        return _scaled(pos, _side(n))
    return _component_layout(simple, seed)


def _side(n: int) -> float:
    """Width in pixels given to a connected group of n nodes: room for labels, not for emptiness."""
    return 170.0 * math.sqrt(n)


def _component_layout(simple: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own, then shelved in rows, largest first, so that
    small separate groups do not squeeze the main one into the middle of the page."""
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    row_width = max(_side(len(components[0])) * 1.8, 900.0)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members in components:
        side = _side(len(members)) if len(members) > 1 else 120.0
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height + 60.0, 0.0
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        else:
            sub = simple.subgraph(members)
            local = _scaled(nx.spring_layout(sub, seed=seed, k=1.8 / math.sqrt(len(members)), iterations=100), side)
        for v, (px, py) in local.items():
            pos[v] = (round(x + side / 2 + px, 1), round(y + side / 2 + py, 1))
        x += side + 60.0
        row_height = max(row_height, side)
    return pos


def _scaled(pos: dict[str, Any], size: float) -> dict[str, tuple[float, float]]:
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {v: (round((float(p[0]) - cx) / span * size, 1), round((float(p[1]) - cy) / span * size, 1))
            for v, p in pos.items()}


def _community_layout(simple: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    groups = m.communities(simple, m.Settings(seed=seed))
    index = {v: i for i, members in enumerate(groups) for v in members}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v in simple.edges():
        if index[u] != index[v]:
            w = between.get_edge_data(index[u], index[v], {"weight": 0})["weight"]
            between.add_edge(index[u], index[v], weight=w + 1)
    centres = nx.spring_layout(between, seed=seed, weight="weight", k=2.0 / math.sqrt(len(groups) or 1))
    # spread the community centres over about twice the room their members need, no more
    total = 2.5 * math.sqrt(sum((40.0 * math.sqrt(len(c))) ** 2 for c in groups))
    placed = _scaled(centres, total) if len(groups) > 1 else {0: (0.0, 0.0)}
    pos: dict[str, tuple[float, float]] = {}
    for i, members in enumerate(groups):
        radius = 40.0 * math.sqrt(len(members))
        inner = nx.spring_layout(simple.subgraph(members), seed=seed, iterations=30) if len(members) > 1 else {members[0]: (0, 0)}
        for v, (x, y) in _scaled(inner, radius).items():
            pos[v] = (round(placed[i][0] + x, 1), round(placed[i][1] + y, 1))
    return pos


def _layered(nodes: dict[str, int], simple: nx.Graph) -> dict[str, tuple[float, float]]:
    """Columns left to right (funders, programmes, intermediaries, clusters), ordered to cut crossings."""
    columns: dict[int, list[str]] = {}
    for v, layer in nodes.items():
        columns.setdefault(layer, []).append(v)
    order: dict[str, float] = {}
    pos = {}
    for layer in sorted(columns):
        members = columns[layer]
        # barycentre of already placed neighbours, then name, keeps related nodes side by side
        members.sort(key=lambda v: (sum(order[w] for w in simple[v] if w in order) / max(1, sum(w in order for w in simple[v])), v))
        for i, v in enumerate(members):
            order[v] = i
            pos[v] = (layer * 450.0, round((i - (len(members) - 1) / 2) * 90.0, 1))
    return pos


# -- node and edge records ---------------------------------------------------------------------


def _figure(f: tuple[str, Any, str | None, str | None]) -> str:
    quantity, value, currency, date = f
    number = f"{value:,}" if isinstance(value, (int, float)) else str(value)
    return f"{quantity.replace('-', ' ')}: {number}{' ' + currency if currency else ''}{f' ({date})' if date else ''}"


def node_record(projection: Projection, v: str, measures: dict[str, Any] | None, colours: dict[str, str],
                size: float, pos: tuple[float, float], index: int) -> dict[str, Any]:
    d = projection.graph.nodes[v]
    country = d.get("country")
    info: list[list[str]] = [["Kind", style.KIND_NAMES.get(d["kind"], d["kind"])]]
    if country:
        info.append(["Country", projection.terms.get(f"country/{country}", country)])
    if d.get("sectors"):
        info.append(["Sectors", ", ".join(projection.terms.get(f"sector/{s}", s) for s in d["sectors"])])
    if d.get("target_countries"):
        info.append(["Countries targeted", ", ".join(projection.terms.get(f"country/{c}", c) for c in d["target_countries"])])
    if d.get("services"):
        info.append(["Services", ", ".join(s.replace("-", " ") for s in d["services"])])
    if d.get("labels_held"):
        info.append(["Labels", ", ".join(d["labels_held"])])
    for f in d.get("figures", ()):
        info.append(["Figure", _figure(f)])
    if measures:
        info.append(["Measures", f"degree {measures['degree']}, betweenness {measures['betweenness']:.3f}, "
                                 f"PageRank {measures['pagerank']:.3f}"])
    if d.get("alt_names"):
        info.append(["Also called", ", ".join(d["alt_names"])])
    for doc in d.get("sources", ()):
        info.append(["Source", projection.documents.get(doc, doc)])
    return {
        "id": index, "key": v, "uri": d["uri"], "label": d["label"], "kind": d["kind"], "category": d["category"],
        "country": country or "", "sectors": [projection.terms.get(f"sector/{s}", s) for s in d.get("sectors", ())],
        "names": d.get("alt_names", []), "color": style.KIND_COLOURS.get(d["kind"], "#999999"),
        "border": colours.get(country or "", style.NO_COUNTRY), "shape": style.SHAPES.get(d["category"], "dot"),
        "size": round(size, 1), "x": pos[0], "y": pos[1], "info": info,
    }


def edge_record(projection: Projection, u: str, v: str, data: dict[str, Any], ids: dict[str, int], index: int,
                show_label: bool) -> dict[str, Any]:
    relation = data["relation"]
    family = style.EDGE_FAMILIES[style.RELATION_FAMILY[relation]]
    directed = relation != "partners_with"
    text = RELATIONS[relation].label
    if data.get("role"):
        text = f"{text} (as {data['role']})"
    info = [["Relation", f"{projection.graph.nodes[u]['label']} {text} {projection.graph.nodes[v]['label']}"]]
    if data.get("fact_kind"):
        info.append(["Fact", data["fact_kind"]])
    figures = m.edge_figures(data)
    if figures:
        info.append(["Details", figures])
    if data.get("programme"):
        info.append(["Programme", projection.graph.nodes[data["programme"]]["label"]])
    if data.get("quotation"):
        info.append(["Quote", data["quotation"]])
    for doc in data.get("sources") or ():
        info.append(["Source", projection.documents.get(doc, doc)])
    width = 1.5
    if data.get("amount"):
        width = 1.5 + min(6.0, math.log10(max(float(data["amount"]), 1.0)) / 2)
    return {
        "id": index, "from": ids[u], "to": ids[v], "relation": relation, "label": text if show_label else "",
        "color": family.colour, "dashes": family.dashes, "arrows": directed and family.arrows,
        "width": round(width, 2), "info": info,
    }


def _legend(projection: Projection, nodes: list[str], edges: list[str], colours: dict[str, str], size_by: str) -> dict[str, Any]:
    kinds = sorted({projection.graph.nodes[v]["kind"] for v in nodes}, key=lambda k: list(style.KIND_COLOURS).index(k))
    families = sorted({style.RELATION_FAMILY[r] for r in edges}, key=list(style.EDGE_FAMILIES).index)
    return {
        "kinds": [(style.KIND_NAMES[k], style.KIND_COLOURS[k], style.SHAPES[projection.graph.nodes[next(
            v for v in nodes if projection.graph.nodes[v]["kind"] == k)]["category"]]) for k in kinds],
        "countries": [(code, projection.terms.get(f"country/{code}", code), colour) for code, colour in colours.items()],
        "edges": [(style.EDGE_FAMILIES[f].family, style.EDGE_FAMILIES[f].colour, style.EDGE_FAMILIES[f].dashes) for f in families],
        "size_by": size_by,
    }


def _assemble(projection: Projection, name: str, title: str, description: str, nodes: list[str],
              edges: list[tuple[str, str, dict[str, Any]]], pos: dict[str, tuple[float, float]],
              measures: dict[str, dict[str, Any]], size_by: str = "pagerank") -> MapData:
    nodes = sorted(nodes)
    ids = {v: i for i, v in enumerate(nodes)}
    colours = style.country_colours([projection.graph.nodes[v]["country"] for v in nodes if projection.graph.nodes[v].get("country")])
    values = [measures[v][size_by] for v in nodes if v in measures] or [0.0]
    low, high = min(values), max(values)

    def size(v: str) -> float:
        if v not in measures or high == low:
            return 14.0
        return 10.0 + 30.0 * math.sqrt((measures[v][size_by] - low) / (high - low))

    large = len(nodes) > LARGE
    node_records = [node_record(projection, v, measures.get(v), colours, size(v), pos[v], ids[v]) for v in nodes]
    edge_records = [edge_record(projection, u, v, d, ids, i, show_label=not large) for i, (u, v, d) in enumerate(edges)]
    legend = _legend(projection, nodes, [d["relation"] for _, _, d in edges], colours,
                     {"pagerank": "PageRank", "betweenness": "betweenness", "degree": "degree"}[size_by])
    return MapData(name, title, description, node_records, edge_records, legend, large)


def _edges_among(projection: Projection, keep: set[str], relations: set[str] | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    found = [(u, v, d) for u, v, d in projection.graph.edges(data=True)
             if u in keep and v in keep and (relations is None or d["relation"] in relations)]
    return sorted(found, key=lambda e: (e[0], e[1], e[2]["relation"], e[2].get("fact") or ""))


def ecosystem_map(projection: Projection, measures: dict[str, dict[str, Any]], seed: int = 7) -> MapData:
    """Every actor and programme, sized by PageRank."""
    simple = actor_graph(projection)
    keep = set(simple)
    return _assemble(projection, "ecosystem", "The Mediterranean cluster ecosystem",
                     "Every organisation, person, programme and call of the dataset and the relations the sources state "
                     "between them. Node size: PageRank.",
                     list(keep), _edges_among(projection, keep), layout(simple, seed), measures)


def ego_map(projection: Projection, measures: dict[str, dict[str, Any]], focus: str, depth: int = 2, seed: int = 7) -> MapData:
    """An actor and everything within ``depth`` relations of it."""
    centre = projection.find(focus)
    simple = actor_graph(projection)
    if centre not in simple:
        raise LookupError(f"{focus!r} is not an actor or programme of the network")
    ego = nx.ego_graph(simple, centre, radius=depth)
    label = projection.graph.nodes[centre]["label"]
    data = _assemble(projection, f"ego-{_slug(centre)}", f"{label} and its neighbours within {depth} steps",
                     f"Everything within {depth} relations of {label}. Node size: PageRank in the whole network.",
                     list(ego), _edges_among(projection, set(ego)), layout(ego, seed, centre=centre), measures)
    for record in data.nodes:
        record["focus"] = record["key"] == centre
    return data


def funding_map(projection: Projection, measures: dict[str, dict[str, Any]], reach: list[m.Reach] | None = None) -> MapData:
    """Funders -> programmes -> intermediaries -> clusters, in columns, along the routes of support."""
    reach = m.funder_reach(projection) if reach is None else reach
    g = projection.graph
    funder_set = {r.funder for r in reach}
    layer: dict[str, int] = {}
    for r in reach:
        for v in [*r.path, *r.intermediaries]:
            d = g.nodes[v]
            layer[v] = (0 if v in funder_set else 3 if d["kind"] == "Cluster"
                        else 1 if d["category"] == "programme" else 2)
    flows = flow_graph(g)
    relations = {r for r, rel in RELATIONS.items() if rel.flow != "none"}
    edges = [(u, v, d) for u, v, d in _edges_among(projection, set(layer), relations)
             if flows.has_edge(u, v) or flows.has_edge(v, u)]
    simple = undirected(g.subgraph(layer))
    return _assemble(projection, "funding-flows", "How money and support reach the clusters",
                     "Funders (left), the programmes and calls they fund (second column), the organisations that run "
                     "them (third) and the clusters they reach (right). Node size: PageRank in the whole network.",
                     list(layer), edges, _layered(layer, simple), measures)


def _slug(node: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in node)[:80]
