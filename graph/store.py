"""Opening the embedded Oxigraph store: persistent on disk when asked, in memory otherwise."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

DEFAULT_DIST = Path("dist")
NQUADS_DUMP = "medkg.nq"


def new_store(path: Path | None = None) -> ox.Store:
    """A store at ``path`` (created if missing), or in memory when ``path`` is None."""
    if path is None:
        return ox.Store()
    path.mkdir(parents=True, exist_ok=True)
    return ox.Store(str(path))


def load_dataset(dist_dir: Path = DEFAULT_DIST, store_path: Path | None = None) -> ox.Store:
    """The built dataset, ready to query.

    With ``store_path`` (a store written by ``medkg build --store PATH``) the store is opened as
    it is; otherwise the N-Quads dump in ``dist_dir`` is loaded into memory, which takes well
    under a second for the seed data and keeps ``dist/`` the one thing a user needs.
    """
    if store_path is not None:
        if not store_path.exists():
            raise FileNotFoundError(f"no store at {store_path}: run `medkg build --store {store_path}` first")
        return ox.Store(str(store_path))
    dump = dist_dir / NQUADS_DUMP
    if not dump.exists():
        raise FileNotFoundError(f"no dataset at {dump}: run `medkg build` first")
    store = ox.Store()
    store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    return store
