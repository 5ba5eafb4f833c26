"""The Starlette application: the SPARQL endpoint, dereferenceable URIs, pages, VoID and dumps."""

from __future__ import annotations

import json
import logging
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import AsyncIterator

import pyoxigraph as ox
import pyvis
from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from medkg.namespaces import DEF, dataset_iri
from medkg.server import catalog
from medkg.server.config import ServerConfig
from medkg.server.describe import Backend, compact, iri, resource_triples, resource_view, select
from medkg.server.iris import EXTENSIONS, IriMap
from medkg.server.negotiation import choose
from medkg.server.protocol import read_request
from medkg.queries.guard import QueryRefused, inspect_query
from medkg.server.remote import RemoteEndpoint
from medkg.server.results import (
    FORMAT_NAMES,
    GRAPH_TYPES,
    RESULT_ALIASES,
    RESULT_TYPES,
    Boolean,
    Graph,
    serialize_graph,
    serialize_results,
)
from medkg.server.void import VoidDescription
from medkg.server.workers import DatasetSource, QueryFailed, QueryRequest, WorkerPool

log = logging.getLogger("medkg.server")

DUMPS = {
    "medkg.trig": "application/trig",
    "medkg.nq": "application/n-quads",
    "medkg.ttl": "text/turtle",
    "medkg.jsonld": "application/ld+json",
    "void.ttl": "text/turtle",
}
"""The files of dist/ offered for download, by the only names /dumps/ accepts."""

_VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_STATIC_DIR = resources.files("medkg.server") / "static"
STATIC = {
    "style.css": (_STATIC_DIR / "style.css", "text/css"),
    "editor.js": (_STATIC_DIR / "editor.js", "text/javascript"),
    "map.js": (_STATIC_DIR / "map.js", "text/javascript"),
    "vis-network.min.js": (_VIS / "vis-network.min.js", "text/javascript"),
    "vis-network.css": (_VIS / "vis-network.css", "text/css"),
}
"""Everything under /static, by name: the app's own files and vis-network from the installed pyvis."""

