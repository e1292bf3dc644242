"""Tag step — named methods by shape and context, slogans out, definitions and parts in."""

from __future__ import annotations

from casebook.tag_methods import find_methods, merge


def names(text):
    return [f.name for f in find_methods(text)]


def test_formula_and_attached_method_word():
    assert names("推行“五访五送”工作法，建立“三个必谈”机制。") == ["五访五送工作法", "三个必谈机制"]


def test_national_slogans_are_not_methods():
    assert names("增强“四个意识”、坚定“四个自信”、做到“两个维护”，服务“十四五”，画好“同心圆”。") == []


def test_metaphors_and_phrases_are_not_methods():
    text = "把统战“神经末梢”链接到家门口，推动“金点子”转化，坚持“书记抓、抓书记”，实现由唱“独角戏”向“大合唱”转变。"
    assert names(text) == []


def test_idioms_are_not_formulas():
    assert names("“千方百计”“一心一意”推进。") == []


def test_definition_in_brackets_and_its_parts():
    (f,) = find_methods("坚持“5321工作法”（“5”即五个到位，“3”即三个清单，“2”即两个机制，“1”即一个平台），成效明显。")
    assert f.name == "5321工作法"
    assert f.definition.startswith("“5”即五个到位")
    assert len(f.parts) == 4


def test_establishing_verb_and_name_endings():
    assert names("举办“和合讲坛”，创建“侨胞驿站”，组织“清风拂面”走访活动。") == ["和合讲坛", "侨胞驿站", "清风拂面走访活动"]


def test_unquoted_body_set_up_by_a_verb():
    assert names("我们成立党外律师服务团，为群众提供法律咨询。") == ["党外律师服务团"]


def test_unquoted_formula_with_method_word():
    assert names("在全县推行四访四帮工作法，效果明显。") == ["四访四帮工作法"]


def test_mixed_script_brand():
    assert names("建设网络平台——“同心E家”。") == ["同心E家"]


def test_siblings_of_a_strong_name():
    assert names("评选出“五融共建”、民主党派“同心议事”等典型案例。") == ["五融共建", "同心议事"]


def test_aliases_merge_across_cases():
    found = {"a": find_methods("推行“三访三问”工作法。"), "b": find_methods("坚持“三访三问”，效果好。")}
    (m,) = merge(found)
    assert m["name"] == "三访三问工作法" and m["aliases"] == ["三访三问"] and m["cases"] == ["a", "b"]


def test_plus_formulas_without_chinese():
    assert names("构建“3+X”联系服务模式，坚持“1+3+N”工作体系。") == ["3+X联系服务模式", "1+3+N工作体系"]


def test_name_stops_at_a_method_word_or_a_verb():
    assert names("推广“四微工作法”进社区活动，依托“同心e站”开展联谊活动。") == ["四微工作法", "同心e站"]


def test_placeholders_are_not_names():
    assert names("关注“XX统战”微信公众号，推行“某某工作法”。") == []


def test_definition_given_after_a_first_mention_is_kept():
    (f,) = find_methods("推行“三访三问”工作法。具体做法是：坚持“三访三问”工作法（访党外人士问需求、访企业问困难、访群众问意见），取得成效。")
    assert f.name == "三访三问工作法" and f.definition.startswith("访党外人士问需求") and len(f.parts) == 3


# ---- candidates: a quoted term is a name unless there is evidence against it (made-up names)


def test_quoted_names_need_no_sign():
    text = "社区坚持“邻里来议事”，叫响“春风新芽”，走进“暖心驿”，深化“同心走村居”。"
    assert names(text) == ["邻里来议事", "春风新芽", "暖心驿", "同心走村居"]


def test_a_channel_word_is_a_sign_but_not_part_of_the_name():
    assert names("开发“惠侨通”微信小程序，开通“侨声”公众号。") == ["惠侨通", "侨声"]


def test_formulas_with_shuang_and_counts():
    text = "坚持“一强双优”“双联双促”，做到“三力并举”，写好“三篇文章”，当好“六员”，打出“五张牌”，以“四举措”推进。"
    assert names(text) == ["一强双优", "双联双促", "三力并举", "三篇文章", "六员", "五张牌", "四举措"]


