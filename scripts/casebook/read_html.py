"""Reader for saved web pages (.html/.htm): the article, and the page around it.

trafilatura finds the article; every other visible line of the page (navigation, share
buttons, related links) is returned too, marked as web chrome, so it lands in the removal
ledger instead of vanishing: a person can still see what was dropped.

A tree parser can lose text without a word: libxml2 stops at a nesting depth of 256 (2,048
with huge_tree), and a page whose every paragraph opens a <font> it never closes gets that
deep.  So the page is parsed once, with huge_tree, for both our lines and trafilatura; a page
deeper than that is read as a flat stream of tags instead (every line kept, none marked as
chrome: the cleaner's page frame still applies); and the characters read are always checked
against the page's visible text as a flat tokenizer (stdlib html.parser, no depth) sees it.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from .errors import ReadError
from .model import Document
from .read_text import decode, document

FILE_EXTENSIONS = (".html", ".htm")

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer",
    "nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "dl",
    "figcaption", "form", "main",
}
_CELL = {"td", "th"}  # cells of a row stay on one line, separated by a full-width space
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe"}
_WS = re.compile(r"[ \t\u00a0\u3000]+")
# An XML declaration (XHTML) is no text, and lxml refuses a str that carries an encoding in one.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
# libxml2 drops what follows </html> (a browser shows it): without these end tags it stays in the body.
_DOC_END = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def read(name: str, data: bytes) -> Document:
    """The page's visible lines; those that are not the article are marked as web chrome for the cleaner."""
    text, encoding = decode(data)
    lines, chrome = html_lines(text)
    doc = document(name, data, encoding, lines)
    doc.preremoved = {i + 1: "web-chrome" for i in chrome}
    return doc


def html_lines(text: str) -> tuple[list[str], set[int]]:
    """(lines of visible text, indexes of the lines that are not the article)."""
    text = _DOC_END.sub("", _XML_DECL.sub("", text, count=1))
    root, too_deep = _parse(text)
    visible = stream_lines(text)
    if too_deep:
        lines, chrome = visible, set()
    else:
        lines = _visible_lines(root)
        chrome = _chrome(root, lines) if lines else set()
    if not lines:
        raise ReadError("the web page holds no visible text")
    check_nothing_lost(visible, lines)
    return lines, chrome


def _parse(text: str):
    """The page's tree (comments and processing instructions are not text), and whether the
    parser stopped at its depth limit, leaving the rest of the page out of the tree."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"not a readable web page ({exc})") from exc
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def _chrome(root, lines: list[str]) -> set[int]:
    """Indexes of the lines outside trafilatura's article (it reads our tree, not its own
    parse: that one would stop at depth 256 and call the rest of a deep page chrome)."""
    import trafilatura

    try:
        article = trafilatura.extract(root, output_format="txt", include_tables=True, include_comments=False,
                                      favor_recall=True) or ""
    except RecursionError:  # a tree too deep for its recursive walks: no article found
        article = ""
    if not article.strip():
        return set()  # no article found: keep everything, the cleaner still applies
    kept = {_norm(x) for x in article.split("\n") if x.strip()}
    body = _norm(article)
    chrome = {i for i, line in enumerate(lines) if _norm(line) not in kept and _norm(line) not in body}
    # A lone heading line (the title) is usually outside trafilatura's text: keep the <h1>.
    for h1 in root.iter("h1"):
        t = _WS.sub(" ", h1.text_content()).strip()
        chrome -= {i for i, line in enumerate(lines) if line == t}
    return chrome


def _norm(s: str) -> str:
    return re.sub(r"[\s|]+", "", s)  # trafilatura writes table rows as | a | b |


class _Lines:
    """Visible text gathered piece by piece and cut into lines at block boundaries."""

    def __init__(self):
        self.out: list[str] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        line = _WS.sub(" ", "".join(self.buf)).strip()
        if line:
            self.out.append(line)
        self.buf.clear()

    def lines(self) -> list[str]:
        self.flush()
        return [x for line in self.out for x in line.split("\n") if x.strip()]


def _visible_lines(root) -> list[str]:
    """The body's text, a line per block; walked with a stack, since a page may nest 2,048 deep."""
    acc = _Lines()
    body = root.find("body")
    stack: list[tuple[object, bool]] = [(body if body is not None else root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if closing:
            if tag in _BLOCK:
                acc.flush()
            elif tag in _CELL:
                acc.buf.append("\u3000")
            if el.tail:
                acc.buf.append(el.tail)
            continue
        if tag in _SKIP:
            if el.tail:
                acc.buf.append(el.tail)
            continue
        if tag in _BLOCK:
            acc.flush()
        if el.text:
            acc.buf.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return acc.lines()


# Elements a flat tokenizer must not count as text: what the tree reader skips, and the title.
_HIDDEN = _SKIP | {"title"}
# What may stand in <head>; any other tag, as in a browser, ends the head and opens the body.
_HEAD_ONLY = {"title", "meta", "link", "style", "script", "base", "noscript", "template", "head"}


class _Stream(HTMLParser):
    """The page as a flat run of tags and text: no tree, so no depth to run out of."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.acc = _Lines()
        self.hidden: list[str] = []  # open elements whose text is not shown

    def handle_starttag(self, tag, attrs):
        if "head" in self.hidden and tag not in _HEAD_ONLY:
            self._close("head")
        if tag in _HIDDEN:
            self.hidden.append(tag)
        elif tag in _BLOCK:
            self.acc.flush()

    def handle_startendtag(self, tag, attrs):  # <br/>, <iframe/>: nothing stays open
        if tag in _BLOCK:
            self.acc.flush()

    def handle_endtag(self, tag):
        if tag in self.hidden:
            self._close(tag)
        elif self.hidden:
            return
        elif tag in _BLOCK:
            self.acc.flush()
        elif tag in _CELL:
            self.acc.buf.append("\u3000")

    def handle_data(self, data):
        if self.hidden == ["head"] and data.strip():
            self._close("head")  # text in the head: a browser shows it in the body
        if not self.hidden:
            self.acc.buf.append(data.replace("\x00", "\ufffd"))  # as the tree parser reads NUL

    def _close(self, tag: str) -> None:
        at = len(self.hidden) - 1 - self.hidden[::-1].index(tag)
        del self.hidden[at:]


def stream_lines(text: str) -> list[str]:
    """The page's visible lines, read without building a tree."""
    stream = _Stream()
    stream.feed(text)
    stream.close()
    return stream.acc.lines()


def _chars(lines: list[str]) -> Counter:
    return Counter(ch for line in lines for ch in line if not ch.isspace())


def check_nothing_lost(visible: list[str], lines: list[str]) -> None:
    """Raise ReadError when the lines read lack characters of the page's visible lines (``stream_lines``):
    the ledger's promise (every character in a case or the ledger) starts with reading every character."""
    seen = _chars(visible)
    missing = seen - _chars(lines)
    if missing:
        total = sum(seen.values())
        sample = "".join(ch for ch, _ in missing.most_common(8))
        raise ReadError(
            f"the reader could not read all of its text ({sum(missing.values())} of {total} visible characters "
            f"missing, such as “{sample}”): open the page in a browser and save it again, "
            "or copy its text into a .txt file"
        )
