"""The maps opened in real headless Chromium: offline, error-free, complete, searchable, inert markup."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from browser import open_page, wait_for

from medkg.analysis.projection import Projection, project
from medkg.viz.build import draw_maps

pytestmark = pytest.mark.integration
FIXTURES = Path(__file__).parent / "fixtures"
READY = "window.medkgMap !== undefined && window.medkgMap.ready === true"


def _open(context, path: Path):  # type: ignore[no-untyped-def]
    page, report = open_page(context, path.as_uri())
    wait_for(page, READY)
    return page, report


def _drawn(page) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """Nodes and edges in the vis DataSets and in the network vis actually drew."""
    return tuple(page.evaluate(
        "[medkgMap.nodes.length, medkgMap.edges.length,"
        " medkgMap.network.body.nodeIndices.length, medkgMap.network.body.edgeIndices.length]"))


def _keys(page) -> set[str]:  # type: ignore[no-untyped-def]
    return set(page.evaluate("medkgMap.data.nodes.map(n => n.key)"))


def test_ecosystem_map_draws_every_actor_and_relation_offline(chromium_context, seed_maps, seed_projection: Projection,
                                                              tmp_path: Path) -> None:
    graph = seed_projection.graph
    actors = {v for v, d in graph.nodes(data=True) if d["category"] not in ("country", "sector")}
    relations = [e for e in graph.edges if e[0] in actors and e[1] in actors]
    page, report = _open(chromium_context, seed_maps["ecosystem"])
    assert _drawn(page) == (len(actors), len(relations), len(actors), len(relations))
    assert {"cluster-menara", "cluster-solaire", "berytech", "eu", "the-next-society"} <= _keys(page)
    assert page.inner_text("h1") == "The Mediterranean cluster ecosystem"
    page.screenshot(path=str(tmp_path / "ecosystem.png"))
    page.close()
    assert report.problems() == []


def test_funding_flows_map_runs_from_funders_through_programmes_to_clusters(chromium_context, seed_maps, tmp_path: Path) -> None:
    page, report = _open(chromium_context, seed_maps["funding-flows"])
    labels = set(page.evaluate("medkgMap.data.nodes.map(n => n.label)"))
    # EU -> THE NEXT SOCIETY -> Scale-up voucher (run by Berytech with Anima) -> its six clusters (document 004);
    # Fondation Drosos -> Cluster solaire, and SFI -> Green Business Booster -> Cluster solaire (document 002).
    assert labels == {
        "EU", "THE NEXT SOCIETY", "Scale-up voucher for Clusters", "Berytech", "Anima Investment Network",
        "CE3M", "Cluster Menara", "Cluster Textile Technique du Sahel 2TS", "MDFC", "Qoot", "Valbiom",
        "Fondation Drosos", "SFI", "Green Business Booster", "Cluster solaire",
    }
    # six selections, EU funding, part-of, Berytech's launch/management/partnership/participation, Anima's
    # partnership, Drosos's funding, SFI's support and Cluster solaire's launch of its programme
    assert _drawn(page) == (15, 16, 15, 16)
    x = page.evaluate("Object.fromEntries(medkgMap.data.nodes.map(n => [n.key, n.x]))")
    assert x["eu"] < x["the-next-society"] < x["berytech"] < x["cluster-menara"]
    page.screenshot(path=str(tmp_path / "funding-flows.png"))
    page.close()
    assert report.problems() == []


def test_ego_map_holds_the_neighbourhood_and_the_filter_finds_a_cluster(chromium_context, seed_maps,
                                                                         seed_projection: Projection, tmp_path: Path) -> None:
    import networkx as nx

    from medkg.viz.maps import actor_graph

    ego = nx.ego_graph(actor_graph(seed_projection), "cluster-solaire", radius=2)
    expected_edges = [e for e in seed_projection.graph.edges if e[0] in ego and e[1] in ego]
    page, report = _open(chromium_context, seed_maps["ego-cluster-solaire"])
    assert _drawn(page) == (len(ego), len(expected_edges), len(ego), len(expected_edges))
    assert {"fondation-drosos", "sfi", "world-bank", "giz", "mic"} <= _keys(page)

    page.fill("#filter", "drosos")
    first = page.locator("#results button").first
    assert first.inner_text().startswith("Fondation Drosos")
    first.click()
    selected = page.evaluate("medkgMap.network.getSelectedNodes().map(id => medkgMap.data.nodes[id].key)")
    assert selected == ["fondation-drosos"]
    assert page.inner_text("#details-title") == "Fondation Drosos"
    page.screenshot(path=str(tmp_path / "ego-cluster-solaire.png"))
    page.close()
    assert report.problems() == []


def test_filter_finds_a_named_cluster_a_country_and_a_sector(chromium_context, seed_maps) -> None:
    page, report = _open(chromium_context, seed_maps["ecosystem"])
    page.fill("#filter", "menara")
    buttons = page.locator("#results button").all_inner_texts()
    assert buttons == ["Cluster Menara · Cluster · MA"]
    page.locator("#results button").first.click()
    assert page.evaluate("medkgMap.network.getSelectedNodes().map(id => medkgMap.data.nodes[id].key)") == ["cluster-menara"]

    page.fill("#filter", "Lebanon")
    country = page.locator("#results button", has_text="Country: Lebanon")
    country.click()
    # Berytech and Qoot are the Lebanese actors of document 004
    lebanese = page.evaluate("medkgMap.network.getSelectedNodes().map(id => medkgMap.data.nodes[id].key).sort()")
    assert lebanese == ["berytech", "qoot"]

    page.select_option("#sector-filter", "Agri-food")
    agri = page.evaluate("medkgMap.network.getSelectedNodes().map(id => medkgMap.data.nodes[id].key).sort()")
    assert {"cluster-menara", "qoot"} <= set(agri)
    page.close()
    assert report.problems() == []


@pytest.fixture(scope="module")
def markup_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    store = ox.Store()
    store.load(path=str(FIXTURES / "markup.trig"), format=ox.RdfFormat.TRIG)
    out = tmp_path_factory.mktemp("markup-maps")
    written = draw_maps(project(store), out, focus=["evil-cluster"], depth=1)
    return {w.path.stem: w.path for w in written}


@pytest.mark.parametrize("name", ["ecosystem", "funding-flows", "ego-evil-cluster"])
def test_markup_in_names_shows_as_text_and_runs_nothing(chromium_context, markup_maps, name: str, tmp_path: Path) -> None:
    page, report = _open(chromium_context, markup_maps[name])
    assert page.evaluate("window.__pwned") is None
    cluster = page.evaluate("medkgMap.data.nodes.find(n => n.key === 'evil-cluster').id")
    title = page.evaluate(f"""(() => {{ const t = medkgMap.nodes.get({cluster}).title;
        return [t.textContent, t.querySelectorAll('script, img, b, i').length]; }})()""")
    assert title[0].startswith("<script>window.__pwned = 'label'</script>Evil Cluster")
    assert title[1] == 0

    page.fill("#filter", "evil cluster")
    button = page.locator("#results button").first
    assert button.inner_text().startswith("<script>window.__pwned = 'label'</script>Evil Cluster")
    button.click()
    details = page.inner_text("#details")
    assert "<img src=x onerror=\"window.__pwned = 'alt'\">" in details  # the alternative name, as text
    assert "</script><script>window.__pwned = 'title'</script>" in details  # the source's title, as text
    if name == "ego-evil-cluster":
        assert page.inner_text("h1").startswith("<script>window.__pwned = 'label'</script>Evil Cluster")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(tmp_path / f"markup-{name}.png"))
    page.close()
    assert report.problems() == []
