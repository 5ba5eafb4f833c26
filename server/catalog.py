"""The query catalog (``medkg.queries``) as the pages offer it: listed, with forms, bound to text.

The editor shows the exact text that runs, so parameters are bound as a ``VALUES`` block by the
catalog's own escaping function (:func:`medkg.queries.terms.with_values`), not pasted by hand.
"""

from __future__ import annotations

from medkg.queries.catalog import CatalogError, CatalogQuery, catalog
from medkg.queries.terms import with_values

WITH_SOURCES_FIELD = "with_sources"
"""Form field (a checkbox) asking a query that can to add each row's source document and quotation."""


def entries() -> list[CatalogQuery]:
    """Every catalog query, in file-name order; a malformed file is an error naming it."""
    return list(catalog().values())


def listing() -> tuple[list[CatalogQuery], str | None]:
    """The catalog for a page, or no queries and the catalog's error (naming the file) to show instead."""
    try:
        return entries(), None
    except CatalogError as error:
        return [], str(error)


def find(name: str) -> CatalogQuery | None:
    return catalog().get(name)


def bound_text(query: CatalogQuery, values: dict[str, str]) -> str:
    """The query's text with the given parameter values (or their defaults) bound.

    Raises ``ValueError`` (the catalog's ``CatalogError``) for an unknown parameter or a value
    of the wrong type, naming both.
    """
    values = dict(values)
    # The '#+' header is for the catalog's tools; the editor shows the query a person reads.
    text = "\n".join(line for line in query.text.splitlines() if not line.startswith("#+")).lstrip("\n")
    with_sources = values.pop(WITH_SOURCES_FIELD, "") not in ("", "0", "false")
    return with_values(text, query.bindings(values, with_sources=with_sources))
