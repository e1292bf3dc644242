"""Every line of each answer key against the converter's catalog of its corpus.

- seeds:   tests/data/seeds-expected.yaml (a copy of ../shared/eval) for cases/sources/, the
           five documents the project started from;
- heldout: tests/data/heldout-expected.yaml for tests/data/heldout/, eight documents from
           other places that the converter was not developed on.
Rules (the key's own header): a marker is in exactly one case; places exact, nulls included;
required methods tagged (a suffix such as 工作法 may be added); no national slogan is a
method; noise lines in the ledger and not in any case; lines broken by page breaks joined.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT, SOURCES, case_with_marker

CORPORA = {"seeds": (SOURCES, DATA / "seeds-expected.yaml"), "heldout": (DATA / "heldout", DATA / "heldout-expected.yaml")}
KEYS = {name: yaml.safe_load(key.read_text(encoding="utf-8")) for name, (_, key) in CORPORA.items()}


def _params(select):
    out = []
    for name, key in KEYS.items():
        for doc in key["documents"]:
            for item in select(doc):
                out.append(pytest.param(name, doc, item, id=f"{name}-{item.get('marker', doc['file']) if isinstance(item, dict) else doc['file']}"))
    return out


CASES = _params(lambda d: d["cases"])
WITH_METHODS = _params(lambda d: [c for c in d["cases"] if c["methods_required"]])
DOCS = _params(lambda d: [{}])


@pytest.fixture(scope="module")
def catalogs(catalog, tmp_path_factory) -> dict:
    from casebook.pipeline import convert

    out = tmp_path_factory.mktemp("heldout")
    convert(CORPORA["heldout"][0], out)
    return {"seeds": catalog, "heldout": json.loads((out / "catalog.json").read_text(encoding="utf-8"))}


def test_seed_key_is_in_step_with_shared_eval():
    shared = ROOT.parent / "shared" / "eval"
    if not shared.is_dir():
        pytest.skip("../shared is not beside this checkout")
    for f in ("seeds-expected.yaml", "search-queries.yaml"):
        assert (DATA / f).read_bytes() == (shared / f).read_bytes(), f"tests/data/{f} differs from ../shared/eval: copy it again"


@pytest.mark.parametrize("name", KEYS)
def test_case_count(catalogs, name):
    assert len(catalogs[name]["cases"]) == sum(len(d["cases"]) for d in KEYS[name]["documents"])


@pytest.mark.parametrize("name,doc,_", DOCS)
def test_case_count_per_file(catalogs, name, doc, _):
    got = [c for c in catalogs[name]["cases"] if c["source"]["file"] == doc["file"]]
    assert len(got) == len(doc["cases"]), [c["title"] for c in got]


@pytest.mark.parametrize("name,doc,exp", CASES)
def test_case_tags(catalogs, name, doc, exp):
    case = case_with_marker(catalogs[name], exp["marker"])
    assert case["source"]["file"] == doc["file"]
    assert exp["title_contains"] in case["title"], case["title"]
    assert case["kind"] and case["kind"] in doc["kind"], (case["kind"], doc["kind"])
    for key in ("organization", "speaker", "speaker_role", "year"):
        if key in exp:
            assert case[key] == exp[key], key
    assert case["place"] == {k: exp["place"].get(k) for k in ("province", "city", "county")}
    if "context_contains" in doc:
        assert case["context"] and doc["context_contains"] in case["context"]


@pytest.mark.parametrize("name,doc,exp", WITH_METHODS)
def test_required_methods(catalogs, name, doc, exp):
    catalog = catalogs[name]
    case = case_with_marker(catalog, exp["marker"])
    by_name = {m["name"]: m for m in catalog["methods"]}

    def owner(wanted):
        return next((n for n in case["methods"] if wanted in n or wanted in by_name[n]["aliases"]), None)

    missing = [w for w in exp["methods_required"] if owner(w) is None]
    assert not missing, f"{missing} not tagged on {case['title']}: {case['methods']}"
    for wanted in exp["methods_required"]:
        assert case["id"] in by_name[owner(wanted)]["cases"]  # the glossary lists this case


@pytest.mark.parametrize("name", KEYS)
def test_no_national_slogan_is_a_method(catalogs, name):
    catalog, slogans = catalogs[name], set(KEYS[name]["not_methods"])
    names = {m["name"] for m in catalog["methods"]} | {a for m in catalog["methods"] for a in m["aliases"]}
    assert not names & slogans
    for case in catalog["cases"]:
        assert not set(case["methods"]) & slogans


@pytest.mark.parametrize("name,doc,_", [p for p in DOCS if p.values[1].get("noise")])
def test_noise_lines_are_in_the_ledger_not_in_cases(catalogs, name, doc, _):
    removed = [r for r in catalogs[name]["removed"] if r["file"] == doc["file"]]
    texts = [c["text"] for c in catalogs[name]["cases"] if c["source"]["file"] == doc["file"]]
    assert all(r["reason"] for r in removed)
    for noise in doc["noise"]:
        assert any(noise in r["text"] for r in removed), f"{noise!r} not in the removal ledger"
        assert not any(noise in t for t in texts), f"{noise!r} still in a case"


@pytest.mark.parametrize("name,doc,_", [p for p in DOCS if p.values[1].get("joined")])
def test_broken_lines_are_joined(catalogs, name, doc, _):
    texts = "\n".join(c["text"] for c in catalogs[name]["cases"] if c["source"]["file"] == doc["file"])
    for piece in doc["joined"]:
        assert piece in texts, f"{piece!r} is still broken across lines"
