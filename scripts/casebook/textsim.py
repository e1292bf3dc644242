"""Text similarity between cases over Chinese words (jieba), by TF-IDF and cosine.

A plain implementation, small enough to read and fast enough for ten thousand cases:

* words: jieba's dictionary segmentation (``segment.cut_block``: the same words as jieba
  without HMM, new words are not guessed, 2-2.5x faster), words of two or more characters
  with at least one Chinese character, minus a short list of words every 统战 text uses
  (统战, 加强, 坚持…); only the first ``TEXT_CHARS`` characters of a case are cut, which
  bounds the cost of a very long speech (its opening states what it is about); a run of
  characters already cut is remembered (collections repeat their phrases); the pipeline
  cuts each case in the worker that read its document, and a large corpus given without
  words is cut by forked workers (same result);
* weight: ``(1 + log tf) · log(N / df) · g(w)``: a word in every case weighs nothing, a
  word shared by few cases weighs most; ``g`` is the word's IDF in general Chinese, from
  the table jieba ships (``jieba/analyse/idf.txt``; the median for a word it lacks), so
  that on a small corpus 起来 or 进行 do not pass for a subject while 同心圆, 调解 or
  服务团 do; each case's vector is divided by its full norm, then
  only its ``KEEP_TERMS`` heaviest words shared with at least one other case are kept;
* neighbours: an inverted index from each word to the cases that keep it, each list cut
  to the ``POSTING_CAP`` cases where the word weighs most.  A case's cosine with every
  other case is accumulated along the lists of its own words, so the work per case is at
  most ``KEEP_TERMS · POSTING_CAP`` additions, whatever the size of the corpus: no pair
  of cases is compared unless they share a heavy word.

Everything is ordered (ties by case index), so the same texts give the same numbers.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import statistics
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import pool
from .segment import HAN, _table, cut_block

TEXT_CHARS = 2000
PARALLEL_FROM = 2000  # texts; fewer are cut in this process
KEEP_TERMS = 24
POSTING_CAP = 40
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Words that any 统战 text is full of: they tell nothing about what a case does.
STOPWORDS = frozenset("""
统战 统战工作 统一战线 统战部 工作 我们 他们 大家 同志 同志们 加强 坚持 推动 推进 开展 发展 建设 组织 通过 进一步
全面 深入 提升 提高 增强 完善 建立 健全 发挥 作用 重要 做好 作为 同时 方面 问题 任务 一是 二是 三是 四是 五是
六是 一批 一个 两个 三个 不断 积极 切实 持续 扎实 着力 围绕 以及 实现 形成 取得 有效 有力 主要 工作者 新时代
习近平 总书记 中国 中国共产党 党的 全市 全县 全区 全省 各级 各类 各项 相关 有关 其中 目前 今年 去年 近年来 以来
特色 创新 力量 能力 水平 质量 效果 成效 工作部 市委 县委 区委 书记 部长 副部长 领导 单位 部门 活动 机制 制度
""".split())


@functools.cache
def general_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table of general Chinese and its median (jieba's value for unknown words).

    Read from jieba's package folder: importing ``jieba.analyse`` would also load its
    part-of-speech tables, which cost more than the table itself."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba

    table = {}
    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        w, _, v = line.partition(" ")
        if v:
            table[w] = float(v)
    return table, statistics.median(table.values())


def words(text: str) -> list[str]:
    """The words of ``text`` that can carry its subject: those of jieba's dictionary
    segmentation (``segment.cut``), run by run of ``HAN`` characters (what lies between
    them is cut into single characters, never a word here)."""
    out: list[str] = []
    for blk in HAN.findall(text[:TEXT_CHARS]):
        out.extend(_block_words(blk))
    return out


@functools.lru_cache(maxsize=1 << 17)
def _block_words(blk: str) -> tuple[str, ...]:
    """A run's words, remembered: a collection repeats its phrases and clauses."""
    return tuple(w for w in cut_block(blk) if len(w) >= 2 and w not in STOPWORDS and _CJK.search(w))


def all_words(texts: list[str], known: list[list[str] | None] | None = None) -> list[list[str]]:
    """``words`` of every text, in order (``known[i]``, when given, is text i's words
    already cut, e.g. by the pipeline's workers); by forked workers for many texts."""
    known = known or [None] * len(texts)
    todo = [i for i, ws in enumerate(known) if ws is None]
    out = list(known)
    if len(todo) >= PARALLEL_FROM and pool.can_fork():
        _table()  # loaded once here; the forked workers inherit it
    for i, ws in zip(todo, pool.fork_imap(words, [texts[i] for i in todo], min_items=PARALLEL_FROM)):
        out[i] = ws
    return out


@dataclass
class TextIndex:
    """Pruned, normalised TF-IDF vectors of a list of texts and the index over them."""

    vectors: list[dict[str, float]]
    postings: dict[str, list[tuple[int, float]]]

    @classmethod
    def build(cls, texts: list[str], known: list[list[str] | None] | None = None) -> "TextIndex":
        counts = [Counter(ws) for ws in all_words(texts, known)]
        df: Counter = Counter()
        for c in counts:
            df.update(c.keys())
        n = len(texts)
        gidf, median = general_idf()
        idf = {w: math.log(n / k) for w, k in df.items()}
        general = {w: gidf.get(w, median) for w in df}
        tf = [0.0] + [1 + math.log(k) for k in range(1, max((max(c.values(), default=0) for c in counts), default=0) + 1)]
        vectors = []
        for c in counts:
            weights = {w: tf[k] * idf[w] * general[w] for w, k in c.items()}
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            shared = [(w, v / norm) for w, v in weights.items() if v > 0 and df[w] > 1]
            vectors.append(dict(heapq.nsmallest(KEEP_TERMS, shared, key=lambda wv: (-wv[1], wv[0]))))
        lists: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, vec in enumerate(vectors):
            for w, v in vec.items():
                lists[w].append((i, v))
        postings = {w: sorted(lst, key=lambda iv: (-iv[1], iv[0]))[:POSTING_CAP] for w, lst in lists.items()}
        return cls(vectors, postings)

    def neighbours(self, i: int) -> dict[int, float]:
        """Cosine of case ``i`` with the cases reached through its words' lists (i excluded)."""
        acc: dict[int, float] = defaultdict(float)
        for w, v in self.vectors[i].items():
            for j, u in self.postings.get(w, ()):
                if j != i:
                    acc[j] += v * u
        return acc

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b[w] for w, v in a.items() if w in b)

    def shared_words(self, i: int, j: int, limit: int = 3) -> list[str]:
        """The words that make i and j alike, heaviest first."""
        a, b = self.vectors[i], self.vectors[j]
        common = sorted((w for w in a if w in b), key=lambda w: (-a[w] * b[w], w))
        return common[:limit]
