"""Reader for Word .docx files: paragraphs and table rows, in reading order, one per line.

Table rows become one line with their cells joined by a full-width space, so a row of a
table of contents or a schedule stays together; headings are ordinary lines, which the
outline step recognises like any other heading.

The package is opened here rather than by python-docx, which reads and parses every part
of it, however large it unpacks: only the relationships and the main document part are read,
each counted against MAX_XML_BYTES *before* it is parsed (a 1 MB zip can unpack to 300 MB
of XML).  The XML parser drops comments and processing instructions, expands only entities
the file itself declares (never a file or URL it names), and the walk goes through the
content controls (w:sdt) and custom XML that templates wrap around paragraphs and rows.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from .errors import ReadError
from .model import Document
from .read_text import document

FILE_EXTENSIONS = (".docx",)

MAX_XML_BYTES = 32 * 1024 * 1024  # the XML of a long compilation is a few MB
_MB = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: old .doc, or an encrypted .docx
_ENCRYPTION_STREAMS = tuple(name.encode("utf-16-le") for name in ("EncryptedPackage", "EncryptionInfo"))
_WRAPPERS = {"sdt", "sdtContent", "customXml"}  # hold paragraphs, rows or cells; sdtPr holds none
DAMAGED = "the .docx file is damaged or truncated: open it in Word or WPS and save it again"


def read(name: str, data: bytes) -> Document:
    return document(name, data, "docx", docx_lines(data))


def docx_lines(data: bytes) -> list[str]:
    if data.startswith(_OLE_MAGIC):
        raise ReadError(_compound_file_message(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            budget = [MAX_XML_BYTES]
            root = _parse(_read_part(zf, _main_part(zf, budget), budget))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise ReadError(DAMAGED) from exc
    if _local(root) != "document":
        raise ReadError(f"not a Word document (its main part is a '{_local(root)}'): save it as .docx from Word or WPS")
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise ReadError("the .docx file has no document body (w:body): open it in Word or WPS and save it again")
    return _block_lines(body)


def _compound_file_message(data: bytes) -> str:
    """Word saves a password-protected .docx as a compound file holding the encrypted package."""
    if any(name in data for name in _ENCRYPTION_STREAMS):
        return ("加密文档：请先去掉密码 (the .docx is password-protected: open it in Word or WPS, "
                "remove the password and save it again)")
    return "an old Word (.doc) file named .docx: open it in Word or WPS and save it as .docx"


def _read_part(zf: zipfile.ZipFile, name: str, budget: list[int]) -> bytes:
    """A part's bytes, refused as soon as the parts read so far unpack to more than the limit;
    the bytes are counted as they unpack, since a zip's header may lie about their size."""
    try:
        info = zf.getinfo(name)
    except KeyError as exc:
        raise ReadError(DAMAGED) from exc
    if info.file_size > budget[0]:
        raise ReadError(_too_large(f"{info.file_size // _MB} MB"))
    with zf.open(info) as f:
        data = f.read(budget[0] + 1)
    if len(data) > budget[0]:
        raise ReadError(_too_large(f"more than {MAX_XML_BYTES // _MB} MB"))
    budget[0] -= len(data)
    return data


def _too_large(size: str) -> str:
    return (f"the .docx file unpacks to {size} of XML (the limit is {MAX_XML_BYTES // _MB} MB): "
            "a damaged or hostile file, or a document to split into one file per speech or article")


def _main_part(zf: zipfile.ZipFile, budget: list[int]) -> str:
    """The document part the package's relationships name (word/document.xml when they name none)."""
    if "_rels/.rels" in zf.namelist():
        for rel in _parse(_read_part(zf, "_rels/.rels", budget)):
            if _local(rel) == "Relationship" and rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _parse(xml: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities="internal", no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        reason = str(exc.msg or exc).split(", line")[0][:120]
        raise ReadError(f"the .docx file cannot be read (broken XML: {reason}): save it again from Word") from exc


def _local(node) -> str:
    """An element's name without its namespace; '' for what is not an element (an entity left unexpanded)."""
    tag = node.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(parent, name: str):
    """The children called ``name``, also those wrapped in content controls or custom XML."""
    for child in parent:
        local = _local(child)
        if local == name:
            yield child
        elif local in _WRAPPERS:
            yield from _children(child, name)


def _blocks(container):
    """The paragraphs and tables of a body or a cell, in document order, through wrappers."""
    for child in container:
        local = _local(child)
        if local in ("p", "tbl"):
            yield child
        elif local in _WRAPPERS:
            yield from _blocks(child)


def _block_lines(container) -> list[str]:
    lines: list[str] = []
    for block in _blocks(container):
        if _local(block) == "p":
            lines.extend(_paragraph_text(block).split("\n"))
        else:
            lines.extend(_table_rows(block))
    return lines


def _paragraph_text(p) -> str:
    """A paragraph's text, soft line breaks kept as new lines."""
    out = []
    for node in p.iter():
        tag = _local(node)
        if tag == "t" and node.text:
            out.append(node.text)
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "tab":
            out.append(" ")
    return "".join(out)


def _table_rows(tbl) -> list[str]:
    """One line per row of this table (a table nested in a cell is part of that cell's text)."""
    rows = []
    for tr in _children(tbl, "tr"):
        cells = []
        for tc in _children(tr, "tc"):
            parts = [_paragraph_text(b).replace("\n", " ") if _local(b) == "p" else " ".join(_table_rows(b))
                     for b in _blocks(tc)]
            text = " ".join(parts).strip()
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        if cells:
            rows.append("\u3000".join(cells))
    return rows
