"""The wheel ships the ontology, its shapes and concept schemes, and ``medkg ontology check``
runs from the installed wheel rather than from the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # pip builds in the source tree; a copy keeps build/ and egg-info out of the working tree
    source = tmp_path_factory.mktemp("source") / "medkg"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "dist", "build", "*.egg-info", "__pycache__", ".pytest_cache"),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(source)],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        timeout=300,
    )
    (built,) = out.glob("medkg-*.whl")
    return built


def test_the_wheel_contains_the_ontology_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "medkg/ontology/medkg.ttl",
        "medkg/ontology/shapes.ttl",
        "medkg/ontology/vocab/sectors.ttl",
        "medkg/ontology/vocab/services.ttl",
        "medkg/ontology/vocab/kinds.ttl",
        "medkg/ontology/templates/ontology.html.j2",
    } <= names


def test_ontology_check_runs_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import medkg.ontology as o; print(o.__file__); print(o.SHAPES_FILE.is_file())"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    module_file, shapes_exist = where.stdout.split()
    assert Path(module_file).resolve().is_relative_to(target.resolve())
    assert shapes_exist == "True"
    result = subprocess.run(
        [sys.executable, "-m", "medkg.cli", "ontology", "check"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HermiT: consistent." in result.stdout
    assert "Shapes: well-formed SHACL" in result.stdout
