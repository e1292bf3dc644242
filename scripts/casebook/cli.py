"""`casebook` command line: `casebook convert SRC_DIR OUT_DIR`."""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", category=UserWarning, module="jieba")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="统战工作案例库: turn a folder of raw documents into tagged case pages and a catalog.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="convert SRC_DIR's documents into case pages and OUT_DIR/catalog.json")
    conv.add_argument("src_dir", type=Path, help="folder of .txt / .md documents")
    conv.add_argument("out_dir", type=Path, help="where case pages and catalog.json go (docs/ for the site)")
    conv.add_argument(
        "--corrections",
        type=Path,
        default=None,
        help="corrections by people (default: corrections.yml beside SRC_DIR, i.e. cases/corrections.yml)",
    )
    args = parser.parse_args(argv)
    corr = args.corrections if args.corrections is not None else args.src_dir.resolve().parent / "corrections.yml"
    return convert_command(args.src_dir, args.out_dir, corr)


def convert_command(src: Path, out: Path, corrections_file: Path | None = None) -> int:
    from .corrections import CorrectionError
    from .data import DataError
    from .pipeline import convert

    if not src.is_dir():
        print(f"casebook: {src}: no such folder of documents", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        out.mkdir(parents=True, exist_ok=True)
        _, report = convert(src, out, corrections_file=corrections_file)
    except (DataError, CorrectionError) as exc:
        print(f"casebook: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"casebook: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
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


if __name__ == "__main__":
    sys.exit(main())
