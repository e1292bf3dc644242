"""Small text predicates shared by the steps (what is CJK, what ends a sentence)."""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’—…·"
_NEIGHBOUR = f"[{CJK}{CJK_PUNCT}]"

# Sentence-final marks: a line ending in one of these is complete.
TERMINAL = "。！？；：…!?;:—"
_CLOSERS = "”’」』）)】》"

# ASCII punctuation that becomes full-width when it touches Chinese text: one pattern per
# mark with a fixed replacement (no Python callback), tried only when the mark occurs.  Each
# pattern opens with the mark itself, so the engine jumps from one mark to the next; the
# neighbour before it is looked at from behind the mark.
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_PUNCT_SUBS = [
    (ch, re.compile(rf"{re.escape(ch)}(?:(?={_NEIGHBOUR})|(?<={_NEIGHBOUR}{re.escape(ch)}))"), full)
    for ch, full in _FULL_WIDTH.items()
]
_CJK_RE = re.compile(f"[{CJK}]")
_SPACES_RE = re.compile(r"[ \t\u3000\u00a0]+")

OUTLINE_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、]\s*\S"
    r"|[一二三四五六七八九十]是|[一二三四五六七八九十]要|第[一二三四五六七八九十]{1,3}[，、,])"
)


def normalize_punct(s: str) -> str:
    """ASCII , ; : ! ? ( ) touching Chinese text become their full-width forms."""
    for ch, pattern, full in _PUNCT_SUBS:
        if ch in s:
            s = pattern.sub(full, s)
    return s


def squeeze_spaces(s: str) -> str:
    return _SPACES_RE.sub(" ", s).strip()


def ends_sentence(s: str) -> bool:
    """True when the line is complete: it ends with 。！？；：… (possibly inside a closing quote)."""
    s = s.rstrip()
    if not s:
        return True
    if s[-1] in TERMINAL:
        return True
    return s[-1] in _CLOSERS and len(s) > 1 and s[-2] in TERMINAL


def has_sentence_break(s: str) -> bool:
    return any(ch in s for ch in "。！？；")


def cjk_count(s: str) -> int:
    return _CJK_RE.subn("", s)[1]  # counts in C, without a list of the matches


def cjk_share(s: str) -> float:
    """The share of Chinese characters among the non-space characters (0 for an empty line)."""
    n = len(s) - s.count(" ")
    return cjk_count(s) / n if n else 0.0


def mostly_chinese(s: str, min_cjk: int = 4) -> bool:
    """Reads as Chinese words: not a rule (---), a key: value line, a URL or a number."""
    return cjk_count(s) >= min_cjk and cjk_share(s) >= 0.6


def heading_like(s: str, max_chars: int = 30) -> bool:
    """A short line with no sentence inside it reads as a title or heading."""
    if has_sentence_break(s) or ends_sentence(s):
        return False
    return len(s) <= max_chars or " " in s.strip()
