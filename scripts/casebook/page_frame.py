"""The frame of a page copied from a web site: its title found, its chrome marked.

In text copied from a web page the article is the run of paragraphs; above its title and
below its end stand menus, section labels, counters and site headers, one short line each.
The cleaner (clean.py) hands the lines it kept; what is decided here goes to the ledger
through ``Lines`` like any other removal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Removal
from .noise_rules import Page, Rules, is_author, is_credit
from .text import OUTLINE_START, cjk_count, cjk_share, ends_sentence, has_sentence_break, mostly_chinese

# A one-word line of a menu or a tag list: letters and digits only, no punctuation.
_BARE = re.compile(r"[0-9A-Za-z\u3400-\u9fff·\s]+")
_LIST_MARK = "-–—•·◇◆■●▪ "
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


@dataclass
class Lines:
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


def frame(lines: Lines, r: Rules) -> int | None:
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
    """Above the title: a section label or button (区县传真, 一键复制), a counter or phone
    number (hardly any Chinese), the site's header (某某网——某某报社官方网站)."""
    return _chrome_shaped(text, r) and not _protected(text, r)


def _chrome_shaped(text: str, r: Rules) -> bool:
    bare = text.strip(_LIST_MARK)
    counter = cjk_count(bare) <= r.page.label_max and cjk_share(bare) < 0.5  # - 17, 0000-1234567, 约2千字
    return len(bare) <= r.page.label_max or counter or bool(r.page.above_title.search(bare))


def _undouble(lines: Lines, body: int) -> None:
    """A line above the article shown twice in a row (标题标题, 用户名用户名): the second
    copy goes to the ledger, the first stays (a title, or a name that is then a label)."""
    for i in range(body):
        text = lines.text(i)
        half = len(text) // 2
        if lines.live(i) and len(text) >= 4 and len(text) % 2 == 0 and text[:half] == text[half:]:
            lines.cut(i, half, len(text), "duplicate")


def _mark_runs(lines: Lines, span: range, r: Rules) -> None:
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


def _find_title(lines: Lines, body: int, r: Rules) -> int | None:
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


def _cut_glued_names(lines: Lines, names: list[str], start: int) -> None:
    """The site's name glued to the end of the title or a caption (…凝聚合力某某网app)."""
    for i in range(start, len(lines.kept)):
        text = lines.text(i)
        core = text.rstrip(_ASCII_LETTERS)
        if not lines.live(i) or len(text) - len(core) > 4:
            continue
        name = next((n for n in names if core.endswith(n) and len(core) > len(n)), None)
        if name is not None:
            lines.cut(i, len(core) - len(name), len(text), "web-chrome")
