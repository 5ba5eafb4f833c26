"""Load on ``medkg serve`` beside an Oxigraph server holding the same dataset, in one run.

    python benchmarks/load_server.py --clients 8 --seconds 10 --max-requests 3000

Builds the seed dataset (or takes ``--dist``), starts both servers on free loopback ports
(``medkg serve`` and ``oxigraph serve-read-only --union-default-graph``), then for each workload
and each server drives ``--clients`` concurrent HTTP clients for at most ``--seconds`` seconds
and ``--max-requests`` requests, split into ``--rounds`` rounds that alternate between the two
servers, and prints throughput (median of the rounds) and latency percentiles with the ratio.

Workloads, each the nearest like-for-like pair the two servers offer:

- ``sparql``: a fixed mix of SELECT queries (label look-up, counts per class, a catalog query)
  POSTed to each server's SPARQL endpoint, JSON results.
- ``entity-doc``: the Turtle document of a random entity; on Oxigraph, ``DESCRIBE <entity>``.
- ``entity-page`` (medkg only): the HTML page of a random entity, with its map data.

The clients run on the same machine as the servers and share its cores, so the figures are a
comparison under equal conditions, not capacity figures for a production host.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/medkg/id/"

QUERIES = [
    "SELECT ?name WHERE { <https://w3id.org/medkg/id/cluster-solaire> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?name }",
    "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class ORDER BY DESC(?n)",
    "PREFIX mkg: <https://w3id.org/medkg/def/> SELECT ?fact ?funder ?recipient ?quote WHERE { "
    "?fact a mkg:Funding ; mkg:funder ?funder ; mkg:recipient ?recipient ; mkg:quotation ?quote }",
]


@dataclass
class Run:
    """Latencies (seconds) and failures of one workload on one server."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def row(self) -> dict[str, float]:
        ordered = sorted(self.latencies) or [float("nan")]

        def pct(p: float) -> float:
            return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

        return {
            "requests": len(self.latencies),
            "errors": self.errors,
            "rps": len(self.latencies) / self.seconds if self.seconds else 0.0,
            "p50": statistics.median(ordered) * 1000,
            "p90": pct(0.90),
            "p99": pct(0.99),
        }


def merge(runs: list[Run]) -> dict[str, float]:
    """One row for several rounds: latencies pooled, throughput the median of the rounds'."""
    pooled = Run([x for run in runs for x in run.latencies], sum(run.errors for run in runs), 1.0)
    row = pooled.row()
    row["requests"] = len(pooled.latencies)
    row["rps"] = statistics.median(run.row()["rps"] for run in runs)
    return row


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode} before answering at {url}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"no answer at {url} within {seconds} s")


async def drive(
    make_request: Callable[[httpx.AsyncClient, random.Random], object],
    clients: int,
    seconds: float,
    max_requests: int,
) -> Run:
    """``clients`` concurrent loops until the time or the request budget runs out."""
    run = Run()
    budget = [max_requests]
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(number: int) -> None:
        rng = random.Random(number)
        async with httpx.AsyncClient(timeout=30, limits=limits) as http:
            while budget[0] > 0 and time.monotonic() < deadline:
                budget[0] -= 1
                started = time.perf_counter()
                response = await make_request(http, rng)  # type: ignore[misc]
                elapsed = time.perf_counter() - started
                if response.status_code == 200:
                    run.latencies.append(elapsed)
                else:
                    run.errors += 1

    started = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    run.seconds = time.monotonic() - started
    return run


