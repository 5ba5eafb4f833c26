"""Reading a SPARQL 1.1 Protocol request: GET, POST form-encoded or POST ``application/sparql-query``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request

from medkg.queries.guard import QueryRefused, refuse_update_request

MAX_BODY = 1_000_000
"""Bytes a POSTed query may have; SPARQL queries people write are a few kilobytes."""


@dataclass(frozen=True)
class ProtocolRequest:
    """The query (None when the request carries none) and the RDF dataset the client asked for."""

    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None
    """A ``format`` parameter (``json``, ``csv``, ``turtle``...) that overrides ``Accept``."""


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise QueryRefused(f"the request body is larger than {MAX_BODY} bytes", 413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise QueryRefused(f"the request body is larger than {MAX_BODY} bytes", 413)
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise QueryRefused(f"the request body is not UTF-8: {error}") from None


def _from_params(params: list[tuple[str, str]], query: str | None = None) -> ProtocolRequest:
    names = [name for name, _ in params]
    if "update" in names:
        raise refuse_update_request()
    queries = [value for name, value in params if name == "query"]
    if query is None:
        if len(queries) > 1:
            raise QueryRefused("more than one 'query' parameter: send exactly one query")
        query = queries[0] if queries else None
    formats = [value for name, value in params if name == "format"]
    return ProtocolRequest(
        query=query,
        default_graphs=tuple(v for n, v in params if n == "default-graph-uri"),
        named_graphs=tuple(v for n, v in params if n == "named-graph-uri"),
        format=formats[0] if formats else None,
    )


async def read_request(request: Request) -> ProtocolRequest:
    """The protocol operation in ``request``; raises :class:`QueryRefused` for what is not a query."""
    url_params = request.query_params.multi_items()
    if request.method in ("GET", "HEAD"):
        return _from_params(url_params)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise refuse_update_request()
    if content_type == "application/x-www-form-urlencoded":
        body = _decode(await _body(request))
        return _from_params(parse_qsl(body, keep_blank_values=True) + url_params)
    if content_type == "application/sparql-query":
        return _from_params(url_params, query=_decode(await _body(request)))
    raise QueryRefused(
        f"unsupported request content type {content_type or '(none)'!r}: POST "
        "application/x-www-form-urlencoded or application/sparql-query",
        415,
    )
