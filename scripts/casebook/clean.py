"""Step 2 — clean: drop noise lines into the ledger, repair punctuation and page breaks.

Every line the cleaner drops is written to the removal ledger with a reason, so the
text of the cases plus the ledger accounts for every non-blank character of the input.
Rules are data (cases/noise.yml); this module only applies them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import data
from .model import Block, Document, Removal
from .text import OUTLINE_START, ends_sentence, has_sentence_break, heading_like, normalize_punct, squeeze_spaces

REASONS = ("advertisement", "web-chrome", "seo-junk", "reprint-notice", "source-url", "pagination")
# Noise that comes in blocks: short lines between two of its lines belong to the block.
BLOCK_REASONS = ("advertisement", "web-chrome")

# A paragraph cannot start with these: a line beginning with one continues the line before.
_NON_INITIAL = set("的地得了着过之，、。；：！？）》”’")
_REPLACEMENT = "\ufffd"


@dataclass
class Rules:
    by_reason: dict[str, re.Pattern]
    credits: re.Pattern
    blocks: dict[str, tuple[int, int]]  # reason → (max lines between, max chars of a line)
    line_max: int


@functools.cache
def _rules() -> Rules:
    """The noise rules of cases/noise.yml, compiled once per run."""
    cfg = data.load("noise")
    by_reason = {}
    for reason in REASONS:
        pats = cfg.get(reason, {}).get("patterns", [])
        by_reason[reason] = re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else None
    return Rules(
        by_reason={k: v for k, v in by_reason.items() if v is not None},
        credits=re.compile("|".join(f"(?:{p})" for p in cfg["credits"]["patterns"])),
        blocks={
            r: (int(cfg[r].get("block_gap", 0)), int(cfg[r].get("block_line_max_chars", 0)))
            for r in BLOCK_REASONS
            if r in cfg
        },
        line_max=int(cfg.get("line_max_chars", 80)),
    )


def noise_reason(line: str) -> str | None:
    """The ledger reason for a noise line, or None when the line is content."""
    if len(line) > _rules().line_max:
        return None
    for reason, pat in _rules().by_reason.items():
        if pat.search(line):
            return reason
    return None


def is_credit(line: str) -> bool:
    return bool(_rules().credits.search(line))


def clean(doc: Document) -> tuple[list[Block], list[Removal]]:
    """Return the document's content paragraphs (lines joined across page breaks) and the ledger."""
    r = _rules()
    kept: list[tuple[int, str]] = []  # (line no, stripped text) of non-blank lines
    reasons: dict[int, str] = {}
    for line in doc.lines:
        text = squeeze_spaces(line.text)
        if not text:
            continue
        kept.append((line.no, text))
        reason = doc.preremoved.get(line.no) or noise_reason(text)
        if reason:
            reasons[line.no] = reason
    _spread_blocks(kept, reasons, r)

    removals: list[Removal] = []
    content: list[tuple[int, str]] = []
    for no, text in kept:
        if no in reasons:
            removals.append(Removal(doc.file, no, text, reasons[no]))
            continue
        if _REPLACEMENT in text:
            damaged = "".join(ch for ch in text if ch == _REPLACEMENT)
            removals.append(Removal(doc.file, no, damaged, "encoding-damage"))
            text = text.replace(_REPLACEMENT, "").strip()
            if not text:
                continue
        content.append((no, normalize_punct(text)))
    return join_broken_lines(content), removals


def _spread_blocks(kept: list[tuple[int, str]], reasons: dict[int, str], r: Rules) -> None:
    """Short slogan lines between two advert lines belong to the advert; an account name
    between two lines of page chrome belongs to the chrome."""
    for reason, (gap, max_chars) in r.blocks.items():
        idx = [i for i, (no, _) in enumerate(kept) if reasons.get(no) == reason]
        for a, b in zip(idx, idx[1:]):
            middle = kept[a + 1 : b]
            if len(middle) <= gap and all(len(t) <= max_chars and not has_sentence_break(t) for _, t in middle):
                for no, _ in middle:
                    reasons.setdefault(no, reason)


def _is_structural(text: str) -> bool:
    """Lines that start something new and are never the tail of a broken sentence."""
    from .split import is_byline

    return bool(OUTLINE_START.match(text)) or is_credit(text) or is_byline(text)


def join_broken_lines(lines: list[tuple[int, str]]) -> list[Block]:
    """Join a line to the next when a page break cut a sentence in two.

    A line without a sentence-final mark continues on the next line when
      - it is long (no heading is) and the next line finishes a sentence, or
      - the next line starts with a character no sentence starts with (的、了、，…), or
      - it is short but follows another heading-like line and precedes a full paragraph
        (two headings in a row over one paragraph is a cut sentence, not an outline).
    """
    blocks: list[Block] = []
    prev_text: str | None = None
    for no, text in lines:
        if blocks and _continues(blocks[-1].text, text, prev_text, at_start=len(blocks) <= 3):
            last = blocks[-1]
            last.text += text
            last.last_line = no
            continue
        prev_text = blocks[-1].text if blocks else None
        blocks.append(Block(text=text, first_line=no, last_line=no))
    return blocks


def _continues(a: str, b: str, before_a: str | None, at_start: bool = False) -> bool:
    if ends_sentence(a) or _is_structural(b):
        return False
    if _is_structural(a) and not has_sentence_break(a):
        return False  # a heading (一、…) or byline; an item with sentences (一是…。…) may go on
    if b[0] in _NON_INITIAL:
        return True
    b_is_paragraph_tail = ends_sentence(b) and (len(b) > 30 or has_sentence_break(b))
    if not heading_like(a):
        return b_is_paragraph_tail or not heading_like(b)
    return (
        before_a is not None
        and not at_start
        and heading_like(before_a)
        and not _is_structural(before_a)
        and b_is_paragraph_tail
        and len(b) >= 40
    )
