"""Step 6 — pages show source text literally and carry their tags in front matter."""

from __future__ import annotations

import json

import markdown
import yaml

from casebook.escape import md_text
from casebook.pipeline import convert

HOSTILE = """关于统战工作的讲话
同志们：
<script>alert(1)</script> 与 <img src=x onerror=alert(2)> 都不应执行。
模板 {{ config }} 与 {% raw %} 原样显示，*星号* _下划线_ # 井号 | 竖线 |。
---
title: 假的前言
---
"""


def test_md_text_survives_markdown_literally():
    for s in ["<script>alert(1)</script>", "*强调* 与 _下划线_", "# 标题", "| a | b |", "{{ x }}", "[链接](http://x)", "1. 列表", "- 列表"]:
        html = markdown.markdown(md_text(s), extensions=["tables", "attr_list", "md_in_html"])
        assert "<script" not in html and "<em>" not in html and "<h1" not in html and "<table" not in html and "<a " not in html
        assert "<li>" not in html


def test_hostile_document_is_text_in_page_and_front_matter(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    catalog, _ = convert(src, out)
    (case,) = catalog["cases"]
    page = (out / (case["url"].removesuffix(".html") + ".md")).read_text(encoding="utf-8")
    head, body = page.split("\n---\n", 1)
    meta = yaml.safe_load(head.removeprefix("---\n"))
    assert meta["title"] == "关于统战工作的讲话" and meta["case_id"] == case["id"]
    assert "<script>" not in body and "{{" not in body
    html = markdown.markdown(body)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html.replace("&#60;", "&lt;").replace("&#62;", "&gt;") or "&#60;script&#62;" in html
    assert "<script>alert(1)</script>" in case["text"]  # the catalog keeps the real text
    json.dumps(catalog)  # serialisable


def test_a_source_changed_during_the_run_is_published_as_it_was_read(tmp_path):
    import hashlib

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    text = "关于统战工作的讲话\n同志们：\n今年全县要健全基层统战工作网络，配齐统战委员，联系党外人士。\n"
    (src / "a.txt").write_text(text, encoding="utf-8")

    def progress(paths):  # once the document is read, someone saves a new version of it
        yield from paths
        (src / "a.txt").write_text("另一份材料\n" * 3 + text, encoding="utf-8")

    catalog, _ = convert(src, out, progress=progress, workers=1)
    (case,) = catalog["cases"]
    published = (out / "sources" / "a.txt").read_bytes()
    assert published == text.encode("utf-8")
    assert hashlib.sha256(published).hexdigest() == case["source"]["sha256"]
