"""Reader for saved web pages (.html/.htm): the article, and the page around it.

trafilatura finds the article; every other visible line of the page (navigation, share
buttons, related links) is returned too, marked as web chrome, so it lands in the removal
ledger instead of vanishing: a person can still see what was dropped.
"""

from __future__ import annotations

import re

from .read import ReadError

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer",
    "nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "dl",
    "figcaption", "form", "main",
}
_CELL = {"td", "th"}  # cells of a row stay on one line, separated by a full-width space
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe"}
_WS = re.compile(r"[ \t\u00a0\u3000]+")


def html_lines(text: str) -> tuple[list[str], set[int]]:
    """(lines of visible text, indexes of the lines that are not the article)."""
    import lxml.html
    import trafilatura
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"not a readable web page ({exc})") from exc
    lines = _visible_lines(root)
    if not lines:
        raise ReadError("the web page holds no visible text")
    article = trafilatura.extract(text, output_format="txt", include_tables=True, include_comments=False, favor_recall=True) or ""
    if not article.strip():
        return lines, set()  # no article found: keep everything, the cleaner still applies
    kept = {_norm(x) for x in article.split("\n") if x.strip()}
    body = _norm(article)
    chrome = {i for i, line in enumerate(lines) if _norm(line) not in kept and _norm(line) not in body}
    # A lone heading line (the title) is usually outside trafilatura's text: keep the <h1>.
    for h1 in root.iter("h1"):
        t = _WS.sub(" ", h1.text_content()).strip()
        chrome -= {i for i, line in enumerate(lines) if line == t}
    return lines, chrome


def _norm(s: str) -> str:
    return re.sub(r"[\s|]+", "", s)  # trafilatura writes table rows as | a | b |


def _visible_lines(root) -> list[str]:
    out: list[str] = []
    buf: list[str] = []

    def flush():
        line = _WS.sub(" ", "".join(buf)).strip()
        if line:
            out.append(line)
        buf.clear()

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text and tag not in _SKIP:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        elif tag in _CELL:
            buf.append("\u3000")
        if el.tail:
            buf.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return [x for line in out for x in line.split("\n") if x.strip()]
