"""The maintainers' page (not in the navigation): what the converter removed and why.

One section per document that lost lines, with every removed line, its line number and
the reason, so a person can spot a wrongly removed line in a minute; then the duplicates
that were set aside and the warnings of the run.  Fix a wrong removal in cases/noise.yml.
Documents with nothing removed are only counted: at 4,000 documents their empty sections
made this a 1.6 MB page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from .pages import _front, _link, md_escape

PAGE = "maintainers/index.md"

REASON_LABELS = {
    "advertisement": "广告",
    "web-chrome": "网页栏目",
    "seo-junk": "SEO 垃圾词",
    "reprint-notice": "转载声明",
    "source-url": "来源网址",
    "pagination": "分页",
    "encoding-damage": "乱码",
    "control-character": "控制字符",
    "invisible-character": "不可见字符",
    "duplicate": "重复内容",
}


def ledger_markdown(catalog: dict, report) -> str:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for r in catalog["removed"]:
        by_file[r["file"]].append(r)
    files = sorted({c["source"]["file"] for c in catalog["cases"]} | set(by_file))
    out = [_front("维护：清理记录", search={"exclude": True})]
    out.append("# 维护：清理记录\n")
    out.append(
        "转换时删除的每一行都列在这里（行号、原因、原文），供维护人员核对。"
        "如发现误删，请修改 `cases/noise.yml` 中的规则后重新生成；"
        "如需更正案例的地区、领域或方法，请编辑 `cases/corrections.yml`。\n"
    )
    touched = [f for f in files if by_file[f]]
    out.append(f"共 {len(files)} 个文件、{len(catalog['cases'])} 个案例；{len(touched)} 个文件删除了内容（下表），"
               f"其余 {len(files) - len(touched)} 个文件没有删除任何内容。\n")
    if touched:
        out.append("| 文件 | 案例数 | 删除行数 | 原因 |\n| --- | ---: | ---: | --- |")
    cases_per_file = Counter(c["source"]["file"] for c in catalog["cases"])
    for f in touched:
        reasons = Counter(r["reason"] for r in by_file[f])
        summary = "、".join(f"{REASON_LABELS.get(k, k)} {n}" for k, n in sorted(reasons.items()))
        out.append(f"| {md_escape(f)} | {cases_per_file[f]} | {len(by_file[f])} | {summary} |")
    out.append("")
    for f in touched:
        out.append(f"## {md_escape(f)}\n")
        out.append("| 行 | 原因 | 删除的文字 |\n| ---: | --- | --- |")
        for r in sorted(by_file[f], key=lambda r: (r["line"], r["reason"])):
            label = REASON_LABELS.get(r["reason"], r["reason"])
            out.append(f"| {r['line']} | {md_escape(label)} | {md_escape(_shown(r)[:300])} |")
        out.append("")
    dups = catalog.get("duplicates") or []
    if dups:
        out.append("## 重复内容\n")
        out.append("| 文件 | 案例 | 行 | 与之重复 | 相似度 |\n| --- | --- | --- | --- | ---: |")
        for d in dups:
            target = _link(PAGE, f"cases/{d['duplicate_of']}.md", d["duplicate_of_file"])
            out.append(
                f"| {md_escape(d['file'])} | {md_escape(d['title'])} | {d['first_line']}–{d['last_line']} "
                f"| {target} | {d['similarity']:.0%} |"
            )
        out.append("")
    warnings = list(getattr(report, "warnings", [])) + list(getattr(report, "failed", []))
    if warnings:
        out.append("## 转换提示\n")
        out.extend(f"- {md_escape(w)}" for w in warnings)
        out.append("")
    return "\n".join(out) + "\n"


def _shown(removal: dict) -> str:
    """Removed control and invisible characters are shown by their code points: as themselves they show nothing."""
    if removal["reason"] in ("control-character", "invisible-character"):
        return " ".join(f"U+{ord(ch):04X}" for ch in removal["text"])
    return removal["text"]


def write_ledger_page(catalog: dict, report, docs_dir: Path) -> Path:
    path = docs_dir / PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ledger_markdown(catalog, report), encoding="utf-8")
    return path
