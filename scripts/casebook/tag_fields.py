"""Tag step — fields: which of the 15 canonical 统战领域 a case works in (rules: cases/fields.yml)."""

from __future__ import annotations


from . import data


@data.rules_cache
def _rules():
    cfg = data.load("fields")
    return (
        cfg["fields"],
        int(cfg.get("min_hits", 2)),
        int(cfg.get("max_per_keyword", 3)),
        float(cfg.get("min_hits_per_1000_chars", 0)),
        float(cfg.get("min_share_of_top", 0)),
        int(cfg.get("max_fields", 15)),
    )


def canonical_fields() -> list[str]:
    return list(_rules()[0])


def field_slugs() -> dict[str, str]:
    """The URL slugs that cases/fields.yml gives its fields (those it gives none are made by pages)."""
    return dict(data.load("fields").get("slugs") or {})


def tag_fields(text: str) -> list[str]:
    fields, min_hits, cap, density, share, max_fields = _rules()
    hits = {label: sum(min(text.count(w), cap) for w in words) for label, words in fields.items()}
    top = max(hits.values(), default=0)
    need = max(min_hits, density * len(text) / 1000, share * top)
    # the strongest fields first, at most max_fields; ties keep the canonical order
    ranked = sorted((label for label in fields if hits[label] >= need), key=lambda lb: -hits[lb])
    keep = set(ranked[:max_fields])
    return [label for label in fields if label in keep]
