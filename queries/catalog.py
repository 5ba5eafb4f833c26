"""The catalog: the ``.rq`` files beside this module, each with a grlc-style header.

A header is a block of ``#+`` comment lines at the top of the file, read as YAML::

    #+ summary: Who funds a cluster
    #+ question: 2
    #+ description: >-
    #+   Competency question 2: ...
    #+ params:
    #+   - name: cluster
    #+     type: entity
    #+     default: cluster-solaire
    #+     description: the cluster, by its identifier
    #+ row: one funding or support received by the cluster
    #+ sources: true

``params`` bind the SPARQL variable of the same name (``?cluster``); a parameter without a
default is left unbound, which matches everything. Parameter variables must be projected by the
query (the embedded store's substitutions require it). ``sources: true`` means the query takes
the control variable ``?_withSources`` and then fills ``?source`` (the document) and
``?quotation`` (its sentence) on each row, one row per document and quoted sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import yaml

from medkg import namespaces as ns
from medkg.queries.terms import Term, sparql_iri

CATALOG_DIR = Path(__file__).parent
XSD = "http://www.w3.org/2001/XMLSchema#"
WITH_SOURCES = "_withSources"
SOURCE_COLUMNS = ("source", "quotation")
HEADER_KEYS = {"summary", "description", "question", "params", "row", "sources"}
PARAM_KEYS = {"name", "type", "default", "description"}
_SLUG_SAFE = "-._~"


class CatalogError(ValueError):
    """A catalog file or a parameter value that cannot be used; the message says where and why."""


def _concept(scheme: str) -> callable:  # type: ignore[valid-type]
    def convert(value: str) -> ox.NamedNode:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            raise ValueError(f"not a {scheme} identifier (lower-case words joined by hyphens, e.g. agri-food)")
        return ox.NamedNode(ns.DEF + scheme + "/" + value)

    return convert


def _entity(value: str) -> ox.NamedNode:
    if value.startswith(("http://", "https://")):
        sparql_iri(value)  # refuses what could not stand in <...>
        return ox.NamedNode(value)
    # Any other text is an identifier; percent-encoding keeps it one harmless IRI.
    return ox.NamedNode(ns.entity_iri(quote(value, safe=_SLUG_SAFE)))


def _country(value: str) -> ox.NamedNode:
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise ValueError("expected an ISO 3166-1 alpha-2 code such as MA")
    return ox.NamedNode(ns.country_iri(value))


def _typed(datatype: str, check: callable) -> callable:  # type: ignore[valid-type]
    def convert(value: str) -> ox.Literal:
        try:
            check(value)
        except (ValueError, InvalidOperation):
            raise ValueError(f"not an xsd:{datatype}") from None
        return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))

    return convert


PARAM_TYPES: dict[str, callable] = {  # type: ignore[valid-type]
    "entity": _entity,
    "country": _country,
    "sector": _concept("sector"),
    "service": _concept("service"),
    "quantity": _concept("quantity"),
    "source": lambda value: ox.NamedNode(ns.document_iri(quote(value, safe=_SLUG_SAFE))),
    "string": lambda value: ox.Literal(value),
    "integer": _typed("integer", int),
    "decimal": _typed("decimal", Decimal),
    "date": _typed("date", dt.date.fromisoformat),
}


@dataclass(frozen=True)
class Param:
    """One parameter of a catalog query."""

    name: str
    type: str
    default: str | None = None
    description: str = ""

    def term(self, value: str) -> Term:
        """The RDF term a value given on the command line or in Python stands for."""
        try:
            return PARAM_TYPES[self.type](str(value))
        except ValueError as exc:
            raise CatalogError(f"parameter {self.name}={value!r}: {exc}") from None


@dataclass(frozen=True)
class CatalogQuery:
    """A catalog file: its name (the file's stem), header and SPARQL text."""

    name: str
    path: Path
    summary: str
    text: str
    description: str = ""
    question: str | None = None
    row: str = ""
    params: tuple[Param, ...] = ()
    sources: bool = False

    def bindings(self, values: dict[str, str] | None = None, *, with_sources: bool = False) -> dict[str, Term]:
        """Terms for every parameter with a value (given, else default); unknown names are errors."""
        values = dict(values or {})
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise CatalogError(f"query {self.name} has no parameter {', '.join(unknown)} (its parameters: {known})")
        out: dict[str, Term] = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is not None and value != "":
                out[param.name] = param.term(value)
        if self.sources:
            out[WITH_SOURCES] = ox.Literal(with_sources)
        elif with_sources:
            raise CatalogError(f"query {self.name} returns no facts of its own, so it has no sources to add")
        return out


def parse(path: Path) -> CatalogQuery:
    """Read one catalog file; a malformed header is an error naming the file and line."""
    text = path.read_text(encoding="utf-8")
    header_lines = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            break
        header_lines.append(line[3:] if line.startswith("#+ ") else line[2:])
    if not header_lines:
        raise CatalogError(f"{path}:1: no '#+' header (summary, description, params, row)")
    try:
        header = yaml.safe_load("\n".join(header_lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise CatalogError(f"{path}{line}: malformed header: {exc}") from None
    if not isinstance(header, dict) or not header.get("summary"):
        raise CatalogError(f"{path}:1: the header needs at least a 'summary:'")
    extra = set(header) - HEADER_KEYS
    if extra:
        raise CatalogError(f"{path}: unknown header key(s) {', '.join(sorted(extra))}")
    params = tuple(_param(path, raw) for raw in header.get("params") or [])
    return CatalogQuery(
        name=path.stem,
        path=path,
        summary=str(header["summary"]).strip(),
        text=text,
        description=str(header.get("description") or "").strip(),
        question=str(header["question"]) if header.get("question") is not None else None,
        row=str(header.get("row") or "").strip(),
        params=params,
        sources=bool(header.get("sources", False)),
    )


def _param(path: Path, raw: object) -> Param:
    if not isinstance(raw, dict) or "name" not in raw or "type" not in raw:
        raise CatalogError(f"{path}: each parameter needs a name and a type, got {raw!r}")
    extra = set(raw) - PARAM_KEYS
    if extra:
        raise CatalogError(f"{path}: parameter {raw['name']}: unknown key(s) {', '.join(sorted(extra))}")
    if raw["type"] not in PARAM_TYPES:
        raise CatalogError(
            f"{path}: parameter {raw['name']}: unknown type {raw['type']!r} (known: {', '.join(PARAM_TYPES)})"
        )
    default = raw.get("default")
    param = Param(str(raw["name"]), raw["type"], None if default is None else str(default), raw.get("description", ""))
    if param.default is not None:
        param.term(param.default)  # a bad default is the catalog's error, found when it loads
    return param


def catalog(directory: Path = CATALOG_DIR) -> dict[str, CatalogQuery]:
    """Every catalog query by name, in file-name order."""
    return {q.name: q for q in (parse(p) for p in sorted(directory.glob("*.rq")))}


def get(name: str, directory: Path = CATALOG_DIR) -> CatalogQuery:
    """One catalog query; an unknown name is an error listing the known ones."""
    path = directory / f"{name}.rq"
    if "/" in name or not path.is_file():
        known = ", ".join(catalog(directory))
        raise CatalogError(f"no catalog query named {name!r} (known: {known})")
    return parse(path)
