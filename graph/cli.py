"""``medkg build`` and ``medkg validate``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from medkg.loaders import SourceError

SOURCES = typer.Option(Path("sources"), "--sources", help="Folder of curated source files.")


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fail(exc: SourceError, what: str) -> None:
    print(f"{what} failed: {len(exc.problems)} problem(s)", file=sys.stderr)
    for problem in exc.problems[:200]:
        print(f"  {problem}", file=sys.stderr)
    if len(exc.problems) > 200:
        print(f"  ... and {len(exc.problems) - 200} more", file=sys.stderr)
    raise typer.Exit(code=1)


def build_command(
    sources: Path = SOURCES,
    out: Path = typer.Option(Path("dist"), "--out", help="Where to write the dumps and void.ttl."),
    store: Path | None = typer.Option(None, "--store", help="Also keep the dataset in a persistent Oxigraph store here."),
) -> None:
    """Build the graph from the curated sources, validate it, and write dist/ (TriG, N-Quads, Turtle, JSON-LD, VoID)."""
    from medkg.graph.build import build

    try:
        result = build(sources, out, store_path=store, progress=_progress)
    except SourceError as exc:
        _fail(exc, "build")
    print(result.summary.render())
    print(f"Wrote {out}/medkg.trig, medkg.nq, medkg.ttl, medkg.jsonld and void.ttl" + (f"; store at {store}" if store else ""))


def validate_command(sources: Path = SOURCES) -> None:
    """Check the curated sources (format, identifiers, references, SHACL shapes) without writing anything."""
    from medkg.graph.build import assemble_dataset

    try:
        result = assemble_dataset(sources, progress=_progress)
    except SourceError as exc:
        _fail(exc, "validation")
    summary = result.summary
    print(f"{len(summary.sources)} sources valid: {summary.total_triples} triples, {len(summary.warnings)} warnings")
    for warning in summary.warnings:
        print(f"  - {warning}")


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)
    app.command("validate")(validate_command)
