"""The source folder and its file names (issue 12, F3 F9 F18 F19): every document is read under
a name that can be written, published under a copy name that fits and is its own, and nothing
outside the folder is read; what is skipped is named."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest

from casebook import cli

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}

# Made-up documents, different enough that none is taken for a duplicate of another.
TEXTS = [
    "关于做好基层统战工作的讲话\n今年以来，我们坚持把基层统战工作摆在重要位置，健全乡镇工作网络，开展联谊交友活动，取得了明显成效。\n",
    "民族团结进步创建工作汇报\n我县以社区为单位推进民族团结进步创建，组织各族群众共同过节，邻里互助蔚然成风，矛盾纠纷明显减少。\n",
    "新的社会阶层人士服务站建设情况\n园区设立服务站，邀请律师、设计师等新阶层人士参与社会治理，每月开展一次公益咨询，群众反映很好。\n",
    "侨务工作经验交流\n我们建立海外联络员制度，定期走访归侨侨眷家庭，帮助解决子女入学和就医困难，增强了侨界的凝聚力。\n",
    "党外知识分子建言献策活动总结\n学院组织党外教授围绕乡村振兴开展专题调研，形成十二份调研报告，其中三份被有关部门采纳。\n",
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook.cli", *args], capture_output=True, text=True,
                          timeout=300, env=ENV, errors="replace")


def convert(src: Path, out: Path) -> tuple[subprocess.CompletedProcess, dict]:
    res = run("convert", str(src), str(out), "--workers", "1")
    assert "Traceback" not in res.stdout + res.stderr, res.stderr
    catalog_file = out / "catalog.json"
    return res, json.loads(catalog_file.read_text(encoding="utf-8")) if catalog_file.is_file() else {}


def write_bytes_name(folder: Path, name: bytes, text: str) -> None:
    """A file whose name is the given bytes, as unzip leaves a zip made on Chinese Windows."""
    with open(os.fsencode(folder) + b"/" + name, "wb") as fh:
        fh.write(text.encode("utf-8"))


def published(out: Path, case: dict) -> Path:
    return out / "sources" / case["source"]["copy"]


# --- F3: file names that are not UTF-8 ---------------------------------------------------

def test_a_gbk_file_name_converts_under_its_name_read_as_gb18030(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write_bytes_name(src, "讲话稿.txt".encode("gbk"), TEXTS[0])
    (src / "汇报.txt").write_text(TEXTS[1], encoding="utf-8")
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "warning: 讲话稿.txt: the file name is not UTF-8; read as GB18030" in res.stdout
    assert sorted(c["source"]["file"] for c in catalog["cases"]) == ["汇报.txt", "讲话稿.txt"]
    case = next(c for c in catalog["cases"] if c["source"]["file"] == "讲话稿.txt")
    assert published(tmp_path / "out", case).read_text(encoding="utf-8") == TEXTS[0]


def test_a_file_name_neither_utf8_nor_gb18030_converts_with_its_bad_bytes_marked(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write_bytes_name(src, b"report\xff\xfe.txt", TEXTS[0])
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    (case,) = catalog["cases"]
    assert case["source"]["file"] == "report\ufffd\ufffd.txt"
    assert "warning: report\ufffd\ufffd.txt: the file name is not UTF-8" in res.stdout
    assert published(tmp_path / "out", case).read_text(encoding="utf-8") == TEXTS[0]


def test_gbk_names_of_a_folder_and_of_a_skipped_file_are_printed_not_a_traceback(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    folder = os.fsencode(src) + b"/" + "二〇二四年".encode("gbk")
    os.mkdir(folder)
    write_bytes_name(Path(os.fsdecode(folder)), "发言.md".encode("gbk"), TEXTS[2])
    write_bytes_name(src, "旧稿.doc".encode("gbk"), "x")
    res, catalog = convert(src, tmp_path / "out")
    assert "旧稿.doc: skipped, unsupported file type '.doc'" in res.stdout
    (case,) = catalog["cases"]
    assert case["source"]["file"] == "二〇二四年/发言.md"
    assert published(tmp_path / "out", case).read_text(encoding="utf-8") == TEXTS[2]


def test_a_gbk_name_equal_to_a_real_name_once_read_gets_a_name_of_its_own(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "讲话.txt").write_text(TEXTS[0], encoding="utf-8")
    write_bytes_name(src, "讲话.txt".encode("gbk"), TEXTS[1])
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    names = sorted(c["source"]["file"] for c in catalog["cases"])
    assert len(set(names)) == 2 and "讲话.txt" in names
    for case in catalog["cases"]:
        text = TEXTS[0] if case["source"]["file"] == "讲话.txt" else TEXTS[1]
        assert published(tmp_path / "out", case).read_text(encoding="utf-8") == text


# --- F9, F19: published copies that fit and are each their own ---------------------------

def long_stem(n_bytes: int, fill: str = "统") -> str:
    return fill * (n_bytes // 3)


def test_a_long_md_html_or_docx_name_is_published_under_a_name_that_fits(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / (long_stem(249) + ".md")).write_text(TEXTS[0], encoding="utf-8")  # 252 bytes
    (src / (long_stem(249, "侨") + ".html")).write_text(
        f"<html><head><title>侨务</title></head><body><p>{TEXTS[3]}</p></body></html>", encoding="utf-8")
    d = docx.Document()
    for line in TEXTS[4].splitlines():
        d.add_paragraph(line)
    d.save(src / (long_stem(249, "党") + ".docx"))
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    assert len({c["source"]["file"] for c in catalog["cases"]}) == 3
    for case in catalog["cases"]:
        copy = published(tmp_path / "out", case)
        assert len(copy.name.encode()) <= 255 and copy.name.endswith(".txt")
        assert copy.read_bytes() == (src / case["source"]["file"]).read_bytes()


def test_long_names_alike_in_their_first_255_bytes_get_copies_of_their_own(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i, text in enumerate(TEXTS[:3]):
        (src / (long_stem(249) + f"{i}.md")).write_text(text, encoding="utf-8")  # 253 bytes
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    copies = {c["source"]["copy"] for c in catalog["cases"]}
    assert len(copies) == 3
    for case in catalog["cases"]:
        assert published(tmp_path / "out", case).read_bytes() == (src / case["source"]["file"]).read_bytes()


def test_a_md_beside_its_md_txt_name_is_published_apart(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "讲话.md").write_text(TEXTS[0], encoding="utf-8")
    (src / "讲话.md.txt").write_text(TEXTS[1], encoding="utf-8")
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    by_file = {c["source"]["file"]: c for c in catalog["cases"]}
    assert set(by_file) == {"讲话.md", "讲话.md.txt"}
    assert by_file["讲话.md.txt"]["source"]["copy"] == "讲话.md.txt"  # a .txt keeps its own name
    assert published(tmp_path / "out", by_file["讲话.md"]).read_text(encoding="utf-8") == TEXTS[0]
    assert published(tmp_path / "out", by_file["讲话.md.txt"]).read_text(encoding="utf-8") == TEXTS[1]


def test_names_that_differ_only_in_case_get_copies_a_windows_disk_keeps_apart(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "Plan.txt").write_text(TEXTS[0], encoding="utf-8")
    (src / "plan.TXT").write_text(TEXTS[1], encoding="utf-8")
    (src / "plan.txt.md").write_text(TEXTS[2], encoding="utf-8")
    (src / "PLAN.TXT.md").write_text(TEXTS[3], encoding="utf-8")
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    copies = [c["source"]["copy"] for c in catalog["cases"]]
    assert len(copies) == 4 and len({c.casefold() for c in copies}) == 4
    for case in catalog["cases"]:
        assert published(tmp_path / "out", case).read_bytes() == (src / case["source"]["file"]).read_bytes()


def test_a_file_copy_never_takes_the_name_of_a_folder(tmp_path):
    src = tmp_path / "src"
    (src / "讲话.md.txt").mkdir(parents=True)
    (src / "讲话.md.txt" / "附件.txt").write_text(TEXTS[0], encoding="utf-8")
    (src / "讲话.md").write_text(TEXTS[1], encoding="utf-8")
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    for case in catalog["cases"]:
        assert published(tmp_path / "out", case).read_bytes() == (src / case["source"]["file"]).read_bytes()


SITE_FOLDERS = {
    "alike": ["讲话.md", "讲话.md.txt", "Plan.txt", "plan.TXT"],
    "long": [long_stem(249) + ".md", long_stem(249) + "#1?.md", long_stem(249) + "#2?.md"],
}


@pytest.mark.parametrize("folder", sorted(SITE_FOLDERS))
def test_the_site_links_each_case_to_its_own_copy(tmp_path, folder):
    """Built by MkDocs: the 原始文件 link of every case page opens that case's own source."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser.site import build, write_config

    src, docs = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    for name, text in zip(SITE_FOLDERS[folder], TEXTS):
        (src / name).write_text(text, encoding="utf-8")
    res, catalog = convert(src, docs)
    assert res.returncode == 0, res.stdout + res.stderr
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    built = build(write_config(tmp_path, docs, tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    site = tmp_path / "site"
    for case in catalog["cases"]:
        page = site / case["url"]
        html = page.read_text(encoding="utf-8")
        (href,) = re.findall(r'data-cb="source"><a href="([^"]+)"', html)
        target = (page.parent / unquote(href)).resolve()
        assert target.read_bytes() == (src / case["source"]["file"]).read_bytes(), case["source"]["file"]


# --- F18: links, special files and folders that cannot be read ----------------------------

def test_a_link_out_of_the_folder_is_not_followed_and_is_named(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "host.txt").write_text("外部机密材料\n本机的主机名和口令不应出现在案例库中，这一行是测试用的标记文字。\n", encoding="utf-8")
    (outside / "more.txt").write_text(TEXTS[4].replace("学院", "外部机密材料所在的学院"), encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(TEXTS[0], encoding="utf-8")
    (src / "host.txt").symlink_to(outside / "host.txt")
    (src / "linked").symlink_to(outside, target_is_directory=True)
    res, catalog = convert(src, tmp_path / "out")
    assert [c["source"]["file"] for c in catalog["cases"]] == ["good.txt"]
    assert "host.txt: skipped, a symbolic link" in res.stdout
    assert "linked: skipped, a symbolic link" in res.stdout
    for f in (tmp_path / "out").rglob("*"):
        assert not f.is_file() or "外部机密材料" not in f.read_text(encoding="utf-8", errors="replace"), f


def test_a_dangling_link_and_a_pipe_are_named(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(TEXTS[0], encoding="utf-8")
    (src / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(src / "pipe.txt")
    res, catalog = convert(src, tmp_path / "out")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "gone.txt: skipped, a symbolic link" in res.stdout
    assert "pipe.txt: skipped, not a regular file" in res.stdout
    assert [c["source"]["file"] for c in catalog["cases"]] == ["good.txt"]


def test_check_lists_links_among_the_files_skipped(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(TEXTS[0], encoding="utf-8")
    (src / "inner.txt").symlink_to(src / "good.txt")
    res = run("check", str(src), "--workers", "1")
    assert "Traceback" not in res.stdout + res.stderr
    skipped = res.stdout.split("files skipped:", 1)[1].split("\n\n", 1)[0]
    assert "inner.txt: skipped, a symbolic link" in skipped


def test_a_folder_that_cannot_be_read_is_named_and_the_rest_converts(tmp_path, monkeypatch, capsys):
    """Root reads every folder whatever its mode, so the refusal is made by os.scandir itself."""
    src = tmp_path / "src"
    (src / "locked").mkdir(parents=True)
    (src / "locked" / "inside.txt").write_text(TEXTS[1], encoding="utf-8")
    (src / "good.txt").write_text(TEXTS[0], encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if isinstance(path, (str, bytes, os.PathLike)) and Path(os.fsdecode(path)) == src / "locked":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code = cli.main(["convert", str(src), str(tmp_path / "out"), "--workers", "1", "--quiet"])
    printed = capsys.readouterr().out
    assert code == 1
    assert "warning: locked/: the folder cannot be read (Permission denied)" in printed
    catalog = json.loads((tmp_path / "out" / "catalog.json").read_text(encoding="utf-8"))
    assert [c["source"]["file"] for c in catalog["cases"]] == ["good.txt"]
