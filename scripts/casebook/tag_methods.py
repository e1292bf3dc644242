"""Tag step — named local methods: 三先三后工作法, 一站五会, 5321工作法, “同心坊”, “党建+侨务”…

A local practice is named, and a name is set off: quoted (“”, 「」, ‘’, "…"), written as a
formula, or followed by a method word.  So every such term is a *candidate*, dropped only on
evidence that it is something else.  Candidates:
  - quoted terms, a method word right after the quote taken into the name (“和合桥”调解体系;
    a channel word such as 微信小程序 is a sign but stays out of it), a bracketed definition
    kept as its definition; the pieces of a long compound quote (“海峡连心——‘乡音传情’…”,
    “…暨‘一带一路’侨乡美食之旅”) and the ‘…’ inside quoted speech taken one by one;
  - parallel slogans of two to eight clauses used as a means or a path (通过“村定户、户定人、
    人定责”，… / “聚侨心、汇侨智、发侨力”的特色工作路径) or counted as parts right after
    (“侨之书、侨之乐、侨之医”三大功能区);
  - names without quotes (method_unquoted.py): formulas before a method word (三先三后工作法,
    三项工程), bodies set up by a verb (成立党外律师服务团, 推进同心侨创驿站建设), programmes
    launched at a ceremony, mixed-script names (乐享in侨乡活动), a numbered item naming a
    mechanism (（1）建立结对帮扶机制。), names listed with 、 (举办同心讲堂、侨心沙龙等;
    “乡贤议事会”、银发宣讲队等), local titles in 《》 (《同心侨讯》宣传简报) and a name that
    opens with a brand word and recurs before a method word (以同心驿品牌建设为抓手 …).
Evidence that drops a quoted candidate whatever its signs (every list is data in
cases/methods.yml): the stoplist of national and provincial slogans (also under a method
word: “第一议题”制度); generic words alone or with 活动 (“同心”, “志愿服务”); honours and titles (全省…先进
集体, 获评“…”, “茶叶之乡”); organisations (…新联会); abbreviations (简称“县驿站”); groups of
people (“95后”青年, “一老一小”等群体); ratings (五星…, “五好”); development plans (一区三城);
national campaigns (…宣讲月, “进机关”, 法律进校园, “六进”); ordinals (“第一联系人”); levels
(县-乡-村); section labels (“经验篇”); fragments (…的); frames that make a quote a state, a
requirement or an aspect (由“各自为战”向“抱团发展”, 把“讲团结”作为…, “A”与“B”相结合).
Evidence that drops an unsigned one: a sentence or speech (，。？ inside), a saying after a
colon, a long slogan opening with a verb (“推进…大繁荣”), a topic (“侨务工作与乡村振兴”), a
negation (“矛盾不出社区”), a description ending in an idiom, a number (“九九”), or a quote
that modifies what follows (“同心”理念, “老黄牛”精神, “…”的方式, “…”为主题).
Weak evidence: an ordinary word (jieba's dictionary: “温度”), two everyday words (“上下联动”),
two characters that are no formula, a descriptor (“多元化”), a quality (“侨动力”), the head of
a metaphor (a noun or 的 before the quote, not a verb: 点亮侨务工作“指南针” but 绘制“侨情
地图”).  Strong signs — a
formula (三先三后, 四个深谈, 六员, 5321, 1+N, 统战+), a method word, a name ending (…服务团),
mixed script (侨乡E家), a brand mark (同心·侨乡汇), a definition — outweigh weak evidence.
Quotes listed together share their standing: a list mostly of names, or closed by 等…典型案例,
keeps its weak members that are no ordinary word; a list mostly of weak or dropped members
drops its unsigned ones; three descriptors in one list (“嵌入式”联建、“互助式”联育、“共享式”
联治) are a scheme.  Counts that spell out a code's digits after it (“246”工作法 … “两张清单”
… “四项机制” … “六支队伍”) are that code's parts, not methods.  A text in Traditional
characters is read in Simplified, and its names are spelled as the text spells them.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass

from . import data, method_unquoted
from .method_shapes import CJK, CJK_RE, NUM, Found, Spans, is_count, is_formula, is_plan
from .segment import _verb_like, dictionary_freq, is_dictionary_word, is_verb_like, word_before
from .simplified import default, to_simplified
from .tag_fields import canonical_fields

__all__ = ["Found", "find_methods", "is_formula", "merge", "split_parts"]

_QUOTE = re.compile(r"[“「]([^“”「」\n]{1,60})[”」]")
_ASCII_QUOTE = re.compile(r"\"([^\"\n]{1,40})\"")
_SINGLE = re.compile(r"‘([^‘’\n]{1,30})’")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE = re.compile(r"[，。；：！？,;!?：]")
_BRAND_MARK = re.compile(r"[·•・‧]")
_PAREN = re.compile(r"（[^（）]*）|\([^()]*\)")
_PLUS_SPACE = re.compile(r"\s*([+＋])\s*")
_LINKERS = set("等和与及或为以是在的")
_ANONYMISED = re.compile(r"XX|xx|××|某")  # “XX统战” is a placeholder, not a name
_PART_MARK = re.compile(r"“[^“”]{1,4}”即")
_NUMBER = re.compile(rf"[{NUM}]+")
_BAD_SHAPE = re.compile(
    rf"^[{NUM}]星|星级|^[{NUM}]好$"  # a rating: 五星…之家, “五好”示范点
    rf"|^[{NUM}]{{1,2}}进$"  # a campaign into N kinds of places: “六进”活动
    rf"|^第[{NUM}]"  # an ordinal of a national rule: “第一议题”, “第一联系人”
    rf"|[{CJK}]-[{CJK}]"  # levels: “县-乡-村”
    rf"|^[^{NUM}][{CJK}]{{0,3}}篇$"  # a section label: “经验篇”
    r"|^[的了等与及是]|[的和与及等了在是对把被]$"  # a fragment cut mid-phrase
)
_TOPIC = re.compile(rf"[{CJK}](?:和|与|及|以及)[{CJK}]")
_DESCRIPTOR = re.compile(rf"^[{CJK}]{{1,3}}[式化型性]$")  # 互嵌式, 多元化: how, not what
_PEOPLE_AFTER = re.compile(r"(?:等)?(?:特殊)?(?:群体|人群)")
_PEOPLE_BEFORE = re.compile(r"\d+(?:余)?[名位]$")
_STATE_PAIR = re.compile(r"[由从從]“([^“”]{1,12})”(?:向|到|变为|變為|转向|轉向|转为|轉為)“([^“”]{1,12})”")
_REQUIREMENT = re.compile(r"[把将將]“([^“”]{1,12})”(?:作为|作為|当作|当成|视为|纳入|列为)")
_ASPECTS = re.compile(r"“([^“”]{1,12})”[与和及]“([^“”]{1,12})”\s*(?:相互|有机)?(?:结合|融合|统一|并重|并举)")
_CLAUSE_GAP = re.compile(r"[，。；：！？（）]")
_RESULT = "好强实活亮牢优"  # 建好, 做强: a verb and its result, cut apart by jieba
_NUMERAL = {n: i for i, n in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
_CODE = re.compile(r"(?<!\d)\d{3,5}(?!\d)")  # 246, 同心侨乡2468, 5321工作法
_PART = re.compile(rf"^([{NUM}])[条项股套类张支种批大][{CJK}]{{1,3}}$")  # 两张清单, 四项机制 (not 四个深谈)


@dataclass
class _Cand:
    start: int  # where the quote starts in the text
    end: int  # just after its closing quote
    core: str
    suffix: str = ""
    definition: str | None = None
    standing: str = "keep"  # strong | keep | weak (dropped unless its list keeps it) | drop | part


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@data.rules_cache
def _cfg() -> dict:
    cfg = dict(data.load("methods"))
    cfg["stop"] = set(cfg["stoplist"]) | {s.replace("、", "") for s in cfg["stoplist"]}
    cfg["generic"] = set(cfg["generic_alone"])
    cfg["suffixes"] = sorted(cfg["suffixes"], key=len, reverse=True)
    cfg["verbs"] = sorted(cfg["establishing_verbs"], key=len, reverse=True)
    cfg["fields"] = set(canonical_fields())
    cfg["object_words"] = set(cfg["object_words"]) | set(cfg["verbs"])
    cfg["noun_words"] = set(cfg["noun_words"])
    for key in ("organisation_endings", "venue_endings", "brand_prefixes", "honour_prefixes", "honour_endings",
                "title_endings", "honour_after", "reject_endings", "slogan_openers", "name_endings"):
        cfg[key] = tuple(cfg[key])
    n = int(cfg["unquoted_phrase_max_chars"])
    cfg["unquoted_re"] = re.compile(rf"(?:{_alt(cfg['unquoted_verbs'])})了?(?P<np>[{CJK}]{{2,{n}}}?(?:{_alt(cfg['unquoted_endings'])}))")
    cfg["formula_suffix_re"] = re.compile(_alt(cfg["unquoted_formula_suffixes"]))
    cfg["formula_re"] = re.compile(
        rf"(?P<core>(?:[{NUM}双][{CJK}]{{1,2}}?){{2,3}}|[二三四五六七八九十两]{{1,2}}[项大][{CJK}]{{0,2}}?)"
        rf"(?P<suf>{_alt(cfg['unquoted_formula_suffixes'])})"
    )
    ends = _alt(cfg["name_endings"])
    cfg["brand_re"] = re.compile(rf"(?:{_alt(cfg['brand_verbs'])})(?P<np>(?:{_alt(cfg['brand_prefixes'])})[{CJK}]{{1,6}}?(?:{ends}))(?![{CJK}]?(?:{ends}))")
    cfg["launch_re"] = re.compile(rf"(?:举行|进行|举办)了?(?P<np>[{CJK}]{{3,10}}?)(?:{_alt(cfg['launch_words'])})")
    cfg["verb_re"] = re.compile(_alt(cfg["verbs"]))
    cfg["mixed_word_re"] = re.compile(_alt([*cfg["repeat_words"], "平台"]))
    cfg["item_end_hint_re"] = re.compile(rf"(?:{ends})(?:、|等|$)")
    cfg["item_brand_hint_re"] = re.compile(rf"、(?:{_alt(cfg['brand_prefixes'])})")
    cfg["item_re"] = re.compile(rf"(?:{_alt(cfg['item_verbs'])})(?P<np>[{CJK}]{{2,6}}?(?:{_alt(cfg['item_endings'])}))[。；]")
    cfg["item_end_re"] = re.compile(rf"(?:{_alt(cfg['item_endings'])})$")
    cfg["repeat_word_re"] = re.compile(_alt(cfg["repeat_words"]))
    cfg["repeat_run_re"] = re.compile(rf"(?:{_alt(cfg['brand_prefixes'])})[{CJK}]{{1,6}}$")
    linkers = "".join(sorted(_LINKERS))
    sufs = _alt(cfg["suffixes"])
    # shortest modifier first, longest method word first: “和合桥”调解体系, “五比五看”活动
    cfg["suffix_re"] = re.compile(rf"(?:(?![{linkers}])[{CJK}]){{0,{int(cfg['suffix_modifier_max'])}}}?(?:{sufs})")
    cfg["method_after_re"] = re.compile(rf"的?[{CJK}]{{0,4}}?(?:{sufs})")
    cfg["medium_re"] = re.compile(rf"[{CJK}]{{0,2}}?(?:{_alt(cfg['medium_words'])})")
    cfg["list_end_re"] = re.compile(rf"[^，。；：！？]{{0,8}}?等[^，。；：！？]{{0,10}}?(?:{_alt(cfg['list_endings'])})")
    cfg["modifier_re"] = re.compile(rf"[的为]?[{CJK}]{{0,4}}?(?:{_alt(cfg['modifier_heads'])})")
    cfg["honour_before_re"] = re.compile(rf"(?:{_alt(cfg['honour_before'])})[了为]?$")
    cfg["abbrev_re"] = re.compile(rf"(?:{_alt(cfg['abbreviation_before'])})$")
    cfg["list_opener_re"] = re.compile(rf".*(?:{_alt([*cfg['verbs'], *method_unquoted.LIST_OPENERS])})")
    cfg["method_word_end_re"] = re.compile(rf"(?<=.)(?:{sufs})$")
    cfg["national_re"] = re.compile(_alt(cfg["national_words"]))
    cfg["never_endings"] = cfg["organisation_endings"] + ("人群", "群体")
    cfg["suffix_tuple"] = tuple(cfg["suffixes"])
    cfg["campaign_re"] = re.compile(rf"进(?:{_alt(cfg['campaign_destinations'])})$")
    cfg["bad_core_re"] = re.compile(rf"{_ANONYMISED.pattern}|{_BAD_SHAPE.pattern}|{cfg['national_re'].pattern}|{cfg['campaign_re'].pattern}")
    _verb_like()  # jieba's tags, loaded with the rules (before the workers fork)
    return cfg


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
    quotes = _quotes(text)
    if _looks_traditional(t for _, _, t in quotes):  # “嵌入式”聯建: read in Simplified, named as written
        simplified = to_simplified(text)
        return [_as_written(f, _written_forms(text, simplified)) for f in _find(simplified, _quotes(simplified), cfg)]
    return _find(text, quotes, cfg)


def _find(text: str, quotes: list, cfg: dict) -> list[Found]:
    cands = _quote_cands(text, quotes, cfg)
    frames = _frames(text)
    for c in cands:
        c.standing = _judge(c, text, cfg, frames)
    _settle_lists(text, cands, cfg)
    _code_parts(cands)
    named = [c for c in cands if c.standing in ("strong", "keep")]
    found = [Found(c.core, c.core + c.suffix, c.definition, split_parts(c.definition)) for c in named]
    spans = Spans([(s, e) for s, e, _ in quotes])
    found += method_unquoted.bodies(text, cfg, spans)
    found += method_unquoted.formulas(text, cfg, spans)
    found += method_unquoted.mixed(text, cfg, spans)
    found += method_unquoted.items(text, cfg)
    found += method_unquoted.listed(text, cfg, spans, {c.start for c in named})
    found += method_unquoted.books(text, cfg)
    found += method_unquoted.repeated(text, cfg, spans)
    return _dedupe(found)


def _written_forms(original: str, simplified: str) -> dict[str, str]:
    """Each Simplified character of the translation → the character the text wrote there."""
    seen: dict[str, Counter] = {}
    for o, t in zip(original, simplified):
        if o != t:
            seen.setdefault(t, Counter())[o] += 1
    return {t: c.most_common(1)[0][0] for t, c in seen.items()}


def _as_written(f: Found, forms: dict[str, str]) -> Found:
    """A name found in the Simplified reading, spelled as the text spells it (三聯共治); its
    core stays Simplified, so the same method written either way is one method."""
    back = str.maketrans(forms)
    return Found(
        f.core, f.name.translate(back), f.definition and f.definition.translate(back), [p.translate(back) for p in f.parts]
    )


def _looks_traditional(terms) -> bool:
    """Three or more Traditional characters in the quoted terms: far cheaper than a look at the
    whole text, and a Simplified text with a stray Traditional character stays as it is."""
    trad, n = default().traditional, 0
    for term in terms:
        if not trad.isdisjoint(term):
            n += sum(ch in trad for ch in term)
            if n >= 3:
                return True
    return False


# ---------------------------------------------------------------- quoted candidates


def _quotes(text: str) -> list[tuple[int, int, str]]:
    """Quoted terms in reading order: “…”, 「…」, "…", and ‘…’ standing outside them."""
    out = [(m.start(), m.end(), m.group(1).strip()) for m in _QUOTE.finditer(text)]
    if '"' in text:
        out += [(m.start(), m.end(), m.group(1).strip()) for m in _ASCII_QUOTE.finditer(text)]
    if "‘" in text:
        spans = Spans([(s, e) for s, e, _ in out])
        out += [(m.start(), m.end(), m.group(1).strip()) for m in _SINGLE.finditer(text) if not spans.covers(m.start())]
    return sorted(out)


def _quote_cands(text: str, quotes: list[tuple[int, int, str]], cfg: dict) -> list[_Cand]:
    """One candidate per quoted term; quotes inside a definition are its parts, not methods."""
    inside_def: set[int] = set()
    cands = []
    for s, e, term in quotes:
        if s in inside_def:
            continue
        suffix = "" if term.endswith(cfg["suffix_tuple"]) else _attached_suffix(text, e, cfg)
        bracket = _bracket_after(text, e + len(suffix))
        definition = None
        if bracket:
            definition, def_end = bracket
            inside_def.update(qs for qs, _, _ in quotes if e < qs < def_end)
        paren = _PAREN.search(term) if "（" in term or "(" in term else None
        core = _PAREN.sub("", term).strip() if paren else term
        core = _PLUS_SPACE.sub(r"\1", core) if "+" in core or "＋" in core else core
        if paren and definition is None:
            definition = paren.group()[1:-1]
        long = len(core) > cfg["term_max_chars"]
        if long and ("——" in core or "暨" in core) and not _SENTENCE.search(core.replace("、", "")):
            cands += [_Cand(s, e, p) for p in _pieces(core, cfg)]  # a compound: its pieces
            continue
        cands.append(_Cand(s, e, core, suffix, definition))
        if long or _SENTENCE.search(core):
            cands += [_Cand(s, e, i.strip()) for i in _SINGLE.findall(core)]  # ‘三室一站’ inside speech
    return cands


def _pieces(term: str, cfg: dict) -> list[str]:
    """The names in a compound quote: “A——B”, “A暨B”, and a ‘X’ inside either, less a
    national slogan quoted as a modifier (暨‘一带一路’侨乡美食之旅)."""
    out = []
    for piece in filter(None, re.split("——|暨", term)):
        inner = _SINGLE.findall(piece)
        rest = _SINGLE.sub("", piece) if any(i in cfg["stop"] for i in inner) else piece
        out += [rest.strip()] + [i for i in inner if i not in cfg["stop"]]
    return [p for p in out if p]


def _attached_suffix(text: str, pos: int, cfg: dict) -> str:
    """The method word right after a closing quote, with up to N modifier characters."""
    m = cfg["suffix_re"].match(text, pos)
    if not m or cfg["verb_re"].search(m.group()):
        return ""  # “同心e站”开展联欢活动: a verb starts a new clause, not a name
    if m.group().endswith("行") and text[m.end() : m.end() + 1] in ("列", "业"):
        return ""  # “美丽乡村”行列: not a tour (…行) of its own
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


# ---------------------------------------------------------------- evidence


def _judge(c: _Cand, text: str, cfg: dict, frames: set[str]) -> str:
    """strong / keep / weak / drop for one quoted candidate, from its text and its context."""
    core, before, after = c.core, text[max(0, c.start - 8) : c.start], text[c.end : c.end + 12]
    if _not_a_name(c, before, after, cfg, frames):
        return "drop"
    if "、" in core:
        return _judge_parallel(core, after, cfg)
    if _SENTENCE.search(core) or len(core) > cfg["term_max_chars"]:
        return "drop"  # a sentence or quoted speech
    if len(core) >= 5 and core.startswith(cfg["slogan_openers"]) or not is_formula(core) and _TOPIC.search(core):
        return "drop"  # “推进…文化大发展大繁荣”: a meeting's theme; “侨务工作与乡村振兴”: a topic
    if len(core) >= 5 and "不" in core and not is_formula(core) or before.endswith(("：", ":")) and not c.suffix:
        return "drop"  # “矛盾不出社区”: a sentence; 固本强基：“水滴方能石穿”: a saying
    if _NUMBER.fullmatch(core) and not c.suffix:
        return "drop"  # “九九”交流会: a number, not a name
    if core in cfg["generic"] and (not c.suffix or c.suffix.endswith(("活动", "行动"))):
        return "drop"  # “社区统战”活动: still generic; “同心”服务团 names a body
    if is_formula(core) or is_count(core) and not is_plan(core, cfg["plan_nouns"]):
        return "strong"
    if c.suffix and not _DESCRIPTOR.match(core) or not c.suffix and cfg["medium_re"].match(after):
        return "strong"  # “和合桥”调解体系, “暖侨宝”微信小程序
    if (cfg["modifier_re"].match(after) or after.startswith("的")) and not cfg["method_after_re"].match(after):
        return "drop"  # “同心”理念, “同向而行”工作理念, “…”为主题, “接地气”的宣讲
    if (
        core.endswith(cfg["name_endings"]) and core not in cfg["name_endings"]
        or _LATIN.search(core) and CJK_RE.search(core)
        or c.definition
        or _BRAND_MARK.search(core)
    ):
        return "strong"
    if core.endswith(("力", "力量")) or _DESCRIPTOR.match(core) or is_dictionary_word(core) or len(core) == 2:
        return "weak"  # “侨动力”: a quality; “多元化”: a descriptor; “温度”: an ordinary word
    if len(core) == 4 and _ordinary_phrase(core):
        return "weak"  # “上下联动”: two everyday words, a manner of working
    if len(core) >= 8 and is_dictionary_word(core[-4:]):
        return "drop"  # “侨乡各族邻里情同手足”: a description ending in an idiom
    if _after_noun(before, cfg):
        return "weak"  # 点亮侨务工作“指南针”, 聚焦队伍“硬作风”: the head of a metaphor
    return "keep"


def _not_a_name(c: _Cand, before: str, after: str, cfg: dict, frames: set[str]) -> bool:
    """Evidence that outweighs any sign: a slogan, an honour, an organisation, a group of
    people, a campaign, a plan, a rating, a label, a fragment, a placeholder."""
    core, stop = c.core, cfg["stop"]
    return bool(
        len(core) < 2
        or core in stop
        or "、" in core and core.replace("、", "") in stop
        or core.endswith(cfg["suffix_tuple"]) and _strip_method_word(core, cfg) in stop  # “三下乡活动”
        or core + c.suffix in cfg["generic"]
        or core in cfg["fields"]
        or core in frames
        or core.endswith(cfg["reject_endings"]) and not (is_formula(core) or is_count(core))  # …起来, 负面清单 (not 两张清单)
        or core.endswith(cfg["never_endings"])  # an organisation (…新联会), a group of people (…人群)
        # placeholders, ratings, ordinals, levels, labels, fragments, national words, campaigns
        or cfg["bad_core_re"].search(core)
        or not (CJK_RE.search(core) or is_formula(core))
        or _honour(core, before, after, cfg)
        or cfg["abbrev_re"].search(before)  # 以下简称“县驿站”
        or _PEOPLE_AFTER.match(after)  # “一老一小”等特殊群体
        or _PEOPLE_BEFORE.search(before)  # 12名“95后”青年理事
        or "+" in core and any(p in core for p in cfg["generic_plus_parts"])  # 企业+合作社+农户
        or is_plan(core, cfg["plan_nouns"])
    )


def _strip_method_word(core: str, cfg: dict) -> str:
    """“三下乡活动” → 三下乡: the slogan under a method word."""
    return cfg["method_word_end_re"].sub("", core)


def _honour(core: str, before: str, after: str, cfg: dict) -> bool:
    """全省统战工作先进集体, 示范县, “茶叶之乡”, 获评“…”, “…”称号: awarded, not practised."""
    if core.startswith(cfg["honour_prefixes"]) and core.endswith(cfg["honour_endings"]):
        return True
    if is_dictionary_word(core) and core.endswith(cfg["honour_endings"]) or core.endswith(cfg["title_endings"]):
        return True
    return bool(cfg["honour_before_re"].search(before)) or after.startswith(cfg["honour_after"])


def _judge_parallel(core: str, after: str, cfg: dict) -> str:
    """聚侨心、汇侨智、发侨力 used as a means (…，/ 的…工作路径 / 为脉络) is a name; the
    same shape as a theme, a principle, an aim or the parts of a formula (四有标准) is not."""
    clauses = core.split("、")
    if not 2 <= len(clauses) <= 8 or any(not 3 <= len(x) <= 10 or _SENTENCE.search(x) for x in clauses):
        return "drop"
    if any(x in cfg["stop"] or cfg["campaign_re"].search(x) for x in clauses) or all(map(is_dictionary_word, clauses)):
        return "drop"
    if after[:1] in "，," or cfg["method_after_re"].match(after) or _counted_parts(clauses, after):
        return "strong"
    return "strong" if after.startswith("为") and not cfg["modifier_re"].match(after) else "drop"


def _ordinary_phrase(core: str) -> bool:
    """上下 + 联动, 东西 + 互动: two common words, the second a verb (not 两线 + 作战, 企业 + 敢干)."""
    head, verb = core[:2], core[2:]
    return dictionary_freq(head) >= 100 and dictionary_freq(verb) >= 100 and is_verb_like(verb)


def _counted_parts(clauses: list[str], after: str) -> bool:
    """“侨之书、侨之乐、侨之医”三大功能区: parts that share a stem, counted right after the list;
    not the parts of a formula that is the name (“有场地、有人员…”四有标准)."""
    m = re.match(rf"([{NUM}]{{1,2}})[大个项类]", after)
    if not m or _NUMERAL.get(m.group(1)) != len(clauses):
        return False
    stem = os.path.commonprefix(clauses) or os.path.commonprefix([x[::-1] for x in clauses])
    return len(stem) >= 2


def _after_noun(before: str, cfg: dict) -> bool:
    """The quote stands right after a noun or 的 (侨务工作“指南针”, 发展的“金钥匙”), not after a
    verb or a preposition that takes it as its object (绘制“侨情地图”, 以“四步走”…)."""
    word = word_before(before, len(before))
    if not word or not CJK_RE.match(word[-1]):
        return False
    if len(word) == 1 and word in _RESULT and is_verb_like(before[-2:-1]):
        return False  # 建好“江口村侨史馆”
    if word in cfg["noun_words"]:
        return True
    head = word[-2:] if len(word) >= 3 else word  # 充分发挥, 大力推进: an adverb and its verb
    return not (is_verb_like(word) or word in cfg["object_words"] or is_verb_like(head) or head in cfg["object_words"])


def _code_parts(cands: list[_Cand]) -> None:
    """“246”工作法, 以“两张清单”…以“四项机制”…以“六支队伍”…: counts that spell out a code's
    digits in order after it are its parts (its definition), not methods of their own."""
    for code in cands:
        digits = _CODE.search(code.core)
        if code.standing not in ("strong", "keep") or not digits or "+" in code.core:
            continue
        want, parts = [int(d) for d in digits.group()], []
        for c in cands:
            m = _PART.match(c.core) if code.end <= c.start < code.end + 3000 and c.standing != "drop" else None
            if m and len(parts) < len(want) and _NUMERAL.get(m.group(1)) == want[len(parts)]:
                parts.append(c.core)
        if len(parts) < 2:
            continue
        for c in cands:
            if c.core in parts and c.start >= code.end:
                c.standing = "part"
        code.definition = code.definition or "、".join(parts)


def _frames(text: str) -> set[str]:
    """Quotes that a sentence frame shows to be states, requirements or aspects, not names:
    由“各自为战”向“抱团发展”, 把“讲团结”作为首要任务, “线上”与“线下”相结合."""
    out: set[str] = set()
    if "”向“" in text or "”到“" in text or "”转" in text or "”变为“" in text or "”轉" in text or "”變為“" in text:
        for m in _STATE_PAIR.finditer(text):
            out.update(m.groups())
    if "把“" in text or "将“" in text or "將“" in text:
        out.update(m.group(1) for m in _REQUIREMENT.finditer(text))
    if "”与“" in text or "”和“" in text or "”及“" in text:  # “议全局”与“议专项”相互结合: two sides of one thing
        for m in _ASPECTS.finditer(text):
            out.update(m.groups())
    return out


# ---------------------------------------------------------------- lists of quotes


def _settle_lists(text: str, cands: list[_Cand], cfg: dict) -> None:
    """Siblings share their standing: a list mostly of names (or closed by 等…典型案例) keeps
    its weak members that are no ordinary word; a list mostly of ordinary words drops its
    unsigned members; three or more descriptors in one list are a scheme (“嵌入式”联建、…)."""
    for group in _lists(text, cands):
        if len(group) < 2:
            continue
        live = [c for c in group if c.standing != "drop"]
        named, half = sum(c.standing in ("strong", "keep") for c in live), len(group) / 2
        listed = bool(cfg["list_end_re"].match(text, group[-1].end))
        scheme = sum(bool(_DESCRIPTOR.match(c.core)) for c in live) >= 3
        for c in live:
            ordinary = is_dictionary_word(c.core) or len(c.core) < 3
            if c.standing == "weak" and (scheme or (listed or named > half) and not ordinary):
                c.standing = "keep"
            elif c.standing == "keep" and named <= half and not listed:
                c.standing = "weak"


def _lists(text: str, cands: list[_Cand]) -> list[list[_Cand]]:
    """Quotes listed together in one clause (“两个一”、侨务“三联共促”…) form a list."""
    groups: list[list[_Cand]] = []
    for c in cands:
        if groups and groups[-1][-1].end <= c.start and _same_list(text[groups[-1][-1].end : c.start]):
            groups[-1].append(c)
        elif not groups or groups[-1][-1].start != c.start:  # the pieces of one quote: one member
            groups.append([c])
    return groups


def _same_list(gap: str) -> bool:
    """“A”、“B” / “A”“B” / “A”和“B” / “A”、侨务“B”: nothing between them but a list mark."""
    return len(gap) <= 6 and not _CLAUSE_GAP.search(gap) and (gap in ("", "和", "与", "及", "或", "以及") or "、" in gap)


# ---------------------------------------------------------------- one method per name


def _dedupe(found: list[Found]) -> list[Found]:
    """One entry per spelling, in order of first mention, keeping the first definition given
    (a name is often mentioned in the title before the text defines it)."""
    first: dict[tuple[str, str], Found] = {}
    for f in found:
        kept = first.setdefault((f.core, f.name), f)
        if kept.definition is None and f.definition:
            kept.definition, kept.parts = f.definition, f.parts
    return list(first.values())


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
        # then the bare core, then a form with modifiers (三访三问 over 三访三问服务侨胞平台).
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
