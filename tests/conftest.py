"""Shared fixtures: the bundled corpus converted once per test session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SOURCES = ROOT / "cases" / "sources"


@pytest.fixture
def rules_dir(tmp_path, monkeypatch):
    """A copy of cases/ that a test may edit or break, read instead of the real one."""
    from casebook import data

    d = tmp_path / "cases"
    shutil.copytree(ROOT / "cases", d, ignore=shutil.ignore_patterns("sources"))
    monkeypatch.setenv("CASEBOOK_DATA", str(d))
    data.reset()
    yield d
    data.reset()


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> Path:
    from casebook.pipeline import convert

    out = tmp_path_factory.mktemp("docs")
    convert(SOURCES, out)
    return out


@pytest.fixture(scope="session")
def catalog(converted) -> dict:
    return json.loads((converted / "catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def expected() -> dict:
    return yaml.safe_load((DATA / "seeds-expected.yaml").read_text(encoding="utf-8"))


def case_with_marker(catalog: dict, marker: str) -> dict:
    hits = [c for c in catalog["cases"] if marker in c["text"]]
    assert len(hits) == 1, f"marker {marker!r} is in {len(hits)} cases, expected exactly 1"
    return hits[0]
