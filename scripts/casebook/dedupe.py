"""Duplicate cases: the same article reposted by another site, or saved twice.

Each case's text, stripped of punctuation and spaces, is cut into overlapping 6-character
pieces, of which we keep those starting on a character whose code is a multiple of 4: a
sample chosen by content, so the same text always gives the same sample, a quarter of the
memory and time.  A case whose pieces lie mostly (80 %) inside one earlier case is that case again,
whatever noise or wrapping surrounded it; when an earlier case lies mostly inside a later,
fuller one, the fuller one is kept.  Working per case means a repost of only the first
unit of a compilation does not create a second copy of that unit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

SHINGLE = 6
THRESHOLD = 0.8
MIN_CHARS = 40  # shorter texts are too short to call duplicates
_NOT_TEXT = re.compile(r"[\W_]+")


def shingles(text: str) -> set[str]:
    norm = _NOT_TEXT.sub("", text)
    if len(norm) < MIN_CHARS:
        return set()
    return {norm[i : i + SHINGLE] for i in range(len(norm) - SHINGLE + 1) if not ord(norm[i]) & 3}


@dataclass
class Duplicate:
    id: str
    duplicate_of: str
    similarity: float


def find_duplicates(cases: list[tuple[str, str]]) -> list[Duplicate]:
    """cases: (id, text) in reading order.  Returns the cases to drop, each with the one kept."""
    owners: dict[str, set[str]] = {}  # shingle → ids of kept cases holding it
    kept: dict[str, set[str]] = {}
    dropped: list[Duplicate] = []
    for cid, text in cases:
        mine = shingles(text)
        if not mine:
            continue
        overlap = Counter(o for s in mine for o in owners.get(s, ()))
        best = min(overlap, key=lambda o: (-overlap[o], o)) if overlap else None
        if best is not None:
            shared = overlap[best]
            if shared / len(mine) >= THRESHOLD:
                dropped.append(Duplicate(cid, best, round(shared / len(mine), 3)))
                continue
            if shared / len(kept[best]) >= THRESHOLD:  # the earlier one is the partial copy
                dropped.append(Duplicate(best, cid, round(shared / len(kept[best]), 3)))
                for s in kept.pop(best):
                    owners[s].discard(best)
        kept[cid] = mine
        for s in mine:
            owners.setdefault(s, set()).add(cid)
    # a case dropped for a later one may itself have absorbed others: point them at the survivor
    final = {d.id: d.duplicate_of for d in dropped}
    for d in dropped:
        while d.duplicate_of in final:
            d.duplicate_of = final[d.duplicate_of]
    return dropped
