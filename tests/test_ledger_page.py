"""The maintainers' page lists, per document, every removed line with its reason."""

from __future__ import annotations


def test_every_removed_line_is_listed_under_its_document(converted, catalog):
    from casebook.pages import md_escape

    page = (converted / "maintainers" / "index.md").read_text(encoding="utf-8")
    assert "search:\n  exclude: true" in page  # not found by readers' searches
    for r in catalog["removed"]:
        section = page.split(f"## {md_escape(r['file'])}", 1)[1].split("\n## ", 1)[0]
        row = next((ln for ln in section.splitlines() if ln.startswith(f"| {r['line']} |")), None)
        assert row is not None and md_escape(r["text"][:20]) in row, r
    assert "| 2 | 广告 | 酷乐文行 |" in page
    # A document that lost nothing is counted, not given an empty section.
    clean = sorted({c["source"]["file"] for c in catalog["cases"]} - {r["file"] for r in catalog["removed"]})
    assert clean and all(f"## {md_escape(f)}" not in page for f in clean)
    assert f"其余 {len(clean)} 个文件没有删除任何内容" in page
    assert "| 7 | SEO 垃圾词 | 基层工作经验优势&#95;优质服务基层行经验&#95;优质基层行工作经验 |" in page


def test_page_is_not_in_the_navigation():
    from mkdocs.utils.yaml import yaml_load

    from conftest import ROOT

    cfg = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "/maintainers/" in cfg["not_in_nav"]
    assert not any("maintainers" in str(item) for item in cfg["nav"])
