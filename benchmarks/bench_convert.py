"""Converter throughput: characters per second on a ≥5 MB corpus made by repeating the sources.

Not a test (timings depend on the machine); `make bench-convert` prints the numbers.
Goal from the converter issue: at least 1 M Chinese characters per second on one core.
Every copy is read, cleaned, split and tagged; the copies are then recognised as
duplicates of the first, so only the first copy's pages are written.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from casebook.pipeline import convert

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "cases" / "sources"


def make_corpus(dest: Path, min_bytes: int) -> int:
    """Copies of every source under new names; each copy is a distinct document."""
    files = sorted(p for p in SOURCES.iterdir() if p.is_file())
    total, n = 0, 0
    while total < min_bytes:
        for f in files:
            data = f.read_bytes()
            (dest / f"{n:05d}_{f.name}").write_bytes(data)
            total += len(data)
        n += 1
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--profile", action="store_true", help="print the 15 most expensive functions")
    args = ap.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]}) if hasattr(os, "sched_setaffinity") else None
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "src", Path(tmp) / "out"
        src.mkdir()
        size = make_corpus(src, int(args.mb * 1024 * 1024))
        convert(SOURCES, Path(tmp) / "warm")  # load gazetteer, jieba and rules once, as a long run would
        prof = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if prof:
            prof.enable()
        _, report = convert(src, out)
        if prof:
            prof.disable()
        took = time.perf_counter() - started
        shutil.rmtree(out, ignore_errors=True)
    cjk = report.characters
    print(f"corpus:     {report.documents} documents, {size / 1e6:.1f} MB, {cjk:,} characters")
    print(f"cases:      {report.cases}")
    print(f"time:       {took:.2f} s on one core")
    print(f"throughput: {cjk / took / 1e6:.2f} M characters/s  (goal ≥ 1.00)")
    if prof:
        pstats.Stats(prof).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(25)


if __name__ == "__main__":
    main()
