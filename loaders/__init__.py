"""Loaders: one per source kind, each turning source files into quads in a named graph per source.

Adding a source kind is one ``Loader`` subclass and one line in ``LOADERS``.
"""

from __future__ import annotations

from pathlib import Path

from medkg.loaders.base import Loader, Location, Problem, Source, SourceError
from medkg.loaders.curated import CuratedYamlLoader

LOADERS: tuple[Loader, ...] = (CuratedYamlLoader(),)


def loader_for(path: Path) -> Loader | None:
    """The loader that reads files with this name, if any."""
    return next((loader for loader in LOADERS if path.suffix in loader.suffixes), None)


def discover(sources_dir: Path) -> list[Path]:
    """The source files in a folder, sorted so that builds are repeatable."""
    if not sources_dir.is_dir():
        raise SourceError([Problem(Location(sources_dir), "no such folder of curated sources")])
    files = sorted(p for p in sources_dir.iterdir() if p.is_file() and loader_for(p) is not None)
    if not files:
        suffixes = ", ".join(s for loader in LOADERS for s in loader.suffixes)
        raise SourceError([Problem(Location(sources_dir), f"no source files ({suffixes}) in this folder")])
    return files


def read_sources(sources_dir: Path) -> list[Source]:
    """Read and validate every source file; one error report for all files that fail."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in discover(sources_dir):
        loader = loader_for(path)
        assert loader is not None
        try:
            sources.append(loader.read(path))
        except SourceError as exc:
            problems.extend(exc.problems)
    if problems:
        raise SourceError(problems)
    return sources


__all__ = ["LOADERS", "Loader", "Source", "SourceError", "Problem", "Location", "discover", "loader_for", "read_sources"]
