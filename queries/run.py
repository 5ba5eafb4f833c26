"""Running SPARQL on the embedded store or on a remote SPARQL 1.1 endpoint, with the same result.

Both targets see the same dataset: the union of MedKG's named graphs as the default graph, the
named graphs available to ``GRAPH``, or, narrowed to one source, that source's graph with the
shared background graphs (reference countries, ontology, inferences). Locally that is
pyoxigraph's union default graph or its ``default_graph``/``named_graphs`` options; remotely
the standard protocol parameters ``default-graph-uri`` and ``named-graph-uri``, so any SPARQL
1.1 endpoint works, whatever its own default graph is.
"""

from __future__ import annotations

import ast
import os
import urllib.error
from collections.abc import Mapping
from typing import Protocol

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, SELECT, ASK, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from medkg import namespaces as ns
from medkg.queries import guard
from medkg.queries.catalog import SOURCE_COLUMNS, CatalogQuery
from medkg.queries.results import Graph, Result, Table, from_pyoxigraph
from medkg.queries.terms import Term, query_form, sparql_string, with_values

BACKGROUND_GRAPHS = ("reference", "ontology", "inferred")
DEFAULT_TIMEOUT = 30.0
USER_ENV = "MEDKG_ENDPOINT_USER"
PASSWORD_ENV = "MEDKG_ENDPOINT_PASSWORD"


class QueryFailed(Exception):
    """A query that did not run; the message says why, for a person to read."""


class QueryRefused(QueryFailed):
    """The engine or endpoint refused the query itself (syntax, unknown parameter variable)."""


class EndpointError(QueryFailed):
    """The endpoint could not be reached, timed out, or failed while answering."""


class Target(Protocol):
    def execute(self, text: str, bindings: Mapping[str, Term], *, source: str | None = None) -> Result: ...


def source_graphs(document_id: str) -> list[str]:
    """The graphs a query narrowed to one source sees."""
    return [ns.graph_iri(document_id)] + [ns.graph_iri(name) for name in BACKGROUND_GRAPHS]


class LocalStore:
    """The embedded pyoxigraph store; parameters bound by the store's own substitutions."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def execute(self, text: str, bindings: Mapping[str, Term], *, source: str | None = None) -> Result:
        options: dict[str, object] = {"use_default_graph_as_union": True}
        if source is not None:
            graphs = [ox.NamedNode(iri) for iri in source_graphs(source)]
            if not self.store.contains_named_graph(graphs[0]):
                raise QueryFailed(f"no source {source!r} in the dataset (no graph {graphs[0].value})")
            options = {"default_graph": graphs, "named_graphs": graphs}
        try:
            guard.inspect_query(text)  # SERVICE would make pyoxigraph send requests out
        except guard.QueryRefused as exc:
            raise QueryRefused(str(exc)) from None
        substitutions = {ox.Variable(name): term for name, term in bindings.items()}
        try:
            result = self.store.query(text, substitutions=substitutions, **options)
            return from_pyoxigraph(result)
        except SyntaxError as exc:
            raise QueryRefused(f"the query is not valid SPARQL: {exc}") from None
        except RuntimeError as exc:  # e.g. a substituted variable the query does not project
            raise QueryRefused(f"the store refused the query: {exc}") from None


class Endpoint:
    """A remote SPARQL 1.1 query endpoint, queried through SPARQLWrapper.

    Parameters travel as a VALUES block written by :mod:`medkg.queries.terms`. Credentials,
    when the endpoint needs them, come from ``MEDKG_ENDPOINT_USER`` and
    ``MEDKG_ENDPOINT_PASSWORD``, never from arguments that would land in a shell history.
    """

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        if not url.startswith(("http://", "https://")):
            raise EndpointError(f"not an HTTP(S) endpoint URL: {url!r}")
        self.url = url
        self.timeout = timeout
        self._graphs: list[str] | None = None

    def execute(self, text: str, bindings: Mapping[str, Term], *, source: str | None = None) -> Result:
        try:
            text = with_values(text, bindings)
        except ValueError as exc:
            raise QueryRefused(str(exc)) from None
        if source is not None:
            graphs = source_graphs(source)
            if graphs[0] not in self.graphs():
                raise QueryFailed(f"no source {source!r} at {self.url} (no graph {graphs[0]})")
        else:
            graphs = self.graphs()
        return self._send(text, graphs)

    def graphs(self) -> list[str]:
        """MedKG's named graphs at the endpoint (those under the data base), asked once."""
        if self._graphs is None:
            prefix = ns.graph_iri("")
            query = (
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER(STRSTARTS(STR(?g), {sparql_string(prefix)})) }}"
            )
            table = self._send(query, None)
            assert isinstance(table, Table)
            self._graphs = sorted(row[0].value for row in table.rows if isinstance(row[0], ox.NamedNode))
            if not self._graphs:
                raise EndpointError(f"{self.url} holds no MedKG graph (none under {prefix}): publish first")
        return self._graphs

    def _wrapper(self, text: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.url)
        wrapper.setQuery(text)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)  # standard content negotiation, no vendor 'format=' parameter
        wrapper.timeout = self.timeout  # type: ignore[assignment]  # setTimeout() would round down to int
        user = os.environ.get(USER_ENV)
        if user:
            wrapper.setCredentials(user, os.environ.get(PASSWORD_ENV, ""))
        return wrapper

    def _send(self, text: str, graphs: list[str] | None) -> Result:
        wrapper = self._wrapper(text)
        for graph in graphs or ():
            wrapper.addDefaultGraph(graph)
            wrapper.addNamedGraph(graph)
        try:
            # SPARQLWrapper guesses the form with a regular expression that comment words can fool
            wrapper.queryType = query_form(text)
        except ValueError as exc:
            raise QueryRefused(str(exc)) from None
        select_or_ask = wrapper.queryType in (SELECT, ASK)
        wrapper.setReturnFormat(JSON if select_or_ask else TURTLE)
        try:
            response = wrapper.query().response
            body = response.read()
        except SPARQLWrapperException as exc:
            raise _explain(self.url, exc) from None
        except urllib.error.HTTPError as exc:
            raise EndpointError(f"{self.url} answered HTTP {exc.code} {exc.reason}: {_text(exc.read())}") from None
        except OSError as exc:
            raise EndpointError(connection_problem(self.url, exc, self.timeout)) from None
        try:
            if select_or_ask:
                return from_pyoxigraph(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))
            return Graph([quad.triple for quad in ox.parse(body, ox.RdfFormat.TURTLE)])
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.url} sent an answer that is not SPARQL results: {exc}") from None


