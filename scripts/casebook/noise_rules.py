"""The noise rules of cases/noise.yml, compiled once per run, and the predicates over them
that several steps ask (is this line an editor's credit, an author line?).

Compiled for speed: patterns anchored at a line's start are tried there only, the patterns
of a reason are one union, and the flag for Latin letters is set where it is needed only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import data

REASONS = (
    "advertisement", "web-chrome", "seo-junk", "reprint-notice", "source-url", "pagination",
    "teaser", "caption", "table-border", "english-abstract", "html-debris",
)
# Noise that comes in blocks: short lines between two of its lines belong to the block.
BLOCK_REASONS = ("advertisement", "web-chrome")

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


@data.rules_cache
def rules() -> Rules:
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


def is_credit(line: str) -> bool:
    return bool(rules().credits.search(line))


def is_author(text: str) -> bool:
    """A short author line: 本报记者 张三 / 文/张三 (a long line naming a 记者 is a paragraph)."""
    return len(text) <= 40 and bool(rules().page.author.search(text))
