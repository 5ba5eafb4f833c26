"""Dereferenceable URIs, documents per format, pages, the VoID description and the dumps, over HTTP."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.integration

ID = "https://w3id.org/medkg/id/"
DEF = "https://w3id.org/medkg/def/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
FORMATS = {
    "text/turtle": ("ttl", ox.RdfFormat.TURTLE),
    "application/ld+json": ("jsonld", ox.RdfFormat.JSON_LD),
    "application/n-triples": ("nt", ox.RdfFormat.N_TRIPLES),
    "application/rdf+xml": ("rdf", ox.RdfFormat.RDF_XML),
}


def triples(response: httpx.Response, fmt: ox.RdfFormat) -> set[tuple[str, str, str]]:
    return {
        (q.subject.value, q.predicate.value, str(q.object)) for q in ox.parse(response.content, format=fmt)
    }


@pytest.mark.parametrize("path", ["/id/cluster-solaire", "/def/Cluster", "/def/funder"])
@pytest.mark.parametrize("accept", ["text/html", *FORMATS])
def test_resources_redirect_to_the_document_for_the_format_asked(server: str, path: str, accept: str) -> None:
    response = httpx.get(server + path, headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["vary"] == "Accept"
    expected = f"/page{path}" if accept == "text/html" else f"/data{path}.{FORMATS[accept][0]}"
    assert response.headers["location"] == expected
    links = response.headers["link"]
    for media, (extension, _) in FORMATS.items():
        assert f'</data{path}.{extension}>; rel="alternate"; type="{media}"' in links
    assert f'</page{path}>; rel="alternate"; type="text/html"' in links
    document = httpx.get(server + expected)
    assert document.status_code == 200
    assert document.headers["content-type"].split(";")[0] == accept


def test_a_browser_accept_header_gets_the_page(server: str) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = httpx.get(f"{server}/id/giz", headers={"Accept": browser}, follow_redirects=True)
    assert response.url.path == "/page/id/giz"
    assert '<h1 id="title">GIZ</h1>' in response.text


@pytest.mark.parametrize("media", list(FORMATS))
def test_the_entity_document_parses_and_holds_its_facts(server: str, media: str) -> None:
    response = httpx.get(f"{server}/id/cluster-solaire", headers={"Accept": media}, follow_redirects=True)
    found = triples(response, FORMATS[media][1])
    cluster = ID + "cluster-solaire"
    assert (cluster, RDFS_LABEL, '"Cluster Solare"@it') in found
    assert (cluster, DEF + "country", f"<{ID}country/MA>") in found
    assert (cluster, DEF + "sector", f"<{DEF}sector/cleantech>") in found
    # Incoming links: the funding it received and the partnership it is in.
    assert (ID + "funding-giz-cluster-solaire-2019", DEF + "recipient", f"<{cluster}>") in found
    assert (ID + "partnership-cluster-solaire-acme-lab-2021", DEF + "partner", f"<{cluster}>") in found


def test_a_fact_document_holds_its_quotation_source_and_amount(server: str) -> None:
    response = httpx.get(f"{server}/data/id/funding-giz-cluster-solaire-2019.ttl")
    found = triples(response, ox.RdfFormat.TURTLE)
    fact = ID + "funding-giz-cluster-solaire-2019"
    assert (
        fact,
        DEF + "quotation",
        '"GIZ granted Cluster Solaire 250,000 euros in 2019 to train its members."@en',
    ) in found
    assert (fact, DEF + "source", "<https://w3id.org/medkg/source/solar-news-2019>") in found
    assert (fact + "/amount", DEF + "value", '"250000"^^<http://www.w3.org/2001/XMLSchema#decimal>') in found
    assert (fact + "/amount", DEF + "currency", '"EUR"') in found


def test_class_and_property_documents_come_from_the_ontology(server: str) -> None:
    cluster = triples(httpx.get(f"{server}/data/def/Cluster.nt"), ox.RdfFormat.N_TRIPLES)
    assert (
        DEF + "Cluster",
        "http://www.w3.org/2000/01/rdf-schema#subClassOf",
        f"<{DEF}Organization>",
    ) in cluster
    assert (DEF + "Cluster", RDFS_LABEL, '"Cluster"@en') in cluster
    assert (
        ID + "cluster-solaire",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        f"<{DEF}Cluster>",
    ) in cluster
    funder = triples(httpx.get(f"{server}/data/def/funder.ttl"), ox.RdfFormat.TURTLE)
    assert (
        DEF + "funder",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "<http://www.w3.org/2002/07/owl#ObjectProperty>",
    ) in funder


@pytest.mark.parametrize(
    "path",
    ["/id/no-such-thing", "/id/a%3Eb", "/page/id/no-such-thing", "/data/id/cluster-solaire.exe", "/id/"],
)
def test_unknown_or_unsafe_resources_are_404(server: str, path: str) -> None:
    assert httpx.get(server + path, headers={"Accept": "text/turtle"}).status_code == 404


def test_a_resource_in_no_acceptable_format_is_406(server: str) -> None:
    response = httpx.get(f"{server}/id/giz", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.headers["vary"] == "Accept"


def test_entity_page_shows_labels_in_every_language_facts_quotations_and_sources(server: str) -> None:
    page = httpx.get(f"{server}/page/id/cluster-solaire").text
    for language, name in (
        ("en", "Cluster Solaire"),
        ("fr", "Cluster Solaire"),
        ("it", "Cluster Solare"),
        ("fr", "CS"),
    ):
        assert f'<span class="lang">{language}</span></td><td class="label-text">{name}</td>' in page
    assert "GIZ granted Cluster Solaire 250,000 euros in 2019 to train its members." in page
    assert "Cluster Solaire et Acme Lab ont signé une convention de partenariat le 4 mars 2021." in page
    assert '<a href="/page/source/solar-news-2019"' in page
    assert '<a href="/page/id/funding-giz-cluster-solaire-2019"' in page  # incoming relation, linked
    assert '<script type="application/json" id="map-data">' in page
    assert page.count('<script src="/static/') == 2  # vis-network and the map, both from this server


def test_markup_in_data_is_escaped_everywhere_on_the_page(server: str) -> None:
    page = httpx.get(f"{server}/page/id/acme-lab").text
    assert "<b>Acme</b>" not in page and "<script>window" not in page
    assert "&lt;b&gt;Acme&lt;/b&gt; &amp; &lt;script&gt;window.labelInjected=1&lt;/script&gt; Lab" in page
    assert "\\u003cscript\\u003ewindow.labelInjected=1\\u003c/script\\u003e" in page  # in the map's JSON


def test_class_property_and_source_pages(server: str) -> None:
    cluster = httpx.get(f"{server}/page/def/Cluster").text
    assert "1 instance in the dataset." in cluster and "Cluster Solaire" in cluster
    funder = httpx.get(f"{server}/page/def/funder").text
    assert "Used in 1 statement." in funder
    source = httpx.get(f"{server}/page/source/solar-news-2019").text
    assert '<h1 id="title">Cluster Solaire receives German support</h1>' in source
    assert "GIZ granted Cluster Solaire 250,000 euros in 2019 to train its members." in source


def test_void_is_served_by_negotiation(server: str) -> None:
    response = httpx.get(f"{server}/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    dataset = "https://w3id.org/medkg/dataset"
    assert (
        dataset,
        "http://rdfs.org/ns/void#triples",
        '"67"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ) in triples(response, ox.RdfFormat.TURTLE)
    jsonld = httpx.get(f"{server}/.well-known/void", headers={"Accept": "application/ld+json"})
    assert (dataset, "http://purl.org/dc/terms/title", '"MedKG test dataset"@en') in triples(
        jsonld, ox.RdfFormat.JSON_LD
    )
    html = httpx.get(f"{server}/.well-known/void", headers={"Accept": "text/html"})
    assert (html.status_code, html.headers["location"]) == (303, "/#dataset")


def test_home_page_shows_the_statistics_documents_and_catalog(server: str) -> None:
    page = httpx.get(server + "/").text
    assert "<dt>triples</dt><dd>67</dd>" in page
    assert (
        '<a href="/page/source/lab-convention-2021">Convention entre Cluster Solaire et Acme Lab</a>' in page
    )
    assert '<a href="/dumps/medkg.trig">medkg.trig</a>' in page


def test_dumps_are_downloadable_by_name_only(server: str) -> None:
    trig = httpx.get(f"{server}/dumps/medkg.trig")
    assert trig.headers["content-type"].startswith("application/trig")
    graphs = {q.graph_name.value for q in ox.parse(trig.content, format=ox.RdfFormat.TRIG)}
    assert "https://w3id.org/medkg/graph/lab-convention-2021" in graphs
    for path in (
        "/dumps/..%2Fvoid.ttl",
        "/dumps/pyproject.toml",
        "/static/..%2F..%2Fapp.py",
        "/dumps/medkg.jsonld",
    ):
        assert httpx.get(server + path).status_code == 404, path


def test_pages_forbid_outside_scripts_and_styles(server: str) -> None:
    policy = httpx.get(f"{server}/page/id/giz").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy


def test_a_catalog_parameter_of_the_wrong_type_is_a_400_naming_it(server: str) -> None:
    response = httpx.get(f"{server}/query", params={"catalog": "clusters", "country": "Morocco"})
    assert response.status_code == 400
    assert "parameter country=&#39;Morocco&#39;: expected an ISO 3166-1 alpha-2 code" in response.text


def test_an_injection_through_a_catalog_parameter_is_a_harmless_value(server: str) -> None:
    import html
    import re

    page = httpx.get(f"{server}/query", params={"catalog": "funders-of", "cluster": 'x" } ; DROP ALL ; #'})
    text = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page.text, re.S).group(1))  # type: ignore[union-attr]
    response = httpx.post(f"{server}/sparql", data={"query": text})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"] == []
