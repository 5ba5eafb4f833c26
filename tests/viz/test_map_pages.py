"""Map pages as files: self-contained, escaped, laid out in Python; and the `medkg map` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from medkg.analysis.projection import project
from medkg.cli import app
from medkg.viz import maps
from medkg.viz.build import draw_maps
from medkg.viz.render import VIS_VERSION, _asset, render, script_json

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def markup_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    store = ox.Store()
    store.load(path=str(FIXTURES / "markup.trig"), format=ox.RdfFormat.TRIG)
    out = tmp_path_factory.mktemp("pages")
    return {w.path.stem: w.path.read_text(encoding="utf-8") for w in draw_maps(project(store), out, focus=["evil-cluster"])}


def test_script_json_cannot_close_its_script_element() -> None:
    text = script_json({"label": "</script><script>alert(1)</script> & <!--", "line": "a\u2028b"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"label": "</script><script>alert(1)</script> & <!--", "line": "a\u2028b"}


def test_pages_load_nothing_from_elsewhere(markup_pages: dict[str, str]) -> None:
    for name, page in markup_pages.items():
        assert not re.search(r"""<(script|link|img|iframe)[^>]*\b(src|href)\s*=""", page, re.I), name
        assert "default-src 'none'" in page  # the page's own policy forbids fetching anything
        assert "bootstrap" not in page.lower() and "tom-select" not in page.lower()


def test_markup_from_data_is_escaped_in_the_html(markup_pages: dict[str, str]) -> None:
    page = markup_pages["ego-evil-cluster"]
    # exactly the page's three script elements: the data block, vis-network and the page script
    ours = page.replace(_asset("pyvis", f"lib/{VIS_VERSION}/vis-network.min.js"), "")  # the library's own strings aside
    assert len(re.findall(r"<script\b", ours)) == 3
    assert "<script>window.__pwned" not in page
    assert "<h1>&lt;script&gt;window.__pwned = &#39;label&#39;&lt;/script&gt;Evil Cluster and its neighbours" in page
    assert '<option value="MA">Morocco &lt;b&gt;bold&lt;/b&gt;</option>' in page


def test_large_maps_are_laid_out_by_community_without_edge_labels() -> None:
    g = nx.connected_caveman_graph(40, 10)  # 400 nodes in 40 tight groups
    pos = maps.layout(g, seed=1)
    assert len(pos) == 400 and pos == maps.layout(g, seed=1)
    # members of one cave sit closer to each other than to the members of a distant cave
    d = lambda a, b: ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5  # noqa: E731
    assert max(d(0, v) for v in range(1, 10)) < min(d(0, v) for v in range(200, 210))


def test_map_command_writes_the_three_maps_and_names_an_unknown_focus(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    result = runner.invoke(app, ["map", "--dist", str(built.out_dir), "--out", str(tmp_path),
                                 "--focus", "Menara", "--depth", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["ecosystem.html", "ego-cluster-menara.html", "funding-flows.html"]
    ego = (tmp_path / "ego-cluster-menara.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', ego, re.S).group(1))
    # one step from Menara: the voucher it was selected for (document 004), and nothing else
    assert sorted(n["key"] for n in data["nodes"]) == ["cluster-menara", "scale-up-voucher"]
    result = runner.invoke(app, ["map", "--dist", str(built.out_dir), "--out", str(tmp_path), "--focus", "Atlantis"])
    assert result.exit_code == 1
    assert "map failed: no actor or programme is called 'Atlantis'" in result.output


def test_render_is_deterministic(built) -> None:  # type: ignore[no-untyped-def]
    p = project(built.store)
    from medkg.analysis.measures import centrality

    measures = centrality(maps.actor_graph(p)).values
    assert render(maps.funding_map(p, measures)) == render(maps.funding_map(p, measures))
