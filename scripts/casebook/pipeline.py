"""The whole conversion: read → clean → outline → split → tag → write, for a folder.

`convert` first analyses every document in memory, then publishes the result: pages are
written to a staging folder inside OUT_DIR and moved into place only when all of them are
written, so a failed run never leaves a half-written site behind (``outdir``: which folders
may be OUT_DIR, one run at a time, only the files a run wrote replaced, as one transaction).
Each document is read once, from a copy in the staging folder, and that copy is the source
published: it is what the catalog describes even when the file changes or goes mid-run.

On a large folder the work is spread over the cores (``pool``): forked workers read, clean,
split and tag the documents (and cut the words and pieces that the related cases and the
duplicate check need) while this process takes their results in the order of the files,
numbers the cases and feeds the duplicate check; later, workers rank each case's related
cases and write its page.  Results are gathered in order, so the output is byte-identical
whatever the number of workers (``--workers``); a file that cannot be read is named with its
reason as in a single process.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import clean, corrections, noise_rules, outdir, outline, pool, sources, split, textsim, write
from .data import data_dir
from .dedupe import Deduper, pieces
from .model import Case
from .read import MAX_BYTES, ReadError, is_supported, read_document, unsupported_message
from .related import Relater
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
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


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
    text = case.text
    place = tag_place(header, text)
    who = people(case, place)  # an organisation named in the text must be of the case's place
    record = {
        "id": write.case_id(title, case.sha256, case.first_line),
        "title": title,
        "url": "",
        "source": {"file": case.file, "sha256": case.sha256, "first_line": case.first_line, "last_line": case.last_line},
        "kind": kind_of(case.title, case.context, text[:200]),
        **who,
        "year": year_of(case.title, case.byline, text[:120]),
        "place": place,
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
    report: Report
    words: dict = field(default_factory=dict)  # case id → (title, textsim words of title and text)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (file on disk, relative to SRC; its copy)


POOL_FROM = 4  # documents; fewer are analysed in this process
_job: tuple = ()  # (src_dir, corrections, folder of the copies read or None) for the forked workers


def _analyse_document(source: sources.Source) -> tuple:
    """One document, read to tagged records; any error is the file's message, not an exception.

    Runs in a worker process for a large folder: everything it needs travels in its
    arguments and its result, and what it adds to the corrections' ``used`` set is returned
    so that the parent can tell which corrections matched nothing."""
    src_dir, corr, keep = _job
    path, name = source.path, source.name
    if not is_supported(Path(name)):  # the name as read: its suffix is text that can be printed
        return name, "skipped", f"{name}: skipped, {unsupported_message(Path(name))}"
    used = set(corr.used)
    try:
        data = None if keep is None or path.stat().st_size > MAX_BYTES else path.read_bytes()
    except OSError as exc:
        return name, "failed", f"{name}: cannot be read ({exc.strerror or exc})"
    # a failure to keep it is OUT's trouble, not the file's: raised
    read_from = path if data is None else _keep_copy(keep / _kept_name(source, src_dir), data)
    try:
        cases, removals, doc = convert_document(read_from, name, corr)
    except ReadError as exc:
        return name, "failed", f"{name}: {exc}"
    except OSError as exc:
        return name, "failed", f"{name}: cannot be read ({exc.strerror or exc})"
    out = []
    for case in cases:
        record, found = case_record(case)
        record["source"]["copy"] = source.copy
        words = textsim.words(f"{record.get('title') or ''}\n{record.get('text') or ''}")
        out.append((record, found, case.blocks, words, pieces(record["text"])))
    chars = sum(len(ln.text) for ln in doc.lines)
    return name, "ok", (chars, [r.as_dict() for r in removals], out, corr.used - used)


def _kept_name(source: sources.Source, src_dir: Path) -> str:
    """Where a document's bytes are kept in the staging folder, and found again when its copy is
    published: its path on disk (the name shown may be decoded from bytes that are not UTF-8)."""
    return os.path.relpath(source.path, src_dir)


def _keep_copy(copy: Path, data: bytes) -> Path:
    """The bytes read, kept in the staging folder: the run reads them and publishes them, never the disk again."""
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(data)
    return copy


def _warm_up() -> None:
    """Load what every document needs (rules, gazetteer, jieba's dictionary) once, before forking."""
    from . import gazetteer, segment, simplified, tag_fields, tag_meta, tag_methods

    noise_rules.rules()
    simplified.default()  # the Traditional → Simplified table, asked by every step
    gazetteer.load()
    gazetteer._ethnic_re()
    segment._table()
    tag_fields._rules()
    tag_meta._kinds()
    tag_meta._people_rules()
    tag_methods._cfg()


def _documents(paths: list[sources.Source]):
    """``_analyse_document`` of every path, in order; by forked workers for a large folder."""
    if len(paths) >= POOL_FROM and pool.can_fork():
        _warm_up()
    return pool.fork_imap(_analyse_document, paths, min_items=POOL_FROM, chunksize=4)


@contextlib.contextmanager
def _few_collections():
    """Python's cycle collector, run much less often while a run builds millions of small
    objects that live to its end (the duplicate index, the records): with the default
    thresholds it walked them again and again (half of the duplicate check's time at
    10,000 cases). Young garbage is still collected; the thresholds are restored after."""
    before = gc.get_threshold()
    gc.set_threshold(20_000, 20, 10_000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def analyse(src_dir: Path, corrections_file: Path | None = None, progress=None, workers: int | None = None,
            keep: Path | None = None) -> Analysis:
    """Every document of SRC_DIR analysed; with ``keep``, the bytes of each are kept there as read."""
    with _few_collections():
        return _analyse(src_dir, corrections_file, progress, workers, keep)


def _analyse(src_dir: Path, corrections_file: Path | None, progress, workers: int | None,
             keep: Path | None) -> Analysis:
    global _job
    report = Report()
    corr = corrections.load(corrections_file)
    records, blocks_by_id, found_by_id, words_by_id, removed, copies = [], {}, {}, {}, [], []
    dedupe = Deduper()  # fed as the documents come in, while the workers read the next ones
    listing = sources.list_sources(src_dir)
    report.warnings.extend(listing.warnings)
    report.failed.extend(listing.failed)
    paths = listing.sources
    _job = (src_dir, corr, keep)
    try:
        with pool.limited(workers):
            shown = paths if progress is None else progress(paths)
            for source, (name, status, result) in zip(shown, _documents(paths)):
                if status == "skipped":
                    report.warnings.append(result)
                    continue
                if status == "failed":
                    report.failed.append(result)
                    continue
                chars, removals, cases, used = result
                corr.used |= used
                report.documents += 1
                report.characters += chars
                copies.append((_kept_name(source, src_dir), source.copy))
                removed.extend(removals)
                for record, found, blocks, words, cut in cases:
                    base, n = record["id"], 2
                    while record["id"] in blocks_by_id:  # two cases that would share an id
                        record["id"] = f"{base}-{n}"
                        record["url"] = write.case_url(record["id"])
                        n += 1
                    records.append(record)
                    blocks_by_id[record["id"]] = blocks
                    found_by_id[record["id"]] = found
                    words_by_id[record["id"]] = (record["title"], words)
                    dedupe.add(record["id"], cut)
    finally:
        _job = ()

    records, duplicates = _drop_duplicates(records, blocks_by_id, removed, dedupe.duplicates())
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
    return Analysis(catalog, blocks_by_id, report, words_by_id, copies)


def _drop_duplicates(records: list[dict], blocks_by_id: dict, removed: list[dict], dups: list) -> tuple[list[dict], list[dict]]:
    """Keep one of each duplicated case; the others' lines go to the ledger as 'duplicate'."""
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
    carriers: dict[str, list[str]] = {}  # method name → ids of the cases that carry it, in case order
    for r in records:
        for name in dict.fromkeys(r["methods"]):
            carriers.setdefault(name, []).append(r["id"])
    for m in methods:
        m["cases"] = list(carriers.get(m["name"], ()))
    methods[:] = sorted((m for m in methods if m["cases"]), key=lambda m: m["name"])


PAGES_POOL_FROM = 1000  # cases; fewer are related and written in this process
_pages: tuple = ()  # (relater, cases, blocks by id, folder) for the forked workers


def _relate_and_write(r: range) -> list[list[dict]]:
    """Related cases of the cases in range ``r``, each case's page written with them;
    returns their related lists as the catalog carries them."""
    relater, cases, blocks, folder = _pages
    out = []
    for i in r:
        rec = cases[i]
        related = relater.relate(i)
        write.write_case_page(folder / f"{rec['id']}.md", rec, blocks[rec["id"]], related)
        out.append([{"id": e["id"], "reason": e["reason"]} for e in related])  # as the page shows them
    return out


def _write_all(analysis: Analysis, kept: Path, stage: Path) -> None:
    catalog = analysis.catalog
    (stage / write.CASES_DIR).mkdir()
    cases = catalog["cases"]
    words = {r["id"]: known[1] for r in cases if (known := analysis.words.get(r["id"])) and known[0] == r["title"]}
    global _pages
    _pages = (Relater(cases, words), cases, analysis.blocks, stage / write.CASES_DIR)
    parts = pool.ranges(len(cases), 8 * pool.workers()) if len(cases) >= PAGES_POOL_FROM else [range(len(cases))]
    try:
        chunks = pool.fork_map(_relate_and_write, parts, chunksize=1)
    finally:
        _pages = ()
    for r, chunk in zip(parts, chunks):
        for i, related in zip(r, chunk):
            cases[i]["related"] = related
    write.copy_sources(kept, stage, analysis.copies)
    write.write_catalog(stage, catalog)
    write.write_catalog_csv(stage, catalog)
    from .ledger_page import write_ledger_page
    from .pages import write_site_pages

    write_site_pages(catalog, stage)
    write_ledger_page(catalog, analysis.report, stage)


def convert(src_dir: Path, out_dir: Path, progress=None, corrections_file: Path | None = None,
            workers: int | None = None) -> tuple[dict, Report]:
    """Analyse SRC_DIR into a staging folder inside OUT_DIR, then swap it in (``outdir``), OUT_DIR locked throughout."""
    outdir.check(src_dir, out_dir, data_dir())
    with pool.limited(workers), _few_collections(), outdir.locked(out_dir):
        outdir.recover(out_dir)  # a run killed half-way is undone or finished first
        stage = outdir.new_stage(out_dir)
        try:
            analysis = analyse(src_dir, corrections_file, progress, keep=stage / outdir.READ_DIR)
            _write_all(analysis, stage / outdir.READ_DIR, stage)
            analysis.report.warnings.extend(outdir.swap_into(stage, out_dir))
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    return analysis.catalog, analysis.report
