"""``medkg map``: interactive maps of the network, written to dist/maps/."""

from __future__ import annotations

from pathlib import Path

import typer


def map_command(
    dist: Path = typer.Option(Path("dist"), "--dist", help="The built dataset (medkg build's output)."),
    store: Path | None = typer.Option(None, "--store", help="Read a persistent store instead of dist/medkg.nq."),
    out: Path | None = typer.Option(None, "--out", help="Where to write the maps (default: DIST/maps)."),
    focus: list[str] = typer.Option([], "--focus", help="Also draw the ego map of this actor (id or name). Repeatable."),
    depth: int = typer.Option(2, "--depth", min=1, max=6, help="How many relations away an ego map reaches."),
) -> None:
    """Draw the ecosystem, the funding flows and ego maps as HTML pages that open offline."""
    from medkg.graph.store import load_dataset
    from medkg.viz.build import run

    target = out or dist / "maps"
    try:
        written = run(load_dataset(dist, store), target, focus, depth)
    except (FileNotFoundError, LookupError) as exc:
        typer.echo(f"map failed: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    for w in written:
        typer.echo(f"{w.path} ({w.nodes} nodes, {w.edges} edges)")
    typer.echo(f"Open {target / 'ecosystem.html'} in a browser; the maps need no network connection.")


def register(app: typer.Typer) -> None:
    app.command("map")(map_command)
