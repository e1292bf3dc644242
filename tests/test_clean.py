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
        "关于做好统战工作的几点体会\n"
        "市财政局 张三\n"
        "统战工作聚人心、强基础、促发展，我们坚持把统战工作摆上重要议事日程。\n"
        "展现担当作为，服务发展大局\n\n"
        "指导监管企业借助党外知识分子智力\n\n"
        "资源推动企业生产技术进步，鼓励党外人士在所在企业或机构中主动参与技术创新、管理提升、风险防控。\n"
        "坚持思想政治引领\n"
        "市直机关，首先是政治机关，要牢牢把握目标定位，推动构建大统战工作格局，做好各项工作。\n"
    )
    blocks, _ = clean(doc(text))
    texts = [b.text for b in blocks][3:]
    assert texts[0] == "展现担当作为，服务发展大局"
    assert texts[1].startswith("指导监管企业借助党外知识分子智力资源推动")
    assert texts[2] == "坚持思想政治引领"


def test_title_lines_at_the_start_are_not_joined_to_the_first_paragraph():
    text = "中共某某区委统战部\n2025年工作要点\n2025年，全区统战工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，做好各项工作。"
    blocks, _ = clean(doc(text))
    assert [b.text for b in blocks][:2] == ["中共某某区委统战部", "2025年工作要点"]


def test_item_with_sentences_broken_by_a_page_number_is_joined():
    text = "一是健全工作网络。在全区各镇配齐配强统战委员，增进党外人士对家乡的了解\n\n第 1 页 共 2 页\n\n和认同。\n二是深化创新。"
    blocks, removed = clean(doc(text))
    assert blocks[0].text == "一是健全工作网络。在全区各镇配齐配强统战委员，增进党外人士对家乡的了解和认同。"
    assert [r.reason for r in removed] == ["pagination"]


def test_web_page_chrome_is_removed_but_long_content_lines_are_kept():
    text = (
        "点击上方蓝字关注我们\n某某统战\n2024-03-15 08:30 发表于贵州\n来源：某某统战\n"
        "关于统战工作的讲话\n"
        "我们吸纳新的社会阶层人士会员1200余名，组建服务队伍，开展联谊活动，取得了明显成效，受到广泛好评，各方面反响热烈，值得总结推广。\n"
        "- END -\n阅读原文\n分享到：\n当前位置：首页 > 工作要点\n上一篇：2024年工作总结"
    )
    blocks, removed = clean(doc(text))
    assert [b.text for b in blocks][0] == "关于统战工作的讲话"
    assert len(blocks) == 2
    assert {r.reason for r in removed} == {"web-chrome"}
    assert len(removed) == 9


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
