"""``medkg build`` on the curated seed sources: dumps that any RDF tool reads, built the same way twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from medkg.graph.build import build

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
SEED_FILES = {
    "000_b849c5ac1eaad6ef.txt",
    "001_f1dd22001a9a0798.txt",
    "002_bd7f8a228a7f258e.txt",
    "003_6cedd94e058f4861.txt",
    "004_ceba148d719ceefb.txt",
}
MKG = "https://w3id.org/medkg/def/"


def test_one_named_graph_per_seed_document(built) -> None:
    rows = built.store.query(
        f"""SELECT ?g ?file WHERE {{ GRAPH ?g {{ ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc .
              ?doc a <{MKG}SourceDocument> ; <http://purl.org/dc/terms/identifier> ?file }} }}"""
    )
    files = {row["file"].value: row["g"].value for row in rows}
    assert set(files) == SEED_FILES
    assert all(g.startswith("https://w3id.org/medkg/graph/") for g in files.values())


def test_dumps_parse_with_rdflib_and_pyoxigraph(built) -> None:
    out = built.out_dir
    n_quads = len(built.store)
    trig = rdflib.Dataset()
    trig.parse(out / "medkg.trig", format="trig")
    assert sum(len(g) for g in trig.graphs()) == n_quads
    nq = ox.Store()
    nq.load(path=str(out / "medkg.nq"), format=ox.RdfFormat.N_QUADS)
    assert len(nq) == n_quads
    jsonld = ox.Store()
    jsonld.load(path=str(out / "medkg.jsonld"), format=ox.RdfFormat.JSON_LD)
    assert len(jsonld) == n_quads
    union = rdflib.Graph().parse(out / "medkg.ttl", format="turtle")
    assert len(union) == len({q.triple for q in built.store})
    graphs = {str(g.identifier) for g in trig.graphs()}
    assert {"https://w3id.org/medkg/graph/ontology", "https://w3id.org/medkg/graph/reference"} <= graphs


def test_void_counts_what_the_dumps_hold(built) -> None:
    void = rdflib.Graph().parse(built.out_dir / "void.ttl", format="turtle")
    dataset = rdflib.URIRef("https://w3id.org/medkg/dataset")
    V = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert int(void.value(dataset, V.triples)) == len(built.store)
    assert str(void.value(dataset, rdflib.DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    clusters = [p for p in void.objects(dataset, V.classPartition) if str(void.value(p, V["class"])) == MKG + "Cluster"]
    assert len(clusters) == 1
    n_clusters = int(void.value(clusters[0], V.entities))
    expected = len(
        list(built.store.query(f"SELECT DISTINCT ?c WHERE {{ ?c a <{MKG}Cluster> }}", use_default_graph_as_union=True))
    )
    assert n_clusters == expected and n_clusters >= 7
    subsets = {str(s) for s in void.objects(dataset, V.subset)}
    assert len(subsets) == len(SEED_FILES) + 3  # the sources, reference, ontology, inferred


def test_two_builds_give_identical_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build(SOURCES, tmp_path / "one").out_dir
    second = build(SOURCES, tmp_path / "two").out_dir
    names = sorted(p.name for p in first.iterdir())
    assert names == ["medkg.jsonld", "medkg.nq", "medkg.trig", "medkg.ttl", "void.ttl"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert "2023-11-14" in (first / "void.ttl").read_text()


def test_persistent_store_holds_the_dataset(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    result = build(SOURCES, tmp_path / "dist", store_path=store_path)
    n = len(result.store)
    del result
    reopened = ox.Store(str(store_path))
    assert len(reopened) == n


def test_cli_build_and_validate(tmp_path: Path) -> None:
    medkg = [sys.executable, "-m", "medkg.cli"]
    done = subprocess.run([*medkg, "validate", "--sources", str(SOURCES)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "5 sources valid" in done.stdout
    done = subprocess.run(
        [*medkg, "build", "--sources", str(SOURCES), "--out", str(tmp_path / "dist")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Entities per class:" in done.stdout and "mkg:Cluster" in done.stdout
    assert "validate done" in done.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("document: {id: x, file: x.txt, title: X, language: en, curated: 2026-01-01}\nfacts: [{id: f, type: Gift}]\n")
    done = subprocess.run([*medkg, "build", "--sources", str(bad), "--out", str(tmp_path / "dist")], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert f"{bad / 'x.yaml'}:2:" in done.stderr and "Gift" in done.stderr
