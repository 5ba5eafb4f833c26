"""Fronting a remote SPARQL store: the same endpoint and pages, with queries sent elsewhere.

The remote store's answers are read back into the same result values the local workers give,
so the row limit, the result formats and the pages do not depend on where a query ran. The time
limit is enforced on the wait; stopping the query on the remote side is up to that store.
"""

from __future__ import annotations

import httpx
import pyoxigraph as ox

from medkg.queries.guard import inspect_query
from medkg.server.results import Boolean, Graph, QueryResult, Solutions
from medkg.server.workers import QueryFailed, QueryRequest


class RemoteEndpoint:
    """A SPARQL 1.1 Protocol endpoint at ``url``, queried by POST with ``application/sparql-query``."""

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        self.url = url
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None

    async def start(self) -> None:
        self._client = httpx.AsyncClient(timeout=self.timeout)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def run(self, request: QueryRequest, *, timeout: float | None = None) -> QueryResult:
        """The remote store's answer to ``request``, capped at ``request.max_rows``."""
        assert self._client is not None, "start() the endpoint first"
        form = inspect_query(request.query).form
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        params = [("default-graph-uri", g) for g in request.default_graphs]
        params += [("named-graph-uri", g) for g in request.named_graphs]
        limit = self.timeout if timeout is None else timeout
        try:
            response = await self._client.post(
                self.url,
                params=params,
                content=request.query.encode(),
                headers={"Content-Type": "application/sparql-query", "Accept": accept},
                timeout=limit,
            )
        except httpx.TimeoutException:
            raise QueryFailed(
                f"the remote SPARQL store did not answer within this endpoint's time limit of {limit:g} s",
                503,
            ) from None
        except httpx.HTTPError as error:
            raise QueryFailed(f"the remote SPARQL store at {self.url} is unreachable: {error}", 502) from None
        if response.status_code >= 400:
            status = 400 if response.status_code < 500 else 502
            raise QueryFailed(
                f"the remote SPARQL store answered {response.status_code}: {response.text[:500]}", status
            )
        try:
            if graph_form:
                return _capped_graph(
                    ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES), request.max_rows
                )
            answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as error:
            raise QueryFailed(f"the remote SPARQL store sent an unreadable answer: {error}", 502) from None
        if isinstance(answer, ox.QueryBoolean):
            return Boolean(bool(answer))
        variables = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            if len(rows) == request.max_rows:
                raise QueryFailed(
                    f"the result has more than {request.max_rows} rows, this endpoint's limit: "
                    f"narrow the query or add LIMIT {request.max_rows}",
                    400,
                )
            rows.append(tuple(solution[v] for v in variables))
        return Solutions(variables, rows)


def _capped_graph(quads, limit: int) -> Graph:
    triples = []
    for quad in quads:
        if len(triples) == limit:
            raise QueryFailed(
                f"the result has more than {limit} triples, this endpoint's limit: narrow the query", 400
            )
        triples.append(quad.triple)
    return Graph(triples)
