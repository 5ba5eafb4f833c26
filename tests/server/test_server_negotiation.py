"""Content negotiation follows q-values, then specificity, then the server's default."""

from __future__ import annotations

from medkg.server.negotiation import choose

RDF = ["text/html", "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]


def test_a_browser_gets_html_and_a_linked_data_client_gets_its_format() -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
    assert choose(browser, RDF) == "text/html"
    assert choose("application/ld+json", RDF) == "application/ld+json"
    assert choose("text/turtle;q=0.5, application/rdf+xml", RDF) == "application/rdf+xml"


def test_wildcards_and_missing_headers_fall_back_to_the_default_and_refusals_give_none() -> None:
    assert choose(None, RDF) == "text/html"
    assert choose("*/*", ["application/sparql-results+json", "text/csv"]) == "application/sparql-results+json"
    assert choose("text/*", ["application/sparql-results+json", "text/csv"]) == "text/csv"
    assert choose("image/png", RDF) is None
    assert choose("text/turtle;q=0", ["text/turtle"]) is None
