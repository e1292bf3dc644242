"""Corrections by people survive regeneration; stale ones are reported."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from casebook.corrections import CorrectionError
from casebook.pipeline import convert
from conftest import SOURCES


@pytest.fixture
def src(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    for name in ("001_b811958664596ffb.txt", "003_4eef5482484286f5.txt"):
        shutil.copy(SOURCES / name, d / name)
    return d


def run(src, tmp_path, text):
    corr = tmp_path / "corrections.yml"
    corr.write_text(text, encoding="utf-8")
    return convert(src, tmp_path / "out", corrections_file=corr)


def case(catalog, marker):
    (c,) = [c for c in catalog["cases"] if marker in c["text"]]
    return c


def test_set_and_clear_place_add_and_remove_tags(src, tmp_path):
    catalog, report = run(src, tmp_path, """
cases:
  - match: {marker: 陈向阳}
    place: {province: 安徽省, city: 芜湖市}
    add_fields: [宗教工作]
    add_methods: [机关统战联络员制度]
  - match: {marker: 童光源, file: 001_b811958664596ffb.txt}
    place: null
    remove_fields: [多党合作]
    remove_methods: [三个一]
""")
    chen = case(catalog, "陈向阳")
    assert chen["place"] == {"province": "安徽省", "city": "芜湖市", "county": None}
    assert "宗教工作" in chen["fields"] and "机关统战联络员制度" in chen["methods"]
    method = next(m for m in catalog["methods"] if m["name"] == "机关统战联络员制度")
    assert method["cases"] == [chen["id"]]
    tong = case(catalog, "童光源")
    assert tong["place"] == {"province": None, "city": None, "county": None}
    assert "多党合作" not in tong["fields"] and "三个一" not in tong["methods"]
    assert not any(m["name"] == "三个一" for m in catalog["methods"])
    assert report.warnings == []
    page = (tmp_path / "out" / (chen["url"].removesuffix(".html") + ".md")).read_text(encoding="utf-8")
    assert "芜湖市" in page and "机关统战联络员制度" in page


def test_merge_two_method_names(src, tmp_path):
    catalog, _ = run(src, tmp_path, """
merge_methods:
  - {into: 同心服务团, names: [同心专家服务团]}
""")
    (m,) = [m for m in catalog["methods"] if m["name"] == "同心服务团"]
    assert "同心专家服务团" in m["aliases"]
    assert len(m["cases"]) == 2  # 襄阳 and 泸州 now share it
    assert not any(x["name"] == "同心专家服务团" for x in catalog["methods"])
    assert "同心服务团" in case(catalog, "易小飞")["methods"]


def test_split_and_join_cases(src, tmp_path):
    catalog, _ = run(src, tmp_path, """
join:
  - {file: 001_b811958664596ffb.txt, lines: [21, 37]}
split:
  - {file: 003_4eef5482484286f5.txt, at_line: 17}
""")
    joined = case(catalog, "郑永刚")
    assert "汪胜涌" in joined["text"]
    assert len([c for c in catalog["cases"] if c["source"]["file"] == "001_b811958664596ffb.txt"]) == 3
    assert len([c for c in catalog["cases"] if c["source"]["file"] == "003_4eef5482484286f5.txt"]) == 5
    tail = next(c for c in catalog["cases"] if c["source"]["first_line"] == 17)
    assert tail["text"].startswith("坚持服务中心大局")


def test_a_correction_that_matches_nothing_is_reported(src, tmp_path):
    _, report = run(src, tmp_path, """
cases:
  - match: {marker: 这句话不在任何案例里}
    add_fields: [宗教工作]
merge_methods:
  - {into: 不存在的方法, names: [也不存在]}
