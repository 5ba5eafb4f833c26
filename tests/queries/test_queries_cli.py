"""``medkg query``, ``medkg sparql`` and ``medkg publish`` from the command line."""

from __future__ import annotations

import base64
import http.server
import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medkg.cli import app
from medkg.queries import catalog as cat

from queries_support import free_port

runner = CliRunner()


def medkg(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


def test_query_list_names_every_catalog_query_with_its_title() -> None:
    result = medkg("query", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(cat.catalog())
    assert any(line.startswith("funders-of ") and "[cluster=cluster-solaire]" in line for line in lines)


def test_query_as_csv(built) -> None:  # type: ignore[no-untyped-def]
    result = medkg("query", "funders-of", "--dist", str(built.out_dir), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "supporter,supporterName,relation,programme,programmeName,amount,currency,date,fact"
    assert "https://w3id.org/medkg/id/fondation-drosos,Fondation Drosos,funding," in result.stdout


def test_query_with_a_parameter_as_json(built) -> None:  # type: ignore[no-untyped-def]
    result = medkg("query", "selected-for", "-p", "programme=the-next-society", "--dist", str(built.out_dir), "-f", "json")
    assert result.exit_code == 0, result.output
    names = {b["name"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]}
    assert names == {"MDFC", "Cluster Menara", "Cluster Textile Technique du Sahel 2TS", "Qoot", "CE3M", "Valbiom"}


def test_query_with_sources_on_one_source_as_tsv(built) -> None:  # type: ignore[no-untyped-def]
    result = medkg("query", "posts", "--with-sources", "--source", "cluster-solaire-bilan-2019",
                   "--dist", str(built.out_dir), "-f", "tsv")  # fmt: skip
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.endswith("?source\t?quotation")
    assert all(row.startswith("<https://w3id.org/medkg/id/rachid-bayed>\t") for row in rows)  # one row per quoted sentence
    assert all("\t<https://w3id.org/medkg/source/cluster-solaire-bilan-2019>\t" in row for row in rows)
    assert any("procédé à la nomination de Rachid Bayed, secrétaire permanent" in row for row in rows)


def test_the_default_output_is_an_aligned_table(built) -> None:  # type: ignore[no-untyped-def]
    result = medkg("query", "posts", "--dist", str(built.out_dir))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("person") and set(lines[1]) <= {"-", " "}
    assert lines[-1] == "(3 rows)"


def test_bad_parameters_and_names_are_clear_errors(built) -> None:  # type: ignore[no-untyped-def]
    result = medkg("query", "clusters", "-p", "country=Morocco", "--dist", str(built.out_dir))
    assert result.exit_code == 2
    assert "error: parameter country='Morocco': expected an ISO 3166-1 alpha-2 code" in result.output
    result = medkg("query", "clusters", "-p", "country", "--dist", str(built.out_dir))
    assert result.exit_code == 2 and "expected KEY=VALUE" in result.output
    result = medkg("query", "nope")
    assert result.exit_code == 2 and "no catalog query named 'nope'" in result.output


def test_a_missing_dataset_says_to_build_first(tmp_path: Path) -> None:
    result = medkg("query", "clusters", "--dist", str(tmp_path))
    assert result.exit_code == 2
    assert "run `medkg build` first" in result.output


def test_sparql_from_text_and_from_a_file(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = medkg("sparql", "ASK { ?s a <https://w3id.org/medkg/def/Cluster> }", "--dist", str(built.out_dir), "-f", "json")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}
    query = tmp_path / "budget.rq"
    query.write_text(
        "PREFIX mkg: <https://w3id.org/medkg/def/>\n"
        "SELECT ?value ?name WHERE { ?call mkg:maximumGrant/mkg:value ?value ;\n"
        "  <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(STR(?label) = ?name) }"
    )
    result = medkg("sparql", str(query), "--dist", str(built.out_dir), "-f", "csv",
                   "-p", "name=bando per i partenariati europei per i cluster strategici")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "500000,bando per i partenariati europei per i cluster strategici"
    result = medkg("sparql", "CONSTRUCT WHERE { <https://w3id.org/medkg/id/giz> a ?t }", "--dist", str(built.out_dir))
    assert "id:giz a mkg:DevelopmentAgency" in result.stdout
    result = medkg("sparql", "SELECT * WHERE { ?s ?p }", "--dist", str(built.out_dir))
    assert result.exit_code == 2 and "not valid SPARQL" in result.output


def test_an_unreachable_endpoint_is_reported(built) -> None:  # type: ignore[no-untyped-def]
    result = medkg("query", "clusters", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "--timeout", "2")
    assert result.exit_code == 2
    assert "error: cannot reach http://127.0.0.1:" in result.output


def test_publish_takes_credentials_from_the_environment_only(built) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, str | None]] = []

    class Store(http.server.BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802 - the http.server API
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((self.path, self.headers.get("Authorization")))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Store)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        env = {"MEDKG_ENDPOINT_USER": "curator", "MEDKG_ENDPOINT_PASSWORD": "s3cret:with colon"}
        result = medkg("publish", "--endpoint", url, "--dist", str(built.out_dir), env=env)
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0, result.output
    token = "Basic " + base64.b64encode(b"curator:s3cret:with colon").decode()
    assert {auth for _, auth in seen} == {token}
    assert "/store?graph=https%3A%2F%2Fw3id.org%2Fmedkg%2Fgraph%2Fscale-up-voucher-2022" in {path for path, _ in seen}
    assert result.stdout.startswith(f"Published {sum(1 for _ in built.store)} triples in {len(seen)} graphs")
    assert "password" not in medkg("publish", "--help").stdout.lower().replace("medkg_endpoint_password", "")


@pytest.mark.integration
def test_query_and_publish_against_a_real_oxigraph(built, oxigraph) -> None:  # type: ignore[no-untyped-def]
    published = medkg("publish", "--endpoint", oxigraph.store, "--dist", str(built.out_dir))
    assert published.exit_code == 0, published.output
    result = medkg("query", "open-calls", "--endpoint", oxigraph.query, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "2023-06-14T15:00:00" in result.stdout