RESOURCE_TYPES = ["text/html", *GRAPH_TYPES]
EXTENSION_OF = {media: ext for ext, media in EXTENSIONS.items()}
FORMAT_LABELS = {
    "text/turtle": "Turtle",
    "application/ld+json": "JSON-LD",
    "application/n-triples": "N-Triples",
    "application/rdf+xml": "RDF/XML",
}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""Pages load nothing from elsewhere; the browser enforces it. (vis-network sets inline styles.)"""


class _SecurityHeaders:
    """``nosniff`` on every response, the CSP on pages and CORS on data, added as the response starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = CSP
                else:  # open data: other sites' scripts may read the endpoint and the documents
                    headers.setdefault("Access-Control-Allow-Origin", "*")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _script_json(data: object) -> Markup:
    """JSON to embed in a ``<script type="application/json">``: nothing in it can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text)


def _catalog_context() -> dict[str, object]:
    queries, error = catalog.listing()
    return {"queries": queries, "catalog_error": error}


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def create_app(config: ServerConfig) -> Starlette:
    """An app serving the dataset in ``config.dist`` (or the store at ``config.endpoint``)."""
    iris = IriMap(config.base)
    backend: Backend
    if config.endpoint:
        backend = RemoteEndpoint(config.endpoint, timeout=config.timeout)
    else:
        nquads = config.dist / "medkg.nq"
        if config.store is None and not nquads.is_file():
            raise FileNotFoundError(f"no dataset at {nquads}: run `medkg build` first")
        backend = WorkerPool(
            DatasetSource(nquads=nquads, store=config.store), size=config.workers, timeout=config.timeout
        )
    void_path = config.dist / "void.ttl"
    void = VoidDescription(void_path) if void_path.is_file() else None
    env = Environment(loader=PackageLoader("medkg.server", "templates"), autoescape=True)
    env.filters["compact"] = compact
    env.globals["base"] = config.base

    def page(template: str, status: int = 200, **context: object) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**context), status_code=status)

    def html_error(status: int, message: str) -> HTMLResponse:
        return page("error.html", status=status, status_code=status, message=message)

    def alternates(path: str) -> str:
        links = [f'<{iris.page_url(path)}>; rel="alternate"; type="text/html"']
        links += [
            f'<{iris.data_url(path, EXTENSION_OF[media])}>; rel="alternate"; type="{media}"'
            for media in GRAPH_TYPES
        ]
        return ", ".join(links)

    async def sparql(request: Request) -> Response:
        try:
            operation = await read_request(request)
            if operation.query is None:
                if (
                    choose(request.headers.get("accept"), ["application/sparql-results+json", "text/html"])
                    == "text/html"
                ):
                    return RedirectResponse("/query", status_code=303)
                raise QueryRefused("missing query: pass a SPARQL query in the 'query' parameter")
            info = inspect_query(operation.query)
        except QueryRefused as refused:
            return _error(refused.status, refused.args[0])
        graph_form = info.form in ("CONSTRUCT", "DESCRIBE")
        offered = list(GRAPH_TYPES) if graph_form else [*RESULT_TYPES, *RESULT_ALIASES]
        if operation.format:
            media = FORMAT_NAMES.get(operation.format.lower(), operation.format)
            if media not in offered:
                return _error(
                    400,
                    f"format {operation.format!r} is not available for a {info.form} query: "
                    f"use one of {', '.join(offered)}",
                )
        else:
            media = choose(request.headers.get("accept"), offered)
        if media is None:
            return _error(
                406,
                f"none of the accepted types is available for a {info.form} query: "
                f"ask for one of {', '.join(offered)}",
            )
        media = RESULT_ALIASES.get(media, media)
        try:
            result = await backend.run(
                QueryRequest(
                    operation.query,
                    max_rows=config.max_rows,
                    default_graphs=operation.default_graphs,
                    named_graphs=operation.named_graphs,
                    has_dataset_clause=info.has_dataset_clause,
                )
            )
        except QueryFailed as failed:
            return _error(failed.status, str(failed))
        if isinstance(result, Graph):
            body = serialize_graph(result.triples, media)
        else:
            body = serialize_results(result, media)
        return Response(body, media_type=media, headers={"Vary": "Accept"})

    the_dataset = dataset_iri(base_iri=config.base)

    def void_triples(subject: str) -> list[ox.Triple]:
        """What void.ttl says about ``subject``: the dataset, its partitions, its named graphs."""
        return void.describe(subject, the_dataset) if void else []

    async def exists(subject: str) -> bool:
        if void_triples(subject):
            return True
        s = iri(subject)
        answer = await backend.run(
            QueryRequest(
                f"ASK {{ {{ GRAPH ?g {{ {{ {s} ?p ?o }} UNION {{ ?x ?q {s} }} }} }} UNION {{ GRAPH {s} {{ ?a ?b ?c }} }} }}",
                max_rows=1,
            )
        )
        return isinstance(answer, Boolean) and answer.value

    async def resource(request: Request) -> Response:
        """A resource IRI: 303 See Other to the document in the negotiated format."""
        path = request.scope["path"]
        subject = iris.iri_for_path(path)
        if subject is None:
            return html_error(404, f"{path} names no MedKG resource")
        media = choose(request.headers.get("accept"), RESOURCE_TYPES)
        headers = {"Vary": "Accept", "Link": alternates(path)}
        if media is None:
            return Response(
                f"none of the accepted types is available: ask for one of {', '.join(RESOURCE_TYPES)}\n",
                status_code=406,
                media_type="text/plain",
                headers=headers,
            )
        try:
            found = await exists(subject)
        except QueryFailed as failed:
            return _error(failed.status, str(failed))
        if not found:
            return html_error(404, f"no graph of this dataset says anything about {subject}")
        target = iris.page_url(path) if media == "text/html" else iris.data_url(path, EXTENSION_OF[media])
        headers["Location"] = target
        return Response(status_code=303, headers=headers)

    async def data_document(request: Request) -> Response:
        """An RDF document about one resource, its format given by the extension."""
        path = request.scope["path"][len("/data") :]
        stem, _, extension = path.rpartition(".")
        media = EXTENSIONS.get(extension)
        subject = iris.iri_for_path(stem) if media else None
        if subject is None or media is None:
            return _error(
                404,
                f"no document at {request.scope['path']}: documents are /data/<resource>."
                f"{{{','.join(EXTENSIONS)}}}",
            )
        try:
            triples = [] if iris.is_dataset(subject) else await resource_triples(backend, subject)
            triples += [t for t in void_triples(subject) if t not in triples]
        except QueryFailed as failed:
            return _error(failed.status, str(failed))
        if not triples:
            return _error(404, f"no graph of this dataset says anything about {subject}")
        return Response(serialize_graph(triples, media), media_type=media, headers={"Link": alternates(stem)})

    async def resource_page(request: Request) -> Response:
        path = request.scope["path"][len("/page") :]
        subject = iris.iri_for_path(path)
        if subject is None:
            return html_error(404, f"{path} names no MedKG resource")
        if iris.is_dataset(subject):
            return RedirectResponse("/#dataset", status_code=303)  # the home page shows the VoID description
        try:
            view = await resource_view(backend, iris, subject)
        except QueryFailed as failed:
            return html_error(failed.status, str(failed))
        if view is None:
            return html_error(404, f"no graph of this dataset says anything about {subject}")
        formats = [(FORMAT_LABELS[m], iris.data_url(path, EXTENSION_OF[m]), m) for m in GRAPH_TYPES]
        map_json = _script_json({"nodes": view.map_nodes, "edges": view.map_edges})
        response = page("resource.html", view=view, formats=formats, map_json=map_json, resource_path=path)
        response.headers["Link"] = alternates(path)
        return response

    async def home(request: Request) -> Response:
        summary = void.summary(the_dataset) if void else None
        try:
            classes = await select(
                backend,
                "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) (SAMPLE(?l) AS ?label) WHERE { GRAPH ?g { ?x a ?c } "
                f'FILTER(STRSTARTS(STR(?c), "{DEF}")) '
                'OPTIONAL { GRAPH ?h { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = "en") } } } '
                "GROUP BY ?c ORDER BY DESC(?n) LIMIT 40",
            )
            documents = await select(
                backend,
                "SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?date) AS ?when) (SAMPLE(?p) AS ?publisher) WHERE { "
                f"GRAPH ?g {{ ?d a <{DEF}SourceDocument> ; <http://purl.org/dc/terms/title> ?t "
                "OPTIONAL { ?d <http://purl.org/dc/terms/date> ?date } OPTIONAL { ?d <http://purl.org/dc/terms/publisher> ?p } } "
                "} GROUP BY ?d ORDER BY ?when",
            )
        except QueryFailed as failed:
            return html_error(failed.status, str(failed))
        dumps = [(name, media) for name, media in DUMPS.items() if (config.dist / name).is_file()]
        return page(
            "home.html",
            summary=summary,
            classes=classes,
            documents=documents,
            dumps=dumps,
            titles={row["d"].value: row["title"].value for row in documents},
            **_catalog_context(),
            iris=iris,
        )

    async def query_page(request: Request) -> Response:
        name = request.query_params.get("catalog")
        text = request.query_params.get("query", "")
        chosen = None
        if name:
            values = {k: v for k, v in request.query_params.items() if k not in ("catalog", "query")}
            try:
                chosen = catalog.find(name)
                if chosen is None:
                    return html_error(404, f"no catalog query named {name!r}")
                text = catalog.bound_text(chosen, values)
            except ValueError as error:  # the catalog's CatalogError: a bad file or parameter value
                return html_error(400, f"catalog query {name!r}: {error}")
        return page(
            "query.html",
            text=text,
            chosen=chosen,
            **_catalog_context(),
            autorun=bool(name or text),
            max_rows=config.max_rows,
            timeout=config.timeout,
        )

    async def well_known_void(request: Request) -> Response:
        if void is None:
            return _error(404, "this dataset has no VoID description (dist/void.ttl is missing)")
        offered = [*GRAPH_TYPES, "text/html"]
        media = choose(request.headers.get("accept"), offered)
        if media is None:
            return _error(406, f"ask for one of {', '.join(offered)}")
        if media == "text/html":
            return Response(status_code=303, headers={"Location": "/#dataset", "Vary": "Accept"})
        return Response(serialize_graph(void.triples, media), media_type=media, headers={"Vary": "Accept"})

    async def dump(request: Request) -> Response:
        name = request.path_params["name"]
        media = DUMPS.get(name)
        if media is None or not (config.dist / name).is_file():
            return _error(404, f"no dump named {name!r}: the dumps are {', '.join(DUMPS)}")
        return FileResponse(config.dist / name, media_type=media, filename=name)

    static_files = {name: (source.read_bytes(), media) for name, (source, media) in STATIC.items()}

    async def static(request: Request) -> Response:
        entry = static_files.get(request.path_params["name"])
        if entry is None:
            return _error(404, "no such static file")
        body, media = entry
        return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600"})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await backend.start()
        log.info("serving %s under %s", config.endpoint or config.dist, config.base)
        try:
            yield
        finally:
            await backend.close()

    routes = [
        Route("/", home),
        Route("/query", query_page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/def", resource),
        Route("/dataset", resource),
        Route("/dataset/{rest:path}", resource),
        *(Route(f"/{root}/{{rest:path}}", resource) for root in ("id", "def", "source", "graph")),
        Route("/page/{rest:path}", resource_page),
        Route("/data/{rest:path}", data_document),
        Route("/.well-known/void", well_known_void),
        Route("/dumps/{name}", dump),
        Route("/static/{name}", static),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(_SecurityHeaders)])
    app.state.backend = backend
    app.state.config = config
    return app
