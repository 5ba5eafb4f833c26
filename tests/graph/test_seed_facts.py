"""Facts the five seed documents state, read back from the built dataset.

Each test names what a document says (organisations, amounts, dates, quotations) and checks
that the curated sources carried it into the graph intact, with the document it comes from.
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from medkg import namespaces as ns

PREFIXES = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in ns.PREFIXES.items())


def _rows(built, query: str) -> list[ox.QuerySolution]:
    return list(built.store.query(PREFIXES + "\n" + query, use_default_graph_as_union=True))


def _id(slug: str) -> str:
    return ns.entity_iri(slug)


def _local(term: ox.NamedNode | None) -> str | None:
    """The slug of an entity IRI, or the code of a country IRI."""
    return None if term is None else term.value.rsplit("/", 1)[-1]


def _source_of(built, node: str) -> tuple[str, str]:
    """(seed file name, quotation) behind a fact node; the fact lives in one source graph."""
    rows = _rows(
        built,
        f"""SELECT ?file ?quote WHERE {{
              <{node}> mkg:source ?doc ; mkg:quotation ?quote .
              ?doc a mkg:SourceDocument ; dct:identifier ?file }}""",
    )
    assert len(rows) == 1, rows
    return rows[0]["file"].value, rows[0]["quote"].value


def _sources_of(built, node: str) -> tuple[str, set[str]]:
    """(seed file name, quotations) behind a record that rests on several sentences."""
    rows = _rows(
        built,
        f"""SELECT ?file ?quote WHERE {{
              <{node}> mkg:source ?doc ; mkg:quotation ?quote .
              ?doc a mkg:SourceDocument ; dct:identifier ?file }}""",
    )
    files = {r["file"].value for r in rows}
    assert len(files) == 1, files
    return files.pop(), {r["quote"].value for r in rows}


# -- 004: the Scale-up voucher for Clusters -------------------------------------------------


def test_six_clusters_selected_for_the_scale_up_voucher_with_their_countries(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?org ?country WHERE {{
              ?s a mkg:Selection ; mkg:selectedFor <{_id("scale-up-voucher")}> ; mkg:selectedOrganization ?org .
              ?org a mkg:Cluster .
              OPTIONAL {{ ?org mkg:country ?country }} }}""",
    )
    countries = {_local(r["org"]): _local(r["country"]) for r in rows}
    assert countries == {
        "mdfc": None,
        "cluster-menara": "MA",
        "cluster-2ts": "TN",
        "qoot": "LB",
        "ce3m": "MA",
        "valbiom": "MA",
    }
    assert len(rows) == 6


def test_mdfc_has_no_country_and_is_flagged_for_it(built) -> None:
    flags = _rows(built, f"""SELECT ?flag WHERE {{ <{_id("mdfc")}> mkg:flag ?flag }}""")
    assert [r["flag"].value for r in flags] == ["MDFC's country is not stated, nor what the acronym stands for."]


def test_selection_criteria_and_quotation_come_from_the_berytech_article(built) -> None:
    node = _id("qoot-selected-scale-up-voucher")
    criteria = _rows(built, f"SELECT ?c WHERE {{ <{node}> mkg:selectionCriteria ?c }}")
    assert [r["c"].value for r in criteria] == ["their mission, track records, growth plan, and milestones"]
    assert _source_of(built, node) == (
        "004_ceba148d719ceefb.txt",
        "Six clusters were selected from the Mediterranean region to benefit from this opportunity "
        "based on their mission, track records, growth plan, and milestones.",
    )


