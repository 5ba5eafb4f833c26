"""Benchmark of the network analyses and maps on a synthetic ecosystem, beside the plain alternatives.

    python benchmarks/bench_maps.py --clusters 1500 --repeat 3

Builds the synthetic ecosystem of ``benchmarks/synthetic.py`` once (without SHACL validation,
which ``bench_build.py`` measures), then times, as medians over ``--repeat`` runs:

- projection: ``medkg.analysis.projection.project`` (SPARQL on the union graph into a typed
  NetworkX graph), beside rdflib's ``rdflib_to_networkx_multidigraph`` on the same N-Quads (every
  triple an edge, fact nodes and literals included, nothing typed);
- measures: the whole ``analyse`` run (sampled betweenness past 500 nodes), beside exact
  betweenness, and MedKG's structural holes beside networkx's ``effective_size``/``constraint``;
- map writing: the ecosystem and funding-flows maps, beside pyvis's default output of the same
  graph (``Network.from_nx`` + ``write_html``, its template and physics);
- time to usable in headless Chromium: from navigation start to the first drawing of the
  largest map (ours: positions computed in Python, physics off), beside the pyvis page (physics
  on: usable when its stabilisation ends; one run, counted as unusable past ``--browser-timeout``),
  with requests leaving the machine aborted.

Exact betweenness and networkx's structural holes take minutes on a few thousand nodes, so their
figures are extrapolated: Brandes's algorithm costs one pass per source node, and networkx's
structural holes are timed on 50 random nodes and scaled to all.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from timing import median_time  # noqa: E402

PYVIS_HOOK = """
(() => {
  let value;
  Object.defineProperty(window, "network", { configurable: true, get() { return value; }, set(v) {
    value = v;
    if (v && v.once) {
      v.once("afterDrawing", () => { window.__firstDraw = window.__firstDraw || performance.now(); });
      v.once("stabilizationIterationsDone", () => { window.__stabilised = performance.now(); });
    }
  } });
})();
"""


def build_synthetic(clusters: int, work: Path) -> Path:
    import synthetic

    from medkg.graph import build as build_module

    sources, dist = work / "sources", work / "dist"
    synthetic.generate(sources, clusters)
    build_module._validate = lambda *args: None  # type: ignore[assignment]  # validation is bench_build's business
    build_module.build(sources, dist)
    return dist


def browser_times(pages: dict[str, Path], repeat: int, timeout_s: float, profile: Path) -> dict[str, float | None]:
    """Median milliseconds from navigation start until each page is usable (None: not within the timeout)."""
    from browser import PageReport, launch, open_page, wait_for

    playwright, context = launch(profile)
    results: dict[str, float | None] = {}
    try:
        context.add_init_script(PYVIS_HOOK)
        for name, path in pages.items():
            samples = []
            for _ in range(repeat):
                report = PageReport()
                page, report = open_page(context, path.as_uri(), report, wait_until="commit")
                ours = "window.medkgMap && window.medkgMap.ready"
                theirs = "window.__stabilised !== undefined || (window.__firstDraw !== undefined && window.network && !window.network.physics.options.enabled)"
                try:
                    wait_for(page, f"({ours}) || ({theirs})", timeout_s)
                    samples.append(page.evaluate("window.medkgMap ? window.medkgMap.drawnAt : Math.max(window.__stabilised || 0, window.__firstDraw || 0)"))
                except Exception as exc:  # noqa: BLE001  (a Playwright timeout: the page never became usable)
                    print(f"  {name}: not usable: {str(exc).splitlines()[0]}")
                    samples.append(None)
                if report.external_requests:
                    print(f"  {name}: {len(report.external_requests)} request(s) to other machines aborted, e.g. "
                          f"{report.external_requests[0]}")
                page.close()
            done = [s for s in samples if s is not None]
            results[name] = statistics.median(done) if len(done) == len(samples) else None
    finally:
        context.close()
        playwright.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--browser-timeout", type=float, default=120.0, help="seconds before a page counts as unusable")
    parser.add_argument("--skip-baselines", action="store_true", help="time MedKG only")
    args = parser.parse_args()

    import networkx as nx

    from medkg.analysis import measures as m
    from medkg.analysis.analyse import analyse
    from medkg.analysis.projection import project
    from medkg.graph.store import load_dataset
    from medkg.viz import maps
    from medkg.viz.render import write_map

    rows: list[tuple[str, float | None, str, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        dist = build_synthetic(args.clusters, work)
        store = load_dataset(dist)
        print(f"synthetic ecosystem: {args.clusters} clusters, {len(store)} quads, built in {time.perf_counter() - t0:.1f} s")

        t_proj, projection = median_time(lambda: project(store), args.repeat)
        g = projection.graph
        print(f"projection: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
        base_proj = None
        if not args.skip_baselines:
            import rdflib
            from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

            def plain_projection():  # type: ignore[no-untyped-def]
                ds = rdflib.Dataset()
                ds.parse(str(dist / "medkg.nq"), format="nquads")
                union = rdflib.Graph()
                for quad in ds.quads((None, None, None, None)):
                    union.add(quad[:3])
                return rdflib_to_networkx_multidigraph(union)

            base_proj, plain = median_time(plain_projection, 1)
            print(f"rdflib projection: {plain.number_of_nodes()} nodes, {plain.number_of_edges()} edges (1 run)")
        rows.append(("projection (typed, facts as edges) | rdflib_to_networkx (1 run)", t_proj, "", base_proj))

        t_an, analysis = median_time(lambda: analyse(projection), args.repeat)
        print(f"analysis: betweenness sampled from {analysis.centrality.sample_size} nodes; stages {{"
              + ", ".join(f"{k}: {v:.2f}" for k, v in analysis.seconds.items()) + "}")
        simple = analysis.simple
        base_between = base_holes = t_holes = None
        n = simple.number_of_nodes()
        k = analysis.centrality.sample_size or n
        t_holes, _ = median_time(lambda: m.structural_holes(simple), args.repeat)
        t_sampled, _ = median_time(lambda: nx.betweenness_centrality(simple, k=k, seed=42), args.repeat)
        if not args.skip_baselines:
            # Brandes costs one pass per source node: exact = the per-source time of the sample x n
            base_between = t_sampled / k * n
            sample = random.Random(0).sample(sorted(simple), min(50, n))
            per_node, _ = median_time(lambda: (nx.effective_size(simple, nodes=sample), nx.constraint(simple, nodes=sample)), 1)
            base_holes = per_node / len(sample) * n
        rows.append(("all measures (analyse) | -", t_an, "", None))
        rows.append((f"betweenness, {k} sampled sources | exact, extrapolated from the per-source time", t_sampled, "", base_between))
        rows.append(("structural holes, all nodes | networkx, extrapolated from 50 random nodes", t_holes, "", base_holes))

        out = work / "maps"
        measures = analysis.centrality.values

        def ours_maps() -> list[Path]:
            return [write_map(maps.ecosystem_map(projection, measures), out),
                    write_map(maps.funding_map(projection, measures, analysis.reach), out)]

        t_maps, written = median_time(ours_maps, args.repeat)
        t_eco, _ = median_time(lambda: write_map(maps.ecosystem_map(projection, measures), out), args.repeat)
        pyvis_page = work / "pyvis" / "ecosystem-pyvis.html"
        base_maps = None
        if not args.skip_baselines:
            from pyvis.network import Network

            def pyvis_default() -> None:
                net = Network(height="900px", width="100%", directed=False, cdn_resources="in_line")
                plain = nx.Graph()
                plain.add_nodes_from((v, {"label": d["label"], "title": d["label"]}) for v, d in simple.nodes(data=True))
                plain.add_edges_from(simple.edges())
                net.from_nx(plain)
                pyvis_page.parent.mkdir(parents=True, exist_ok=True)
                net.write_html(str(pyvis_page))

            base_maps, _ = median_time(pyvis_default, args.repeat)
        rows.append(("ecosystem map written | pyvis default", t_eco, "", base_maps))
        rows.append(("ecosystem + funding-flows maps written | -", t_maps, "", None))
        size_mb = written[0].stat().st_size / 1e6

        usable = browser_times({"medkg": written[0]}, args.repeat, args.browser_timeout, work / "profile")
        if not args.skip_baselines:  # once: with physics on, each run can take minutes
            usable |= browser_times({"pyvis": pyvis_page}, 1, args.browser_timeout, work / "profile-pyvis")
        rows.append((f"largest map usable in Chromium, ms ({g.number_of_nodes()} nodes, {size_mb:.1f} MB) | pyvis, physics on",
                     usable["medkg"], "ms", usable.get("pyvis") if not args.skip_baselines else None))

    print()
    print(f"{'stage (ours | alternative)':<88} {'ours':>10} {'alternative':>12} {'ratio':>8}")
    for label, ours, unit, theirs in rows:
        fmt = (lambda x: f"{x:.0f} ms") if unit == "ms" else (lambda x: f"{x:.2f} s")
        ours_text = fmt(ours) if ours is not None else "n/a"
        if theirs is None:
            theirs_text = "-" if "| -" in label or args.skip_baselines else f"> {args.browser_timeout:.0f} s"
        else:
            theirs_text = fmt(theirs)
        ratio = f"{theirs / ours:.1f}x" if theirs and ours else ""
        print(f"{label:<88} {ours_text:>10} {theirs_text:>12} {ratio:>8}")


if __name__ == "__main__":
    main()
