"""Writing a map as one self-contained HTML page that opens offline.

pyvis renders its template without autoescaping and links Bootstrap from a CDN even with
``cdn_resources="in_line"``, so MedKG uses its own small template (Jinja2 with autoescape on) and
only borrows the vis-network library that the pyvis package ships, inlined into the page. Data
reaches the page as one JSON block in which ``<``, ``>`` and ``&`` are escaped, so no name can
close the script element; the page's script then puts names on the canvas or into
``textContent``, never into HTML.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from medkg.viz import style
from medkg.viz.maps import MapData

VIS_VERSION = "vis-9.1.2"


@functools.cache
def _asset(package: str, name: str) -> str:
    text = (resources.files(package) / name).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("medkg.viz", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("map.html.j2")


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' outside escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def render(data: MapData) -> str:
    """The page for ``data``, with vis-network and the page's own script and style inlined."""
    sectors = sorted({s for n in data.nodes for s in n["sectors"]})
    return _template().render(
        title=data.title, description=data.description, legend=data.legend, sectors=sectors,
        node_count=len(data.nodes), edge_count=len(data.edges), no_country=style.NO_COUNTRY,
        data_json=script_json(data.as_json()),
        vis_js=_asset("pyvis", f"lib/{VIS_VERSION}/vis-network.min.js"),
        vis_css=_asset("pyvis", f"lib/{VIS_VERSION}/vis-network.css"),
        map_js=_asset("medkg.viz", "assets/map.js"), map_css=_asset("medkg.viz", "assets/map.css"),
    )


def write_map(data: MapData, out_dir: Path) -> Path:
    """Write ``{out_dir}/{data.name}.html`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{data.name}.html"
    path.write_text(render(data), encoding="utf-8")
    return path