def test_numeric_codes_and_plus_forms():
    text = "按照“246”工作思路，坚持“党建+侨务”“平台+服务”，以“统战+”为抓手。"
    assert names(text) == ["246", "党建+侨务", "平台+服务", "统战+"]


def test_brand_marks_and_spaces():
    assert names("打造“侨·心·连”品牌，开展“山水同心 侨乡筑梦”活动，推进「同心圆梦」计划。") == [
        "侨·心·连品牌", "山水同心 侨乡筑梦活动", "同心圆梦计划"]


def test_ascii_quotes():
    assert names('打造"同心·侨文化工程"，开展"侨心连万家"活动。') == ["同心·侨文化工程", "侨心连万家活动"]


def test_parallel_slogan_used_as_a_means_is_a_name():
    assert names("通过“人进网、网连心、心聚力”，实现全覆盖。") == ["人进网、网连心、心聚力"]
    assert names("探索出一条“聚侨心、汇侨智、发侨力”的特色工作路径。") == ["聚侨心、汇侨智、发侨力"]


def test_parallel_slogan_as_principle_or_formula_parts_is_not():
    text = "坚持“同舟共济、分工负责、互惠互利”原则，按照“有场地、有人员、有制度、有活动”四有标准，形成“齐抓共管、上下联动”的浓厚氛围。"
    assert names(text) == []


def test_named_parts_counted_after_the_list():
    assert names("站内设有“侨之书、侨之乐、侨之医”三大功能区。") == ["侨之书、侨之乐、侨之医"]


def test_compound_quote_is_taken_piece_by_piece():
    text = "举办第三届“青春同行——‘海峡连心’文创设计营交流会”品牌发布会。"
    assert {"青春同行", "海峡连心"} <= set(names(text))


def test_quote_inside_quoted_speech():
    assert names("“我们已经建成‘三室一站’阵地，下一步还要扩大覆盖面。”他说。") == ["三室一站"]


def test_traditional_characters_meet_the_same_lists():
    text = "堅持“嵌入式”聯建、“互助式”聯育、“共享式”聯治，架好“連心橋”，構建“大團結大聯合”格局。"
    assert names(text) == ["嵌入式", "互助式", "共享式"]
    # spelled as the text spells them, merged with the same method written in Simplified
    assert names("推進「兩岸同心圓夢」計劃，舉辦「僑胞之家」開放日。") == ["兩岸同心圓夢計劃", "僑胞之家"]
    assert [f.core for f in find_methods("舉辦「僑胞之家」開放日，開展“同心聯誼”活動。")] == ["侨胞之家", "同心联谊"]


# ---- names without quotes


def test_name_repeated_without_quotes():
    text = "以同心驿品牌建设为抓手，全县建成同心驿8个，每个同心驿都配备联络员。以统战工作品牌为引领，统战工作有声有色，统战工作见成效。"
    assert names(text) == ["同心驿"]


def test_names_listed_with_a_pause_mark():
    assert names("通过举办同心讲堂、侨心沙龙等，凝聚共识。") == ["同心讲堂", "侨心沙龙"]
    assert names("开设同心茶座、同心·微课、党纪学习教育等线上专栏。") == ["同心茶座", "同心·微课"]
    assert names("充分发挥“乡贤议事会”、银发宣讲队等作用。") == ["乡贤议事会", "银发宣讲队"]


def test_listed_descriptions_and_everyday_places_are_not_names():
    text = "调研了“侨胞驿站”场地建设、运行维护以及联络机制等情况，参观了侨界青年研学基地、党群服务中心、全县侨务工作站等。"
    assert names(text) == ["侨胞驿站"]


def test_numbered_item_naming_a_mechanism():
    assert names("（1）建立结对帮扶机制。采取一对一方式。\n一是建立完善联络机制。") == ["结对帮扶机制"]


def test_local_publication_in_book_marks():
    text = "利用《同心侨讯》宣传简报，汇编印发《侨乡故事汇》第一辑，认真学习《关于加强统战工作的实施意见》。"
    assert names(text) == ["同心侨讯", "侨乡故事汇"]