def entities(dist: Path, limit: int = 200) -> list[str]:
    store = ox.Store()
    store.bulk_load(path=str(dist / "medkg.nq"), format=ox.RdfFormat.N_QUADS)
    rows = store.query(
        f'SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s a ?t }} FILTER(STRSTARTS(STR(?s), "{ID}")) }} LIMIT {limit}'
    )
    return sorted(row["s"].value for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dist", type=Path, help="a built dist/ folder (default: build sources/ into a temporary one)"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0, help="time limit per workload and server")
    parser.add_argument(
        "--max-requests", type=int, default=3000, help="request limit per workload and server"
    )
    parser.add_argument("--workers", type=int, default=2, help="medkg query processes")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds per workload")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="medkg-load-"))
    processes: list[subprocess.Popen] = []
    try:
        dist = args.dist
        if dist is None:
            from medkg.graph.build import build

            dist = scratch / "dist"
            build(ROOT / "sources", dist)
        oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        location = scratch / "oxigraph"
        subprocess.run(
            [oxigraph, "load", "--location", str(location), "--file", str(dist / "medkg.nq")],
            check=True,
            capture_output=True,
        )

        ours_port, theirs_port = free_port(), free_port()
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "medkg.cli",
                    "serve",
                    "--port",
                    str(ours_port),
                    "--dist",
                    str(dist),
                    "--workers",
                    str(args.workers),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        processes.append(
            subprocess.Popen(
                [
                    oxigraph,
                    "serve-read-only",
                    "--location",
                    str(location),
                    "--bind",
                    f"127.0.0.1:{theirs_port}",
                    "--union-default-graph",
                    "--timeout-s",
                    "30",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        ours, theirs = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{theirs_port}"
        wait_up(ours + "/static/style.css", processes[0])
        wait_up(theirs + "/query?query=ASK%7B%7D", processes[1])
        iris = entities(dist)
        json_accept = {
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/sparql-query",
        }

        def sparql(endpoint: str) -> Callable:
            def request(http: httpx.AsyncClient, rng: random.Random):  # type: ignore[no-untyped-def]
                return http.post(endpoint, content=rng.choice(QUERIES).encode(), headers=json_accept)

            return request

        def our_doc(http: httpx.AsyncClient, rng: random.Random):  # type: ignore[no-untyped-def]
            return http.get(f"{ours}/data/id/{rng.choice(iris)[len(ID) :]}.ttl")

        def their_doc(http: httpx.AsyncClient, rng: random.Random):  # type: ignore[no-untyped-def]
            return http.post(
                f"{theirs}/query",
                content=f"DESCRIBE <{rng.choice(iris)}>".encode(),
                headers={"Accept": "text/turtle", "Content-Type": "application/sparql-query"},
            )

        def our_page(http: httpx.AsyncClient, rng: random.Random):  # type: ignore[no-untyped-def]
            return http.get(f"{ours}/page/id/{rng.choice(iris)[len(ID) :]}")

        plan = [
            ("sparql", sparql(f"{ours}/sparql"), sparql(f"{theirs}/query")),
            ("entity-doc", our_doc, their_doc),
            ("entity-page", our_page, None),
        ]
        print(
            f"dataset: {dist / 'medkg.nq'} ({sum(1 for _ in open(dist / 'medkg.nq', 'rb'))} quads), "
            f"{len(iris)} entities; {args.clients} clients, <= {args.seconds:g} s and "
            f"<= {args.max_requests} requests per cell; medkg with {args.workers} query workers"
        )
        header = (
            f"{'workload':<12} {'server':<9} {'requests':>8} {'errors':>6} {'req/s':>8} "
            f"{'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}"
        )
        print(header)
        print("-" * len(header))
        for name, ours_request, theirs_request in plan:
            servers = [
                (server, request)
                for server, request in (("medkg", ours_request), ("oxigraph", theirs_request))
                if request is not None
            ]
            for _, request in servers:
                asyncio.run(drive(request, args.clients, 1.0, 50))  # warm-up
            # Interleaved rounds, so that load from elsewhere on the machine falls on both servers alike.
            runs: dict[str, list[Run]] = {server: [] for server, _ in servers}
            for _ in range(args.rounds):
                for server, request in servers:
                    runs[server].append(
                        asyncio.run(
                            drive(
                                request,
                                args.clients,
                                args.seconds / args.rounds,
                                args.max_requests // args.rounds,
                            )
                        )
                    )
            results = {}
            for server, _ in servers:
                row = merge(runs[server])
                results[server] = row
                print(
                    f"{name:<12} {server:<9} {row['requests']:>8} {row['errors']:>6} {row['rps']:>8.1f} "
                    f"{row['p50']:>8.1f} {row['p90']:>8.1f} {row['p99']:>8.1f}"
                )
            if len(results) == 2:
                ratio = (
                    results["oxigraph"]["rps"] / results["medkg"]["rps"]
                    if results["medkg"]["rps"]
                    else float("nan")
                )
                p50 = results["medkg"]["p50"] / results["oxigraph"]["p50"]
                print(
                    f"{name:<12} ratio     oxigraph/medkg throughput {ratio:.2f}x, "
                    f"medkg/oxigraph median latency {p50:.2f}x"
                )
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
