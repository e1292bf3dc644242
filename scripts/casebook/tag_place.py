"""Tag step — place: province, prefecture city and county where the text names them.

Each name the text gives is weighed by where it stands and what it does there (rules and
weights in cases/places.yml):

- strong: in the organisation line, byline or title, the subject of the opening sentence
  (近年来，X县…; X县坚持…), or a county placed before a town the title names (婺源县江湾镇);
- elsewhere a full name (岳阳市) counts more than a short one (岳阳);
- nothing, when the place is only visited or mentioned: a delegation's destination (赴X,
  来X考察), an event's venue (在X召开), a visitor (X…一行), a partner (与X签订), several
  places listed (嘉兴、湖州、绍兴三地), an address, a dateline (X9月12日电), a reprint's
  source (【X网】), a firm's branch (安徽分公司), where people come from (浙江籍), the
  regions united-front work addresses (台湾同胞).

Names in a chain (宁波市海曙区) are one mention of the last.  A name shared by several
divisions (鼓楼区), or a district's short name (海曙), counts where the same text names its
city (or its own bulletin, 《武侯统战》).  A mention credits its place and every level above
it; the province is the clear best, then the city in it, then the county in that, each when
it is strong or has a fair share of what the text gives its parent itself, or when the text
speaks as a county (区委, 全县 with no name before them).  We never guess: an anonymised
text (某县, XX区) or one with no clear best stays null.  Traditional characters are read
as Simplified first (gazetteer.to_simplified).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import data
from .gazetteer import Place, load
from .segment import is_word_span, starts_word

NONE = {"province": None, "city": None, "county": None}
CLAUSE = 80
_UP_TO_BREAK = re.compile(r".*[，。；：！？!?;\s]", re.S)
_CLAUSE_HEAD = re.compile(r"[^，。；：！？!?;\s]*")
# What may stand before a clause's subject: nothing but punctuation and 中共.
_SUBJECT_START = re.compile(r"^[\s—\-《【（(·•]*(?:中共)?$")


@dataclass
class _Hit:
    start: int
    end: int
    full: bool
    places: list[Place]
    contextual: bool  # a district's or shared short name: needs its city named
    place: Place | None = None


@dataclass
class _Chain:
    hits: list[_Hit]
    role: str = ""  # "" counts; anything else names why the mention is passing
    strong: bool = False

    @property
    def start(self) -> int:
        return self.hits[0].start

    @property
    def end(self) -> int:
        return self.hits[-1].end

    @property
    def tail(self) -> _Hit:
        return self.hits[-1]


@dataclass
class _Scores:
    own: Counter = field(default_factory=Counter)  # what names the place itself
    total: Counter = field(default_factory=Counter)  # …and its parts
    strong: set = field(default_factory=set)  # places named strongly, and every level above them
    strong_named: set = field(default_factory=set)  # places already credited as strong
    body_hits: Counter = field(default_factory=Counter)


_PATTERNS = ("anonymised", "bulletin", "visit_after", "venue_after", "visitor_after", "partner_verbs", "list_gap",
             "address_after", "address_before", "dateline_after", "branch_after", "origin_after", "reprint_bracket",
             "subunit_after")
_ENDINGS = ("visit_direct", "not_visit", "partner_before")  # words a clause may end with


@data.rules_cache
def _rules() -> dict:
    r = data.load("places")
    words = lambda key: "|".join(map(re.escape, sorted(r[key], key=len, reverse=True)))  # noqa: E731
    return {
        **{k: r[k] for k in ("weights", "max_body_hits", "opening_chars", "child_share", "objects_of_work")},
        **{k: re.compile(r[k]) for k in _PATTERNS},
        **{k: tuple(r[k]) for k in _ENDINGS},
        "visit_in_clause": re.compile(rf"(?:{words('visit_verbs')})(?!员)"),  # 调研员 is a rank
        "county_self": re.compile(words("county_self")),
        "unit": re.compile(words("unit_suffixes")),
    }


def tag_place(header: str, body: str) -> dict:
    """{province, city, county} of a case from its header (organisation line, byline, title)
    and its text; None where the text does not tell."""
    g, r = load(), _rules()
    texts = {"header": g.to_simplified(header), "body": g.to_simplified(body)}
    opening = texts["header"] + "\n" + texts["body"][: r["opening_chars"]]
    if r["anonymised"].search(opening):
        return dict(NONE)  # the text hides its own place: we never guess
    hits, as_county = _resolved(texts)
    scores = _Scores()
    for key, text in texts.items():
        chains = _roles(text, _chains(hits[key]), header=texts["header"] if key == "body" else None)
        for ch in chains:
            if not ch.role:
                ch.strong = ch.strong or key == "header"
                _credit(ch, scores)
    return _decide(scores, as_county)


# ---- names found, confirmed, resolved -------------------------------------------------


def _resolved(texts: dict[str, str]) -> tuple[dict[str, list[_Hit]], bool]:
    """Each text's confirmed mentions, each with one place (names shared by several divisions
    and districts' short names settled by the places the texts name without doubt), and
    whether the text speaks as a county or district."""
    g, r = load(), _rules()
    raw: dict[str, list[_Hit]] = {}
    for key, text in texts.items():
        raw[key] = []
        for start, end, name, full, places in g.find(text, context_names=True):
            contextual = not full and name not in g.names
            if not full and r["subunit_after"].match(text, end):
                continue  # 江山街道, 长宁路: a smaller unit's own name
            raw[key].append(_Hit(start, end, full, places, contextual))
    named: set[str] = set()
    for key, text in texts.items():
        for h in raw[key]:
            if len(h.places) == 1 and not h.contextual and _confirmed(text, h):
                h.place = h.places[0]
                named.update(_lineage(h.place))
    as_county = any(_speaks_as_county(texts[k], raw[k]) for k in texts)
    out: dict[str, list[_Hit]] = {}
    for key, text in texts.items():
        out[key] = []
        bulletins = {m.start("name") for m in r["bulletin"].finditer(text)}
        for h in raw[key]:
            if h.place is None:  # shared, a district's short name, or not a word of its own
                if len(h.places) == 1 and h.start in bulletins:
                    h.place = h.places[0]  # 《武侯统战》: the district's own bulletin
                elif len(h.places) > 1 or h.contextual:
                    h.place = _settle(h, named, as_county)
                if h.place is not None and not _confirmed(text, h):
                    h.place = None
            if h.place is not None:
                out[key].append(h)
    return out, as_county


def _speaks_as_county(text: str, hits: list[_Hit]) -> bool:
    """区委, 全县, 我区 with no name before them (not 青秀区委, 各县区委, 省委、市委、县委): the
    writer is a county's."""
    named = {i for h in hits for i in range(h.start, h.end)}
    return any(m.start() not in named and not (m.start() and text[m.start() - 1] in "各市县区省、和及与")
               for m in _rules()["county_self"].finditer(text))


