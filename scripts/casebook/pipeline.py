"""The whole conversion: read → clean → outline → split → tag → write, for a folder.

`convert` first analyses every document in memory, then publishes the result: pages are
written to a staging folder inside OUT_DIR and moved into place only when all of them are
written, so a failed run never leaves a half-written site behind.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import clean, corrections, outline, split, write
from .dedupe import find_duplicates
from .model import Case
from .read import ReadError, is_supported, read_document, unsupported_message
from .related import related_cases
from .tag_fields import tag_fields
from .tag_meta import kind_of, people, split_kind_prefix, year_of
from .tag_methods import find_methods, merge
from .tag_place import tag_place

STAGING_PREFIX = ".casebook-staging-"


@dataclass
class Report:
    documents: int = 0
    cases: int = 0
    removed: int = 0
    characters: int = 0
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def source_files(src_dir: Path) -> list[Path]:
    return sorted(
        (p for p in src_dir.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(src_dir).parts)),
        key=lambda p: p.relative_to(src_dir).as_posix(),
    )


def convert_document(path: Path, name: str, corr: corrections.Corrections | None = None) -> tuple[list[Case], list, object]:
    doc = read_document(path, name)
    blocks, removals = clean.clean(doc)
    if not blocks:
        raise ReadError("nothing but noise: every line was removed (see the removal ledger)")
    blocks = outline.recover(blocks)
    cases = split.split(doc.file, doc.sha256, blocks)
    if corr is not None:
        cases = corrections.apply_structure(corr, doc.file, cases)
    return cases, removals, doc


def case_record(case: Case) -> tuple[dict, list]:
    title = split_kind_prefix(case.title)
    header = "\n".join(filter(None, [case.org_line, case.byline, case.title]))
    who = people(case)
    text = case.text
    record = {
        "id": write.case_id(title, case.sha256, case.first_line),
        "title": title,
        "url": "",
        "source": {"file": case.file, "sha256": case.sha256, "first_line": case.first_line, "last_line": case.last_line},
        "kind": kind_of(case.title, case.context, text[:200]),
        **who,
        "year": year_of(case.title, case.byline, text[:120]),
        "place": tag_place(header, text),
        "fields": tag_fields(text),
        "methods": [],
        "context": case.context,
        "text": text,
    }
    record["url"] = write.case_url(record["id"])
    return record, find_methods(text)


@dataclass
class Analysis:
    catalog: dict
    blocks: dict  # case id → blocks, for writing its page
    files: list[str]
    report: Report


def analyse(src_dir: Path, corrections_file: Path | None = None, progress=None) -> Analysis:
    report = Report()
    corr = corrections.load(corrections_file)
    records, blocks_by_id, found_by_id, removed, files = [], {}, {}, [], []
    paths = source_files(src_dir)
    for path in paths if progress is None else progress(paths):
        name = path.relative_to(src_dir).as_posix()
        if not is_supported(path):
            report.warnings.append(f"{name}: skipped, {unsupported_message(path)}")
            continue
        try:
            cases, removals, doc = convert_document(path, name, corr)
        except ReadError as exc:
            report.failed.append(f"{name}: {exc}")
            continue
        except OSError as exc:
            report.failed.append(f"{name}: cannot be read ({exc.strerror or exc})")
            continue
        report.documents += 1
        report.characters += sum(len(ln.text) for ln in doc.lines)
        files.append(name)
        removed.extend(r.as_dict() for r in removals)
        for case in cases:
            record, found = case_record(case)
            base, n = record["id"], 2
            while record["id"] in blocks_by_id:  # two cases that would share an id
                record["id"] = f"{base}-{n}"
                record["url"] = write.case_url(record["id"])
                n += 1
            records.append(record)
            blocks_by_id[record["id"]] = case.blocks
            found_by_id[record["id"]] = found

    records, duplicates = _drop_duplicates(records, blocks_by_id, removed)
    found_by_id = {r["id"]: found_by_id[r["id"]] for r in records}
    methods = merge(found_by_id)
    by_core = {m["core"]: m["name"] for m in methods}
    for r in records:
        r["methods"] = list(dict.fromkeys(by_core[f.core] for f in found_by_id[r["id"]]))
    for m in methods:
        del m["core"]
    corrections.apply_to_records(corr, records)
    methods = corrections.apply_method_merges(corr, methods, records)
    _sync_method_cases(methods, records)
    report.warnings.extend(corr.unmatched())
    report.warnings.extend(f"{d['file']}: “{d['title']}” duplicates {d['duplicate_of']} ({d['similarity']:.0%} shared); kept one" for d in duplicates)
    catalog = {"cases": records, "methods": methods, "removed": removed, "duplicates": duplicates}
    report.cases, report.removed, report.duplicates = len(records), len(removed), len(duplicates)
    return Analysis(catalog, blocks_by_id, files, report)


def _drop_duplicates(records: list[dict], blocks_by_id: dict, removed: list[dict]) -> tuple[list[dict], list[dict]]:
    """Keep one of each duplicated case; the others' lines go to the ledger as 'duplicate'."""
    dups = find_duplicates([(r["id"], r["text"]) for r in records])
    if not dups:
        return records, []
    by_id = {r["id"]: r for r in records}
    drop = {d.id: d for d in dups}
    kept = [r for r in records if r["id"] not in drop]
    contexts_kept = {(r["source"]["file"], r["context"]) for r in kept}
    report = []
    for r in records:
        d = drop.get(r["id"])
        if d is None:
            continue
        f = r["source"]["file"]
        removed.extend({"file": f, "line": b.first_line, "text": b.text, "reason": "duplicate"} for b in blocks_by_id[r["id"]])
        if r["context"] and (f, r["context"]) not in contexts_kept:
            removed.append({"file": f, "line": r["source"]["first_line"], "text": r["context"], "reason": "duplicate"})
            contexts_kept.add((f, r["context"]))
        report.append({
            "file": f, "title": r["title"], "first_line": r["source"]["first_line"], "last_line": r["source"]["last_line"],
            "duplicate_of": d.duplicate_of, "duplicate_of_file": by_id[d.duplicate_of]["source"]["file"], "similarity": d.similarity,
        })
    return kept, report


