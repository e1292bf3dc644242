"""Tag step — place: province, prefecture city and county where the text names them.

Evidence is weighed, never guessed: a name in the organisation line, byline or title
counts most; a full name in the body (襄阳市) counts more than a short one (襄阳).  A
county adds to its city and province.  A place needs a score of PLACE_MIN (one header
mention, or two full-name mentions) — so a passing mention of another region (安徽 in a
firm's branch name, 台湾同胞) does not make a case's place, and an anonymised text
(某区, XX县, 我市) stays null.
"""

from __future__ import annotations

from collections import Counter

from .gazetteer import Place, load
from .segment import is_word_span, starts_word

HEADER_WEIGHT = 5
FULL_WEIGHT = 2
SHORT_WEIGHT = 1
PLACE_MIN = 4
MAX_BODY_HITS = 5  # per place: a long text that repeats a name is not more certain


def mentions(text: str) -> list[tuple[Place, bool, str]]:
    """(place, is_full_name, matched name) for each confirmed mention; ambiguous names keep all candidates."""
    out = []
    for start, end, name, full, places in load().find(text):
        ok = starts_word(text, start, end) if full else is_word_span(text, start, end)
        if ok:
            out.extend((p, full, name) for p in places)
    return out


def tag_place(header: str, body: str) -> dict:
    scores: Counter = Counter()
    places: dict[str, Place] = {}
    seen_body: Counter = Counter()
    for text, is_header in ((header, True), (body, False)):
        for place, full, name in mentions(text):
            if full and len(load().full[name]) > 1:
                continue  # 鼓楼区, 朝阳区: several places share the name; we do not guess
            if not is_header:
                seen_body[place.code] += 1
                if seen_body[place.code] > MAX_BODY_HITS:
                    continue
            weight = HEADER_WEIGHT if is_header else (FULL_WEIGHT if full else SHORT_WEIGHT)
            _credit(place, weight, scores, places)
    return _decide(scores, places)


def _credit(place: Place, weight: int, scores: Counter, places: dict) -> None:
    """A mention supports the place and every level above it."""
    g = load()
    if place.level == 3:
        key = ("county", place.code)
        scores[key] += weight
        places[key] = place
    if place.city:
        city = next((p for p in g.full.get(place.city, []) if p.province == place.province and p.level <= 2), None)
        if city is not None:
            key = ("city", city.code)
            scores[key] += weight
            places[key] = city
    prov = next((p for p in g.full.get(place.province, []) if p.level == 1), None)
    if prov is not None:
        key = ("province", prov.code)
        scores[key] += weight
        places[key] = prov


def _best(scores: Counter, level: str, within=None):
    ranked = sorted(
        ((s, k) for k, s in scores.items() if k[0] == level and s >= PLACE_MIN),
        key=lambda sk: (-sk[0], sk[1]),
    )
    for s, k in ranked:
        if within is None or within(k):
            return k
    return None


def _decide(scores: Counter, places: dict) -> dict:
    result = {"province": None, "city": None, "county": None}
    city_key = _best(scores, "city")
    if city_key:
        city = places[city_key]
        result["province"], result["city"] = city.province, city.city or city.name
        county_key = _best(scores, "county", lambda k: places[k].city == result["city"])
        if county_key:
            result["county"] = places[county_key].name
        return result
    county_key = _best(scores, "county")
    if county_key:  # a county-level unit directly under a province (仙桃市)
        c = places[county_key]
        result.update(province=c.province, city=c.city, county=c.name)
        return result
    prov_key = _best(scores, "province")
    if prov_key:
        result["province"] = places[prov_key].name
    return result