def _confirmed(text: str, h: _Hit) -> bool:
    """A full name must start a word (示范县 is not 范县); a short one, or a full name of one
    character and its suffix (和县 in 城乡和县域), must be a word of its own.  jieba's words
    中共四川省委… hide the start of the name after 中共."""
    if h.full and h.end - h.start > 2:
        return text[max(0, h.start - 2) : h.start] == "中共" or starts_word(text, h.start, h.end)
    return is_word_span(text, h.start, h.end)


@data.rules_cache
def _lineage(p: Place) -> tuple[str, ...]:
    """The codes of a place, its prefecture city and its province."""
    g = load()
    codes = [p.code]
    for code in (p.code[:4] + "00", p.code[:2] + "0000"):
        if code != p.code and code in g.by_code:
            codes.append(code)
    return tuple(codes)


def _parent(p: Place) -> str:
    """The code of the city a county belongs to (the province for a municipality's district)."""
    return _lineage(p)[1] if len(_lineage(p)) > 1 else p.code


def _settle(h: _Hit, named: set[str], as_county: bool) -> Place | None:
    """The one candidate named itself (海曙区 before 海曙) or whose city the text names; else,
    for a full name or a district's short name in a text that speaks as a district, the one
    whose province it names.  None when that does not single one out."""
    by_city = [p for p in h.places if p.code in named or _parent(p) in named]
    if len(by_city) == 1:
        return by_city[0]
    if by_city or not (h.full or as_county):
        return None
    by_province = [p for p in h.places if p.code[:2] + "0000" in named]
    return by_province[0] if len(by_province) == 1 else None


# ---- what each mention does ------------------------------------------------------------


def _is_part(child: Place, parent: Place) -> bool:
    prefix = parent.code[:2] if parent.level == 1 else parent.code[:4]
    return child.level > parent.level and child.code.startswith(prefix)


