"""``medkg query``, ``medkg sparql`` and ``medkg publish``: thin wrappers over the library."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import typer

from medkg.graph.store import DEFAULT_DIST, load_dataset
from medkg.queries import catalog as cat
from medkg.queries.formats import GRAPH_FORMATS, TABLE_FORMATS, render
from medkg.queries.publish import PublishError, publish
from medkg.queries.results import Graph
from medkg.queries.run import DEFAULT_TIMEOUT, Endpoint, LocalStore, QueryFailed, Target, run_catalog, run_query

FORMAT = typer.Option(
    None, "--format", "-f", help=f"Output: {', '.join(TABLE_FORMATS)} for rows; {', '.join(GRAPH_FORMATS)} for graphs."
)
PARAM = typer.Option([], "--param", "-p", help="A parameter as KEY=VALUE (repeat for several).")
SOURCE = typer.Option(None, "--source", help="Narrow the query to one source document (its id).")
ENDPOINT = typer.Option(None, "--endpoint", help="Query this SPARQL 1.1 endpoint instead of the embedded store.")
TIMEOUT = typer.Option(DEFAULT_TIMEOUT, "--timeout", help="Seconds to wait for a remote endpoint.")
STORE = typer.Option(None, "--store", help="A persistent store written by `medkg build --store`.")
DIST = typer.Option(DEFAULT_DIST, "--dist", help="The folder `medkg build` wrote (its medkg.nq is loaded).")


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(code=2)


def _params(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            _fail(f"--param {item!r}: expected KEY=VALUE")
        out[key.strip()] = value
    return out


def _target(endpoint: str | None, timeout: float, store: Path | None, dist: Path) -> Target:
    if endpoint:
        return Endpoint(endpoint, timeout=timeout)
    try:
        return LocalStore(load_dataset(dist, store))
    except FileNotFoundError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _print(result: object, fmt: str | None) -> None:
    default = "turtle" if isinstance(result, Graph) else "table"
    try:
        text = render(result, fmt or default)  # type: ignore[arg-type]
    except ValueError as exc:
        _fail(str(exc))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def query_command(
    name: str = typer.Argument(..., help="A catalog query, or `list` to list the catalog."),
    param: list[str] = PARAM,
    fmt: str | None = FORMAT,
    with_sources: bool = typer.Option(False, "--with-sources", help="Add the source document and quotation of each row."),
    source: str | None = SOURCE,
    endpoint: str | None = ENDPOINT,
    timeout: float = TIMEOUT,
    store: Path | None = STORE,
    dist: Path = DIST,
) -> None:
    """Run a question from the SPARQL catalog (`medkg query list` shows them)."""
    try:
        if name == "list":
            _list()
            return
        query = cat.get(name)
        params = _params(param)
        query.bindings(params, with_sources=with_sources)  # bad parameters fail before loading anything
        result = run_catalog(
            _target(endpoint, timeout, store, dist), query, params, with_sources=with_sources, source=source
        )
    except (cat.CatalogError, QueryFailed) as exc:
        _fail(str(exc))
    _print(result, fmt)


def _list() -> None:
    queries = cat.catalog()
    width = max(len(n) for n in queries)
    for name, query in queries.items():
        params = ", ".join(f"{p.name}" + (f"={p.default}" if p.default else "") for p in query.params)
        print(f"{name:<{width}}  {query.summary}" + (f"  [{params}]" if params else ""))


def sparql_command(
    query: str = typer.Argument(..., help="A .rq file, or the query text itself."),
    param: list[str] = typer.Option(
        [], "--param", "-p", help="Bind ?KEY to VALUE: an IRI when written <...>, else a string."
    ),
    fmt: str | None = FORMAT,
    source: str | None = SOURCE,
    endpoint: str | None = ENDPOINT,
    timeout: float = TIMEOUT,
    store: Path | None = STORE,
    dist: Path = DIST,
) -> None:
    """Run any SPARQL query on the union of the graphs."""
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and path.is_file()):
        if not path.is_file():
            _fail(f"no such query file: {query}")
        query = path.read_text(encoding="utf-8")
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    for key, value in _params(param).items():
        try:
            bindings[key] = ox.NamedNode(value[1:-1]) if value.startswith("<") and value.endswith(">") else ox.Literal(value)
        except ValueError as exc:
            _fail(f"--param {key}: {exc}")
    try:
        result = run_query(_target(endpoint, timeout, store, dist), query, bindings, source=source)
    except QueryFailed as exc:
        _fail(str(exc))
    _print(result, fmt)


def publish_command(
    endpoint: str | None = typer.Option(
        None, "--endpoint", help="The store's Graph Store Protocol endpoint (Oxigraph: http://host:7878/store)."
    ),
    update_endpoint: str | None = typer.Option(
        None, "--update-endpoint", help="A SPARQL Update endpoint, used where the store offers no Graph Store Protocol."
    ),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds to wait for each request."),
    store: Path | None = STORE,
    dist: Path = DIST,
) -> None:
    """Load every named graph of the built dataset into a SPARQL 1.1 store, replacing earlier versions.

    Credentials, if the store needs them, are read from MEDKG_ENDPOINT_USER and MEDKG_ENDPOINT_PASSWORD.
    """
    try:
        dataset = load_dataset(dist, store)
    except FileNotFoundError as exc:
        _fail(str(exc))
    try:
        report = publish(dataset, endpoint, update_endpoint=update_endpoint, timeout=timeout)
    except PublishError as exc:
        _fail(str(exc))
    print(report.render())


def register(app: typer.Typer) -> None:
    app.command("query")(query_command)
    app.command("sparql")(sparql_command)
    app.command("publish")(publish_command)
