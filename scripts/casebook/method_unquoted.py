"""Names written without quotes (see tag_methods.py for the rules as a whole): formulas before
a method word, bodies set up by a verb or launched at a ceremony, mixed-script names, numbered
mechanisms, names listed with 、, titles in 《》 and names repeated before a method word.
Each finder takes the case text, the rules (tag_methods._cfg()) and the spans of the quotes,
whose names tag_methods.py judges.  Most look first for what is rare in a text (a method
word, 、, 《, 仪式) and only then around it: a scan that tries a pattern at every character
is what makes a finder slow."""

from __future__ import annotations

import re

from .method_shapes import CJK, CJK_RE, Found, Spans, all_words, is_count, is_formula, is_plan
from .segment import is_dictionary_word

_ITEM_MARK = re.compile(r"(?:^|\n)\s*(?:[（(]?[0-9一二三四五六七八九十]{1,2}[）)、.．]|[一二三四五六七八九十]是)$")
_BOOK = re.compile(r"《([^《》\n]{2,10})》")
_DOCUMENT = re.compile(r"条例|意见|方案|办法|细则|规定|通知|决定|报告|纲要|读本|概论|协议|公约|规划|计划|要点|总结|讲话|决议|法$|标准|指南|章程|制度|关于")
_MEDIUM_AFTER = re.compile(r"(?:宣传)?简报|刊物|期刊|杂志|内刊|专刊|栏目|专栏|[^，。]{0,4}直通车|第[一二三四五六七八九十\d]+[辑期]")
_CLAUSE_MARK = re.compile(r"[，。；：！？\n]")
_LIST = re.compile(rf"(?P<items>(?:[{CJK}·]{{2,24}}、)+[{CJK}·]{{2,24}}?)(?:等(?P<tail>[{CJK}]{{0,6}})|$)")
_ITEM_TAIL = re.compile("(?:服务|建设|工作)$")  # 暖心智囊团服务 → 暖心智囊团
_ITEM_LINKER = re.compile("以及|和|与|及|的")
_BRAND_MARK = re.compile(r"[·•・‧]")
_FORMULA_BEFORE = set("一二三四五六七八九十百千万两“")
_MIXED = re.compile(rf"[{CJK}]{{1,4}}[A-Za-z]{{1,3}}[{CJK}]{{1,4}}$")
LIST_OPENERS = ("通过", "举办", "开设", "发挥", "参观", "推进", "加快推进")


def rejected(core: str, cfg: dict) -> bool:
    """A national slogan, a generic word, a placeholder (某…, XX…) or a development plan."""
    return core in cfg["stop"] or core in cfg["generic"] or "某" in core or "XX" in core or is_plan(core, cfg["plan_nouns"])


def bodies(text: str, cfg: dict, quotes: Spans) -> list[Found]:
    """成立党外律师服务团; 推进同心侨创驿站建设 (a brand word opens it); 举行了侨乡振兴学堂启动仪式."""
    out = []
    for m in cfg["unquoted_re"].finditer(text) if any(e in text for e in cfg["unquoted_endings"]) else ():
        np = m.group("np")
        if not quotes.covers(m.start("np")) and not rejected(np, cfg) and "的" not in np:
            out.append(Found(np, np))
    for m in cfg["brand_re"].finditer(text):
        np = m.group("np")
        if not quotes.covers(m.start("np")) and not rejected(np, cfg) and not all_words(np):
            out.append(Found(np, np))
    for m in cfg["launch_re"].finditer(text) if any(w in text for w in cfg["launch_words"]) else ():
        np = m.group("np")
        if quotes.covers(m.start("np")) or rejected(np, cfg) or is_dictionary_word(np):
            continue
        if np.endswith(cfg["organisation_endings"]) or np.endswith(cfg["venue_endings"]) and not np.startswith(cfg["brand_prefixes"]):
            continue  # a new association, a base like every county's
        out.append(Found(np, np))
    return out


def mixed(text: str, cfg: dict, quotes: Spans) -> list[Found]:
    """乐享in侨乡活动, 同心e站平台: a name in Chinese and Latin letters before a method word
    (found from the method word back: a scan for letters is slow)."""
    out = []
    for w in cfg["mixed_word_re"].finditer(text):
        m = _MIXED.search(text, max(0, w.start() - 11), w.start())
        if not m or quotes.covers(m.start()) or (m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha()):
            continue
        name = _after_opener(m.group(), cfg).lstrip("暨和与及的等")
        if len(name) >= 3 and CJK_RE.match(name) and not rejected(name, cfg):
            out.append(Found(name, name))
    return out


def formulas(text: str, cfg: dict, quotes: Spans) -> list[Found]:
    """三先三后工作法, 四访四帮工作法, 三项工程 written without quotes: found from the method
    word back (a scan for numerals is slow: 一 is everywhere)."""
    out, last = [], 0
    for s in cfg["formula_suffix_re"].finditer(text):
        m = cfg["formula_re"].search(text, max(last, s.start() - 8), s.end())
        if not m or m.end() != s.end():
            continue
        core, suf = m.group("core"), m.group("suf")
        last = m.end()
        if m.start() and text[m.start() - 1] in _FORMULA_BEFORE:
            continue  # 十三先三后: the formula starts earlier
        if not quotes.covers(m.start()) and not rejected(core, cfg) and (is_formula(core) or is_count(core + suf)):
            out.append(Found(core, core + suf))
    return out