def test_bodies_brands_launches_and_mixed_script_without_quotes():
    text = "现场举行了侨乡振兴学堂启动仪式。大力推进同心侨创驿站建设。举行“侨心向党”暨乐享in侨乡活动授旗仪式。"
    assert set(names(text)) == {"侨心向党", "侨乡振兴学堂", "同心侨创驿站", "乐享in侨乡"}


def test_unquoted_count_formula_before_a_method_word():
    assert names("以政策宣传、联谊交友、建言献策三项工程为抓手，推进工作，这是一项系统工程。") == ["三项工程"]


# ---- evidence that a quoted term is not a local method


def test_more_national_slogans():
    text = "坚持“两个毫不动摇”，学习“五一口号”，深化“四个与共”，落实“第一议题”制度，对照“五个有没有”，参加“三下乡活动”。"
    assert names(text) == []


def test_honours_and_titles():
    text = "荣获“全省统战工作先进集体”称号，被命名为“全国生态文明示范县”，获评“同心好社区”，打造“茶叶之乡”，入选“中国历史文化名村”名录。"
    assert names(text) == []


def test_organisations_abbreviations_and_groups_of_people():
    text = "为“江北新联会”揭牌。县同心驿站（以下简称“县驿站”）成立。吸纳12名“95后”青年理事，聚焦“一老一小”等特殊群体，覆盖“四类人群”。"
    assert names(text) == []


def test_ratings_plans_campaigns_labels_and_fragments():
    text = "评选“五星级同心之家”，打造“一区三城”，组织“民法典宣讲月”活动，开展“法律进校园”“进机关”活动。“经验篇”之后是“统战工作的”。健全“县-乡-村”网络，履行“第一联系人”职责。"
    assert names(text) == []


def test_sentences_sayings_slogans_and_topics():
    text = "召开“推进县域文化大发展大繁荣”专题会议，举办“侨务工作与乡村振兴”研讨会。固本强基：“水滴方能石穿”，力求“矛盾不出社区”，点赞“侨乡邻里情同手足”，群众说“服务好，办事快”。"
    assert names(text) == []


def test_modifiers_of_what_follows():
    text = "秉持“同向而行”理念，弘扬“老黄牛”精神，以“凝心聚力 共创未来”为主题，采取“走出去”和“引进来”的方式，开展“接地气”的宣讲。"
    assert names(text) == []


def test_before_and_after_pairs_and_requirements():
    assert names("推动由“各自为战”向“抱团发展”转变，把“讲团结”作为首要任务，实现“抓全面”与“抓重点”相互结合。") == []


def test_head_of_a_metaphor_after_a_noun():
    assert names("筑牢侨务工作“定海桩”，点亮基层治理的“红灯塔”，凝聚“侨动力”，绘制“侨情地图”。") == ["侨情地图"]


def test_descriptors_alone_and_ordinary_words():
    assert names("打造“特色化”交流活动，构建“互嵌式”社区环境，提升服务“温度”。") == []


def test_a_list_mostly_of_ordinary_words_drops_the_rest():
    assert names("推出“情同手足”“同舟共济”“花开四季”等作品。") == []


def test_checklists_and_effects_are_no_names_but_counted_lists_are():
    assert names("制定“履职清单”，发挥“头雁效应”，推行“两张清单”管理。") == ["两张清单"]


def test_generic_words_and_generic_models():
    assert names("开展“志愿服务”，推广“企业+合作社+农户”模式，实现“人防+技防”，打造“同心”社区。") == []


def test_counts_spelling_out_a_code_are_its_parts():
    text = "创新推行“246”工作法，以“两张清单”明责，以“四项机制”保障，以“六支队伍”落实。"
    (f,) = find_methods(text)
    assert f.name == "246工作法" and f.parts == ["两张清单", "四项机制", "六支队伍"]
    assert names("坚持“两张清单”，落实“四项机制”。") == ["两张清单", "四项机制"]  # no code: names


def test_campaign_counts_ratings_and_everyday_phrases():
    text = "开展“六进”活动，创建“五好”示范点，实现“上下联动”，组织“社区统战”活动，完善“选育管用”链条。"
    assert names(text) == []
