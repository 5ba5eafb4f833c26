"""The ``medkg`` command line: a thin layer over the library functions of each subpackage."""

from __future__ import annotations

import typer

from medkg.analysis.cli import register as register_analysis
from medkg.graph.cli import register as register_graph
from medkg.ontology.cli import app as ontology_app
from medkg.queries.cli import register as register_queries
from medkg.viz.cli import register as register_maps
from medkg.server.cli import register as register_server

app = typer.Typer(
    help="MedKG: a knowledge graph of the Mediterranean cluster ecosystem.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(ontology_app, name="ontology", help="Check the ontology and write its documentation.")
register_graph(app)
register_queries(app)
register_analysis(app)
register_maps(app)
register_server(app)

if __name__ == "__main__":  # pragma: no cover
    app()
