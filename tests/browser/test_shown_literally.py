"""What the site shows is the text as written (issue 12): a place set by a correction cannot
end a page's front matter or add an element, a title is escaped exactly once in the browser
tab, and a title holding an entity's characters shows them in search results."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from .site import Server, build, convert, search, write_config

pytestmark = pytest.mark.browser

# Made up for these tests: one short experience report.
DOCUMENT = """青柠檬联络站助力民族团结的做法
市委统战部
近年来，我们在社区设立青柠檬联络站，探索“三联三帮”工作法，把联系服务做到群众身边。
一、建立联络机制。联络站每月组织一次座谈，听取各族群众的意见和建议。
二、开展结对帮扶。组织党外人士与困难家庭结对，帮助解决就业和就学的实际困难。
三、搭建交流平台。举办文化活动和技能培训，促进各族群众交往交流交融。
"""
PAYLOAD = "<img src='x' onerror='window.__pwned=1'>"
EVIL_CITY = f"试验市\n---\n{PAYLOAD}\n"  # a newline, a front-matter fence, then HTML
TITLE = "青柠檬联络站&amp;侨务工作的体会"  # the five characters &amp; are part of the title
CORRECTIONS = {"cases": [{"match": {"marker": "青柠檬联络站"}, "title": TITLE,
                          "place": {"province": "湖北省", "city": EVIL_CITY, "county": None}}]}


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    """The document above, converted with the corrections above, built and served."""
    work = tmp_path_factory.mktemp("corrected")
    src, docs, site = work / "src", work / "docs", work / "site"
    src.mkdir()
    (src / "联络站.txt").write_text(DOCUMENT, encoding="utf-8")
    corrections = work / "corrections.yml"
    corrections.write_text(yaml.safe_dump(CORRECTIONS, allow_unicode=True), encoding="utf-8")
    convert(docs, src, "--corrections", str(corrections))
    result = build(write_config(work, docs, site))
    assert result.returncode == 0, result.stderr
    with Server(site) as srv:
        yield srv, site


def _watch(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def test_a_corrected_place_is_text_on_the_place_pages(page, corrected_site):
    srv, site = corrected_site
    dialogs = _watch(page)
    city_pages = [p for p in (site / "places").rglob("*.html") if p.name.startswith("shiyanshi")]
    assert len(city_pages) == 1, city_pages
    page.goto(srv.url + city_pages[0].relative_to(site).as_posix())
    page.wait_for_load_state("load")
    article = page.locator("article")
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert page.locator("img[src=x], img[onerror], article hr").count() == 0
    assert PAYLOAD in article.locator("h1").inner_text()
    assert PAYLOAD in page.title() and page.title().startswith("试验市")
    assert "青柠檬联络站" in article.inner_text()  # the page's own list of cases, not cut off
    for index in ("places/index.html", "places/hubeisheng/index.html"):
        page.goto(srv.url + index)
        assert PAYLOAD in page.locator("article").inner_text()
        assert page.locator("img[src=x], img[onerror]").count() == 0 and page.evaluate("window.__pwned") is None


def test_a_corrected_place_is_text_on_the_case_page(page, corrected_site):
    srv, site = corrected_site
    dialogs = _watch(page)
    case = next((site / "cases").glob("*.html"))
    page.goto(srv.url + "cases/" + case.name)
    assert PAYLOAD in page.locator("[data-cb=place]").inner_text()
    assert page.locator("img[src=x], img[onerror]").count() == 0
    assert page.evaluate("window.__pwned") is None and dialogs == []


def test_a_title_holding_an_entity_shows_it_as_written(page, corrected_site):
    srv, site = corrected_site
    case = next((site / "cases").glob("*.html"))
    page.goto(srv.url + "cases/" + case.name)
    assert page.locator("article h1").inner_text() == TITLE
    assert page.title() == f"{TITLE} - 统战工作案例库"
    shown = search(page, srv.url, "青柠檬联络站")
    assert shown and shown[0] == "cases/" + case.name
    first = page.locator("ol.md-search-result__list > li.md-search-result__item").first
    assert first.locator("h1, h2").first.inner_text() == TITLE


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def test_every_page_title_is_escaped_once(built_site):
    """A browser shows <title>'s text with its references read once: what is left must hold
    no reference (1+N written as 1&amp;#43;N showed "1&#43;N" in the tab)."""
    twice = {}
    for path in sorted(built_site.rglob("*.html")):
        m = _TITLE.search(path.read_text(encoding="utf-8"))
        shown = html.unescape(m.group(1)) if m else ""
        if re.search(r"&#\d+;|&#x[0-9a-f]+;|&amp;|&lt;|&gt;|&quot;", shown, re.I):
            twice[path.relative_to(built_site).as_posix()] = shown
    assert not twice, twice


def test_a_method_with_a_plus_shows_it_in_the_tab(page, server, built_site):
    pages = [p for p in sorted((built_site / "methods").glob("m-*.html"))
             if re.search(r"<h1[^>]*>1\+N<", p.read_text(encoding="utf-8").replace("&#43;", "+"))]
    assert pages, "the bundled corpus names the method 1+N"
    page.goto(server.url + pages[0].relative_to(built_site).as_posix())
    assert page.title() == "1+N - 统战工作案例库"
    assert page.locator("article h1").inner_text() == "1+N"
