"""The analysis as a Markdown page a policy team can read: findings in sentences, small tables.

Names come from data, so every one is escaped (``<``, ``>``, ``&`` as entities, ``|`` and other
Markdown markup with a backslash): a report rendered to HTML shows a name such as
``<script>`` as text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from medkg.analysis.analyse import Analysis

TOP = 10


def md(text: object) -> str:
    """Text from data, safe inside Markdown (and the HTML a renderer makes of it)."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", escaped).replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _names(a: Analysis, nodes: list[str], limit: int = 6) -> str:
    shown = [md(a.label(v)) for v in nodes[:limit]]
    more = len(nodes) - limit
    text = ", ".join(shown)
    return text + (f" and {more} more" if more > 0 else "")


def render(a: Analysis) -> str:
    """The report as Markdown text."""
    g = a.projection.graph
    values = a.centrality.values
    kinds = Counter(d["kind"] for _, d in a.simple.nodes(data=True))
    out = [
        "# How the Mediterranean cluster ecosystem is connected",
        "",
        f"Analysis of the MedKG dataset{f' built on {a.build_date}' if a.build_date else ''}, made on "
        f"{a.started:%Y-%m-%d %H:%M} UTC. The network has "
        f"{a.simple.number_of_nodes()} actors and programmes joined by {a.simple.number_of_edges()} "
        f"relations ({g.number_of_edges()} stated edges, counting each fact and relation separately): "
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))) + ".",
        "",
    ]
    if a.centrality.sample_size is not None:
        out += [f"The network is large, so betweenness was estimated from a sample of "
                f"{a.centrality.sample_size} source nodes (seed {a.settings.seed}) rather than computed exactly.", ""]

    out += ["## Who is central", ""]
    if values:
        by = lambda key: max(values, key=lambda v: (values[v][key], v))  # noqa: E731
        d, b, p = by("degree"), by("betweenness"), by("pagerank")
        out += [f"{md(a.label(d))} has the most direct relations ({values[d]['degree']}). "
                f"{md(a.label(b))} lies on the most shortest paths between other actors (betweenness "
                f"{values[b]['betweenness']:.3f}), and {md(a.label(p))} ranks first by PageRank "
                f"({values[p]['pagerank']:.3f}), which also weighs how central its neighbours are.", ""]
        ranked = sorted(values, key=lambda v: (-values[v]["betweenness"], -values[v]["degree"], v))[:TOP]
        out += _table(["Actor or programme", "Kind", "Country", "Degree", "Betweenness", "PageRank"],
                      [[md(a.label(v)), g.nodes[v]["kind"], g.nodes[v].get("country") or "",
                        values[v]["degree"], f"{values[v]['betweenness']:.3f}", f"{values[v]['pagerank']:.3f}"]
                       for v in ranked])

    out += ["## Who brokers between groups", ""]
    spanning = [b for b in a.brokers if len(b.countries) > 1]
    if spanning:
        top = spanning[0]
        out += [f"{len(spanning)} {'actor or programme connects' if len(spanning) == 1 else 'actors or programmes connect'} "
                f"partners in more than one country. "
                f"{md(a.label(top.node))} spans the most: {', '.join(top.countries)}.", ""]
    holes = sorted((v for v in values if values[v]["constraint"] is not None and values[v]["degree"] > 1),
                   key=lambda v: (values[v]["constraint"], v))
    if holes:
        out += [f"Lowest constraint (Burt) means contacts that are not connected among themselves, the position "
                f"of a broker: {_names(a, holes, 5)}.", ""]
        out += _table(["Broker", "Countries spanned", "Sectors spanned", "Effective size", "Constraint"],
                      [[md(a.label(v)), " ".join(next((b.countries for b in a.brokers if b.node == v), [])),
                        len(next((b.sectors for b in a.brokers if b.node == v), [])),
                        f"{values[v]['effective_size']:.2f}" if values[v]["effective_size"] is not None else "",
                        f"{values[v]['constraint']:.3f}"] for v in holes[:TOP]])
    if a.bridges:
        u, v = a.bridges[0]
        out += [f"{len(a.bridges)} relations are bridges: without any one of them part of the network would be "
                f"cut off (for example {md(a.label(u))} and {md(a.label(v))}).", ""]

    out += ["## Communities", ""]
    if a.communities:
        first = a.communities[0]
        leader = max(first, key=lambda v: (values[v]["degree"], v))
        out += [f"The Louvain method finds {len(a.communities)} communities, groups more tightly connected "
                f"inside than with the rest. The largest has {len(first)} members around {md(a.label(leader))}.", ""]
        rows = []
        for i, members in enumerate(a.communities[:TOP]):
            core = sorted(members, key=lambda v: (-values[v]["degree"], v))
            countries = sorted({g.nodes[v]["country"] for v in members if g.nodes[v].get("country")})
            rows.append([i + 1, len(members), _names(a, core, 4), " ".join(countries)])
        out += _table(["Community", "Size", "Best connected members", "Countries"], rows)

    out += ["## Where funders' money and programmes reach", ""]
    by_funder: dict[str, list] = {}
    for r in a.reach:
        by_funder.setdefault(r.funder, []).append(r)
    if not by_funder:
        out += ["No funder's money or programme reaches a cluster in this dataset.", ""]
    rows = []
    for funder, reached in sorted(by_funder.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        via = sorted({x for r in reached for x in r.intermediaries})
        direct = [r.cluster for r in reached if r.direct]
        rows.append([md(a.label(funder)), len(reached), _names(a, [r.cluster for r in reached], 4),
                     len(direct), _names(a, via, 4)])
    if rows:
        funder, reached = max(by_funder.items(), key=lambda kv: (len(kv[1]), kv[0]))
        via = sorted({x for r in reached for x in r.intermediaries})
        out += [f"{md(a.label(funder))} reaches the most clusters: {len(reached)} "
                f"({_names(a, [r.cluster for r in reached])})"
                + (f", through {_names(a, via, 4)}." if via else ", all directly.")
                + " A cluster counts as reached when money or support can pass to it along funding, programme, "
                  "selection and participation relations.", ""]
        out += _table(["Funder or supporter", "Clusters reached", "Which", "Without intermediary", "Intermediaries"],
                      rows[:TOP * 2])

    out += ["## How named actors are connected", ""]
    for (x, y), chains in a.chains.items():
        if not chains:
            out += [f"{md(a.label(x))} and {md(a.label(y))} are not connected.", ""]
            continue
        out += [f"{md(a.label(x))} is connected to {md(a.label(y))} in {len(chains[0].steps)} steps: "
                f"{md(chains[0].describe(a.projection))}."]
        if len(chains) > 1:
            out += ["Other chains of the same length: "
                    + " / ".join(" → ".join(md(a.label(v)) for v in c.nodes) for c in chains[1:]) + "."]
        out += [""]

    out += ["## Sector coverage per country", ""]
    sectors = sorted({s for counts in a.coverage.counts.values() for s in counts})
    if sectors:
        out += _table(["Country"] + sectors,
                      [[c] + [counts.get(s, 0) or "" for s in sectors] for c, counts in a.coverage.counts.items()])
        for c, gaps in a.coverage.gaps.items():
            if gaps:
                out += [f"- {c} has no cluster in: {', '.join(gaps)}."]
        for c, gaps in a.coverage.targeted_gaps.items():
            out += [f"- Programmes target {', '.join(gaps)} in {c}, where no cluster of that sector is recorded."]
        out += [""]

    out += ["## Method", ""]
    out += [f"- {name}: {how}" for name, how in a.centrality.method.items()]
    out += [f"- communities: Louvain (networkx), seed {a.settings.seed}",
            "- The projection turns each fact of the dataset (funding, selection, partnership, participation, post, "
            "membership, labelling) into edges between the parties it names; countries and sectors are attributes, "
            "not nodes, in these measures.",
            "- Every measure is in a CSV file beside this report and, as RDF, in the named graph of analysis.trig.",
            ""]
    return "\n".join(out)


def write_report(a: Analysis, path: Path) -> None:
    path.write_text(render(a), encoding="utf-8")
