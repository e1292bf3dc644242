"""Related cases shown at the foot of a case: shared methods first, then shared fields,
cases from other places before those from the same place."""

from __future__ import annotations

MAX_RELATED = 5


def related_cases(cases: list[dict]) -> dict[str, list[dict]]:
    out = {}
    for c in cases:
        scored = []
        for o in cases:
            if o["id"] == c["id"]:
                continue
            methods = [m for m in c["methods"] if m in o["methods"]]
            fields = [f for f in c["fields"] if f in o["fields"]]
            if not methods and not fields:
                continue
            other_place = _place(o) != _place(c) or _place(c) is None
            score = 3 * len(methods) + len(fields)
            reason = "；".join(
                filter(None, ["同为" + "、".join(fields[:3]) if fields else "", "共用方法：" + "、".join(methods) if methods else ""])
            )
            scored.append((-int(other_place), -score, o["id"], {"id": o["id"], "title": o["title"], "url": o["url"], "reason": reason}))
        scored.sort(key=lambda t: t[:3])
        out[c["id"]] = [t[3] for t in scored[:MAX_RELATED]]
    return out


def _place(c: dict):
    p = c["place"]
    return p["county"] or p["city"] or p["province"]
