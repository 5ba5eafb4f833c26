"""The interface every loader implements, and the errors it reports.

A build reads every source first and checks identifiers across all of them before any quad is
written, so a loader works in two steps: ``read`` parses and validates one file into a
``Source``; ``Source.quads`` emits its named graph once the cross-source index is known.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox


@dataclass(frozen=True, order=True)
class Location:
    """Where something was written: a file and, when known, a line (1-based)."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful) in a source, at a location."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class SourceError(Exception):
    """Sources that cannot be built; carries every problem found, each with file and line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Definition:
    """An identifier a source defines: what kind of thing it is and where."""

    ident: str
    kind: str  # "organization", "person", "place", "programme", "call", "event", "site", "fact"
    rdf_type: str  # local name of the ontology class
    location: Location


@dataclass(frozen=True)
class Reference:
    """An identifier a source uses, and the kinds of thing it may point to."""

    ident: str
    kinds: frozenset[str]
    location: Location
    field: str


@dataclass
class EntityIndex:
    """Everything all sources define, so a source can check its references and name others."""

    definitions: dict[str, list[Definition]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def kind_of(self, ident: str) -> str | None:
        defs = self.definitions.get(ident)
        return defs[0].kind if defs else None

    def name_of(self, ident: str) -> str:
        return self.names.get(ident, ident)


class Source(ABC):
    """One source document, parsed and validated, ready to emit its named graph."""

    path: Path
    document_id: str
    warnings: list[Problem]

    @abstractmethod
    def definitions(self) -> Iterable[Definition]:
        """The identifiers this source defines."""

    @abstractmethod
    def references(self) -> Iterable[Reference]:
        """The identifiers this source points to."""

    @abstractmethod
    def names(self) -> dict[str, str]:
        """A display name for each identifier it defines (for generated labels)."""

    @abstractmethod
    def quads(self, index: EntityIndex) -> Iterator[ox.Quad]:
        """The source's named graph: its document description and everything it states."""


class Loader(ABC):
    """Reads one kind of source file. Adding a kind is one subclass and one registry line."""

    kind: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def read(self, path: Path) -> Source:
        """Parse and validate one file; raise SourceError naming the file and line on bad input."""
