"""Step 1 — read: a file on disk to numbered lines of text.

Plain text arrives as UTF-8 (with or without BOM), GB18030/GBK or UTF-16.  UTF-8 and
BOMs are certain, so they are tried first; anything else goes to charset-normalizer
on the *whole* file (on a cut prefix it guesses wrong).  Word files and saved web
pages have their own readers (read_docx.py, read_html.py); this module dispatches.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from .model import Document, Line, Removal

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".html", ".htm"}
# Formats we recognise but cannot read: tell the user what to do with them.
ADVICE = {
    ".doc": "an old Word file: open it in Word or WPS and save it as .docx",
    ".wps": "a WPS file: open it in WPS and save it as .docx",
    ".pdf": "a PDF: copy its text into a .txt file, or save the original as .docx",
    ".rtf": "an RTF file: open it in Word or WPS and save it as .docx",
    ".odt": "an OpenDocument file: save it as .docx",
    ".mht": "a saved web archive: open it in a browser and save it as .html",
    ".mhtml": "a saved web archive: open it in a browser and save it as .html",
}
MAX_BYTES = 20 * 1024 * 1024  # a single speech or compilation is far smaller

# Chinese legacy encodings are all read as GB18030, their common superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}

# Characters that are not text.  Spacing controls (vertical tab, form feed, the separators) are
# read as a space: a line is what ends at a newline, as an editor numbers it, and whitespace is
# no character the ledger counts.  Other controls, DEL, C1 controls, lone surrogates and
# noncharacters (U+FFFF…) break a page's YAML front matter later; invisible marks inside a word
# (zero-width space, word joiner, a BOM inside the text, soft hyphen) split it for search.  Both
# are cut out when reading and go to the ledger with their reason.
_SPACING = re.compile("[\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
_NONCHARACTERS_BMP = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS = _NONCHARACTERS_BMP + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0x10000, 0x110000, 0x10000))
_NOT_TEXT = {
    "control-character": re.compile(f"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff{_NONCHARACTERS}]"),
    "invisible-character": re.compile("[\u00ad\u200b\u2060-\u2064\ufeff]"),
}
# Any of the above in the Basic Multilingual Plane, as one character class: one search of a
# whole document, which almost never holds one (a class with characters past U+FFFF is
# searched ten times slower, so past U+FFFF a range tells whether there is anything to look at)
_ODD_BMP = re.compile("[" + "".join(p.pattern[1:-1] for p in (_SPACING, *_NOT_TEXT.values())).replace(
    _NONCHARACTERS, _NONCHARACTERS_BMP) + "]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class ReadError(Exception):
    """A file that cannot be turned into text; the message names the problem for the user."""


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise ReadError saying why the bytes are not text."""
    if not data.strip():
        raise ReadError("the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("the bytes are not text in any encoding we know (a binary file?)")
    encoding = best.encoding.lower().replace("_", "")
    if encoding in _GB_FAMILY:
        encoding = "gb18030"
    text = _strict(data, best.encoding if encoding != "gb18030" else "gb18030")
    if "\x00" in text:
        raise ReadError("the file holds NUL bytes: it looks binary, not text")
    return text, encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid {encoding} at byte {exc.start}") from exc


def unsupported_message(path: Path) -> str:
    suffix = path.suffix.lower()
    advice = ADVICE.get(suffix, "save it as .docx, .txt or .html")
    return f"unsupported file type '{suffix or '(none)'}': {advice}"


def read_document(path: Path, name: str | None = None) -> Document:
    """Read one supported file into a Document (lines numbered from 1)."""
    if not is_supported(path):
        raise ReadError(unsupported_message(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(
            f"too large ({size / 1024 / 1024:.0f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB): "
            "split it into one file per speech or article"
        )
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from .read_docx import docx_lines

        return _document(name or path.name, data, "docx", docx_lines(data))
    if suffix in {".html", ".htm"}:
        from .read_html import html_lines

        text, encoding = decode(data)
        lines, chrome = html_lines(text)
        doc = _document(name or path.name, data, encoding, lines)
        doc.preremoved = {i + 1: "web-chrome" for i in chrome}
        return doc
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("the file holds NUL bytes: it looks binary, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return _document(name or path.name, data, encoding, text.split("\n"))


def _document(name: str, data: bytes, encoding: str, lines: list[str]) -> Document:
    lines, removed = _only_text(name, lines)
    if not any(t.strip() for t in lines):
        raise ReadError("the file holds no text")
    return Document(
        file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=[Line(i, t) for i, t in enumerate(lines, start=1)],
        removed=removed,
    )


def _only_text(name: str, lines: list[str]) -> tuple[list[str], list[Removal]]:
    """The lines without the characters that are not text, and those characters for the ledger
    (one entry per line and reason), so the ledger still accounts for every input character."""
    joined = "\n".join(lines)
    if not _ODD_BMP.search(joined) and not _ASTRAL.search(joined):
        return lines, []
    out, removed = [], []
    for no, line in enumerate(lines, start=1):
        line = _SPACING.sub(" ", line)
        for reason, pattern in _NOT_TEXT.items():
            found = pattern.findall(line)
            if found:
                removed.append(Removal(name, no, "".join(found), reason))
                line = pattern.sub("", line)
        out.append(line)
    return out, removed
