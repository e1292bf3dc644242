"""Step 6 — write: case pages (Markdown + YAML front matter), catalog.json, search words.

Output is deterministic: the same input gives byte-identical files (sorted keys where
order is not meaningful, no timestamps).
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
from pathlib import Path

from pypinyin import lazy_pinyin

from .escape import md_text
from .front import front_matter_block

CASES_DIR = "cases"
SOURCES_DIR = "sources"


def case_id(title: str, sha256: str, first_line: int) -> str:
    """Readable and stable: pinyin of the title plus a hash of where the case comes from."""
    words = [w for w in (re.sub(r"[^a-z0-9]", "", p.lower()) for p in lazy_pinyin(title)) if w]
    slug = ""
    for w in words:  # whole syllables only, about 40 characters
        if len(slug) + len(w) > 40:
            break
        slug = f"{slug}-{w}" if slug else w
    slug = slug or "case"
    digest = hashlib.sha1(f"{sha256}:{first_line}".encode()).hexdigest()[:6]
    return f"{slug}-{digest}"


def case_url(case_id: str) -> str:
    """Site-relative URL of a case page: plain .html files (mkdocs.yml: use_directory_urls: false)."""
    return f"{CASES_DIR}/{case_id}.html"


def render_body(blocks) -> str:
    out = []
    for b in blocks:
        text = b.text.strip()
        if b.kind == "title":
            continue  # the page title already shows it
        if b.kind == "byline":
            out.append(f'<p class="case-byline">{html.escape(text)}</p>')
            continue
        if b.kind == "h2":
            out.append("## " + md_text(text.rstrip("。")))
        elif b.kind == "h3":
            out.append("### " + md_text(text.rstrip("。")))
        elif b.kind == "item":
            m = re.match(r"^(.{2,50}?[。！？；])", text)
            if m:
                out.append(f"**{md_text(m.group(1))}**{md_text(text[m.end():])}")
            else:
                out.append(md_text(text))
        else:
            out.append(md_text(text))
    return "\n\n".join(out) + "\n"


def front_matter(record: dict, related: list[dict]) -> dict:
    place = record["place"]
    tags = list(dict.fromkeys(record["methods"] + record["fields"] + [p for p in (place["city"], place["county"], place["province"]) if p]))
    return {
        "title": record["title"],
        "case_id": record["id"],
        "kind": record["kind"],
        "organization": record["organization"],
        "speaker": record["speaker"],
        "speaker_role": record["speaker_role"],
        "year": record["year"],
        "place": place,
        "fields": record["fields"],
        "methods": record["methods"],
        "source": record["source"],
        "context": record["context"],
        "related": related,
        "tags": tags,
    }


def write_case_page(path: Path, record: dict, blocks, related: list[dict]) -> None:
    """Front matter by the YAML library (front.py), then the escaped body."""
    path.write_text(front_matter_block(front_matter(record, related)) + render_body(blocks), encoding="utf-8")


CSV_COLUMNS = ("标题", "省", "市", "县区", "单位", "发言人", "年份", "领域", "工作方法", "原始文件", "页面")


def _cell(value) -> str:
    """A spreadsheet cell; text that Excel would run as a formula (=, +, -, @) is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_catalog_csv(out_dir: Path, catalog: dict) -> Path:
    """catalog.csv for Excel: UTF-8 with BOM, one row per case, CRLF line ends."""
    path = out_dir / "catalog.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(CSV_COLUMNS)
        for c in catalog["cases"]:
            p = c["place"]
            w.writerow([_cell(v) for v in (
                c["title"], p["province"], p["city"], p["county"], c["organization"], c["speaker"], c["year"],
                "；".join(c["fields"]), "；".join(c["methods"]), c["source"]["file"], c["url"],
            )])
    return path


def write_catalog(out_dir: Path, catalog: dict) -> Path:
    path = out_dir / "catalog.json"
    # No indent: json's C encoder only runs without one (3x faster on a large catalog).
    path.write_text(json.dumps(catalog, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def copy_sources(kept_dir: Path, out_dir: Path, files: list[tuple[str, str]]) -> None:
    """Publish each source as the run read it: ``files`` pairs each document's path under ``kept_dir``
    (its path in SRC, where the pipeline kept the bytes it read) with its copy's name under sources/
    (sources.copy_names), so the published bytes are those the catalog's sha256 and line numbers
    describe, even when the file in SRC changed or went away since."""
    dest = out_dir / SOURCES_DIR
    dest.mkdir(parents=True, exist_ok=True)
    for f, copy in files:
        target = dest / copy
        target.parent.mkdir(parents=True, exist_ok=True)  # a document in a subfolder of SRC_DIR
        os.replace(kept_dir / f, target)
