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

import functools
import re
from dataclasses import dataclass

from . import data
from .model import Block, Document, Removal
from .simplified import to_simplified
from .text import (
    OUTLINE_START,
    cjk_count,
    cjk_share,
    ends_sentence,
    has_sentence_break,
    heading_like,
    mostly_chinese,
    normalize_punct,
    squeeze_spaces,
)

REASONS = (
    "advertisement", "web-chrome", "seo-junk", "reprint-notice", "source-url", "pagination",
    "teaser", "caption", "table-border", "english-abstract", "html-debris",
)
# Noise that comes in blocks: short lines between two of its lines belong to the block.
BLOCK_REASONS = ("advertisement", "web-chrome")

# A paragraph cannot start with these: a line beginning with one continues the line before.
_NON_INITIAL = set("的地得了着过之，、。；：！？）》”’")
_REPLACEMENT = "\ufffd"
# A one-word line of a menu or a tag list: letters and digits only, no punctuation.
_BARE = re.compile(r"[0-9A-Za-z\u3400-\u9fff·\s]+")
_LIST_MARK = "-–—•·◇◆■●▪ "
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LATIN = re.compile(r"(?<!\\)[A-Za-z]")  # a letter that is not an escape (\d, \s)


@dataclass
class Page:
    """Thresholds and shapes of a page copied from a web site (noise.yml, page:)."""

    title_max: int
    paragraph_min: int
    label_max: int
    run_min: int
    run_line_max: int
    author: re.Pattern
    date: re.Pattern
    above_title: re.Pattern


@dataclass
class Rules:
    by_reason: dict[str, LineRule]  # short lines only
    any_length: dict[str, re.Pattern]  # whole-line shapes, any length, matched from the start
    short_any: LineRule  # every short-line pattern: one search says "not noise"
    long_any: re.Pattern | None
    dateline: re.Pattern
    # (reason, strings a line holds when it has such a piece, the patterns — each compiled
    # alone, so that each keeps the fast scan for its first character)
    pieces: list[tuple[str, tuple[str, ...], list[re.Pattern]]]
    piece_needs: re.Pattern  # any string of any `needs`: one fast scan for most lines
    credits: re.Pattern
    glued_credit: re.Pattern
    blocks: dict[str, tuple[int, int]]  # reason → (max lines between, max chars of a line)
    list_header: re.Pattern  # 相关阅读: the list of titles under it is seo-junk
    list_line_max: int
    line_max: int
    page: Page


