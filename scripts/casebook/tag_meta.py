"""Tag step — who, what kind, when: organisation, speaker and role, kind, year.

Taken only where the text says them: the byline and organisation line of a compilation
unit, a "作为市委常委、统战部部长，我…" self-introduction, a year in the title.
"""

from __future__ import annotations

import functools
import re

from . import data
from .model import Case
from .split import ORG_SUFFIX, ROLES, parse_byline

_SELF_INTRO = re.compile(rf"作为(?P<role>[^，。；！？]{{2,30}}?(?:{ROLES}))，(?:我|本人)")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)年")
_PARTY_ORGAN = re.compile(r"(?:机关)?(?:党委|党组|党工委|党总支|党支部)$")
_ROLE_START = re.compile(rf"(?:常务)?(?:副)?(?:{ROLES})")
_ORG_IN_PREFIX = re.compile(rf"^(?P<org>.+{ORG_SUFFIX})")
_TRAILING_PAREN = re.compile(r"（[^）]*）$")
_BARE_COMMITTEE = {"省委", "市委", "县委", "区委", "州委", "旗委", "党委", "党组"}
# 中共眉山市东坡区委统战部2023年工作总结 → 中共眉山市东坡区委统战部
_ORG_IN_TITLE = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,16}?(?:省|市|州|盟|县|区|旗)委(?:员会)?统战部")


@functools.cache
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


def people(case: Case) -> dict:
    """organization, speaker, speaker_role from the byline / organisation line / self-introduction."""
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
        org = m.group() if m else None
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
