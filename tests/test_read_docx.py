"""Word files as other programs and attackers write them: XML comments, entities, content
controls, no body, a zip bomb, a password.  Every .docx here is built by hand from its XML."""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from casebook import read_docx
from casebook.pipeline import convert
from casebook.read import ReadError, read_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
TYPES = (
    f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document(body: str, prolog: str = DECL) -> str:
    return f'{prolog}<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def raw_docx(path: Path, xml: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", xml)
    return path


def lines(path: Path) -> list[str]:
    return [ln.text for ln in read_document(path).lines]


# --- F4: comments, processing instructions, entities, no body --------------------------------


def test_xml_comments_and_processing_instructions_are_not_text(tmp_path):
    body = (p("县委统战部召开座谈会。") + "<!-- 模板注释 --><?mso-hint keep?>"
            + "<w:p><w:r><!-- 行内注释 --><w:t>听取党外人士意见。</w:t><?pi x?></w:r></w:p>")
    path = raw_docx(tmp_path / "c.docx", document(body))
    assert lines(path) == ["县委统战部召开座谈会。", "听取党外人士意见。"]


def test_an_internal_entity_is_read_as_its_text(tmp_path):
    prolog = f'{DECL}<!DOCTYPE w:document [<!ENTITY org "某某县委统战部">]>'
    path = raw_docx(tmp_path / "e.docx", document(p("&org;召开座谈会。"), prolog))
    assert lines(path) == ["某某县委统战部召开座谈会。"]


def test_an_external_entity_is_never_fetched(tmp_path):
    """An entity naming a file (XXE) is refused with a message; the file's content goes nowhere."""
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    prolog = f'{DECL}<!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
    path = raw_docx(tmp_path / "x.docx", document(p("开头&x;结尾") + p("第二段。"), prolog))
    with pytest.raises(ReadError, match="cannot be read .*Entity 'x'") as err:
        read_document(path)
    assert "机密内容" not in str(err.value)


def test_a_document_without_a_body_is_named(tmp_path):
    path = raw_docx(tmp_path / "nobody.docx", f'{DECL}<w:document xmlns:w="{W}"></w:document>')
    with pytest.raises(ReadError, match=r"no document body \(w:body\)"):
        read_document(path)


def test_odd_word_files_give_messages_never_a_traceback(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    raw_docx(src / "comment.docx", document("<!-- c -->" + p("县委统战部召开党外人士座谈会，听取意见建议。")))
    raw_docx(src / "nobody.docx", f'{DECL}<w:document xmlns:w="{W}"/>')
    res = subprocess.run([sys.executable, "-m", "casebook.cli", "convert", str(src), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=300)
    assert "Traceback" not in res.stdout + res.stderr
    assert "nobody.docx: the .docx file has no document body (w:body)" in res.stdout
    assert "documents read: 1" in res.stdout and res.returncode == 1


# --- F5: content controls and custom XML --------------------------------------------------


def sdt(inner: str) -> str:
    return f'<w:sdt><w:sdtPr><w:alias w:val="栏目"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


def test_content_controls_are_read_in_document_order(tmp_path):
    cell = "<w:tc>{}</w:tc>"
    table = (
        "<w:tbl><w:tr>" + cell.format(p("单位")) + cell.format(sdt(p("人数"))) + "</w:tr>"
        + sdt("<w:tr>" + cell.format(p("统战部")) + cell.format(p("12人")) + "</w:tr>") + "</w:tbl>"
    )
    body = (p("一、基本情况") + sdt(p("全县有党外干部120名。") + p("其中女性45名。"))
            + '<w:customXml w:element="section">' + p("二、主要做法") + "</w:customXml>"
            + table + sdt(sdt(p("三、下一步打算"))))
    path = raw_docx(tmp_path / "sdt.docx", document(body))
    assert lines(path) == [
        "一、基本情况", "全县有党外干部120名。", "其中女性45名。", "二、主要做法",
        "单位\u3000人数", "统战部\u300012人", "三、下一步打算",
    ]


def test_a_document_made_only_of_content_controls_is_not_empty(tmp_path):
    path = raw_docx(tmp_path / "form.docx", document(sdt(p("县委统战部工作总结")) + sdt(p("今年以来，全县统战工作稳步推进。"))))
    assert lines(path) == ["县委统战部工作总结", "今年以来，全县统战工作稳步推进。"]


def test_a_nested_table_is_read_once(tmp_path):
    inner = "<w:tbl><w:tr><w:tc>" + p("内表") + "</w:tc></w:tr></w:tbl>"
    body = "<w:tbl><w:tr><w:tc>" + p("外表") + inner + "</w:tc></w:tr></w:tbl>"
    path = raw_docx(tmp_path / "nested.docx", document(body))
    assert lines(path) == ["外表 内表"]


# --- F7: the uncompressed size ------------------------------------------------------------


def bomb(path: Path, megabytes: int) -> Path:
    """A small .docx whose document.xml unpacks to ``megabytes`` MB of paragraphs (repeats compress ~1000:1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w") as f:
            f.write(f'{DECL}<w:document xmlns:w="{W}"><w:body>{p("开头。")}'.encode())
            chunk = p("重复。").encode() * (2**20 // len(p("重复。").encode()))
            for _ in range(megabytes):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


def test_a_zip_bomb_is_refused_before_parsing(tmp_path):
    path = bomb(tmp_path / "bomb.docx", read_docx.MAX_XML_BYTES // 2**20 + 1)
    assert path.stat().st_size < 2 * 2**20
    with pytest.raises(ReadError, match=r"unpacks to \d+ MB of XML \(the limit is \d+ MB\)"):
        read_document(path)


def test_a_zip_bomb_does_not_stop_the_folder(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    bomb(src / "bomb.docx", read_docx.MAX_XML_BYTES // 2**20 + 1)
    (src / "note.txt").write_text("县委统战部召开党外人士座谈会，听取意见建议。\n", encoding="utf-8")
    catalog, report = convert(src, tmp_path / "out")
    assert [f.split(":")[0] for f in report.failed] == ["bomb.docx"]
    assert report.documents == 1 and len(catalog["cases"]) == 1


def test_a_size_header_that_lies_is_not_believed(tmp_path, monkeypatch):
    """A zip whose directory claims a small size for a large part: unpacking stops at the claimed
    size and the checksum fails, so the file is called damaged, quickly, never parsed."""
    path = bomb(tmp_path / "liar.docx", 3)
    real = zipfile.ZipFile.getinfo

    def small(self, name):
        info = real(self, name)
        info.file_size = min(info.file_size, 1000)
        return info

    monkeypatch.setattr(zipfile.ZipFile, "getinfo", small)
    with pytest.raises(ReadError, match="damaged or truncated"):
        read_document(path)


# --- F23: a password --------------------------------------------------------------------


def compound_file(streams: list[str]) -> bytes:
    """A minimal OLE compound file (MS-CFB, version 3): header, one FAT sector, one directory sector."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack(
        "<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 4096, end, 0, end, 0
    ) + struct.pack("<I", 0) + struct.pack("<I", free) * 108
    fat = struct.pack("<II", fat_sector, end) + struct.pack("<I", free) * 126

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, free, right, child)
                + bytes(16) + bytes(4) + bytes(16) + struct.pack("<IQ", end, 0))

    names = streams[:3]
    entries = [entry("Root Entry", 5, child=1 if names else free)]
    entries += [entry(n, 2, right=i + 2 if i + 1 < len(names) else free) for i, n in enumerate(names)]
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


def test_a_password_protected_docx_says_so(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "secret.docx").write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(ReadError, match="加密文档：请先去掉密码"):
        read_document(src / "secret.docx")
    (src / "note.txt").write_text("县委统战部召开党外人士座谈会，听取意见建议。\n", encoding="utf-8")
    _, report = convert(src, tmp_path / "out")
    assert report.failed and report.failed[0].startswith("secret.docx: 加密文档：请先去掉密码")


def test_an_old_word_file_named_docx_is_told_to_save_as_docx(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(compound_file(["WordDocument", "1Table"]))
    with pytest.raises(ReadError, match=r"an old Word \(\.doc\) file named \.docx"):
        read_document(path)
