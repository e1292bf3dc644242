"""Unit tests of casebook.pages: the browse pages generated from the catalog."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import markdown
import yaml

from casebook.pages import md_escape, method_anchors, pinyin_key, site_fields, write_site_pages


def _case(cid, title, place=(None, None, None), fields=(), methods=(), org=None):
    return {"id": cid, "title": title, "url": f"cases/{cid}/",
            "source": {"file": f"{cid}.txt", "copy": f"{cid}.txt", "sha256": "0" * 64, "first_line": 1, "last_line": 9},
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
    assert {f"fields/{slug}.md" for slug in site_fields().values()} <= set(pages)
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
    page = _write(tmp_path)[f"fields/{site_fields()['基层统战']}.md"]
    assert "../cases/xy.md" in page and "../cases/xx.md" in page and "anon.md" not in page
    assert "襄阳市" in page and "新乡市" in page
    assert "暂无案例" in _write(tmp_path)[f"fields/{site_fields()['留学人员']}.md"]


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
    for name in ("methods/index.md", "places/unknown.md", f"fields/{site_fields()['宗教工作']}.md"):
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


# --- cross-city learning: method pages, families, matrix, map, places side by side ---

from casebook.families import display_parts, shape_of  # noqa: E402
from casebook.mapgrid import TILES  # noqa: E402


def _learning_catalog() -> dict:
    cat = copy.deepcopy(CATALOG)
    cat["cases"][0]["year"] = 2023
    cat["cases"].append(_case("lz", "泸州的做法", ("四川省", "泸州市", None), ["基层统战", "宗教工作"],
                              ["4321工作法", "同心专家服务团"]))
    cat["methods"] += [
        {"name": "4321工作法", "aliases": [], "definition": "“4”即四心定位，“3”即三线标准",
         "parts": ["“4”即四心定位", "“3”即三线标准"], "cases": ["lz"]},
        {"name": "同心专家服务团", "aliases": [], "definition": None, "parts": [], "cases": ["lz"]},
    ]
    return cat


def test_method_shapes_are_recognised_by_form():
    assert {shape_of(n, a) for n, a in [("三先三后工作法", ["三先三后"]), ("四巡四查", []), ("五比五看活动", []),
                                        ("一站六会", []), ("四好五化六有", [])]} == {"pairs"}
    assert {shape_of(n) for n in ["1+N", "1+10+N", "中心+会+团+室+库"]} == {"plus"}
    assert {shape_of(n) for n in ["四个深谈机制", "三个一", "十个一活动"]} == {"ge"}
    assert shape_of("4321工作法") == "digits" and shape_of("六有") == "numeral"
    assert shape_of("同心服务团") == "named" and shape_of("石榴籽调解体系") == "named"


def test_a_plus_name_is_broken_into_the_pieces_its_definition_gives():
    m = {"name": "1+10+N", "aliases": [], "definition": "1（市级）+10（重点领域）+N（部门单位）",
         "parts": ["1（市级）+10（重点领域）+N（部门单位）"]}
    assert display_parts(m) == ["1（市级）", "10（重点领域）", "N（部门单位）"]
    four = {"name": "4321工作法", "aliases": [], "parts": ["a", "b", "c", "d"]}
    assert display_parts(four) == ["a", "b", "c", "d"]


def test_each_method_has_a_page_with_parts_places_years_sources_and_kin(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "xy.txt").write_text("x", encoding="utf-8")
    pages = _write(tmp_path, _learning_catalog())
    anchors = method_anchors(m["name"] for m in _learning_catalog()["methods"])
    for name, anchor in anchors.items():
        assert f"methods/{anchor}.md" in pages, name
    page = pages[f"methods/{anchors['4321工作法']}.md"]
    html = _html(page)
    assert f'id="{anchors["4321工作法"]}"' in html
    assert '<span class="cb-part__key">4</span>四心定位' in html and '<span class="cb-part__key">3</span>三线标准' in html
    assert "数字串式" in page and "../fields/jiceng-tongzhan.md" in page
    shared = pages[f"methods/{anchors['同心服务团']}.md"]
    table = shared[shared.index("| 地区 |"):]
    assert "湖北省襄阳市" in table and "河南省新乡市辉县市" in table
    assert "| 2023 |" in table and "| — |" in table  # year, or a dash when the text gives none
    assert "[xy&#46;txt](../sources/xy.txt) 第 1–9 行" in table  # a published source is linked
    assert "xx&#46;txt 第 1–9 行" in table and "(../sources/xx.txt)" not in table  # not published: named only
    assert "## 相似方法" in shared and anchors["同心专家服务团"] in shared and "共有词：" in shared
    kin = pages[f"methods/{anchors['三先三后']}.md"]
    assert "## 同一家族的方法" not in kin  # no other 数字叠用式 method in this catalog


def test_glossary_entries_carry_shape_and_fields_for_the_filter(tmp_path):
    g = _write(tmp_path, _learning_catalog())["methods/index.md"]
    assert '<form class="cb-filter" data-cb-filter hidden>' in g
    assert '<option value="pairs">数字叠用式（1）</option>' in g
    assert '<option value="zongjiao-gongzuo">宗教工作（3）</option>' in g
    assert '<div class="cb-gloss" data-shape="digits" data-fields="zongjiao-gongzuo jiceng-tongzhan" markdown>' in g
    assert '<div class="cb-gloss" data-shape="named" data-fields="dangwai-zhishifenzi jiceng-tongzhan" markdown>' in g
    fam = _write(tmp_path, _learning_catalog())["methods/families.md"]
    assert "{#shape-pairs}" in fam and "{#shape-digits}" in fam and "{#shape-plus}" not in fam


def test_matrix_counts_cases_per_place_and_field(tmp_path):
    page = _write(tmp_path, _learning_catalog())["places/matrix.md"]
    rows = {line.split("|")[1].strip(): line for line in page.splitlines() if line.startswith("| [")}
    xy = rows["[襄阳市](hubeisheng/xiangyangshi.md) <span class=\"cb-meta\">湖北省</span>"]
    assert "[1](../fields/jiceng-tongzhan.md#p-hubeisheng-xiangyangshi){: .cb-cell .cb-heat-1 }" in xy
    assert xy.rstrip().endswith("| 1 |")
    unknown = rows["[未注明地点](unknown.md)"]
    assert "[1](../fields/zongjiao-gongzuo.md#p-unknown)" in unknown
    header = page.splitlines()[[i for i, l in enumerate(page.splitlines()) if l.startswith("| 地区")][0]]
    assert header.count("../fields/") == len(site_fields())


def test_field_page_sets_the_places_side_by_side(tmp_path):
    page = _write(tmp_path, _learning_catalog())[f"fields/{site_fields()['基层统战']}.md"]
    html = _html(page)
    for anchor in ("p-hubeisheng-xiangyangshi", "p-henansheng-xinxiangshi", "p-sichuansheng-luzhoushi"):
        assert f'id="{anchor}"' in html
    card = page[page.index('id="p-hubeisheng-xiangyangshi"'):]
    card = card[:card.index("</div>")]
    assert "三先三后" in card and "同心服务团" in card and "4321" not in card
    assert "先谈心&#42;后&#42;办事" in card  # the definition, escaped, as a one-line gloss


def test_map_has_every_province_coloured_by_cases_and_linked(tmp_path):
    page = _write(tmp_path, _learning_catalog())["places/map.md"]
    assert len(TILES) == 34 and len({t[0] for t in TILES}) == 34
    assert len({(t[2], t[3]) for t in TILES}) == 34  # no two provinces on one square
    assert '[湖北<span class="cb-tile__n">1</span>](hubeisheng/index.md){: .cb-tile .cb-heat-1' in page
    assert '<span class="cb-tile cb-heat-0 cb-col-5 cb-row-2" data-province="北京市" data-count="0">北京</span>' in page
    assert len(re.findall(r'class="cb-tile cb-heat-\d', _html(page))) == 34


def test_new_pages_show_source_text_literally(tmp_path):
    cat = _learning_catalog()
    cat["cases"][0]["place"]["city"] = "襄<b>阳</b>市"
    cat["methods"][0]["parts"] = ["<img src=x onerror=alert(1)>", "*强调*"]
    pages = _write(tmp_path, cat)
    for name, md in pages.items():
        html = _html(md)
        assert "<script>" not in html and "<img" not in html and "<b>" not in html and "<em>" not in html, name



def test_front_matter_holds_any_name_whole(tmp_path):
    """Issue 12: a place (set by a correction) or method name holding a newline, a `---`
    line, quotes and HTML stays inside its page's front matter, read back as MkDocs reads
    it, and the page body shows it only escaped."""
    from mkdocs.utils.meta import get_data

    evil = "试验市\n---\n<img src='x' onerror='alert(1)'>\n...\n\"引号\"\\"
    cat = _learning_catalog()
    cat["cases"][0]["place"] = {"province": "湖北省", "city": evil, "county": None}
    cat["methods"][0]["name"] = cat["cases"][0]["methods"][0] = "1+N\n---\ntitle: 假"
    titles = {}
    for name, md in _write(tmp_path, cat).items():
        body, meta = get_data(md)
        assert md.startswith("---\n") and set(meta) >= {"title"}, name
        titles[name] = meta["title"]
        html = _html(body)
        assert "<img" not in html and "<hr" not in html and "title: 假" not in body, name
    assert evil in titles.values() and "1+N\n---\ntitle: 假" in titles.values()

# --- browse pages at scale: lists are cut, say so, and link to the rest ---

from casebook import pages as pages_mod  # noqa: E402

_SYLLABLES = "安白陈邓范高韩金李马欧潘秦任孙唐王吴夏杨张赵"


def _big_catalog(n_cases: int = 600, n_methods: int = 400) -> dict:
    methods = [f"{_SYLLABLES[i % len(_SYLLABLES)]}{'一二三四五六七八九'[i // len(_SYLLABLES) % 9]}同心{i}号" for i in range(n_methods)]
    cases = []
    for i in range(n_cases):
        city = ("湖北省", "襄阳市", None) if i % 2 else ("河南省", "新乡市", None)
        cases.append(_case(f"c{i}", f"第{i}个做法", city, ["基层统战"], [methods[i % n_methods], methods[(i * 7 + 1) % n_methods]]))
    return {"cases": cases, "removed": [],
            "methods": [{"name": m, "aliases": [], "definition": None,
                         "cases": [c["id"] for c in cases if m in c["methods"]]} for m in methods]}


def test_a_large_glossary_is_cut_into_pages_in_pinyin_order(tmp_path):
    cat = _big_catalog()
    pages = _write(tmp_path, cat)
    letter_pages = {k: v for k, v in pages.items() if k.startswith("methods/list-")}
    assert len(cat["methods"]) > pages_mod.GLOSSARY_SPLIT
    assert len(letter_pages) == -(-len(cat["methods"]) // pages_mod.GLOSSARY_PAGE)
    index = pages["methods/index.md"]
    for path in letter_pages:
        assert f"({path.split('/')[1]})" in index  # the index links every initial's page
    for m in cat["methods"]:
        holders = [k for k, v in letter_pages.items() if f"### {md_escape(m['name'])} " in v]
        assert len(holders) == 1, (m["name"], holders)
    assert "### " not in index
    first = [pinyin_key(re.search(r"^### (.+?) \{", v, re.M).group(1)) for _, v in
             sorted(letter_pages.items(), key=lambda kv: int(re.sub(r"\D", "", kv[0])))]
    assert first == sorted(first)  # page after page in pinyin order


def test_field_home_and_province_pages_stay_bounded(tmp_path):
    small = _write(tmp_path / "a", _big_catalog(200, 100))
    big = _write(tmp_path / "b", _big_catalog(800, 400))
    field = f"fields/{site_fields()['基层统战']}.md"
    for name in (field, "index.md", "places/hubeisheng/index.md", "methods/families.md"):
        assert len(big[name]) < 1.5 * len(small[name]) + 2_000, (name, len(small[name]), len(big[name]))
    card = big[field][big[field].index('id="p-hubeisheng-xiangyangshi"'):]
    card = card[:card.index("</div>")]
    assert card.count("../cases/") == pages_mod.CARD_CASES_MAX and "共 400 个" in card
    assert card.count("../methods/m-") == pages_mod.CARD_METHODS_MAX and "…… 共 " in card
    assert "全部 400 个案例" in big["places/hubeisheng/index.md"]
    assert big["index.md"].count("](methods/m-") == pages_mod.HOME_SHARED_MAX


def test_a_field_added_to_fields_yml_gets_its_page_with_no_code_change(rules_dir, tmp_path):
    """The fields and their slugs live in cases/fields.yml only: a new field is tagged, gets a
    page (its slug made from its pinyin when fields.yml gives none) and a row on the fields index."""
    from casebook.pipeline import convert

    path = rules_dir / "fields.yml"
    cfg = yaml.safe_load(path.read_text(encoding="utf-8"))
    cfg["fields"]["文化交流"] = ["文化交流", "非遗传承"]
    cfg["fields"]["体育联谊"] = ["体育联谊", "友谊赛"]
    cfg["slugs"]["体育联谊"] = "tiyu-lianyi"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "交流.txt").write_text(
        "某县开展文化交流的做法\n\n近年来，某县统战部以文化交流为纽带，组织非遗传承人开展文化交流活动，"
        "举办体育联谊友谊赛，体育联谊活动每年一届，非遗传承成果丰硕。\n", encoding="utf-8")
    docs = tmp_path / "docs"
    catalog, _ = convert(src, docs)
    assert {"文化交流", "体育联谊"} <= set(catalog["cases"][0]["fields"])
    for slug in ("f-wenhuajiaoliu", "tiyu-lianyi"):
        page = (docs / "fields" / f"{slug}.md").read_text(encoding="utf-8")
        assert "某县开展文化交流的做法" in page
    index = (docs / "fields" / "index.md").read_text(encoding="utf-8")
    assert "f-wenhuajiaoliu" in index and "tiyu-lianyi" in index and "体育联谊" in index
    assert "统一战线工作的 17 个领域" in index
