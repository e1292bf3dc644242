"""Pagefind as the alternative search (issue 6), measured on a site built by bench_scale.py.

    python benchmarks/bench_pagefind.py --pagefind /path/to/pagefind_extended build/bench/1000/site ...

Pagefind is not a project dependency: install ``pagefind[extended]`` (Chinese segmentation)
into a throwaway venv and pass its binary. For each site this
  1. indexes the built site (pagefind_extended --site SITE --root-selector article):
     index_s, peak RSS, bundle size and file count;
  2. adds a small test page (pf-bench.html) that loads Pagefind's JS API on the first query,
     serves the site on 127.0.0.1 and, in Chromium from a fresh page load, measures the bytes
     fetched and the time of the first query (import + init + search + data of the first 5
     results), then of four more;
  3. runs the queries of tests/data/search-queries.yaml through the same API: is the expected
     case among the first 3 distinct pages;
  4. opens the same test page from disk (file://) and reports whether Pagefind answers there,
     and how long our current search (Material + offline plugin) takes for a first query
     opened from disk.
Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scale import FIVE, SPEC, WATCH, Fetched, dir_bytes, log, run_measured, type_query  # noqa: E402
from tests.browser.site import CHROMIUM, CHROMIUM_ARGS, Server, case_page_with  # noqa: E402

TEST_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>pagefind bench</title></head>
<body><input id="q"><ol id="r"></ol>
<script>
window.pfSearch = async (q) => {
  const t0 = performance.now();
  if (!window.pf) { window.pf = await import('./pagefind/pagefind.js'); await window.pf.options({}); }
  const s = await window.pf.search(q);
  const data = await Promise.all(s.results.slice(0, 10).map(r => r.data()));
  document.getElementById('r').innerHTML = data.map(d => '<li><a></a></li>').join('');
  return {ms: performance.now() - t0, count: s.results.length, urls: data.map(d => d.url)};
};
</script></body></html>
"""


def context(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", service_workers="block")


def distinct(urls: list[str]) -> list[str]:
    out = []
    for u in urls:
        u = u.split("#")[0].lstrip("/")
        if u not in out:
            out.append(u)
    return out


def measure(pagefind: str, site: Path, browser, work: Path) -> dict:
    res: dict = {}
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    res["index_s"], res["index_rss_mb"], code = run_measured(
        [pagefind, "--site", str(site), "--root-selector", "article"], work / "pagefind.log", 3600)
    log(f"{site}: pagefind {res['index_s']} s (exit {code})")
    bundle = site / "pagefind"
    res["bundle_bytes"] = dir_bytes(bundle)
    res["bundle_files"] = sum(1 for p in bundle.rglob("*") if p.is_file())
    (site / "pf-bench.html").write_text(TEST_PAGE, encoding="utf-8")

    with Server(site) as srv:
        ctx = context(browser)
        page = ctx.new_page()
        fetched = Fetched(page, site, srv.url)
        page.goto(srv.url + "pf-bench.html")
        page.wait_for_load_state("networkidle")
        times = []
        for i, q in enumerate(FIVE):
            times.append(round(page.evaluate("q => pfSearch(q)", q)["ms"], 1))
            if i == 0:
                page.wait_for_load_state("networkidle")
                res["first_ms"] = times[0]
                res["first_bytes"], res["first_gzip"] = fetched.totals()
                res["first_requests"] = len(fetched.requests)
        page.wait_for_load_state("networkidle")
        res["five_bytes"], res["five_gzip"] = fetched.totals()
        res["five_requests"] = len(fetched.requests)
        res["later_ms"] = times[1:]
        # search quality with Pagefind's own ranking
        passed, failed = 0, []
        for q in SPEC["queries"]:
            expected = case_page_with(site, q["marker"])
            r = page.evaluate("q => pfSearch(q)", q["query"])
            res.setdefault("yaml_ms", {})[q["query"]] = round(r["ms"], 1)
            got = distinct(r["urls"])
            if len(expected) == 1 and expected[0] in got[: SPEC["top"]]:
                passed += 1
            else:
                failed.append(f"{q['query']}: {expected} not in {got[:SPEC['top']]}")
        res["quality"] = {"passed": passed, "total": len(SPEC["queries"]), "failed": failed}
        ctx.close()

    # From disk: Pagefind's module and index are loaded with import() and fetch().
    ctx = context(browser)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((site / "pf-bench.html").as_uri())
    try:
        r = page.evaluate("q => pfSearch(q).then(r => r, e => ({error: String(e)}))", "三先三后")
        res["file_url"] = r.get("error") or f"answered: {r['count']} results"
    except Exception as exc:
        res["file_url"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    res["file_url_console"] = errors[:3]
    ctx.close()

    # Our current search opened from disk (offline plugin: search_index.js + iframe worker).
    ctx = context(browser)
    page = ctx.new_page()
    try:
        t = time.perf_counter()
        page.goto((site / "index.html").as_uri())
        page.evaluate(WATCH)
        res["material_file_first_ms"] = type_query(page, "三先三后", 300_000)
        res["material_file_total_s"] = round(time.perf_counter() - t, 1)
    except Exception as exc:
        res["material_file_first_ms"] = f"{type(exc).__name__}"
    ctx.close()
    (site / "pf-bench.html").unlink()
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pagefind", required=True, help="the pagefind_extended binary")
    ap.add_argument("sites", nargs="+", type=Path)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for site in args.sites:
            site = site.resolve()
            out[site.parent.name] = measure(args.pagefind, site, browser, site.parent)
            log(out[site.parent.name])
        browser.close()
    for name, r in out.items():
        print(f"== {name} cases")
        print(f"  pagefind index: {r['index_s']} s, peak {r['index_rss_mb']} MB, bundle {r['bundle_bytes'] / 1e6:.1f} MB "
              f"in {r['bundle_files']} files")
        print(f"  first search: {r['first_ms']} ms, {r['first_bytes'] / 1e3:.0f} KB fetched ({r['first_gzip'] / 1e3:.0f} KB gzip), "
              f"{r['first_requests']} requests")
        print(f"  five searches: {r['five_bytes'] / 1e3:.0f} KB ({r['five_gzip'] / 1e3:.0f} KB gzip), later ms {r['later_ms']}")
        print(f"  quality: {r['quality']['passed']}/{r['quality']['total']}; ms per query: {r.get('yaml_ms')}")
        for f in r["quality"]["failed"]:
            print(f"    FAIL {f}")
        print(f"  file://: {r['file_url']}  {r['file_url_console']}")
        print(f"  our search from file://: first result {r.get('material_file_first_ms')} ms")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
