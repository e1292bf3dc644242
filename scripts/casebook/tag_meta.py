"""Tag step — who, what kind, when: organisation, speaker and role, kind, year.

Taken only where the text says them: the byline and organisation line of a compilation
unit, a "作为市委常委、统战部部长，我…" self-introduction, a name alone under the title, a
year in the title.  With no byline, the organisation is the one the text names as its
subject: an organisation of the case's own place (X县委统战部 for a case of X县, not the
city's department it reports to or the visitors it received), named in the opening or
named again.  Shapes live in cases/people.yml.
"""

from __future__ import annotations

import re

from . import data
from .gazetteer import is_name_word
from .gazetteer import load as gazetteer
from .model import Case
from .split import ORG_SUFFIX, ROLES, parse_byline
from .text import heading_like

_SELF_INTRO = re.compile(rf"作为(?P<role>[^，。；！？]{{2,30}}?(?:{ROLES}))，(?:我|本人)")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)年")
_PARTY_ORGAN = re.compile(r"(?:机关)?(?:党委|党组|党工委|党总支|党支部)$")
_ROLE_START = re.compile(rf"(?:常务)?(?:副)?(?:{ROLES})")
_ORG_IN_PREFIX = re.compile(rf"^(?P<org>.+{ORG_SUFFIX})")
_TRAILING_PAREN = re.compile(r"（[^）]*）$")
_BARE_COMMITTEE = {"省委", "市委", "县委", "区委", "州委", "旗委", "党委", "党组"}
# 中共眉山市东坡区委统战部2023年工作总结 → 中共眉山市东坡区委统战部
_ORG_IN_TITLE = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,16}?(?:省|市|州|盟|县|区|旗)委(?:员会)?统战部")


@data.rules_cache
def _kinds() -> list[dict]:
    return data.load("kinds")


def kind_of(title: str, context: str | None, opening: str) -> str:
    for text in (title, context or "", opening):
        for k in _kinds():
            if any(w in text for w in k["keywords"]):
                return k["label"]
    return "其他"


def split_kind_prefix(title: str) -> str:
    """研讨交流发言：以组织路线为纲… → 以组织路线为纲…  (the kind is tagged separately)."""
    head, sep, rest = title.partition("：")
    if sep and rest and len(head) <= 8 and any(w in head for k in _kinds() for w in k["keywords"]):
        return rest.strip()
    return title


def year_of(*texts: str | None) -> int | None:
    for t in texts:
        if t:
            m = _YEAR.search(t)
            if m:
                return int(m.group(1))
    return None


@data.rules_cache
def _people_rules() -> dict:
    cfg = data.load("people")
    endings = "|".join(map(re.escape, cfg["organization_endings"]))
    breakers = re.escape(cfg["middle_breakers"])
    surnames = "".join(cfg["surnames"].split())
    compound = "|".join(map(re.escape, cfg["compound_surnames"]))
    return {
        "prefix": re.compile("(?:" + "|".join(map(re.escape, cfg["organization_prefixes"])) + ")+$"),
        "rest": re.compile(rf"[^\W\d_{breakers}]{{0,{int(cfg['middle_max_chars'])}}}?(?:{endings})"),
        "name_line": re.compile(rf"^(?:{compound}|[{surnames}])[\u4e00-\u9fff]{{1,2}}$"),
        "mentions_min": int(cfg["mentions_min"]),
        "name_line_within": int(cfg["name_line_within_blocks"]),
        "opening_chars": int(cfg["opening_chars"]),
    }


def _deepest(place: dict) -> str | None:
    return place.get("county") or place.get("city") or place.get("province")


def organization_in_text(text: str, place: dict) -> str | None:
    """The organisation of the case's own place that the text names as its subject.

    Candidates are a place name (or a chain of them: 信阳光山县) followed by an organisation
    ending (…县委统战部, …台胞台属联谊会), with 中共 or a party's name kept in front.  Only
    an organisation whose most specific place is the case's most specific place qualifies
    (a county's case is not the city department's), so an anonymised case (no place) gets
    none.  Among those, the one named in the opening, else named ``mentions_min`` times;
    ties go to the most named, then the first.
    """
    own = _deepest(place or {})
    if own is None:
        return None
    rules, g = _people_rules(), gazetteer()
    original, text = text, g.to_simplified(text)  # 統戰部 as 统战部; the name is returned as written
    hits = list(g.find(text))
    counts: dict[str, list[int]] = {}  # organisation (without 中共…) → positions
    spelled: dict[str, str] = {}
    for k, (start, end, _name, _full, places) in enumerate(hits):
        if k and hits[k - 1][1] == start:
            continue  # inside a chain of names (光山县 after 信阳): the chain starts earlier
        chain_end, deepest = end, places
        for nxt in hits[k + 1 :]:
            if nxt[0] != chain_end:
                break
            chain_end, deepest = nxt[1], nxt[4]
        m = rules["rest"].match(text, chain_end)
        if not m or not any(p.name == own for p in deepest):
            continue
        org = text[start : m.end()]
        prefix = rules["prefix"].search(text, max(0, start - 12), start)
        counts.setdefault(org, []).append(start)
        if org not in spelled:
            spelled[org] = original[prefix.start() if prefix else start : m.end()]
    signed = _closing_credit(text)

    def subject(org: str, positions: list[int]) -> bool:
        return positions[0] < rules["opening_chars"] or org == signed or any(_leads_sentence(text, p) for p in positions)

    ranked = sorted(counts.items(), key=lambda kv: (-subject(*kv), -len(kv[1]), kv[1][0]))
    for org, positions in ranked:
        if subject(org, positions) or len(positions) >= rules["mentions_min"]:
            return spelled[org]
    return None


