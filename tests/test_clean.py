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
    blocks, _ = clean(doc("近年来,岳阳市深入学习(试点);访问 http://a.b/c?d=1 了解"))
    assert blocks[0].text == "近年来，岳阳市深入学习（试点）；访问 http://a.b/c?d=1 了解"


def test_replacement_characters_go_to_the_ledger():
    blocks, removed = clean(doc("统战理论研究是重要支撑。\ufffd\ufffd"))
    assert blocks[0].text == "统战理论研究是重要支撑。"
    assert [(r.text, r.reason) for r in removed] == [("\ufffd\ufffd", "encoding-damage")]


# --- web-page noise: every input below is made up (甲乙网, 某某县…) -------------------------

PARAGRAPH = "近年来，某某县委统战部坚持以党建引领基层统战工作，建立“三心”工作机制，组织党外人士深入村社开展服务，累计服务群众三千余人次，取得了良好成效。"
PARAGRAPH2 = "二是拓宽渠道汇聚智慧。县委统战部依托新的社会阶层人士联谊会，定期举办议政沙龙，引导会员围绕县域发展建言献策，形成调研报告十余篇。"


def test_breadcrumbs_menus_and_page_controls_are_web_chrome():
    for line in (
        "您的位置：首页 > 要闻速递 > 区县传真",
        "当前位置 ：甲乙网 >> 图片 >> 正文",
        "首頁>要聞速遞>地方動態",
        "甲乙网首页 > 财经 > 正文",
        "首页 要闻 时政 经济 文化 社会 视频 专题",
        "济南|青岛|淄博|枣庄|东营|烟台|潍坊|济宁|泰安|威海|日照|临沂|德州|聊城|滨州|菏泽|章丘|莱芜|胶州|即墨|平度|莱西|寿光",
        "分享到：微信 微博 QQ空间",
        "—分享—",
        "字号 大 中 小",
        "【字体：大 中 小】",
        "打印 关闭",
        "浏览次数：123",
        "发布时间：2024-05-06 来源：甲乙网 阅读人次：56",
        "2024年05月06日 10:20 | 來源：甲乙網",
        "推荐链接：甲乙网 丙丁网",
        "甲乙网 版权所有 ICP备00000000号",
        "地址：某某市某某路8号 电话：0000-1234567",
    ):
        assert noise_reason(line) == "web-chrome", line
    assert noise_reason("坚持“三先三后”工作法，凝聚共识。") is None
    assert noise_reason("党外人士围绕县域发展提出建议，资料来源于基层调研。") is None


def test_teasers_captions_borders_and_english_lines_have_their_reasons():
    assert noise_reason("……（此处隐藏3210字，下载后查看）……") == "teaser"
    assert noise_reason("……（甲乙网已省略800字，注册会员可全文阅读）……") == "teaser"
    assert noise_reason("【隐藏内容】请先登录后查看") == "teaser"
    long_teaser = "《某县统战工作总结.docx》由用户上传分享，免费在线预览，全文共3页，更多内容请访问甲乙文库网站的统战专题栏目进行查阅。" * 2
    assert noise_reason(long_teaser) == "teaser"
    assert noise_reason("打开甲乙新闻APP 查看更多") == "advertisement"
    assert noise_reason("（图为党外人士参观乡村振兴展馆）") == "caption"
    assert noise_reason("图片") == "caption"
    assert noise_reason("| | | | | |") == "table-border"
    assert noise_reason("+--------+--------+") == "table-border"
    assert noise_reason("| 2023年 | 县委统战部 | 12 |") is None
    english = "This paper studies how local united front departments organise grassroots work and what they achieve over the years."
    assert noise_reason(english) == "english-abstract"
    assert noise_reason("Key words: united front; grassroots") == "english-abstract"
    assert noise_reason("本网站对转载内容的真实性不承担任何法律责任。") == "reprint-notice"


def test_html_debris_is_cut_out_of_a_line_and_the_words_stay():
    text = f'<p class="x-text">  {PARAGRAPH}</p>\n{PARAGRAPH2}/span>'
    blocks, removed = clean(doc(text))
    assert [b.text for b in blocks] == [PARAGRAPH, PARAGRAPH2]
    assert [(r.line, r.text, r.reason) for r in removed] == [
        (1, '<p class="x-text">', "html-debris"), (1, "</p>", "html-debris"), (2, "/span>", "html-debris")]


