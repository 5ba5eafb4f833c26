"""Benchmark of ``medkg build`` on a synthetic ecosystem, beside the same load into plain rdflib.

    python benchmarks/bench_build.py --clusters 10000 --repeat 3

Generates the curated files once, then runs each engine ``--repeat`` times, each run in a fresh
process so that its peak memory (max RSS) is its own. Both engines parse the same files with the
same loader; they differ in where the quads go and how the dumps are written:

- medkg: the build as shipped (Oxigraph store, sorted pyoxigraph dumps, SHACL via pyshacl).
- rdflib: the quads added to an in-memory ``rdflib.Dataset``, the same SHACL validation, and
  rdflib's own TriG and N-Quads serialisers.

Prints each stage's median in seconds, the ratio rdflib / medkg, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("load", "validate", "write", "total")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_medkg(sources: Path, out: Path, validate: bool) -> dict[str, float]:
    from medkg.graph import build as build_module

    if not validate:
        build_module._validate = lambda *args: None  # type: ignore[assignment]
    start = time.perf_counter()
    result = build_module.build(sources, out)
    timings = dict(result.summary.timings)
    timings["total"] = time.perf_counter() - start
    timings["triples"] = len(result.store)
    return timings


def run_rdflib(sources: Path, out: Path, validate: bool) -> dict[str, float]:
    import rdflib

    from medkg import namespaces as ns
    from medkg.graph import assemble
    from medkg.graph.convert import to_rdflib as term
    from medkg.loaders import read_sources
    from medkg.ontology import ontology_files
    from medkg.ontology.validation import validate as shacl

    timings: dict[str, float] = {}
    start = time.perf_counter()
    dataset = rdflib.Dataset()
    parsed = read_sources(sources)
    index = assemble.index_sources(parsed)
    for source in parsed:
        graph = dataset.graph(rdflib.URIRef(source.graph.value))
        graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in source.quads(index))
    onto = dataset.graph(rdflib.URIRef(ns.graph_iri("ontology")))
    for path in ontology_files():
        onto.parse(path, format="turtle")
    timings["load"] = time.perf_counter() - start
    mark = time.perf_counter()
    if validate:
        union = rdflib.Graph()
        for g in dataset.graphs():
            if g.identifier != onto.identifier:
                union += g
        shacl(union)
    timings["validate"] = time.perf_counter() - mark
    mark = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    dataset.serialize(out / "medkg.trig", format="trig")
    dataset.serialize(out / "medkg.nq", format="nquads")
    timings["write"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - start
    timings["triples"] = len(dataset)
    return timings


def worker(engine: str, sources: Path, validate: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        runner = run_medkg if engine == "medkg" else run_rdflib
        timings = runner(sources, Path(tmp) / "dist", validate)
    timings["peak_mb"] = _peak_mb()
    print(json.dumps(timings))


def main() -> None:
    parser = argparse.ArgumentParser(description="Time medkg build against plain rdflib on a synthetic ecosystem.")
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-validate", action="store_true", help="skip the SHACL stage (it is the same code in both)")
    parser.add_argument("--engines", default="medkg,rdflib", help="comma-separated: medkg, rdflib (default both)")
    parser.add_argument("--worker", choices=["medkg", "rdflib"], help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.sources, not args.no_validate)
        return

    sys.path.insert(0, str(HERE))
    from synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        files = generate(sources, args.clusters)
        print(f"{args.clusters} synthetic clusters in {len(files)} curated files; {args.repeat} runs per engine\n")
        runs: dict[str, list[dict[str, float]]] = {e: [] for e in args.engines.split(",")}
        for _ in range(args.repeat):
            for engine in runs:  # interleaved, so that machine noise hits both alike
                cmd = [sys.executable, __file__, "--worker", engine, "--sources", str(sources)]
                if args.no_validate:
                    cmd.append("--no-validate")
                done = subprocess.run(cmd, capture_output=True, text=True, check=True)
                runs[engine].append(json.loads(done.stdout.strip().splitlines()[-1]))
    _report(runs)


def _report(runs: dict[str, list[dict[str, float]]]) -> None:
    engines = list(runs)
    print("triples: " + ", ".join(f"{e} {int(runs[e][0]['triples'])}" for e in engines)
          + " (rdflib holds no reference or inferred graph)")  # fmt: skip
    medians = {e: {k: statistics.median(r[k] for r in runs[e]) for k in (*STAGES, "peak_mb")} for e in engines}
    header = f"{'stage':<10}" + "".join(f"{e + ' (s)':>12}" for e in engines)
    both = engines == ["medkg", "rdflib"]
    print(header + (f"{'rdflib/medkg':>14}" if both else ""))
    for stage in (*STAGES, "peak_mb"):
        label = "peak MB" if stage == "peak_mb" else stage
        row = f"{label:<10}" + "".join(f"{medians[e][stage]:>12.2f}" for e in engines)
        if both:
            ours, theirs = medians["medkg"][stage], medians["rdflib"][stage]
            row += f"{theirs / ours:>13.2f}x" if ours > 0.001 else f"{'-':>14}"
        print(row)


if __name__ == "__main__":
    main()
