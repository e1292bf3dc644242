"""Shapes of method names shared by the quoted and the unquoted finders (tag_methods.py,
method_unquoted.py): formulas, counts, plans, and where quotes already stand."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from .segment import cut, dictionary_freq, is_dictionary_word

NUM = "一二三四五六七八九十百千万两"
CJK = "\u4e00-\u9fff"
CJK_RE = re.compile(f"[{CJK}]")
_FORMULA_REPEAT = re.compile(rf"^(?:[{NUM}双多][{CJK}]{{1,2}}){{2,4}}$")  # 三先三后, 一主多辅, 三提升三推进
_FORMULA_GE = re.compile(rf"^[{NUM}]{{1,2}}个[{CJK}{NUM}]{{1,4}}$")  # 四个深谈, 十二个一
_COUNT = re.compile(rf"^[二三四五六七八九十两百千万]{{1,2}}[{CJK}]{{1,3}}$")  # 六员, 五张牌 (not 一家亲)
_DIGITS = re.compile(r"^\d{2,}")  # 5321, 556
_PLUS = re.compile(r"^[^+＋]+(?:[+＋][^+＋]+)*[+＋]?$")  # 1+N, 党建+侨务, 统战+
_PLUS_BODY = re.compile(rf"[0-9A-Za-z{CJK}]")
_COUNTED = re.compile(rf"[{NUM}双多]([{CJK}])")


@dataclass
class Found:
    core: str
    name: str
    definition: str | None = None
    parts: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=4096)
def is_formula(core: str) -> bool:
    """三先三后, 四好五化六有, 一主多辅, 四个深谈, 十二个一, 5321, 1+N, 党建+侨务, 统战+."""
    core = core.replace(" ", "")
    if _FORMULA_REPEAT.match(core) or _FORMULA_GE.match(core):
        return not is_dictionary_word(core)  # 千方百计, 一心一意 are idioms
    if _DIGITS.match(core):
        return True
    return ("+" in core or "＋" in core) and bool(_PLUS.match(core)) and bool(_PLUS_BODY.search(core))


def is_count(core: str) -> bool:
    """A numeral and what it counts: 六员, 五张牌, 四举措, 六支队伍, 七有 (not 三个, 一切)."""
    return bool(_COUNT.match(core)) and dictionary_freq(core) < 100


def is_plan(core: str, plan_nouns) -> bool:
    """一区三城, 一核两翼: a formula that counts only places is a development plan."""
    counted = _COUNTED.findall(core)
    return bool(counted) and all(c in plan_nouns for c in counted)


@functools.lru_cache(maxsize=4096)
def all_words(term: str) -> bool:
    """统战工作 = 统战 + 工作: a run of ordinary words, not a coined name (同心 + 坊)."""
    return all(len(w) >= 2 and is_dictionary_word(w) for w in cut(term))


class Spans:
    """Where quotes stand, to tell whether an unquoted match lies inside one (bisect, not a scan)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def masked(self, text: str, lo: int, hi: int, mark: str = "囗") -> str:
        """text[lo:hi] with every quote in it (marks included) written as `mark`s: a quoted
        item of a list then reads as one more item, at the same offsets."""
        out, at = [], lo
        for s, e in self._spans[max(0, bisect.bisect_right(self._starts, lo) - 1) :]:
            if s >= hi:
                break
            if e <= lo:
                continue
            s, e = max(s, lo), min(e, hi)
            if s >= at:
                out += [text[at:s], mark * (e - s)]
                at = e
        return "".join(out) + text[at:hi]

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._spans[i][1]  # quotes never nest: ‘…’ inside “…” is not a span
