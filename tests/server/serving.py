"""Helpers for the server tests: a small dist/ folder and the real server on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
ONTOLOGY_FILES = [ROOT / "ontology" / "medkg.ttl", *sorted((ROOT / "ontology" / "vocab").glob("*.ttl"))]
ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/medkg/graph/ontology")
TIMEOUT_S = 2.0
"""The time limit of the server under test."""
MAX_ROWS = 200
"""The row limit of the server under test."""


def write_fixture_dist(out: Path) -> Path:
    """A dist/ folder like ``medkg build`` writes, from the fixture TriG plus the real ontology."""
    out.mkdir(parents=True, exist_ok=True)
    store = ox.Store()
    store.bulk_load(path=str(FIXTURES / "dataset.trig"), format=ox.RdfFormat.TRIG)
    for path in ONTOLOGY_FILES:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    quads = list(store)
    ox.serialize(quads, str(out / "medkg.nq"), format=ox.RdfFormat.N_QUADS)
    ox.serialize(quads, str(out / "medkg.trig"), format=ox.RdfFormat.TRIG)
    ox.serialize([q.triple for q in quads], str(out / "medkg.ttl"), format=ox.RdfFormat.TURTLE)
    shutil.copy(FIXTURES / "void.ttl", out / "void.ttl")
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering at {url}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"no answer at {url} within {seconds} s")


@contextlib.contextmanager
def running_server(dist: Path, *args: str, log: Path | None = None) -> Iterator[str]:
    """``medkg serve`` on a free loopback port, for the length of the block; yields its root URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "medkg.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--dist",
        str(dist),
        *args,
    ]
    output = open(log, "wb") if log else subprocess.DEVNULL
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("MEDKG_BASE", None)
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_up(url + "/static/style.css", process)
        except RuntimeError as error:
            said = log.read_text(errors="replace")[-2000:] if log else "(no log kept)"
            raise RuntimeError(f"{error}; the server said:\n{said}") from None
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()  # type: ignore[union-attr]
