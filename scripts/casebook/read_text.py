"""Reader for plain text (.txt, .md, .markdown), and what every reader ends with: the lines of a
file as a Document, less the characters that are not text (those go to the ledger).

Plain text arrives as UTF-8 (with or without BOM), GB18030/GBK or UTF-16.  UTF-8 and BOMs are
certain, so they are tried first; anything else goes to charset-normalizer on the *whole* file
(on a cut prefix it guesses wrong).
"""

from __future__ import annotations

import codecs
import hashlib
import re

from .errors import ReadError
from .model import Document, Line, Removal

FILE_EXTENSIONS = (".txt", ".md", ".markdown")

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


def read(name: str, data: bytes) -> Document:
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("the file holds NUL bytes: it looks binary, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return document(name, data, encoding, text.split("\n"))


def document(name: str, data: bytes, encoding: str, lines: list[str]) -> Document:
    """The lines read from a file as a Document: what the lines hold that is not text is cut out
    into the ledger (``removed``)."""
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
