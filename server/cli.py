"""``medkg serve``: the linked-data server on uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from medkg.namespaces import base as default_base
from medkg.server.config import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, ServerConfig


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    base: str | None = typer.Option(
        None, help="Base of the data IRIs served (default: MEDKG_BASE or https://w3id.org/medkg/)."
    ),
    timeout: float = typer.Option(
        DEFAULT_TIMEOUT, help="Seconds a SPARQL query may run before it is stopped."
    ),
    max_rows: int = typer.Option(DEFAULT_MAX_ROWS, help="Rows (or triples) a query result may hold."),
    dist: Path = typer.Option(Path("dist"), help="The folder `medkg build` wrote."),
    endpoint: str | None = typer.Option(None, help="Send queries to this remote SPARQL endpoint instead."),
    workers: int = typer.Option(2, help="Query processes, each holding the dataset."),
    store: Path | None = typer.Option(
        None, help="A persistent Oxigraph store to open read-only instead of loading dist/medkg.nq."
    ),
) -> None:
    """Serve the dataset: a read-only SPARQL endpoint, dereferenceable URIs and HTML pages."""
    import uvicorn

    from medkg.server.app import create_app

    try:
        config = ServerConfig(
            dist=dist,
            base=base or default_base(),
            timeout=timeout,
            max_rows=max_rows,
            workers=workers,
            endpoint=endpoint,
            store=store,
        )
        app = create_app(config)
    except (ValueError, FileNotFoundError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    typer.echo(f"MedKG serving {endpoint or dist} at http://{host}:{port}/ (SPARQL at /sparql)")
    uvicorn.run(app, host=host, port=port, access_log=True, log_level="info")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the root ``medkg`` command."""
    app.command("serve")(serve)
