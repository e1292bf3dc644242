"""Tag step — places from the gazetteer: named ones resolved, traps and anonymised ones null.

Every input is made up for the rule it shows, with places of China that the development
corpus does not use, so the tests show the rules are general."""

from __future__ import annotations

from casebook.tag_place import tag_place

NONE = {"province": None, "city": None, "county": None}


def place(province, city=None, county=None):
    return {"province": province, "city": city, "county": county}


def test_organisation_line_names_the_city():
    assert tag_place("中共襄阳市委统战部", "近年来，我市坚持基层统战工作。") == {"province": "湖北省", "city": "襄阳市", "county": None}


def test_county_named_alone_resolves_to_city_and_province():
    assert tag_place("黄梅县委统战部 张三", "黄梅县坚持……") == {"province": "湖北省", "city": "黄冈市", "county": "黄梅县"}


def test_county_level_city_in_body_only():
    body = "宜城市深入推进统战工作。宜城市委统战部创新开展活动，宜城市各乡镇积极响应。"
    assert tag_place("", body) == {"province": "湖北省", "city": "襄阳市", "county": "宜城市"}


def test_anonymised_places_stay_null():
    assert tag_place("某区统一战线工作安排意见", "全区统战工作……XX县、××市和我市都要……") == NONE


def test_anonymised_header_wins_over_a_passing_real_name():
    assert tag_place("XX区委统战部2025年工作要点", "全区统一战线要服务浙江民营企业发展。") == NONE


def test_words_that_contain_place_names_are_not_places():
    body = "民族团结进步示范县创建，画出最大同心圆，鼓励民营企业在农村投资兴办企业，加强合作，团结合作共事。" * 3
    assert tag_place("", body) == NONE


def test_one_character_county_must_be_a_word_of_its_own():
    assert tag_place("", "认真落实中国共产党统一战线工作条例和县委决策部署，扎实推进基层统战工作。") == NONE


def test_passing_mention_of_a_province_is_not_the_place():
    assert tag_place("市财政局", "依托中兴华会计师事务所安徽皖江分所党支部，邀请台湾同胞参与。") == NONE


def test_regions_united_front_work_addresses_are_not_the_place():
    assert tag_place("", "积极联系台湾同胞，服务台湾青年创业就业。") == NONE


def test_short_name_repeated_in_body():
    body = "泸州坚持统战工作。泸州统战品牌。中共泸州市委高度重视。"
    assert tag_place("", body)["city"] == "泸州市"


def test_a_county_named_once_as_the_opening_subject():
    assert tag_place("", "近年来，旌德县委统战部坚持“三个到位”，推动基层统战工作落地见效。") == place("安徽省", "宣城市", "旌德县")


def test_the_opening_subject_outweighs_names_repeated_later():
    body = "近年来，龙泉市坚持“侨”字当头。庆元县的侨胞代表应邀参加，庆元县侨联负责人作了发言。"
    assert tag_place("", body) == place("浙江省", "丽水市", "龙泉市")


def test_a_full_name_shared_by_several_divisions_is_settled_by_the_city_named():
    assert tag_place("中共长春市朝阳区委统战部", "朝阳区坚持……") == place("吉林省", "长春市", "朝阳区")
    body = "长春市统一战线……。今年以来，朝阳区新的社会阶层人士联谊会……"
    assert tag_place("", body) == place("吉林省", "长春市", "朝阳区")


def test_a_districts_short_name_counts_once_its_city_is_named():
    body = "宁波市统一战线坚持党建引领。海曙聚焦新的社会阶层人士，海曙打造“同心荟”品牌。"
    assert tag_place("", body) == place("浙江省", "宁波市", "海曙区")
    assert tag_place("", "海曙聚焦新的社会阶层人士，海曙打造“同心荟”品牌。") == NONE


def test_the_opening_subject_not_the_introductions_list():
    intro = "现撷取嘉兴、湖州、绍兴三地的实践经验，供各地学习借鉴。"
    assert tag_place("", intro) == NONE
    assert tag_place("", intro + "\n近年来，湖州市坚持明责任、建机制。") == place("浙江省", "湖州市")


def test_a_delegations_destination_is_not_the_place():
    body = "本报讯 近日，海曙区台胞台属联谊会赴衢州开展交流调研，先后走访衢州、江山等地的台胞之家。"
    assert tag_place("区台联会赴衢州交流调研", body) == place("浙江省", "宁波市", "海曙区")


def test_a_visitor_is_not_the_place():
    body = ("上海市委统战部调研组一行来甬，与宁波市委统战部座谈交流。宁波市委统战部介绍了宁波网络统战工作情况，"
            "上海市委统战部来访代表表示获益良多。")
    assert tag_place("上海市委统战部来甬交流网络统战工作", body) == place("浙江省", "宁波市")


