"""Step 1 — reading every encoding a user's .txt may come in, refusing what is not text, and
cutting out the characters that are not text (controls, invisible marks) into the ledger."""

from __future__ import annotations

import codecs
import html
import zipfile

import pytest
import yaml

from casebook.pipeline import convert
from casebook.read import ReadError, read_document
from test_ledger import accounted, chars

TEXT = "中共某某市委统战部\n坚持“三先三后”工作法，凝聚共识。\n"


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16"],
)
def test_reads_each_encoding(tmp_path, encoding, prefix):
    path = tmp_path / "doc.txt"
    path.write_bytes(prefix + TEXT.encode(encoding))
    doc = read_document(path)
    assert [ln.text for ln in doc.lines[:2]] == TEXT.splitlines()
    assert doc.lines[0].no == 1


def test_gb18030_only_characters(tmp_path):
    # 㑇 is outside GBK: only a GB18030 reading gets it right.
    text = "统战工作座谈会在㑇村召开，" * 20
    path = tmp_path / "gb.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path).lines[0].text == text


def test_crlf_line_endings(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("第一行\r\n第二行\r\n".encode("utf-8"))
    assert [ln.text for ln in read_document(path).lines[:2]] == ["第一行", "第二行"]


def test_empty_file_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(ReadError, match="empty"):
        read_document(path)


def test_binary_file_named_txt_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError):
        read_document(path)


def test_unsupported_type_names_the_fix(tmp_path):
    path = tmp_path / "speech.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError, match="unsupported file type '.doc': an old Word file"):
        read_document(path)


# --- characters that are not text: controls (F17) and invisible marks inside words (F21) -----

BODY = "近年来，县委统战部坚持“同心讲堂”工作法，组织党外人士深入基层宣讲，累计开展活动三十余场，受众两千余人次。\n"


def convert_one(tmp_path, name: str, data: bytes):
    src = tmp_path / "src"
    src.mkdir()
    (src / name).write_bytes(data)
    out = tmp_path / "out"
    catalog, report = convert(src, out)
    assert not report.failed, report.failed
    return catalog, out


def pages_text(out) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.md"))


CONTROLS = {"U+0001": "\x01", "U+007F": "\x7f", "U+FFFF": "\uffff", "ESC": "\x1b", "C1": "\x9f"}


@pytest.mark.parametrize("bad", CONTROLS.values(), ids=CONTROLS.keys())
def test_control_characters_go_to_the_ledger_not_the_pages(tmp_path, bad):
    text = f"坚持“同心{bad}讲堂”工作法 凝聚基层统战合力\n" + BODY.replace("同心讲堂", f"同心{bad}讲堂")
    catalog, out = convert_one(tmp_path, "doc.txt", text.encode("utf-8"))
    (case,) = catalog["cases"]
    assert case["title"] == "坚持“同心讲堂”工作法 凝聚基层统战合力"
    assert "同心讲堂" in case["methods"]
    assert bad not in case["text"] and bad not in pages_text(out)
    page = next((out / "cases").glob("*.md")).read_text(encoding="utf-8")
    assert yaml.safe_load(page.split("---\n")[1])["title"] == case["title"]  # the front matter still parses
    ledger = [r for r in catalog["removed"] if r["reason"] == "control-character"]
    assert [(r["line"], r["text"]) for r in ledger] == [(1, bad), (2, bad)]
    maintainers = html.unescape((out / "maintainers" / "index.md").read_text(encoding="utf-8"))
    assert f"| 控制字符 | U+{ord(bad):04X} |" in maintainers  # shown by its code point: itself it shows nothing
    assert accounted(catalog, "doc.txt") == chars(text)  # every input character: in a case or the ledger


def test_tab_and_line_ends_keep_their_meaning_and_spacing_controls_are_spaces(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes("第一行\t有制表符\r\n第二行\x0c分页\x0b换行\u2028分隔\n第三行".encode("utf-8"))
    doc = read_document(path)
    assert [ln.text for ln in doc.lines] == ["第一行\t有制表符", "第二行 分页 换行 分隔", "第三行"]
    assert doc.removed == []


@pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u00ad", "\u2060"], ids=["ZWSP", "BOM-inside", "SHY", "WJ"])
def test_invisible_characters_inside_words_are_removed_into_the_ledger(tmp_path, mark):
    text = f"坚持“同心讲{mark}堂”工作法 凝聚基层统战合力\n" + BODY.replace("统战部", f"统{mark}战部")
    catalog, out = convert_one(tmp_path, "doc.txt", text.encode("utf-8"))
    (case,) = catalog["cases"]
    assert case["title"] == "坚持“同心讲堂”工作法 凝聚基层统战合力"
    assert "县委统战部" in case["text"] and mark not in pages_text(out)
    ledger = [r for r in catalog["removed"] if r["reason"] == "invisible-character"]
    assert [(r["line"], r["text"]) for r in ledger] == [(1, mark), (2, mark)]
    assert accounted(catalog, "doc.txt") == chars(text)


def test_a_byte_order_mark_at_the_start_is_encoding_not_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + BODY.encode("utf-8"))
    doc = read_document(path)
    assert doc.lines[0].text == BODY.strip() and doc.removed == []


def test_control_and_invisible_characters_in_word_and_web_pages(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = BODY.strip().replace("同心讲堂", "同心\x7f讲\u200b堂")
    docx_path = tmp_path / "doc.docx"
    with zipfile.ZipFile(docx_path, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p>'
                   "</w:body></w:document>")
    html_path = tmp_path / "doc.html"
    para = BODY.replace("同心讲堂", "同心&#1;讲\ufeff堂")
    html_path.write_text(f"<html><body><h1>标题</h1><p>{para}</p></body></html>", encoding="utf-8")
    for path in (docx_path, html_path):
        doc = read_document(path)
        assert any("同心讲堂" in ln.text for ln in doc.lines), path.name
        assert sorted(r.reason for r in doc.removed) == ["control-character", "invisible-character"], path.name
