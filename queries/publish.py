"""``medkg publish``: the built dataset into a SPARQL 1.1 store, one named graph at a time.

Each graph goes by the SPARQL 1.1 Graph Store HTTP Protocol: ``PUT <store>?graph=<iri>``
replaces what the store held under that name, so publishing twice leaves one copy. Where a store
offers only SPARQL Update, each graph is replaced by ``DROP SILENT GRAPH`` then ``INSERT DATA``
in one request. Credentials come from ``MEDKG_ENDPOINT_USER`` and ``MEDKG_ENDPOINT_PASSWORD``.
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox

from medkg.queries.run import PASSWORD_ENV, USER_ENV, connection_problem
from medkg.queries.terms import sparql_iri

NOT_OFFERED = {404, 405, 501}


class PublishError(Exception):
    """Publishing stopped; the message names the endpoint, the graph and what went wrong."""


@dataclass
class PublishReport:
    """What was sent: the protocol used and the triples per graph."""

    endpoint: str
    protocol: str
    graphs: list[tuple[str, int]] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)

    def render(self) -> str:
        lines = [f"Published {self.triples} triples in {len(self.graphs)} graphs to {self.endpoint} ({self.protocol}):"]
        lines += [f"  {n:>8}  {graph}" for graph, n in self.graphs]
        return "\n".join(lines)


def publish(
    store: ox.Store,
    store_endpoint: str | None,
    *,
    update_endpoint: str | None = None,
    timeout: float = 60.0,
) -> PublishReport:
    """Replace every named graph of ``store`` at the endpoint; Graph Store Protocol first, SPARQL
    Update when the store does not offer the protocol (or no store endpoint is given)."""
    if not store_endpoint and not update_endpoint:
        raise PublishError("give a Graph Store Protocol endpoint, a SPARQL Update endpoint, or both")
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    if not graphs:
        raise PublishError("the dataset has no named graphs: run `medkg build` first")
    use_update = not store_endpoint
    report = PublishReport(str(update_endpoint if use_update else store_endpoint), "SPARQL Update" if use_update else "Graph Store Protocol")
    for graph in graphs:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        if not use_update:
            assert store_endpoint is not None
            status = _put(store_endpoint, graph.value, body, timeout)
            if status in NOT_OFFERED and not report.graphs and update_endpoint:
                use_update = True
                report = PublishReport(update_endpoint, "SPARQL Update (the store offers no Graph Store Protocol)")
            elif status >= 300:
                raise PublishError(f"{store_endpoint} answered HTTP {status} to PUT of graph {graph.value}")
        if use_update:
            assert update_endpoint is not None
            _replace_by_update(update_endpoint, graph.value, body, timeout)
        report.graphs.append((graph.value, len(triples)))
    return report


def _put(endpoint: str, graph: str, body: bytes, timeout: float) -> int:
    separator = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{separator}graph={quote(graph, safe='')}"
    return _send(urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}), timeout)


def _replace_by_update(endpoint: str, graph: str, body: bytes, timeout: float) -> None:
    name = sparql_iri(graph)
    update = f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body.decode()}}} }}"
    request = urllib.request.Request(
        endpoint, data=update.encode(), method="POST", headers={"Content-Type": "application/sparql-update"}
    )
    status = _send(request, timeout)
    if status >= 300:
        raise PublishError(f"{endpoint} answered HTTP {status} to the update of graph {graph}")


def _send(request: urllib.request.Request, timeout: float) -> int:
    user = os.environ.get(USER_ENV)
    if user:
        token = base64.b64encode(f"{user}:{os.environ.get(PASSWORD_ENV, '')}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        if exc.code in NOT_OFFERED:
            return exc.code
        detail = exc.read().decode("utf-8", "replace")[:300]
        raise PublishError(f"{request.full_url} answered HTTP {exc.code} {exc.reason}: {detail}") from None
    except OSError as exc:
        raise PublishError(connection_problem(request.full_url, exc, timeout)) from None
