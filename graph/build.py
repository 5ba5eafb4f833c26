"""``medkg build``: curated sources in; a validated dataset and its dumps out, in one direction.

Stages: read and check every source, load each into its named graph, add reference data, the
ontology and the inferences, validate against the SHACL shapes, and only then write. Output is
written to a temporary folder and moved into place at the end, so a failed build leaves the
previous dist/ (and the previous persistent store) exactly as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from medkg import namespaces as ns
from medkg.graph import assemble
from medkg.graph.dumps import write_dumps
from medkg.graph.store import new_store
from medkg.graph.void import build_date, describe, entities_per_class, triples_per_graph, write_void
from medkg.loaders import read_sources
from medkg.loaders.base import EntityIndex, Location, Problem, SourceError
from medkg.ontology.rules import inference_rules
from medkg.ontology.validation import validate

Progress = assemble.Progress


def _quiet(_: str) -> None:
    pass


@dataclass
class BuildSummary:
    """What a build produced, for the terminal and for tests."""

    sources: list[tuple[str, str]] = field(default_factory=list)  # (document id, file)
    triples_per_graph: list[tuple[str, int]] = field(default_factory=list)
    entities_per_class: list[tuple[str, int]] = field(default_factory=list)
    inferred: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def total_triples(self) -> int:
        return sum(n for _, n in self.triples_per_graph)

    def render(self) -> str:
        lines = [f"{self.total_triples} triples in {len(self.triples_per_graph)} named graphs"]
        lines.append("Triples per graph:")
        lines += [f"  {n:>8}  {g}" for g, n in self.triples_per_graph]
        lines.append("Entities per class:")
        lines += [f"  {n:>8}  mkg:{c[len(ns.DEF):]}" for c, n in self.entities_per_class]
        if self.inferred:
            lines.append("Inferred:")
            lines += [f"  {n:>8}  {name}" for name, n in sorted(self.inferred.items())]
        lines.append("Stages: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items()))
        if self.warnings:
            lines.append(f"{len(self.warnings)} warnings:")
            lines += [f"  - {w}" for w in self.warnings]
        return "\n".join(lines)


@dataclass
class BuildResult:
    store: ox.Store
    summary: BuildSummary
    out_dir: Path | None = None


@contextmanager
def _stage(name: str, summary: BuildSummary, progress: Progress) -> Iterator[None]:
    progress(f"{name} ...")
    start = time.perf_counter()
    yield
    summary.timings[name] = time.perf_counter() - start
    progress(f"{name} done in {summary.timings[name]:.2f}s")


def assemble_dataset(sources_dir: Path, progress: Progress = _quiet) -> BuildResult:
    """Read, check, load, infer and validate, in memory; nothing is written to disk."""
    summary = BuildSummary()
    store = ox.Store()
    with _stage("load", summary, progress):
        sources = read_sources(sources_dir)
        progress(f"  read {len(sources)} source files")
        index = assemble.index_sources(sources)
        assemble.load_sources(store, sources, index, progress)
        assemble.load_reference(store)
        assemble.load_ontology(store)
        summary.inferred = assemble.infer(store, inference_rules())
    summary.sources = [(s.document_id, s.path.name) for s in sources]
    for source in sources:
        summary.warnings += [str(w) for w in source.warnings]
    with _stage("validate", summary, progress):
        _validate(store, index, summary)
    summary.triples_per_graph = triples_per_graph(store)
    summary.entities_per_class = entities_per_class(store)
    return BuildResult(store=store, summary=summary)


def _validate(store: ox.Store, index: EntityIndex, summary: BuildSummary) -> None:
    """SHACL over every graph but the ontology (which the validator mixes in itself)."""
    onto = ox.NamedNode(ns.graph_iri(assemble.ONTOLOGY_GRAPH))
    data = ox.serialize(
        (q.triple for q in store if q.graph_name != onto), format=ox.RdfFormat.N_TRIPLES
    )
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    report = validate(graph)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for result in report.results:
        where = _location_of(str(result.focus_node), index)
        text = f"{result.message} (focus {result.focus_node}" + (f", path {result.path})" if result.path else ")")
        if result.severity == "Violation":
            problems.append(Problem(where, f"SHACL: {text}"))
        else:
            warnings.append(Problem(where, f"SHACL {result.severity.lower()}: {text}"))
    summary.warnings += [str(w) for w in sorted(warnings)]
    if problems:
        raise SourceError(problems)


def _location_of(iri: str, index: EntityIndex) -> Location:
    """The curated line that defines a node (or its owner, for amounts), for SHACL messages."""
    prefix = ns.entity_iri("")
    if iri.startswith(prefix):
        ident = iri[len(prefix) :].split("/")[0]
        defs = index.definitions.get(ident)
        if defs:
            return defs[0].location
    return Location(Path(iri))


def build(
    sources_dir: Path,
    out_dir: Path = Path("dist"),
    *,
    store_path: Path | None = None,
    progress: Progress = _quiet,
) -> BuildResult:
    """Build the dataset and write its dumps (and, when asked, a persistent store) atomically."""
    result = assemble_dataset(sources_dir, progress)
    summary = result.summary
    with _stage("write", summary, progress):
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-build-", dir=out_dir.parent))
        try:
            write_dumps(result.store, tmp)
            graphs = [(ns.graph_iri(doc_id), ns.document_iri(doc_id)) for doc_id, _ in summary.sources]
            write_void(describe(result.store, build_date(), graphs), tmp / "void.ttl")
            if store_path is not None:
                _write_store(result.store, store_path)
            out_dir.mkdir(parents=True, exist_ok=True)
            for path in sorted(tmp.iterdir()):
                if path.is_file():
                    os.replace(path, out_dir / path.name)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if store_path is not None:
        result.store = ox.Store(str(store_path))
    result.out_dir = out_dir
    return result


def _write_store(store: ox.Store, store_path: Path) -> None:
    """Fill a new on-disk store beside the old one, then swap directories."""
    staging = store_path.with_name(store_path.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    fresh = new_store(staging)
    fresh.bulk_extend(store)
    fresh.flush()
    del fresh
    store_path.parent.mkdir(parents=True, exist_ok=True)
    old = store_path.with_name(store_path.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if store_path.exists():
        os.replace(store_path, old)
    os.replace(staging, store_path)
    shutil.rmtree(old, ignore_errors=True)


__all__ = ["BuildResult", "BuildSummary", "SourceError", "assemble_dataset", "build"]
