"""Step 2 — cleaning noise into the ledger and repairing page breaks."""

from __future__ import annotations

from casebook.clean import clean, noise_reason
from casebook.model import Document, Line


def doc(text: str) -> Document:
    return Document("t.txt", "0" * 64, "utf-8", [Line(i, t) for i, t in enumerate(text.split("\n"), 1)])


def test_noise_reasons():
    assert noise_reason("统战工作经验_基层统战经验交流_优秀统战工作经验") == "seo-junk"
    assert noise_reason("本文来源于网络，如有侵权请联系删除") == "reprint-notice"
    assert noise_reason("原文链接：http://example.org/a/1.html") == "source-url"
    assert noise_reason("加入会员，免费下载全部资料") == "advertisement"
    assert noise_reason("[2]") == "pagination"
    assert noise_reason("坚持“三先三后”工作法，凝聚共识。") is None


def test_advert_block_takes_slogans_between_adverts():
    blocks, removed = clean(doc("扫码关注领取资料\n学习无止境\n专业文库平台\n开通会员享全部权益\n\n关于统战工作的讲话\n同志们：今天开会。"))
    assert [r.line for r in removed] == [1, 2, 3, 4]
    assert {r.reason for r in removed} == {"advertisement"}
    assert blocks[0].text == "关于统战工作的讲话"


def test_page_break_inside_a_sentence_is_joined():
    text = (
        "一、加强组织建设\n"
        "进一步铸牢中华民族共同体意识，扎实开展民族团结进步宣传月活动，推动本\n\n"
        "地学校与港澳台学校缔结姊妹学校，持续推进中华民族共同体建设。\n"
    )
    blocks, _ = clean(doc(text))
    assert [b.text for b in blocks][1] == (
        "进一步铸牢中华民族共同体意识，扎实开展民族团结进步宣传月活动，推动本地学校与港澳台学校缔结姊妹学校，持续推进中华民族共同体建设。"
    )
    assert (blocks[1].first_line, blocks[1].last_line) == (2, 4)


def test_short_broken_line_after_a_heading_is_joined_but_headings_are_not():
    text = (
        "展现担当作为，服务发展大局\n\n"
        "指导监管企业借助党外知识分子智力\n\n"
        "资源推动企业生产技术进步，鼓励党外人士在所在企业或机构中主动参与技术创新、管理提升、风险防控。\n"
        "坚持思想政治引领\n"
        "市直机关，首先是政治机关，要牢牢把握目标定位，推动构建大统战工作格局，做好各项工作。\n"
    )
    blocks, _ = clean(doc(text))
    texts = [b.text for b in blocks]
    assert texts[0] == "展现担当作为，服务发展大局"
    assert texts[1].startswith("指导监管企业借助党外知识分子智力资源推动")
    assert texts[2] == "坚持思想政治引领"


def test_line_starting_with_a_particle_continues():
    blocks, _ = clean(doc("开设便捷服务通道，增进文化情感联结，营造“一家亲”\n\n的良好社会氛围。"))
    assert blocks[0].text == "开设便捷服务通道，增进文化情感联结，营造“一家亲”的良好社会氛围。"


def test_ascii_punctuation_between_chinese_becomes_full_width():
    blocks, _ = clean(doc("近年来,襄阳市深入学习(试点);访问 http://a.b/c?d=1 了解"))
    assert blocks[0].text == "近年来，襄阳市深入学习（试点）；访问 http://a.b/c?d=1 了解"


def test_replacement_characters_go_to_the_ledger():
    blocks, removed = clean(doc("统战理论研究是重要支撑。\ufffd\ufffd"))
    assert blocks[0].text == "统战理论研究是重要支撑。"
    assert [(r.text, r.reason) for r in removed] == [("\ufffd\ufffd", "encoding-damage")]
