"""Tag step — places from the gazetteer: named ones resolved, traps and anonymised ones null."""

from __future__ import annotations

from casebook.tag_place import tag_place

NONE = {"province": None, "city": None, "county": None}


def test_organisation_line_names_the_city():
    assert tag_place("中共襄阳市委统战部", "近年来，我市坚持基层统战工作。") == {"province": "湖北省", "city": "襄阳市", "county": None}


def test_county_named_alone_resolves_to_city_and_province():
    assert tag_place("黄梅县委统战部 张三", "黄梅县坚持……") == {"province": "湖北省", "city": "黄冈市", "county": "黄梅县"}


def test_county_level_city_in_body_only():
    body = "宜城市深入推进统战工作。宜城市委统战部创新开展活动，宜城市各乡镇积极响应。"
    assert tag_place("", body) == {"province": "湖北省", "city": "襄阳市", "county": "宜城市"}


def test_anonymised_places_stay_null():
    assert tag_place("某区统一战线工作安排意见", "全区统战工作……XX县、××市和我市都要……") == NONE


def test_words_that_contain_place_names_are_not_places():
    body = "民族团结进步示范县创建，画出最大同心圆，鼓励民营企业在农村投资兴办企业，加强合作，团结合作共事。" * 3
    assert tag_place("", body) == NONE


def test_passing_mention_of_a_province_is_not_the_place():
    assert tag_place("市财政局", "依托中兴华会计师事务所安徽皖江分所党支部，邀请台湾同胞参与。") == NONE


def test_short_name_repeated_in_body():
    body = "泸州坚持统战工作。泸州统战品牌。中共泸州市委高度重视。"
    assert tag_place("", body)["city"] == "泸州市"
