"""Chinese word boundaries from jieba, used only to confirm candidate matches.

Segmenting whole documents is slow; we cut only a short window around a candidate and
ask whether it starts (and ends) on a word boundary: 范县 inside 示范县 or 大同 inside
最大同心圆 do not, so they are not places.
"""

from __future__ import annotations

import functools
import logging
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
    for word in _tokenizer().lcut(text[lo:hi], HMM=False):
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
