"""A small API for notebooks: load the graph once, run catalog queries by name, get rows::

    from medkg.queries import api
    ds = api.load()                                         # dist/ from `medkg build`
    rows = api.run("funders-of", cluster="cluster-solaire")
    rows[0]["supporterName"]                                # plain Python values
    rows.to_dataframe()                                     # only when pandas is installed

The same call runs on a remote endpoint with ``endpoint="http://..."``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from medkg.graph.store import DEFAULT_DIST, load_dataset
from medkg.queries import catalog as cat
from medkg.queries.results import Graph, Table
from medkg.queries.run import DEFAULT_TIMEOUT, Endpoint, LocalStore, Target, run_catalog, run_query

_loaded: LocalStore | None = None


class Rows(list[dict[str, Any]]):
    """Result rows as dicts (column -> value); unbound columns are absent from a row."""

    def __init__(self, rows: list[dict[str, Any]], columns: list[str]) -> None:
        super().__init__(rows)
        self.columns = columns

    def to_dataframe(self) -> Any:
        """A pandas DataFrame with one column per variable; pandas is optional, so asked for here."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe() needs pandas: pip install pandas") from None
        return pd.DataFrame(list(self), columns=self.columns)


def load(dist_dir: Path | str = DEFAULT_DIST, store_path: Path | str | None = None) -> ox.Store:
    """Load the built dataset (dist/medkg.nq, or a persistent store) and make it the default."""
    global _loaded
    store = load_dataset(Path(dist_dir), Path(store_path) if store_path else None)
    _loaded = LocalStore(store)
    return store


def queries() -> dict[str, str]:
    """Catalog query names and what each answers."""
    return {name: q.summary for name, q in cat.catalog().items()}


def _target(dataset: ox.Store | None, endpoint: str | None, timeout: float) -> Target:
    if endpoint:
        return Endpoint(endpoint, timeout=timeout)
    if dataset is not None:
        return LocalStore(dataset)
    if _loaded is None:
        load()
    assert _loaded is not None
    return _loaded


def run(
    name: str,
    *,
    dataset: ox.Store | None = None,
    endpoint: str | None = None,
    with_sources: bool = False,
    source: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    **params: str,
) -> Rows | list[ox.Triple]:
    """Run a catalog query with keyword parameters; rows for SELECT, triples for CONSTRUCT."""
    result = run_catalog(
        _target(dataset, endpoint, timeout), cat.get(name), params, with_sources=with_sources, source=source
    )
    return _rows(result)


def sparql(
    query: str, *, dataset: ox.Store | None = None, endpoint: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> Rows | list[ox.Triple] | bool:
    """Any SPARQL query over the union of the graphs."""
    result = run_query(_target(dataset, endpoint, timeout), query)
    return result.value if not isinstance(result, (Table, Graph)) else _rows(result)


def _rows(result: Table | Graph | Any) -> Rows | list[ox.Triple]:
    if isinstance(result, Graph):
        return result.triples
    assert isinstance(result, Table)
    return Rows(result.records(), result.variables)
