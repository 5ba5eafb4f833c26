"""The catalog files themselves: headers that parse, parameters the queries can take, coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from medkg.queries import catalog as cat
from medkg.queries.run import LocalStore, QueryRefused, run_catalog

CATALOG = cat.catalog()
DATA_QUALITY = {"single-source-facts", "missing-country-or-sector", "flagged-values", "disagreements"}


def _projection(text: str) -> set[str]:
    select = re.search(r"\bSELECT\b(.*?)\bWHERE\b", text, re.S | re.I)
    assert select, "no SELECT ... WHERE"
    return set(re.findall(r"\?(\w+)", re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\bAS\b", "", select.group(1))))


def test_every_competency_question_has_a_query() -> None:
    answered = {q.question for q in CATALOG.values() if q.question}
    assert answered == {str(n) for n in range(1, 12)}


def test_the_data_quality_checks_are_in_the_catalog() -> None:
    assert set(CATALOG) >= DATA_QUALITY


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_each_header_says_what_the_query_answers_and_what_a_row_is(name: str) -> None:
    query = CATALOG[name]
    assert query.summary and query.description and query.row
    for param in query.params:
        assert param.description, f"{name}: parameter {param.name} has no description"


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_parameters_and_source_columns_are_projected(name: str) -> None:
    query = CATALOG[name]
    if "CONSTRUCT" in query.text:
        return
    projected = _projection(query.text)
    for param in query.params:
        assert param.name in projected, f"{name}: ?{param.name} must be projected to be substituted"
    if query.sources:
        assert {"source", "quotation", cat.WITH_SOURCES} <= projected
        assert "FILTER(?_withSources)" in query.text
    else:
        assert cat.WITH_SOURCES not in query.text


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_query_runs_on_an_empty_store_with_its_defaults(name: str) -> None:
    """Parses, binds its defaults and evaluates; the seed answers are checked elsewhere."""
    query = CATALOG[name]
    result = run_catalog(LocalStore(ox.Store()), query, with_sources=query.sources)
    assert getattr(result, "rows", getattr(result, "triples", None)) == []


def test_a_header_without_summary_is_an_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ description: no summary\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(cat.CatalogError, match=r"bad\.rq:1: the header needs at least a 'summary:'"):
        cat.parse(bad)


def test_a_malformed_header_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ summary: ok\n#+ params: [\n#+   - {name: x\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(cat.CatalogError, match=r"bad\.rq:\d+: malformed header"):
        cat.parse(bad)


def test_an_unknown_parameter_type_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ summary: ok\n#+ params:\n#+   - {name: x, type: colour}\nSELECT ?x WHERE { ?x ?p ?o }\n")
    with pytest.raises(cat.CatalogError, match="parameter x: unknown type 'colour'"):
        cat.parse(bad)


def test_unknown_and_malformed_parameter_values_are_refused_before_running() -> None:
    query = CATALOG["clusters"]
    with pytest.raises(cat.CatalogError, match="has no parameter colour"):
        query.bindings({"colour": "red"})
    with pytest.raises(cat.CatalogError, match="country='Morocco': expected an ISO 3166-1 alpha-2 code"):
        query.bindings({"country": "Morocco"})
    with pytest.raises(cat.CatalogError, match="sector='x\" } ; DROP ALL ; #': not a sector identifier"):
        CATALOG["open-calls"].bindings({"sector": 'x" } ; DROP ALL ; #'})
    with pytest.raises(cat.CatalogError, match="no catalog query named 'nope'"):
        cat.get("nope")
    with pytest.raises(cat.CatalogError, match="no sources to add"):
        CATALOG["sector-coverage"].bindings({}, with_sources=True)


def test_an_identifier_that_is_not_a_slug_stays_one_harmless_iri() -> None:
    term = CATALOG["funders-of"].bindings({"cluster": 'x" } ; DROP ALL ; #'})["cluster"]
    assert term == ox.NamedNode("https://w3id.org/medkg/id/x%22%20%7D%20%3B%20DROP%20ALL%20%3B%20%23")


def test_a_query_that_does_not_project_its_parameter_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hidden.rq"
    path.write_text("#+ summary: s\n#+ params:\n#+   - {name: x, type: string, default: a}\nSELECT ?s WHERE { ?s ?p ?x }\n")
    with pytest.raises(QueryRefused, match="store refused the query"):
        run_catalog(LocalStore(ox.Store()), cat.parse(path))
