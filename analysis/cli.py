"""``medkg analyze``: the network analysis of the built dataset, written to dist/analysis/."""

from __future__ import annotations

from pathlib import Path

import typer


def analyze_command(
    dist: Path = typer.Option(Path("dist"), "--dist", help="The built dataset (medkg build's output)."),
    store: Path | None = typer.Option(None, "--store", help="Read a persistent store instead of dist/medkg.nq."),
    out: Path | None = typer.Option(None, "--out", help="Where to write the analysis (default: DIST/analysis)."),
    chain: list[str] = typer.Option(
        [], "--chain", help="Two actors, 'A|B' (ids or names): report the shortest chains between them. Repeatable."),
    approximate_above: int = typer.Option(500, help="Past this many nodes, sample betweenness."),
    samples: int = typer.Option(100, help="Source nodes sampled for betweenness on large graphs."),
    seed: int = typer.Option(42, help="Seed of the sampled measures and of Louvain."),
) -> None:
    """Analyse the network (centrality, brokers, communities, funder reach, chains, sector coverage)."""
    from medkg.analysis.analyse import build_date, run
    from medkg.analysis.measures import Settings
    from medkg.graph.store import load_dataset

    pairs = []
    for text in chain:
        parts = [p.strip() for p in text.split("|")]
        if len(parts) != 2 or not all(parts):
            raise typer.BadParameter(f"--chain wants two names separated by '|', got {text!r}")
        pairs.append((parts[0], parts[1]))
    try:
        dataset = load_dataset(dist, store)
        target = out or dist / "analysis"
        analysis = run(dataset, target, Settings(approximate_above, samples, seed=seed), pairs or None,
                       built=build_date(dist))
    except (FileNotFoundError, LookupError) as exc:
        typer.echo(f"analyze failed: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    n, e = analysis.simple.number_of_nodes(), analysis.simple.number_of_edges()
    sampled = f", betweenness sampled from {analysis.centrality.sample_size} nodes" if analysis.centrality.sample_size else ""
    typer.echo(f"Analysed {n} actors and programmes, {e} relations{sampled}.")
    typer.echo(f"Wrote {target}/report.md, {target}/analysis.trig and the measures as CSV files.")


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)
