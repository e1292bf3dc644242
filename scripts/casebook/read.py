"""Step 1 — read: a file on disk to numbered lines of text.

Each format has its reader module, registered here by the file extensions it declares (as
Pelican's readers declare ``file_extensions``): read_text.py (plain text, and the Document every
reader returns), read_docx.py (Word), read_html.py (saved web pages).  Adding a format is one
module with FILE_EXTENSIONS and ``read(name, data)``, and one entry in READERS.
"""

from __future__ import annotations

from pathlib import Path

from . import read_docx, read_html, read_text
from .errors import ReadError
from .model import Document
from .read_text import decode

__all__ = ["ADVICE", "MAX_BYTES", "READERS", "ReadError", "decode", "is_supported", "read_document",
           "unsupported_message"]

READERS = {ext: module.read for module in (read_text, read_docx, read_html) for ext in module.FILE_EXTENSIONS}
SUPPORTED_SUFFIXES = set(READERS)
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


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


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
    return READERS[path.suffix.lower()](name or path.name, path.read_bytes())
