"""A document full of markup is shown as text on its case page: no element injected, no
script run, template syntax shown literally, front-matter look-alikes never read as front
matter (issue: hostile input).  Lines above the title shaped like page chrome, and the tags
of a link copied from a web page, go to the removal ledger like any page furniture."""

from __future__ import annotations

import json
import shutil

import pytest

from .site import ROOT, Server, build, convert, search, write_config

HOSTILE = """---
title: 假的前言
layout: evil
---
关于统战工作中防范网络攻击的讲话
同志们：
今天讨论<script>window.__pwned = 1; alert(1)</script>这样的脚本，以及<img src=x onerror="window.__pwned = 2">这样的图片标签。
模板语法 {{ config.site_name }} 和 {% for x in y %} 必须原样显示，*星号*、_下划线_、# 井号、`反引号` 也一样。
| 表头一 | 表头二 |
| --- | --- |
| 单元格 | 单元格 |
## 看起来像标题
[链接](javascript:alert(3)) 与 <a href="javascript:alert(4)">另一个链接</a>。
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    src, docs, site = work / "src", work / "docs", work / "site"
    src.mkdir()
    (src / "hostile <b>x<b> & $(id).txt").write_text(HOSTILE, encoding="utf-8")
    shutil.copy(ROOT / "cases" / "sources" / "002_c78fcdc5d01df34d.txt", src / "speech.txt")
    convert(docs, src)
    result = build(write_config(work, docs, site))
    assert result.returncode == 0, result.stderr
    removed = json.loads((docs / "catalog.json").read_text(encoding="utf-8"))["removed"]
    with Server(site) as srv:
        yield srv, site, removed


def test_markup_in_a_document_is_text_on_its_page(page, hostile_site):
    srv, site, removed = hostile_site
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    case_page = next(p for p in (site / "cases").glob("*.html") if "防范网络攻击" in p.read_text(encoding="utf-8"))
    page.goto(f"{srv.url}cases/{case_page.name}")
    page.wait_for_load_state("load")
    article = page.locator("article")
    text = article.inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert "{{ config.site_name }}" in text and "{% for x in y %}" in text
    assert "*星号*" in text and "# 井号" in text and "| 表头一 | 表头二 |" in text
    # the front-matter look-alike above the title: page chrome in the ledger, never front matter
    ledger = [r["text"] for r in removed if r["file"].startswith("hostile")]
    assert "title: 假的前言" in ledger and "layout: evil" in ledger
    assert "假的前言" not in page.title() and "假的前言" not in text
    assert article.locator("script, img, iframe, table, em, strong >> text=星号").count() == 0
    assert article.locator("a[href^='javascript']").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.title().startswith("关于统战工作中防范网络攻击的讲话")


def test_markup_in_a_document_is_text_in_search_results(page, hostile_site):
    srv, site, _ = hostile_site
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    shown = search(page, srv.url, "防范网络攻击")
    assert shown and shown[0].startswith("cases/")
    results = page.locator("ol.md-search-result__list")
    text = results.inner_text()
    assert "关于统战工作中防范网络攻击的讲话" in text
    assert "<script>window.__pwned = 1;" in text  # the snippet shows the source's text as text
    assert results.locator("script, img, iframe").count() == 0
    assert results.locator("mark", has_text="防范网络攻击").count() >= 1  # the query is marked
    assert page.evaluate("window.__pwned") is None and dialogs == []