def test_voucher_is_worth_9000_euros_and_launched_by_berytech_with_anima(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?value ?currency ?launcher WHERE {{
              <{_id("scale-up-voucher")}> mkg:benefitValue [ mkg:value ?value ; mkg:currency ?currency ] ;
                  mkg:launchedBy ?launcher ; mkg:partOfProgramme <{_id("the-next-society")}> }}""",
    )
    assert [(Decimal(r["value"].value), r["currency"].value, _local(r["launcher"])) for r in rows] == [
        (Decimal(9000), "EUR", "berytech")
    ]
    partners = _rows(
        built,
        f"""SELECT ?org WHERE {{ ?p a mkg:Partnership ; mkg:throughProgramme <{_id("scale-up-voucher")}> ;
              mkg:partner ?org }}""",
    )
    assert {_local(r["org"]) for r in partners} == {"berytech", "anima-investment-network"}


def test_the_next_society_budget_and_eu_cofunding_up_to_90_percent(built) -> None:
    budget = _rows(
        built,
        f"""SELECT ?value ?currency ?start ?end WHERE {{
              <{_id("the-next-society")}> mkg:budget [ mkg:value ?value ; mkg:currency ?currency ] ;
                  mkg:startDate ?start ; mkg:endDate ?end }}""",
    )
    assert [(Decimal(r["value"].value), r["currency"].value, r["start"].value, r["end"].value) for r in budget] == [
        (Decimal(7700000), "EUR", "2017", "2022")
    ]
    funding = _rows(
        built,
        f"""SELECT ?f ?rate ?qualifier WHERE {{
              ?f a mkg:Funding ; mkg:funder <{_id("eu")}> ; mkg:recipient <{_id("the-next-society")}> ;
                 mkg:cofundingRate ?rate ; mkg:cofundingQualifier ?qualifier }}""",
    )
    assert [(Decimal(r["rate"].value), _local(r["qualifier"])) for r in funding] == [(Decimal("0.9"), "up-to")]
    assert _source_of(built, funding[0]["f"].value) == (
        "004_ceba148d719ceefb.txt",
        "THE NEXT SOCIETY action plan (2017-2022) is co-funded by the EU up to 90% for a global amount "
        "of EUR 7.7 million budget.",
    )
    countries = _rows(built, f"SELECT ?c WHERE {{ <{_id('the-next-society')}> mkg:targetCountry ?c . ?c a mkg:Country }}")
    assert {_local(r["c"]) for r in countries} == {"DZ", "EG", "JO", "LB", "MA", "PS", "TN"}


def test_berytech_is_the_lebanese_partner_of_the_next_society_since_2017(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?p ?start ?country WHERE {{
              ?p a mkg:Participation ; mkg:participant <{_id("berytech")}> ;
                 mkg:participatesIn <{_id("the-next-society")}> ; mkg:role role:partner ;
                 mkg:startDate ?start ; mkg:targetCountry ?country }}""",
    )
    assert [(r["start"].value, _local(r["country"])) for r in rows] == [("2017", "LB")]


def test_member_counts_of_menara_and_qoot_keep_their_qualifiers(built) -> None:
    rows = _rows(
        built,
        """SELECT ?org ?value ?qualifier WHERE {
              ?m a mkg:Measurement ; mkg:quantityKind quantity:members ; mkg:measuredEntity ?org ;
                 mkg:value ?value ; mkg:valueQualifier ?qualifier ; mkg:date "2022-04-11"^^xsd:date }""",
    )
    assert {(_local(r["org"]), Decimal(r["value"].value), _local(r["qualifier"])) for r in rows} == {
        ("cluster-menara", Decimal(100), "exactly"),
        ("qoot", Decimal(80), "more-than"),
    }


def test_ce3m_prototyping_platforms_are_a_site_in_the_sapino_zone_of_nouasser(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?site ?city WHERE {{ <{_id("ce3m")}> mkg:hasSite ?site ; mkg:offersService service:prototyping .
              ?site a mkg:Site ; mkg:offersService service:prototyping ; mkg:siteLocation ?zone .
              ?zone rdfs:label "Sapino Industrial Zone"@en ; mkg:locatedIn ?city . ?city a mkg:City }}""",
    )
    assert [(_local(r["site"]), _local(r["city"])) for r in rows] == [("ce3m-prototyping-platforms", "nouasser")]
    assert _source_of(built, rows[0]["site"].value) == (
        "004_ceba148d719ceefb.txt",
        "The cluster offers prototyping services (mechanical, electronic, metrological) on its platforms installed "
        "at the Sapino Industrial Zone in Nouasser while extending its support to the incubation of project leaders "
        "and startups.",
    )
    seat = _rows(built, f"""SELECT ?place WHERE {{ <{_id("ce3m")}> mkg:basedIn ?place }}""")
    assert seat == []


def test_valbiom_laboratories_are_a_site_of_the_cluster_without_a_stated_location(built) -> None:
    site = _id("valbiom-technical-scientific-platform")
    rows = _rows(
        built,
        f"""SELECT ?service WHERE {{ <{_id("valbiom")}> mkg:hasSite <{site}> . <{site}> a mkg:Site ;
              mkg:offersService ?service }}""",
    )
    assert {_local(r["service"]) for r in rows} == {"laboratory-access", "technical-assistance"}
    assert _rows(built, f"SELECT ?place WHERE {{ <{site}> mkg:siteLocation ?place }}") == []
    assert _sources_of(built, site) == (
        "004_ceba148d719ceefb.txt",
        {
            "The cluster has a technical and scientific platform (laboratories) made available to start-ups and "
            "innovative collaborative projects by industrialists.",
            "This platform also allows the cluster to develop technical and scientific solutions for its partners, "
            "in particular manufacturers.",
        },
    )
    services = _rows(built, f"SELECT ?s WHERE {{ <{_id('valbiom')}> mkg:offersService ?s }}")
    assert {_local(r["s"]) for r in services} == {"training", "events"}


def test_valbiom_is_labelled_by_the_moroccan_ministry(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?by WHERE {{ ?l a mkg:Labelling ; mkg:labelledOrganization <{_id("valbiom")}> ;
              mkg:awardedBy ?by }}""",
    )
    assert [_local(r["by"]) for r in rows] == ["mic"]


