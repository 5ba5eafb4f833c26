"""``medkg ontology``: check the ontology with HermiT and SHACL, and write its documentation."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.command(
    help=(
        "Reason over the ontology and concept schemes (plus any EXTRA Turtle files) with HermiT "
        "and check the SHACL shapes against the SHACL-for-SHACL shapes. When the ontology is "
        "inconsistent, print a minimal set of conflicting axioms and exit with status 1."
    )
)
def check(
    extra: list[Path] = typer.Argument(
        None, exists=True, dir_okay=False, help="Extra Turtle files to reason over with the ontology."
    ),
) -> None:
    """Reason over the ontology with HermiT and check the shapes; exit 1 if inconsistent."""
    from medkg.ontology.check import check_ontology

    report = check_ontology(*(extra or []))
    typer.echo(report.text())
    if not report.ok:
        typer.secho("Ontology check FAILED.", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)
    typer.secho("Ontology check passed.", fg=typer.colors.GREEN)


@app.command(
    help=(
        "Write the ontology's HTML documentation (index.html) and the ontology with its concept "
        "schemes as medkg.ttl, medkg.nt and medkg.jsonld to --out (default dist/ontology)."
    )
)
def docs(
    out: Path = typer.Option(Path("dist/ontology"), "--out", help="Folder to write to."),
) -> None:
    """Write the ontology's HTML documentation and its Turtle, N-Triples and JSON-LD files."""
    from medkg.ontology.docs import write_docs

    index = write_docs(out)
    typer.echo(f"Wrote {index} and the ontology as Turtle, N-Triples and JSON-LD beside it.")
