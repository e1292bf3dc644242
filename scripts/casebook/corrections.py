"""Corrections by people (cases/corrections.yml), applied on every run.

The converter is rebuilt from the sources each time, so a person's fix must be data that
is applied again after each run, matched by something that survives regeneration: a
case's id, or a marker (a short string found in its text), optionally with the file.
A correction that matches nothing is reported, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import rules, schemas
from .errors import CasebookError
from .model import Case


class CorrectionError(CasebookError):
    """The corrections file cannot be read or has an entry we do not understand."""


@dataclass
class Corrections:
    path: Path | None = None
    cases: list[dict] = field(default_factory=list)
    merge_methods: list[dict] = field(default_factory=list)
    split: list[dict] = field(default_factory=list)
    join: list[dict] = field(default_factory=list)
    used: set[tuple[str, int]] = field(default_factory=set)

    def unmatched(self) -> list[str]:
        out = []
        for section in ("split", "join", "cases", "merge_methods"):
            for i, entry in enumerate(getattr(self, section)):
                if (section, i) not in self.used:
                    out.append(f"{self.path.name if self.path else 'corrections'}: {section}[{i}] matches nothing: {entry}")
        return out


def load(path: Path | None) -> Corrections:
    """The corrections of ``path``, every entry checked (schemas.CORRECTIONS) before any is applied."""
    if path is None or not path.is_file():
        return Corrections()
    try:
        data = rules.read(path, schemas.CORRECTIONS) or {}
    except rules.RuleError as exc:
        raise CorrectionError(str(exc)) from exc
    c = Corrections(
        path=path,
        cases=list(data.get("cases") or []),
        merge_methods=list(data.get("merge_methods") or []),
        split=list(data.get("split") or []),
        join=list(data.get("join") or []),
    )
    return c


# --- structure: split and join cases of one document, before tagging ---------------------


def apply_structure(corr: Corrections, file: str, cases: list[Case]) -> list[Case]:
    for i, entry in enumerate(corr.split):
        if entry.get("file") == file:
            cases, ok = _split_at(cases, int(entry["at_line"]))
            if ok:
                corr.used.add(("split", i))
    for i, entry in enumerate(corr.join):
        if entry.get("file") == file:
            cases, ok = _join(cases, [int(x) for x in entry["lines"]])
            if ok:
                corr.used.add(("join", i))
    return cases


def _split_at(cases: list[Case], line: int) -> tuple[list[Case], bool]:
    out, ok = [], False
    for case in cases:
        k = next((j for j, b in enumerate(case.blocks) if b.first_line >= line), None)
        if ok or k is None or k == 0 or not case.first_line <= line <= case.last_line:
            out.append(case)
            continue
        head, tail = case.blocks[:k], case.blocks[k:]
        out.append(Case(case.file, case.sha256, head, case.title, case.context, byline=case.byline, org_line=case.org_line))
        out.append(Case(case.file, case.sha256, tail, tail[0].text[:40], case.context))
        ok = True
    return out, ok


def _join(cases: list[Case], lines: list[int]) -> tuple[list[Case], bool]:
    idx = sorted({i for i, c in enumerate(cases) for ln in lines if c.first_line <= ln <= c.last_line})
    if len(idx) < 2:
        return cases, False
    first = cases[idx[0]]
    merged = Case(first.file, first.sha256, [b for i in idx for b in cases[i].blocks], first.title, first.context,
                  byline=first.byline, org_line=first.org_line)
    return [merged if i == idx[0] else c for i, c in enumerate(cases) if i == idx[0] or i not in idx], True


# --- tags: after tagging, before pages are written ----------------------------------------


def _matches(match: dict, record: dict) -> bool:
    if "id" in match and match["id"] != record["id"]:
        return False
    if "file" in match and match["file"] != record["source"]["file"]:
        return False
    if "marker" in match and match["marker"] not in record["text"]:
        return False
    return bool(set(match) & {"id", "marker", "file"})


def apply_to_records(corr: Corrections, records: list[dict]) -> None:
    for i, entry in enumerate(corr.cases):
        for r in records:
            if not _matches(entry["match"], r):
                continue
            corr.used.add(("cases", i))
            if "place" in entry:
                p = entry["place"] or {}
                r["place"] = {k: p.get(k) for k in ("province", "city", "county")}
            if "title" in entry:
                r["title"] = str(entry["title"])
            r["fields"] = [f for f in r["fields"] if f not in (entry.get("remove_fields") or [])]
            r["fields"] += [f for f in entry.get("add_fields") or [] if f not in r["fields"]]
            r["methods"] = [m for m in r["methods"] if m not in (entry.get("remove_methods") or [])]
            r["methods"] += [m for m in entry.get("add_methods") or [] if m not in r["methods"]]


def apply_method_merges(corr: Corrections, methods: list[dict], records: list[dict]) -> list[dict]:
    """merge_methods: - {into: 三先三后工作法, names: [三先三后法]} — one method, aliases kept."""
    for i, entry in enumerate(corr.merge_methods):
        into, names = entry.get("into"), set(entry.get("names") or [])
        group = [m for m in methods if m["name"] == into or m["name"] in names or names & set(m["aliases"])]
        if len(group) < 2 and not any(m["name"] == into for m in group):
            continue
        corr.used.add(("merge_methods", i))
        target = next((m for m in group if m["name"] == into), group[0])
        for m in group:
            if m is target:
                continue
            target["aliases"] = sorted(set(target["aliases"]) | set(m["aliases"]) | {m["name"]})
            target["cases"] += [c for c in m["cases"] if c not in target["cases"]]
            target["definition"] = target["definition"] or m["definition"]
            target["parts"] = target["parts"] or m["parts"]
            methods.remove(m)
        old = target["name"]
        target["name"] = into
        target["aliases"] = sorted((set(target["aliases"]) | {old}) - {into})
        renamed = {m for m in target["aliases"]}
        for r in records:
            if renamed & set(r["methods"]) or into in r["methods"]:
                r["methods"] = list(dict.fromkeys(into if m in renamed else m for m in r["methods"]))
    return methods
