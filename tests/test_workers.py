"""Forked workers (documents read, related cases ranked, pages written) change nothing:
the same folder gives byte-identical output with one process or several, the same
messages for files that cannot be read, and corrections applied in a worker count as used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casebook import pipeline, pool, related
from casebook.pipeline import convert
from conftest import SOURCES


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def src(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    for p in sorted(SOURCES.iterdir()):
        shutil.copy(p, d / p.name)
    text = (SOURCES / "002_c78fcdc5d01df34d.txt").read_text(encoding="utf-8")
    (d / "005_repost.txt").write_bytes(("点击上方蓝字关注我们\n" + text + "\n阅读原文\n").encode("gb18030"))
    (d / "006_empty.txt").write_bytes(b"")
    (d / "007_scan.pdf").write_bytes(b"%PDF-1.4")
    (d / "008_broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (d / "sub").mkdir()
    shutil.copy(SOURCES / "004_dca6bc3a6d595e6b.txt", d / "sub" / "copy.txt")
    return d


def test_one_process_or_several_give_the_same_files_and_messages(src, tmp_path, monkeypatch):
    # every stage that can fork does, even on this small folder
    monkeypatch.setattr(pipeline, "POOL_FROM", 2)
    monkeypatch.setattr(pipeline, "PAGES_POOL_FROM", 2)
    monkeypatch.setattr(related, "PARALLEL_FROM", 2)
    corr = tmp_path / "corrections.yml"
    corr.write_text("split:\n  - {file: 003_4eef5482484286f5.txt, at_line: 17}\n"
                    "join:\n  - {file: 001_b811958664596ffb.txt, lines: [21, 37]}\n", encoding="utf-8")
    outs, reports = [], []
    for n in (1, 2, 3):
        cat, report = convert(src, tmp_path / f"out{n}", corrections_file=corr, workers=n)
        outs.append(tree(tmp_path / f"out{n}"))
        reports.append((report.documents, report.cases, report.duplicates, report.warnings, report.failed))
    assert outs[0] == outs[1] == outs[2]
    assert reports[0] == reports[1] == reports[2]
    documents, cases, duplicates, warnings, failed = reports[1]
    assert duplicates >= 1 and documents == 7
    assert not any("matches nothing" in w for w in warnings), warnings  # the workers' corrections count
    assert any(w.startswith("007_scan.pdf: skipped") for w in warnings)
    assert [f.split(":")[0] for f in failed] == ["006_empty.txt", "008_broken.docx"]


def test_related_cases_are_the_same_ranked_by_workers(monkeypatch):
    cases = [{"id": f"c{i:03d}", "title": f"案例{i}", "url": f"cases/c{i:03d}.html",
              "text": ["推行网格化调解，组建石榴籽调解员队伍。", "举办民营企业家培训班，商会开展诚信教育。",
                       "建设同心服务团，开展义诊送医下乡。"][i % 3] * (1 + i % 4),
              "place": {"province": f"省{i % 5}", "city": f"市{i % 11}", "county": None},
              "fields": [["基层统战"], ["民营经济"], ["党外知识分子", "基层统战"]][i % 3], "methods": [f"法{i % 7}"]}
             for i in range(60)]
    with pool.limited(1):
        alone = related.related_cases(cases)
    monkeypatch.setattr(related, "PARALLEL_FROM", 2)
    with pool.limited(2):
        forked = related.related_cases(cases)
    assert forked == alone


def test_fork_map_keeps_the_order():
    with pool.limited(2):
        assert pool.fork_map(abs, list(range(-50, 50)), chunksize=3) == [abs(i) for i in range(-50, 50)]
    assert [list(r) for r in pool.ranges(10, 3)] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert pool.ranges(0, 4) == []
