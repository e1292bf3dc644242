"""Related cases shown at the foot of a case: the five most related cases from OTHER places.

Score of a candidate (the higher, the more related):

* shared named methods, ``METHOD_POINTS`` each: the same practice is the strongest sign;
* shared fields, as the cosine of the two field sets times ``FIELD_POINTS``: fields are
  broad (a long speech touches ten of the fifteen), so overlap is normalised and capped;
* text similarity, the TF-IDF cosine over Chinese words (``textsim``) times ``TEXT_POINTS``.

Cases from the same place are left out (same city, or one place inside the other: 湖北省
and 湖北省襄阳市).  For a case whose place is known, cases from a known other place come
first and cases whose place is not given (它们可能就在本地) only fill the list after them;
for a case whose place is not known, every other case is ranked by score alone.

Candidates come from indexes, never from all pairs: cases per method, cases reached
through the inverted word index of ``textsim``, and, only when these give fewer than five,
cases with the most fields in common (through the index of field sets).  Ties are broken
by id, so the lists are the same on every run.

Each entry says why it is related, in the reader's words:
“同为基层统战、多党合作；共用方法：一站六会；内容相近：同心、服务团”.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict

from . import pool
from .textsim import TextIndex

MAX_RELATED = 5
METHOD_POINTS = 3.0
FIELD_POINTS = 2.0
TEXT_POINTS = 8.0
TEXT_REASON_MIN = 0.04  # below this cosine the words in common are not worth naming
TEXT_CANDIDATES = 30  # the closest texts considered; cases sharing a method always are
REASON_FIELDS = 2
REASON_WORDS = 3
PARALLEL_FROM = 2000  # cases; fewer are ranked in this process


def related_cases(cases: list[dict], words: dict[str, list[str]] | None = None) -> dict[str, list[dict]]:
    """Case id → its related cases, best first: ``{"id", "title", "url", "place", "reason"}``.

    ``words``: case id → ``textsim.words`` of its title and text, where already cut.  A large
    catalog is ranked by forked workers, each taking a range of cases (same result)."""
    rel = Relater(cases, words)
    parts = pool.ranges(len(cases), 8 * pool.workers()) if len(cases) >= PARALLEL_FROM else [range(len(cases))]
    global _current
    _current = rel
    try:
        chunks = pool.fork_map(_relate_range, parts, chunksize=1)
    finally:
        _current = None
    return {cases[i]["id"]: entries for r, chunk in zip(parts, chunks) for i, entries in zip(r, chunk)}


_current: "Relater | None" = None  # the catalog being ranked, set before the workers fork


def _relate_range(r: range) -> list[list[dict]]:
    return [_current.relate(i) for i in r]


class Relater:
    """The indexes over a catalog that rank every case's related cases; ``relate(i)`` ranks case i."""

    def __init__(self, cases: list[dict], words: dict[str, list[str]] | None = None):
        words = words or {}
        self.cases = cases
        self.texts = TextIndex.build([f"{c.get('title') or ''}\n{c.get('text') or ''}" for c in cases],
                                     [words.get(c["id"]) for c in cases])
        self.by_method: dict[str, list[int]] = defaultdict(list)
        self.by_fields: dict[frozenset, list[int]] = defaultdict(list)
        self.field_df: Counter = Counter()
        bit: dict[str, int] = {}
        self.masks = []
        for i, c in enumerate(cases):
            for m in dict.fromkeys(c["methods"]):
                self.by_method[m].append(i)
            if c["fields"]:
                self.by_fields[frozenset(c["fields"])].append(i)
            self.field_df.update(set(c["fields"]))
            self.masks.append(sum(1 << bit.setdefault(f, len(bit)) for f in set(c["fields"])))
        self.sizes = [m.bit_count() for m in self.masks]
        self.field_sets = sorted(self.by_fields, key=sorted)
        self.keys = [_place_key(c) for c in cases]

    def relate(self, i: int) -> list[dict]:
        cases, texts, keys, masks, sizes = self.cases, self.texts, self.keys, self.masks, self.sizes
        c = cases[i]
        cos = texts.neighbours(i)
        cands = set(heapq.nsmallest(TEXT_CANDIDATES, cos, key=lambda j: (-cos[j], j)))
        shared_n: Counter = Counter()
        for m in dict.fromkeys(c["methods"]):
            shared_n.update(self.by_method[m])
        cands.update(shared_n)
        cands.discard(i)
        cands = {j for j in cands if not _same_place(keys[i], keys[j])}
        first = (lambda j: bool(keys[j])) if keys[i] else (lambda j: True)
        if sum(map(first, cands)) < MAX_RELATED:
            cands |= _by_fields(i, cases, keys, self.field_sets, self.by_fields, cands, first)
        scored = []
        for j in cands:
            both = (masks[i] & masks[j]).bit_count()
            fields = both / math.sqrt(sizes[i] * sizes[j]) if both else 0.0
            text = cos.get(j, 0.0)
            score = METHOD_POINTS * shared_n[j] + FIELD_POINTS * fields + TEXT_POINTS * text
            if score > 0:
                unknown_last = bool(keys[i]) and not keys[j]
                scored.append((unknown_last, -round(score, 9), cases[j]["id"], j, text))
        scored.sort()
        return [
            _entry(c, cases[j], texts.shared_words(i, j, REASON_WORDS), text >= TEXT_REASON_MIN, self.field_df)
            for _, _, _, j, text in scored[:MAX_RELATED]
        ]


