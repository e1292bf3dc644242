"""Traditional → Simplified characters, one for one, so that a text written in Traditional
characters (首頁, 廣西, 統戰部) meets the same rules, word lists and gazetteer as any other.

Only for matching: the text itself is never changed (the ledger counts its characters), and
a translation keeps every offset, so a match found in the Simplified twin is cut from the
original at the same place.  The table is OpenCC's single characters
(cases/gazetteer/ts_characters.tsv, Apache 2.0).
"""

from __future__ import annotations

import functools

from . import data


@functools.cache
def _pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    try:
        with open(data.data_dir() / "gazetteer" / "ts_characters.tsv", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#") and "\t" in line:
                    trad, simp = line.rstrip("\n").split("\t")[:2]
                    pairs[trad] = simp
    except OSError:
        pass  # a deployment without the table reads Traditional texts as they are
    return pairs


class Translator:
    """``to_simplified`` with some characters left as they are (乾 stays 乾 for 乾县, though
    OpenCC's default for it is 干)."""

    def __init__(self, keep: frozenset[str] = frozenset()):
        self.table = {ord(t): s for t, s in _pairs().items() if t not in keep}
        self.traditional = frozenset(chr(c) for c in self.table)

    def __call__(self, text: str) -> str:
        return text if self.traditional.isdisjoint(text) else text.translate(self.table)


@functools.cache
def default() -> Translator:
    """The translator with OpenCC's whole table (the gazetteer keeps some characters apart)."""
    return Translator()


def to_simplified(text: str) -> str:
    """The text with every Traditional character in its Simplified form (same length)."""
    return default()(text)


def _unchanged(text: str) -> str:
    return text


def fold_for(text: str):
    """``to_simplified`` for the parts of a text written in Traditional characters, else a no-op:
    one look at a whole document instead of one at each of its lines.  Every fifth character is
    enough to tell: a text in Traditional characters has them in every sentence."""
    return _unchanged if default().traditional.isdisjoint(text[::5]) else to_simplified
