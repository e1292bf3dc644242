"""Tag step — named local methods: 三先三后工作法, 一站六会, 4321工作法, 党外博士服务团…

Local practices are named, and their names have shapes.  A candidate is a quoted term
(“一站六会”), an unquoted formula followed by 工作法/机制 (三先三后工作法), or a body set
up by a verb (成立党外博士服务团).  A quoted term is kept when it has a strong sign:
  - a formula shape: 三先三后 / 四好五化六有 (numeral + character, repeated), 四个深谈
    (numeral + 个 + …), 4321 / 1+N / 中心+会+团+室+库;
  - a method word right after the quote, taken into the name (“石榴籽”调解体系);
  - a name ending of its own (…服务团, …之家, …讲堂);
  - mixed script (酒城E统战);  - a definition in brackets right after it (“六有”（有…、有…）);
or a medium sign: an establishing verb right before it (举办“同心大讲堂”) or a strong
sibling in the same list (“五融共进”、民主党派“同心参治”), for short terms that are not
ordinary dictionary words.  National slogans are dropped by the stoplist.  Every list
lives in cases/methods.yml.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from . import data
from .segment import is_dictionary_word
from .tag_fields import canonical_fields

NUM = "一二三四五六七八九十百千万两"
_QUOTE = re.compile(r"[“「]([^“”「」\n]{1,30})[”」]")
_FORMULA_REPEAT = re.compile(rf"^(?:[{NUM}][\u4e00-\u9fff]){{2,}}$")
_FORMULA_GE = re.compile(rf"^[{NUM}]个[\u4e00-\u9fff{NUM}]{{1,4}}$")
_DIGITS = re.compile(r"^\d{2,}")
_PLUS = re.compile(r"^[^+＋]+(?:[+＋][^+＋]+)+$")
_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BAD_INSIDE = re.compile(r"[，。；：！？、,;!?：]")
_PAREN = re.compile(r"（[^（）]*）")
_LINKERS = set("等和与及或为以是在的")
_ANONYMISED = re.compile(r"XX|xx|××|某")  # “XX统战” is a placeholder, not a name
_PART_MARK = re.compile(r"“[^“”]{1,4}”即")


@dataclass
class Found:
    core: str
    name: str
    definition: str | None = None
    parts: list[str] = field(default_factory=list)


@functools.cache
def _cfg() -> dict:
    cfg = dict(data.load("methods"))
    cfg["stop"] = set(cfg["stoplist"])
    cfg["suffixes"] = sorted(cfg["suffixes"], key=len, reverse=True)
    cfg["verbs"] = sorted(cfg["establishing_verbs"], key=len, reverse=True)
    cfg["fields"] = set(canonical_fields())
    uq_verbs = "|".join(map(re.escape, cfg["unquoted_verbs"]))
    uq_end = "|".join(map(re.escape, cfg["unquoted_endings"]))
    n = int(cfg["unquoted_phrase_max_chars"])
    cfg["unquoted_re"] = re.compile(rf"(?:{uq_verbs})(?P<np>[\u4e00-\u9fff]{{2,{n}}}?(?:{uq_end}))")
    f_suf = "|".join(map(re.escape, sorted(cfg["unquoted_formula_suffixes"], key=len, reverse=True)))
    cfg["formula_re"] = re.compile(rf"(?<![{NUM}“])(?P<core>(?:[{NUM}][\u4e00-\u9fff]){{2,3}})(?P<suf>{f_suf})")
    # shortest modifier first, longest method word first: “石榴籽”调解体系, “五比五看”活动
    sufs = "|".join(map(re.escape, cfg["suffixes"]))
    linkers = "".join(sorted(_LINKERS))
    cfg["suffix_re"] = re.compile(rf"(?:(?![{linkers}])[\u4e00-\u9fff]){{0,{int(cfg['suffix_modifier_max'])}}}?(?:{sufs})")
    ends = "|".join(map(re.escape, cfg["list_endings"]))
    cfg["list_end_re"] = re.compile(rf"[^，。；：！？]{{0,8}}?等[^，。；：！？]{{0,10}}?(?:{ends})")
    return cfg


def is_formula(core: str) -> bool:
    if _FORMULA_REPEAT.match(core) or _FORMULA_GE.match(core):
        return not is_dictionary_word(core)  # 千方百计, 一心一意 are idioms
    if _DIGITS.match(core):
        return True
    if _PLUS.match(core):
        parts = re.split("[+＋]", core)
        return len(parts) >= 3 or any(re.search(r"[0-9A-Za-z]", p) for p in parts)
    return False


def _rejected(core: str, cfg: dict) -> bool:
    return (
        len(core) < 2
        or len(core) > cfg["term_max_chars"]
        or bool(_BAD_INSIDE.search(core))
        or core in cfg["stop"]
        or core in cfg["fields"]
        or core.endswith(tuple(cfg["reject_endings"]))
        or bool(_ANONYMISED.search(core))
        or not (_CJK.search(core) or is_formula(core))
    )


def _attached_suffix(text: str, pos: int, cfg: dict) -> str:
    """The method word right after a closing quote, with up to N modifier characters."""
    m = cfg["suffix_re"].match(text, pos)
    if not m or any(v in m.group() for v in cfg["verbs"]):
        return ""  # “同心e站”开展联谊活动: a verb starts a new clause, not a name
    return m.group()


def _bracket_after(text: str, pos: int) -> tuple[str, int] | None:
    """A bracketed definition starting at pos: its inside text and where it ends."""
    if pos >= len(text) or text[pos] != "（":
        return None
    depth = 0
    for i in range(pos, min(len(text), pos + 400)):
        depth += {"（": 1, "）": -1}.get(text[i], 0)
        if depth == 0:
            return text[pos + 1 : i], i + 1
    return None


def split_parts(definition: str | None) -> list[str]:
    """The named parts a definition gives: “4”即…，“3”即… / …；… / 有…、有…."""
    if not definition:
        return []
    marks = [m.start() for m in _PART_MARK.finditer(definition)]
    if len(marks) >= 2:
        pieces = [definition[a:b] for a, b in zip(marks, marks[1:] + [len(definition)])]
    elif "；" in definition:
        pieces = definition.split("；")
    else:
        pieces = definition.split("、")
    return [p.strip("，；、。 ") for p in pieces if p.strip("，；、。 ")]


def find_methods(text: str) -> list[Found]:
    cfg = _cfg()
    quotes = [(m.start(), m.end(), m.group(1).strip()) for m in _QUOTE.finditer(text)]
    # Definitions first: quotes inside a definition are parts, not methods of their own.
    inside_def: set[int] = set()
    cands = []
    for i, (s, e, term) in enumerate(quotes):
        if s in inside_def:
            continue
        # no second method word after one (“四微工作法”进社区活动 stays 四微工作法)
        ends_named = term.endswith(tuple(cfg["suffixes"]))
        suffix = "" if ends_named else _attached_suffix(text, e, cfg)
        bracket = _bracket_after(text, e + len(suffix))
        definition = None
        if bracket:
            definition, def_end = bracket
            inside_def.update(qs for qs, _, _ in quotes if e < qs < def_end)
        core = _PAREN.sub("", term).strip()
        if core != term and definition is None:
            definition = term
        cands.append((i, s, e, core, suffix, definition))

    groups = _sibling_groups(text, quotes)
    strong: dict[int, bool] = {}
    for i, s, e, core, suffix, definition in cands:
        if _rejected(core, cfg):
            strong[i] = False
            continue
        strong[i] = bool(
            is_formula(core)
            or suffix
            or (core.endswith(tuple(cfg["name_endings"])) and core not in cfg["name_endings"])
            or (_LATIN.search(core) and _CJK.search(core))
            or definition
        )
    found: list[Found] = []
    for i, s, e, core, suffix, definition in cands:
        if _rejected(core, cfg):
            continue
        ok = strong[i]
        if not ok and len(core) <= cfg["verb_term_max_chars"] and not is_dictionary_word(core):
            after_verb = any(text.endswith(v, 0, s) for v in cfg["verbs"])
            group = groups.get(i, (i,))
            sibling = any(strong.get(j) for j in group if j != i)
            listed = bool(cfg["list_end_re"].match(text, quotes[group[-1]][1]))
            ok = after_verb or sibling or listed
        if ok:
            found.append(Found(core, core + suffix, definition, split_parts(definition)))

    quoted_spans = [(s, e) for s, e, _ in quotes]
    for m in cfg["unquoted_re"].finditer(text):
        np = m.group("np")
        if not _inside(m.start("np"), quoted_spans) and not _rejected(np, cfg) and "的" not in np:
            found.append(Found(np, np))
    for m in cfg["formula_re"].finditer(text):
        core = m.group("core")
        if not _inside(m.start(), quoted_spans) and not _rejected(core, cfg) and is_formula(core):
            found.append(Found(core, core + m.group("suf")))
    return _dedupe(found)


def _dedupe(found: list[Found]) -> list[Found]:
    """One entry per spelling, in order of first mention, keeping the first definition given
    (a name is often mentioned in the title before the text defines it)."""
    first: dict[tuple[str, str], Found] = {}
    for f in found:
        kept = first.setdefault((f.core, f.name), f)
        if kept.definition is None and f.definition:
            kept.definition, kept.parts = f.definition, f.parts
    return list(first.values())


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _sibling_groups(text: str, quotes: list[tuple[int, int, str]]) -> dict[int, tuple[int, ...]]:
    """Quotes listed together in one clause (“三个一”、金融统战“五融共进”…) form a group."""
    groups: dict[int, tuple[int, ...]] = {}
    run = [0] if quotes else []
    for i in range(1, len(quotes) + 1):
        joined = i < len(quotes) and _same_list(text[quotes[i - 1][1] : quotes[i][0]])
        if joined:
            run.append(i)
            continue
        for j in run:
            groups[j] = tuple(run)
        run = [i]
    return groups


def _same_list(gap: str) -> bool:
    return len(gap) <= 6 and not re.search(r"[，。；：！？（）]", gap)


def _form_rank(core: str, name: str) -> int:
    if name == core:
        return 1
    return 0 if name[len(core):] in _cfg()["suffixes"] else 2


def merge(found_by_case: dict[str, list[Found]]) -> list[dict]:
    """One method per core name across the corpus: its best-attested full name and aliases."""
    forms: dict[str, Counter] = {}
    defs: dict[str, Found] = {}
    cases: dict[str, list[str]] = {}
    for case_id, founds in found_by_case.items():
        for f in founds:
            forms.setdefault(f.core, Counter())[f.name] += 1
            if f.definition and f.core not in defs:
                defs[f.core] = f
            cases.setdefault(f.core, [])
            if case_id not in cases[f.core]:
                cases[f.core].append(case_id)
    methods = []
    for core in sorted(forms):
        counts = forms[core]
        # The most attested spelling; on a tie core + a plain method word (三先三后工作法),
        # then the bare core, then a form with modifiers (两跑一解 over 两跑一解服务企业平台).
        name = min(counts.items(), key=lambda nc: (-nc[1], _form_rank(core, nc[0]), len(nc[0]), nc[0]))[0]
        aliases = sorted({*counts, core} - {name})
        d = defs.get(core)
        methods.append(
            {
                "name": name,
                "aliases": aliases,
                "definition": d.definition if d else None,
                "parts": d.parts if d else [],
                "cases": cases[core],
                "core": core,
            }
        )
    return methods
