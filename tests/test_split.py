"""Step 4 — a compilation becomes one case per unit; its introduction and credits are context."""

from __future__ import annotations

from casebook.clean import clean
from casebook.outline import recover
from casebook.split import parse_byline, split
from test_clean import doc

COMPILATION = """全市统战工作经验交流会上，三个单位作了交流发言。以下为发言摘登——

中共甲乙县委统战部

坚持党建引领 激发基层活力

中共甲乙县委统战部部长张明作交流发言

我县坚持“三先三后”工作法，推动基层统战工作落地落实。

市民族宗教局

守正创新做好民族工作

市民族宗教局党组书记、局长 李华

我局深入开展“石榴花开”活动，铸牢中华民族共同体意识。

市工商联

服务民营经济高质量发展

市工商联党组书记 王强

我们搭建“亲清会客厅”平台，帮助企业解决难题。

责任编辑：赵六
"""


def cases_of(text):
    blocks, _ = clean(doc(text))
    return split("t.txt", "0" * 64, recover(blocks))


def test_bylines():
    assert parse_byline("中共甲乙县委统战部部长张明作交流发言") == {"prefix": "中共甲乙县委统战部部长", "name": "张明", "org": None}
    assert parse_byline("市财政局（市国资委）党委书记、局长（主任） 万晓文")["name"] == "万晓文"
    assert parse_byline("作者：泽普县委统战部 阿依古丽·买买提") == {
        "prefix": "泽普县委统战部", "name": "阿依古丽·买买提", "org": "泽普县委统战部"}
    assert parse_byline("我县坚持“三先三后”工作法，推动基层统战工作。") is None


def test_compilation_splits_per_unit_with_shared_context():
    cases = cases_of(COMPILATION)
    assert [c.title for c in cases] == ["坚持党建引领 激发基层活力", "守正创新做好民族工作", "服务民营经济高质量发展"]
    assert [c.org_line for c in cases] == ["中共甲乙县委统战部", "市民族宗教局", "市工商联"]
    assert all("以下为发言摘登" in c.context and "责任编辑：赵六" in c.context for c in cases)
    assert "石榴花开" in cases[1].text and "石榴花开" not in cases[0].text
    assert "责任编辑" not in cases[2].text


def test_single_document_is_one_case():
    cases = cases_of("关于统战工作的讲话\n同志们：\n今天我们召开会议。\n一、提高认识\n要做好工作。")
    assert len(cases) == 1
    assert cases[0].title == "关于统战工作的讲话"
    assert cases[0].context is None
