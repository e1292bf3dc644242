"""The `casebook convert` command as a user runs it: summary, warnings, exit codes, determinism."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SOURCES

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


# Issue 12: the output folder. In-process runs (``convert_in``) where a subprocess is not needed: they are 10x faster.
DOC = "用好“两心三联”工作法\n中共某市委统战部\n2024年，某市委统战部推行“两心三联”工作法，联系党外人士。\n一是建立联系台账。统战干部每月走访党外代表人士。\n"
DOC2 = "凝聚新的社会阶层人士\n中共某县委统战部\n某县委统战部成立“同心驿站”，联系网络人士和自由职业人员。\n"


def convert_in(capsys, *args: str) -> tuple[int, str]:
    """`casebook convert ARGS --workers 1` in this process: (exit code, stdout + stderr)."""
    from casebook.cli import main

    code = main(["convert", *args, "--workers", "1"])
    got = capsys.readouterr()
    return code, got.out + got.err


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def project(tmp_path: Path, monkeypatch) -> Path:
    """A project laid out like this one: rules in proj/cases (CASEBOOK_DATA), documents in proj/cases/sources."""
    import docx

    proj = tmp_path / "proj"
    shutil.copytree(ROOT / "cases", proj / "cases", ignore=shutil.ignore_patterns("sources"))
    sources = proj / "cases" / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(DOC, encoding="utf-8")
    d = docx.Document()
    for line in DOC2.splitlines():
        d.add_paragraph(line)
    d.save(sources / "b.docx")
    (sources / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # kept for a person to save as .docx
    monkeypatch.setenv("CASEBOOK_DATA", str(proj / "cases"))
    return proj


def test_an_output_folder_that_holds_the_documents_or_the_rules_is_refused(tmp_path, monkeypatch, capsys):
    proj = project(tmp_path, monkeypatch)
    before = tree(proj)
    sources = proj / "cases" / "sources"
    for out, says in ((proj / "cases", "contains the folder of documents"), (proj, "contains the folder of documents")):
        code, said = convert_in(capsys, str(sources), str(out))
        assert code == 2 and says in said and str(out) in said, said
        assert len(said.strip().splitlines()) == 1 and "Traceback" not in said
        assert tree(proj) == before  # nothing deleted, renamed or added
    elsewhere = tmp_path / "documents"
    shutil.copytree(sources, elsewhere)
    code, said = convert_in(capsys, str(elsewhere), str(proj))  # the rules alone
    assert code == 2 and "contains the rules" in said and str(proj / "cases") in said, said
    assert tree(proj) == before


def test_an_output_folder_that_is_or_is_inside_the_documents_is_refused(tmp_path, capsys):
    src = tmp_path / "same"
    src.mkdir()
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    (src / "c.txt").write_text(DOC2, encoding="utf-8")
    before = tree(src)
    for _ in range(3):  # once read 2, then dozens of documents: its own pages
        code, said = convert_in(capsys, str(src), str(src))
        assert code == 2 and f"{src}: the output folder is the folder of documents" in said, said
    code, said = convert_in(capsys, str(src), str(src / "site"))
    assert code == 2 and "is inside the folder of documents" in said, said
    assert tree(src) == before


def test_an_output_folder_that_is_a_file_is_named(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "out").write_text("a note\n", encoding="utf-8")
    code, said = convert_in(capsys, str(src), str(tmp_path / "out"))
    assert code == 2 and f"{tmp_path / 'out'}: " in said and "not a folder" in said, said
    assert (tmp_path / "out").read_text(encoding="utf-8") == "a note\n"


def test_files_the_converter_did_not_write_are_never_deleted(tmp_path, capsys):
    src, out = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    (src / "c.txt").write_text(DOC2, encoding="utf-8")
    hand = {"assets/javascripts/extra.js": b"// by hand\n", "notes.txt": b"to do\n", "cases/about.md": b"# by hand\n",
            "index.md": b"# my own home page\n"}  # index.md is in the way of the converter's
    for rel, data in hand.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    code, said = convert_in(capsys, str(src), str(out))  # a first run, into a folder it never wrote
    assert code == 0, said
    assert "index.md" in said and ".casebook-kept-" in said  # told where the page in the way went
    kept = [p for p in out.glob(".casebook-kept-*/index.md")]
    assert [p.read_bytes() for p in kept] == [b"# my own home page\n"]
    (src / "c.txt").unlink()
    code, said = convert_in(capsys, str(src), str(out))  # the second run removes c.txt's page, nothing else
    assert code == 0, said
    for rel, data in hand.items():
        if rel != "index.md":
            assert (out / rel).read_bytes() == data, rel
    assert kept[0].read_bytes() == b"# my own home page\n"
    assert len(list((out / "cases").glob("*.md"))) == 2  # a.txt's page and the hand-written one
    assert (out / "index.md").read_bytes() != b"# my own home page\n"


def test_a_first_run_over_the_same_output_keeps_nothing_aside(tmp_path, capsys):
    src, out = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    assert convert_in(capsys, str(src), str(out))[0] == 0
    (out / ".casebook-manifest.json").unlink()  # as an earlier version left it: no list of what it wrote
    code, said = convert_in(capsys, str(src), str(out))
    assert code == 0 and "not written by casebook" not in said, said
    assert not list(out.glob(".casebook-kept-*"))  # the same bytes replaced by the same bytes: nothing to keep


def test_a_second_run_into_the_same_folder_is_refused_while_one_runs(tmp_path):
    from casebook.pipeline import convert

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    second = []

    def progress(paths):  # while the first run reads its documents
        second.append(run("convert", str(src), str(out)))
        return paths

    catalog, report = convert(src, out, progress=progress, workers=1)
    (res,) = second
    assert res.returncode == 2, res.stdout + res.stderr
    assert f"another run is writing to {out}" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert report.cases == 1 and (out / "catalog.json").is_file()


def after_reading(change):
    """A progress hook that calls ``change()`` once every document has been read (with --workers 1)."""
    def progress(paths):
        yield from paths
        change()
    return progress


def test_a_source_deleted_during_the_run_is_still_published(tmp_path, capsys, monkeypatch):
    from casebook import cli

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    (src / "c.txt").write_text(DOC2, encoding="utf-8")
    monkeypatch.setattr(cli, "_progress", lambda quiet: after_reading((src / "a.txt").unlink))
    code, said = convert_in(capsys, str(src), str(out))
    assert code == 0, said
    assert (out / "sources" / "a.txt").read_text(encoding="utf-8") == DOC  # the text the catalog describes


def test_a_source_deleted_before_it_is_read_is_named_and_the_rest_converts(tmp_path, capsys, monkeypatch):
    from casebook import cli

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    (src / "c.txt").write_text(DOC2, encoding="utf-8")

    def progress(paths):
        (src / "c.txt").unlink()  # listed, then gone before it is read
        yield from paths

    monkeypatch.setattr(cli, "_progress", lambda quiet: progress)
    code, said = convert_in(capsys, str(src), str(out))
    assert code == 1, said
    assert "c.txt: cannot be read (No such file or directory)" in said
    assert "documents read: 1" in said and (out / "sources" / "a.txt").is_file()