# -- 001 and 002: the Cluster solaire ------------------------------------------------------------


def test_cluster_solaire_funders_and_partners_with_their_programmes(built) -> None:
    cs = _id("cluster-solaire")
    funders = _rows(
        built,
        f"""SELECT ?funder ?project WHERE {{ ?f a mkg:Funding ; mkg:recipient <{cs}> ; mkg:funder ?funder .
              OPTIONAL {{ ?f mkg:fundedProject ?project }} }}""",
    )
    assert {(_local(r["funder"]), _local(r["project"])) for r in funders} == {
        ("fondation-drosos", "drosos-green-entrepreneurship-project")
    }
    partners = _rows(
        built,
        f"""SELECT ?partner ?kind ?programme WHERE {{
              ?p a mkg:Partnership ; mkg:partner <{cs}> , ?partner ; mkg:partnershipKind ?kind .
              FILTER (?partner != <{cs}>)
              OPTIONAL {{ ?p mkg:throughProgramme ?programme }} }}""",
    )
    assert {(_local(r["partner"]), _local(r["kind"]), _local(r["programme"])) for r in partners} == {
        ("mitc", "convention", None),
        ("amee", "programme-partnership", "taqapro"),
        ("amisole", "programme-partnership", "taqapro"),
        ("world-bank", "programme-partnership", "csp-induse"),
        ("fondation-drosos", "funding-contract", "drosos-green-entrepreneurship-project"),
    }
    supporters = _rows(
        built,
        f"""SELECT ?org ?programme WHERE {{ ?p a mkg:Participation ; mkg:role role:supporter ;
              mkg:participant ?org ; mkg:participatesIn ?programme . ?programme mkg:launchedBy <{cs}> }}""",
    )
    assert {(_local(r["org"]), _local(r["programme"])) for r in supporters} == {("sfi", "green-business-booster")}


def test_cluster_solaire_had_130_members_at_the_end_of_2019(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?m ?value ?date WHERE {{ ?m a mkg:Measurement ; mkg:measuredEntity <{_id("cluster-solaire")}> ;
              mkg:quantityKind quantity:members ; mkg:value ?value ; mkg:date ?date }}""",
    )
    assert [(Decimal(r["value"].value), r["date"].value) for r in rows] == [(Decimal(130), "2019-12-31")]
    assert _source_of(built, rows[0]["m"].value) == (
        "002_bd7f8a228a7f258e.txt",
        "Ainsi, au terme de cette année, ledit Cluster dispose de 130 membres, il a noué 10 partenariats "
        "et a engagé une levée de fonds de 15 MDH.",
    )


def test_cluster_solaire_fund_raising_stays_in_dirhams(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?value ?currency WHERE {{ ?m mkg:measuredEntity <{_id("cluster-solaire")}> ;
              mkg:quantityKind quantity:funds-raised ; mkg:amount [ mkg:value ?value ; mkg:currency ?currency ] }}""",
    )
    assert [(Decimal(r["value"].value), r["currency"].value) for r in rows] == [(Decimal(15000000), "MAD")]


