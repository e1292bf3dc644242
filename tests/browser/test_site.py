"""The built site in a real browser (Debian's chromium through Playwright).

Each test checks what a reader sees: search results in the search box, the
requests the pages make, the pages themselves, and the printed case page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from .site import ROOT, case_page_with, search

pytestmark = pytest.mark.browser

SPEC = yaml.safe_load((ROOT / "tests/data/search-queries.yaml").read_text(encoding="utf-8"))
TOP = SPEC["top"]


@pytest.mark.parametrize("query,marker", [(q["query"], q["marker"]) for q in SPEC["queries"]],
                         ids=[q["query"] for q in SPEC["queries"]])
def test_search_box_finds_the_case(page, server, built_site, query, marker):
    expected = case_page_with(built_site, marker)
    assert len(expected) == 1, f"marker {marker!r} is on {expected}, not on exactly one case page"
    shown = search(page, server.url, query)
    assert expected[0] in shown[:TOP], f"{query!r}: {expected[0]} not in the first {TOP} pages shown: {shown[:8]}"


def test_search_finds_a_method_by_part_of_its_name(page, server, built_site):
    """A reader who remembers only part of a name still reaches the case."""
    for query, marker in (("三先", "童光源"), ("石榴", "易小飞"), ("“三先三后”", "童光源")):
        expected = case_page_with(built_site, marker)
        shown = search(page, server.url, query)
        assert expected and expected[0] in shown[:TOP], (query, shown[:8])


def test_no_request_leaves_the_site(page, server, built_site):
    """Home, a case page and a search: every request goes to the site's own host."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.url)
    page.wait_for_load_state("networkidle")
    case = case_page_with(built_site, "童光源")[0]
    page.goto(server.url + case)
    page.wait_for_load_state("networkidle")
    assert search(page, server.url, "三先三后")
    page.wait_for_load_state("networkidle")
    own = urlparse(server.url).netloc
    foreign = [u for u in requests if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != own]
    assert len(requests) > 5, requests
    assert not foreign, foreign


def test_case_page_card_links_to_field_and_method_pages(page, server, built_site):
    case = case_page_with(built_site, "童光源")[0]
    page.goto(server.url + case)
    card = page.locator(".cb-card")
    assert "湖北省" in card.locator("[data-cb=place]").inner_text()
    assert "襄阳市" in card.locator("[data-cb=place]").inner_text()
    assert "童光源" in card.locator("[data-cb=speaker]").inner_text()
    source = card.locator("[data-cb=source]").inner_text()
    assert "001_b811958664596ffb.txt" in source and "行" in source
    method = card.locator("[data-cb=methods] a", has_text="三先三后").first
    method.click()
    page.wait_for_load_state()
    assert "/methods/" in page.url and "#m-" in page.url
    anchor = page.url.split("#")[1]
    heading = page.locator(f"[id='{anchor}']")
    assert "三先三后" in heading.inner_text()
    assert heading.is_visible()
    page.go_back()
    page.locator(".cb-card [data-cb=fields] a").first.click()
    page.wait_for_load_state()
    assert "/fields/" in page.url
    assert page.locator("article a[href*='cases/']").count() >= 1


def test_browse_by_place_reaches_the_case(page, server):
    page.goto(server.url)
    page.get_by_role("link", name="按地区").first.click()
    page.get_by_role("link", name="湖北省").first.click()
    page.get_by_role("link", name="襄阳市").first.click()
    page.get_by_role("link", name="坚持三维发力强动能", exact=False).first.click()
    assert "童光源" in page.locator("article").inner_text()


def test_screenshots(page, server, built_site, screenshots):
    """Home, a city page, a method entry and a case page, for a person to look at."""
    shots = {
        "home": "",
        "city": "places/",
        "methods": "methods/",
        "case": case_page_with(built_site, "童光源")[0],
    }
    page.goto(server.url + "places/index.html")
    page.locator("article a", has_text="襄阳市").first.click()
    page.wait_for_load_state()
    shots["city"] = page.url[len(server.url):]
    for name, path in shots.items():
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
        if name == "methods":
            page.locator("[data-cb=none], h3", has_text="三先三后").first.scroll_into_view_if_needed()
        out = screenshots / f"{name}.png"
        page.screenshot(path=str(out), full_page=(name != "methods"))
        assert out.stat().st_size > 10_000
    assert "统战工作案例库" in page.title()


def test_printed_case_page_is_a_clean_document(page, server, built_site, screenshots):
    page.goto(server.url + case_page_with(built_site, "童光源")[0])
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
                   ".md-footer"):
        loc = page.locator(chrome)
        assert loc.count() == 0 or not loc.first.is_visible(), f"{chrome} is printed"
    assert page.locator(".cb-card").is_visible()
    assert "童光源" in page.locator("article").inner_text()
    pdf = screenshots / "case-print.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000


def test_a_result_shows_place_and_the_method_searched_for_among_its_tags(page, server, built_site):
    """The case holds 17 methods: the one typed is among the five tags shown, marked."""
    expected = case_page_with(built_site, "童光源")[0]
    search(page, server.url, "三先三后")
    item = page.locator("li.md-search-result__item", has=page.locator(f"a[href*='{expected}']"))
    tags = item.locator(".md-tag")
    assert 1 <= tags.count() <= 5
    assert tags.first.inner_text() == "襄阳市"
    assert item.locator(".md-tag mark", has_text="三先三后").count() == 1
