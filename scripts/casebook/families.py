"""Methods as knowledge: the shape of a method's name, its parts, and similar methods.

Shapes (families) of method names, recognised by form, never by a list of names:

* ``plus``    加号组合式  1+N, 1+10+N, 中心+会+团+室+库, 3+X: pieces joined by +;
* ``digits``  数字串式    4321工作法, 1234系统路径: a run of digits, one digit per part;
* ``ge``      数字+个式   四个深谈, 三个一, 十个一: a numeral, 个, what there are that many of;
* ``pairs``   数字叠用式  三先三后, 四巡四查, 五比五看, 一站六会, 四好五化六有: numeral +
  character, twice or more;
* ``numeral`` 数字领起式  六有, 五融共进, 三名工作室: one numeral + character, then a name;
* ``named``   具名品牌    同心服务团, 石榴籽调解体系: every other name.

A method's name and its aliases are all looked at (三先三后工作法 has the alias 三先三后);
the first shape in the order above that any of them has wins.

``similar_methods`` finds, for each method, the methods whose name or definition share
words with it (jieba words, weighted by how few methods use them), with their fields in
common as a smaller bonus; candidates come from a word → methods index, not all pairs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Iterable

from .segment import cut
from .textsim import words as text_words

NUM = "一二三四五六七八九十百千万两"

SHAPES: dict[str, tuple[str, str]] = {
    "plus": ("加号组合式", "用“+”把几个部分连成一个名称，如 1+N、1+10+N、中心+会+团+室+库。"),
    "digits": ("数字串式", "一串数字，每个数字对应一项内容，如 4321工作法。"),
    "ge": ("数字+个式", "数字加“个”，概括几项同类内容，如 四个深谈、三个一。"),
    "pairs": ("数字叠用式", "“数字+字”两组以上叠用，如 三先三后、四巡四查、五比五看、一站六会。"),
    "numeral": ("数字领起式", "一个“数字+字”领起名称，如 六有、五融共进、三名工作室。"),
    "named": ("具名品牌", "不含数字公式的名称，如 同心服务团、石榴籽调解体系。"),
}

_PLUS = re.compile(r"^[^+＋]+(?:[+＋][^+＋]+)+")
_DIGITS = re.compile(r"^\d{2,}(?![+＋\d])")
_GE = re.compile(rf"^[{NUM}]个[\u4e00-\u9fff{NUM}]")
_PAIRS = re.compile(rf"^(?:[{NUM}][\u4e00-\u9fff](?<!个)){{2,}}")
_NUMERAL = re.compile(rf"^[{NUM}][\u4e00-\u9fff]")
# Words that say "this is a method" and nothing about which one.
_METHOD_WORDS = frozenset("统战 工作法 工作 机制 活动 制度 模式 体系 行动 项目 工程 平台 品牌 方法 做法 专项 主题".split())


def shape_of(name: str, aliases: Iterable[str] = ()) -> str:
    forms = [name, *aliases]
    for key, pattern in (("plus", _PLUS), ("digits", _DIGITS), ("ge", _GE), ("pairs", _PAIRS), ("numeral", _NUMERAL)):
        if any(pattern.match(f) for f in forms):
            return key
    return "named"


def shape_label(key: str) -> str:
    return SHAPES[key][0]


def display_parts(method: dict) -> list[str]:
    """The parts to show under a method: the catalog's ``parts`` or, for a + name whose
    definition is written the same way (1（市级）+10（重点领域）+N（部门单位）), its pieces."""
    parts = [p for p in method.get("parts") or [] if p]
    forms = [method["name"], *(method.get("aliases") or [])]
    plus = next((f for f in forms if _PLUS.match(f)), None)
    if len(parts) <= 1 and plus:
        text = parts[0] if parts else (method.get("definition") or "")
        pieces = _split_plus(text)
        if len(pieces) == len(re.split("[+＋]", plus)) >= 2:
            return pieces
    return parts


_KEYED = re.compile(r"^[“\"]([^”\"]{1,6})[”\"]\s*(?:即|是|指)[:：]?\s*(.+)$", re.S)
_BRACKET_KEY = re.compile(r"^([0-9A-Za-z]{1,4})[（(]([^）)]+)[）)]$")


def part_key(part: str) -> tuple[str, str]:
    """A part's key and its content: “4”即不忘初心… → ("4", "不忘初心…"); 10（重点领域） →
    ("10", "重点领域"); a part without a key → ("", part)."""
    m = _KEYED.match(part) or _BRACKET_KEY.match(part)
    return (m.group(1), m.group(2).strip()) if m else ("", part)


def _split_plus(text: str) -> list[str]:
    """Split at + signs outside brackets."""
    pieces, depth, cur = [], 0, ""
    for ch in text:
        depth += {"（": 1, "(": 1, "）": -1, ")": -1}.get(ch, 0)
        if ch in "+＋" and depth == 0:
            pieces.append(cur)
            cur = ""
        else:
            cur += ch
    pieces.append(cur)
    return [p.strip() for p in pieces if p.strip()]


def method_words(method: dict) -> set[str]:
    """Words of a method's names and definition that can say what it is about."""
    out: set[str] = set()
    for form in [method["name"], *(method.get("aliases") or [])]:
        for w in cut(form):
            if len(w) >= 2 and w not in _METHOD_WORDS and re.search(r"[\u4e00-\u9fff]", w) and not _NUMERAL.match(w):
                out.add(w)
    out.update(w for w in text_words(method.get("definition") or "") if w not in _METHOD_WORDS)
    return out


MAX_SIMILAR = 5
POSTING_CAP = 200


def similar_methods(methods: list[dict], fields_of: dict[str, list[str]]) -> dict[str, list[tuple[str, str]]]:
    """Method name → up to five ``(name, reason)``: shared words first (rarer words weigh
    more), fields in common as a bonus; a method must share at least one word."""
    names = [m["name"] for m in methods]
    bags = [method_words(m) for m in methods]
    df: Counter = Counter()
    for b in bags:
        df.update(b)
    n = len(methods)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(bags):
        for w in b:
            postings[w].append(i)
    fields = [set(fields_of.get(name) or ()) for name in names]
    out = {}
    for i, name in enumerate(names):
        acc: dict[int, float] = defaultdict(float)
        for w in bags[i]:
            if df[w] < 2 or len(postings[w]) > POSTING_CAP:
                continue
            idf = math.log(1 + n / df[w])
            for j in postings[w]:
                if j != i:
                    acc[j] += idf
        ranked = []
        for j, score in acc.items():
            both = fields[i] & fields[j]
            bonus = len(both) / math.sqrt(len(fields[i]) * len(fields[j])) if both else 0.0
            ranked.append((-round(score + bonus, 9), names[j], j))
        ranked.sort()
        entries = []
        for _, other, j in ranked[:MAX_SIMILAR]:
            common = sorted(bags[i] & bags[j], key=lambda w: (df[w], w))[:3]
            both = [f for f in fields_of.get(name) or () if f in fields[j]][:2]
            reason = "共有词：" + "、".join(common)
            if both:
                reason += "；同在" + "、".join(both)
            entries.append((other, reason))
        out[name] = entries
    return out
