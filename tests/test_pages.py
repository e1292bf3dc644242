"""Unit tests of casebook.pages: the browse pages generated from the catalog."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import markdown

from casebook.pages import FIELDS, md_escape, method_anchors, pinyin_key, write_site_pages


def _case(cid, title, place=(None, None, None), fields=(), methods=(), org=None):
    return {"id": cid, "title": title, "url": f"cases/{cid}/",
            "source": {"file": f"{cid}.txt", "sha256": "0" * 64, "first_line": 1, "last_line": 9},
            "kind": "经验交流", "organization": org, "speaker": None, "speaker_role": None, "year": None,
            "place": dict(zip(("province", "city", "county"), place)), "fields": list(fields),
            "methods": list(methods), "context": None, "text": "正文"}


CATALOG = {
    "cases": [
        _case("xy", "襄阳的做法", ("湖北省", "襄阳市", None), ["基层统战"], ["三先三后", "同心服务团"], "中共襄阳市委统战部"),
        _case("xx", "新乡的做法", ("河南省", "新乡市", "辉县市"), ["基层统战", "党外知识分子"], ["同心服务团"]),
        _case("anon", "某区的安排<script>alert(1)</script>", fields=["宗教工作"], methods=["七个统战"]),
    ],
    "methods": [
        {"name": "三先三后", "aliases": ["三先三后工作法"], "definition": "先谈心*后*办事 [见](javascript:x)", "cases": ["xy"]},
        {"name": "同心服务团", "aliases": [], "definition": None, "cases": ["xy", "xx"]},
        {"name": "七个统战", "aliases": [], "definition": None, "cases": ["anon"]},
    ],
    "removed": [],
}


def _write(tmp_path: Path, catalog=CATALOG) -> dict[str, str]:
    paths = write_site_pages(copy.deepcopy(catalog), tmp_path)
    return {p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8") for p in paths}


def _html(md: str) -> str:
    body = md.split("---\n", 2)[2] if md.startswith("---\n") else md
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc"])


def test_writes_home_place_field_and_method_pages(tmp_path):
    pages = _write(tmp_path)
    assert {"index.md", "places/index.md", "places/unknown.md", "fields/index.md", "methods/index.md"} <= set(pages)
    assert {f"fields/{slug}.md" for slug in FIELDS.values()} <= set(pages)
    assert "places/hubeisheng/index.md" in pages and "places/hubeisheng/xiangyangshi.md" in pages
    assert "places/henansheng/xinxiangshi.md" in pages


def test_home_counts_what_the_library_holds(tmp_path):
    html = _html(_write(tmp_path)["index.md"])
    assert '<span class="cb-num">3</span><span class="cb-label">份原始文档' in html
    assert '<span class="cb-num">3</span><span class="cb-label">个案例' in html
    assert '<span class="cb-num">2</span><span class="cb-label">个城市' in html
    assert '<span class="cb-num">3</span><span class="cb-label">种工作方法' in html


def test_places_tree_counts_and_unknown_group(tmp_path):
    pages = _write(tmp_path)
    idx = pages["places/index.md"]
    assert "湖北省" in idx and "襄阳市" in idx and "辉县市（1）" in idx
    assert idx.index("河南省") < idx.index("湖北省")  # pinyin order: henan < hubei
    unknown = pages["places/unknown.md"]
    assert "../cases/anon.md" in unknown and "xy.md" not in unknown
    city = pages["places/henansheng/xinxiangshi.md"]
    assert "辉县市" in city and "../../cases/xx.md" in city


def test_field_page_lists_cases_and_cities(tmp_path):
    page = _write(tmp_path)[f"fields/{FIELDS['基层统战']}.md"]
    assert "../cases/xy.md" in page and "../cases/xx.md" in page and "anon.md" not in page
    assert "襄阳市" in page and "新乡市" in page
    assert "暂无案例" in _write(tmp_path)[f"fields/{FIELDS['留学人员']}.md"]


def test_glossary_sorted_by_pinyin_with_aliases_definition_and_all_places(tmp_path):
    g = _write(tmp_path)["methods/index.md"]
    names = ["七个统战", "三先三后", "同心服务团"]
    assert sorted(names, key=pinyin_key) == names
    assert g.index("七个统战") < g.index("三先三后") < g.index("同心服务团")
    anchors = method_anchors(names)
    assert f"{{#{anchors['三先三后']}}}" in g
    assert "又称：三先三后工作法" in g
    entry = g[g.index("### 同心服务团"):]
    assert "襄阳市" in entry and "新乡市" in entry  # a method used in two places links both
    assert "../cases/xy.md" in entry and "../cases/xx.md" in entry


def test_source_text_is_shown_literally(tmp_path):
    pages = _write(tmp_path)
    for name in ("methods/index.md", "places/unknown.md", f"fields/{FIELDS['宗教工作']}.md"):
        html = _html(pages[name])
        assert "<script>" not in html and "<em>" not in html
        assert 'href="javascript' not in html
    g = _html(pages["methods/index.md"])
    assert "先谈心&#42;后&#42;办事 &#91;见&#93;&#40;javascript&#58;x&#41;" in g


def test_md_escape():
    assert md_escape("a*b_c <d> & #1. [x](y)") == (
        "a&#42;b&#95;c &#60;d&#62; &#38; &#35;1&#46; &#91;x&#93;&#40;y&#41;")
    assert md_escape("  两行\n文字  ") == "两行 文字"
    assert md_escape(None) == ""


def test_output_is_deterministic(tmp_path):
    a = _write(tmp_path / "a")
    shuffled = copy.deepcopy(CATALOG)
    shuffled["cases"].reverse()
    shuffled["methods"].reverse()
    b = _write(tmp_path / "b", shuffled)
    assert a == b
    again = _write(tmp_path / "a")
    assert again == a


def test_method_anchors_unique_and_ascii():
    anchors = method_anchors(["石榴籽", "十六字", "4321工作法", "酒城E统战"])
    assert len(set(anchors.values())) == 4
    assert all(a.isascii() and a.startswith("m-") for a in anchors.values())


def test_site_builds_strict_from_pages(tmp_path):
    """The generated pages plus minimal case pages pass mkdocs build --strict."""
    import subprocess
    import sys

    import yaml

    root = Path(__file__).resolve().parents[1]
    docs = tmp_path / "docs"
    (docs / "cases").mkdir(parents=True)
    for c in CATALOG["cases"]:
        fm = {"title": c["title"], "case_id": c["id"], "kind": c["kind"], "place": c["place"],
              "fields": c["fields"], "methods": c["methods"], "source": c["source"], "context": None,
              "related": [], "tags": c["methods"]}
        (docs / "cases" / f"{c['id']}.md").write_text(
            "---\n" + yaml.safe_dump(fm, allow_unicode=True) + "---\n\n正文\n", encoding="utf-8")
    (docs / "catalog.json").write_text(json.dumps(CATALOG, ensure_ascii=False), encoding="utf-8")
    (docs / "catalog.csv").write_text("标题\n", encoding="utf-8-sig")  # the home page links both downloads
    write_site_pages(CATALOG, docs)
    sys.path.insert(0, str(root / "tests"))
    from browser.site import build, write_config

    import shutil
    shutil.copytree(root / "docs" / "assets", docs / "assets")
    res = build(write_config(tmp_path, docs, tmp_path / "site"))
    assert res.returncode == 0, res.stderr
    assert "WARNING" not in res.stderr
    html = (tmp_path / "site" / "cases" / "xy.html").read_text(encoding="utf-8")
    assert 'class="cb-card"' in html and "三先三后" in html
    anon = (tmp_path / "site" / "cases" / "anon.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in anon
