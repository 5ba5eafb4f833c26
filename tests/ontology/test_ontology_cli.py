"""``medkg ontology check`` and ``medkg ontology docs`` through the real command line app."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from medkg.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "inconsistent"
runner = CliRunner()


def test_check_passes_on_the_shipped_ontology() -> None:
    result = runner.invoke(app, ["ontology", "check"])
    assert result.exit_code == 0, result.output
    assert "HermiT: consistent." in result.output
    assert "Ontology check passed." in result.output


def test_check_fails_and_names_the_axioms_when_a_country_is_given_twice() -> None:
    result = runner.invoke(app, ["ontology", "check", str(FIXTURES / "two-countries.ttl")])
    assert result.exit_code == 1
    assert "HermiT: INCONSISTENT" in result.output
    for axiom in (
        "data:cluster-menara mkg:country <https://w3id.org/medkg/id/country/MA> .",
        "data:cluster-menara mkg:country <https://w3id.org/medkg/id/country/TN> .",
        "owl:differentFrom <https://w3id.org/medkg/id/country/MA> .",
        "mkg:country a owl:FunctionalProperty .    # from medkg.ttl",
    ):
        assert axiom in result.output


def test_check_refuses_a_missing_file() -> None:
    result = runner.invoke(app, ["ontology", "check", "no-such-file.ttl"])
    assert result.exit_code == 2
    assert "no-such-file.ttl" in result.output


def test_docs_writes_the_page_and_the_ontology_files(tmp_path: Path) -> None:
    out = tmp_path / "ontology"
    result = runner.invoke(app, ["ontology", "docs", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "medkg.jsonld", "medkg.nt", "medkg.ttl"]
    assert "mkg-CrossBorderPartnership" in (out / "index.html").read_text(encoding="utf-8")


def test_help_says_what_each_command_does() -> None:
    result = runner.invoke(app, ["ontology", "--help"])
    assert result.exit_code == 0
    assert "HermiT" in result.output and "HTML documentation" in result.output
