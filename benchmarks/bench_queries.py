"""Benchmark of the SPARQL catalog on a synthetic ecosystem: embedded Oxigraph beside rdflib.

    python benchmarks/bench_queries.py --clusters 500 --repeat 5

Generates the curated files with benchmarks/synthetic.py, assembles the dataset as the build
does (without the SHACL stage, which is not what is timed here), then runs every catalog query
``--repeat`` times on each engine in the same process:

- oxigraph: the embedded pyoxigraph store, as ``medkg query`` runs it (union default graph,
  parameters bound by substitution);
- rdflib: the same quads in an in-memory ``rdflib.Dataset(default_union=True)``, the same query
  text, parameters bound with ``initBindings``.

Prints each query's median in milliseconds on both engines, the ratio rdflib / oxigraph, and the
row counts (which must agree). Parameters point at entities the synthetic data has.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

from medkg.graph import assemble  # noqa: E402
from medkg.graph.convert import to_rdflib as to_rdflib_term  # noqa: E402
from medkg.loaders import read_sources  # noqa: E402
from medkg.ontology.rules import inference_rules  # noqa: E402
from medkg.queries import catalog as cat  # noqa: E402
from medkg.queries.results import Table  # noqa: E402
from medkg.queries.run import LocalStore, run_catalog  # noqa: E402

# Parameters naming entities of the synthetic ecosystem (the defaults name seed entities).
SYNTHETIC_PARAMS = {
    "funders-of": {"cluster": "cluster-0"},
    "selected-for": {"programme": "programme-0"},
    "timeline": {"organization": "cluster-0"},
    "entity": {"entity": "cluster-0"},
    "posts": {"organization": "cluster-0"},
}


def dataset(clusters: int, workdir: Path) -> ox.Store:
    """The synthetic dataset as the build assembles it: sources, reference, ontology, inferences."""
    sources_dir = workdir / "sources"
    generate(sources_dir, clusters)
    sources = read_sources(sources_dir)
    index = assemble.index_sources(sources)
    store = ox.Store()
    assemble.load_sources(store, sources, index, lambda _: None)
    assemble.load_reference(store)
    assemble.load_ontology(store)
    assemble.infer(store, inference_rules())
    return store


def to_rdflib(store: ox.Store) -> rdflib.Dataset:
    data = rdflib.Dataset(default_union=True)
    data.parse(data=ox.serialize(store, format=ox.RdfFormat.N_QUADS), format="nquads")
    return data


def _median_ms(run, repeat: int, budget_s: float) -> tuple[float, int | str]:  # type: ignore[no-untyped-def]
    """Median time of ``repeat`` runs, fewer once ``budget_s`` is spent; an engine error is reported, not raised."""
    times: list[float] = []
    size: int | str = 0
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            size = run()
        except Exception as exc:  # noqa: BLE001 - a benchmark reports what an engine cannot do
            return float("nan"), f"error: {type(exc).__name__}"
        times.append((time.perf_counter() - start) * 1000)
        if sum(times) > budget_s * 1000:
            break
    return statistics.median(times), size


def bench(
    store: ox.Store, data: rdflib.Dataset, repeat: int, budget_s: float
) -> list[tuple[str, float, float, int | str, int | str]]:
    local = LocalStore(store)
    rows = []
    for name, query in cat.catalog().items():
        params = SYNTHETIC_PARAMS.get(name, {})
        bindings = query.bindings(params)

        def on_oxigraph() -> int:
            result = run_catalog(local, query, params)
            return len(result.rows) if isinstance(result, Table) else len(result.triples)  # type: ignore[union-attr]

        def on_rdflib() -> int:
            result = data.query(query.text, initBindings={k: to_rdflib_term(v) for k, v in bindings.items()})
            return len(list(result))

        ox_ms, ox_rows = _median_ms(on_oxigraph, repeat, budget_s)
        rdf_ms, rdf_rows = _median_ms(on_rdflib, repeat, budget_s)
        rows.append((name, ox_ms, rdf_ms, ox_rows, rdf_rows))
        print(f"  {name}: oxigraph {ox_ms:.1f} ms, rdflib {rdf_ms:.1f} ms", file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget", type=float, default=30.0, help="Seconds per query and engine before repeats stop.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="medkg-bench-queries-") as tmp:
        start = time.perf_counter()
        store = dataset(args.clusters, Path(tmp))
        data = to_rdflib(store)
        quads = len(store)
        print(f"{args.clusters} synthetic clusters, {quads} quads; loaded in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        results = bench(store, data, args.repeat, args.budget)
    print(f"\nCatalog queries on {args.clusters} synthetic clusters ({quads} quads), median of {args.repeat} runs")
    print(f"{'query':<28} {'oxigraph ms':>12} {'rdflib ms':>12} {'ratio':>8} {'rows':>7} {'rdflib rows':>12}")
    for name, ox_ms, rdf_ms, ox_rows, rdf_rows in results:
        ratio = rdf_ms / ox_ms if ox_ms else float("nan")
        flag = "" if ox_rows == rdf_rows else "  (rows differ)"
        print(f"{name:<28} {ox_ms:>12.1f} {rdf_ms:>12.1f} {ratio:>7.1f}x {ox_rows!s:>7} {rdf_rows!s:>12}{flag}")
    both = [r for r in results if r[2] == r[2]]  # queries both engines answered
    total_ox = sum(r[1] for r in both)
    total_rdf = sum(r[2] for r in both)
    print(f"{'all answered by both':<28} {total_ox:>12.1f} {total_rdf:>12.1f} {total_rdf / total_ox:>7.1f}x")
    print(f"median ratio over those queries: {statistics.median(r[2] / r[1] for r in both):.1f}x")


if __name__ == "__main__":
    main()
