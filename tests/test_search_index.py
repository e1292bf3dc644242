"""The sharded search index (casebook.search_index): what the browser will load.

The browser side (casebook-search.js: same terms, same hash) is tested by typing into
the real search box (tests/browser/test_site.py, test_search_scale.py)."""

from __future__ import annotations

import json
import re

from casebook import search_index as si


def load(script: str):
    """The arguments of the one call a shard script makes."""
    m = re.fullmatch(r"(__cb\w+)\((.*)\);\n", script, re.S)
    assert m, script[:80]
    return m.group(1), json.loads(f"[{m.group(2)}]")


def test_terms_are_chinese_bigrams_and_ascii_words():
    assert si.terms("三先三后") == ["三先", "先三", "三后"]
    assert si.terms("“4321”工作法") == ["4321", "工作", "作法"]
    # Full-width digits and capitals are read as the reader types them.
    assert si.terms("酒城Ｅ统战 ４３２１") == ["酒城", "e", "统战", "4321"]
    assert si.terms("，。！") == []


def test_hash_is_32_bit_fnv1a_over_utf16_code_units():
    assert si.fnv1a("a") == 0xE40C292C  # the published FNV-1a test vector
    assert si.fnv1a("") == 0x811C9DC5
    assert 0 <= si.fnv1a("三先") < 2**32


def docs():
    return [
        si.Document("cases/a.html", "“三先三后”工作法的实践", body="我们坚持三先三后，做好服务。" * 3,
                    fields={"title": "“三先三后”工作法的实践", "methods": "三先三后"}, tags=["泸州市", "三先三后"],
                    snippet="我们坚持三先三后", order=(1, "四川省", "泸州市")),
        si.Document("cases/b.html", "民族团结进步", body="石榴籽一家亲。提到三先三后一次。" + "民族团结。" * 40,
                    fields={"title": "民族团结进步"}, order=(1, "新疆维吾尔自治区")),
        si.Document("methods/m-x.html", "三先三后", fields={"title": "三先三后"}, order=(0,)),
    ]


def test_a_term_in_the_title_or_methods_weighs_more_than_in_the_body():
    index = si.build(docs())
    postings = {}
    for name, text in index.files.items():
        if name.startswith("t/"):
            postings.update(load(text)[1][1])
    rows = []
    for name in sorted(index.files, key=lambda n: int(re.sub(r"\D", "", n) or 0)):
        if name.startswith("d/"):
            rows += load(index.files[name])[1][1]
    locations = [r[0] for r in rows]
    assert locations == ["methods/m-x.html", "cases/a.html", "cases/b.html"]  # browse pages, then by place
    posting = postings["三先"]
    decoded, at = {}, 0
    for i in range(0, len(posting), 2):
        at += posting[i]
        decoded[locations[at]] = posting[i + 1]
    assert decoded["cases/a.html"] > decoded["cases/b.html"]
    assert set(decoded) == {"cases/a.html", "cases/b.html", "methods/m-x.html"}
    # A browse page is indexed by its title only: body words reach the cases alone.
    assert postings["服务"][0] == locations.index("cases/a.html")
    assert len(postings["服务"]) == 2


def test_every_term_is_in_the_shard_its_hash_names():
    index = si.build(docs())
    _, (manifest,) = load(index.files["manifest.js"])
    assert manifest["n"] == 3 and manifest["terms"] == index.term_shards and manifest["version"] == index.version
    seen = set()
    for k in range(manifest["terms"]):
        call, (number, table) = load(index.files[f"t/{k}.js"])
        assert call == "__cbTerms" and number == k
        for term in table:
            assert si.fnv1a(term) % manifest["terms"] == k
            seen.add(term)
    assert {"三先", "石榴", "民族"} <= seen


def test_shards_stay_small_and_results_come_in_small_files():
    many = [si.Document(f"cases/{i}.html", f"第{i}个案例", body="统一战线工作" * 50 + f"编号{i}号",
                        fields={"title": f"第{i}个案例"}) for i in range(2000)]
    index = si.build(many)
    terms = [len(t.encode()) for n, t in index.files.items() if n.startswith("t/")]
    assert index.term_shards == len(terms) > 1
    results = [t for n, t in index.files.items() if n.startswith("d/")]
    assert len(results) == 2000 // si.DOCS_PER_SHARD
    assert max(len(t.encode()) for t in results) < 2_000


def test_version_follows_the_content_and_nothing_else():
    a, b = si.build(docs()), si.build(list(reversed(docs())))
    assert a.version == b.version and a.files == b.files
    changed = docs()
    changed[1].body += "新增一句。"
    assert si.build(changed).version != a.version


def test_written_under_its_version(tmp_path):
    index = si.build(docs())
    root = si.write(index, tmp_path)
    assert root == tmp_path / index.version
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.js")) == sorted(index.files)


def test_snippet_is_the_start_of_the_text_without_headings():
    assert si.snippet_of("## 一、标题\n正文第一句。\n第二句。") == "正文第一句。 第二句。"
    assert si.snippet_of("字" * 200).endswith("…") and len(si.snippet_of("字" * 200)) == si.SNIPPET_CHARS + 1
    assert si.plain_text('<p class="x">你好</p>') == " 你好 "
    assert si.plain_text("讨论&#60;script&#62;与&#42;星号&#42;") == "讨论<script>与*星号*"