def items(text: str, cfg: dict) -> list[Found]:
    """（1）建立结对帮扶机制。: a numbered item whose whole heading names a mechanism."""
    out = []
    if not any(e in text for e in cfg["item_endings"]):
        return out
    for im in cfg["item_re"].finditer(text):  # the verb first, then the item mark before it
        if _ITEM_MARK.search(text, max(0, im.start() - 8), im.start()):
            np = im.group("np")
            modifier = cfg["item_end_re"].sub("", np, count=1)
            if not np.startswith(("健全", "完善", "落实", "工作")) and len(modifier) >= 3:  # not 长效机制
                out.append(Found(np, np))
    return out


def listed(text: str, cfg: dict, quotes: Spans, accepted: set[int]) -> list[Found]:
    """Names listed with 、 (举办同心讲堂、侨心沙龙等，…): an item counts when it ends with a
    name ending, holds a brand mark (·), or opens with a brand word in a list closed by a kind
    of practice (等…活动/专栏); the list must be closed by such a kind, go on from a quoted
    name (“乡贤议事会”、银发宣讲队等), or hold two names."""
    out, pos = [], text.find("、")
    backwards = text[::-1] if pos != -1 else ""  # the mark before a 、, found by a forward search
    while pos != -1:
        before = _CLAUSE_MARK.search(backwards, len(text) - pos)
        after = _CLAUSE_MARK.search(text, pos)
        start, end = len(text) - before.start() if before else 0, after.start() if after else len(text)
        pos = text.find("、", end)
        if _may_name(text[start:end], cfg):
            masked = quotes.masked(text, start, end)  # “乡贤议事会”、…: a quoted item reads as one
            for m in _LIST.finditer(masked):
                items = m.group("items").split("、")
                out += _list_names(text, start + m.start("items"), items, m.group("tail"), cfg, quotes, accepted)
    return out


def _may_name(clause: str, cfg: dict) -> bool:
    """A quick look before the list is parsed: an item with a name ending or a brand mark, a
    quoted item, or a brand word in a list closed by 等."""
    if cfg["item_end_hint_re"].search(clause) or "”、" in clause or "·" in clause or "•" in clause:
        return True
    return "等" in clause and bool(cfg["item_brand_hint_re"].search(clause))


def _list_names(text: str, start: int, items: list[str], tail, cfg: dict, quotes: Spans, accepted: set[int]) -> list[Found]:
    first = items[0]
    items = [_after_opener(first, cfg)] + items[1:]
    start += len(first) - len(items[0])
    tail_ok = tail is not None and any(x in tail for x in cfg["list_endings"])
    keep, at, goes_on = [], start, False
    for raw in items:
        pos, at = at, at + len(raw) + 1
        if quotes.covers(pos):  # a quoted item (with its method word): named if it was kept
            goes_on = goes_on or pos in accepted
            continue
        item = _ITEM_TAIL.sub("", raw) if raw.endswith(("服务", "建设", "工作")) else raw
        branded = item.startswith(cfg["brand_prefixes"])
        venue = item.endswith(cfg["venue_endings"])  # …研学基地: any place has one
        named = bool(item.endswith(cfg["name_endings"]) and (branded or not venue) or _BRAND_MARK.search(item))
        if not (named or branded and tail_ok) or not 3 <= len(item) <= 12:
            continue
        if is_dictionary_word(item) or _ITEM_LINKER.search(item) or item.startswith("全"):
            continue  # 运行维护以及联络机制, 全县侨务工作站: a description, not a name
        if item in cfg["name_endings"] or item in cfg["suffixes"] or rejected(item, cfg) or cfg["national_re"].search(item):
            continue  # 宣讲团 right after a quoted name is its method word
        keep.append((item, named))
    if tail_ok or goes_on and tail is not None or sum(n for _, n in keep) >= 2 and (tail is not None or len(keep) == len(items)):
        return [Found(item, item) for item, _ in keep]
    return []


def _after_opener(item: str, cfg: dict) -> str:
    """The first item of a list loses the verb that opens it: 通过举办同心讲堂 → 同心讲堂."""
    m = cfg["list_opener_re"].match(item)
    return item[m.end() :] if m else item


def books(text: str, cfg: dict) -> list[Found]:
    """《同心侨讯》宣传简报, 《侨声》议政直通车, 汇编印发《侨乡故事汇》第一辑: a local
    publication or column (not a document such as 《…实施细则》, not a national title)."""
    out = []
    for m in _BOOK.finditer(text) if "《" in text else ():
        t = m.group(1)
        if _DOCUMENT.search(t) or t.startswith(cfg["honour_prefixes"]) or "习近平" in t or "，" in t:
            continue
        if _MEDIUM_AFTER.match(text, m.end()):
            name = t.replace("•", "·")
            out.append(Found(name, name))
    return out


def repeated(text: str, cfg: dict, quotes: Spans) -> list[Found]:
    """A name written without quotes but used as one: it opens with a brand word, stands right
    before a method word, recurs at least three times and is not a run of ordinary words
    (以同心驿品牌建设为抓手 … 建成同心驿8个; not 侨务工作品牌)."""
    out = []
    for w in cfg["repeat_word_re"].finditer(text):  # from the method word back: brand words are everywhere
        m = cfg["repeat_run_re"].search(text, max(0, w.start() - 8), w.start())
        if m and not quotes.covers(m.start()) and text.count(m.group()) >= 3 and not all_words(m.group()):
            out.append(Found(m.group(), m.group()))
    return out
