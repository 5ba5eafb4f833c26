"""The measures as CSV files, one per measure, for spreadsheets and scripts.

Each row names the node by id, label and IRI so that a table can be joined back to the dataset.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable

from medkg.analysis.analyse import Analysis

TABLES = ("centrality", "brokers", "bridges", "communities", "funder_reach", "chains", "sector_coverage", "sector_gaps")


def _write(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if x is None else x for x in row])


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def write_tables(a: Analysis, out_dir: Path) -> list[Path]:
    """Write every table of :data:`TABLES` into ``out_dir`` and return their paths."""
    g = a.projection.graph
    node = lambda v: [v, g.nodes[v]["label"], g.nodes[v]["kind"], g.nodes[v].get("country") or ""]  # noqa: E731
    community = a.community_of()
    paths = {name: out_dir / f"{name}.csv" for name in TABLES}
    values = a.centrality.values
    _write(paths["centrality"],
           ["id", "label", "kind", "country", "degree", "degree_centrality", "betweenness", "pagerank",
            "effective_size", "constraint", "community", "uri"],
           (node(v) + [d["degree"], _round(d["degree_centrality"]), _round(d["betweenness"]), _round(d["pagerank"]),
                       _round(d["effective_size"]), _round(d["constraint"]), community.get(v), a.projection.uris[v]]
            for v, d in sorted(values.items(), key=lambda kv: (-kv[1]["betweenness"], kv[0]))))
    _write(paths["brokers"],
           ["id", "label", "kind", "country", "countries_spanned", "sectors_spanned", "cross_country_links",
            "cross_sector_links", "betweenness"],
           (node(b.node) + [" ".join(b.countries), " ".join(b.sectors), b.cross_country_edges, b.cross_sector_edges,
                            _round(values[b.node]["betweenness"])] for b in a.brokers))
    _write(paths["bridges"], ["source", "source_label", "target", "target_label", "relations"],
           ([u, g.nodes[u]["label"], v, g.nodes[v]["label"], " ".join(sorted(set(a.simple[u][v]["relations"])))]
            for u, v in a.bridges))
    _write(paths["communities"], ["community", "id", "label", "kind", "country"],
           ([i + 1] + node(v) for i, members in enumerate(a.communities) for v in members))
    _write(paths["funder_reach"],
           ["funder", "funder_label", "cluster", "cluster_label", "hops", "direct", "shortest_route", "intermediaries"],
           ([r.funder, g.nodes[r.funder]["label"], r.cluster, g.nodes[r.cluster]["label"], r.hops, r.direct,
             " > ".join(g.nodes[v]["label"] for v in r.path), "; ".join(g.nodes[v]["label"] for v in r.intermediaries)]
            for r in a.reach))
    _write(paths["chains"], ["from", "to", "chain", "length", "step", "source", "relation", "target", "fact", "amount",
                             "currency", "date", "document"],
           ([x, y, i + 1, len(c.steps), j + 1, s.source, s.relation, s.target, s.data.get("fact") or "",
             s.data.get("amount"), s.data.get("currency"), s.data.get("date"), " ".join(s.data.get("sources") or ())]
            for (x, y), chains in a.chains.items() for i, c in enumerate(chains) for j, s in enumerate(c.steps)))
    _write(paths["sector_coverage"], ["country", "sector", "clusters"],
           ([c, s, n] for c, counts in a.coverage.counts.items() for s, n in sorted(counts.items())))
    _write(paths["sector_gaps"], ["country", "sector", "why"],
           [[c, s, "clusters of this sector exist elsewhere, none here"] for c, gaps in a.coverage.gaps.items() for s in gaps]
           + [[c, s, "a programme targets this sector here, no cluster of it here"]
              for c, gaps in a.coverage.targeted_gaps.items() for s in gaps])
    return list(paths.values())