def test_a_partner_is_not_the_place():
    assert tag_place("", "近日，市委统战部与天津市和平区委统战部签订交流合作协议。") == NONE


def test_a_visit_named_after_the_place_is_not_the_place():
    assert tag_place("", "总书记在青海考察时指出，要铸牢中华民族共同体意识。") == NONE


def test_an_events_venue_is_not_the_place():
    assert tag_place("", "近年来，我市坚持大统战工作格局。全市统战工作现场推进会在西宁市城东区召开。") == NONE


def test_footer_address_dateline_and_reprint_source_are_not_the_place():
    assert tag_place("", "（1）建立结对联系机制。\n版权所有 地址：北京市海淀区中关村大街1号") == NONE
    assert tag_place("", "人民网北京9月12日电 近日，全县统战干部培训班开班。") == NONE
    assert tag_place("", "【中国吉林网】近日，全县统战工作会议召开。") == NONE


def test_a_short_name_that_starts_a_street_name_is_not_the_county():
    assert tag_place("", "仁寿镇党委坚持党建引领，江山街道党工委扎实推进社区统战工作。") == NONE


def test_autonomous_divisions_by_their_shortened_shape():
    assert tag_place("", "近年来，恩施州坚持以铸牢中华民族共同体意识为主线。") == place("湖北省", "恩施土家族苗族自治州")
    assert tag_place("", "近年来，五峰县坚持以铸牢中华民族共同体意识为主线。") == place("湖北省", "宜昌市", "五峰土家族自治县")


def test_traditional_characters():
    body = "雲南紅河州個舊市：創新探索“1+1+N”活動聯辦機制。近年來，個舊市注重統戰部門與民主黨派交流互動。"
    assert tag_place("", body) == place("云南省", "红河哈尼族彝族自治州", "个旧市")


def test_a_county_placed_before_the_town_the_title_names():
    title = "浙江温州雁荡镇侨联“侨胞之家”入选"
    body = (title + "\n本报讯 近日，乐清市雁荡镇侨联“侨胞之家”入选，成为温州市此次唯一获此殊荣的单位。"
            "温州市侨联表示，温州市将继续……温州市侨界……")
    assert tag_place(title, body) == place("浙江省", "温州市", "乐清市")


def test_a_text_that_speaks_as_a_district_takes_its_district():
    body = ("中共四川省委统一战线工作部 2016-05-16\n加强宣传，形成共识。每年我们将基层统战理论学习列为区委中心组的"
            "授课内容。武侯统战公众号定期刊发基层统战工作知识。")
    assert tag_place("", body) == place("四川省", "成都市", "武侯区")


def test_a_name_after_zhonggong_is_read():
    assert tag_place("", "中共江西省委统战部召开全省统战部长会议。") == place("江西省")


def test_a_districts_own_bulletin_names_it():
    body = "每年我们将基层统战理论学习列为区委中心组的授课内容。利用《武侯统战》宣传简报，定期刊发基层统战工作知识。"
    assert tag_place("", body) == place("四川省", "成都市", "武侯区")
    assert tag_place("", "我们利用武侯祠开展宣传。") == NONE


def test_a_provinces_text_naming_one_county_in_passing_stays_the_provinces():
    body = ("甘肃：凝心聚力 立足统一战线新格局\n近年来，甘肃统一战线把学习贯彻作为首要政治任务。甘肃省委统战部……"
            "甘肃省各级统战部门……甘肃省……在甘肃省委统战部帮扶联系点舟曲县，该县以花椒产业发展为抓手。")
    assert tag_place("", body) == place("甘肃省")


def test_a_citys_text_naming_counties_equally_names_no_county():
    body = "近年来，遵义市委统战部在湄潭县、凤冈县等地开展试点。湄潭县建成……凤冈县建成……遵义市……"
    assert tag_place("中共遵义市委统战部", body) == place("贵州省", "遵义市")


def test_a_delegation_going_out_is_at_home():
    assert tag_place("", "近日，海曙区委统战部一行赴衢州考察学习。") == place("浙江省", "宁波市", "海曙区")


def test_a_menu_of_provinces_is_not_the_place():
    assert tag_place("", "安徽|北京|重庆|福建|甘肃\n近日，全县统战工作会议召开。") == NONE


def test_where_people_come_from_is_not_the_place():
    assert tag_place("", "全区统一战线做好浙江籍企业家和温州同乡会的联络服务。") == NONE
    assert tag_place("", "我县积极服务四川温州商会会员企业。") == place("四川省")
