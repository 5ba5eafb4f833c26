"""The notebook API: load once, run catalog queries by name with keyword parameters, get dicts."""

from __future__ import annotations

import datetime as dt

import pytest

from medkg.queries import api


def test_run_returns_plain_rows(built) -> None:  # type: ignore[no-untyped-def]
    api.load(built.out_dir)
    rows = api.run("posts", organization="cluster-solaire")
    assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
    assert {(r["name"], r["title"], r.get("start")) for r in rows} == {
        ("Rachid Bayed", "secrétaire permanent", dt.date(2019, 12, 23)),
        ("Fatima Zahra El Khalifa", "Directrice générale", None),
    }
    assert rows.columns[:3] == ["person", "name", "title"]


def test_run_on_a_given_dataset_with_sources(built) -> None:  # type: ignore[no-untyped-def]
    rows = api.run("funders-of", dataset=built.store, cluster="cluster-solaire", with_sources=True)
    drosos = [r for r in rows if r["relation"] == "funding"]
    assert [r["supporterName"] for r in drosos] == ["Fondation Drosos"]
    assert drosos[0]["source"] == "https://w3id.org/medkg/source/cluster-solaire-bilan-2019"


def test_free_queries_and_the_catalog_listing(built) -> None:  # type: ignore[no-untyped-def]
    assert api.sparql("ASK { ?s a <https://w3id.org/medkg/def/Cluster> }", dataset=built.store) is True
    assert "funders-of" in api.queries()


def test_a_dataframe_when_pandas_is_there(built) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pandas")
    frame = api.run("selected-for", dataset=built.store).to_dataframe()
    assert sorted(frame["name"]) == sorted(["MDFC", "Cluster Menara", "Cluster Textile Technique du Sahel 2TS", "Qoot", "CE3M", "Valbiom"])
