"""Tag step — places from the gazetteer: named ones resolved, traps and anonymised ones null.

Every input is made up for the rule it shows, with places of China that the development
corpus does not use, so the tests show the rules are general."""

from __future__ import annotations

from casebook.tag_place import tag_place

NONE = {"province": None, "city": None, "county": None}


def place(province, city=None, county=None):
    return {"province": province, "city": city, "county": county}


def test_organisation_line_names_the_city():
    assert tag_place("中共岳阳市委统战部", "近年来，我市坚持基层统战工作。") == {"province": "湖南省", "city": "岳阳市", "county": None}


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
    assert tag_place("", "统筹城乡和县域经济发展，用心做好党外人士联谊交友。") == NONE


def test_passing_mention_of_a_province_is_not_the_place():
    assert tag_place("市财政局", "依托中兴华会计师事务所安徽皖江分所党支部，邀请台湾同胞参与。") == NONE


def test_regions_united_front_work_addresses_are_not_the_place():
    assert tag_place("", "积极联系台湾同胞，服务台湾青年创业就业。") == NONE


def test_short_name_repeated_in_body():
    body = "德阳坚持统战工作。德阳统战品牌。中共德阳市委高度重视。"
    assert tag_place("", body)["city"] == "德阳市"


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
    body = "宁波市统一战线坚持党建引领。海曙聚焦新的社会阶层人士，海曙打造“甬心汇”品牌。"
    assert tag_place("", body) == place("浙江省", "宁波市", "海曙区")
    assert tag_place("", "海曙聚焦新的社会阶层人士，海曙打造“甬心汇”品牌。") == NONE


def test_the_opening_subject_not_the_introductions_list():
    intro = "现将嘉兴、湖州、绍兴三地的做法摘编如下，请结合实际参考。"
    assert tag_place("", intro) == NONE
    assert tag_place("", intro + "\n近年来，湖州市坚持夯基础、强队伍。") == place("浙江省", "湖州市")


def test_a_delegations_destination_is_not_the_place():
    body = "本报讯 近日，海曙区知联会组织会员赴衢州考察，先后走访衢州、江山等地的党外人士活动阵地。"
    assert tag_place("区知联会赴衢州考察学习", body) == place("浙江省", "宁波市", "海曙区")


def test_a_visitor_is_not_the_place():
    body = ("南京市委统战部一行来甬，与宁波市委统战部座谈。宁波市委统战部介绍了宁波新阶层统战工作做法，"
            "南京市委统战部来访同志表示很受启发。")
    assert tag_place("南京市委统战部来甬考察新阶层统战工作", body) == place("浙江省", "宁波市")


def test_a_partner_is_not_the_place():
    assert tag_place("", "近日，市委统战部与天津市和平区委统战部签订交流合作协议。") == NONE


def test_a_visit_named_after_the_place_is_not_the_place():
    assert tag_place("", "总书记在青海考察时指出，要铸牢中华民族共同体意识。") == NONE


def test_an_events_venue_is_not_the_place():
    assert tag_place("", "近年来，我市坚持大统战工作格局。全市统战工作现场推进会在西宁市城东区召开。") == NONE


def test_footer_address_dateline_and_reprint_source_are_not_the_place():
    assert tag_place("", "（1）完善联络服务机制。\n版权所有 地址：北京市海淀区中关村大街1号") == NONE
    assert tag_place("", "甲乙网北京9月12日电 近日，全县统战干部培训班开班。") == NONE
    assert tag_place("", "【宁夏甲乙网】近日，全县统战干部座谈会举行。") == NONE


def test_a_short_name_that_starts_a_street_name_is_not_the_county():
    assert tag_place("", "仁寿镇党委坚持党建引领，江山街道党工委扎实推进社区统战工作。") == NONE


def test_autonomous_divisions_by_their_shortened_shape():
    assert tag_place("", "近年来，恩施州坚持以铸牢中华民族共同体意识为主线。") == place("湖北省", "恩施土家族苗族自治州")
    assert tag_place("", "近年来，五峰县坚持以铸牢中华民族共同体意识为主线。") == place("湖北省", "宜昌市", "五峰土家族自治县")


def test_traditional_characters():
    body = "雲南紅河州個舊市：打造“同心驛站”服務品牌。近年來，個舊市堅持以黨建引領統戰工作，推動黨外人士建言獻策。"
    assert tag_place("", body) == place("云南省", "红河哈尼族彝族自治州", "个旧市")


def test_a_county_placed_before_the_town_the_title_names():
    title = "浙江台州松门镇新乡贤议事厅启用"
    body = (title + "\n本报讯 近日，温岭市松门镇新乡贤议事厅正式启用，列入台州市首批统战工作示范点。"
            "台州市委统战部表示，台州市将继续……台州市统战系统……")
    assert tag_place(title, body) == place("浙江省", "台州市", "温岭市")


def test_a_text_that_speaks_as_a_district_takes_its_district():
    body = ("中共四川省委统战部 2019-08-27\n强化学习，凝聚共识。区委理论学习中心组每季度专题学习"
            "统战理论。武侯统战公众号每周推送基层统战工作动态。")
    assert tag_place("", body) == place("四川省", "成都市", "武侯区")


def test_a_name_after_zhonggong_is_read():
    assert tag_place("", "中共江西省委统战部召开全省统战部长会议。") == place("江西省")


def test_a_districts_own_bulletin_names_it():
    body = "区委理论学习中心组每季度专题学习统战理论。编印《武侯统战》工作简报，每月刊登基层统战工作信息。"
    assert tag_place("", body) == place("四川省", "成都市", "武侯区")
    assert tag_place("", "我们利用武侯祠开展宣传。") == NONE


def test_a_provinces_text_naming_one_county_in_passing_stays_the_provinces():
    body = ("江西：同心筑梦 谱写统战新篇\n近年来，江西统一战线把学习贯彻作为首要政治任务。江西省委统战部……"
            "江西省各级统战部门……江西省……在江西省委统战部定点帮扶的寻乌县，该县把脐橙种植作为富民产业。")
    assert tag_place("", body) == place("江西省")


def test_a_citys_text_naming_counties_equally_names_no_county():
    body = "近年来，遵义市委统战部在湄潭县、凤冈县等地开展试点。湄潭县建成……凤冈县建成……遵义市……"
    assert tag_place("中共遵义市委统战部", body) == place("贵州省", "遵义市")


def test_a_delegation_going_out_is_at_home():
    assert tag_place("", "近日，海曙区委统战部一行赴衢州考察学习。") == place("浙江省", "宁波市", "海曙区")


def test_a_menu_of_provinces_is_not_the_place():
    assert tag_place("", "山东|江苏|浙江|四川|云南\n近日，全县统战工作会议召开。") == NONE


def test_where_people_come_from_is_not_the_place():
    assert tag_place("", "全区统一战线做好福建籍企业家和泉州同乡会的联络服务。") == NONE
    assert tag_place("", "我县积极服务四川泉州商会会员企业。") == place("四川省")
