"""Step 4 — split: one document into one or more cases.

A compilation (经验交流摘登, 文章摘登) repeats a pattern for every unit:
    [organisation line]  title line  byline ("…部长韩立新作主题分享", "市教育局局长 王焯")
The bylines are the anchors: each case starts at the title (and organisation line) just
before its byline.  With fewer than two bylines the document is one case.  What stands
before the first case (event, date) and the editors' credits at the end form the
compilation's context, shown with each of its cases.
"""

from __future__ import annotations

import re

from .noise_rules import is_author, is_credit
from .model import Block, Case
from .text import OUTLINE_START, heading_like, mostly_chinese

# Role words of a byline (…统战部部长 张明, …统战部负责人 冯立).  Longer words first, so that
# the role is read whole.
ROLES = (
    "常务副部长|副部长|部长|党委书记|党组书记|党工委书记|党支部书记|副书记|书记|副局长|局长|副主任|主任|"
    "副主席|主席|秘书长|副会长|会长|常委|委员|主委|副主委|副院长|院长|副校长|校长|所长|"
    "副县长|县长|副市长|市长|副区长|区长|镇长|乡长|理事长|董事长|总经理|研究员|教授|处长|科长|调研员|"
    "主要负责人|负责同志|负责人|副组长|组长|社长|馆长|站长|队长|干事|专员|总编辑|主编|"
    "副旗长|旗长|副州长|州长|副厅长|厅长|政委|部务委员|主任科员|科员|工作人员|理事|成员"
)
# 2-3 characters (张明, 韩立新), or a transliterated name with a middle dot (阿依古丽·买买提)
_NAME = r"(?:[\u4e00-\u9fff]{2,6}[·•][\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{2,3}?)"
_SPEECH = r"(?:受委托)?(?:作|做)?(?:主题分享|交流发言|主题发言|典型发言|经验交流|大会发言|发言)"
ORG_SUFFIX = r"(?:统战部|委员会|工委|党委|党组|政府|政协|工商联|侨联|知联会|新联会|局|委|厅|办公室|办|院|学校|大学|中心|协会|商会|联合会|分会|支部)"

BYLINE = re.compile(
    rf"^(?P<prefix>\S.{{0,40}}?(?:{ROLES})(?:（[^）]{{1,12}}）)?)\s*(?P<name>{_NAME})\s*(?P<speech>{_SPEECH})?$"
    rf"|^(?P<prefix2>\S.{{0,30}}?{ORG_SUFFIX})\s+(?P<name2>{_NAME})$"
)
ORG_LINE = re.compile(rf"^(?:中共|中国共产党)?[\u4e00-\u9fff（）]{{1,24}}?{ORG_SUFFIX}$")


_AUTHOR = re.compile(r"^(?:作者|文|撰稿|供稿|发言人|署名)\s*[：:]\s*")


def parse_byline(text: str) -> dict | None:
    """A byline's parts, or None.  A byline is short and has no sentence.

    {"prefix": "市教育局党委书记、局长", "name": "王焯", "org": None} — a role (with its unit);
    {"prefix": "疏附县委统战部", "name": "艾力·吐尔逊", "org": "疏附县委统战部"} — a unit only.
    An "作者：" label in front is allowed.
    """
    t = _AUTHOR.sub("", text.strip(), count=1)
    if len(t) > 60 or any(ch in t for ch in "。，；！？：:"):
        return None
    m = BYLINE.match(t)
    if not m:
        return None
    if m.group("prefix"):
        return {"prefix": m.group("prefix").strip(), "name": m.group("name"), "org": None}
    org = m.group("prefix2").strip()
    return {"prefix": org, "name": m.group("name2"), "org": org}


def is_byline(text: str) -> bool:
    return parse_byline(text) is not None


def is_org_line(text: str) -> bool:
    return len(text) <= 26 and bool(ORG_LINE.match(text.strip()))


def split(file: str, sha256: str, blocks: list[Block]) -> list[Case]:
    hinted = _take_title_hint(blocks)
    bylines = [i for i, b in enumerate(blocks) if b.kind == "p" and is_byline(b.text)]
    # kinds set here: "title" (shown as the page title), "byline" (organisation and speaker lines)
    anchors, starts = [], []
    for i in bylines:  # each unit starts after the previous byline and has text of its own
        start = _case_start(blocks, i)
        if (not anchors or start > anchors[-1]) and i + 1 < len(blocks) and not is_byline(blocks[i + 1].text):
            anchors.append(i)
            starts.append(start)
    if len(anchors) < 2:
        return [_single_case(file, sha256, blocks, hinted)]
    bylines = anchors
    bounds = starts + [len(blocks)]
    owns = [blocks[bounds[k] : bounds[k + 1]] for k in range(len(bylines))]
    # Editors' credits at the end of a unit belong to the compilation, not to the unit.
    credits = [_take_credits(own, keep=bylines[k] - bounds[k] + 1) for k, own in enumerate(owns)]
    intro = blocks[: starts[0]]
    context = "\n".join(b.text for b in intro + [c for cs in credits for c in cs]) or None
    cases = []
    for k, by in enumerate(bylines):
        own = owns[k]
        title_idx = by - 1 if by - 1 >= bounds[k] else None
        title = blocks[title_idx].text if title_idx is not None else blocks[by].text
        org = blocks[bounds[k]].text if bounds[k] < (title_idx or by) else None
        for b in own:
            if b.kind == "p" and heading_like(b.text) and b is not blocks[by] and b.text not in (title, org):
                b.kind = "h3"
        if title_idx is not None:
            blocks[title_idx].kind = "title"
        blocks[by].kind = "byline"
        if org is not None:
            blocks[bounds[k]].kind = "byline"
        cases.append(
            Case(
                file=file,
                sha256=sha256,
                blocks=own,
                title=title,
                context=context,
                byline=blocks[by].text,
                org_line=org,
            )
        )
    return cases


