"""Related cases shown at the foot of a case: from other places first, then by shared
methods (3 points each) and shared fields (1 point each).

Candidates come from an index (cases per method, cases per set of fields), so a corpus
of ten thousand cases is not compared pair by pair.
"""

from __future__ import annotations

from collections import defaultdict

MAX_RELATED = 5
METHOD_POINTS = 3


def related_cases(cases: list[dict]) -> dict[str, list[dict]]:
    by_method: dict[str, list[int]] = defaultdict(list)
    by_fields: dict[frozenset, list[int]] = defaultdict(list)
    for i, c in enumerate(cases):
        for m in c["methods"]:
            by_method[m].append(i)
        if c["fields"]:
            by_fields[frozenset(c["fields"])].append(i)
    field_sets = sorted(by_fields, key=lambda s: sorted(s))
    out = {}
    for i, c in enumerate(cases):
        mine = frozenset(c["fields"])
        cands: dict[int, int] = {}
        for m in c["methods"]:
            for j in by_method[m]:
                cands[j] = cands.get(j, 0) + METHOD_POINTS
        for j in list(cands):
            cands[j] += len(mine & frozenset(cases[j]["fields"]))
        _fill_by_fields(i, cases, mine, field_sets, by_fields, cands)
        cands.pop(i, None)
        ranked = sorted(cands, key=lambda j: (not _other_place(c, cases[j]), -cands[j], cases[j]["id"]))
        out[c["id"]] = [_entry(c, cases[j]) for j in ranked[:MAX_RELATED]]
    return out


def _fill_by_fields(i, cases, mine, field_sets, by_fields, cands) -> None:
    """Add cases that share fields, best overlap first, until five from other places are in."""
    if not mine:
        return
    levels: dict[int, list[frozenset]] = defaultdict(list)
    for s in field_sets:
        k = len(mine & s)
        if k:
            levels[k].append(s)
    others = sum(1 for j in cands if j != i and _other_place(cases[i], cases[j]))
    for k in sorted(levels, reverse=True):
        if others >= MAX_RELATED:
            return
        for s in levels[k]:
            for j in by_fields[s]:
                if j not in cands and j != i:
                    cands[j] = k
                    others += _other_place(cases[i], cases[j])


def _entry(c: dict, o: dict) -> dict:
    fields = [f for f in c["fields"] if f in o["fields"]]
    methods = [m for m in c["methods"] if m in o["methods"]]
    reason = "；".join(
        filter(None, ["同为" + "、".join(fields[:3]) if fields else "", "共用方法：" + "、".join(methods) if methods else ""])
    )
    return {"id": o["id"], "title": o["title"], "url": o["url"], "reason": reason}


def _other_place(c: dict, o: dict) -> bool:
    mine = _place(c)
    return mine is None or _place(o) != mine


def _place(c: dict):
    p = c["place"]
    return p["county"] or p["city"] or p["province"]