def test_an_advert_spliced_into_a_sentence_is_cut_and_the_sentence_kept():
    blocks, removed = clean(doc("近年来，某某县（下载甲乙新闻客户端，阅读更多精彩内容）坚持党建引领，推动基层统战工作落地见效。"))
    assert blocks[0].text == "近年来，某某县坚持党建引领，推动基层统战工作落地见效。"
    assert [(r.text, r.reason) for r in removed] == [("（下载甲乙新闻客户端，阅读更多精彩内容）", "advertisement")]


def test_a_credit_glued_to_a_paragraph_becomes_its_own_line():
    blocks, _ = clean(doc(PARAGRAPH + "【编辑：王某】"))
    assert [b.text for b in blocks] == [PARAGRAPH, "【编辑：王某】"]


WEB_PAGE = f"""甲乙门户
首页
要闻速递
政务公开
互动交流
您的位置：首页 > 统一战线 > 区县传真
区县传真
某某县创新“三心”工作法凝聚基层统战合力
2024-05-06 10:20 来源：甲乙门户 浏览次数：321
分享到：
{PARAGRAPH}
（图为党外人士参观乡村振兴展馆）
{PARAGRAPH2}
责任编辑：张某
侨务
统战
同心
"""


def test_the_frame_of_a_web_page_is_chrome_and_its_title_is_marked():
    blocks, removed = clean(doc(WEB_PAGE))
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "某某县创新“三心”工作法凝聚基层统战合力"), ("p", PARAGRAPH), ("p", PARAGRAPH2), ("p", "责任编辑：张某")]
    gone = {r.line: r.reason for r in removed}
    assert sorted(gone) == [1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 15, 16, 17]
    assert gone[12] == "caption" and gone[1] == gone[7] == gone[16] == "web-chrome"


def test_the_title_is_the_heading_just_above_the_author_or_date_line():
    text = f"强基础 建机制 促发展\n某某县以“三心”工作法凝聚统战合力\n本报记者 李某\n{PARAGRAPH}"
    blocks, removed = clean(doc(text))
    assert [(b.kind, b.text) for b in blocks][:3] == [
        ("p", "强基础 建机制 促发展"), ("title", "某某县以“三心”工作法凝聚统战合力"), ("p", "本报记者 李某")]
    assert removed == []


def test_a_long_title_under_a_breadcrumb_and_above_the_date_line():
    title = "让同心之花开遍乡村大地——某某县民主党派基层组织服务乡村振兴工作情况的调查与思考"
    blocks, _ = clean(doc(f"当前位置：首页 > 党派动态 > 正文\n{title}\n（2023-3-8 9:05:00） 来源：\n王某\n{PARAGRAPH}"))
    assert (blocks[0].kind, blocks[0].text) == ("title", title)


def test_a_document_that_opens_with_a_paragraph_has_no_title_line_and_keeps_its_lead_in():
    blocks, removed = clean(doc(f"同志们：\n{PARAGRAPH}\n一、提高认识\n{PARAGRAPH2}"))
    assert [b.kind for b in blocks] == ["p", "p", "p", "p"] and blocks[0].text == "同志们："
    assert removed == []


def test_the_site_name_glued_to_the_title_is_cut():
    text = f"甲乙联盟\n某某县：以文化人 凝聚统战合力甲乙联盟app\n发布日期：2023-07-02 08:15\n{PARAGRAPH}"
    blocks, removed = clean(doc(text))
    assert (blocks[0].kind, blocks[0].text) == ("title", "某某县：以文化人 凝聚统战合力")
    assert [(r.line, r.text) for r in removed] == [(1, "甲乙联盟"), (2, "甲乙联盟app"), (3, "发布日期：2023-07-02 08:15")]


def test_a_name_shown_twice_above_the_title_is_removed():
    blocks, removed = clean(doc(f"甲乙知道首页 > 热门 > 正文\n某某用户某某用户\n某某县探索社区民族工作新办法\n{PARAGRAPH}"))
    assert (blocks[0].kind, blocks[0].text) == ("title", "某某县探索社区民族工作新办法")
    assert [(r.text, r.reason) for r in removed][1:] == [("某某用户", "duplicate"), ("某某用户", "web-chrome")]


def test_short_lines_above_the_title_go_but_an_organisation_line_stays():
    text = f"一键复制\n- 17\n- 约2.4千字\n中共某某县委统战部\n某某县统一战线工作汇报材料\n县委统战部部长 王某\n{PARAGRAPH}"
    blocks, removed = clean(doc(text))
    assert [b.text for b in blocks][:2] == ["中共某某县委统战部", "某某县统一战线工作汇报材料"]
    assert [r.text for r in removed] == ["一键复制", "- 17", "- 约2.4千字"]


def test_traditional_characters_page_chrome():
    for line in ("首頁 > 新聞 > 正文", "當前位置：首頁 > 要聞", "字體：大 中 小", "版權所有 甲乙網"):
        assert noise_reason(line) == "web-chrome", line


