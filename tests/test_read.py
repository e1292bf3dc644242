"""Step 1 — reading every encoding a user's .txt may come in, and refusing what is not text."""

from __future__ import annotations

import codecs

import pytest

from casebook.read import ReadError, read_document

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
