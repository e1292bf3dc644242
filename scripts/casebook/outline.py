"""Step 3 — outline: recover headings, also when they run inline inside one long line.

Chinese official documents number their outline 一、 / （一） / 1. / 一是.  Copied from
web pages, a whole speech often arrives as one line: "…各方面。一、深悟会议精神，夯实
…根基（一）领悟组织路线核心要义，明确统战工作方向。习近平总书记指出…".  We cut such a
line before each marker that follows a sentence end (or, for （一）, a 一、 heading), so
each heading and item becomes its own block.  No character is added or dropped.
"""

from __future__ import annotations

import re

from .model import Block
from .text import has_sentence_break

NUM = "一二三四五六七八九十"
_H2 = re.compile(rf"[{NUM}]{{1,3}}、")
_H3 = re.compile(rf"（[{NUM}]{{1,3}}）")
_ITEM = re.compile(rf"(?:[{NUM}]是|[{NUM}]要|第[{NUM}]{{1,3}}，|\d{{1,2}}[.．、]\s*(?=\S))")

# Where a block may be cut: before a marker that follows a sentence end.
_CUT = re.compile(
    rf"(?<=[。！？；])(?=[{NUM}]{{1,3}}、|（[{NUM}]{{1,3}}）|[{NUM}][是要](?![否的])|第[{NUM}]{{1,3}}，)"
)
# A 一、 heading runs straight into its first （一） sub-heading without a full stop.
_H3_AFTER_H2 = re.compile(rf"(?=（[{NUM}]{{1,3}}）)")


def recover(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        pieces = _cut(block.text)
        if len(pieces) == 1:  # not cut: the block itself, with the kind the cleaner gave it
            out.extend(_classify(block))
            continue
        for piece in pieces:
            out.extend(_classify(Block(piece, block.first_line, block.last_line)))
    return out


def _cut(text: str) -> list[str]:
    pieces, start = [], 0
    for m in _CUT.finditer(text):
        if m.start() > start:
            pieces.append(text[start : m.start()])
            start = m.start()
    pieces.append(text[start:])
    final = []
    for p in pieces:
        if _H2.match(p):
            m = _H3_AFTER_H2.search(p, 2)
            head_end = _first_sentence_end(p)
            if m and (head_end is None or m.start() < head_end):
                final.extend([p[: m.start()], p[m.start() :]])
                continue
        final.append(p)
    return [p for p in final if p]


def _first_sentence_end(p: str) -> int | None:
    m = re.search("[。！？；]", p)
    return m.start() if m else None


def _classify(block: Block) -> list[Block]:
    """Mark headings (h2, h3) and numbered items; split a heading from the text after it."""
    t = block.text
    if _H2.match(t) or _H3.match(t):
        kind = "h2" if _H2.match(t) else "h3"
        end = _first_sentence_end(t)
        if end is None:
            if len(t) <= 60:
                return [Block(t, block.first_line, block.last_line, kind)]
            return [Block(t, block.first_line, block.last_line, "item")]
        head, rest = t[: end + 1], t[end + 1 :]
        if len(head) > 60:  # a numbered paragraph, not a heading
            return [Block(t, block.first_line, block.last_line, "item")]
        out = [Block(head, block.first_line, block.last_line, kind)]
        if rest.strip():
            out.append(Block(rest, block.first_line, block.last_line, "p"))
        return out
    if _ITEM.match(t) and (has_sentence_break(t) or len(t) > 40):
        return [Block(t, block.first_line, block.last_line, "item")]
    return [block]