def test_a_sentence_that_mentions_readers_or_an_app_is_content():
    for line in ("全年推送文章200余篇，阅读量超50万人次。", "引导党员群众下载“学习强国”APP，坚持每日学习。", "每周更新工作台账。"):
        assert noise_reason(line) is None, line


def test_a_name_alone_under_the_headings_is_not_joined_to_the_paragraph():
    blocks, _ = clean(doc(f"某某县统战工作纪实\n知行合一 久久为功\n绘就团结奋进新画卷\n王某某\n{PARAGRAPH}"))
    assert [b.text for b in blocks][3:] == ["王某某", PARAGRAPH]


def test_end_matter_of_apps_document_sites_and_government_sites():
    for line, reason in (
        ("预览时标签不可点", "web-chrome"),
        ("微信扫一扫关注该公众号", "advertisement"),
        ("赞 12 在看 3 分享", "web-chrome"),
        ("【打印本页】【关闭窗口】", "web-chrome"),
        ("设为首页 | 加入收藏 | 联系我们", "web-chrome"),
        ("全文共3250字，阅读大约需要10分钟", "web-chrome"),
        ("文档页数：9页", "web-chrome"),
        ("主办单位：中共某某县委统战部 承办单位：某某县融媒体中心", "web-chrome"),
        ("网站标识码：0000000000", "web-chrome"),
        ("原创 某某统战 某某统战 2024年03月15日 10:00", "web-chrome"),
        ("往期推荐", "seo-junk"),
        ("特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。", "reprint-notice"),
        ("阅读已结束，下载本文需要使用下载券", "advertisement"),
    ):
        assert noise_reason(line) == reason, line
    assert noise_reason("县委统战部组织党外人士开展联谊交友活动，收藏书画作品一百余件。") is None


def test_the_titles_listed_under_a_related_articles_heading_go_with_it():
    text = f"{PARAGRAPH}\n往期推荐\n某某市统一战线工作领导小组召开全体会议\n某某市新联会开展公益活动\n预览时标签不可点\n{PARAGRAPH2}"
    blocks, removed = clean(doc(text))
    assert [b.text for b in blocks] == [PARAGRAPH, PARAGRAPH2]
    assert [r.reason for r in removed] == ["seo-junk", "seo-junk", "seo-junk", "web-chrome"]


def test_the_name_of_a_shared_file_above_the_title_is_chrome():
    blocks, removed = clean(doc(f"某某县2024年统战工作总结.docx\n- 3\n某某县2024年统战工作总结\n{PARAGRAPH}"))
    assert (blocks[0].kind, blocks[0].text) == ("title", "某某县2024年统战工作总结")
    assert [r.text for r in removed] == ["某某县2024年统战工作总结.docx", "- 3"]


def test_a_caption_at_the_end_of_a_paragraph_is_cut():
    blocks, removed = clean(doc(PARAGRAPH + "（图为党外人士参观展馆）（王某 摄）"))
    assert blocks[0].text == PARAGRAPH
    assert [(r.text, r.reason) for r in removed] == [("（图为党外人士参观展馆）", "caption"), ("（王某 摄）", "caption")]


def test_a_sentence_about_members_is_not_a_teaser():
    assert noise_reason("今年发展正式会员20名，吸纳新会员30名。") is None
    assert noise_reason("组织会员阅读红色经典书籍。") is None


def test_noise_written_in_traditional_characters_goes_like_its_simplified_form():
    from casebook.clean import cut_pieces, noise_reason

    assert noise_reason("請用微信掃一掃分享") == noise_reason("请用微信扫一扫分享") is not None
    assert noise_reason("您當前的位置：首頁 > 新聞") is not None
    assert noise_reason("某某縣堅持把統戰工作擺在重要位置，推動各項工作落地見效。") is None


def test_more_page_furniture_goes_photo_credits_dates_welcomes_and_page_controls():
    from casebook.clean import noise_reason

    for line in (
        "座谈会现场 张小明供图",
        "李某某 攝",
        "甲乙网 2021-11-24",
        "时间:2019-12-07 09:41:27",
        "政务 2022-07-19 15:36 某省",
        "欢迎访问 甲乙网！",
        "下一篇 4 放大 缩小 默认",
        "扫描微阅读",
    ):
        assert noise_reason(line) is not None, line
    for line in ("2022年6月18日，某某县召开统战工作会议。", "摄影爱好者协会成立", "我们提供了摄影服务，群众纷纷点赞。"):
        assert noise_reason(line) is None, line
