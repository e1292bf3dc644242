"""Step 4 — split: one document into one or more cases.

A compilation (经验交流摘登, 文章摘登) repeats a pattern for every unit:
    [organisation line]  title line  byline ("…部长童光源作主题分享", "市教育局局长 王焯")
The bylines are the anchors: each case starts at the title (and organisation line) just
before its byline.  With fewer than two bylines the document is one case.  What stands
before the first case (event, date) and the editors' credits at the end form the
compilation's context, shown with each of its cases.
"""

from __future__ import annotations

import re

from .clean import is_credit
from .model import Block, Case
from .text import heading_like

ROLES = (
    "常务副部长|副部长|部长|党委书记|党组书记|党工委书记|副书记|书记|副局长|局长|副主任|主任|"
    "副主席|主席|秘书长|副会长|会长|常委|委员|主委|副主委|副院长|院长|副校长|校长|所长|"
    "副县长|县长|副市长|市长|副区长|区长|镇长|乡长|理事长|董事长|总经理|研究员|教授|处长|科长|调研员"
)
# 2-3 characters (张明, 童光源), or a transliterated name with a middle dot (阿依古丽·买买提)
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
    bylines = [i for i, b in enumerate(blocks) if b.kind == "p" and is_byline(b.text)]
    # kinds set here: "title" (shown as the page title), "byline" (organisation and speaker lines)
    anchors, starts = [], []
    for i in bylines:  # each unit starts after the previous byline and has text of its own
        start = _case_start(blocks, i)
        if (not anchors or start > anchors[-1]) and i + 1 < len(blocks) and not is_byline(blocks[i + 1].text):
            anchors.append(i)
            starts.append(start)
    if len(anchors) < 2:
        return [_single_case(file, sha256, blocks, bylines)]
    bylines = anchors
    # Editors' credits at the very end belong to the compilation, not the last unit.
    end = len(blocks)
    while end > starts[-1] + 1 and is_credit(blocks[end - 1].text):
        end -= 1
    intro, credits = blocks[: starts[0]], blocks[end:]
    context = "\n".join(b.text for b in intro + credits) or None
    cases = []
    bounds = starts + [end]
    for k, by in enumerate(bylines):
        own = blocks[bounds[k] : bounds[k + 1]]
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


def _case_start(blocks: list[Block], byline_idx: int) -> int:
    """The title just above the byline, and an organisation line above that title."""
    start = byline_idx
    if start > 0 and heading_like(blocks[start - 1].text) and blocks[start - 1].kind == "p" and not is_byline(blocks[start - 1].text):
        start -= 1
        if start > 0 and is_org_line(blocks[start - 1].text):
            start -= 1
    return start


def _titled(text: str) -> bool:
    """A title is mostly Chinese: not a rule (---), not a key: value line, not a URL."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= 4 and cjk >= len(text.replace(" ", "")) * 0.6


def _single_case(file: str, sha256: str, blocks: list[Block], bylines: list[int]) -> Case:
    title_block = next((b for b in blocks[:6] if b.kind == "p" and heading_like(b.text) and _titled(b.text)), None)
    if title_block is None:
        title_block = next((b for b in blocks if _titled(b.text)), blocks[0])
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
        byline=blocks[bylines[0]].text if bylines else None,
        org_line=org.text if org is not None else None,
    )


def _short_title(text: str) -> str:
    """A title line, or the first sentence of a document that has no title line."""
    t = text.strip()
    if len(t) <= 60:
        return t
    m = re.search("[。！？]", t)
    return (t[: m.start()] if m and m.start() <= 60 else t[:40] + "…").strip()
