"""Tag step — fields: which of the 15 canonical 统战领域 a case works in (rules: cases/fields.yml)."""

from __future__ import annotations

import functools

from . import data


@functools.cache
def _rules():
    cfg = data.load("fields")
    return (
        cfg["fields"],
        int(cfg.get("min_hits", 2)),
        int(cfg.get("max_per_keyword", 3)),
        float(cfg.get("min_hits_per_1000_chars", 0)),
    )


def canonical_fields() -> list[str]:
    return list(_rules()[0])


def tag_fields(text: str) -> list[str]:
    fields, min_hits, cap, density = _rules()
    need = max(min_hits, density * len(text) / 1000)
    out = []
    for label, words in fields.items():
        hits = sum(min(text.count(w), cap) for w in words)
        if hits >= need:
            out.append(label)
    return out
