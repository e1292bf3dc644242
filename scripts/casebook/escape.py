"""Source text is text: make it show literally in Markdown and HTML.

Every character that Markdown, its extensions or HTML could read as markup becomes a
numeric character reference, so `<script>`, `*`, `#`, `|` or `{{` in a document is
shown as written, never run or rendered.
"""

from __future__ import annotations

_SPECIAL = set("\\`*_{}[]()<>#+-.!|~^=:&\"'$%@")
_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}


def md_text(s: str) -> str:
    return s.translate(_TABLE)
