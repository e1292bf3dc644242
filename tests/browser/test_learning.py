"""Cross-city learning in a real browser: the 地区×领域 matrix, field pages side by side,
method pages, related cases and the offline map, each checked against catalog.json.

The bundled corpus has no method used in two places, so the method page is also opened
on a small site built here from three documents (three cities, one shared method).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .site import Server, build, case_page_with, convert, write_config

pytestmark = pytest.mark.browser

FIELDS = ["多党合作", "无党派人士", "党外知识分子", "民族工作", "宗教工作", "民营经济", "新的社会阶层", "留学人员",
          "港澳台", "海外侨务", "党外代表人士", "基层统战", "网络统战", "思想政治引领", "大统战格局"]


@pytest.fixture(scope="session")
def catalog(built_site) -> dict:
    return json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))


def _place_name(case: dict) -> str:
    p = case["place"]
    if not (p["province"] or p["city"] or p["county"]):
        return "未注明地点"
    return p["city"] or p["province"] or "未注明省份"


def _place_label(case: dict) -> str:
    return "".join(case["place"][k] or "" for k in ("province", "city", "county"))


def _open_tab(page, base: str, name: str) -> None:
    page.goto(base)
    page.locator(".md-tabs__link", has_text=name).first.click()
    page.wait_for_load_state()


def _no_foreign(requests: list[str], base: str) -> list[str]:
    own = urlparse(base).netloc
    return [u for u in requests if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != own]


def test_matrix_counts_match_the_catalog_and_a_cell_opens_that_place_in_the_field(page, server, catalog):
    _open_tab(page, server.url, "地区×领域")
    table = page.locator(".cb-matrix table")
    heads = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert heads[0] == "地区" and [re.sub(r"\s", "", h) for h in heads[1:-1]] == FIELDS
    expected = Counter((_place_name(c), f) for c in catalog["cases"] for f in c["fields"])
    totals = Counter(_place_name(c) for c in catalog["cases"])
    rows = table.locator("tbody tr")
    seen = {}
    for r in range(rows.count()):
        cells = rows.nth(r).locator("td")
        place = cells.nth(0).locator("a").first.inner_text().strip()
        for k, field in enumerate(FIELDS, start=1):
            text = cells.nth(k).inner_text().strip()
            seen[(place, field)] = int(text) if text else 0
        assert int(cells.nth(len(FIELDS) + 1).inner_text()) == totals[place], place
    assert {p for p, _ in seen} == set(totals)  # one row per place, 未注明地点 included
    assert {k: v for k, v in seen.items() if v} == dict(expected)

    # 襄阳市 × 基层统战 -> the 基层统战 page, scrolled to 襄阳's card with its cases
    xy = [c for c in catalog["cases"] if _place_name(c) == "襄阳市" and "基层统战" in c["fields"]]
    assert xy, "the bundled 襄阳 case is a 基层统战 case"
    row = rows.filter(has=page.locator("td:first-child a", has_text="襄阳市"))
    row.locator("td").nth(FIELDS.index("基层统战") + 1).locator("a").click()
    page.wait_for_load_state()
    assert "/fields/" in page.url and "#p-" in page.url
    card = page.locator(f"[id='{page.url.split('#')[1]}']")
    assert card.is_visible() and "襄阳市" in card.inner_text()
    for c in xy:
        assert card.locator("a", has_text=c["title"][:12]).count() == 1
        for m in c["methods"]:
            assert card.locator("li a", has_text=m).count() >= 1, m


def test_field_page_sets_places_side_by_side(page, server, catalog):
    _open_tab(page, server.url, "按领域")
    page.locator("article a", has_text="基层统战").first.click()
    page.wait_for_load_state()
    cards = page.locator(".cb-compare .cb-place")
    places = {_place_name(c) for c in catalog["cases"] if "基层统战" in c["fields"]}
    assert cards.count() == len(places) >= 2
    heads = [t.split()[0] for t in cards.locator(".cb-place__head").all_inner_texts()]
    assert set(heads) == places
    boxes = [cards.nth(i).bounding_box() for i in range(min(2, cards.count()))]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"]  # side by side
    for i in range(cards.count()):  # one line per method
        for li in cards.nth(i).locator("li").all():
            assert li.bounding_box()["height"] < 40


def test_related_list_of_the_xiangyang_case(page, server, built_site, catalog):
    url = case_page_with(built_site, "童光源")[0]
    page.goto(server.url + url)
    by_id = {c["id"]: c for c in catalog["cases"]}
    (me,) = [c for c in catalog["cases"] if c["speaker"] == "童光源" or "童光源" in c["text"]]
    items = page.locator(".cb-related li.cb-related__item")
    assert 1 <= items.count() <= 5
    assert items.count() == len(me["related"])
    for k, entry in enumerate(me["related"]):  # same list, same order, same reasons as the catalog
        item = items.nth(k)
        other = by_id[entry["id"]]
        assert item.get_attribute("data-case-id") == entry["id"]
        assert item.locator("a").inner_text().strip() == other["title"]
        assert item.locator("[data-cb=related-reason]").inner_text().strip() == entry["reason"] != ""
        assert item.locator("[data-cb=related-place]").inner_text().strip() == (_place_label(other) or "未注明地点")
        assert other["place"]["city"] != "襄阳市"
    cities = [by_id[e["id"]]["place"]["city"] for e in me["related"]]
    assert sum(1 for c in cities if c) >= 2, cities  # cases from other cities, not only unplaced ones
    first = items.nth(0).locator("a")
    title = first.inner_text().strip()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1.cb-case-title").inner_text().strip() == title


def test_method_page_shows_parts_family_and_similar_methods(page, server, catalog):
    (m,) = [m for m in catalog["methods"] if m["name"].startswith("4321")]
    assert len(m["parts"]) == 4
    _open_tab(page, server.url, "按方法")
    page.locator(".cb-gloss", has=page.locator("h3", has_text="4321工作法")).locator("a", has_text="详情").click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text().strip() == m["name"]
    shown = [p.strip() for p in page.locator("ol.cb-parts li").all_inner_texts()]
    # each part as the text gives it, its key (“4”即) shown as a badge: 4 + 不忘初心…
    assert shown == [re.sub(r"^“(\d)”即", r"\1", p) for p in m["parts"]]
    assert page.locator("ol.cb-parts .cb-part__key").all_inner_texts() == ["4", "3", "2", "1"]
    assert "数字串式" in page.locator(".cb-method-meta").inner_text()
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(m["cases"])


@pytest.fixture(scope="session")
def shared_site(tmp_path_factory):
    """Three documents from three cities that all use “三先三后”工作法."""
    work = tmp_path_factory.mktemp("shared")
    src = work / "src"
    src.mkdir()
    docs = {
        "yichang.txt": "用好“三先三后”工作法 激活基层统战一池春水\n中共宜昌市委统战部（2023年）\n"
                       "2023年，宜昌市委统战部推行“三先三后”工作法，推动基层统战工作落地见效。\n"
                       "一是建强统战工作站。在乡镇（街道）普遍建立统战工作站，配齐统战委员。\n"
                       "二是组建同心服务团。发动党外知识分子组建“同心服务团”，深入村（社区）开展义诊。\n",
        "mianyang.txt": "以“三先三后”工作法凝聚民营经济人士\n中共绵阳市委统战部（2024年）\n"
                        "2024年，绵阳市委统战部把“三先三后”工作法用在民营经济统战工作中，帮助民营企业解决难题。\n"
                        "一是开展民营企业走访。统战部、工商联每月走访民营企业，商会协助收集诉求。\n",
        "luoyang.txt": "“三先三后”工作法在宗教工作中的运用\n中共洛阳市委统战部\n"
                       "洛阳市委统战部在宗教工作中推行“三先三后”工作法，与宗教界人士建立经常性联系。\n"
                       "一是走访宗教活动场所。统战干部定期到宗教活动场所走访。\n",
    }
    for name, text in docs.items():
        (src / name).write_text(text, encoding="utf-8")
    out = convert(work / "docs", src)
    site = work / "site"
    result = build(write_config(work, out, site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [l for l in result.stderr.splitlines() if "WARNING" in l]
    with Server(site) as srv:
        yield srv, json.loads((site / "catalog.json").read_text(encoding="utf-8"))


def test_method_page_lists_every_place_with_year_and_source(page, shared_site):
    server, cat = shared_site
    by_id = {c["id"]: c for c in cat["cases"]}
    m = max(cat["methods"], key=lambda m: len({_place_name(by_id[i]) for i in m["cases"]}))
    places = {_place_name(by_id[i]) for i in m["cases"]}
    assert len(places) == 3, (m["name"], places)
    # a reader reaches it from a case's card, as from any case using it
    page.goto(server.url)
    page.locator(".md-tabs__link", has_text="按方法").first.click()
    page.locator(".cb-gloss", has=page.locator("h3", has_text=m["name"])).locator("a", has_text="详情").click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text().strip() == m["name"]
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(m["cases"])
    got = {}
    for r in range(rows.count()):
        cells = [t.strip() for t in rows.nth(r).locator("td").all_inner_texts()]
        got[cells[1]] = cells
    for cid in m["cases"]:
        c = by_id[cid]
        place, title, year, source = got[c["title"]]
        assert place == _place_label(c)
        assert year == (str(c["year"]) if c["year"] else "—")
        assert c["source"]["file"] in source and f"第 {c['source']['first_line']}–{c['source']['last_line']} 行" in source
    aliases = page.locator("article").inner_text()
    assert all(a in aliases for a in m["aliases"])
    # the source link opens the published document
    link = rows.nth(0).locator("td").nth(3).locator("a")
    resp = page.request.get(link.evaluate("a => a.href"))
    assert resp.ok and "三先三后" in resp.text()


def test_map_shows_the_provinces_coloured_by_cases_and_links_them(page, server, catalog):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    _open_tab(page, server.url, "案例地图")
    page.wait_for_load_state("networkidle")
    tiles = page.locator(".cb-map .cb-tile")
    assert tiles.count() == 34
    per_prov = Counter(c["place"]["province"] for c in catalog["cases"] if c["place"]["province"])
    shown = {t.get_attribute("data-province"): t for t in tiles.all()}
    assert len(shown) == 34 and set(per_prov) <= set(shown)
    colours = defaultdict(set)
    for prov, tile in shown.items():
        n = per_prov.get(prov, 0)
        assert int(tile.get_attribute("data-count")) == n, prov
        linked = tile.evaluate("t => t.tagName") == "A"
        assert linked == (n > 0), prov
        if n:
            assert str(n) in tile.inner_text()
        colours[n > 0].add(tile.evaluate("t => getComputedStyle(t).backgroundColor"))
    assert colours[True] and colours[False] and not (colours[True] & colours[False])
    # laid out like the country: 新疆 west of 黑龙江, 海南 south of 湖北, tiles do not overlap
    box = {p: shown[p].bounding_box() for p in ("新疆维吾尔自治区", "黑龙江省", "湖北省", "海南省")}
    assert box["新疆维吾尔自治区"]["x"] < box["黑龙江省"]["x"] and box["海南省"]["y"] > box["湖北省"]["y"]
    assert box["湖北省"]["width"] > 30 and box["湖北省"]["height"] > 30
    assert not _no_foreign(requests, server.url)
    shown["湖北省"].click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text().strip() == "湖北省"
    assert "襄阳市" in page.locator("article").inner_text()


def test_glossary_filters_by_shape_and_field(page, server, catalog):
    _open_tab(page, server.url, "按方法")
    bar = page.locator("[data-cb-filter]")
    assert bar.is_visible()
    entries = page.locator(".cb-gloss")
    assert entries.count() == len(catalog["methods"])

    def visible_names():
        return {page.locator(".cb-gloss").nth(i).locator("h3").inner_text().strip()
                for i in range(entries.count()) if entries.nth(i).is_visible()}

    bar.locator("select[name=shape]").select_option("pairs")
    names = visible_names()
    assert {"四巡四查", "一站六会"} <= names and any(n.startswith("三先三后") for n in names)
    assert not names & {"1+N", "4321工作法", "同心服务团", "四个深谈机制"}
    assert "?shape=pairs" in page.url
    # letters (headings and the letter bar) and table-of-contents lines of hidden methods go too
    for h in page.locator("h2.cb-letter").all():
        following = h.evaluate("""h => { const out = []; for (let el = h.nextElementSibling;
            el && !el.matches('h2.cb-letter'); el = el.nextElementSibling)
            if (el.classList.contains('cb-gloss')) out.push(el.querySelector('h3').textContent.trim()); return out; }""")
        assert h.is_visible() == bool(set(following) & names), (h.inner_text(), following)
        assert page.locator(f".cb-letters a[href='#{h.get_attribute('id')}']").is_visible() == h.is_visible()
    toc = {t.strip() for t in page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts() if t.strip()}
    assert names <= toc
    visible_toc = {a.inner_text().strip() for a in page.locator(".md-sidebar--secondary .md-nav__link").all()
                   if a.is_visible()}
    assert visible_toc == names
    bar.locator("select[name=shape]").select_option("")
    bar.locator("select[name=field]").select_option("zongjiao-gongzuo")
    by_id = {c["id"]: c for c in catalog["cases"]}
    expected = {m["name"] for m in catalog["methods"] if any("宗教工作" in by_id[i]["fields"] for i in m["cases"])}
    assert visible_names() == expected
    counted = bar.locator("[data-cb-filter-count]").inner_text()
    assert f"{len(expected)} / {len(catalog['methods'])}" in counted
    page.goto(page.url)  # the address keeps the choice
    assert visible_names() == expected


def test_learning_screenshots(page, server, built_site, screenshots, shared_site):
    """The matrix, the map, a method page, a field page and a case's related list, for a person to look at."""
    _open_tab(page, server.url, "地区×领域")
    page.screenshot(path=str(screenshots / "matrix.png"), full_page=True)
    _open_tab(page, server.url, "案例地图")
    page.screenshot(path=str(screenshots / "map.png"), full_page=True)
    _open_tab(page, server.url, "按领域")
    page.locator("article a", has_text="基层统战").first.click()
    page.wait_for_load_state()
    page.screenshot(path=str(screenshots / "field-compare.png"))
    page.goto(server.url + case_page_with(built_site, "童光源")[0])
    page.locator(".cb-related").scroll_into_view_if_needed()
    page.wait_for_timeout(400)  # the header's title swap on scroll is animated
    page.screenshot(path=str(screenshots / "related.png"))
    _open_tab(page, server.url, "按方法")
    page.locator(".cb-gloss", has=page.locator("h3", has_text="4321工作法")).locator("a", has_text="详情").click()
    page.wait_for_load_state()
    page.screenshot(path=str(screenshots / "method-parts.png"), full_page=True)
    srv, cat = shared_site
    page.goto(srv.url)
    page.locator(".md-tabs__link", has_text="按方法").first.click()
    page.locator(".cb-gloss").first.locator("a", has_text="详情").click()
    page.wait_for_load_state()
    page.screenshot(path=str(screenshots / "method-places.png"), full_page=True)
    for name in ("matrix", "map", "field-compare", "related", "method-parts", "method-places"):
        assert (screenshots / f"{name}.png").stat().st_size > 10_000
