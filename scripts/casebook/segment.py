"""Chinese word boundaries from jieba, used only to confirm candidate matches.

Segmenting whole documents is slow; we cut only a short window around a candidate and
ask whether it starts (and ends) on a word boundary: 范县 inside 示范县 or 大同 inside
最大同心圆 do not, so they are not places.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import warnings

_CLAUSE_END = re.compile(r"[，。；：！？、“”（）《》\s]")


@functools.cache
def _tokenizer():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


# jieba's own patterns (jieba/__init__.py: re_han_default, re_skip_default, re_eng): a run
# of HAN is what its dictionary segmentation cuts; the rest is cut character by character.
HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ENG = re.compile("[a-zA-Z0-9]")


@functools.cache
def _table() -> tuple[dict[str, float | None], float]:
    """jieba's prefix table with, for each word, ``log(freq) - log(total)`` as jieba's
    ``calc`` computes it (None for a prefix that is no word), and the value of a character
    that is no word."""
    tok = _tokenizer()
    logtotal = math.log(tok.total)
    return {w: math.log(f) - logtotal if f else None for w, f in tok.FREQ.items()}, math.log(1) - logtotal


_MISSING = object()


def cut_block(s: str) -> list[str]:
    """jieba's ``__cut_DAG_NO_HMM`` on one block (a run of ``HAN``), in one backward pass:
    for each start, the dictionary words starting there (found through the prefix table),
    scored exactly as jieba's ``calc`` scores them (same float operations, ties to the
    longer word)."""
    table, single = _table()
    n = len(s)
    score = [0.0] * (n + 1)
    end = [0] * n
    get = table.get
    for k in range(n - 1, -1, -1):
        best, to = None, k + 1
        i = k + 1
        lp = get(s[k], _MISSING)
        while lp is not _MISSING:
            if lp is not None:
                v = lp + score[i]
                if best is None or v >= best:
                    best, to = v, i
            if i >= n:
                break
            i += 1
            lp = get(s[k:i], _MISSING)
        score[k] = single + score[k + 1] if best is None else best
        end[k] = to
    out, x, buf = [], 0, ""
    while x < n:
        y = end[x]
        if y - x == 1 and _ENG.match(s[x]):
            buf += s[x]
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(s[x:y])
        x = y
    if buf:
        out.append(buf)
    return out


def cut(text: str) -> list[str]:
    """The same words as ``jieba.lcut(text, HMM=False)`` with the default dictionary, about
    three times faster (jieba's ``get_DAG`` and ``calc`` fused into one pass over
    precomputed log frequencies); tested against jieba in tests/test_segment.py."""
    out: list[str] = []
    for blk in HAN.split(text):
        if not blk:
            continue
        if HAN.match(blk):
            out.extend(cut_block(blk))
        else:
            for x in _SKIP.split(blk):
                if _SKIP.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return out


def boundaries(text: str, start: int, end: int, pad: int = 8) -> set[int]:
    """Word-boundary offsets (in text's coordinates) around text[start:end]."""
    lo = max(0, start - pad)
    for i in range(start - 1, lo - 1, -1):
        if _CLAUSE_END.match(text[i]):
            lo = i + 1
            break
    hi = min(len(text), end + pad)
    for i in range(end, hi):
        if _CLAUSE_END.match(text[i]):
            hi = i
            break
    cuts, pos = {lo, hi}, lo
    for word in cut(text[lo:hi]):
        pos += len(word)
        cuts.add(pos)
    return cuts


def starts_word(text: str, start: int, end: int) -> bool:
    return start in boundaries(text, start, end)


def is_word_span(text: str, start: int, end: int) -> bool:
    cuts = boundaries(text, start, end)
    return start in cuts and end in cuts


def is_dictionary_word(term: str) -> bool:
    """True when jieba knows the term as one ordinary word (an idiom, a common noun)."""
    return term in _tokenizer().FREQ and _tokenizer().FREQ[term] > 0


def dictionary_freq(term: str) -> int:
    """How often jieba's dictionary has the term (0 when it is no word): 三个 is common, 六员 rare."""
    return _tokenizer().FREQ.get(term) or 0


@functools.cache
def _verb_like() -> frozenset[str]:
    """Words jieba's dictionary tags as verbs, prepositions, conjunctions, numerals, pronouns or
    aspect particles: what may stand before an object, not before a head noun."""
    with _tokenizer().get_dict_file() as fh:
        entries = fh.read().decode("utf-8")
    tags = r"v|vd|vi|vg|p|c|r|m|q|uz|ul|uv|ud|ug"  # not adverbs: 持之以恒“领头雁”
    return frozenset(re.findall(rf"^(\S{{1,4}}) \d+ (?:{tags})\b", entries, re.M))


def word_before(text: str, pos: int) -> str:
    """The word that ends at pos: the longest dictionary word (of up to four characters) ending
    there, else the one character (backward maximum matching: a few look-ups, no segmenting);
    '' after punctuation."""
    if pos <= 0 or _CLAUSE_END.match(text[pos - 1]):
        return ""
    for k in (4, 3, 2):
        if k <= pos and is_dictionary_word(text[pos - k : pos]) and not _CLAUSE_END.search(text[pos - k : pos]):
            return text[pos - k : pos]
    return text[pos - 1]


def is_verb_like(word: str) -> bool:
    return word in _verb_like()
