"""Step 3 — recovering an outline that runs inline in one long line."""

from __future__ import annotations

from casebook.model import Block
from casebook.outline import recover

INLINE = (
    "作为部长，我深感责任在肩。一、深悟会议精神，夯实思想根基（一）领悟核心要义，明确工作方向。"
    "习近平总书记指出，要坚持党的领导。（二）把握总体要求，提升工作效能。党的建设包括多个方面。"
    "一是强化基层组织建设。要加强乡镇统战工作。二是优化协同机制。统战工作涉及多个部门。二、对标会议精神，探寻发展新径"
)


def test_inline_outline_becomes_headings_and_items():
    blocks = recover([Block(INLINE, 2, 2)])
    got = [(b.kind, b.text) for b in blocks]
    assert got == [
        ("p", "作为部长，我深感责任在肩。"),
        ("h2", "一、深悟会议精神，夯实思想根基"),
        ("h3", "（一）领悟核心要义，明确工作方向。"),
        ("p", "习近平总书记指出，要坚持党的领导。"),
        ("h3", "（二）把握总体要求，提升工作效能。"),
        ("p", "党的建设包括多个方面。"),
        ("item", "一是强化基层组织建设。要加强乡镇统战工作。"),
        ("item", "二是优化协同机制。统战工作涉及多个部门。"),
        ("h2", "二、对标会议精神，探寻发展新径"),
    ]
    assert "".join(b.text for b in blocks) == INLINE  # nothing added or lost
    assert all((b.first_line, b.last_line) == (2, 2) for b in blocks)


def test_words_like_tongyi_shi_are_not_items():
    text = "思想统一是前提。统一是关键，要做好工作。"
    assert [b.text for b in recover([Block(text, 1, 1)])] == [text]


def test_a_block_that_is_not_cut_keeps_the_kind_the_cleaner_gave_it():
    title = Block("某某县创新“三心”工作法凝聚基层统战合力", 3, 3, "title")
    assert recover([title])[0].kind == "title"
