"""Tag step — fields: the main fields of a case, not every field it mentions once."""

from __future__ import annotations

from casebook.tag_fields import tag_fields


def test_fields_by_their_keywords():
    text = "加强民主党派建设，支持民主党派参政议政，开展民族团结进步创建，铸牢中华民族共同体意识，让各民族群众手足相亲。"
    assert tag_fields(text) == ["多党合作", "民族工作"]


def test_a_passing_mention_is_not_a_field():
    text = "依法管理宗教事务，坚持宗教中国化方向，保持宗教领域平稳有序，支持宗教界人士发挥作用。" * 3 + "同时做好港澳同胞工作。"
    assert tag_fields(text) == ["宗教工作"]


def test_at_most_six_fields():
    words = ["民主党派", "无党派人士", "党外知识分子", "民族团结", "宗教", "民营企业", "新的社会阶层", "留学人员", "港澳同胞", "华侨"]
    text = "。".join(w * 3 for w in words)
    assert len(tag_fields(text)) == 6
