"""Saved web pages whose markup defeats a tree parser: every visible character still arrives.

The pages are made up here: deeply nested or never-closed tags (libxml2 stops at depth 256,
2048 with huge_tree), XHTML with an encoding declaration, and ordinary pages with scripts,
styles, SVG and comments that the loss check must not mistake for lost text.
"""

from __future__ import annotations

import pytest

from casebook import read_html
from casebook.pipeline import convert
from casebook.read import ReadError, read_document
from test_ledger import accounted, chars

NAV = '<div class="nav"><a href="/">首页</a> | <a href="/news">要闻</a> | <a href="/case">实践</a></div>'
FOOT = '<div class="footer">版权所有 某某网 备案号 0000</div>'


def para(i: int) -> str:
    return f"第{i}段：县委统战部组织党外人士开展调研，形成调研报告一篇，提出意见建议若干条。"


def unclosed_font_page(n: int) -> str:
    """Every paragraph opens a <font> that is never closed: each one nests two levels deeper."""
    body = "".join(f'<p><font color="#333333">{para(i)}' for i in range(1, n + 1))
    return f'<html><head><meta charset="utf-8"><title>调研</title></head><body>{NAV}<h1>调研工作纪实</h1>{body}</body></html>'


def nested_div_page(n: int) -> str:
    body = "<div>" * n + para(1) + "".join(f"<div>{para(i)}</div>" for i in range(2, 6)) + "</div>" * n
    return f'<html><head><meta charset="utf-8"><title>调研</title></head><body><h1>调研工作纪实</h1>{body}</body></html>'


def texts(path) -> str:
    return "\n".join(ln.text for ln in read_document(path).lines)


def test_400_unclosed_font_paragraphs_are_all_read(tmp_path):
    path = tmp_path / "font.html"
    path.write_text(unclosed_font_page(400), encoding="utf-8")
    got = texts(path)
    assert all(para(i) in got for i in range(1, 401))


def test_unclosed_fonts_deeper_than_the_parser_limit_are_all_read(tmp_path):
    path = tmp_path / "font.html"
    path.write_text(unclosed_font_page(1500), encoding="utf-8")  # 3,000 levels, past huge_tree's 2,048
    got = texts(path)
    assert all(para(i) in got for i in range(1, 1501))


def test_5000_nested_divs_are_all_read(tmp_path):
    path = tmp_path / "divs.html"
    path.write_text(nested_div_page(5000), encoding="utf-8")
    got = texts(path)
    assert all(para(i) in got for i in range(1, 6))


def test_deep_page_article_is_the_case_and_its_chrome_the_ledger(tmp_path):
    """trafilatura parsed with the same depth limit: the article past paragraph 127 was web chrome."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "font.html").write_text(unclosed_font_page(400).replace("</body>", FOOT + "</body>"), encoding="utf-8")
    catalog, report = convert(src, tmp_path / "out")
    assert not report.failed
    text = "\n".join(c["text"] for c in catalog["cases"])
    assert para(1) in text and para(300) in text and para(400) in text
    assert "web-chrome" not in {r["reason"] for r in catalog["removed"] if "段：" in r["text"]}
    doc = read_document(src / "font.html")
    assert accounted(catalog, "font.html") == chars("\n".join(ln.text for ln in doc.lines))


def test_text_lost_by_the_reader_fails_loudly(tmp_path, monkeypatch):
    """The loss check itself: a reader that drops a line is caught, named, and the rest converts."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "page.html").write_text(unclosed_font_page(20), encoding="utf-8")
    (src / "note.txt").write_text("县委统战部召开党外人士座谈会，听取意见建议。\n", encoding="utf-8")
    real = read_html._visible_lines
    monkeypatch.setattr(read_html, "_visible_lines", lambda root: real(root)[:-1])
    with pytest.raises(ReadError, match="could not read all of its text"):
        read_document(src / "page.html")
    catalog, report = convert(src, tmp_path / "out")
    assert len(report.failed) == 1 and report.failed[0].startswith("page.html: ")
    assert report.documents == 1 and catalog["cases"]


XHTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh-CN"><head><title>座谈会</title></head>
<body><h1>县委统战部召开党外人士座谈会</h1>
<p>近日，县委统战部召开党外人士座谈会，听取对全县经济社会发展的意见建议。</p>
<p>与会人员围绕优化营商环境、促进民营经济发展等议题踊跃发言，提出意见建议十余条。</p></body></html>
"""


def test_xhtml_with_an_encoding_declaration_is_read(tmp_path):
    path = tmp_path / "page.xhtml.html"
    path.write_text(XHTML, encoding="utf-8")
    got = texts(path)
    assert "县委统战部召开党外人士座谈会" in got and "提出意见建议十余条" in got


ORDINARY = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>工作动态_某某网</title>
<style>p { color: red } /* <p>不是正文</p> */</style><script>var s = "<p>不是正文</p>";</script>
<!--[if lt IE 9]><p>请升级浏览器</p><![endif]--></head>
<body><noscript>请启用脚本</noscript><svg width="10"><title>图标</title><text>图</text></svg>
<template><p>模板文字</p></template><iframe src="/x">框架</iframe>
{nav}<h1>党外人士建言献策 &amp; 助力发展</h1>
<p>近年来，市委统战部&nbsp;坚持“三访三问”工作法&#xff0c;组织党外人士深入基层&#12290;<br>调研走访企业
  <b>二十余家</b>，<i>形成</i>调研报告<span>三篇</span>。</p>
<!-- 注释里的文字 -->
<table><tr><th>项目</th><td>次数</td></tr><tr><td>走访</td><td>20</td></tr></table>
<ul><li>一是<a href="/a">走访</a>；</li><li>二是座谈。</li></ul>
<p>文中 a &lt; b 与 5 > 3 照常显示，&copy 2024。</p>
{foot}</body></html>
"""


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_ordinary_page_passes_the_loss_check(tmp_path, encoding):
    path = tmp_path / "page.html"
    page = ORDINARY.replace("{nav}", NAV).replace("{foot}", FOOT)
    path.write_bytes(page.replace('charset="utf-8"', f'charset="{encoding}"').encode(encoding))
    got = texts(path)
    assert "三访三问" in got and "二十余家" in got and "© 2024" in got
    assert any("项目" in line and "次数" in line for line in got.split("\n"))  # a table row stays one line
    for hidden in ("不是正文", "请升级浏览器", "注释里的文字", "图标", "模板文字", "请启用脚本"):
        assert hidden not in got
