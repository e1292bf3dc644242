"""The `casebook convert` command as a user runs it: summary, warnings, exit codes, determinism."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SOURCES

CASEBOOK = [sys.executable, "-m", "casebook.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CASEBOOK, *args], capture_output=True, text=True, timeout=300)


def test_convert_prints_a_summary_and_writes_pages(tmp_path):
    out = tmp_path / "out"
    res = run("convert", str(SOURCES), str(out))
    assert res.returncode == 0, res.stderr
    assert "documents read: 5" in res.stdout
    assert "cases written:  11" in res.stdout
    assert "lines removed:" in res.stdout
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    for case in catalog["cases"]:
        page = out / (case["url"].removesuffix(".html") + ".md")
        assert page.is_file()
        assert page.read_text(encoding="utf-8").startswith("---\n")


def test_two_runs_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run("convert", str(SOURCES), str(a)).returncode == 0
    assert run("convert", str(SOURCES), str(b)).returncode == 0
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b and files_a
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_unsupported_and_broken_files_are_named_and_the_rest_converts(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SOURCES / "004_dca6bc3a6d595e6b.txt", src / "plan.txt")
    (src / "speech.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (src / "blank.txt").write_bytes(b"")
    (src / "photo.txt").write_bytes(bytes(range(256)) * 50)
    res = run("convert", str(src), str(tmp_path / "out"))
    assert "Traceback" not in res.stderr + res.stdout
    assert res.returncode == 1  # not every document converted
    assert "speech.doc: skipped, unsupported file type '.doc': an old Word file: open it in Word or WPS and save it as .docx" in res.stdout
    assert "blank.txt: the file is empty" in res.stdout
    assert "photo.txt:" in res.stdout
    assert "documents read: 1" in res.stdout and "cases written:  1" in res.stdout


def test_missing_source_folder(tmp_path):
    res = run("convert", str(tmp_path / "nope"), str(tmp_path / "out"))
    assert res.returncode == 2
    assert "no such folder" in res.stderr and "Traceback" not in res.stderr


def test_old_pages_of_a_removed_document_disappear(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(SOURCES / "002_c78fcdc5d01df34d.txt", src / "a.txt")
    shutil.copy(SOURCES / "004_dca6bc3a6d595e6b.txt", src / "b.txt")
    run("convert", str(src), str(out))
    (src / "a.txt").unlink()
    run("convert", str(src), str(out))
    assert len(list((out / "cases").glob("*.md"))) == 1
