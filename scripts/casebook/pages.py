"""Browse pages of the site, generated from the converter's catalog.

`write_site_pages(catalog, docs_dir)` writes the home page and the three ways of
browsing the cases (按地区, 按领域, 按方法) as Markdown under ``docs_dir``. The case
pages themselves are written by the converter; their header card is rendered by
``overrides/main.html`` from the page's front matter.

Every string that comes from the catalog (titles, names, definitions) is passed
through :func:`md_escape`, so that source text shows literally: ``&``, ``<``, ``>``
and the ASCII punctuation Markdown (and the enabled extensions) give a meaning to
are written as numeric character references. Output is deterministic: the same
catalog gives byte-identical files.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import quote
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from pypinyin import Style, lazy_pinyin

from . import data, families, mapgrid
from .escape import md_text
from .front import front_matter_block
from .tag_fields import canonical_fields, field_slugs


UNKNOWN_PLACE = "未注明地点"
_NO_CITY = "未注明城市"
_NO_COUNTY = "市本级或未注明区县"

# Characters written as numeric references: HTML specials and the ASCII
# punctuation that Markdown, attr_list, tables, def_list and pymdownx give a meaning.
_SPACE = re.compile(r"\s+")

# Browse pages must not grow with the corpus without bound (issue 6: at 10,000 cases the
# glossary was 15 MB and a field page 6 MB). Past these sizes a list is cut, says how
# many it left out, and links to where the rest is listed.
HOME_SHARED_MAX = 20  # methods used in several cities, on the home page
CARD_METHODS_MAX = 20  # methods on one place's card of a field page (one bundled case alone has 17)
CARD_CASES_MAX = 5  # cases on that card (the place's page lists them all)
CROWDED_FIELD = 50  # a field page with more place cards than this gets leaner cards:
CROWDED_CARD_METHODS_MAX = 6  # fewer methods and cases per card, no one-line definitions
CROWDED_CARD_CASES_MAX = 3
GLOSSARY_CASES_MAX = 5  # cases under one glossary entry (the method's page lists them all)
GLOSSARY_SPLIT = 300  # more methods than this: the glossary is cut into pages of
GLOSSARY_PAGE = 150  # this many methods each, in pinyin order
FAMILY_MAX = 100  # methods listed per name shape on the families page
PROVINCE_CASES_MAX = 10  # cases per city on a province page (the city page lists them all)


def md_escape(text: object) -> str:
    """Return ``text`` as Markdown inline text that renders literally, on one line."""
    if text is None:
        return ""
    return md_text(_SPACE.sub(" ", str(text)).strip())


@functools.lru_cache(maxsize=None)
def pinyin_key(text: str) -> tuple:
    """Sort key: pinyin (with tone numbers) first, then the text itself."""
    return (" ".join(lazy_pinyin(text, style=Style.TONE3, errors="default")).lower(), text)


def slugify(text: str, fallback: str = "x") -> str:
    """ASCII slug from pinyin: 襄阳市 -> xiangyangshi."""
    raw = "-".join(lazy_pinyin(text, errors="default")).lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", raw) if p]
    slug = "".join(parts)
    return slug[:60] or fallback


@data.rules_cache
def site_fields() -> dict[str, str]:
    """The canonical fields, in the order the site lists them, with their URL slugs: both from
    cases/fields.yml, a field without a slug there named by its pinyin."""
    slugs = field_slugs()
    return {f: slugs.get(f) or "f-" + slugify(f) for f in canonical_fields()}


def field_slug(name: str) -> str:
    return site_fields().get(name) or "f-" + slugify(name)


def unique_slugs(names: Iterable[str], fallback: str, prefix: str = "") -> dict[str, str]:
    """Stable, unique ASCII slugs (prefix + pinyin), numbered -2, -3… where two names collide."""
    result: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names), key=pinyin_key):
        base = prefix + slugify(name, fallback)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        result[name] = slug
    return result


def method_anchors(names: Iterable[str]) -> dict[str, str]:
    """Stable, unique ASCII anchors for method names (``m-`` + pinyin)."""
    return unique_slugs(names, "method", "m-")


def _rel(src: str, dst: str) -> str:
    """Relative Markdown link from docs path ``src`` to docs path ``dst`` (with #anchor).

    Both are plain docs-relative paths (no ``..``), so this is posixpath.relpath without
    its cost (it runs once per link: hundreds of thousands on a large corpus)."""
    path, _, anchor = dst.partition("#")
    here, there = src.split("/")[:-1], path.split("/")
    k = 0
    while k < len(here) and k < len(there) - 1 and here[k] == there[k]:
        k += 1
    link = "/".join([".."] * (len(here) - k) + there[k:])
    return link + ("#" + anchor if anchor else "")


def _link(src: str, dst: str, label: str) -> str:
    return f"[{md_escape(label)}]({_rel(src, dst)})"


def _front(title: str, **extra) -> str:
    """Front matter: the title as written (the hook escapes it once for the page), by YAML."""
    return front_matter_block({"title": str(title), **extra})


class _Site:
    """Indexes over the catalog that every page needs."""

    def __init__(self, catalog: dict):
        self.cases = sorted(catalog.get("cases") or [], key=lambda c: str(c.get("id")))
        self.by_id = {str(c["id"]): c for c in self.cases}
        self.methods = sorted(catalog.get("methods") or [], key=lambda m: pinyin_key(m["name"]))
        self.anchors = method_anchors(m["name"] for m in self.methods)
        self.method_by_name = {m["name"]: m for m in self.methods}
        self.published: set[str] = set()  # source copies under docs/sources/ (set by write_site_pages)
        self._place_keys: list | None = None
        self.place_order: dict = {}
        self.method_cases: dict[str, list[str]] = {}
        carried: dict[str, set[str]] = defaultdict(set)  # method name -> cases that list it
        for c in self.cases:
            for name in c.get("methods") or []:
                carried[name].add(str(c["id"]))
        for m in self.methods:
            ids = {str(i) for i in m.get("cases") or [] if str(i) in self.by_id} | carried.get(m["name"], set())
            self.method_cases[m["name"]] = sorted(ids)
        # place tree: province -> city -> county -> [case ids]
        self.tree: dict[str, dict[str, dict[str, list[str]]]] = {}
        self.unknown: list[str] = []
        for c in self.cases:
            p = c.get("place") or {}
            prov, city, county = p.get("province"), p.get("city"), p.get("county")
            if not (prov or city or county):
                self.unknown.append(str(c["id"]))
                continue
            prov = prov or "未注明省份"
            self.tree.setdefault(prov, {}).setdefault(city or _NO_CITY, {}).setdefault(
                county or _NO_COUNTY, []).append(str(c["id"]))
        self.prov_slugs = self._slugs(self.tree)
        self.city_slugs = {prov: self._slugs(cities) for prov, cities in self.tree.items()}
        # methods as knowledge: shape of the name, fields of the cases using it, similar methods
        self.shapes = {m["name"]: families.shape_of(m["name"], m.get("aliases") or []) for m in self.methods}
        self.method_fields = {
            m["name"]: [f for f in site_fields() if any(f in (self.by_id[i].get("fields") or []) for i in self.method_cases[m["name"]])]
            for m in self.methods}
        self.similar = families.similar_methods(self.methods, self.method_fields)
        self.by_shape: dict[str, list[dict]] = defaultdict(list)
        for m in self.methods:
            self.by_shape[self.shapes[m["name"]]].append(m)

    @staticmethod
    def _slugs(names: Iterable[str]) -> dict[str, str]:
        return unique_slugs(names, "place")

    # paths inside docs/
    def case_path(self, cid: str) -> str:
        return f"cases/{cid}.md"

    def prov_path(self, prov: str) -> str:
        return f"places/{self.prov_slugs[prov]}/index.md"

    def city_path(self, prov: str, city: str) -> str:
        return f"places/{self.prov_slugs[prov]}/{self.city_slugs[prov][city]}.md"

    def method_path(self, name: str) -> str:
        return f"methods/{self.anchors[name]}.md"

    def place_key(self, case: dict) -> tuple[str, str] | None:
        """The place a case counts for in comparisons: (province, city), or None."""
        return self.city_of(case)

    def place_anchor(self, key: tuple[str, str] | None) -> str:
        if key is None:
            return "p-unknown"
        prov, city = key
        return f"p-{self.prov_slugs[prov]}-{self.city_slugs[prov][city]}"

    def place_name(self, key: tuple[str, str] | None) -> str:
        if key is None:
            return UNKNOWN_PLACE
        prov, city = key
        return city if city != _NO_CITY else prov

    def place_page(self, key: tuple[str, str] | None) -> str:
        return "places/unknown.md" if key is None else self.city_path(*key)

    def place_keys(self) -> list[tuple[str, str] | None]:
        """Every place with cases, in pinyin order of province then city; unknown last."""
        if self._place_keys is None:
            keys = [(prov, city) for prov in sorted(self.tree, key=pinyin_key)
                    for city in sorted(self.tree[prov], key=pinyin_key)]
            self._place_keys = keys + ([None] if self.unknown else [])
            self.place_order = {k: n for n, k in enumerate(self._place_keys)}
        return self._place_keys

    def place_label(self, case: dict) -> str:
        p = case.get("place") or {}
        parts = [p.get(k) for k in ("province", "city", "county") if p.get(k)]
        return "".join(parts) or UNKNOWN_PLACE

    def city_of(self, case: dict) -> tuple[str, str] | None:
        p = case.get("place") or {}
        if not (p.get("province") or p.get("city") or p.get("county")):
            return None
        return (p.get("province") or "未注明省份", p.get("city") or _NO_CITY)

    def case_line(self, src: str, cid: str, place: bool = True) -> str:
        c = self.by_id[cid]
        bits = []
        if place:
            bits.append(self.place_label(c))
        who = c.get("organization") or c.get("speaker")
        if who and (not place or who not in bits[0]):
            bits.append(who)
        if c.get("kind"):
            bits.append(c["kind"])
        meta = " · ".join(md_escape(b) for b in bits)
        title = c.get("title") or cid
        return f"- {_link(src, self.case_path(cid), title)}" + (
            f" <span class=\"cb-meta\">{meta}</span>" if meta else "")

    def city_links(self, src: str, ids: Iterable[str]) -> list[str]:
        seen: dict[tuple[str, str], int] = defaultdict(int)
        for cid in ids:
            key = self.city_of(self.by_id[cid])
            if key:
                seen[key] += 1
        out = []
        for (prov, city), n in sorted(seen.items(), key=lambda kv: (pinyin_key(kv[0][0]), pinyin_key(kv[0][1]))):
            label = city if city != _NO_CITY else prov
            out.append(f"{_link(src, self.city_path(prov, city), label)}（{n}）")
        return out


def _count(tree_part) -> int:
    if isinstance(tree_part, list):
        return len(tree_part)
    return sum(_count(v) for v in tree_part.values())


def _home(s: _Site, catalog: dict) -> str:
    src = "index.md"
    docs = {str((c.get("source") or {}).get("file")) for c in s.cases if (c.get("source") or {}).get("file")}
    cities = {s.city_of(c) for c in s.cases if s.city_of(c) and s.city_of(c)[1] != _NO_CITY}
    shared = [m for m in s.methods if len({s.city_of(s.by_id[i]) for i in s.method_cases[m["name"]]} - {None}) > 1]
    out = [_front("首页", hide=["navigation", "toc"])]
    out.append("# 统战工作案例库\n\n")
    out.append('<p class="cb-lead">汇集各地统一战线工作的经验交流、讲话和工作安排，'
               "按地区、领域和工作方法整理，便于相互学习借鉴。</p>\n\n")
    out.append('<div class="cb-stats" markdown>\n\n')
    for n, label in ((len(docs), "份原始文档"), (len(s.cases), "个案例"), (len(cities), "个城市"),
                     (len(s.methods), "种工作方法")):
        out.append(f'<div class="cb-stat"><span class="cb-num">{n}</span><span class="cb-label">{label}</span></div>\n')
    out.append("\n</div>\n\n")
    out.append("## 浏览方式\n\n")
    out.append('<div class="cb-entries" markdown>\n\n')
    entries = (
        ("places/index.md", "按地区", f"省、市、区县逐级查看各地案例，共 {len(s.tree)} 个省份。"),
        ("fields/index.md", "按领域", f"统一战线 {len(site_fields())} 个工作领域，每个领域的案例和开展工作的城市。"),
        ("methods/index.md", "按方法", f"{len(s.methods)} 种具名工作方法，按拼音排序，可按名称形式和领域筛选。"),
        ("places/map.md", "案例地图", "全国各省份的案例数量一览，点击省份进入该省案例。"),
        ("places/matrix.md", "地区×领域", "各地在各领域的案例数量对照表，看谁在做宗教工作、网络统战等。"),
        ("methods/families.md", "方法家族", "三先三后、四巡四查、五比五看……名称形式相同的方法归为一族。"),
    )
    for path, title, text in entries:
        out.append(f'<div class="cb-entry" markdown>\n\n### [{title}]({_rel(src, path)})\n\n{text}\n\n</div>\n\n')
    out.append("</div>\n\n")
    out.append("## 使用说明\n\n")
    out.append("- 在页面顶部的搜索框输入工作方法名称（如“三先三后”）、地名或关键词，"
               "结果按相关程度排列；方法名称可只输入一部分。\n")
    out.append("- 每个案例页的信息卡列出地区、单位、发言人、文种、领域和工作方法，"
               "点击领域或方法可查看其他地方的同类做法。\n")
    out.append("- 案例页底部列出外地最相关的 5 个案例（共用方法、同属领域、内容相近），并说明相关的理由。\n")
    out.append("- 每个案例注明原始文件及行号，便于核对原文。\n\n")
    out.append("## 下载案例目录\n\n")
    out.append(f"- [案例目录（Excel 表格，catalog.csv）]({_rel(src, 'catalog.csv')}){{: download }}：每个案例一行，"
               "含标题、地区、单位、发言人、年份、领域、工作方法、原始文件和页面地址。\n")
    out.append(f"- [案例目录（JSON，catalog.json）]({_rel(src, 'catalog.json')}){{: download }}：全部案例的全文和标注，供其他系统使用。\n\n")
    if shared:
        out.append("## 多地共用的工作方法\n\n")
        if len(shared) > HOME_SHARED_MAX:
            spread = {m["name"]: len({s.city_of(s.by_id[i]) for i in s.method_cases[m["name"]]} - {None}) for m in shared}
            shown = sorted(shared, key=lambda m: -spread[m["name"]])[:HOME_SHARED_MAX]
            shown = [m for m in shared if m in shown]  # back in pinyin order
            out.append(f"用到的城市最多的 {HOME_SHARED_MAX} 种（共 {len(shared)} 种，全部见{_link(src, 'methods/index.md', '按方法')}）：\n\n")
        else:
            shown = shared
        for m in shown:
            cl = "、".join(s.city_links(src, s.method_cases[m["name"]]))
            out.append(f"- {_link(src, s.method_path(m['name']), m['name'])}：{cl}\n")
        out.append("\n")
    return "".join(out)


def _places_index(s: _Site) -> str:
    src = "places/index.md"
    out = [_front("按地区"), "# 按地区浏览\n\n"]
    total = len(s.cases)
    out.append(f"共 {total} 个案例，其中 {total - len(s.unknown)} 个注明了地区。\n\n")
    for prov in sorted(s.tree, key=pinyin_key):
        cities = s.tree[prov]
        out.append(f"## {_link(src, s.prov_path(prov), prov)} <span class=\"cb-count\">{_count(cities)}</span>\n\n")
        for city in sorted(cities, key=pinyin_key):
            counties = cities[city]
            label = city if city != _NO_CITY else f"{prov}（{_NO_CITY}）"
            out.append(f"- {_link(src, s.city_path(prov, city), label)}（{_count(counties)}）")
            named = [(k, len(v)) for k, v in sorted(counties.items(), key=lambda kv: pinyin_key(kv[0]))
                     if k != _NO_COUNTY]
            if named:
                out.append("：" + "、".join(f"{md_escape(k)}（{n}）" for k, n in named))
            out.append("\n")
        out.append("\n")
    out.append(f"## {_link(src, 'places/unknown.md', UNKNOWN_PLACE)} <span class=\"cb-count\">{len(s.unknown)}</span>\n\n")
    out.append("原文未写明具体地区（或以“某区”“XX县”等匿名）的案例。\n")
    return "".join(out)


def _province_page(s: _Site, prov: str) -> str:
    src = s.prov_path(prov)
    cities = s.tree[prov]
    out = [_front(prov), f"# {md_escape(prov)}\n\n", f"{_count(cities)} 个案例。\n\n"]
    for city in sorted(cities, key=pinyin_key):
        label = city if city != _NO_CITY else _NO_CITY
        total = _count(cities[city])
        out.append(f"## {_link(src, s.city_path(prov, city), label)} <span class=\"cb-count\">{total}</span>\n\n")
        ids = [cid for county in sorted(cities[city], key=pinyin_key) for cid in cities[city][county]]
        for cid in ids[:PROVINCE_CASES_MAX]:
            out.append(s.case_line(src, cid, place=False) + "\n")
        if total > PROVINCE_CASES_MAX:
            out.append(f"- …… {_link(src, s.city_path(prov, city), f'全部 {total} 个案例')}\n")
        out.append("\n")
    return "".join(out)


def _city_page(s: _Site, prov: str, city: str) -> str:
    src = s.city_path(prov, city)
    counties = s.tree[prov][city]
    title = city if city != _NO_CITY else f"{prov}（{_NO_CITY}）"
    ids = sorted(i for v in counties.values() for i in v)
    out = [_front(title), f"# {md_escape(title)}\n\n"]
    out.append(f"{_link(src, s.prov_path(prov), prov)} · {len(ids)} 个案例\n\n")
    only_city_level = list(counties) == [_NO_COUNTY]
    if only_city_level:
        out.append("## 案例\n\n")
    for county in sorted(counties, key=lambda k: (k == _NO_COUNTY, pinyin_key(k))):
        if not only_city_level:
            out.append(f"## {md_escape(county)} <span class=\"cb-count\">{len(counties[county])}</span>\n\n")
        for cid in counties[county]:
            out.append(s.case_line(src, cid, place=False) + "\n")
        out.append("\n")
    methods = sorted({m for i in ids for m in s.by_id[i].get("methods") or [] if m in s.anchors}, key=pinyin_key)
    if methods:
        out.append("## 本地工作方法\n\n")
        out.append("、".join(_link(src, s.method_path(m), m) for m in methods) + "\n\n")
    fields = [f for f in site_fields() if any(f in (s.by_id[i].get("fields") or []) for i in ids)]
    if fields:
        out.append("## 涉及领域\n\n")
        out.append("、".join(_link(src, f"fields/{field_slug(f)}.md", f) for f in fields) + "\n")
    return "".join(out)


def _unknown_page(s: _Site) -> str:
    src = "places/unknown.md"
    out = [_front(UNKNOWN_PLACE), f"# {UNKNOWN_PLACE}\n\n",
           f"原文未写明具体地区的 {len(s.unknown)} 个案例。\n\n"]
    for cid in s.unknown:
        out.append(s.case_line(src, cid, place=False) + "\n")
    return "".join(out)


def _fields_index(s: _Site) -> str:
    src = "fields/index.md"
    out = [_front("按领域"), "# 按领域浏览\n\n", f"统一战线工作的 {len(site_fields())} 个领域。\n\n"]
    out.append("| 领域 | 案例 | 城市 |\n| --- | ---: | ---: |\n")
    for f, slug in site_fields().items():
        ids = [str(c["id"]) for c in s.cases if f in (c.get("fields") or [])]
        cities = {s.city_of(s.by_id[i]) for i in ids} - {None}
        out.append(f"| [{f}]({slug}.md) | {len(ids)} | {len(cities)} |\n")
    return "".join(out)


def _field_page(s: _Site, field: str) -> str:
    src = f"fields/{field_slug(field)}.md"
    ids = [str(c["id"]) for c in s.cases if field in (c.get("fields") or [])]
    by_place: dict = defaultdict(list)
    for cid in ids:
        by_place[s.place_key(s.by_id[cid])].append(cid)
    s.place_keys()
    order = s.place_order
    places = sorted(by_place, key=lambda k: (k is None, -len(by_place[k]), order[k]))
    out = [_front(field, hide=["navigation", "toc"]), f"# {md_escape(field)}\n\n",
           f"{len(ids)} 个案例，来自 {sum(1 for k in places if k is not None)} 个地区"
           + ("（另有未注明地点的案例）" if None in by_place else "") + "。\n\n"]
    if places:
        out.append("## 各地做法对比\n\n")
        out.append("每个地区在本领域用到的具名工作方法，一行一种；卡片按案例数排列。"
                   f"各领域的总体对照见{_link(src, 'places/matrix.md', '地区×领域')}。\n\n")
        out.append('<div class="cb-compare" markdown>\n\n')
        crowded = len(places) > CROWDED_FIELD
        for key in places:
            out.append(_place_card(s, src, field, key, by_place[key], crowded))
        out.append("</div>\n\n")
    if not ids:
        out.append("## 案例\n\n暂无案例。\n")
    elif len(ids) <= CARD_CASES_MAX * 4:  # small fields: also one plain list
        out.append("## 案例\n\n")
        for cid in ids:
            out.append(s.case_line(src, cid) + "\n")
    return "".join(out)


def _place_card(s: _Site, src: str, field: str, key, ids: list[str], crowded: bool = False) -> str:
    """One place's card on a field page: its methods in the field (one line each), its cases."""
    out = [f'<div class="cb-place" id="{s.place_anchor(key)}" data-place="{s.place_anchor(key)}" markdown>\n\n']
    head = _link(src, s.place_page(key), s.place_name(key))
    if key is not None and key[1] != _NO_CITY:
        head += f' <span class="cb-place__prov">{md_escape(key[0])}</span>'
    out.append(f'{head} <span class="cb-count">{len(ids)}</span>\n{{: .cb-place__head }}\n\n')
    uses: dict[str, int] = defaultdict(int)
    for cid in ids:
        for m in s.by_id[cid].get("methods") or []:
            if m in s.anchors:
                uses[m] += 1
    methods = sorted(uses, key=pinyin_key)
    limit = CROWDED_CARD_METHODS_MAX if crowded else CARD_METHODS_MAX
    if len(methods) > limit:  # the most used ones, still in pinyin order
        keep = set(sorted(methods, key=lambda m: (-uses[m], pinyin_key(m)))[:limit])
        methods = [m for m in methods if m in keep]
    if methods:
        for m in methods:
            d = None if crowded else s.method_by_name[m].get("definition")
            gloss = f' <span class="cb-meta">{md_escape(_short(d, 40))}</span>' if d else ""
            out.append(f"- {_link(src, s.method_path(m), m)}{gloss}\n")
        if len(uses) > len(methods):
            out.append(f"- …… 共 {len(uses)} 种，见{_link(src, s.place_page(key), s.place_name(key))}\n")
        out.append("\n")
    else:
        out.append('<p class="cb-meta">未提炼出具名工作方法。</p>\n\n')
    few = CROWDED_CARD_CASES_MAX if crowded else CARD_CASES_MAX
    cases = "、".join(_link(src, s.case_path(cid), s.by_id[cid].get("title") or cid) for cid in ids[:few])
    if len(ids) > few:
        cases += f" …… 共 {len(ids)} 个"
    out.append(f"案例：{cases}\n{{: .cb-place__cases }}\n\n")
    out.append("</div>\n\n")
    return "".join(out)


def _short(text: str, n: int) -> str:
    text = _SPACE.sub(" ", str(text)).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def _glossary(s: _Site) -> dict[str, str]:
    """The glossary: one page, or past GLOSSARY_SPLIT methods an index and pages of
    GLOSSARY_PAGE methods in pinyin order (each with the shape/field filter). Pages by
    initial letter were tried: 三/四/十 made the S page hold a third of all methods."""
    src = "methods/index.md"
    intro = [_front("按方法"), "# 工作方法释义\n\n",
             f"各地案例中具名的 {len(s.methods)} 种工作方法，按拼音排序。"
             "一种方法被多地使用时，列出全部地区；点击“详情”看它的组成、各地案例和相似方法。"
             f"按名称形式归类的清单见{_link(src, 'methods/families.md', '方法家族')}。\n\n"]
    letters: dict[str, list[dict]] = defaultdict(list)
    for m in s.methods:
        first = pinyin_key(m["name"])[0][:1].upper()
        letters[first if first.isalpha() else "#"].append(m)

    def lid(letter: str) -> str:
        return letter.lower() if letter != "#" else "other"

    if len(s.methods) <= GLOSSARY_SPLIT:
        out = intro + [_filter_bar(s)]
        if letters:
            out.append('<p class="cb-letters">' + " ".join(
                f'<a href="#letter-{lid(k)}">{k}</a>' for k in letters) + "</p>\n\n")
        for letter, ms in letters.items():
            out.append(f'<h2 id="letter-{lid(letter)}" class="cb-letter" data-search-exclude>{letter}</h2>\n\n')
            out.append(_glossary_entries(s, src, ms))
        out.append('<p class="cb-filter-empty" data-cb-filter-empty hidden>没有符合条件的工作方法。</p>\n')
        return {src: "".join(out)}
    pages = {}
    index = intro + [f"按拼音顺序分为若干页，每页 {GLOSSARY_PAGE} 种：\n\n", '<div class="cb-letter-index" markdown>\n\n']
    for k in range(0, len(s.methods), GLOSSARY_PAGE):
        ms = s.methods[k:k + GLOSSARY_PAGE]
        path = f"methods/list-{k // GLOSSARY_PAGE + 1}.md"
        span = f"{ms[0]['name']} — {ms[-1]['name']}"
        index.append(f"- {_link(src, path, span)} <span class=\"cb-count\">{len(ms)}</span>\n")
        title = f"按方法：{span}"
        pages[path] = "".join([
            _front(title), f"# {md_escape(title)}\n\n",
            f"第 {k + 1}–{k + len(ms)} 种（共 {len(s.methods)} 种，按拼音排序；"
            f"{_link(path, src, '全部分页')}）。\n\n",
            _filter_bar(s, ms), _glossary_entries(s, path, ms),
            '<p class="cb-filter-empty" data-cb-filter-empty hidden>没有符合条件的工作方法。</p>\n'])
    index.append("\n</div>\n")
    pages[src] = "".join(index)
    return pages


def _glossary_entries(s: _Site, src: str, ms: list[dict]) -> str:
    out = []
    for m in ms:
        name = m["name"]
        ids = s.method_cases[name]
        shape = s.shapes[name]
        fields = " ".join(field_slug(f) for f in s.method_fields[name])
        out.append(f'<div class="cb-gloss" data-shape="{shape}" data-fields="{fields}" markdown>\n\n')
        out.append(f"### {md_escape(name)} {{#{s.anchors[name]}}}\n\n")
        out.append(f'<span class="cb-shape cb-shape--{shape}">{families.shape_label(shape)}</span> '
                   f"{_link(src, s.method_path(name), '详情：组成、各地用法、相似方法')}{{: .cb-more }}\n{{: .cb-gloss__meta }}\n\n")
        aliases = [a for a in m.get("aliases") or [] if a and a != name]
        if aliases:
            out.append(f"又称：{'、'.join(md_escape(a) for a in aliases)}\n\n")
        if m.get("definition"):
            out.append(f"{md_escape(m['definition'])}\n\n")
        cities = s.city_links(src, ids)
        if cities:
            out.append(f"使用地区：{'、'.join(cities)}\n\n")
        for cid in ids[:GLOSSARY_CASES_MAX]:
            out.append(s.case_line(src, cid) + "\n")
        if len(ids) > GLOSSARY_CASES_MAX:
            out.append(f"- …… {_link(src, s.method_path(name), f'全部 {len(ids)} 个案例')}\n")
        out.append("\n</div>\n\n")
    return "".join(out)


def _filter_bar(s: _Site, ms: list[dict] | None = None) -> str:
    """Shape and field filters for the glossary page holding ``ms`` (default: every
    method); casebook.js shows the bar and applies them, without scripts every method
    stays listed."""
    names = [m["name"] for m in (s.methods if ms is None else ms)]
    shapes = defaultdict(int)
    fields = defaultdict(int)
    for name in names:
        shapes[s.shapes[name]] += 1
        for f in s.method_fields[name]:
            fields[f] += 1
    opts_shape = "".join(f'<option value="{k}">{label}（{shapes[k]}）</option>'
                         for k, (label, _) in families.SHAPES.items() if shapes[k])
    opts_field = "".join(f'<option value="{slug}">{f}（{fields[f]}）</option>' for f, slug in site_fields().items() if fields[f])
    return ('<form class="cb-filter" data-cb-filter hidden>'
            '<label>名称形式 <select name="shape" data-cb-filter-shape><option value="">全部</option>'
            f"{opts_shape}</select></label>"
            '<label>领域 <select name="field" data-cb-filter-field><option value="">全部</option>'
            f"{opts_field}</select></label>"
            f'<span class="cb-filter__count" data-cb-filter-count>共 {len(names)} 种</span>'
            "</form>\n\n")


def _method_page(s: _Site, m: dict) -> str:
    name = m["name"]
    src = s.method_path(name)
    shape = s.shapes[name]
    out = [_front(name), f"# {md_escape(name)} {{#{s.anchors[name]}}}\n\n"]
    meta = [f"名称形式：{_link(src, 'methods/families.md#shape-' + shape, families.shape_label(shape))}"]
    if s.method_fields[name]:
        meta.append("领域：" + "、".join(_link(src, f"fields/{field_slug(f)}.md", f) for f in s.method_fields[name]))
    out.append(f"{_link(src, 'methods/index.md', '← 全部工作方法')}\n{{: .cb-method-back }}\n\n")
    out.append(" · ".join(meta) + "\n{: .cb-method-meta }\n\n")
    aliases = [a for a in m.get("aliases") or [] if a and a != name]
    if aliases:
        out.append(f"又称：{'、'.join(md_escape(a) for a in aliases)}\n\n")
    parts = families.display_parts(m)
    if parts:
        out.append(f"## 释义：{len(parts)} 个组成部分\n\n")
        out.append('<ol class="cb-parts" markdown>\n')
        for p in parts:
            key, rest = families.part_key(p)
            lead = f'<span class="cb-part__key">{md_escape(key)}</span>' if key else ""
            out.append(f"<li markdown>{lead}{md_escape(rest)}</li>\n")
        out.append("</ol>\n\n")
        if m.get("definition") and not _covers(parts, m["definition"]):
            out.append(f"原文：{md_escape(m['definition'])}\n\n")
    else:
        out.append("## 释义\n\n")
        out.append(f"{md_escape(m['definition'])}\n\n" if m.get("definition") else "原文未给出释义，请看下面案例中的具体做法。\n\n")
    ids = s.method_cases[name]
    keys = {s.place_key(s.by_id[c]) for c in ids}
    out.append(f"## 使用地区与案例\n\n{len(ids)} 个案例，"
               f"{sum(1 for k in keys if k is not None)} 个地区"
               + ("（另有未注明地点的案例）" if None in keys else "") + "。\n\n")
    out.append("| 地区 | 案例 | 年份 | 原始文件 |\n| --- | --- | --- | --- |\n")
    s.place_keys()
    order = s.place_order
    for cid in sorted(ids, key=lambda c: (order[s.place_key(s.by_id[c])], c)):
        c = s.by_id[cid]
        key = s.place_key(c)
        place = _link(src, s.place_page(key), s.place_label(c) if key else UNKNOWN_PLACE)
        title = _link(src, s.case_path(cid), c.get("title") or cid)
        source = c.get("source") or {}
        if source.get("file"):
            copy = str(source.get("copy") or "")  # its published copy (sources.copy_names), if any
            lines = f" 第 {md_escape(source.get('first_line'))}–{md_escape(source.get('last_line'))} 行"
            name_md = md_escape(source["file"])
            if copy and copy in s.published:  # the converter publishes sources before the browse pages
                name_md = f"[{name_md}]({_rel(src, 'sources/' + quote(copy))})"
            src_cell = name_md + lines
        else:
            src_cell = "—"
        out.append(f"| {place} | {title} | {md_escape(c.get('year')) or '—'} | {src_cell} |\n")
    out.append("\n")
    if shape != "named":
        family = s.by_shape[shape]
        kin = [k for k in family[:13] if k["name"] != name][:12]  # the first twelve, in pinyin order
        if kin:
            out.append(f"## 同一家族的方法\n\n名称同为“{families.shape_label(shape)}”的其他方法：\n\n")
            for k in kin:
                # A count, not links: twelve lines of city links made method pages the
                # costliest pages of the build (5,000 of them at 10,000 cases).
                n = len({s.city_of(s.by_id[i]) for i in s.method_cases[k["name"]]} - {None})
                out.append(f"- {_link(src, s.method_path(k['name']), k['name'])}" + (f" <span class=\"cb-meta\">{n} 个城市</span>" if n else "") + "\n")
            if len(family) - 1 > len(kin):
                out.append(f"- …… 共 {len(family) - 1} 种，见{_link(src, 'methods/families.md#shape-' + shape, '方法家族')}\n")
            out.append("\n")
    similar = s.similar.get(name) or []
    if similar:
        out.append("## 相似方法\n\n名称或释义用词相近的方法（同领域者优先）：\n\n")
        for other, reason in similar:
            out.append(f"- {_link(src, s.method_path(other), other)} <span class=\"cb-meta\">{md_escape(reason)}</span>\n")
        out.append("\n")
    return "".join(out)


def _covers(parts: list[str], definition: str) -> bool:
    """True when the parts say all the definition says (only separators left over)."""
    rest = definition
    for p in parts:
        rest = rest.replace(p, "", 1)
    return not re.sub(r"[\s，。；、,;+＋]", "", rest)


def _families_page(s: _Site) -> str:
    src = "methods/families.md"
    out = [_front("方法家族"), "# 方法家族\n\n",
           "各地给工作方法起名有几种常见的形式。名称形式相同的方法归为一族，"
           f"便于比较同类做法；{_link(src, 'methods/index.md', '按方法')}页也可按形式和领域筛选。\n\n"]
    for key, (label, desc) in families.SHAPES.items():
        members = s.by_shape.get(key, [])
        if not members:
            continue
        out.append(f"## {label} <span class=\"cb-count\">{len(members)}</span> {{#shape-{key}}}\n\n{desc}\n\n")
        for m in members[:FAMILY_MAX]:
            cl = "、".join(s.city_links(src, s.method_cases[m["name"]]))
            out.append(f"- {_link(src, s.method_path(m['name']), m['name'])}" + (f"：{cl}" if cl else "") + "\n")
        if len(members) > FAMILY_MAX:
            out.append(f"- …… 共 {len(members)} 种：在{_link(src, 'methods/index.md', '按方法')}页按名称形式筛选可看全部\n")
        out.append("\n")
    return "".join(out)


def _matrix_page(s: _Site) -> str:
    src = "places/matrix.md"
    keys = s.place_keys()
    counts: dict = defaultdict(int)
    for c in s.cases:
        for f in c.get("fields") or []:
            if f in site_fields():
                counts[(s.place_key(c), f)] += 1
    out = [_front("地区×领域", hide=["navigation", "toc"]), "# 地区×领域\n\n",
           "每行一个地区，每列一个领域，格中数字是该地区在该领域的案例数，点击进入该领域页上这个地区的做法。"
           f"行末是地区的案例总数（一个案例可属于几个领域）。地图见{_link(src, 'places/map.md', '案例地图')}。\n\n"]
    out.append('<div class="cb-matrix" markdown>\n\n')
    head = ["地区", *(_link(src, f"fields/{slug}.md", f) for f, slug in site_fields().items()), "案例"]
    out.append("| " + " | ".join(head) + " |\n")
    out.append("| --- |" + " :---: |" * (len(site_fields()) + 1) + "\n")
    totals = defaultdict(int)
    for c in s.cases:
        totals[s.place_key(c)] += 1
    for key in keys:
        label = _link(src, s.place_page(key), s.place_name(key))
        if key is not None and key[1] != _NO_CITY:
            label += f' <span class="cb-meta">{md_escape(key[0])}</span>'
        cells = []
        for f, slug in site_fields().items():
            n = counts.get((key, f), 0)
            cells.append(f"[{n}]({_rel(src, f'fields/{slug}.md#' + s.place_anchor(key))}){{: .cb-cell .cb-heat-{mapgrid.level(n)} }}"
                         if n else "")
        out.append(f"| {label} | " + " | ".join(cells) + f" | {totals[key]} |\n")
    out.append("\n</div>\n")
    return "".join(out)


def _map_page(s: _Site) -> str:
    src = "places/map.md"
    per_prov = {prov: _count(cities) for prov, cities in s.tree.items()}
    placed = {}
    for prov in per_prov:
        t = mapgrid.tile_for(prov)
        if t:
            placed[t[0]] = prov
    out = [_front("案例地图", hide=["navigation", "toc"]), "# 案例地图\n\n",
           f"{len(s.cases)} 个案例中，{len(s.cases) - len(s.unknown)} 个注明了地区。"
           "每个方块是一个省级行政区，颜色越深案例越多；点击有案例的省份查看该省案例。\n\n"]
    out.append('<div class="cb-map-layout" markdown>\n\n<div class="cb-map-main" markdown>\n\n')
    out.append('<div class="cb-map" markdown>\n\n')
    for full, short, col, row in mapgrid.TILES:
        prov = placed.get(full)
        n = per_prov.get(prov, 0) if prov else 0
        cls = f"cb-tile cb-heat-{mapgrid.level(n)} cb-col-{col} cb-row-{row}"
        if prov:
            out.append(f'[{short}<span class="cb-tile__n">{n}</span>]({_rel(src, s.prov_path(prov))})'
                       f'{{: .{" .".join(cls.split())} data-province="{full}" data-count="{n}" }}\n')
        else:
            out.append(f'<span class="{cls}" data-province="{full}" data-count="0">{short}</span>\n')
    out.append("\n</div>\n\n")
    out.append('<div class="cb-legend" markdown>\n\n')
    out.append(" ".join(f'<span class="cb-legend__item"><span class="cb-swatch cb-heat-{k}"></span>{mapgrid.level_label(k)}</span>'
                        for k in range(len(mapgrid.LEVELS))) + "\n\n</div>\n\n</div>\n\n")
    out.append('<div class="cb-map-side" markdown>\n\n')
    out.append("## 各省份案例数\n\n| 省份 | 案例 | 城市 |\n| --- | ---: | --- |\n")
    for prov in sorted(s.tree, key=lambda p: (-per_prov[p], pinyin_key(p))):
        cities = "、".join(_link(src, s.city_path(prov, c), c if c != _NO_CITY else _NO_CITY) for c in sorted(s.tree[prov], key=pinyin_key))
        out.append(f"| {_link(src, s.prov_path(prov), prov)} | {per_prov[prov]} | {cities} |\n")
    if s.unknown:
        out.append(f"| {_link(src, 'places/unknown.md', UNKNOWN_PLACE)} | {len(s.unknown)} | |\n")
    out.append(f"\n各地在各领域的案例数见{_link(src, 'places/matrix.md', '地区×领域')}。\n\n</div>\n\n</div>\n")
    return "".join(out)


def write_site_pages(catalog: dict, docs_dir: Path) -> list[Path]:
    """Write the home page and the browse pages; return the paths written (sorted)."""
    docs_dir = Path(docs_dir)
    s = _Site(catalog)
    published = docs_dir / "sources"
    s.published = {p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file()} if published.is_dir() else set()
    pages: dict[str, str] = {
        "index.md": _home(s, catalog),
        "places/index.md": _places_index(s),
        "places/unknown.md": _unknown_page(s),
        "fields/index.md": _fields_index(s),
        **_glossary(s),
        "methods/families.md": _families_page(s),
        "places/matrix.md": _matrix_page(s),
        "places/map.md": _map_page(s),
    }
    for m in s.methods:
        pages[s.method_path(m["name"])] = _method_page(s, m)
    for prov in s.tree:
        pages[s.prov_path(prov)] = _province_page(s, prov)
        for city in s.tree[prov]:
            pages[s.city_path(prov, city)] = _city_page(s, prov, city)
    for f in site_fields():
        pages[f"fields/{field_slug(f)}.md"] = _field_page(s, f)
    written = []
    for rel in sorted(pages):
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pages[rel].encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written
