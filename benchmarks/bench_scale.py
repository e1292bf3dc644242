"""Scale benchmark (issue 6): convert, build and search synthetic corpora of 100 to 10,000 cases.

``make bench`` (or ``make bench SIZES=1000``) runs, for each size:
  1. benchmarks/synth.py: a reproducible corpus of N cases (fixed seed) that contains the five
     bundled documents unchanged;
  2. ``casebook convert``                                  → convert_s (and the cases written);
  3. ``mkdocs build --strict`` with our mkdocs.yml          → build_s, peak_rss_mb (of the build);
  4. the same Markdown with a plain Material configuration → plain_build_s, and the ratio ours/plain
     (theme material, language zh, the search plugin with its defaults; no hooks, no overrides,
     no offline plugin; the same short nav, not_in_nav and Markdown extensions, so that both
     builds render the same pages with a navigation of the same size);
  5. the site on disk: site_bytes (whole folder), page_html_bytes_max (largest case page);
  6. in Chromium (Playwright, Debian's /usr/bin/chromium), the site served on 127.0.0.1 by
     a plain HTTP server (no compression): from a fresh page load with an empty cache, a reader
     types the first query as soon as the home page has loaded. search_first_bytes: every byte
     the browser fetched until the first result is shown (page, theme, search index);
     search_first_ms: from the first key to the first result shown; search_five_bytes: the same
     after five queries typed one after the other in that page. The table also gives the
     gzip-compressed size of the same files (what nginx with gzip on would send);
  7. the queries of tests/data/search-queries.yaml on the built site (tests/browser/site.py:
     search(), case_page_with()): the expected case must be among the first 3 pages shown.

Prints one table, then as the last line one JSON object
{"sizes": {"100": {convert_s, build_s, plain_build_s, site_bytes, page_html_bytes_max,
search_first_bytes, search_five_bytes, search_first_ms, peak_rss_mb}, ...}}.
A step that fails or runs out of time gives null. Work files stay in build/bench/<N>/.
Not a test: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402
from tests.browser.site import CHROMIUM, CHROMIUM_ARGS, Server, case_page_with, search, write_config  # noqa: E402

BIN = Path(sys.executable).parent
KEYS = ["convert_s", "build_s", "plain_build_s", "site_bytes", "page_html_bytes_max",
        "search_first_bytes", "search_five_bytes", "search_first_ms", "peak_rss_mb"]
SPEC = yaml.safe_load((ROOT / "tests/data/search-queries.yaml").read_text(encoding="utf-8"))
FIVE = ["三先三后", "4321工作法", "石榴籽", "党外博士服务团", "哈尔滨"]
RESULT_ITEM = "ol.md-search-result__list > li.md-search-result__item"


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


CPU: dict[str, float] = {}  # CPU seconds (user + system) of the last run_measured, by log name


def run_measured(cmd: list[str], logfile: Path, timeout: float, env: dict | None = None) -> tuple[float | None, float, int]:
    """Run cmd; (seconds or None on failure/timeout, peak RSS in MB of it and its children, exit code).
    Its CPU time goes to CPU[logfile.stem]: unlike wall time, it hardly moves when other work shares the machine."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts"), **(env or {})}
    # A forked child's ru_maxrss starts at this (large) process's RSS; /usr/bin/time forks from
    # a small process and reports the command's own peak.
    rss_file = logfile.with_suffix(".rss")
    rss_file.unlink(missing_ok=True)
    if Path("/usr/bin/time").exists():
        cmd = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *cmd]
    with open(logfile, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage (ru_maxrss in KB)
        took = time.perf_counter() - started
        timer.cancel()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    CPU[logfile.stem] = round(usage.ru_utime + usage.ru_stime, 2)
    peak_kb = usage.ru_maxrss
    try:
        peak_kb = int(rss_file.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        pass
    return (round(took, 2) if code == 0 else None), round(peak_kb / 1024, 1), code


def plain_config(work: Path, docs: Path, site: Path) -> Path:
    from mkdocs.utils.yaml import yaml_load

    ours = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg = {
        "site_name": ours["site_name"], "docs_dir": str(docs), "site_dir": str(site),
        "use_directory_urls": False,
        "theme": {"name": "material", "language": "zh"},
        "plugins": ["search"],
        "nav": ours["nav"], "not_in_nav": ours["not_in_nav"], "exclude_docs": ours["exclude_docs"],
        "markdown_extensions": ours["markdown_extensions"],
    }
    path = work / "mkdocs.plain.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def dir_bytes(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file())


class Fetched:
    """Bytes the page fetched: body sizes as the browser reports them, and the gzip size
    of the same files (served from disk, so the URL's path names the file)."""

    def __init__(self, page, site: Path, base_url: str):
        self.requests, self.site, self.base = [], site, base_url
        page.on("requestfinished", lambda req: self.requests.append(req))
        self._gz: dict[Path, int] = {}

    def _file(self, url: str) -> Path | None:
        path = unquote(urlparse(url).path).lstrip("/")
        f = self.site / (path or "index.html")
        return f if f.is_file() else None

    def search_only(self) -> int:
        """Bytes of the search worker and index files among them (the rest is the page and theme)."""
        total = 0
        for req in self.requests:
            if "/search/" in req.url or "casebook-search.js" in req.url:
                try:
                    total += max(0, req.sizes()["responseBodySize"])
                except Exception:
                    pass
        return total

    def totals(self) -> tuple[int, int]:
        raw = gz = 0
        for req in self.requests:
            try:
                body = req.sizes()["responseBodySize"]
            except Exception:
                body = -1
            f = self._file(req.url)
            if body < 0:
                body = f.stat().st_size if f else 0
            raw += body
            if f is not None:
                if f not in self._gz:
                    self._gz[f] = len(gzip.compress(f.read_bytes(), 6))
                gz += self._gz[f]
        return raw, gz


WATCH = """() => {
  window.__cbT1 = null;
  new MutationObserver(() => {
    if (window.__cbT1 === null && window.__cbT0 != null && document.querySelector('%s'))
      window.__cbT1 = performance.now();
  }).observe(document.body, {subtree: true, childList: true});
}""" % RESULT_ITEM


def type_query(page, query: str, timeout_ms: float) -> float:
    """Type query into the (cleared) search box; ms from the first key to the first result shown."""
    box = page.locator("input.md-search__input")
    box.click()
    if box.input_value():
        box.fill("")
        box.press("End")
        page.wait_for_function(f"() => !document.querySelector('{RESULT_ITEM}')", timeout=10_000)
    page.evaluate("() => { window.__cbT1 = null; window.__cbT0 = performance.now(); }")
    box.press_sequentially(query, delay=0)
    box.press("End")  # the search box reacts to key-up, which typed Chinese does not give
    page.wait_for_function("() => window.__cbT1 !== null", timeout=timeout_ms)
    return round(page.evaluate("() => window.__cbT1 - window.__cbT0"), 1)


def browser_metrics(browser, site: Path, url: str, timeout_ms: float) -> dict:
    out: dict = {}
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", service_workers="block")
    try:
        page = ctx.new_page()
        fetched = Fetched(page, site, url)
        t_load = time.perf_counter()
        page.goto(url)
        out["page_load_s"] = round(time.perf_counter() - t_load, 2)
        page.evaluate(WATCH)
        times = []
        for i, q in enumerate(FIVE):
            times.append(type_query(page, q, timeout_ms))
            if i == 0:
                page.wait_for_load_state("networkidle")
                out["search_first_ms"] = times[0]
                out["search_first_bytes"], out["search_first_gzip"] = fetched.totals()
                out["search_first_index_bytes"] = fetched.search_only()
        page.wait_for_load_state("networkidle")
        out["search_five_bytes"], out["search_five_gzip"] = fetched.totals()
        out["search_five_index_bytes"] = fetched.search_only()
        out["later_ms"] = times[1:]
    except Exception as exc:  # a timeout: keep what was measured
        out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
        log("  browser:", out["error"])
    finally:
        ctx.close()
    return out


def quality(browser, site: Path, url: str, timeout_ms: float, budget_s: float) -> dict:
    """tests/data/search-queries.yaml on this site: is the expected case in the first TOP pages?"""
    top, failed, unchecked, passed, started = SPEC["top"], [], [], 0, time.perf_counter()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", service_workers="block")
    page = ctx.new_page()
    try:
        for q in SPEC["queries"]:
            if time.perf_counter() - started > budget_s:
                unchecked.append(q["query"])
                continue
            expected = case_page_with(site, q["marker"])
            if len(expected) != 1:
                failed.append(f"{q['query']}: marker {q['marker']} on {len(expected)} pages")
                continue
            try:
                shown = search(page, url, q["query"], timeout=timeout_ms)
            except Exception as exc:
                failed.append(f"{q['query']}: {type(exc).__name__}")
                continue
            if expected[0] in shown[:top]:
                passed += 1
            else:
                failed.append(f"{q['query']}: {expected[0]} not in {shown[:top]}")
    finally:
        ctx.close()
    return {"passed": passed, "total": len(SPEC["queries"]) - len(unchecked), "failed": failed, "unchecked": unchecked}


def one_size(n: int, work: Path, browser, args) -> tuple[dict, dict]:
    """(the JSON entry, extra details for the table)"""
    work.mkdir(parents=True, exist_ok=True)
    src, docs, site, plain = work / "src", work / "docs", work / "site", work / "site-plain"
    res: dict = dict.fromkeys(KEYS)
    extra: dict = {}
    t = time.perf_counter()
    extra["corpus"] = synth.generate(n, src, args.seed)
    extra["generate_s"] = round(time.perf_counter() - t, 2)
    log(f"[{n}] generated {extra['corpus']} in {extra['generate_s']} s")

    shutil.rmtree(docs, ignore_errors=True)
    res["convert_s"], extra["convert_rss_mb"], code = run_measured(
        [str(BIN / "casebook"), "convert", str(src), str(docs)], work / "convert.log", args.timeout)
    text = (work / "convert.log").read_text(encoding="utf-8", errors="replace")
    written = [ln for ln in text.splitlines() if ln.startswith(("cases written", "duplicates"))]
    extra["cases_written"] = int(written[0].split(":")[1].split()[0]) if written else None
    extra["duplicates"] = int(written[1].split(":")[1].split()[0]) if len(written) > 1 else None
    log(f"[{n}] convert {res['convert_s']} s, {written}")
    if not (docs / "catalog.json").exists():
        return res, extra
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", dirs_exist_ok=True)

    shutil.rmtree(site, ignore_errors=True)
    res["build_s"], res["peak_rss_mb"], code = run_measured(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(write_config(work, docs, site))],
        work / "build.log", args.timeout)
    log(f"[{n}] build {res['build_s']} s, peak {res['peak_rss_mb']} MB (exit {code})")

    if not args.no_plain:
        shutil.rmtree(plain, ignore_errors=True)
        res["plain_build_s"], extra["plain_rss_mb"], code = run_measured(
            [str(BIN / "mkdocs"), "build", "-f", str(plain_config(work, docs, plain))],
            work / "build-plain.log", args.timeout)
        log(f"[{n}] plain build {res['plain_build_s']} s, peak {extra['plain_rss_mb']} MB (exit {code})")
        if plain.exists():
            extra["plain_index_bytes"] = (plain / "search" / "search_index.json").stat().st_size
        shutil.rmtree(plain, ignore_errors=True)  # only its time is needed

    extra["cpu_s"] = {k: CPU.get(k) for k in ("convert", "build", "build-plain")}
    extra["loadavg_1min"] = round(os.getloadavg()[0], 1)
    if res["build_s"] is None:
        return res, extra
    res["site_bytes"] = dir_bytes(site)
    res["page_html_bytes_max"] = max(p.stat().st_size for p in (site / "cases").glob("*.html"))
    htmls = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    extra["pages"] = len(htmls)
    extra["largest_page"] = max(htmls)
    extra["index_json_bytes"] = (site / "search" / "search_index.json").stat().st_size
    ours = [d for d in (site / "search").iterdir() if d.is_dir()]
    if ours:  # our sharded index: search/<version>/{manifest.js, t/*.js, d/*.js}
        terms = list(ours[0].glob("t/*.js"))
        extra["index_files"] = sum(1 for p in ours[0].rglob("*.js"))
        extra["index_bytes"] = dir_bytes(ours[0])
        extra["term_shard_bytes"] = sorted(p.stat().st_size for p in terms)

    if browser is not None:
        with Server(site) as srv:
            m = browser_metrics(browser, site, srv.url, args.search_timeout * 1000)
            for k in ("search_first_bytes", "search_five_bytes", "search_first_ms"):
                res[k] = m.get(k)
            extra["browser"] = m
            log(f"[{n}] browser {m}")
            if not args.no_quality:
                if res["search_first_ms"] is None:
                    extra["quality"] = {"skipped": "first search did not finish"}
                else:
                    extra["quality"] = quality(browser, site, srv.url, args.search_timeout * 1000, args.quality_budget)
                log(f"[{n}] quality {extra['quality']}")
    return res, extra


def mb(x) -> str:
    return "—" if x is None else f"{x / 1e6:,.1f}"


def num(x, fmt="{:,.1f}") -> str:
    return "—" if x is None else fmt.format(x)


def table(results: dict, extras: dict) -> str:
    rows = [
        ("cases written (duplicates)", lambda r, e: f"{e.get('cases_written')} ({e.get('duplicates')})"),
        ("convert_s", lambda r, e: num(r["convert_s"])),
        ("build_s (ours)", lambda r, e: num(r["build_s"])),
        ("plain_build_s (plain Material)", lambda r, e: num(r["plain_build_s"])),
        ("ratio ours/plain", lambda r, e: num(r["build_s"] / r["plain_build_s"], "{:.2f}")
         if r["build_s"] and r["plain_build_s"] else "—"),
        ("CPU s: convert / build / plain", lambda r, e: " / ".join(num(e.get("cpu_s", {}).get(k)) for k in
                                                                  ("convert", "build", "build-plain"))),
        ("CPU ratio ours/plain", lambda r, e: num(e["cpu_s"]["build"] / e["cpu_s"]["build-plain"], "{:.2f}")
         if e.get("cpu_s", {}).get("build") and e.get("cpu_s", {}).get("build-plain") else "—"),
        ("load average (1 min) after builds", lambda r, e: num(e.get("loadavg_1min"))),
        ("build ms per case", lambda r, e: num(1000 * r["build_s"] / e["cases_written"], "{:.1f}")
         if r["build_s"] and e.get("cases_written") else "—"),
        ("peak_rss_mb (our build)", lambda r, e: num(r["peak_rss_mb"], "{:,.0f}")),
        ("site_bytes (MB)", lambda r, e: mb(r["site_bytes"])),
        ("page_html_bytes_max (KB)", lambda r, e: num(r["page_html_bytes_max"] and r["page_html_bytes_max"] / 1e3)),
        ("largest page of any kind (KB)", lambda r, e: f"{e['largest_page'][0] / 1e3:,.0f} {e['largest_page'][1]}"
         if e.get("largest_page") else "—"),
        ("Material's search_index.json (KB)", lambda r, e: num(e.get("index_json_bytes") and e["index_json_bytes"] / 1e3)),
        ("our index: files; MB", lambda r, e: f"{num(e.get('index_files'), '{:,}')}; {mb(e.get('index_bytes'))}"),
        ("term shard KB (median; max)", lambda r, e: (
            f"{e['term_shard_bytes'][len(e['term_shard_bytes']) // 2] / 1e3:.0f}; {e['term_shard_bytes'][-1] / 1e3:.0f}"
            if e.get("term_shard_bytes") else "—")),
        ("search_first_bytes (MB; gzip)", lambda r, e: f"{mb(r['search_first_bytes'])}; {mb(e.get('browser', {}).get('search_first_gzip'))}"),
        ("search_five_bytes (MB; gzip)", lambda r, e: f"{mb(r['search_five_bytes'])}; {mb(e.get('browser', {}).get('search_five_gzip'))}"),
        ("  of which search worker + index (KB)", lambda r, e: " / ".join(
            num(e.get("browser", {}).get(k) and e["browser"][k] / 1e3, "{:,.0f}")
            for k in ("search_first_index_bytes", "search_five_index_bytes"))),
        ("search_first_ms", lambda r, e: num(r["search_first_ms"], "{:,.0f}")),
        ("later queries ms", lambda r, e: ", ".join(f"{x:.0f}" for x in e.get("browser", {}).get("later_ms", [])) or "—"),
        ("quality (top 3)", lambda r, e: (f"{e['quality']['passed']}/{e['quality']['total']}" if "passed" in e.get("quality", {})
                                          else e.get("quality", {}).get("skipped", "—"))),
        ("size wall time (s)", lambda r, e: num(e.get("wall_s"), "{:,.0f}")),
    ]
    sizes = list(results)
    w0 = max(len(r[0]) for r in rows)
    cells = [[f(results[s], extras[s]) for s in sizes] for _, f in rows]
    w = max(12, *(len(c) for row in cells for c in row))
    lines = [f"{'':<{w0}}  " + "  ".join(f"{s:>{w}}" for s in sizes)]
    for (label, _), row in zip(rows, cells):
        lines.append(f"{label:<{w0}}  " + "  ".join(f"{c:>{w}}" for c in row))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    ap.add_argument("--seed", type=int, default=synth.SEED)
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed for each convert or build")
    ap.add_argument("--search-timeout", type=float, default=180, help="seconds allowed for one search")
    ap.add_argument("--no-plain", action="store_true", help="skip the plain Material build")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-quality", action="store_true", help="skip the search-queries.yaml check")
    ap.add_argument("--quality-budget", type=float, default=1200, help="seconds for the search-queries.yaml check")
    args = ap.parse_args()

    results, extras = {}, {}
    pw = browser = None
    if not args.no_browser and Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        for n in args.sizes:
            t = time.perf_counter()
            results[str(n)], extras[str(n)] = one_size(n, args.work / str(n), browser, args)
            extras[str(n)]["wall_s"] = time.perf_counter() - t
            (args.work / str(n) / "result.json").write_text(
                json.dumps({"result": results[str(n)], "extra": extras[str(n)]}, ensure_ascii=False, indent=1))
    finally:
        if browser is not None:
            browser.close()
            pw.stop()
    print(table(results, extras))
    for s, e in extras.items():
        q = e.get("quality", {})
        print(f"search quality at {s}: " + (f"{q['passed']}/{q['total']} queries put the expected case in the first "
                                             f"{SPEC['top']} pages" if "passed" in q else str(q or "not run")))
        for f in q.get("failed", []):
            print(f"  FAIL {f}")
        if q.get("unchecked"):
            print(f"  not checked (over the --quality-budget): {', '.join(q['unchecked'])}")
    print(json.dumps({"sizes": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
