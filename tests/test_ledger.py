"""Nothing is silently lost: case text + context + removal ledger = every non-blank character.

Normalisation applied to both sides before counting (documented in the README):
whitespace is ignored and ASCII , ; : ! ? ( ) are counted as their full-width forms,
since the cleaner turns them full-width where they touch Chinese text.
"""

from __future__ import annotations

from collections import Counter

import pytest

from casebook.read import read_document
from conftest import SOURCES

_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"})


def chars(text: str) -> Counter:
    return Counter(ch for ch in text.translate(_FULL) if not ch.isspace())


def read_chars(doc) -> Counter:
    """The input's characters: the lines read, plus what the reader cut out of them (controls, invisible marks)."""
    return chars("\n".join(line.text for line in doc.lines)) + chars("".join(r.text for r in doc.removed))


def accounted(catalog: dict, file: str) -> Counter:
    cases = [c for c in catalog["cases"] if c["source"]["file"] == file]
    out = Counter()
    for c in cases:
        out += chars(c["text"])
    for context in {c["context"] for c in cases if c["context"]}:
        out += chars(context)
    for r in catalog["removed"]:
        if r["file"] == file:
            out += chars(r["text"])
    return out


@pytest.mark.parametrize("path", sorted(SOURCES.iterdir()), ids=lambda p: p.name)
def test_every_character_is_accounted_for(catalog, path):
    doc = read_document(path)
    original = read_chars(doc)
    got = accounted(catalog, path.name)
    assert original - got == Counter(), "lost characters"
    assert got - original == Counter(), "invented characters"
