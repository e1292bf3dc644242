"""Property tests: generated documents (Chinese text, noise lines, outlines, quotes, markup)
through the whole converter — no crash, the ledger balances, a second run is identical."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.pipeline import convert
from casebook.read import read_document
from test_ledger import accounted, chars

HANZI = "统一战线工作坚持党的领导凝聚共识服务大局民主党派无党派人士知识分子民族宗教新阶层港澳台侨基层组织襄阳市县区乡镇村社区同心"
PUNCT = "，。、；：！？“”（）,;:!?()\ufffd"
NOISE = [
    "本文来源于网络，如有侵权请联系删除",
    "点击上方蓝字关注我们",
    "工作经验_基层统战经验_统战工作经验大全",
    "原文链接：http://example.org/a.html",
    "[3]",
    "第 2 页 共 5 页",
    "开通会员下载全部资料",
]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ config }}", "---", "title: 假", "| a | b |", "# 标题", "*强调*", "\\", "&amp;"]
OUTLINE = ["一、", "二、", "（一）", "（二）", "1. ", "2、", "一是", "二要"]

words = st.text(alphabet=HANZI, min_size=1, max_size=12)
quoted = words.map(lambda w: f"“{w}”")
formula = st.sampled_from("一二三四五六七八九十").flatmap(lambda n: st.tuples(st.just(n), st.sampled_from(HANZI), st.sampled_from("一二三四五"), st.sampled_from(HANZI))).map("".join)
piece = st.one_of(words, quoted, formula.map(lambda f: f"“{f}”工作法"), st.sampled_from(PUNCT), st.sampled_from(MARKUP))
sentence = st.lists(piece, min_size=1, max_size=12).map("".join)
line = st.one_of(
    sentence,
    st.tuples(st.sampled_from(OUTLINE), sentence).map("".join),
    st.sampled_from(NOISE),
    st.just(""),
    st.lists(sentence, min_size=2, max_size=6).map("。".join),
    st.sampled_from(["中共某某市委统战部", "市教育局党委书记、局长 王某某", "作者：某某县委统战部 李某", "责任编辑：张某", "同志们："]),
)
# a document may repeat its own paragraphs (a repost pasted twice)
document = st.lists(line, min_size=1, max_size=40).flatmap(
    lambda ls: st.sampled_from([ls, ls + ls])
).map("\n".join)
encoding = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])


@settings(max_examples=int(__import__("os").environ.get("PROPERTY_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=document, enc=encoding)
def test_any_document_converts_and_balances(tmp_path_factory, text, enc):
    tmp = tmp_path_factory.mktemp("prop")
    src = tmp / "src"
    src.mkdir()
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    (src / "doc.txt").write_bytes(data)
    catalog, report = convert(src, tmp / "a")
    if report.failed:  # only a document with no content may fail, and it says so
        assert len(report.failed) == 1
        assert any(m in report.failed[0] for m in ("empty", "no text", "nothing but noise", "not text", "binary"))
        return
    doc = read_document(src / "doc.txt")
    original = chars("\n".join(ln.text for ln in doc.lines))
    assert accounted(catalog, "doc.txt") == original
    again, _ = convert(src, tmp / "b")
    assert json.dumps(again, ensure_ascii=False) == json.dumps(catalog, ensure_ascii=False)
    for rel in [p.relative_to(tmp / "a") for p in (tmp / "a").rglob("*") if p.is_file()]:
        assert (tmp / "a" / rel).read_bytes() == (tmp / "b" / rel).read_bytes()
