"""Word files and saved web pages: the text in reading order; the page's chrome in the ledger."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from casebook.pipeline import convert
from casebook.read import ReadError, read_document
from test_ledger import accounted, chars

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>坚持“五访五帮”工作法_某某统战网</title>
<script>document.write("<p>不是正文</p>")</script></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/news">统战要闻</a> | <a href="/case">基层实践</a></div>
<div class="crumb">当前位置：首页 &gt; 基层实践</div>
<article><h1>坚持“五访五帮”工作法 凝聚基层统战合力</h1>
<p>近年来，修水县委统战部坚持“五访五帮”工作法，深入乡镇走访党外人士，帮助解决实际困难，推动基层统战工作提质增效。</p>
<p>一是健全组织网络。在全县36个乡镇设立统战工作站，配齐统战委员，实现基层统战工作全覆盖，修水县各乡镇统战工作有人抓、有人管。</p>
<table><tr><td>乡镇</td><td>统战委员</td></tr><tr><td>义宁镇</td><td>5人</td></tr></table>
<p>二是创新活动载体。组建“同心帮扶团”，组织党外专家深入村组开展技术服务，累计服务群众3000余人次。</p>
</article>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a">某县召开统战工作会议</a></li></ul></div>
<div class="footer">版权所有 © 某某统战网</div></body></html>
"""


def make_docx(path: Path) -> None:
    d = docx.Document()
    d.add_heading("在全县统战工作会议上的讲话", 1)
    d.add_paragraph("同志们：")
    d.add_paragraph("今年以来，全县统战工作坚持“三访三问”工作法，成效明显。")
    t = d.add_table(rows=2, cols=2)
    for (r, c), v in {(0, 0): "项目", (0, 1): "数量", (1, 0): "走访党外人士", (1, 1): "120人"}.items():
        t.cell(r, c).text = v
    d.add_paragraph("一、提高政治站位。要坚持党的领导。")
    d.save(path)


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path):
    path = tmp_path / "speech.docx"
    make_docx(path)
    lines = [ln.text for ln in read_document(path).lines]
    assert lines == [
        "在全县统战工作会议上的讲话",
        "同志们：",
        "今年以来，全县统战工作坚持“三访三问”工作法，成效明显。",
        "项目\u3000数量",
        "走访党外人士\u3000120人",
        "一、提高政治站位。要坚持党的领导。",
    ]


def test_truncated_docx_says_what_to_do(tmp_path):
    good = tmp_path / "good.docx"
    make_docx(good)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(ReadError, match="damaged or truncated"):
        read_document(bad)


def test_docx_converts_into_a_tagged_case(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    make_docx(src / "speech.docx")
    catalog, report = convert(src, tmp_path / "out")
    (case,) = catalog["cases"]
    assert case["title"] == "在全县统战工作会议上的讲话" and case["kind"] == "讲话"
    assert "三访三问工作法" in case["methods"]


def test_web_page_article_kept_and_chrome_in_the_ledger(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "page.html").write_text(PAGE, encoding="utf-8")
    catalog, _ = convert(src, tmp_path / "out")
    (case,) = catalog["cases"]
    assert case["title"] == "坚持“五访五帮”工作法 凝聚基层统战合力"
    assert "义宁镇" in case["text"] and "不是正文" not in case["text"]
    assert case["place"]["county"] == "修水县"
    removed = {r["text"]: r["reason"] for r in catalog["removed"]}
    assert removed["当前位置：首页 > 基层实践"] == "web-chrome"
    assert removed["某县召开统战工作会议"] == "web-chrome"
    assert "版权所有 © 某某统战网" in removed
    # nothing lost: the page's visible text = case + ledger
    doc = read_document(src / "page.html")
    assert accounted(catalog, "page.html") == chars("\n".join(ln.text for ln in doc.lines))


def test_gbk_web_page(tmp_path):
    path = tmp_path / "gbk.htm"
    path.write_bytes(PAGE.replace('charset="utf-8"', 'charset="gbk"').replace("©", "").encode("gbk"))
    assert any("五访五帮" in ln.text for ln in read_document(path).lines)
