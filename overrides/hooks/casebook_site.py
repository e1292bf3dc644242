"""MkDocs hook for the casebook site.

* Gives the templates the same slugs and anchors that ``casebook.pages`` uses
  (``field_url`` and ``method_url`` Jinja filters), so that the case header card in
  ``overrides/main.html`` links fields and methods to their pages.
* Teaches jieba (used by Material's search plugin to cut Chinese at build time)
  the method names, their aliases and the place names of the catalog, so that a
  name such as 三先三后 or 酒城E统战 is indexed as one word. Disabled with
  ``extra.casebook.search_user_dict: false`` (used to measure the default search).
* Fixes the query segmenter of Material's search worker (``search_segment_fix``):
  Material 9.8.1 splits a Chinese query greedily against the indexed words and
  never looks at its last character, so 三先三后 is searched as 三先*. The
  replacement takes, from left to right, the longest piece of the query that
  begins an indexed word (every term is searched with a trailing wildcard), the
  last character included: 三先三后 -> 三先三后*, 三先 -> 三先* (reaches
  三先三后), 三先三后工作法 -> 三先三后工作法* 三先三后* 工作法* (a long piece that
  is itself made of indexed words of two or more characters is searched whole and
  in those words too). If the
  worker's code is not recognised the build fails (strict) instead of silently
  shipping the old behaviour.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

try:
    from casebook import pages
except ImportError:  # running from a checkout where the package is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from casebook import pages

log = logging.getLogger("mkdocs.hooks.casebook_site")

_anchors: dict[str, str] = {}
_loaded_words: set[str] = set()


def user_words(catalog: dict) -> list[str]:
    """Words for jieba: method names and aliases, and place names (full and short)."""
    words: set[str] = set()
    for m in catalog.get("methods") or []:
        for w in [m.get("name"), *(m.get("aliases") or [])]:
            if w:
                words.add(str(w).strip())
    for c in catalog.get("cases") or []:
        for w in (c.get("place") or {}).values():
            if w:
                words.add(str(w))
                short = re.sub(r"(省|市|自治区|自治州|特别行政区|地区|盟)$", "", str(w))
                if len(short) >= 2:
                    words.add(short)
    return sorted(w for w in words if w and not re.search(r"\s", w))


def on_config(config):
    global _anchors
    path = Path(config.docs_dir) / "catalog.json"
    catalog = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    _anchors = pages.method_anchors(m["name"] for m in catalog.get("methods") or [])
    extra = (config.extra or {}).get("casebook") or {}
    if extra.get("search_user_dict", True):
        import jieba

        for w in user_words(catalog):
            if w not in _loaded_words:
                jieba.add_word(w)
                _loaded_words.add(w)
    return config


def on_page_markdown(markdown, page, config, files):
    """Front-matter title and tags are source text. Material prints page.meta.title
    unescaped (<title>, header) and its search results render index titles and tags
    as HTML; wrap them as escaped Markup, which |e leaves as it is."""
    from markupsafe import Markup, escape

    meta = page.meta
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
    global _directory_urls
    _directory_urls = bool(config.use_directory_urls)  # final here: after every plugin's on_config
    env.filters["field_url"] = _field_url
    env.filters["method_url"] = _method_url
    return env


# The segmenter in Material 9.8.1's minified search worker (src/.../query/segment).
_SEGMENT = re.compile(
    r'function (?P<name>[\w$]+)\((?P<q>[\w$]+),(?P<i>[\w$]+)\)\{let [\w$]+=new Set,[\w$]+=new Uint16Array\('
    r'.*?\.has\(""\)\?new Set\(\[[\w$]+\]\):[\w$]+\}'
)

_SEGMENT_JS = """function __cbKeys(index){
  if(!index.__cbKeys)Object.defineProperty(index,"__cbKeys",{value:Object.keys(index).sort()});
  return index.__cbKeys}
function __cbBegins(keys,s){
  let lo=0,hi=keys.length;
  while(lo<hi){const mid=(lo+hi)>>1;if(keys[mid]<s)lo=mid+1;else hi=mid}
  return lo<keys.length&&keys[lo].startsWith(s)}
function __cbWords(piece,index){
  const out=[];
  for(let p=0;p<piece.length;){
    let j=p===0?piece.length-1:piece.length;
    while(j>p+1&&!(piece.slice(p,j) in index))j--;
    if(j-p<2||!(piece.slice(p,j) in index))return[];
    out.push(piece.slice(p,j));p=j}
  return out}
function __cbSegment(query,index){
  const keys=__cbKeys(index),out=new Set();
  for(let p=0;p<query.length;){
    let j=query.length;
    while(j>p+1&&!__cbBegins(keys,query.slice(p,j)))j--;
    const piece=query.slice(p,j);out.add(piece);
    if(piece.length>3)for(const w of __cbWords(piece,index))out.add(w);
    p=j}
  return out.size?out:new Set([query])}
"""


def on_post_build(config):
    extra = (config.extra or {}).get("casebook") or {}
    if not extra.get("search_segment_fix", True):
        return
    workers = Path(config.site_dir) / "assets" / "javascripts" / "workers"
    found = sorted(workers.glob("search.*.min.js"))
    if len(found) != 1:
        log.warning(f"casebook: expected one search worker in {workers}, found {len(found)}")
        return
    worker = found[0]
    code = worker.read_text(encoding="utf-8")
    if "__cbSegment" in code:
        return
    match = _SEGMENT.search(code)
    if not match:
        log.warning(f"casebook: search worker segmenter not recognised in {worker.name}; not patched")
        return
    name, q, i = match.group("name", "q", "i")
    patched = code[: match.start()] + f"function {name}({q},{i}){{return __cbSegment({q},{i})}}" + code[match.end():]
    # Drop the source map reference: the map describes the unpatched file.
    patched = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", patched)
    worker.write_text(_SEGMENT_JS + patched, encoding="utf-8")
