"""The pages in real headless Chromium: home, an entity, the editor, a catalog query run by clicking."""

from __future__ import annotations

import pytest
from browser import PageReport, open_page

pytestmark = pytest.mark.integration

MARKUP_LABEL = "<b>Acme</b> & <script>window.labelInjected=1</script> Lab"


def test_home_page_runs_a_catalog_query_with_one_click(server: str, chromium_context) -> None:  # type: ignore[no-untyped-def]
    report = PageReport()
    page, _ = open_page(chromium_context, server + "/", report)
    try:
        assert page.locator("h1").first.text_content() == "MedKG test dataset"
        form = page.locator("form.catalog-query[data-query='funders-of']")
        assert form.locator("input[name='cluster']").input_value() == "cluster-solaire"
        form.locator("button[type='submit']").click()
        page.wait_for_selector("table.results tbody tr", timeout=15_000)
        assert page.url.startswith(server + "/query?catalog=funders-of")
        headers = page.locator("table.results th").all_text_contents()
        row = dict(
            zip(headers, page.locator("table.results tbody tr").first.locator("td").all_text_contents(), strict=False)
        )
        assert (row["supporterName"], row["relation"], row["currency"]) == ("GIZ en", "funding", "EUR")
        assert row["amount"].startswith("250000")
        assert page.locator("table.results tbody tr").count() == 1
    finally:
        page.close()
    assert report.problems() == []


def test_entity_page_shows_a_markup_label_as_text_and_draws_its_map(server: str, chromium_context) -> None:  # type: ignore[no-untyped-def]
    report = PageReport()
    page, _ = open_page(chromium_context, server + "/page/id/acme-lab", report)
    try:
        assert page.locator("h1#title").text_content() == MARKUP_LABEL
        assert page.locator("td.label-text").first.text_content() == MARKUP_LABEL
        assert page.locator("main b").count() == 0
        assert page.evaluate("window.labelInjected") is None
        page.wait_for_selector("#map[data-ready='true'] canvas", timeout=10_000)
        partner = page.locator("a[href='/page/id/partnership-cluster-solaire-acme-lab-2021']").first
        assert partner.text_content() == "Partnership of Cluster Solaire and Acme Lab (2021)"
    finally:
        page.close()
    assert report.problems() == []


def test_query_editor_highlights_runs_and_tabulates(server: str, chromium_context) -> None:  # type: ignore[no-untyped-def]
    report = PageReport()
    page, _ = open_page(chromium_context, server + "/query", report)
    try:
        page.fill(
            "#query-text",
            'SELECT ?name # the countries\nWHERE { ?c <https://w3id.org/medkg/def/isoCode> "TN" ; '
            "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY LANG(?name)",
        )
        assert page.locator("#query-highlight .tok-keyword").first.text_content() == "SELECT"
        assert page.locator("#query-highlight .tok-comment").text_content() == "# the countries"
        assert page.locator("#query-highlight .tok-string").text_content() == '"TN"'
        page.click("#run-query")
        page.wait_for_selector("table.results tbody tr", timeout=15_000)
        cells = page.locator("table.results tbody td").all_text_contents()
        assert cells == ["Tunisia en", "Tunisie fr", "Tunisia it"]
        assert report.problems() == []
        # A refused query shows the server's message, not a table; Chromium logs the 403 itself.
        page.fill("#query-text", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        page.click("#run-query")
        page.wait_for_selector("#query-error:not([hidden])", timeout=15_000)
        assert "403 SERVICE is refused" in page.locator("#query-error").text_content()
        assert page.locator("table.results").count() == 0
    finally:
        page.close()
    assert report.problems() == [
        "console error: Failed to load resource: the server responded with a status of 403 (Forbidden)"
    ]


def test_catalog_results_show_markup_from_data_as_text(server: str, chromium_context) -> None:  # type: ignore[no-untyped-def]
    report = PageReport()
    page, _ = open_page(chromium_context, server + "/query?catalog=cross-border-partnerships", report)
    try:
        page.wait_for_selector("table.results tbody tr", timeout=15_000)
        assert MARKUP_LABEL in page.locator("table.results").text_content()
        assert page.locator("table.results b").count() == 0
        assert page.evaluate("window.labelInjected") is None
    finally:
        page.close()
    assert report.problems() == []
