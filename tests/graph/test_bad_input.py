"""Bad curated input: each kind gets an error naming the file, the line and what is wrong, and
the previous dist/ stays exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from medkg.graph.build import build
from medkg.loaders import SourceError

MINIMAL = Path(__file__).parent.parent / "loaders" / "fixtures" / "minimal.yaml"


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# (name, text to replace, replacement, expected words in the message)
CASES = [
    ("malformed-yaml", "  language: en", "  language: [en", "malformed YAML"),
    ("duplicate-key", "    alt_names: [TC]", "    alt_names: [TC]\n    alt_names: [TC2]", "duplicate key 'alt_names'"),
    ("unknown-field", "    alt_names: [TC]", "    alt_name: [TC]", "unknown field 'alt_name'"),
    ("undefined-reference", "    funder: test-funder", "    funder: nobody-at-all", "'nobody-at-all' is defined in no source"),
    ("wrong-kind-reference", "    funder: test-funder", "    funder: test-programme", "'test-programme' is a programme, expected organization or person"),
    ("duplicate-identifier", "  - id: test-members", "  - id: test-funding", "duplicate identifier 'test-funding'"),
    ("bad-date", "    date: 2019\n", "    date: next spring\n", "'next spring' is not a date"),
    ("impossible-date", "    date: 2019-12-31", "    date: 2019-13-45", "'2019-13-45' is not a date"),
    ("bad-amount", "    value: 130", "    value: lots", "'lots' is not a number"),
    ("unknown-country", "    country: LB", "    country: XX", "'XX' is not an ISO 3166-1 alpha-2 country code"),
    ("unknown-currency", "currency: MAD}", "currency: DHS}", "'DHS' is not an ISO 4217 currency code"),
    ("unknown-sector", "    sectors: [agri-food]", "    sectors: [agrifood]", "unknown sector 'agrifood'"),
    ("bad-id", "  - id: test-members", "  - id: Test Members", "'Test Members' is not a valid id"),
]


@pytest.fixture(scope="module")
def good_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dist/ from a good build, that every bad build below must leave untouched."""
    sources = tmp_path_factory.mktemp("good-sources")
    shutil.copy(MINIMAL, sources / "minimal.yaml")
    out = tmp_path_factory.mktemp("site") / "dist"
    build(sources, out)
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(("name", "old", "new", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_names_file_and_line_and_keeps_dist(
    name: str, old: str, new: str, message: str, tmp_path: Path, good_dist: Path
) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text, name
    bad = tmp_path / "sources" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = _snapshot(good_dist)

    with pytest.raises(SourceError) as failure:
        build(bad.parent, good_dist)

    expected_line = _line_of(text, old)
    rendered = [str(p) for p in failure.value.problems]
    assert any(message in r for r in rendered), rendered
    problem = next(p for p in failure.value.problems if message in p.message)
    assert problem.location.path == bad
    # A YAML syntax error is reported where the parser notices it, at most a line or two later.
    assert problem.location.line is not None and expected_line <= problem.location.line <= expected_line + 2, rendered
    assert _snapshot(good_dist) == before
    assert not [p for p in good_dist.parent.iterdir() if p.name.startswith(".dist-build-")]


def _two_sources(folder: Path, old: str, new: str) -> str:
    """The minimal source as a.yaml, and b.yaml: another document with ``old`` replaced by ``new``."""
    text = MINIMAL.read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    other = text.replace("id: test-doc", "id: other-doc").replace(old, new)
    other = other.replace("id: test-funding", "id: other-funding").replace("id: test-members", "id: other-members")
    (folder / "b.yaml").write_text(other, encoding="utf-8")
    return text


def test_same_id_with_two_kinds_across_files_is_refused(tmp_path: Path) -> None:
    text = _two_sources(tmp_path, "    type: Cluster", "    type: Company")
    with pytest.raises(SourceError) as failure:
        build(tmp_path, tmp_path / "dist")
    messages = [str(p) for p in failure.value.problems]
    line = _line_of(text, "  - id: test-cluster")
    assert messages == [
        f"{tmp_path / 'b.yaml'}:{line}: 'test-cluster' is a Company here but a Cluster at {tmp_path / 'a.yaml'}:{line}: "
        "one id, one kind of thing"
    ]
    assert not (tmp_path / "dist").exists()


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("    country: LB", "    country: XX").replace("currency: MAD}", "currency: DHS}")
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as failure:
        build(tmp_path, tmp_path / "dist")
    messages = " | ".join(str(p) for p in failure.value.problems)
    assert "'XX' is not an ISO 3166-1" in messages and "'DHS' is not an ISO 4217" in messages


def test_two_files_giving_one_organisation_two_countries_fail_shacl(tmp_path: Path) -> None:
    """Each file alone is fine; together they break 'one country per organisation seat'."""
    text = _two_sources(tmp_path, "    country: MA", "    country: TN")
    with pytest.raises(SourceError) as failure:
        build(tmp_path, tmp_path / "dist")
    [problem] = failure.value.problems
    assert problem.message.startswith("SHACL: ")
    assert "https://w3id.org/medkg/id/test-cluster" in problem.message and "country" in problem.message
    assert problem.location.path == tmp_path / "a.yaml"
    assert problem.location.line == _line_of(text, "  - id: test-cluster")
    assert not (tmp_path / "dist").exists()
