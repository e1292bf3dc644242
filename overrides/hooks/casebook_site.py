"""MkDocs hook for the casebook site.

* Gives the templates the same slugs and anchors that ``casebook.pages`` uses
  (``field_url`` and ``method_url`` Jinja filters), so that the case header card in
  ``overrides/main.html`` links fields and methods to their pages.
* Teaches jieba (used by Material's search plugin to cut Chinese at build time)
  the method names, their aliases and the place names of the catalog, so that a
  name such as 三先三后 or 酒城E统战 is indexed as one word. Disabled with
  ``extra.casebook.search_user_dict: false`` (used to measure the default search).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

try:
    from casebook import pages
except ImportError:  # running from a checkout where the package is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from casebook import pages

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


def _field_url(name: object) -> str:
    return f"fields/{pages.field_slug(str(name))}/"


def _method_url(name: object) -> str:
    anchor = _anchors.get(str(name))
    return f"methods/#{anchor}" if anchor else "methods/"


def on_env(env, config, files):
    env.filters["field_url"] = _field_url
    env.filters["method_url"] = _method_url
    return env
