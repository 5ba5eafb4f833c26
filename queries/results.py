"""Query results in one shape, whether the embedded store or a remote endpoint answered.

Rows hold pyoxigraph terms, so results from both sides compare equal term for term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from medkg.queries.terms import Term

XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Table:
    """The answer to a SELECT query: variable names and rows (None where a variable is unbound)."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]]

    def without(self, hidden: Iterable[str]) -> Table:
        """The same rows without some columns (control variables, constant parameters)."""
        hide = set(hidden)
        keep = [i for i, v in enumerate(self.variables) if v not in hide]
        return Table([self.variables[i] for i in keep], [tuple(row[i] for i in keep) for row in self.rows])

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values: IRIs as strings, literals as numbers, dates or text."""
        return [
            {v: python_value(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]


@dataclass
class Graph:
    """The answer to a CONSTRUCT or DESCRIBE query."""

    triples: list[ox.Triple]


@dataclass
class Boolean:
    """The answer to an ASK query."""

    value: bool


Result = Table | Graph | Boolean


def from_pyoxigraph(result: ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean) -> Result:
    """Our shape of what ``Store.query`` or ``parse_query_results`` returns."""
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        return Table(variables, [tuple(solution[v] for v in variables) for solution in result])
    if isinstance(result, ox.QueryBoolean):
        return Boolean(bool(result))
    return Graph(list(result))


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


_CONVERTERS = {
    "integer": int,
    "int": int,
    "long": int,
    "nonNegativeInteger": int,
    "decimal": Decimal,
    "double": float,
    "float": float,
    "boolean": lambda text: text in ("true", "1"),
    "date": _date,
    "dateTime": _datetime,
}


def python_value(term: Term | ox.BlankNode | ox.Triple) -> Any:
    """A plain value for notebooks; a literal that does not parse stays as its text."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype.startswith(XSD) and datatype[len(XSD) :] in _CONVERTERS:
            try:
                return _CONVERTERS[datatype[len(XSD) :]](term.value)
            except ValueError:
                return term.value
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)
