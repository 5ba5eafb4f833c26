"""The server's settings, with the defaults trusted public endpoints use for their limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from medkg.namespaces import base

DEFAULT_TIMEOUT = 30.0
"""Seconds a query may run (QLever's default; Virtuoso and Wikidata allow 60)."""
DEFAULT_MAX_ROWS = 10_000
"""Rows (or triples) a result may hold: Virtuoso's ``ResultSetMaxRows``."""


@dataclass(frozen=True)
class ServerConfig:
    """What one ``medkg serve`` serves and under which limits."""

    dist: Path = Path("dist")
    """The folder ``medkg build`` wrote: ``medkg.nq`` (loaded by the workers), the other dumps, ``void.ttl``."""
    base: str = field(default_factory=base)
    """Base of the data IRIs this server answers for."""
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = 2
    """Query processes; each holds the dataset in memory (or opens ``store`` read-only)."""
    endpoint: str | None = None
    """A remote SPARQL endpoint to send queries to instead of the local workers."""
    store: Path | None = None
    """A persistent Oxigraph store to open read-only instead of loading ``dist/medkg.nq``."""

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"the query time limit must be positive, not {self.timeout}")
        if self.max_rows < 1:
            raise ValueError(f"the result row limit must be at least 1, not {self.max_rows}")
        if not self.base.endswith("/"):
            raise ValueError(f"the base IRI must end with '/': {self.base!r}")
