"""Build the real site into a temporary directory and serve it on 127.0.0.1.

Used by the browser tests and by benchmarks/search_compare.py. The docs are made
by the real converter (``casebook convert cases/sources DOCS``); the site by
``mkdocs build --strict`` with the project's mkdocs.yml (paths made absolute).
``CASEBOOK_TEST_DOCS`` may name an already converted docs directory instead.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def convert(docs: Path, src: Path | None = None, *options: str) -> Path:
    """Run the real converter on ``src`` (default: the bundled corpus) into ``docs``, with the
    command line's ``options`` (unless CASEBOOK_TEST_DOCS gives converted docs for the bundled corpus)."""
    given = os.environ.get("CASEBOOK_TEST_DOCS") if src is None else None
    if given:
        shutil.copytree(given, docs, dirs_exist_ok=True)
    else:
        subprocess.run([sys.executable, "-m", "casebook.cli", "convert", str(src or ROOT / "cases/sources"), str(docs),
                        *options],
                       check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    if not (docs / "index.md").exists():  # converter without the site pages step
        sys.path.insert(0, str(ROOT / "scripts"))
        from casebook.pages import write_site_pages

        write_site_pages(json.loads((docs / "catalog.json").read_text(encoding="utf-8")), docs)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
    return docs


def write_config(work: Path, docs: Path, site: Path, variant: str = "site") -> Path:
    """mkdocs.yml with absolute paths. variant 'default' = stock Material with its own
    search (lunr index, jieba at build time): no hook, no theme overrides, so no
    sharded index (tags stay as the converter wrote them)."""
    from mkdocs.utils.yaml import yaml_load  # resolves !ENV like `mkdocs build` does

    cfg = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"], cfg["site_dir"] = str(docs), str(site)
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    if variant == "default":
        del cfg["theme"]["custom_dir"]
        cfg["hooks"] = []
        cfg["plugins"] = [{"search": {"lang": "zh"}} if p == "search" or (isinstance(p, dict) and "search" in p) else p
                          for p in cfg["plugins"]]
    elif variant != "site":
        raise ValueError(variant)
    path = work / f"mkdocs.{variant}.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """A real HTTP server for ``root`` on 127.0.0.1, in a thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def case_page_with(site: Path, marker: str) -> list[str]:
    """Site-relative URLs of the case pages whose own text (title, card, context,
    body; not the related list) contains ``marker``."""
    found = []
    for page in sorted(site.glob("cases/*.html")):
        html = page.read_text(encoding="utf-8")
        start = html.find('class="cb-case-title"')
        end = html.find('class="cb-related"', start)
        own = html[start:end if end > 0 else len(html)]
        if start >= 0 and marker in re.sub(r"<[^>]+>", "", own):
            found.append(page.relative_to(site).as_posix())
    return found


def search(page, base_url: str, query: str, timeout: float = 15_000) -> list[str]:
    """Type ``query`` into the site's search box like a reader and return the
    distinct pages shown, in order, as site-relative URLs."""
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens: open the search from the header button
        page.locator(".md-header__button[for='__search']").click()
    box.click()
    box.press_sequentially(query, delay=15)
    # Typed Chinese arrives as text input; the search box reacts to key-up, which an
    # input method's commit key gives. Press End (moves the caret, changes nothing).
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        r"""(q) => {
            const meta = document.querySelector('.md-search-result__meta');
            const input = document.querySelector('input.md-search__input');
            return input && input.value === q && meta && /个符合条件的结果|没有找到|最相关的 \d+ 个结果/.test(meta.textContent);
        }""", arg=query, timeout=timeout)
    # Results render asynchronously: read them until they stop changing.
    hrefs, stable = None, 0
    for _ in range(40):
        now = page.eval_on_selector_all(
            "ol.md-search-result__list > li.md-search-result__item > a.md-search-result__link",
            "els => els.map(a => a.href)")
        stable = stable + 1 if now == hrefs else 0
        hrefs = now
        if stable >= 3:
            break
        page.wait_for_timeout(100)
    pages: list[str] = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0]  # drop anchor and the ?h= highlight
        rel = path[len(base_url):] if path.startswith(base_url) else path
        if rel not in pages:
            pages.append(rel)
    assert meta.count() == 1
    return pages
