"""`casebook` command line.

    casebook convert SRC_DIR OUT_DIR   convert documents into case pages + catalog
    casebook check SRC_DIR             report problems in the documents, write nothing
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", category=UserWarning, module="jieba")

EPILOG = """\
例子 / examples:
  casebook convert cases/sources docs        转换自带的材料（make site 就是这样做的）
  casebook convert ~/收集的材料 /tmp/out      转换任意文件夹，不影响自带材料
  casebook check cases/sources               只检查、不生成：未识别地区、没有工作方法、疑似重复、失效的更正

Supported: .docx, .html/.htm, .txt (UTF-8, GB18030/GBK, UTF-16), .md.
Save .doc/.wps/.pdf as .docx first.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="统战工作案例库: turn a folder of raw documents (speeches, plans, experience "
        "compilations) into cleaned, split and tagged case pages plus a catalog.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    conv = sub.add_parser(
        "convert",
        help="convert SRC_DIR's documents into case pages and OUT_DIR/catalog.json",
        description="Read every document in SRC_DIR, clean, split and tag it, and write one Markdown page per "
        "case (OUT_DIR/cases/), catalog.json, catalog.csv, the browse pages and the maintainers' page. "
        "Exit 0 when every document converted, 1 when some could not be read (they are named), 2 on a usage error.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    conv.add_argument("src_dir", type=Path, help="folder of documents")
    conv.add_argument("out_dir", type=Path,
                      help="where the pages go (docs/ for the site), outside SRC_DIR and the rules; the files the "
                      "previous run wrote there are replaced at the end, nothing else is touched")
    _corrections_arg(conv)
    conv.add_argument("--quiet", action="store_true", help="no progress bar")
    _workers_arg(conv)
    check = sub.add_parser(
        "check",
        help="report problems in SRC_DIR's documents without writing anything",
        description="Convert in memory only and list what needs a person's eye: documents that cannot be read, "
        "cases whose place is not named, cases with no named method, suspected duplicates, corrections that "
        "match nothing. Exit 0 when there is nothing to fix, 1 otherwise.",
    )
    check.add_argument("src_dir", type=Path, help="folder of documents")
    _corrections_arg(check)
    _workers_arg(check)
    args = parser.parse_args(argv)
    corr = args.corrections if args.corrections is not None else args.src_dir.resolve().parent / "corrections.yml"
    if args.command == "check":
        return check_command(args.src_dir, corr, workers=args.workers)
    return convert_command(args.src_dir, args.out_dir, corr, quiet=args.quiet, workers=args.workers)


def _corrections_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--corrections",
        type=Path,
        default=None,
        help="corrections by people (default: corrections.yml beside SRC_DIR, i.e. cases/corrections.yml)",
    )


def _workers_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes that read documents and write pages (default: one per core; 1: none); the output is the same",
    )


def _progress(quiet: bool):
    """A progress bar on a terminal (tqdm); nothing when output goes to a file or CI log."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return lambda paths: tqdm(paths, desc="converting", unit="file", file=sys.stderr, leave=False)


def _guard(action):
    """Run an action; rules or corrections that cannot be read, or an output folder that cannot be used,
    are a clear message, not a traceback (every such error is a CasebookError, errors.py)."""
    from .errors import CasebookError

    try:
        return action(), None
    except CasebookError as exc:
        return None, f"casebook: {exc}"


def convert_command(src: Path, out: Path, corrections_file: Path | None = None, quiet: bool = False, workers: int | None = None) -> int:
    from .pipeline import convert

    if not src.is_dir():
        print(f"casebook: {src}: no such folder of documents", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        result, error = _guard(lambda: convert(src, out, progress=_progress(quiet), corrections_file=corrections_file, workers=workers))
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"casebook: cannot write to {out}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    if error:
        print(error, file=sys.stderr)
        return 2
    _, report = result
    took = time.perf_counter() - started
    print(f"documents read: {report.documents}")
    print(f"cases written:  {report.cases}  → {out / 'cases'}")
    print(f"lines removed:  {report.removed}  (listed on the maintainers' page {out / 'maintainers'})")
    print(f"duplicates:     {report.duplicates}")
    print(f"warnings:       {len(report.warnings) + len(report.failed)}")
    for w in report.warnings + report.failed:
        print(f"  warning: {w}")
    print(f"time:           {took:.2f} s")
    return 1 if report.failed else 0


def check_command(src: Path, corrections_file: Path | None = None, workers: int | None = None) -> int:
    from .pipeline import analyse

    if not src.is_dir():
        print(f"casebook: {src}: no such folder of documents", file=sys.stderr)
        return 2
    analysis, error = _guard(lambda: analyse(src, corrections_file, workers=workers))
    if error:
        print(error, file=sys.stderr)
        return 2
    catalog, report = analysis.catalog, analysis.report
    sections = [
        ("documents that cannot be read", report.failed),
        ("files skipped", [w for w in report.warnings if ": skipped," in w]),
        ("cases whose place is not named (or anonymised)", [_case_line(c) for c in catalog["cases"] if not any(c["place"].values())]),
        ("cases with no named method", [_case_line(c) for c in catalog["cases"] if not c["methods"]]),
        ("suspected duplicates (one copy kept)", [
            f"{d['file']} lines {d['first_line']}–{d['last_line']} “{d['title']}” = {d['duplicate_of_file']} ({d['similarity']:.0%})"
            for d in catalog["duplicates"]
        ]),
        ("corrections that match nothing", [w for w in report.warnings if "matches nothing" in w]),
    ]
    print(f"checked {report.documents} documents, {report.cases} cases")
    problems = 0
    for title, items in sections:
        print(f"\n{title}: {len(items)}")
        for item in items:
            print(f"  - {item}")
        problems += len(items)
    return 1 if problems else 0


def _case_line(c: dict) -> str:
    return f"{c['source']['file']} lines {c['source']['first_line']}–{c['source']['last_line']} “{c['title']}”"


if __name__ == "__main__":
    sys.exit(main())