""")
    assert len(report.warnings) == 2
    assert "cases[0] matches nothing" in report.warnings[0]
    assert "merge_methods[0] matches nothing" in report.warnings[1]


def test_bad_corrections_file_is_a_clear_error(src, tmp_path):
    with pytest.raises(CorrectionError, match="cases\\[0\\]: match is missing"):
        run(src, tmp_path, "cases:\n  - place: null\n")
    corr = tmp_path / "bad.yml"
    corr.write_text("cases: [", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "casebook.cli", "convert", str(src), str(tmp_path / "o"), "--corrections", str(corr)],
                         capture_output=True, text=True)
    assert res.returncode == 2 and "not valid YAML" in res.stderr and "Traceback" not in res.stderr


def test_bundled_corrections_file_has_no_stale_entry(tmp_path):
    """cases/corrections.yml, as `make site` applies it to the bundled corpus, matches everything it names."""
    from conftest import ROOT

    _, report = convert(SOURCES, tmp_path / "out", corrections_file=ROOT / "cases" / "corrections.yml")
    assert not [w for w in report.warnings if "matches nothing" in w]


# --- F10: entries of the wrong type are named, never a traceback or a silent wrong tag --------

# Each entry matches a case or a file of ``src``, so that it is applied, not only loaded.
WRONG_TYPES = {
    "match-is-text": ("cases: [{match: 'id'}]", "cases[0].match: expected a mapping of id, marker, file"),
    "place-is-text": ("cases: [{match: {marker: 童光源}, place: 湖北}]", "cases[0].place: expected a mapping of province"),
    "methods-not-text": ("cases: [{match: {marker: 童光源}, add_methods: [123, null]}]",
                         "cases[0].add_methods[0]: expected text, got the number 123"),
    "marker-is-list": ("cases: [{match: {marker: [a]}}]", "cases[0].match.marker: expected text, got a list"),
    "split-is-text": ("split: [hello]", "split[0]: expected a mapping of file, at_line, got the text 'hello'"),
    "split-no-line": ("split: [{file: 001_b811958664596ffb.txt}]", "split[0]: at_line is missing"),
    "split-line-text": ("split: [{file: 001_b811958664596ffb.txt, at_line: abc}]",
                        "split[0].at_line: expected a line number (1 or more)"),
    "join-lines-number": ("join: [{file: 001_b811958664596ffb.txt, lines: 5}]",
                          "join[0].lines: expected a list of line numbers"),
    "merge-is-text": ("merge_methods: [x]", "merge_methods[0]: expected a mapping of into, names"),
    "fields-is-text": ("cases: [{match: {marker: 童光源}, add_fields: 宗教工作}]",
                       "cases[0].add_fields: expected a list of field names, got the text '宗教工作'"),
    "title-null": ("cases: [{match: {marker: 童光源}, title: null}]", "cases[0].title: expected text, got nothing (null)"),
}


@pytest.mark.parametrize("command", ["convert", "check"])
@pytest.mark.parametrize("variant", WRONG_TYPES)
def test_an_entry_of_the_wrong_type_is_one_line_naming_it(src, tmp_path, capsys, command, variant):
    from casebook.cli import main

    text, expected = WRONG_TYPES[variant]
    corr = tmp_path / "corrections.yml"
    corr.write_text(text + "\n", encoding="utf-8")
    out = [str(tmp_path / "out")] if command == "convert" else []
    args = [command, str(src), *out, "--corrections", str(corr)]
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"casebook: {corr}: {err.split(': ', 2)[2]}" and err.count("\n") == 1, err
    assert expected in err, err
    assert not (tmp_path / "out" / "catalog.json").exists()  # nothing written


def test_an_unknown_section_or_operation_is_named(src, tmp_path):
    with pytest.raises(CorrectionError, match=r"corrections.yml: case: unknown key \(expected one of cases, "):
        run(src, tmp_path, "case: []\n")
    with pytest.raises(CorrectionError, match=r"cases\[0\]\.add_field: unknown key \(expected one of match, place, "):
        run(src, tmp_path, "cases: [{match: {marker: 童光源}, add_field: [宗教工作]}]\n")
    with pytest.raises(CorrectionError, match=r"cases\[0\]\.match: expected at least one of id, marker, file"):
        run(src, tmp_path, "cases: [{match: {}}]\n")
