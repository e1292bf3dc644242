"""Step 1 — read: bytes on disk to numbered lines of text.

Plain text arrives as UTF-8 (with or without BOM), GB18030/GBK or UTF-16.  UTF-8 and
BOMs are certain, so they are tried first; anything else goes to charset-normalizer
on the *whole* file (on a cut prefix it guesses wrong).
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .model import Document, Line

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown"}

# Chinese legacy encodings are all read as GB18030, their common superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}


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


def read_document(path: Path, name: str | None = None) -> Document:
    """Read one supported file into a Document (lines numbered from 1)."""
    if not is_supported(path):
        raise ReadError(f"unsupported file type '{path.suffix or '(none)'}': save it as .txt or .md")
    data = path.read_bytes()
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("the file holds NUL bytes: it looks binary, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    return Document(
        file=name or path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=lines,
    )