def connection_problem(url: str, exc: OSError, timeout: float) -> str:
    """Plain words for a failed connection: a time-out, or an endpoint that cannot be reached."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return f"{url} did not answer within {timeout:g} s"
    return f"cannot reach {url}: {reason}"


def _explain(url: str, exc: SPARQLWrapperException) -> QueryFailed:
    """Our error for one of SPARQLWrapper's, with what the server said (which it keeps only in
    its message, as the repr of the response body)."""
    _, _, said = str(exc).partition("\n\nResponse:\n")
    try:
        detail = _text(ast.literal_eval(said)).strip() if said else ""
    except (ValueError, SyntaxError):
        detail = said.strip()
    name = type(exc).__name__
    if isinstance(exc, (QueryBadFormed, URITooLong)):
        return QueryRefused(f"{url} refused the query: {detail or exc.msg}")
    if isinstance(exc, Unauthorized):
        return EndpointError(f"{url} needs credentials: set {USER_ENV} and {PASSWORD_ENV} ({detail or name})")
    if isinstance(exc, EndPointNotFound):
        return EndpointError(f"no SPARQL endpoint at {url} (HTTP 404){': ' + detail if detail else ''}")
    return EndpointError(f"{url} failed while answering ({name}){': ' + detail if detail else ''}")


def _text(body: object) -> str:
    if isinstance(body, bytes):
        return body.decode("utf-8", "replace")[:500]
    return str(body)[:500]


def run_query(
    target: Target, text: str, bindings: Mapping[str, Term] | None = None, *, source: str | None = None
) -> Result:
    """Any SPARQL query; variables named in ``bindings`` are bound before evaluation."""
    return target.execute(text, dict(bindings or {}), source=source)


def run_catalog(
    target: Target,
    query: CatalogQuery,
    params: Mapping[str, str] | None = None,
    *,
    with_sources: bool = False,
    source: str | None = None,
) -> Result:
    """A catalog query with its parameters; columns that say nothing are left out of the table:
    control variables (``?_...``), parameters bound to one value or never filled, and the source
    columns unless asked for."""
    bindings = query.bindings(dict(params or {}), with_sources=with_sources)
    result = target.execute(query.text, bindings, source=source)
    if isinstance(result, Table):
        hidden = {v for v in result.variables if v.startswith("_")} | set(bindings)
        for param in query.params:  # a parameter left open that the rows never fill says nothing
            if param.name in result.variables:
                column = result.variables.index(param.name)
                if all(row[column] is None for row in result.rows):
                    hidden.add(param.name)
        if query.sources and not with_sources:
            hidden |= set(SOURCE_COLUMNS)
        result = result.without(hidden)
    return result
