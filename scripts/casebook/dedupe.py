"""Duplicate cases: the same article reposted by another site, or saved twice.

Each case's text, stripped of punctuation and spaces, is cut into overlapping 6-character
pieces, of which we keep those starting on a character whose code is a multiple of 4: a
sample chosen by content, so the same text always gives the same sample, a quarter of the
memory and time.  A case whose pieces lie mostly (80 %) inside one earlier case is that case again,
whatever noise or wrapping surrounded it; when an earlier case lies mostly inside a later,
fuller one, the fuller one is kept.  Working per case means a repost of only the first
unit of a compilation does not create a second copy of that unit.

Candidates come from an index, never from all earlier cases (which made the check
quadratic: 9 of the 23 s of a 1,000-case run, most of a 10,000-case one):

* the index holds, for each piece of a finer sample (half of the pieces, again chosen by
  content: those whose second character's code is even, so a piece is in the finer sample
  of every text that has it), the kept cases holding it; a piece held by more than
  ``OWNER_CAP`` kept cases is boilerplate every case repeats and is dropped from the index;
* a case looks up its ``PROBES`` rarest indexed pieces (a copy shares 80 % of its pieces with
  the original, so the original holds most of any sample, and the rarest name it rather
  than the boilerplate) and counts the cases met;
* the ``CHECKED`` cases met most often, among those met often enough to be a copy either
  way, are compared exactly on the whole sample (set intersection).

The work per case is bounded whatever the size of the collection.
"""

from __future__ import annotations

import functools
import heapq
import re
from collections import Counter
from dataclasses import dataclass

SHINGLE = 6
THRESHOLD = 0.8
MIN_CHARS = 40  # shorter texts are too short to call duplicates
PROBES = 64  # indexed pieces looked up per case, the rarest first
OWNER_CAP = 50  # a piece held by more kept cases is boilerplate, dropped from the index
CHECKED = 8  # candidates compared exactly
MET_SHARE = 0.5  # a candidate met in fewer probes than this share of what a copy would be is none
_NOT_TEXT = re.compile(r"[\W_]+")


def shingles(text: str) -> set[str]:
    """The sample of ``text``'s pieces."""
    index, rest = pieces(text)
    return index | rest


def pieces(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The sample of ``text``'s pieces, as (the finer sample that is indexed, the rest)."""
    norm = _NOT_TEXT.sub("", text)
    if len(norm) < MIN_CHARS:
        return frozenset(), frozenset()
    if norm.isascii() or max(norm) <= "\uffff":  # the regex engine finds the same pieces
        every = frozenset(_sampled(False).findall(norm))
        index = frozenset(_sampled(True).findall(norm))
    else:
        every = frozenset(norm[i : i + SHINGLE] for i in range(len(norm) - SHINGLE + 1) if not ord(norm[i]) & 3)
        index = frozenset(p for p in every if _indexed(p))
    return index, every - index


def _indexed(piece: str) -> bool:
    return not ord(piece[1]) & 1


@functools.cache
def _sampled(finer: bool) -> re.Pattern:
    """Every SHINGLE-character piece starting on a character of the Basic Multilingual Plane
    whose code is a multiple of 4 (and, for the finer sample, whose second character's code is even)."""
    def chars(step: int) -> str:
        return "".join(re.escape(chr(c)) for c in range(0, 0x10000, step) if not 0xD800 <= c < 0xE000)
    second = f"[{chars(2)}].{{{SHINGLE - 2}}}" if finer else f".{{{SHINGLE - 1}}}"
    return re.compile(f"(?=([{chars(4)}]{second}))", re.S)


@dataclass
class Duplicate:
    id: str
    duplicate_of: str
    similarity: float


def find_duplicates(cases: list[tuple[str, str]], cut: list[tuple[frozenset, frozenset]] | None = None) -> list[Duplicate]:
    """cases: (id, text) in reading order; cut: their ``pieces``, where already cut.
    Returns the cases to drop, each with the one kept."""
    d = Deduper()
    for k, (cid, text) in enumerate(cases):
        d.add(cid, pieces(text) if cut is None else cut[k])
    return d.duplicates()


class Deduper:
    """``find_duplicates`` one case at a time, in reading order (the pipeline feeds it while
    its workers are still reading the next documents)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.owners: dict[str, list[int]] = {}  # indexed piece → kept cases holding it (indexes into ids)
        self.common: set[str] = set()  # pieces once held by more than OWNER_CAP kept cases
        self.kept: dict[int, tuple[frozenset, frozenset]] = {}
        self.dropped: list[Duplicate] = []

    def add(self, cid: str, cut: tuple[frozenset[str], frozenset[str]]) -> None:
        ids, owners, kept = self.ids, self.owners, self.kept
        k = len(ids)
        ids.append(cid)
        index, rest = cut
        size = len(index) + len(rest)
        if not size:
            return
        rare = index - self.common
        probes = heapq.nsmallest(PROBES, ((len(o), p) for p in rare if (o := owners.get(p))))
        met = Counter(o for _, p in probes for o in owners[p])
        if met:
            # a copy either way is met in about this many probes, or more
            full = len(probes) * MET_SHARE / max(1, len(rare))
            likely = [o for o, n in met.items() if n >= full * min(len(rare), len(kept[o][0]))]
            overlap = {o: len(index & kept[o][0]) + len(rest & kept[o][1])
                       for o in sorted(likely, key=lambda o: (-met[o], o))[:CHECKED]}
            best = min(overlap, key=lambda o: (-overlap[o], ids[o])) if overlap else None
            if best is not None:
                shared = overlap[best]
                theirs = len(kept[best][0]) + len(kept[best][1])
                if shared / size >= THRESHOLD:
                    self.dropped.append(Duplicate(cid, ids[best], round(shared / size, 3)))
                    return
                if shared / theirs >= THRESHOLD:  # the earlier one is the partial copy
                    self.dropped.append(Duplicate(ids[best], cid, round(shared / theirs, 3)))
                    for p in kept.pop(best)[0]:
                        if (o := owners.get(p)) is not None:
                            o.remove(best)
        kept[k] = cut
        for p in rare:
            o = owners.get(p)
            if o is None:
                owners[p] = [k]
            elif len(o) < OWNER_CAP:
                o.append(k)
            else:
                del owners[p]
                self.common.add(p)

    def duplicates(self) -> list[Duplicate]:
        """The cases to drop so far; a case dropped for a later one may itself have absorbed
        others: they point at the survivor."""
        final = {d.id: d.duplicate_of for d in self.dropped}
        for d in self.dropped:
            while d.duplicate_of in final:
                d.duplicate_of = final[d.duplicate_of]
        return self.dropped
