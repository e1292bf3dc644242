"""MkDocs hook for the casebook site.

* Gives the templates the same slugs and anchors that ``casebook.pages`` uses
  (``field_url`` and ``method_url`` Jinja filters), so that the case header card in
  ``overrides/main.html`` links fields and methods to their pages.
* Builds the site's search index (``casebook.search_index``): every page's title, and
  for case pages the method names, place, people and body, collected as MkDocs reads
  the pages, cut into small script files under ``search/<version>/`` once all pages are
  read, and answered in the browser by ``assets/javascripts/casebook-search.js``
  (overrides/main.html points Material's search box at it). Material's own index is
  left empty (every page is excluded from it): at 10,000 cases it was 274 MB that
  every fresh page load downloaded, and half of the build's time (jieba).
* Escapes front-matter titles and tags, which Material prints unescaped. Every
  generated page's front matter holds the text as written (``casebook.front``), so this
  is the one escape: a method named 1+N shows "1+N" in the browser tab.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import sys
from pathlib import Path

try:
    from casebook import pages, search_index
except ImportError:  # running from a checkout where the package is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from casebook import pages, search_index

_anchors: dict[str, str] = {}
_documents: dict[str, search_index.Document] = {}  # page URL -> what search sees of it
_index_builder = None  # the process writing the search index while pages render


def on_config(config):
    global _anchors, _documents
    path = Path(config.docs_dir) / "catalog.json"
    catalog = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    _anchors = pages.method_anchors(m["name"] for m in catalog.get("methods") or [])
    _documents = {}
    return config


def on_page_markdown(markdown, page, config, files):
    """Note the page for search (before its title is escaped: the index holds text and
    the search worker escapes what it shows). Front-matter title and tags are source
    text and Material prints page.meta.title unescaped (<title>, header): wrap them as
    escaped Markup, which |e leaves as it is."""
    from markupsafe import Markup, escape

    meta = page.meta
    _collect(page, markdown)
    if isinstance(meta.get("title"), str) and not isinstance(meta["title"], Markup):
        raw = meta["title"]
        meta["title"] = escape(raw)
        if page.title == raw:  # a title given in the nav stays as it is
            page.title = meta["title"]
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [escape(t) if isinstance(t, str) else t for t in meta["tags"]]
    return markdown


_directory_urls = False


def _page(path: str) -> str:
    """URL of a generated page (path without .md), in the site's URL style."""
    if _directory_urls:
        return path.removesuffix("index") if path.endswith("index") else path + "/"
    return path + ".html"


def _field_url(name: object) -> str:
    return _page(f"fields/{pages.field_slug(str(name))}")


def _method_url(name: object) -> str:
    """The method's own page (casebook.pages writes methods/<anchor>.md, whose title
    carries the same anchor); the glossary when the method is not in the catalog."""
    anchor = _anchors.get(str(name))
    return _page(f"methods/{anchor}") + f"#{anchor}" if anchor else _page("methods/index")


def on_env(env, config, files):
    """Every page has been read (MkDocs reads all pages before it renders any): build
    the search index here, so that each page's configuration script can name its version."""
    global _directory_urls
    _directory_urls = bool(config.use_directory_urls)  # final here: after every plugin's on_config
    env.filters["field_url"] = _field_url
    env.filters["method_url"] = _method_url
    documents = list(_documents.values())
    version = search_index.fingerprint(documents)
    env.globals["casebook_search_version"] = version
    _start_index(documents, version, Path(config.site_dir) / "search")
    return env


_BYLINE = re.compile(r'<p class="case-byline">.*?</p>', re.S)


def _collect(page, markdown: str) -> None:
    """Note what search should know of this page, and keep it out of Material's index.
    Case pages: title, method names, place, people, body. Other pages: the title only
    (their bodies are lists of case titles, which would match every query)."""
    meta = page.meta
    search = meta.get("search") or {}
    if search.get("exclude"):  # e.g. the maintainers' page
        return
    meta["search"] = {**search, "exclude": True}
    # Front-matter titles are the text as written (casebook.front): never unescape them,
    # or a title holding "&amp;" would be indexed, and shown, as "&".
    title = str(meta.get("title") or page.title or "")
    if meta.get("case_id"):
        place = meta.get("place") or {}
        names = [place.get(k) for k in ("province", "city", "county") if place.get(k)]
        methods = [str(m) for m in meta.get("methods") or []]
        body = search_index.plain_text(_BYLINE.sub(" ", markdown))
        people = " ".join(str(meta.get(k) or "") for k in ("organization", "speaker", "speaker_role"))
        doc = search_index.Document(
            location=page.url,
            title=title,
            body=body + "\n" + str(meta.get("context") or ""),
            fields={"title": title, "methods": " ".join(methods), "place": " ".join(names), "people": people},
            tags=[names[-1] if names else "", *methods],  # place first ("": none); the worker shows 5
            snippet=search_index.snippet_of(body),
            order=(1, *(place.get(k) or "" for k in ("province", "city", "county"))),
        )
    else:
        doc = search_index.Document(location=page.url, title=title, fields={"title": title}, order=(0,))
    _documents[page.url] = doc


def _write_index(documents: list, version: str, search_dir: Path) -> None:
    search_index.write(search_index.build(documents, version), search_dir)


def _start_index(documents: list, version: str, search_dir: Path) -> None:
    """Build and write the index in a forked process: it runs on the second core while
    MkDocs renders the pages (at 10,000 cases it takes about as long as a third of the
    rendering). Where fork is unavailable it is built here, before the pages."""
    global _index_builder
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        _write_index(documents, version, search_dir)
        _index_builder = None
        return
    _index_builder = ctx.Process(target=_write_index, args=(documents, version, search_dir), name="casebook-search-index")
    _index_builder.start()


def on_post_build(config):
    global _index_builder
    if _index_builder is not None:
        _index_builder.join()
        code, _index_builder = _index_builder.exitcode, None
        if code != 0:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"casebook: writing the search index failed (exit code {code}); see the error above")
