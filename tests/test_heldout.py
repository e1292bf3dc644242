"""Every line of the held-out answer key (tests/data/heldout-expected.yaml) against the
held-out documents (tests/data/heldout/), which the converter was not developed on.
Same rules as test_seeds_expected.py."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import DATA, case_with_marker

HELDOUT = DATA / "heldout"
KEY = yaml.safe_load((DATA / "heldout-expected.yaml").read_text(encoding="utf-8"))
EXPECTED_CASES = [(d, c) for d in KEY["documents"] for c in d["cases"]]
MARKERS = [c["marker"] for _, c in EXPECTED_CASES]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> dict:
    from casebook.pipeline import convert

    out = tmp_path_factory.mktemp("heldout")
    convert(HELDOUT, out)
    return json.loads((out / "catalog.json").read_text(encoding="utf-8"))


def test_case_count(catalog):
    assert len(catalog["cases"]) == len(EXPECTED_CASES)


@pytest.mark.parametrize("doc", KEY["documents"], ids=lambda d: d["file"])
def test_case_count_per_file(catalog, doc):
    got = [c for c in catalog["cases"] if c["source"]["file"] == doc["file"]]
    assert len(got) == len(doc["cases"]), [c["title"] for c in got]


@pytest.mark.parametrize("doc,exp", EXPECTED_CASES, ids=MARKERS)
def test_case_tags(catalog, doc, exp):
    case = case_with_marker(catalog, exp["marker"])
    assert case["source"]["file"] == doc["file"]
    assert exp["title_contains"] in case["title"], case["title"]
    assert case["kind"] and case["kind"] in doc["kind"], (case["kind"], doc["kind"])
    for key in ("organization", "speaker", "speaker_role", "year"):
        if key in exp:
            assert case[key] == exp[key], key
    assert case["place"] == {k: exp["place"].get(k) for k in ("province", "city", "county")}
    if "context_contains" in doc:
        assert case["context"] and doc["context_contains"] in case["context"]


WITH_METHODS = [e for e in EXPECTED_CASES if e[1]["methods_required"]]


@pytest.mark.parametrize("doc,exp", WITH_METHODS, ids=[e[1]["marker"] for e in WITH_METHODS])
def test_required_methods(catalog, doc, exp):
    case = case_with_marker(catalog, exp["marker"])
    by_name = {m["name"]: m for m in catalog["methods"]}
    missing = [
        wanted
        for wanted in exp["methods_required"]
        if not any(wanted in name or wanted in by_name[name]["aliases"] for name in case["methods"])
    ]
    assert not missing, f"{missing} not tagged on {case['title']}: {case['methods']}"
    for wanted in exp["methods_required"]:
        # the method page lists this case
        owner = next(n for n in case["methods"] if wanted in n or wanted in by_name[n]["aliases"])
        assert case["id"] in by_name[owner]["cases"]


def test_no_national_slogan_is_a_method(catalog):
    names = {m["name"] for m in catalog["methods"]} | {a for m in catalog["methods"] for a in m["aliases"]}
    assert not names & set(KEY["not_methods"])
    for case in catalog["cases"]:
        assert not set(case["methods"]) & set(KEY["not_methods"])


@pytest.mark.parametrize("doc", [d for d in KEY["documents"] if d.get("noise")], ids=lambda d: d["file"])
def test_noise_lines_are_in_the_ledger_not_in_cases(catalog, doc):
    removed = [r for r in catalog["removed"] if r["file"] == doc["file"]]
    texts = [c["text"] for c in catalog["cases"] if c["source"]["file"] == doc["file"]]
    for noise in doc["noise"]:
        assert any(noise in r["text"] for r in removed), f"{noise!r} not in the removal ledger"
        assert not any(noise in t for t in texts), f"{noise!r} still in a case"
        assert all(r["reason"] for r in removed)


@pytest.mark.parametrize("doc", [d for d in KEY["documents"] if d.get("joined")], ids=lambda d: d["file"])
def test_broken_lines_are_joined(catalog, doc):
    texts = "\n".join(c["text"] for c in catalog["cases"] if c["source"]["file"] == doc["file"])
    for piece in doc["joined"]:
        assert piece in texts, f"{piece!r} is still broken across lines"
