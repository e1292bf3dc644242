"""Search as a reader sees it: our configuration against Material's default search.

Builds the real site twice from the seed corpus (converter + mkdocs build --strict):
  ours     mkdocs.yml as it is: our sharded bigram index with field weights
           (casebook.search_index, written by overrides/hooks) behind Material's box;
  default  stock Material (no hook, no overrides) with its own search for language
           zh: one lunr index, jieba at build time (page tags as the converter writes them).
Then types each query of tests/data/search-queries.yaml (plus a few partial and
quoted names) into the real search box in chromium and prints, for each, the rank
of the expected case among the distinct pages shown and how many pages were shown.

    .venv/bin/python benchmarks/search_compare.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser.site import CHROMIUM, CHROMIUM_ARGS, Server, build, case_page_with, convert, search, write_config  # noqa: E402

EXTRA = [("三先", "童光源"), ("石榴", "易小飞"), ("“三先三后”", "童光源"), ("酒城E统战", "易小飞"),
         ("1234", "易小飞"), ("同心智囊团", "童光源"), ("新乡", "汪胜涌")]


def main() -> int:
    spec = yaml.safe_load((ROOT / "tests/data/search-queries.yaml").read_text(encoding="utf-8"))
    top = spec["top"]
    queries = [(q["query"], q["marker"], True) for q in spec["queries"]] + [(q, m, False) for q, m in EXTRA]
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, tuple]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        work = Path(tmp)
        docs = convert(work / "docs")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        expected_page: dict[str, str] = {}  # from our build: stock Material has no case card to look in
        for variant in ("site", "default"):
            site = work / f"site-{variant}"
            res = build(write_config(work, docs, site, variant))
            if res.returncode:
                print(res.stderr, file=sys.stderr)
                return 1
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            with Server(site) as srv:
                t0 = time.perf_counter()
                for query, marker, _ in queries:
                    if marker not in expected_page:
                        expected_page[marker] = case_page_with(site, marker)[0]
                    expected = expected_page[marker]
                    shown = search(page, srv.url, query)
                    rank = shown.index(expected) + 1 if expected in shown else None
                    results.setdefault(query, {})[variant] = (rank, len(shown))
                print(f"{variant}: {len(queries)} queries in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            page.close()
        browser.close()

    def cell(r):
        rank, n = r
        return f"{rank if rank else '—'} / {n}"

    print(f"| query | ours: rank / pages shown | default: rank / pages shown |")
    print("| --- | --- | --- |")
    passed = {"site": 0, "default": 0}
    for query, _, counted in queries:
        r = results[query]
        for v in passed:
            if counted and r[v][0] and r[v][0] <= top:
                passed[v] += 1
        print(f"| {query}{'' if counted else ' (extra)'} | {cell(r['site'])} | {cell(r['default'])} |")
    n = sum(1 for q in queries if q[2])
    print(f"\nexpected case among the first {top} pages: ours {passed['site']}/{n}, default {passed['default']}/{n}")
    return 0 if passed["site"] == n else 1


if __name__ == "__main__":
    sys.exit(main())
