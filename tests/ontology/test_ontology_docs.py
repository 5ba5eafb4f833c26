"""The documentation page documents every term, escapes what it shows, and links nothing external
but the term IRIs; the ontology files beside it hold the same triples."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from medkg.ontology import ontology_files
from medkg.ontology.docs import _graph, render_html, write_docs
from medkg.ontology.terms import MKG


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if values.get("href"):
            self.hrefs.append(values["href"])
        if values.get("src"):
            self.srcs.append(values["src"])


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_docs(tmp_path_factory.mktemp("ontology-docs"))


@pytest.fixture(scope="module")
def page(written: Path) -> tuple[str, _Page]:
    html = written.read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(html)
    return html, parser


def test_every_term_has_an_anchor_and_its_iri_on_the_page(page) -> None:
    html, parser = page
    for name in MKG.__annotations__:
        assert f"mkg-{name}" in parser.ids, name
        assert f"https://w3id.org/medkg/def/{name}" in html, name
        assert f'href="#mkg-{name}"' in html, f"{name} missing from the table of contents"


def test_the_header_gives_title_version_licence_and_namespace(page) -> None:
    html, _ = page
    assert "<h1>MedKG ontology</h1>" in html
    assert "0.1.0" in html and "https://creativecommons.org/licenses/by/4.0/" in html
    assert "https://w3id.org/medkg/def/" in html


def test_a_term_shows_its_labels_alignments_domain_range_and_definition(page) -> None:
    html, _ = page
    funding = html[html.index('id="mkg-Funding"') : html.index("</article>", html.index('id="mkg-Funding"'))]
    assert "Financement" in funding and "Finanziamento" in funding
    assert "schema:MonetaryGrant" in funding and "frapo:Funding" in funding
    holder = html[html.index('id="mkg-holder"') : html.index("</article>", html.index('id="mkg-holder"'))]
    assert "org:heldBy" in holder and 'href="#mkg-Post"' in holder and 'href="#mkg-Person"' in holder


def test_defined_classes_are_rendered_readably(page) -> None:
    html, _ = page
    assert "(mkg:Organization and mkg:funds some mkg:Funding)" in html
    assert "(mkg:Organization and mkg:selectedIn some mkg:Selection)" in html


def test_the_sector_scheme_lists_nace_notations_and_mappings(page) -> None:
    html, _ = page
    row = html[html.index('id="sector-cleantech"') : html.index("</tr>", html.index('id="sector-cleantech"'))]
    assert "<code>35.11</code>" in row
    assert 'href="http://data.europa.eu/ux2/nace2/3511"' in row
    assert "Energie rinnovabili e tecnologie pulite" in row


def test_no_external_resource_is_loaded(page) -> None:
    html, parser = page
    assert parser.srcs == []
    assert "<script" not in html and "<link" not in html
    assert not re.search(r"url\(|@import", html)


def test_labels_are_escaped() -> None:
    graph = _graph()
    graph.add((MKG.Funding, RDFS.label, Literal('<script>alert("x")</script>', lang="it")))
    html = render_html(graph)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


@pytest.mark.parametrize(("name", "fmt"), [("medkg.ttl", "turtle"), ("medkg.nt", "nt"), ("medkg.jsonld", "json-ld")])
def test_the_ontology_files_beside_the_page_hold_the_ontology_and_its_schemes(written: Path, name: str, fmt: str) -> None:
    expected = Graph()
    for path in ontology_files():
        expected.parse(path, format="turtle")
    written_graph = Graph().parse(written.parent / name, format=fmt)
    assert len(written_graph) == len(expected)
    assert (MKG.Funding, RDFS.label, Literal("Finanziamento", lang="it")) in written_graph
