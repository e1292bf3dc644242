"""Text similarity between cases over Chinese words (jieba), by TF-IDF and cosine.

A plain implementation, small enough to read and fast enough for ten thousand cases:

* words: jieba's dictionary segmentation (the tokenizer ``segment.py`` already loads,
  no HMM: new words are not guessed), words of two or more characters with at least one
  Chinese character, minus a short list of words every 统战 text uses (统战, 加强, 坚持…);
  only the first ``TEXT_CHARS`` characters of a case are cut, which bounds the cost of a
  very long speech (its opening states what it is about); jieba cuts about 0.3 M
  characters a second, so a large corpus is cut by several processes (same result);
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
import math
import multiprocessing
import os
import re
import statistics
from concurrent.futures import ProcessPoolExecutor
from collections import Counter, defaultdict
from dataclasses import dataclass

from .segment import _tokenizer

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
    """jieba's IDF table of general Chinese and its median (jieba's value for unknown words)."""
    from importlib.resources import files

    table = {}
    for line in files("jieba.analyse").joinpath("idf.txt").read_text(encoding="utf-8").splitlines():
        w, _, v = line.partition(" ")
        if v:
            table[w] = float(v)
    return table, statistics.median(table.values())


def words(text: str) -> list[str]:
    """The words of ``text`` that can carry its subject."""
    return [w for w in _tokenizer().lcut(text[:TEXT_CHARS], HMM=False)
            if len(w) >= 2 and w not in STOPWORDS and _CJK.search(w)]


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def all_words(texts: list[str]) -> list[list[str]]:
    """``words`` of every text, in order; by a pool of forked processes for a large corpus."""
    cpus = _cpus()
    if len(texts) < PARALLEL_FROM or cpus < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [words(t) for t in texts]
    _tokenizer()  # loaded once here; the forked workers inherit it
    with ProcessPoolExecutor(min(cpus, 8), mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(words, texts, chunksize=64))


@dataclass
class TextIndex:
    """Pruned, normalised TF-IDF vectors of a list of texts and the index over them."""

    vectors: list[dict[str, float]]
    postings: dict[str, list[tuple[int, float]]]

    @classmethod
    def build(cls, texts: list[str]) -> "TextIndex":
        counts = [Counter(ws) for ws in all_words(texts)]
        df: Counter = Counter()
        for c in counts:
            df.update(c.keys())
        n = len(texts)
        gidf, median = general_idf()
        vectors = []
        for c in counts:
            weights = {w: (1 + math.log(k)) * math.log(n / df[w]) * gidf.get(w, median) for w, k in c.items()}
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            shared = [(w, v / norm) for w, v in weights.items() if df[w] > 1 and v > 0]
            shared.sort(key=lambda wv: (-wv[1], wv[0]))
            vectors.append(dict(shared[:KEEP_TERMS]))
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
