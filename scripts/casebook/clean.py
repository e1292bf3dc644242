"""Step 2 — clean: drop noise into the ledger, repair punctuation and page breaks.

Every line, or piece of a line, the cleaner drops is written to the removal ledger with a
reason, so the text of the cases plus the ledger accounts for every non-blank character of
the input.  Rules are data (cases/noise.yml); this module only applies them, in this order:
  1. pieces (HTML debris, a share bar glued to a date line) are cut out; the rest stays;
  2. noise lines, by their shape;
  3. the page frame: in text copied from a web page the article is the run of paragraphs,
     and short non-sentence lines above its title and below its end are page chrome;
  4. lines cut by page breaks are joined again; the title found in 3 is marked for split.
"""

from __future__ import annotations

from .model import Block, Document, Removal
from .noise_rules import REASONS, Rules, is_author, is_credit, rules
from .page_frame import Lines, frame
from .simplified import fold_for, to_simplified
from .text import OUTLINE_START, ends_sentence, has_sentence_break, heading_like, normalize_punct, squeeze_spaces

# A paragraph cannot start with these: a line beginning with one continues the line before.
_NON_INITIAL = set("的地得了着过之，、。；：！？）》”’")
_REPLACEMENT = "\ufffd"


def noise_reason(line: str, fold=to_simplified) -> str | None:
    """The ledger reason for a noise line, or None when the line is content."""
    r = rules()
    line = fold(line)  # 掃一掃 meets the rules of 扫一扫
    short = len(line) <= r.line_max and r.short_any.search(line)
    if not short and not (r.long_any is not None and r.long_any.match(line)):
        return None
    for reason in REASONS:
        if short and reason in r.by_reason and r.by_reason[reason].search(line):
            return reason
        if reason in r.any_length and r.any_length[reason].match(line):
            return reason
    return None


def cut_pieces(text: str, fold=to_simplified) -> tuple[str, list[tuple[str, str]]]:
    """The line without its noise pieces (HTML debris…), and the pieces with their reasons."""
    r = rules()
    probe = fold(text)  # same offsets: pieces found in it are cut from the text
    if not r.piece_needs.search(probe):
        return text, []
    spans = [
        (m.start(), m.end(), reason)
        for reason, needs, patterns in r.pieces
        if any(n in probe for n in needs)
        for pattern in patterns
        for m in pattern.finditer(probe)
        if m.end() > m.start()
    ]
    if not spans:
        return text, []
    spans.sort()
    cut, keep, at = [], [], 0
    for start, end, reason in spans:
        if start < at:  # overlaps a piece already cut
            continue
        keep.append(text[at:start])
        cut.append((text[start:end], reason))
        at = end
    keep.append(text[at:])
    return squeeze_spaces("".join(keep)), cut


def clean(doc: Document) -> tuple[list[Block], list[Removal]]:
    """Return the document's content paragraphs (lines joined across page breaks) and the ledger.

    The title of a web page, when the page frame shows one, comes back as a block of kind
    "title" (split decides whether the document is one case)."""
    r = rules()
    removals: list[Removal] = list(doc.removed)  # what the reader already cut out of lines
    kept: list[tuple[int, str]] = []  # (line no, stripped text) of non-blank lines
    reasons: dict[int, str] = {}
    fold = fold_for("".join(line.text for line in doc.lines))
    for line in doc.lines:
        text = squeeze_spaces(line.text)
        if not text:
            continue
        reason = doc.preremoved.get(line.no)
        if not reason:
            text, cut = cut_pieces(text, fold)
            removals += [Removal(doc.file, line.no, piece, why) for piece, why in cut]
            if not text:
                continue
            reason = noise_reason(text, fold)
        kept.append((line.no, text))
        if reason:
            reasons[line.no] = reason
    _spread_blocks(kept, reasons, r)
    title_no = frame(Lines(doc.file, kept, reasons, removals), r)

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
        content.extend((no, normalize_punct(t)) for t in _unglue_credit(text, r))
    removals.sort(key=lambda x: x.line)
    blocks = join_broken_lines(content, title_no)
    for b in blocks:
        if b.first_line == title_no:
            b.kind = "title"
    return blocks, removals


def _unglue_credit(text: str, r: Rules) -> list[str]:
    """An editor's credit glued to the end of a paragraph becomes a line of its own."""
    m = r.glued_credit.search(text)
    if not m or m.start() == 0:
        return [text]
    return [text[: m.start()].rstrip(), m.group()]


def _spread_blocks(kept: list[tuple[int, str]], reasons: dict[int, str], r: Rules) -> None:
    """Short slogan lines between two advert lines belong to the advert; an account name
    between two lines of page chrome belongs to the chrome; the titles listed under 相关阅读
    belong to the list."""
    for reason, (gap, max_chars) in r.blocks.items():
        idx = [i for i, (no, _) in enumerate(kept) if reasons.get(no) == reason]
        for a, b in zip(idx, idx[1:]):
            middle = kept[a + 1 : b]
            if len(middle) <= gap and all(len(t) <= max_chars and not has_sentence_break(t) for _, t in middle):
                for no, _ in middle:
                    reasons.setdefault(no, reason)
    for i, (no, text) in enumerate(kept):
        if reasons.get(no) == "seo-junk" and r.list_header.match(text):
            for no2, t in kept[i + 1 :]:
                if no2 in reasons or len(t) > r.list_line_max or has_sentence_break(t):
                    break
                reasons[no2] = "seo-junk"


# --- page breaks ----------------------------------------------------------------------------


def _is_structural(text: str) -> bool:
    """Lines that start something new and are never the tail of a broken sentence:
    outline headings, credits, bylines and author lines (本报记者 张三)."""
    from .split import is_byline

    return bool(OUTLINE_START.match(text) or is_credit(text) or is_byline(text) or is_author(text))


def join_broken_lines(lines: list[tuple[int, str]], title_line: int | None = None) -> list[Block]:
    """Join a line to the next when a page break cut a sentence in two.

    A line without a sentence-final mark continues on the next line when
      - it is long (no heading is) and the next line finishes a sentence, or
      - the next line starts with a character no sentence starts with (的、了、，…), or
      - it is short but follows another heading-like line and precedes a full paragraph
        (two headings in a row over one paragraph is a cut sentence, not an outline).
    The title line (found by the page frame) is never joined to its neighbours.
    """
    blocks: list[Block] = []
    prev_text: str | None = None
    for no, text in lines:
        if (
            blocks
            and title_line not in (no, blocks[-1].last_line)
            and _continues(blocks[-1].text, text, prev_text, at_start=len(blocks) <= 3)
        ):
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
        and len(a) >= 5  # a name alone under the title (王某某) is not half a sentence
        and heading_like(before_a)
        and not _is_structural(before_a)
        and b_is_paragraph_tail
        and len(b) >= 40
    )
