"""Source text is text: make it show literally in Markdown and HTML.

Every character that Markdown, its extensions or HTML could read as markup becomes a
numeric character reference, so `<script>`, `*`, `#`, `|` or `{{` in a document is
shown as written, never run or rendered.
"""

from __future__ import annotations

import re

_SPECIAL = "\\`*_{}[]()<>#+-.!|~^=:&\"'$%@"
_SPECIAL_RE = re.compile(f"[{re.escape(_SPECIAL)}]")


_REFERENCE = {ch: f"&#{ord(ch)};" for ch in _SPECIAL}


def _reference(m: re.Match) -> str:
    return _REFERENCE[m.group()]


def md_text(s: str) -> str:
    # a search for the few special characters, not a table lookup for every character
    return _SPECIAL_RE.sub(_reference, s)
