"""Fixtures for the query catalog: the seed dataset locally, and the same published to a real
Oxigraph server started on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from medkg.queries.publish import publish
from medkg.queries.run import Endpoint, LocalStore

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OxigraphServer:
    """A real ``oxigraph serve`` process (read-write, its default graph left as it is)."""

    def __init__(self, location: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"oxigraph serve did not start on port {self.port}") from None
                time.sleep(0.1)

    @property
    def query(self) -> str:
        return self.url + "/query"

    @property
    def store(self) -> str:
        return self.url + "/store"

    @property
    def update(self) -> str:
        return self.url + "/update"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture(scope="session")
def local(built) -> LocalStore:  # type: ignore[no-untyped-def]
    """The seed dataset in the embedded store."""
    return LocalStore(built.store)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def remote(built, oxigraph: OxigraphServer) -> Endpoint:  # type: ignore[no-untyped-def]
    """The seed dataset published to the Oxigraph server, queried through SPARQLWrapper."""
    publish(built.store, oxigraph.store)
    return Endpoint(oxigraph.query, timeout=20)