def test_rachid_bayed_appointed_permanent_secretary_at_the_board_of_23_december_2019(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?post ?title ?start ?date WHERE {{
              ?post a mkg:Post ; mkg:holder <{_id("rachid-bayed")}> ; mkg:postIn <{_id("cluster-solaire")}> ;
                    mkg:roleTitle ?title ; mkg:startDate ?start ; mkg:decidedAt ?board .
              ?board a mkg:Event ; mkg:date ?date }}""",
    )
    assert [(r["title"].value, r["start"].value, r["date"].value) for r in rows] == [
        ("secrétaire permanent", "2019-12-23", "2019-12-23")
    ]
    file, quotes = _sources_of(built, rows[0]["post"].value)
    assert file == "002_bd7f8a228a7f258e.txt"
    assert len(quotes) == 3
    assert any(q.startswith("Le conseil d’administration a procédé à la nomination de Rachid Bayed, secrétaire permanent") for q in quotes)
    assert "Lors de son conseil d’administration tenu le 23 décembre dernier, le Cluster solaire a présenté ses réalisations pour l’année 2019." in quotes
    assert "Le 15 Février 2020" in quotes


def test_directors_general_of_technopark_and_cluster_solaire(built) -> None:
    rows = _rows(
        built,
        """SELECT ?name ?org ?title WHERE { ?p a mkg:Post ; mkg:holder ?h ; mkg:postIn ?org ; mkg:roleTitle ?title .
              ?h rdfs:label ?name . FILTER (str(?title) = "Directrice générale") }""",
    )
    assert {(r["name"].value, _local(r["org"])) for r in rows} == {
        ("Lamiae Benmakhlouf", "mitc"),
        ("Fatima Zahra El Khalifa", "cluster-solaire"),
    }


def test_cluster_solaire_selected_in_the_tam_iii_call_of_the_ministry_and_giz(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?s ?launcher WHERE {{ ?s a mkg:Selection ; mkg:selectedOrganization <{_id("cluster-solaire")}> ;
              mkg:selectedFor ?call . ?call a mkg:CallForProposals ; mkg:callOf <{_id("tam-iii")}> ;
              mkg:launchedBy ?launcher }}""",
    )
    assert {_local(r["launcher"]) for r in rows} == {"mic", "giz"}
    count = _rows(
        built,
        f"""SELECT ?value ?qualifier WHERE {{ ?m mkg:measuredEntity <{_id("tam-iii-cluster-call")}> ;
              mkg:quantityKind quantity:candidates ; mkg:value ?value ; mkg:valueQualifier ?qualifier }}""",
    )
    assert [(Decimal(r["value"].value), _local(r["qualifier"])) for r in count] == [(Decimal(10), "more-than")]


def test_one_cluster_solaire_and_one_ministry_across_documents(built) -> None:
    rows = _rows(
        built,
        """SELECT ?entity ?file WHERE {{ GRAPH ?g {{ ?entity mkg:source ?doc }} ?doc dct:identifier ?file .
              VALUES ?entity {{ <{}> <{}> }} }}""".format(_id("cluster-solaire"), _id("mic")),
    )
    files: dict[str, set[str]] = {}
    for r in rows:
        files.setdefault(_local(r["entity"]), set()).add(r["file"].value)
    assert files == {
        "cluster-solaire": {"001_f1dd22001a9a0798.txt", "002_bd7f8a228a7f258e.txt"},
        "mic": {"000_b849c5ac1eaad6ef.txt", "002_bd7f8a228a7f258e.txt", "004_ceba148d719ceefb.txt"},
    }
    names = _rows(built, f"SELECT ?n WHERE {{ <{_id('mic')}> rdfs:label|skos:altLabel ?n }}")
    assert {r["n"].value for r in names} >= {
        "Ministère de l’Industrie et du Commerce",
        "MIC",
        "ministère de l’Industrie",
        "Moroccan Ministry of Industry",
    }


# -- 003: the European Strategic Cluster Partnerships call ---------------------------------------


