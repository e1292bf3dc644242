"""Exports and maintainers' commands: catalog.csv for Excel, `casebook check`, `--help`."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

from conftest import SOURCES


def test_catalog_csv_opens_in_excel(converted, catalog):
    raw = (converted / "catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads Chinese correctly
    assert b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["标题", "省", "市", "县区", "单位", "发言人", "年份", "领域", "工作方法", "原始文件", "页面"]
    assert len(rows) == 1 + len(catalog["cases"])
    by_title = {r[0]: r for r in rows[1:]}
    xy = next(c for c in catalog["cases"] if "童光源" in c["text"])
    row = by_title[xy["title"]]
    assert row[1:4] == ["湖北省", "襄阳市", ""]
    assert row[4:6] == ["中共襄阳市委统战部", "童光源"]
    assert "三先三后工作法" in row[8].split("；")
    assert row[10] == xy["url"] and (converted / row[10].replace(".html", ".md")).is_file()


def test_csv_cells_are_not_formulas(tmp_path):
    from casebook.pipeline import convert

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("=HYPERLINK(\"http://x\",\"点我\")关于统战工作的讲话\n会议研究部署全年统战工作，各单位要抓好落实。\n", encoding="utf-8")
    convert(src, tmp_path / "out")
    rows = list(csv.reader((tmp_path / "out" / "catalog.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][0].startswith("'=")


def test_check_reports_problems_without_writing(tmp_path):
    src = tmp_path / "sources"
    src.mkdir()
    shutil.copy(SOURCES / "001_b811958664596ffb.txt", src / "a.txt")
    shutil.copy(SOURCES / "001_b811958664596ffb.txt", src / "b.txt")
    shutil.copy(SOURCES / "004_dca6bc3a6d595e6b.txt", src / "plan.txt")
    (src / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "corrections.yml").write_text("cases:\n  - match: {marker: 不存在的句子}\n    add_fields: [宗教工作]\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "casebook.cli", "check", str(src)], capture_output=True, text=True)
    out = res.stdout
    assert res.returncode == 1 and "Traceback" not in out + res.stderr
    assert "files skipped: 1" in out and "scan.pdf" in out
    assert "cases whose place is not named (or anonymised): 1" in out and "某区统一战线工作安排意见" in out
    assert "suspected duplicates (one copy kept): 4" in out and "b.txt" in out
    assert "corrections that match nothing: 1" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corrections.yml", "sources"]  # nothing written


def test_help_explains_the_commands():
    res = subprocess.run([sys.executable, "-m", "casebook.cli", "--help"], capture_output=True, text=True)
    assert res.returncode == 0
    for text in ("convert", "check", "casebook convert cases/sources docs", ".docx", "save .doc/.wps/.pdf as .docx"):
        assert text in res.stdout.replace("Save", "save"), text
    res = subprocess.run([sys.executable, "-m", "casebook.cli", "convert", "--help"], capture_output=True, text=True)
    assert "--corrections" in res.stdout and "--quiet" in res.stdout and "Exit 0" in res.stdout
