"""Step 4 — a compilation becomes one case per unit; its introduction and credits are context."""

from __future__ import annotations

from casebook.clean import clean
from casebook.outline import recover
from casebook.split import parse_byline, split
from test_clean import doc

COMPILATION = """全市统战工作推进会召开，三个单位在会上介绍做法。现将发言摘要刊登如下——

中共甲乙县委统战部

坚持党建引领 激发基层活力

中共甲乙县委统战部部长张明作交流发言

我县坚持“三先三后”工作法，推动基层统战工作落地落实。

市民族宗教局

守正创新做好民族工作

市民族宗教局党组书记、局长 李华

我局深入开展“同心共筑”活动，铸牢中华民族共同体意识。

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
    assert all("现将发言摘要刊登如下" in c.context and "责任编辑：赵六" in c.context for c in cases)
    assert "同心共筑" in cases[1].text and "同心共筑" not in cases[0].text
    assert "责任编辑" not in cases[2].text


def test_single_document_is_one_case():
    cases = cases_of("关于统战工作的讲话\n同志们：\n今天我们召开会议。\n一、提高认识\n要做好工作。")
    assert len(cases) == 1
    assert cases[0].title == "关于统战工作的讲话"
    assert cases[0].context is None


ROLES_COMPILATION = """全市民族宗教工作推进会召开，三个单位在会上介绍经验，现将发言要点刊发如下：

中共戊己区委统战部
织密服务网络 答好民族团结“必答题”
戊己区委统战部负责人 庚某
戊己区在各街道设立民族团结服务站，组织志愿者为少数民族群众提供就业、就学、就医帮扶。
记者 辛某
责任编辑：壬某

中共癸子县委统战部
用好“三张清单” 规范宗教活动场所管理
癸子县民宗局办公室主任 丑某
癸子县建立宗教活动场所问题、责任、整改三张清单，推动场所管理走向规范、常态。

某某市侨商会
当好“侨胞之家” 汇聚侨界力量
某某市侨商会会长 寅某
市侨商会组织侨界人士开展“侨助乡村”活动，引进项目五个，带动群众增收。
"""


def test_bylines_with_other_role_words_split_the_compilation():
    assert parse_byline("戊己区委统战部负责人 庚某")["name"] == "庚某"
    cases = cases_of(ROLES_COMPILATION)
    assert [c.title for c in cases] == ["织密服务网络 答好民族团结“必答题”", "用好“三张清单” 规范宗教活动场所管理", "当好“侨胞之家” 汇聚侨界力量"]
    assert "服务站" in cases[0].text and "服务站" not in cases[1].text


def test_credits_at_the_end_of_a_unit_join_the_context():
    cases = cases_of(ROLES_COMPILATION)
    assert "责任编辑" not in cases[0].text and "记者 辛某" in cases[0].text
    assert all("责任编辑：壬某" in c.context for c in cases)


PAGE = """您的位置：首页 > 统一战线 > 区县传真
区县传真
某某县创新“三心”工作法凝聚基层统战合力
2024-05-06 10:20 来源：甲乙门户 浏览次数：321
近年来，某某县委统战部坚持以党建引领基层统战工作，建立“三心”工作机制，组织党外人士深入村社开展服务，取得良好成效。
坚持党建引领
县委统战部把党建工作贯穿统战工作全过程，推动基层统战工作提质增效，党外人士参与热情明显提高。
编辑：王某
审核：李某
"""


def test_a_web_page_is_one_case_titled_by_its_heading_with_its_credits_as_context():
    cases = cases_of(PAGE)
    assert len(cases) == 1
    assert cases[0].title == "某某县创新“三心”工作法凝聚基层统战合力"
    assert cases[0].context == "编辑：王某\n审核：李某"
    assert "区县传真" not in cases[0].text and "编辑" not in cases[0].text


def test_a_document_without_a_title_line_is_titled_by_its_first_sentence():
    text = ("近年来，某某县聚焦民营经济健康发展，创新开展“三送”服务活动。全县统战系统主动作为，成效明显，受到企业欢迎。\n"
            "强化政治引领\n县委统战部组织民营企业家开展理想信念教育，覆盖企业家三百余人次，凝聚了发展共识。")
    assert cases_of(text)[0].title == "近年来，某某县聚焦民营经济健康发展，创新开展“三送”服务活动"


def test_one_unit_of_a_compilation_is_titled_by_the_heading_above_its_byline():
    text = ("某某市举办基层统战工作研讨活动，各地代表围绕党建带统建开展研讨，现将部分单位的发言摘编如下。\n"
            "中共某某市委统战部\n织密基层网络 激活统战一池春水\n中共某某市委统战部副部长刘某作主题分享\n"
            "近年来，某某市坚持大抓基层的鲜明导向，让基层统战工作活起来。")
    assert cases_of(text)[0].title == "织密基层网络 激活统战一池春水"


def test_an_editors_note_is_not_the_title():
    text = "本文为节选\n某某县以“三心”工作法凝聚统战合力\n近年来，某某县委统战部坚持以党建引领基层统战工作，取得良好成效，受到群众好评。"
    assert cases_of(text)[0].title == "某某县以“三心”工作法凝聚统战合力"