def test_european_call_maximum_grant_and_expected_grants(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?value ?currency ?expected ?manager WHERE {{
              <{_id("escp-call")}> mkg:maximumGrant [ mkg:value ?value ; mkg:currency ?currency ] ;
                  mkg:expectedGrants ?expected ; mkg:managedBy ?manager }}""",
    )
    assert [(Decimal(r["value"].value), r["currency"].value, int(r["expected"].value), _local(r["manager"])) for r in rows] == [
        (Decimal(500000), "EUR", 12, "easme")
    ]


def test_european_call_rests_on_its_budget_grant_and_manager_sentences(built) -> None:
    file, quotes = _sources_of(built, _id("escp-call"))
    assert file == "003_6cedd94e058f4861.txt"
    assert {
        "Il budget totale stanziato per il cofinanziamento dei progetti è stimato a 6 000 000 000 di euro, importo che "
        "potrebbe essere aumentato se si rendessero disponibili ulteriori stanziamenti di bilancio.",
        "La sovvenzione massima per progetto sarà di 500 000 EUR.",
        "L’EASME prevede di finanziare 12 proposte.",
    } <= quotes
    assert len(quotes) == 7


def test_european_call_six_billion_budget_is_kept_as_stated_and_flagged(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?value ?currency ?flag ?file WHERE {{
              <{_id("escp-call")}> mkg:budget ?b . ?b mkg:value ?value ; mkg:currency ?currency ; mkg:flag ?flag ;
                 mkg:source/dct:identifier ?file }}""",
    )
    assert len(rows) == 1
    row = rows[0]
    assert (Decimal(row["value"].value), row["currency"].value) == (Decimal(6000000000), "EUR")
    assert "12 × 500 000 = 6 000 000 EUR" in row["flag"].value
    assert row["file"].value == "003_6cedd94e058f4861.txt"


def test_european_call_belongs_to_the_strategic_cluster_partnerships_under_cosme(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?programme WHERE {{ <{_id("escp-call")}> mkg:callOf/mkg:partOfProgramme* ?programme }}""",
    )
    assert {_local(r["programme"]) for r in rows} == {
        "european-strategic-cluster-partnerships",
        "european-cluster-excellence-programme",
        "cosme",
    }


# -- 000: the Moroccan ministry's 2023 call --------------------------------------------------------


def test_ministry_call_deadline_office_and_programme(built) -> None:
    rows = _rows(
        built,
        f"""SELECT ?deadline ?year ?office ?parent ?programme ?launcher WHERE {{
              <{_id("mic-cluster-call-2023")}> mkg:deadline ?deadline ; mkg:forYear ?year ;
                  mkg:applicationOffice ?office ; mkg:callOf ?programme ; mkg:launchedBy ?launcher .
              ?office a mkg:GovernmentUnit ; mkg:parentOrganization ?parent }}""",
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["deadline"] == ox.Literal("2023-06-14T15:00:00", datatype=ox.NamedNode(ns.PREFIXES["xsd"] + "dateTime"))
    assert row["year"].value == "2023"
    assert (_local(row["office"]), _local(row["parent"]), _local(row["launcher"])) == ("mic-dptc", "mic", "mic")
    assert _local(row["programme"]) == "mic-cluster-support-programme"


def test_ministry_call_quotes_its_deadline_sentence_with_its_no_break_spaces(built) -> None:
    file, quotes = _sources_of(built, _id("mic-cluster-call-2023"))
    assert file == "000_b849c5ac1eaad6ef.txt"
    assert "Date limite de dépôt des dossiers de candidatures:\u00a0\u00a014 juin 2023 à 15h00." in quotes
    assert len(quotes) == 4
    notes = _rows(built, f"""SELECT ?n WHERE {{ <{_id("mic-cluster-call-2023")}> mkg:curatorNote ?n }}""")
    assert [r["n"].value for r in notes] == ["The deadline's time zone is not stated, so none is recorded."]


def test_source_documents_describe_themselves(built) -> None:
    rows = _rows(
        built,
        """SELECT ?file ?title ?publisher ?date WHERE { ?doc a mkg:SourceDocument ; dct:identifier ?file ; dct:title ?title .
              OPTIONAL { ?doc dct:publisher ?publisher } OPTIONAL { ?doc dct:date ?date } }""",
    )
    docs = {r["file"].value: (r["publisher"] and r["publisher"].value, r["date"] and r["date"].value) for r in rows}
    assert docs == {
        "000_b849c5ac1eaad6ef.txt": (None, None),
        "001_f1dd22001a9a0798.txt": (None, "2021-05"),
        "002_bd7f8a228a7f258e.txt": ("Les Eco", "2020-02-15"),
        "003_6cedd94e058f4861.txt": (None, None),
        "004_ceba148d719ceefb.txt": ("Berytech", "2022-04-11"),
    }