def _union(patterns: list[str]) -> re.Pattern | None:
    """One regex for a list of patterns, each case-insensitive (VIP = vip).  The flag is set
    on the patterns that have Latin letters only: on the whole union it would slow the
    search of every line."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?i:{p})" if _LATIN.search(p) else f"(?:{p})" for p in patterns))


class LineRule:
    """Patterns searched in a line; those anchored at its start (^…) are tried there only,
    which keeps a union of a hundred patterns cheap."""

    def __init__(self, patterns: list[str]):
        self.start = _union([p[1:] for p in patterns if _anchored(p)])
        self.anywhere = _union([p for p in patterns if not _anchored(p)])

    def search(self, line: str) -> bool:
        if self.start is not None and self.start.match(line):
            return True
        return self.anywhere is not None and self.anywhere.search(line) is not None


def _anchored(pattern: str) -> bool:
    """^… with no | outside brackets (^a|b is not anchored as a whole)."""
    if not pattern.startswith("^"):
        return False
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
    return True


@functools.cache
def _rules() -> Rules:
    """The noise rules of cases/noise.yml, compiled once per run."""
    cfg = data.load("noise")
    short = {r: list(cfg.get(r, {}).get("patterns", [])) for r in REASONS}
    short["web-chrome"] += cfg["dateline"]["patterns"]  # a dateline is web chrome
    short["seo-junk"].append(cfg["seo-junk"]["list_header"])
    long_ = {r: list(cfg.get(r, {}).get("any_length", [])) for r in REASONS}
    page = cfg["page"]
    return Rules(
        by_reason={r: LineRule(p) for r, p in short.items() if p},
        any_length={r: _union(p) for r, p in long_.items() if p},
        short_any=LineRule([p for ps in short.values() for p in ps]),
        long_any=_union([p for ps in long_.values() for p in ps]),
        dateline=_union(cfg["dateline"]["patterns"]),
        pieces=[
            (reason, tuple(rule["needs"]), [re.compile(p) for p in rule["patterns"]])
            for reason, rule in cfg["pieces"].items()
        ],
        piece_needs=re.compile("|".join(re.escape(n) for rule in cfg["pieces"].values() for n in rule["needs"])),
        credits=_union(cfg["credits"]["patterns"]),
        glued_credit=_union(cfg["credits"]["glued"]),
        blocks={
            r: (int(cfg[r].get("block_gap", 0)), int(cfg[r].get("block_line_max_chars", 0)))
            for r in BLOCK_REASONS
            if r in cfg
        },
        list_header=re.compile(cfg["seo-junk"]["list_header"]),
        list_line_max=int(cfg["seo-junk"]["list_line_max_chars"]),
        line_max=int(cfg.get("line_max_chars", 80)),
        page=Page(
            title_max=int(page["title_max_chars"]),
            paragraph_min=int(page["paragraph_min_chars"]),
            label_max=int(page["label_max_chars"]),
            run_min=int(page["run_min_lines"]),
            run_line_max=int(page["run_line_max_chars"]),
            author=_union(page["author"]),
            date=_union(page["date"]),
            above_title=_union(page["above_title"]),
        ),
    )


def noise_reason(line: str) -> str | None:
    """The ledger reason for a noise line, or None when the line is content."""
    r = _rules()
    line = to_simplified(line)  # 掃一掃 meets the rules of 扫一扫
    short = len(line) <= r.line_max and r.short_any.search(line)
    if not short and not (r.long_any is not None and r.long_any.match(line)):
        return None
    for reason in REASONS:
        if short and reason in r.by_reason and r.by_reason[reason].search(line):
            return reason
        if reason in r.any_length and r.any_length[reason].match(line):
            return reason
    return None


def is_credit(line: str) -> bool:
    return bool(_rules().credits.search(line))


def cut_pieces(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The line without its noise pieces (HTML debris…), and the pieces with their reasons."""
    r = _rules()
    probe = to_simplified(text)  # same offsets: pieces found in it are cut from the text
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
    r = _rules()
    removals: list[Removal] = []
    kept: list[tuple[int, str]] = []  # (line no, stripped text) of non-blank lines
    reasons: dict[int, str] = {}
    for line in doc.lines:
        text = squeeze_spaces(line.text)
        if not text:
            continue
        reason = doc.preremoved.get(line.no)
        if not reason:
            text, cut = cut_pieces(text)
            removals += [Removal(doc.file, line.no, piece, why) for piece, why in cut]
            if not text:
                continue
            reason = noise_reason(text)
        kept.append((line.no, text))
        if reason:
            reasons[line.no] = reason
    _spread_blocks(kept, reasons, r)
    title_no = _frame(_Lines(doc.file, kept, reasons, removals), r)

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


# --- the page frame -------------------------------------------------------------------------


@dataclass
class _Lines:
    """The non-blank lines of a document being cleaned and what is decided about them."""

    file: str
    kept: list[tuple[int, str]]  # (line no, text)
    reasons: dict[int, str]  # line no → ledger reason of a removed line
    removals: list[Removal]  # pieces cut so far

    def live(self, i: int) -> bool:
        return self.kept[i][0] not in self.reasons

    def text(self, i: int) -> str:
        return self.kept[i][1]

    def remove(self, i: int, reason: str) -> None:
        self.reasons[self.kept[i][0]] = reason

    def cut(self, i: int, start: int, end: int, reason: str) -> None:
        """Cut text[start:end] of line i into the ledger."""
        no, text = self.kept[i]
        self.kept[i] = (no, (text[:start] + text[end:]).strip())
        self.removals.append(Removal(self.file, no, text[start:end], reason))


def _frame(lines: _Lines, r: Rules) -> int | None:
    """Mark the chrome of a page copied from a web site; return the title's line number.

    The article is the run of paragraphs.  Above the first paragraph, runs of one-word lines
    (menus) are chrome, and so are section labels, counters and site headers above the
    title; the site's name, once known, is cut where it is glued to the end of a line.
    Below the last paragraph, a run of one-word lines (tags, links) is chrome."""
    paras = [i for i in range(len(lines.kept)) if lines.live(i) and _is_paragraph(lines.text(i), r.page)]
    if not paras:
        return None
    _undouble(lines, paras[0])
    _mark_runs(lines, range(paras[0]), r)
    _mark_runs(lines, range(paras[-1] + 1, len(lines.kept)), r)
    title = _find_title(lines, paras[0], r)
    names = []
    for i in range(paras[0] if title is None else title):
        if lines.live(i) and _page_chrome(lines.text(i), r):
            lines.remove(i, "web-chrome")
            if mostly_chinese(lines.text(i), 3):
                names.append(lines.text(i))
    if names:
        _cut_glued_names(lines, names, title or 0)
    return None if title is None else lines.kept[title][0]


def _is_paragraph(text: str, p: Page) -> bool:
    """Article text: longer than any title, or a full sentence of some length."""
    if len(text) > p.title_max:
        return True
    return len(text) >= p.paragraph_min and (has_sentence_break(text) or ends_sentence(text))


