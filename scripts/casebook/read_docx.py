"""Reader for Word .docx files: paragraphs and table rows, in reading order, one per line.

Table rows become one line with their cells joined by a full-width space, so a row of a
table of contents or a schedule stays together; headings are ordinary lines, which the
outline step recognises like any other heading.
"""

from __future__ import annotations

import io
import zipfile

from .read import ReadError


def docx_lines(data: bytes) -> list[str]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a broken install, not bad input
        raise ReadError("python-docx is not installed: run `make setup`") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError("the .docx file is damaged or truncated: open it in Word or WPS and save it again") from exc
    except Exception as exc:  # lxml errors inside a damaged package
        raise ReadError(f"the .docx file cannot be read ({type(exc).__name__}): save it again from Word") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(_paragraph_text(child).split("\n"))
        elif tag == "tbl":
            lines.extend(_table_rows(child))
    return lines


def _paragraph_text(p) -> str:
    """A paragraph's text, soft line breaks kept as new lines."""
    out = []
    for node in p.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t" and node.text:
            out.append(node.text)
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "tab":
            out.append(" ")
    return "".join(out)


def _table_rows(tbl) -> list[str]:
    rows = []
    for tr in tbl.iter():
        if tr.tag.rsplit("}", 1)[-1] != "tr":
            continue
        cells = []
        for tc in tr.iterchildren():
            if tc.tag.rsplit("}", 1)[-1] != "tc":
                continue
            text = " ".join(_paragraph_text(p).replace("\n", " ") for p in tc.iter() if p.tag.rsplit("}", 1)[-1] == "p")
            if text.strip() and (not cells or cells[-1] != text.strip()):  # merged cells repeat
                cells.append(text.strip())
        if cells:
            rows.append("\u3000".join(cells))
    return rows