def _take_title_hint(blocks: list[Block]) -> Block | None:
    """The title the cleaner read off a web page's frame (kind "title"), made a paragraph
    again: it names a single document; a compilation's titles come from its bylines."""
    hinted = next((b for b in blocks if b.kind == "title"), None)
    if hinted is not None:
        hinted.kind = "p"
    return hinted


def _take_credits(own: list[Block], keep: int) -> list[Block]:
    """Take the editors' credits out of a case's blocks and return them: every credit at
    the end (责任编辑：…, 作者：…), and an editor's credit anywhere after the first ``keep``
    blocks (title, byline); an author line higher up stays with its text."""
    n = len(own)
    while n > max(keep, 1) and is_credit(own[n - 1].text) and not is_byline(own[n - 1].text):
        n -= 1
    taken = [b for b in own[keep:n] if is_credit(b.text) and not is_author(b.text) and not is_byline(b.text)]
    taken += own[n:]
    ids = {id(b) for b in taken}
    own[:] = [b for b in own if id(b) not in ids]
    return taken


def _case_start(blocks: list[Block], byline_idx: int) -> int:
    """The title just above the byline, and an organisation line above that title."""
    start = byline_idx
    if start > 0 and heading_like(blocks[start - 1].text) and blocks[start - 1].kind == "p" and not is_byline(blocks[start - 1].text):
        start -= 1
        if start > 0 and is_org_line(blocks[start - 1].text):
            start -= 1
    return start


def _single_case(file: str, sha256: str, blocks: list[Block], hinted: Block | None = None) -> Case:
    credits = _take_credits(blocks, keep=1)
    bylines = [i for i, b in enumerate(blocks) if b.kind == "p" and is_byline(b.text)]
    title_block = hinted if hinted is not None else _title_block(blocks, bylines)
    for b in blocks:
        if b is not title_block and b.kind == "p" and heading_like(b.text) and not is_byline(b.text):
            b.kind = "h3"
    title = _short_title(title_block.text)
    if title == title_block.text.strip() and title_block.kind == "p":
        title_block.kind = "title"
    for i in bylines:
        blocks[i].kind = "byline"
    # An organisation line just above or below the title (石阡县委统战部)
    org = next((b for b in blocks[:4] if b.kind in ("p", "h3") and is_org_line(b.text)), None)
    if org is not None:
        org.kind = "byline"
    return Case(
        file=file,
        sha256=sha256,
        blocks=blocks,
        title=title,
        context="\n".join(b.text for b in credits) or None,
        byline=blocks[bylines[0]].text if bylines else None,
        org_line=org.text if org is not None else None,
    )


def _title_block(blocks: list[Block], bylines: list[int]) -> Block:
    """The title of a document the cleaner found none in: the heading just above a byline
    near the top (a single unit of a compilation), else a heading line before the first
    paragraph, else the first paragraph (its first sentence becomes the title)."""
    for i in bylines:
        if i > 8:
            break
        above = blocks[i - 1] if i > 0 else None
        if above is not None and _title_line(above.text) and not is_org_line(above.text):
            return above
    for b in blocks:
        if _title_line(b.text) and not is_org_line(b.text) and not is_byline(b.text) and not is_author(b.text):
            return b
        if not heading_like(b.text, 60):
            break
    return next((b for b in blocks if mostly_chinese(b.text) and not heading_like(b.text, 60)), None) or next(
        (b for b in blocks if mostly_chinese(b.text)), blocks[0]
    )


def _title_line(text: str) -> bool:
    """A heading that can be a title: short, no sentence, Chinese words, not an outline item."""
    return (
        heading_like(text, 60) and len(text) <= 60 and mostly_chinese(text)
        and not OUTLINE_START.match(text) and not is_credit(text)
    )


def _short_title(text: str) -> str:
    """A title line, or the first sentence of a document that has no title line."""
    t = text.strip()
    m = re.search("[。！？]", t)
    if m and 0 < m.start() <= 60:
        return t[: m.start()].strip()
    return t if len(t) <= 60 else t[:40].strip() + "…"