_SENTENCE_LEAD = re.compile(r"(?:^|[。！？\n])(?:中共)?$|(?:^|[。！？\n])[^，。！？\n]{0,10}(?:年来|以来|日前|近日|近期|目前)，(?:中共)?$")


def _leads_sentence(text: str, pos: int) -> bool:
    """The name opens a sentence, perhaps after a time phrase: 。2023年以来，X县委统战部…"""
    return bool(_SENTENCE_LEAD.search(text, max(0, pos - 16), pos))


_CLOSING_CREDIT = re.compile(r"[（(](?:中共)?(?P<org>[^（）()]{2,30})[）)]\s*$")


def _closing_credit(text: str) -> str | None:
    """The unit that signs a news item at its end: …。（X县委统战部）"""
    m = _CLOSING_CREDIT.search(text[-40:])
    return m.group("org") if m else None


def _of_place(org: str, place: dict) -> bool:
    """False when the organisation's name holds a place and none is the case's own."""
    own = _deepest(place)
    named = [p.name for *_, places in gazetteer().find(gazetteer().to_simplified(org)) for p in places]
    return not named or own is None or own in named


def speaker_line(case: Case) -> str | None:
    """A name alone on a line between a heading (the title, or an article's own title under an
    editor's note) and the first paragraph it signs, near the top: 王某某."""
    rules = _people_rules()
    blocks = case.blocks[: rules["name_line_within"]]
    for before, line, after in zip(blocks, blocks[1:], blocks[2:]):
        t = line.text.strip()
        if (
            rules["name_line"].match(t)
            and is_name_word(t)  # not an ordinary word (文化, 高峰)
            and (before.kind == "title" or heading_like(before.text))
            and not heading_like(after.text)
        ):
            return t
    return None


def people(case: Case, place: dict | None = None) -> dict:
    """organization, speaker, speaker_role from the byline / organisation line / self-introduction,
    else from the text: its subject organisation (of the case's ``place``) and a name line."""
    org, speaker, role = case.org_line, None, None
    by = parse_byline(case.byline) if case.byline else None
    if by and by["org"]:
        speaker, org = by["name"], org or by["org"]
    elif by:
        speaker, prefix = by["name"], by["prefix"]
        role = prefix[len(org):] if org and prefix.startswith(org) and len(prefix) > len(org) else prefix
        if org is None:
            org = _org_from_prefix(prefix)
    else:
        m = _SELF_INTRO.search(case.text[:600])
        if m:
            role = m.group("role")
    if org is None:
        m = _ORG_IN_TITLE.match(case.title)
        # a title led by another place's department (X市委统战部来Y交流) is about its visit
        org = m.group() if m and (place is None or _of_place(m.group(), place)) else None
    if org is None and place:
        org = organization_in_text(f"{case.title}\n{case.text}", place)
    if speaker is None:
        speaker = speaker_line(case)
    return {"organization": org, "speaker": speaker, "speaker_role": role}


def _org_from_prefix(prefix: str) -> str | None:
    """The unit in a byline's prefix, or None when it names none.

    市教育局党委书记、局长 → 市教育局;  市财政局（市国资委）党委书记 → 市财政局;
    宁德市委统战部常务副部长 → 宁德市委统战部;  赣州市委常委、统战部部长 → 赣州市委统战部;
    县委书记 → None (a bare 县委 names no place).
    """
    m = _ROLE_START.search(prefix)
    head = prefix[: m.start()] if m else prefix
    head = _TRAILING_PAREN.sub("", _PARTY_ORGAN.sub("", head).strip())
    m = _ORG_IN_PREFIX.match(head)
    org = m.group("org") if m else None
    if org and org.endswith("委") and "统战部" in prefix[len(head):]:
        org += "统战部"  # a standing-committee member who heads the United Front Work Department
    if org in _BARE_COMMITTEE:
        return None
    return org
