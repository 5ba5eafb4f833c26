"""`medkg analyze` on the seed data: the report, the CSV files and the measures' RDF named graph."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from medkg import namespaces as ns
from medkg.analysis.analyse import analyse
from medkg.analysis.measures import Settings
from medkg.analysis.projection import project, undirected
from medkg.analysis.rdf import quads
from medkg.analysis.report import render
from medkg.cli import app

SCHEMA = "https://schema.org/"
PREFIXES = f"PREFIX schema: <{SCHEMA}>\nPREFIX prov: <http://www.w3.org/ns/prov#>\nPREFIX dct: <http://purl.org/dc/terms/>\n" \
           "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="module")
def analysed(built, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("analysis")
    result = CliRunner().invoke(app, ["analyze", "--dist", str(built.out_dir), "--out", str(out),
                                      "--chain", "Cluster Menara|EU"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Analysed ")
    return out


@pytest.fixture(scope="module")
def analysis_store(analysed: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(analysed / "analysis.trig"), format=ox.RdfFormat.TRIG)
    return store


def _measure(store: ox.Store, entity: str, name: str) -> ox.Literal:
    (row,) = list(store.query(PREFIXES + f"""SELECT ?v WHERE {{ GRAPH <{ns.graph_iri('analysis')}> {{
        ?m schema:about <{ns.entity_iri(entity)}> ; schema:propertyID "{name}" ; schema:value ?v }} }}"""))
    return row["v"]


def test_rdf_graph_holds_the_measures_of_the_projection(built, analysis_store: ox.Store) -> None:  # type: ignore[no-untyped-def]
    simple = undirected(project(built.store).graph)
    simple.remove_nodes_from([v for v, d in list(simple.nodes(data=True)) if d["category"] in ("country", "sector")])
    expected = nx.betweenness_centrality(simple)["cluster-solaire"]
    value = _measure(analysis_store, "cluster-solaire", "betweenness")
    assert value.datatype.value.endswith("#double")
    assert float(value.value) == pytest.approx(expected)
    # Cluster solaire's distinct neighbours: its funder, partners, programmes, posts and the call it was selected in
    assert int(_measure(analysis_store, "cluster-solaire", "degree").value) == simple.degree("cluster-solaire")
    assert {"fondation-drosos", "mitc", "world-bank", "amee", "amisole", "rachid-bayed"} <= set(simple["cluster-solaire"])
    # the EU's money reaches the six clusters of the Scale-up voucher
    assert int(_measure(analysis_store, "eu", "clusters_reached").value) == 6
    assert ns.entity_iri("cluster-solaire") + "/measure/betweenness" in {
        r["m"].value for r in analysis_store.query(PREFIXES + 'SELECT ?m WHERE { GRAPH ?g { ?m schema:propertyID "betweenness" } }')}


def test_rdf_graph_records_the_run_and_its_methods(analysis_store: ox.Store) -> None:
    (run,) = list(analysis_store.query(PREFIXES + f"""SELECT ?start ?end ?created WHERE {{ GRAPH <{ns.graph_iri('analysis')}> {{
        <{ns.graph_iri('analysis')}> prov:wasGeneratedBy ?a ; dct:created ?created ; prov:wasDerivedFrom <{ns.dataset_iri()}> .
        ?a a prov:Activity ; prov:startedAtTime ?start ; prov:endedAtTime ?end ; prov:used <{ns.dataset_iri()}> }} }}"""))
    assert run["start"].value <= run["end"].value
    (issued,) = list(analysis_store.query(PREFIXES + f"SELECT ?d WHERE {{ GRAPH ?g {{ <{ns.dataset_iri()}> dct:issued ?d }} }}"))
    assert issued["d"].datatype.value.endswith("#date")  # the build date void.ttl states
    (method,) = list(analysis_store.query(PREFIXES + """SELECT ?d WHERE { GRAPH ?g {
        ?m schema:propertyID "betweenness" ; schema:measurementTechnique ?plan . ?plan dct:description ?d } } LIMIT 1"""))
    assert method["d"].value == "exact Brandes betweenness, normalised"
    assert not any(isinstance(t, ox.BlankNode) for q in analysis_store for t in (q.subject, q.object))


def test_measures_can_be_queried_beside_the_data(built, analysed: Path) -> None:  # type: ignore[no-untyped-def]
    store = ox.Store()
    store.bulk_load(path=str(built.out_dir / "medkg.nq"), format=ox.RdfFormat.N_QUADS)
    store.load(path=str(analysed / "analysis.trig"), format=ox.RdfFormat.TRIG)
    rows = list(store.query(PREFIXES + f"""SELECT ?name WHERE {{
        ?c a <{ns.DEF}Cluster> ; rdfs:label ?name .
        ?m schema:about ?c ; schema:propertyID "pagerank" ; schema:value ?pr }} ORDER BY DESC(?pr) LIMIT 1""",
        use_default_graph_as_union=True))
    assert rows[0]["name"].value == "Cluster solaire"


def test_report_states_the_findings_in_sentences(analysed: Path) -> None:
    report = (analysed / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# How the Mediterranean cluster ecosystem is connected")
    assert ("Cluster Menara is connected to EU in 3 steps: Cluster Menara is selected for Scale-up voucher for "
            "Clusters; Scale-up voucher for Clusters is part of THE NEXT SOCIETY; EU funds THE NEXT SOCIETY "
            "(up to 90% co-funding).") in report
    assert "EU reaches the most clusters: 6 (CE3M, Cluster Textile Technique du Sahel 2TS, Cluster Menara, MDFC, " \
           "Qoot, Valbiom), through Anima Investment Network, Berytech." in report
    assert "- TN has no cluster in: agri-food, cleantech, cosmetics, electronics, waste-biomass." in report
    assert "exact Brandes betweenness" in report


def test_csv_files_agree_with_the_rdf(analysed: Path, analysis_store: ox.Store) -> None:
    with (analysed / "centrality.csv").open(encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows["cluster-solaire"]["label"] == "Cluster solaire"
    assert rows["cluster-solaire"]["uri"] == ns.entity_iri("cluster-solaire")
    assert float(rows["cluster-solaire"]["pagerank"]) == pytest.approx(
        float(_measure(analysis_store, "cluster-solaire", "pagerank").value), abs=1e-6)
    with (analysed / "funder_reach.csv").open(encoding="utf-8") as f:
        reach = [(r["funder"], r["cluster"], r["hops"], r["intermediaries"]) for r in csv.DictReader(f)]
    assert ("eu", "cluster-menara", "3", "Anima Investment Network; Berytech") in reach
    assert ("fondation-drosos", "cluster-solaire", "1", "") in reach
    expected = {"centrality", "brokers", "bridges", "communities", "funder_reach", "chains", "sector_coverage", "sector_gaps"}
    assert {p.stem for p in analysed.glob("*.csv")} == expected


def test_sampled_measures_are_stated_in_report_and_graph(built) -> None:  # type: ignore[no-untyped-def]
    a = analyse(project(built.store), Settings(approximate_above=10, betweenness_samples=8))
    assert a.centrality.sample_size == 8
    assert "betweenness was estimated from a sample of 8 source nodes (seed 42)" in render(a)
    sizes = [q.object.value for q in quads(a) if q.predicate.value == SCHEMA + "sampleSize"]
    assert sizes == ["8"]


def test_analyze_names_a_missing_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["analyze", "--dist", str(tmp_path)])
    assert result.exit_code == 1
    assert f"no dataset at {tmp_path}/medkg.nq: run `medkg build` first" in result.output