def _protected(text: str, r: Rules) -> bool:
    """Lines that belong to the article's head even when short: organisation, byline,
    author, date, an outline heading, an editor's credit, a lead-in (编者按：, 同志们：)."""
    from .split import is_org_line

    return bool(
        text.endswith(("：", ":")) or is_org_line(text) or _anchor(text, r)
        or OUTLINE_START.match(text) or is_credit(text)
    )


def _anchor(text: str, r: Rules) -> bool:
    """A byline, author or date line: the title is the heading just above it."""
    from .split import is_byline

    return bool(is_byline(text) or is_author(text) or r.page.date.search(text))


def _page_chrome(text: str, r: Rules) -> bool:
    """Above the title: a section label or button (基层动态, 一键复制), a counter or phone
    number (hardly any Chinese), the site's header (某某网——某某报社官方网站)."""
    return _chrome_shaped(text, r) and not _protected(text, r)


def _chrome_shaped(text: str, r: Rules) -> bool:
    bare = text.strip(_LIST_MARK)
    counter = cjk_count(bare) <= r.page.label_max and cjk_share(bare) < 0.5  # - 17, 0000-1234567, 约2千字
    return len(bare) <= r.page.label_max or counter or bool(r.page.above_title.search(bare))


def _undouble(lines: _Lines, body: int) -> None:
    """A line above the article shown twice in a row (标题标题, 用户名用户名): the second
    copy goes to the ledger, the first stays (a title, or a name that is then a label)."""
    for i in range(body):
        text = lines.text(i)
        half = len(text) // 2
        if lines.live(i) and len(text) >= 4 and len(text) % 2 == 0 and text[:half] == text[half:]:
            lines.cut(i, half, len(text), "duplicate")


def _mark_runs(lines: _Lines, span: range, r: Rules) -> None:
    """A run of one-word lines (a menu down the side of the page, a tag list) is chrome,
    even where one of its words reads as an organisation (新闻中心)."""
    p = r.page
    run: list[int] = []
    for i in list(span) + [None]:
        if i is not None:
            if not lines.live(i):
                continue
            text = lines.text(i)
            if len(text) <= p.run_line_max and _BARE.fullmatch(text) and not _anchor(text, r):
                run.append(i)
                continue
        if len(run) >= p.run_min:
            for j in run:
                lines.remove(j, "web-chrome")
        run = []


def _find_title(lines: _Lines, body: int, r: Rules) -> int | None:
    """The index of the title among the lines above the first paragraph, or None.

    The title is the heading line nearest above the first date/source line, byline or
    author line (the page's dateline may itself be removed); with none of these, the
    first heading line.  A page's head has no outline: below a 一、 heading the document
    has begun."""
    body = next((i for i in range(body) if lines.live(i) and OUTLINE_START.match(lines.text(i))), body)
    candidates = [i for i in range(body) if lines.live(i) and _title_candidate(lines.text(i), r)]
    if not candidates:
        return None
    for i in range(body):
        text = lines.text(i)
        anchor = bool(r.dateline.search(text)) or (lines.live(i) and _anchor(text, r))
        before = [c for c in candidates if c < i]
        if anchor and before:
            return before[-1]
    return candidates[0]


def _title_candidate(text: str, r: Rules) -> bool:
    """A heading of Chinese words, no sentence, not an outline item, not page chrome and
    not a line of the head that is something else (byline, date, organisation, credit)."""
    return (
        len(text) <= r.page.title_max and not has_sentence_break(text) and not ends_sentence(text)
        and mostly_chinese(text) and not OUTLINE_START.match(text)
        and not _chrome_shaped(text, r) and not _protected(text, r)
    )


def _cut_glued_names(lines: _Lines, names: list[str], start: int) -> None:
    """The site's name glued to the end of the title or a caption (…触手可及某某网app)."""
    for i in range(start, len(lines.kept)):
        text = lines.text(i)
        core = text.rstrip(_ASCII_LETTERS)
        if not lines.live(i) or len(text) - len(core) > 4:
            continue
        name = next((n for n in names if core.endswith(n) and len(core) > len(n)), None)
        if name is not None:
            lines.cut(i, len(core) - len(name), len(text), "web-chrome")


# --- page breaks ----------------------------------------------------------------------------


def _is_structural(text: str) -> bool:
    """Lines that start something new and are never the tail of a broken sentence:
    outline headings, credits, bylines and author lines (本报记者 张三)."""
    from .split import is_byline

    return bool(OUTLINE_START.match(text) or is_credit(text) or is_byline(text) or is_author(text))


def is_author(text: str) -> bool:
    """A short author line: 本报记者 张三 / 文/张三 (a long line naming a 记者 is a paragraph)."""
    return len(text) <= 40 and bool(_rules().page.author.search(text))


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
