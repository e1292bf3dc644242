"""The whole conversion: read → clean → outline → split → tag → write, for a folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import clean, outline, split, write
from .model import Case
from .read import ReadError, is_supported, read_document, unsupported_message
from .related import related_cases
from .tag_fields import tag_fields
from .tag_meta import kind_of, people, split_kind_prefix, year_of
from .tag_methods import find_methods, merge
from .tag_place import tag_place


@dataclass
class Report:
    documents: int = 0
    cases: int = 0
    removed: int = 0
    characters: int = 0
    warnings: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def source_files(src_dir: Path) -> list[Path]:
    return sorted((p for p in src_dir.rglob("*") if p.is_file() and not p.name.startswith(".")), key=lambda p: p.relative_to(src_dir).as_posix())


def convert_document(path: Path, name: str) -> tuple[list[Case], list, object]:
    doc = read_document(path, name)
    blocks, removals = clean.clean(doc)
    if not blocks:
        raise ReadError("nothing but noise: every line was removed (see the removal ledger)")
    blocks = outline.recover(blocks)
    return split.split(doc.file, doc.sha256, blocks), removals, doc


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
    record["url"] = f"{write.CASES_DIR}/{record['id']}/"
    return record, find_methods(text)


def convert(src_dir: Path, out_dir: Path, progress=None) -> tuple[dict, Report]:
    report = Report()
    records, blocks_by_id, found_by_id, removed, files = [], {}, {}, [], []
    paths = source_files(src_dir)
    for path in paths if progress is None else progress(paths):
        name = path.relative_to(src_dir).as_posix()
        if not is_supported(path):
            report.warnings.append(f"{name}: skipped, {unsupported_message(path)}")
            continue
        try:
            cases, removals, doc = convert_document(path, name)
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
                record["url"] = f"{write.CASES_DIR}/{record['id']}/"
                n += 1
            records.append(record)
            blocks_by_id[record["id"]] = case.blocks
            found_by_id[record["id"]] = found

    methods = merge(found_by_id)
    by_core = {m["core"]: m["name"] for m in methods}
    for r in records:
        r["methods"] = list(dict.fromkeys(by_core[f.core] for f in found_by_id[r["id"]]))
    for m in methods:
        del m["core"]
    catalog = {"cases": records, "methods": methods, "removed": removed}

    write.reset_generated(out_dir)
    related = related_cases(records)
    for r in records:
        write.write_case_page(out_dir / write.CASES_DIR / f"{r['id']}.md", r, blocks_by_id[r["id"]], related[r["id"]])
    write.copy_sources(src_dir, out_dir, files)
    write.write_catalog(out_dir, catalog)
    try:
        from .pages import write_site_pages
    except ImportError:
        write_site_pages = None
    if write_site_pages is not None:
        write_site_pages(catalog, out_dir)
    report.cases, report.removed = len(records), len(removed)
    return catalog, report
