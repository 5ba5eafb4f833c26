"""Benchmark of ``medkg.ontology.validation.validate`` beside pyshacl with RDFS inference.

    python benchmarks/bench_shacl.py --clusters 1500 --repeat 3

Both runs validate the same data (the seed dataset, then a synthetic ecosystem of about 100
triples per cluster) against the same shapes with the ontology as ``ont_graph``:

- medkg: the ontology mixed in, no inference; ``sh:targetClass`` reaches subclasses through the
  mixed-in ``rdfs:subClassOf`` triples.
- rdfs: pyshacl's ``inference="rdfs"`` (owlrl), the obvious way to make subclasses visible.

Prints the median seconds of each, the ratio rdfs / medkg, and whether both agree on the results.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from medkg.graph.build import assemble_dataset  # noqa: E402
from medkg.ontology import ontology_graph  # noqa: E402
from medkg.ontology.validation import _results, _shapes, validate  # noqa: E402
from synthetic import generate  # noqa: E402
from timing import median_time  # noqa: E402

ONTOLOGY_GRAPH = "https://w3id.org/medkg/graph/ontology"


def _data(sources: Path) -> Graph:
    """Every graph of a built dataset but the ontology, as one rdflib graph."""
    store = assemble_dataset(sources).store
    onto = ox.NamedNode(ONTOLOGY_GRAPH)
    data = ox.serialize((q.triple for q in store if q.graph_name != onto), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


def _rdfs(graph: Graph) -> tuple[bool, list]:
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=_shapes(), ont_graph=ontology_graph(), inference="rdfs", allow_warnings=True
    )
    return conforms, _results(report)



def run(label: str, graph: Graph, repeat: int) -> None:
    ours, report = median_time(lambda: validate(graph), repeat)
    theirs, (conforms, results) = median_time(lambda: _rdfs(graph), repeat)
    key = lambda r: (r.severity, str(r.focus_node), str(r.source_shape))  # noqa: E731
    same = report.conforms == conforms and sorted(map(key, report.results)) == sorted(map(key, results))
    print(
        f"{label:<28} {len(graph):>9} triples  medkg {ours:7.2f}s  rdfs {theirs:7.2f}s  "
        f"ratio {theirs / ours:5.1f}x  results {len(report.results):>5} / {len(results):>5}  "
        f"{'same' if same else 'DIFFERENT'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"median of {args.repeat} runs each")
    run("seed dataset", _data(ROOT / "sources"), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.clusters)
        run(f"synthetic, {args.clusters} clusters", _data(Path(tmp)), args.repeat)


if __name__ == "__main__":
    main()
