"""Running SPARQL queries in worker processes that can be killed.

pyoxigraph's ``Store.query`` has no timeout and no cancel, and it releases the GIL, so no thread
of the web process can stop a runaway query. Each worker process holds its own copy of the
dataset (the N-Quads dump loaded into memory, or a persistent store opened read-only); a query
that outlives its time limit gets its worker killed and replaced while the others keep serving.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.connection
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from medkg.server.results import Boolean, Graph, QueryResult, Solutions

log = logging.getLogger(__name__)


class QueryFailed(Exception):
    """A query that ended without a result; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class DatasetSource:
    """Where a worker finds the dataset: a persistent store (opened read-only) or an N-Quads dump."""

    nquads: Path | None = None
    store: Path | None = None

    def open(self) -> ox.Store:
        """The dataset as a store of this process's own."""
        if self.store is not None:
            return ox.Store.read_only(str(self.store))
        if self.nquads is None:
            raise ValueError("a dataset source needs an N-Quads dump or a store directory")
        store = ox.Store()
        store.bulk_load(path=str(self.nquads), format=ox.RdfFormat.N_QUADS)
        return store


@dataclass(frozen=True)
class QueryRequest:
    """One query and the RDF dataset it runs over, as the SPARQL protocol lets a client set it."""

    query: str
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    has_dataset_clause: bool = False
    """The query names its dataset itself (FROM / FROM NAMED)."""

    def dataset_options(self) -> dict[str, Any]:
        """``Store.query`` keywords: protocol graphs first, then the query's own, else the union."""
        if self.default_graphs or self.named_graphs:
            return {
                "default_graph": [ox.NamedNode(iri) for iri in self.default_graphs],
                "named_graphs": [ox.NamedNode(iri) for iri in self.named_graphs] or None,
            }
        if self.has_dataset_clause:
            return {}
        return {"use_default_graph_as_union": True}


def execute(store: ox.Store, request: QueryRequest) -> QueryResult:
    """Evaluate ``request`` on ``store``, stopping as soon as the result passes ``max_rows``."""
    try:
        answer = store.query(request.query, **request.dataset_options())
    except SyntaxError as error:
        raise QueryFailed(f"malformed query: {error}", 400) from error
    except (OSError, ValueError) as error:
        raise QueryFailed(f"query failed: {error}", 400) from error
    if isinstance(answer, ox.QueryBoolean):
        return Boolean(bool(answer))
    limit = request.max_rows
    if isinstance(answer, ox.QueryTriples):
        triples: list[ox.Triple] = []
        for triple in answer:
            if len(triples) == limit:
                raise _too_many(limit, "triples")
            triples.append(triple)
        return Graph(triples)
    variables = [v.value for v in answer.variables]
    rows: list[tuple[Any, ...]] = []
    for solution in answer:
        if len(rows) == limit:
            raise _too_many(limit, "rows")
        rows.append(tuple(solution[v] for v in variables))
    return Solutions(variables, rows)


def _too_many(limit: int, what: str) -> QueryFailed:
    return QueryFailed(
        f"the result has more than {limit} {what}, this endpoint's limit: "
        f"narrow the query or add LIMIT {limit}",
        400,
    )


def _worker_main(conn: multiprocessing.connection.Connection, source: DatasetSource) -> None:
    """A worker's life: load the dataset once, then answer queries until the pipe closes."""
    try:
        store = source.open()
    except Exception as error:  # noqa: BLE001 - reported to the parent, which names the cause
        conn.send(("failed", f"cannot open the dataset: {error}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", execute(store, request)))
        except QueryFailed as error:
            conn.send(("error", (str(error), error.status)))
        except Exception as error:  # noqa: BLE001 - any failure is the client's answer, not a crash
            conn.send(("error", (f"query failed: {type(error).__name__}: {error}", 500)))


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    queries: int = field(default=0)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query processes; ``run`` hands a query to an idle one under a time limit."""

    def __init__(self, source: DatasetSource, *, size: int = 2, timeout: float = 30.0) -> None:
        if size < 1:
            raise ValueError(f"a worker pool needs at least one worker, not {size}")
        self.source = source
        self.size = size
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        # Threads only wait on pipes (blocking recv); one per worker plus spares for start-ups.
        self._threads = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="medkg-query")
        self.replaced = 0
        self._tasks: set[asyncio.Future] = set()

    async def start(self) -> None:
        """Start every worker and wait until each has its dataset loaded."""
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    async def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(child, self.source), name="medkg-query-worker", daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all.add(worker)
        loop = asyncio.get_running_loop()
        try:
            kind, detail = await loop.run_in_executor(self._threads, parent.recv)
        except (EOFError, OSError) as error:
            self._all.discard(worker)
            raise RuntimeError(f"a query worker died while loading the dataset: {error}") from error
        if kind != "ready":
            self._all.discard(worker)
            worker.kill()
            raise RuntimeError(str(detail))
        return worker

    async def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        await asyncio.get_running_loop().run_in_executor(self._threads, worker.kill)
        self.replaced += 1
        self._idle.put_nowait(await self._spawn())

    def _replace_later(self, worker: _Worker) -> None:
        """Replace ``worker`` in the background; a replacement that fails is logged, not lost."""
        task = asyncio.ensure_future(self._replace(worker))
        self._tasks.add(task)

        def done(finished: asyncio.Future) -> None:
            self._tasks.discard(finished)
            if not finished.cancelled() and finished.exception() is not None:
                log.error(
                    "could not replace a query worker: %s (%d left)", finished.exception(), len(self._all)
                )

        task.add_done_callback(done)

    async def run(self, request: QueryRequest, *, timeout: float | None = None) -> QueryResult:
        """The result of ``request``; raises :class:`QueryFailed` (503 when out of time)."""
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        try:
            worker = await asyncio.wait_for(self._idle.get(), limit)
        except asyncio.TimeoutError:
            raise QueryFailed(
                f"all {self.size} query workers stayed busy for {limit:g} s: try again shortly", 503
            ) from None
        remaining = max(0.1, limit - (time.monotonic() - started))
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send(request)
            kind, payload = await asyncio.wait_for(
                loop.run_in_executor(self._threads, worker.conn.recv), remaining
            )
        except asyncio.TimeoutError:
            self._replace_later(worker)
            raise QueryFailed(
                f"the query was stopped at this endpoint's time limit of {limit:g} s", 503
            ) from None
        except (EOFError, OSError, BrokenPipeError):
            self._replace_later(worker)
            raise QueryFailed("the query worker died while evaluating the query", 500) from None
        except asyncio.CancelledError:
            # The client went away mid-query: the worker's answer is unusable, so replace it.
            self._replace_later(worker)
            raise
        worker.queries += 1
        self._idle.put_nowait(worker)
        if kind == "ok":
            return payload
        message, status = payload
        raise QueryFailed(message, status)

    async def close(self) -> None:
        """Stop every worker."""
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