def _chains(hits: list[_Hit]) -> list[_Chain]:
    """Names written one after another, each a part of the one before (四川省凉山州西昌市)."""
    chains: list[_Chain] = []
    for h in hits:
        last = chains[-1].tail if chains else None
        if last is not None and last.end == h.start and _is_part(h.place, last.place):
            chains[-1].hits.append(h)
        else:
            chains.append(_Chain([h]))
    return chains


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the clause before start and after end (at most CLAUSE characters each)."""
    before = text[max(0, start - CLAUSE) : start]
    m = _UP_TO_BREAK.match(before)
    return before[m.end() :] if m else before, _CLAUSE_HEAD.match(text, end, end + CLAUSE).group()


def _roles(text: str, chains: list[_Chain], header: str | None) -> list[_Chain]:
    """Mark each passing mention with its reason; in the body (header given), the opening
    subject and a county placed before a unit the header names are strong."""
    r = _rules()
    for ch in chains:
        ch.role = _passing(text, ch, *_clause(text, ch.start, ch.end))
    for prev, ch in zip(chains, chains[1:]):
        a, b = prev.tail.place, ch.tail.place
        if a.code == b.code or _is_part(a, b) or _is_part(b, a):
            continue
        if r["list_gap"].match(text[prev.end : ch.start]):
            prev.role, ch.role = prev.role or "list", ch.role or "list"
        elif prev.end == ch.start and text.startswith("商会", ch.end):
            ch.role = ch.role or "origin"  # 贵阳市泉州商会
    if header is None:
        return chains
    for ch in chains:
        if ch.start >= r["opening_chars"]:
            break
        if not ch.role and _SUBJECT_START.match(_clause(text, ch.start, ch.end)[0]):
            ch.strong = True  # the opening sentence's subject
            break
    units = _header_units(header)
    for ch in chains:
        if not ch.role and ch.tail.place.level == 3 and any(u in text[ch.end : ch.end + 20] for u in units):
            ch.strong = True  # 婺源县江湾镇 where the title names 江湾镇
    return chains


def _passing(text: str, ch: _Chain, before: str, after: str) -> str:
    r = _rules()
    p = ch.tail.place
    if p.province in r["objects_of_work"]:
        return "object of work"
    if r["visit_in_clause"].search(before) or (
        before.endswith(r["visit_direct"]) and not before.endswith(r["not_visit"])
    ) or (before.endswith("在") and r["visit_after"].match(after)):
        return "visit"
    if before.endswith("在") and r["venue_after"].search(after):
        return "venue"
    if r["visitor_after"].match(after):
        return "visitor"
    if before.endswith(r["partner_before"]) and r["partner_verbs"].search(after):
        return "partner"
    if r["address_after"].match(after) or r["address_before"].search(before):
        return "address"
    if r["dateline_after"].match(after):
        return "dateline"
    if r["branch_after"].match(after):
        return "branch"
    if r["origin_after"].match(after):
        return "origin"
    open_at = text.rfind("【", max(0, ch.start - 20), ch.start)
    close_at = text.find("】", ch.end, ch.end + 20)
    if open_at >= 0 and close_at >= 0 and "】" not in text[open_at : ch.start]:
        if r["reprint_bracket"].search(text[open_at + 1 : close_at]):
            return "reprint source"
    return ""


def _header_units(header: str) -> set[str]:
    """Towns, streets and communities the header names (江湾镇, 新桥社区), as two to four
    characters and their suffix."""
    out = set()
    for m in _rules()["unit"].finditer(header):
        for k in (2, 3, 4):
            if m.start() - k >= 0:
                out.add(header[m.start() - k : m.end()])
    return out


# ---- scores and the decision -----------------------------------------------------------


def _credit(ch: _Chain, s: _Scores) -> None:
    """A mention supports its place and every level above it; strong once per place."""
    r = _rules()
    h = ch.tail
    code = h.place.code
    if ch.strong:
        if code in s.strong_named:
            return
        s.strong_named.add(code)
        s.strong.update(_lineage(h.place))
        weight = r["weights"]["strong"]
    else:
        s.body_hits[code] += 1
        if s.body_hits[code] > r["max_body_hits"]:
            return
        weight = r["weights"]["full" if h.full else "short"]
    s.own[code] += weight
    for c in _lineage(h.place):
        s.total[c] += weight


def _best(s: _Scores, cands: list[str]) -> str | None:
    """The clear best candidate (strong first, then score); None on a tie."""
    ranked = sorted(((c in s.strong, s.total[c]) for c in cands), reverse=True)
    if not ranked or ranked[0][1] <= 0 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return next(c for c in cands if (c in s.strong, s.total[c]) == ranked[0])


def _accept(s: _Scores, child: str, parent: str, as_county: bool) -> bool:
    """Strong, or a fair share of what names the parent itself; any share when the text speaks
    as a county (its own place is below the province's and the city's it names)."""
    return as_county or child in s.strong or s.total[child] >= _rules()["child_share"] * s.own[parent]


def _decide(s: _Scores, as_county: bool) -> dict:
    g = load()
    result = dict(NONE)
    prov = _best(s, [c for c in s.total if g.by_code[c].level == 1])
    if prov is None:
        return result
    P = g.by_code[prov]
    result["province"] = P.name
    if P.city:  # 北京市, 上海市…: the province is the city
        result["city"], city = P.name, prov
        counties = [c for c in s.total if g.by_code[c].level == 3 and c[:2] == prov[:2]]
    else:
        cands = [c for c in s.total if c[:2] == prov[:2] and (g.by_code[c].level == 2 or
                 (g.by_code[c].level == 3 and c[:4] + "00" not in g.by_code))]
        city = _best(s, cands)
        if city is None or not _accept(s, city, prov, as_county):
            return result
        C = g.by_code[city]
        if C.level == 3:  # a county-level unit directly under its province (仙桃市)
            result.update(city=C.city, county=C.name)
            return result
        result["city"] = C.name
        counties = [c for c in s.total if g.by_code[c].level == 3 and c[:4] == city[:4]]
    county = _best(s, counties)
    if county is not None and _accept(s, county, city, as_county):
        result["county"] = g.by_code[county].name
    return result