def _sync_method_cases(methods: list[dict], records: list[dict]) -> None:
    """After corrections, each method lists exactly the cases that carry it."""
    known = {m["name"] for m in methods}
    for r in records:
        for name in r["methods"]:
            if name not in known:  # a method added by hand
                methods.append({"name": name, "aliases": [], "definition": None, "parts": [], "cases": []})
                known.add(name)
    for m in methods:
        m["cases"] = [r["id"] for r in records if m["name"] in r["methods"]]
    methods[:] = sorted((m for m in methods if m["cases"]), key=lambda m: m["name"])


def publish(analysis: Analysis, src_dir: Path, out_dir: Path) -> None:
    """Write everything into a staging folder, then swap it into OUT_DIR."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    try:
        _write_all(analysis, src_dir, stage)
        write.swap_into(stage, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _write_all(analysis: Analysis, src_dir: Path, stage: Path) -> None:
    catalog = analysis.catalog
    (stage / write.CASES_DIR).mkdir()
    related = related_cases(catalog["cases"])
    for r in catalog["cases"]:
        r["related"] = [{"id": e["id"], "reason": e["reason"]} for e in related[r["id"]]]  # as the page shows them
    for r in catalog["cases"]:
        write.write_case_page(stage / write.CASES_DIR / f"{r['id']}.md", r, analysis.blocks[r["id"]], related[r["id"]])
    write.copy_sources(src_dir, stage, analysis.files)
    write.write_catalog(stage, catalog)
    write.write_catalog_csv(stage, catalog)
    from .ledger_page import write_ledger_page
    from .pages import write_site_pages

    write_site_pages(catalog, stage)
    write_ledger_page(catalog, analysis.report, stage)


def convert(src_dir: Path, out_dir: Path, progress=None, corrections_file: Path | None = None) -> tuple[dict, Report]:
    analysis = analyse(src_dir, corrections_file, progress)
    publish(analysis, src_dir, out_dir)
    return analysis.catalog, analysis.report
