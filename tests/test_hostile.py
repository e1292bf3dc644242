"""Hostile and broken input: a clear message, never a traceback; the rest still converts;
nothing half-written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from casebook import pipeline
from casebook.pipeline import convert
from conftest import SOURCES

GOOD = SOURCES / "004_dca6bc3a6d595e6b.txt"


def run_cli(src, out):
    return subprocess.run([sys.executable, "-m", "casebook.cli", "convert", str(src), str(out)],
                          capture_output=True, text=True, timeout=600)


def test_a_folder_of_bad_files_beside_a_good_one(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(GOOD, src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (src / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (src / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (src / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (src / "noise.txt").write_text("扫码关注公众号\n加入会员下载全部资料\n", encoding="utf-8")
    res = run_cli(src, tmp_path / "out")
    out = res.stdout + res.stderr
    assert "Traceback" not in out
    assert res.returncode == 1
    for expected in (
        "empty.txt: the file is empty",
        "binary.txt:",
        "broken.docx: the .docx file is damaged or truncated",
        "scan.pdf: skipped, unsupported file type '.pdf': a PDF",
        "old.doc: skipped, unsupported file type '.doc'",
        "noise.txt: nothing but noise",
    ):
        assert expected in out, expected
    catalog = json.loads((tmp_path / "out" / "catalog.json").read_text(encoding="utf-8"))
    assert [c["source"]["file"] for c in catalog["cases"]] == ["good.txt"]


def test_mixed_encodings_and_awkward_file_names(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    names = {
        "某区 工作安排.txt": ("004_dca6bc3a6d595e6b.txt", "gb18030"),
        "$(rm -rf ~); `x` & 'y'.txt": ("002_c78fcdc5d01df34d.txt", "utf-16"),
        "统战#1?.txt": ("000_1603c082272f9b21.txt", "utf-8-sig"),
    }
    for name, (seed, enc) in names.items():
        (src / name).write_bytes((SOURCES / seed).read_text(encoding="utf-8").encode(enc))
    catalog, report = convert(src, tmp_path / "out")
    assert report.failed == []
    assert sorted(c["source"]["file"] for c in catalog["cases"]) == sorted(names)
    for c in catalog["cases"]:
        assert (tmp_path / "out" / (c["url"].removesuffix(".html") + ".md")).is_file()


def test_two_files_whose_cases_would_share_an_id(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    # ids come from the title plus a hash of file and line: the same title in two files
    # still gives two ids.
    (src / "a.txt").write_text("关于统战工作的讲话\n今天会议研究部署全年统战工作，各单位要抓好落实，确保各项任务完成。\n", encoding="utf-8")
    (src / "b.txt").write_text("关于统战工作的讲话\n全县各乡镇要健全基层统战组织网络，配齐统战委员，做好党外人士联谊交友工作。\n", encoding="utf-8")
    catalog, _ = convert(src, tmp_path / "out")
    ids = [c["id"] for c in catalog["cases"]]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_id_clash_gets_a_suffix(monkeypatch, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("关于统战工作的讲话\n今天会议研究部署全年统战工作，各单位要抓好落实。\n", encoding="utf-8")
    (src / "b.txt").write_text("另一篇讲话稿\n全县各乡镇要健全基层统战组织网络，配齐统战委员。\n", encoding="utf-8")
    monkeypatch.setattr(pipeline.write, "case_id", lambda title, sha, line: "same-id")
    catalog, _ = convert(src, tmp_path / "out")
    assert [c["id"] for c in catalog["cases"]] == ["same-id", "same-id-2"]
    assert (tmp_path / "out" / "cases" / "same-id-2.md").is_file()


def test_a_failure_while_writing_leaves_the_previous_output_whole(monkeypatch, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(GOOD, src / "good.txt")
    convert(src, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    shutil.copy(SOURCES / "002_c78fcdc5d01df34d.txt", src / "more.txt")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline.write, "write_catalog", boom)
    with pytest.raises(OSError):
        convert(src, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_very_large_file_is_refused_with_advice(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(GOOD, src / "good.txt")
    line = ("统一战线工作要坚持大团结大联合，" * 10 + "\n").encode("utf-8")
    with open(src / "huge.txt", "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    res = run_cli(src, tmp_path / "out")
    assert "Traceback" not in res.stdout + res.stderr
    assert "huge.txt: too large (50 MB" in res.stdout
    assert "cases written:  1" in res.stdout
