"""Each catalog query's answer on the seed documents, on the embedded store and, through
SPARQLWrapper, on a real Oxigraph server the seed dataset was published to."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from medkg.queries import catalog as cat
from medkg.queries.results import Graph, Table
from medkg.queries.run import LocalStore, Target, run_catalog

from queries_support import FIXTURES

ID = "https://w3id.org/medkg/id/"
SOURCE = "https://w3id.org/medkg/source/"
DEF = "https://w3id.org/medkg/def/"
SIX_CLUSTERS = {"MDFC", "Cluster Menara", "Cluster Textile Technique du Sahel 2TS", "Qoot", "CE3M", "Valbiom"}


def rows(target: Target, name: str, *, with_sources: bool = False, source: str | None = None, **params: str) -> list[dict[str, Any]]:
    result = run_catalog(target, cat.get(name), params, with_sources=with_sources, source=source)
    assert isinstance(result, Table)
    return result.records()


@pytest.fixture(params=["local", pytest.param("remote", marks=pytest.mark.integration)])
def target(request: pytest.FixtureRequest) -> Target:
    return request.getfixturevalue(request.param)


def test_clusters_by_country_and_sector_with_their_size(target: Target) -> None:
    found = {(r["name"], r.get("countryName"), r["sectorName"], r.get("members")) for r in rows(target, "clusters")}
    assert found == {
        ("Cluster solaire", "Morocco", "Renewable energy and clean technologies", 130),
        ("Cluster Menara", "Morocco", "Agri-food", 100),
        ("Cluster Menara", "Morocco", "Cosmetics", 100),
        ("CE3M", "Morocco", "Electronics", None),
        ("Valbiom", "Morocco", "Waste and biomass recovery", None),
        ("Qoot", "Lebanon", "Agri-food", 80),
        ("Cluster Textile Technique du Sahel 2TS", "Tunisia", "Technical textiles", None),
        ("MDFC", None, "Apparel and leather goods", None),
    }
    qoot = next(r for r in rows(target, "clusters", country="LB"))
    assert (qoot["members"], qoot["membersQualifier"], qoot["membersDate"]) == (
        80, DEF + "qualifier/more-than", dt.date(2022, 4, 11))
    assert {r["name"] for r in rows(target, "clusters", sector="industry-technology", country="MA")} == {
        "Cluster solaire", "Cluster Menara", "CE3M", "Valbiom"}


def test_funders_and_supporters_of_the_cluster_solaire(target: Target) -> None:
    found = {(r["supporterName"], r["relation"], r.get("programmeName"), r.get("date")) for r in rows(target, "funders-of")}
    assert found == {
        ("Fondation Drosos", "funding", "projet favorisant l’entrepreneuriat vert", None),
        ("Fondation Drosos", "partnership", "projet favorisant l’entrepreneuriat vert", None),
        ("GIZ", "selection", "appel à projet du programme TAM III", "2019"),
        ("Moroccan Ministry of Industry", "selection", "appel à projet du programme TAM III", "2019"),
        ("SFI", "support", "Green Business Booster", "2019"),
        ("Banque mondiale", "partnership", "CSP indUse", "2019"),
        ("AMEE", "partnership", "Taqapro", "2019"),
        ("AMISOLE", "partnership", "Taqapro", "2019"),
    }


def test_funders_with_sources_say_who_says_so(target: Target) -> None:
    drosos = [r for r in rows(target, "funders-of", with_sources=True) if r["relation"] == "funding"]
    assert [(r["source"], r["quotation"][:62]) for r in drosos] == [
        (SOURCE + "cluster-solaire-bilan-2019", "Le Cluster solaire a signé aussi un contrat de financement ave")]


def test_calls_open_to_moroccan_clusters_with_the_deadline(target: Target) -> None:
    found = {r["programme"][len(ID):]: r for r in rows(target, "open-calls")}
    assert set(found) == {
        "mic-cluster-call-2023", "mic-cluster-support-programme", "tam-iii", "tam-iii-cluster-call", "taqapro",
        "apprendre-a-entreprendre-green", "scale-up-voucher", "scale-up-voucher-experts-call"}
    assert found["mic-cluster-call-2023"]["deadline"] == dt.datetime(2023, 6, 14, 15, 0)
    assert (found["scale-up-voucher"]["benefit"], found["scale-up-voucher"]["benefitCurrency"]) == (Decimal(9000), "EUR")


def test_the_eu_call_with_its_maximum_grant_and_number_of_grants(target: Target) -> None:
    (escp,) = [r for r in rows(target, "open-calls", country="") if r["programme"] == ID + "escp-call"]
    assert (escp["maximumGrant"], escp["maximumGrantCurrency"], escp["expectedGrants"]) == (Decimal(500000), "EUR", 12)
    assert (escp["budget"], escp["budgetCurrency"]) == (Decimal(6_000_000_000), "EUR")


def test_calls_open_to_a_sector_include_those_for_its_broader_sector(target: Target) -> None:
    cleantech = {r["programme"][len(ID):] for r in rows(target, "open-calls", sector="cleantech")}
    assert "mic-cluster-call-2023" in cleantech  # the call targets industry-technology, broader than cleantech
    agri = {r["programme"][len(ID):] for r in rows(target, "open-calls", sector="agri-food")}
    assert "taqapro" not in agri and "taqapro" in cleantech  # Taqapro is for cleantech only


def test_the_six_clusters_selected_for_the_scale_up_voucher(target: Target) -> None:
    assert {r["name"] for r in rows(target, "selected-for")} == SIX_CLUSTERS
    assert {r["name"] for r in rows(target, "selected-for", programme="the-next-society")} == SIX_CLUSTERS
    (solaire,) = rows(target, "selected-for", programme="tam-iii")
    assert (solaire["name"], solaire["selectedFor"], solaire["date"]) == ("Cluster solaire", ID + "tam-iii-cluster-call", "2019")


def test_partnerships_that_cross_or_may_cross_borders(target: Target) -> None:
    found = {(r["nameA"], r["nameB"], r["crossBorder"]) for r in rows(target, "cross-border-partnerships")}
    assert ("Anima Investment Network", "Berytech", "unknown") in found
    assert ("Cluster solaire", "Banque mondiale", "unknown") in found
    assert not any("Technopark" in (a, b) for a, b, _ in found)  # both seated in Morocco
    (berytech,) = rows(target, "cross-border-partnerships", country="LB")
    assert (berytech["kindA"], berytech["kindB"]) == (DEF + "BusinessNetwork", DEF + "InnovationHub")


def test_money_from_the_eu_reaches_five_clusters_through_berytech(target: Target) -> None:
    eu = rows(target, "money-flows", funder="eu")
    assert {(r["programmeName"], r["intermediaryName"], r["channel"]) for r in eu} == {
        ("THE NEXT SOCIETY", "Berytech", "programme funding")}
    assert {r["clusterName"] for r in eu} == SIX_CLUSTERS - {"MDFC"}  # MDFC's country is not stated
    solaire = {(r["funderName"], r["channel"], r.get("intermediaryName")) for r in rows(target, "money-flows", cluster="cluster-solaire")}
    assert solaire == {
        ("Fondation Drosos", "direct funding", None),
        ("GIZ", "selection", "Moroccan Ministry of Industry"),
        ("SFI", "support", None),
    }


def test_sector_coverage_and_gaps(target: Target) -> None:
    found = {(r["countryName"], r["sectorName"]): r["clusters"] for r in rows(target, "sector-coverage")}
    assert found[("Morocco", "Industry and technology")] == 4
    assert found[("Morocco", "Renewable energy and clean technologies")] == 1
    assert found[("Morocco", "Technical textiles")] == 0
    assert found[("Tunisia", "Technical textiles")] == 1
    assert found[("Lebanon", "Agri-food")] == 1
    assert sorted(s for (c, s), n in found.items() if c == "Tunisia" and n == 0) == [
        "Agri-food", "Apparel and leather goods", "Cosmetics", "Cultural and creative industries", "Electronics",
        "Information and communication technologies", "Renewable energy and clean technologies",
        "Waste and biomass recovery"]


def test_timeline_of_the_cluster_solaire(target: Target) -> None:
    found = rows(target, "timeline")
    dated = [(str(r["date"]), r["what"][len(ID):]) for r in found if "date" in r]
    assert ("2019-12-23", "rachid-bayed-permanent-secretary") in dated
    assert ("2019-12-31", "cluster-solaire-members-2019") in dated
    assert ("2021-05", "cluster-solaire-technopark-convention") in dated
    assert [d for d, _ in dated] == sorted(d for d, _ in dated)
    assert found[-1].get("date") is None  # undated ones last
    assert "drosos-funds-cluster-solaire" in {r["what"][len(ID):] for r in found if "date" not in r}


def test_the_document_and_sentence_behind_a_fact(target: Target) -> None:
    (row,) = rows(target, "sources-of", fact="drosos-funds-cluster-solaire")
    assert (row["source"], row["title"], row["publisher"], row["published"]) == (
        SOURCE + "cluster-solaire-bilan-2019", "Cluster solaire. Un bon bilan en 2019", "Les Eco", dt.date(2020, 2, 15))
    assert "contrat de financement avec la Fondation Drosos" in row["quotation"]
    assert {r["fact"][len(ID):] for r in rows(target, "sources-of", about="fondation-drosos")} == {
        "drosos-funds-cluster-solaire", "drosos-cluster-solaire-contract"}


def test_on_the_seed_every_fact_rests_on_one_source(target: Target) -> None:
    found = rows(target, "single-source-facts")
    assert {r["fact"] for r in found} == {r["fact"] for r in rows(target, "sources-of")}
    assert {r["source"] for r in found if r["fact"] == ID + "eu-cofunds-the-next-society"} == {SOURCE + "scale-up-voucher-2022"}


def test_the_seed_documents_do_not_disagree(target: Target) -> None:
    assert rows(target, "disagreements") == []


def test_posts_and_their_holders(target: Target) -> None:
    found = {(r["name"], r["title"], r["organizationName"], r.get("start")) for r in rows(target, "posts")}
    assert found == {
        ("Rachid Bayed", "secrétaire permanent", "Cluster solaire", dt.date(2019, 12, 23)),
        ("Fatima Zahra El Khalifa", "Directrice générale", "Cluster solaire", None),
        ("Lamiae Benmakhlouf", "Directrice générale", "Technopark", None),
    }


def test_clusters_offering_prototyping_and_technical_assistance(target: Target) -> None:
    assert {r["name"] for r in rows(target, "clusters-offering")} == {"CE3M", "Cluster solaire"}
    assistance = {(r["name"], r["serviceName"]) for r in rows(target, "clusters-offering", service="technical-assistance")}
    assert {("CE3M", "Prototyping"), ("Cluster solaire", "Prototyping"), ("Cluster solaire", "Technical assistance")} <= assistance
    assert {service for _, service in assistance} <= {
        "Technical assistance", "Prototyping", "Laboratory access", "Software provision"}  # it and the services below it


def test_organisations_missing_a_country(target: Target) -> None:
    found = rows(target, "missing-country-or-sector")
    assert {r["name"] for r in found if r["missing"] == "country"} == {
        "AMEE", "AMISOLE", "Anima Investment Network", "Banque mondiale", "EASME", "EDF", "EU", "Fondation Drosos",
        "GIZ", "MDFC", "SFI", "TSK"}
    assert rows(target, "missing-country-or-sector", gap="sector") == []


def test_the_flagged_budget_of_the_eu_call(target: Target) -> None:
    (budget,) = [r for r in rows(target, "flagged-values") if r["kind"] == DEF + "MonetaryAmount"]
    assert (budget["holder"], budget["property"], budget["value"], budget["currency"]) == (
        ID + "escp-call", DEF + "budget", Decimal(6_000_000_000), "EUR")
    assert budget["flag"].startswith("Six billion euros cannot be right")
    mdfc = [r["flag"] for r in rows(target, "flagged-values", about="mdfc")]
    assert any("MDFC's country is not stated" in flag for flag in mdfc)
    assert {r["flagged"] for r in rows(target, "flagged-values", about="escp-call")} == {ID + "escp-call/budget/escp-call-page"}


def test_everything_about_an_entity_as_a_graph(target: Target) -> None:
    result = run_catalog(target, cat.get("entity"), {"entity": "escp-call"})
    assert isinstance(result, Graph)
    found = {(t.subject.value, t.predicate.value, t.object.value) for t in result.triples}
    assert (ID + "escp-call", DEF + "expectedGrants", "12") in found
    (grant,) = [o for s, p, o in found if s == ID + "escp-call/maximum-grant/escp-call-page" and p == DEF + "value"]
    assert Decimal(grant) == 500000


def test_narrowing_to_one_source(target: Target) -> None:
    names = {r["name"] for r in rows(target, "clusters", source="scale-up-voucher-2022")}
    assert names == SIX_CLUSTERS
    assert rows(target, "funders-of", source="scale-up-voucher-2022") == []
    assert {r["supporterName"] for r in rows(target, "funders-of", source="cluster-solaire-bilan-2019")} >= {
        "Fondation Drosos", "GIZ", "SFI", "Banque mondiale"}


@pytest.fixture(scope="module")
def second_report(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    """The seed sources plus a made-up second report that corroborates one fact and contradicts another."""
    from medkg.graph.build import build

    sources = tmp_path_factory.mktemp("sources")
    seed = Path(__file__).resolve().parents[2] / "sources"
    for path in [*seed.glob("*.yaml"), *(FIXTURES / "second-report").glob("*.yaml")]:
        shutil.copy(path, sources / path.name)
    return LocalStore(build(sources, tmp_path_factory.mktemp("second") / "dist").store)


def test_two_documents_disagree_on_the_member_count(second_report: LocalStore) -> None:
    (row,) = rows(second_report, "disagreements")
    assert (row["about"], row["what"], row["value1"], row["source1"], row["value2"], row["source2"]) == (
        ID + "cluster-solaire", DEF + "quantity/members", Decimal(130), SOURCE + "cluster-solaire-bilan-2019",
        Decimal(140), SOURCE + "second-report-2020")
    assert row["name"] == "Solar Cluster"  # an English label, now that one exists, wins over the French one


def test_a_corroborated_fact_no_longer_rests_on_one_source(second_report: LocalStore) -> None:
    single = {r["fact"][len(ID):] for r in rows(second_report, "single-source-facts", about="fondation-drosos")}
    assert single == {"drosos-cluster-solaire-contract"}