def _by_fields(i, cases, keys, field_sets, by_fields, taken, first) -> set[int]:
    """Cases from other places with the most fields in common, level by level, until
    five candidates of the first rank (``first``) are in."""
    mine = frozenset(cases[i]["fields"])
    if not mine:
        return set()
    levels: dict[int, list[frozenset]] = defaultdict(list)
    for s in field_sets:
        k = len(mine & s)
        if k:
            levels[k].append(s)
    have = sum(map(first, taken))
    found: set[int] = set()
    for k in sorted(levels, reverse=True):
        for s in levels[k]:
            for j in by_fields[s]:
                if j != i and j not in taken and j not in found and not _same_place(keys[i], keys[j]):
                    found.add(j)
                    have += first(j)
        if have >= MAX_RELATED:
            break
    return found


def _entry(c: dict, o: dict, words: list[str], close: bool, field_df: Counter) -> dict:
    """The entry shown on the page; its reason names the rarest shared fields, the shared
    methods and, when the texts are close (or nothing else is shared), their common words."""
    methods = [m for m in dict.fromkeys(c["methods"]) if m in o["methods"]]
    order = {f: n for n, f in enumerate(c["fields"])}
    shared = sorted((f for f in c["fields"] if f in o["fields"]), key=lambda f: (field_df[f], order[f]))
    shared = sorted(shared[:REASON_FIELDS], key=order.get)  # the rarest fields, in the case's order
    parts = []
    if shared:
        parts.append("同为" + "、".join(shared))
    if methods:
        parts.append("共用方法：" + "、".join(methods))
    if words and (close or not parts):
        parts.append("内容相近：" + "、".join(words))
    return {"id": o["id"], "title": o["title"], "url": o["url"], "place": place_label(o), "reason": "；".join(parts)}


def place_label(c: dict) -> str:
    p = c.get("place") or {}
    return "".join(p.get(k) or "" for k in ("province", "city", "county"))


def _place_key(c: dict) -> tuple:
    p = c.get("place") or {}
    return tuple(v for v in (p.get("province"), p.get("city")) if v) or tuple(v for v in (p.get("county"),) if v)


def _same_place(a: tuple, b: tuple) -> bool:
    """Same city, or one place inside the other; an unknown place is never the same."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]
